const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join, relative } = require('node:path');

const workspaceRoot = join(__dirname, '../..');

/**
 * The webpack build every app shares: `module.exports = require('../../tools/presets/webpack-app')(__dirname);` in the
 * app's webpack.config.js (Nx infers the build and serve targets from that file; `npm run dev` loads it too).
 * Bundles src/main.ts with the app's tsconfig.json into dist/<app root>, with a generated package.json (the image's
 * dependencies). `options` adds to NxAppWebpackPlugin's, e.g. `{ assets: ['./src/assets'] }`.
 */
module.exports = function appWebpackConfig(appDir, options = {}) {
  // `npm start` and `npm run dev` build the development configuration, which only transpiles (3x less CPU). Type errors
  // still fail lint, test and the production build (the default configuration, and the images').
  const development = process.env.NODE_ENV === 'development';
  return {
    output: {
      path: join(workspaceRoot, 'dist', relative(workspaceRoot, appDir)),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
        typeCheckOptions: !development,
        ...options,
      }),
    ],
  };
};
