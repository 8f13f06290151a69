// Bundles src/extension.ts into dist/extension.js (CommonJS, `vscode` external).
// `--production` minifies; `--watch` rebuilds on change. Type checking is `tsc --noEmit` (npm run typecheck).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const ctx = await esbuild.context({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: true,
  sourcesContent: false,
  minify: production,
  // The SDK ships ESM and CJS builds. The ESM one lets esbuild leave out every command and protocol the product
  // never sends (90 KB of the bundle); a module reached only through `await import()` stays a lazy initializer,
  // so the clients are still off the activation path.
  mainFields: ['module', 'main'],
  metafile: true,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
});

if (watch) {
  await ctx.watch();
} else {
  const result = await ctx.rebuild();
  const bytes = result.metafile.outputs['dist/extension.js'].bytes;
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(0)} KB${production ? ' (production)' : ''}`);
  await ctx.dispose();
}
