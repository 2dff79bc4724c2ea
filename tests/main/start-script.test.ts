import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

const electronDir = join('node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const electronInstalled = existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));

describe('npm start without the Electron binary', () => {
  let cache: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => cache?.remove());

  // With the binary present the script would go on to start the app.
  it.skipIf(electronInstalled)('tries install-electron, then fails with one sentence pointing at npm run serve', () => {
    cache = makeTempDir('electron-cache-');
    const start = spawnSync(process.execPath, ['scripts/start-electron.mjs'], {
      encoding: 'utf8',
      timeout: 60_000,
      // An empty cache and a mirror that refuses connections: the download fails the same way everywhere.
      env: { ...process.env, electron_config_cache: cache.dir, ELECTRON_MIRROR: 'http://127.0.0.1:9/' },
    });
    expect(start.status).toBe(1);
    expect(start.stdout).toContain('install-electron');
    const lastLine = start.stderr.trim().split('\n').at(-1);
    expect(lastLine).toBe(
      'The Electron binary is not installed and could not be downloaded here, so the desktop app cannot start; run `npm run serve` to use Recruiter Desk in your browser instead.',
    );
    expect(existsSync(pathFile)).toBe(false);
  });
});
