import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Folders a layer must not reach into, per docs in ../shared/design.md ("Folders and what each may import"). */
const forbid = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});
const layer = (names, why) => ({ group: names.flatMap((name) => [`**/${name}`, `**/${name}/**`]), message: why });
const electronModule = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload import Electron.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'bench/results/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  // Tests read response bodies of many shapes.
  { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  forbid(['shared/**'], [{ regex: '^(?!zod$|\\./)', message: 'shared/ imports only zod and itself.' }]),
  forbid(['electron/db/**'], [
    layer(['core', 'sync', 'api', 'cli', 'main', 'preload'], 'electron/db sits below every other layer.'),
    { group: ['fastify', 'fastify/*'], message: 'The database layer knows nothing of HTTP.' },
    electronModule,
  ]),
  forbid(['electron/core/**'], [
    layer(['sync', 'api', 'cli', 'main', 'preload'], 'electron/core uses db and shared only.'),
    { group: ['fastify', 'fastify/*'], message: 'Use-cases know nothing of HTTP.' },
    electronModule,
  ]),
  forbid(['electron/sync/**'], [layer(['api', 'cli', 'main', 'preload'], 'electron/sync uses core, db and shared.'), electronModule]),
  forbid(['electron/api/**'], [layer(['cli', 'main', 'preload'], 'electron/api is started by a composition root, never the reverse.'), electronModule]),
  forbid(['electron/cli/**'], [layer(['main', 'preload'], 'The headless entry points run without Electron.'), electronModule]),
  {
    ...forbid(['renderer/**'], [
    layer(['electron'], 'The renderer talks to the main process only through the local API and the preload bridge.'),
      { group: ['better-sqlite3', 'fastify', 'node:*'], message: 'The renderer runs in a browser.' },
    ]),
    // The renderer's build config runs in Node, not in the page.
    ignores: ['renderer/vite.config.mts'],
  },
);
