// Bundles the headless entry points into out/cli so `serve` and `sync` start in
// plain Node without compiling TypeScript at run time. better-sqlite3 stays
// external: it is a native module, loaded from node_modules.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

const result = await build({
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
  write: false,
});

// Each file is written aside and renamed into place: a `serve` or `sync` starting
// while another build runs (tests build side by side) reads a whole bundle, never half of one.
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const draft = `${file.path}.${process.pid}.tmp`;
  writeFileSync(draft, file.contents);
  renameSync(draft, file.path);
}
