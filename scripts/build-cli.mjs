// Bundles the headless entry points into out/cli so `serve` and `sync` start in
// plain Node without compiling TypeScript at run time. better-sqlite3 stays
// external: it is a native module, loaded from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: { serve: 'electron/cli/serve.ts', sync: 'electron/cli/sync.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3'],
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
