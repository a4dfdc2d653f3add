const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { WebpackError } = require('webpack');
const { join, relative } = require('node:path');

const workspaceRoot = join(__dirname, '../..');

// `npm start` builds the development configuration: transpile only. Type errors still fail lint, test and the
// production build (the default configuration, and the images').
const development = process.env.NODE_ENV === 'development';

/** Packages that must never reach the browser: the contracts' DTO classes pull them in (see the `/routes` entries). */
const SERVER_PACKAGE =
  /[\\/]node_modules[\\/](@nestjs[\\/][^\\/]+|class-validator|class-transformer|reflect-metadata)[\\/]/;

/** Fails the build, once per package and naming the workspace file that pulls it in, when server code would be bundled. */
class NoServerCodePlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap('NoServerCodePlugin', (compilation) => {
      compilation.hooks.finishModules.tap('NoServerCodePlugin', (modules) => {
        const found = new Map(); // package → the workspace files that import it
        for (const module of modules) {
          const match = SERVER_PACKAGE.exec(module.resource ?? '');
          if (!match) continue;
          let issuer = compilation.moduleGraph.getIssuer(module);
          while (issuer?.resource?.includes('node_modules')) issuer = compilation.moduleGraph.getIssuer(issuer);
          if (!found.has(match[1])) found.set(match[1], new Set());
          if (issuer?.resource) found.get(match[1]).add(relative(workspaceRoot, issuer.resource));
        }
        for (const [name, importers] of found) {
          compilation.errors.push(
            new WebpackError(
              `storefront: ${name} would be bundled (through ${[...importers].join(', ') || 'an unknown module'}); ` +
                "browser code imports the contracts' values from '@ms/contracts-<service>/routes', never the barrel",
            ),
          );
        }
      });
    });
  }
}

module.exports = {
  // No webpack default entry (./src as `main`): the plugin's `main` is the only one.
  entry: {},
  output: {
    path: join(__dirname, '../../dist/apps/storefront'),
    clean: true,
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'web',
      compiler: 'tsc',
      runtimeChunk: false,
      vendorChunk: false,
      assets: ['./src/index.html', './src/styles.css'],
      main: './src/main.ts',
      // One classic script, /app.js, loaded by index.html with `defer` (no inline code: the platform's CSP holds).
      outputFileName: 'app.js',
      tsConfig: './tsconfig.json',
      outputHashing: 'none',
      optimization: !development,
      // Never an eval-based source map: the CSP forbids eval.
      sourceMap: true,
      typeCheckOptions: !development,
    }),
    new NoServerCodePlugin(),
  ],
};
