const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

// `npm start` and `npm run dev` build the development configuration, which only transpiles (3x less CPU). Type errors
// still fail lint, test and the production build (the default configuration, and the images').
const development = process.env.NODE_ENV === 'development';

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/gateway'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // The storefront (static HTML/CSS/JS) ships next to main.js, in dist/apps/gateway/assets/storefront.
      assets: ['./src/assets'],
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      typeCheckOptions: !development,
    }),
  ],
};
