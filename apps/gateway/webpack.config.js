module.exports = require('../../tools/presets/webpack-app')(__dirname, {
  // The storefront (apps/storefront, built first: implicitDependencies) ships next to main.js, in storefront/.
  assets: [{ input: '../../dist/apps/storefront', glob: '**/*', output: 'storefront' }],
});
