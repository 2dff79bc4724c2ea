// `npm start`: the desktop app in development. Fetches the Electron binary if it
// is missing, builds better-sqlite3 for Electron if needed, then runs
// `electron-vite preview`, which builds main, preload and renderer and starts
// Electron on them. The window loads the page from the local API (as the
// packaged app does), so the built renderer is what runs, not Vite's dev server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectRoot, 'package.json'));
const electronDir = dirname(require.resolve('electron/package.json'));

const NO_ELECTRON =
  'The Electron binary is not installed and could not be downloaded here, so the desktop app cannot start; run `npm run serve` to use Recruiter Desk in your browser instead.';

/** What require('electron') would find: path.txt names the executable inside dist/. */
function electronBinaryInstalled() {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
}

function runNode(script, args = []) {
  return spawnSync(process.execPath, [script, ...args], { cwd: projectRoot, stdio: 'inherit' }).status === 0;
}

if (!electronBinaryInstalled()) {
  console.log('Fetching the Electron binary (install-electron)…');
  if (!runNode(join(electronDir, 'install.js')) || !electronBinaryInstalled()) {
    console.error(NO_ELECTRON);
    process.exit(1);
  }
}

// Prints its own one-sentence reason when it cannot build.
if (!runNode(join(projectRoot, 'scripts', 'build-electron-native.mjs'))) process.exit(1);

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const child = spawn(process.execPath, [electronVite, 'preview', ...process.argv.slice(2)], { cwd: projectRoot, stdio: 'inherit' });
// Ctrl+C already reaches Electron (same process group); a SIGTERM sent to npm is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
