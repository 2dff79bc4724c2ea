import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { createCoreContext } from '../../electron/core/core-context';
import { countCandidates } from '../../electron/db/candidate-repository';
import { closeDatabase, openDatabase } from '../../electron/db/connection';
import { acquireSyncLease, releaseSyncLease } from '../../electron/db/sync-repository';
import { readConflictPolicy } from '../../electron/sync/sync-settings';
import { type RemoteServer, createRemoteServer } from '../../tools/remote-server/remote-server';
import { writeNewerDatabase } from '../helpers/database-at-version';
import { startNpmScript, startScript } from '../helpers/script-process';
import { type CliRun, lastLineJson, NOTHING_DONE, SUMMARY_KEYS } from '../helpers/sync-cli-run';
import { makeTempDir } from '../helpers/temp-dir';

const FLAGS = ['--data-dir', '--remote-url', '--remote-token', '--save', '--policy', '--concurrency', '--help', '-h'];

// Every test waits on child processes compiling sync.ts with tsx: a ceiling, never a measurement.
describe('npm run sync', { timeout: 90_000 }, () => {
  let home: ReturnType<typeof makeTempDir>;
  /** Keeps a child from reading the real per-user data folder or a token in the developer's environment. */
  let env: NodeJS.ProcessEnv;
  let remote: RemoteServer;
  let other: RemoteServer;
  const folders: ReturnType<typeof makeTempDir>[] = [];

  beforeAll(async () => {
    home = makeTempDir('recruiter-desk-home-');
    env = { HOME: home.dir, XDG_CONFIG_HOME: join(home.dir, '.config'), APPDATA: join(home.dir, 'AppData'), RECRUITER_DESK_REMOTE_TOKEN: undefined };
    [remote, other] = await Promise.all([
      createRemoteServer({ initialCandidates: 12, randomSeed: 11 }),
      createRemoteServer({ initialCandidates: 4, randomSeed: 22 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([remote?.close(), other?.close()]);
    for (const folder of folders) folder.remove();
    home?.remove();
  });

  function dataDir(): string {
    const folder = makeTempDir();
    folders.push(folder);
    return folder.dir;
  }

  async function sync(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    const child = startScript('electron/cli/sync.ts', args, { ...env, ...extraEnv });
    try {
      const exit = await child.waitForExit();
      return { code: exit.code, stdout: child.stdout(), stderr: child.stderr(), summary: lastLineJson(child.stdout()) };
    } finally {
      await child.kill();
    }
  }

  function localCount(dir: string): number {
    const db = openDatabase(join(dir, DATABASE_FILE));
    try {
      return countCandidates(db);
    } finally {
      closeDatabase(db);
    }
  }

  // Short-lived processes that touch nothing shared: side by side they cost one wait.
  describe.concurrent('usage', () => {
    it('--help exits 0 and lists every flag', async () => {
      const run = await sync(['--help']);
      expect(run.code).toBe(0);
      for (const flag of FLAGS) expect(run.stdout).toContain(flag);
      expect(run.stdout).toContain('RECRUITER_DESK_REMOTE_TOKEN');
      expect(run.stderr).toBe('');
    });

    it.each([
      { name: 'an unknown flag', args: ['--bogus'], says: /--bogus/ },
      { name: 'an empty data folder', args: ['--remote-token', 'k'], dir: '', says: /--data-dir must name a folder/ },
      { name: 'a key that cannot be sent', args: ['--remote-url', 'http://127.0.0.1:9', '--remote-token', 'rk live'], says: /API key .* printable ASCII/ },
      { name: 'no remote URL and none saved', args: ['--remote-token', 'k'], says: /--remote-url is required/ },
      { name: 'a URL that is no URL', args: ['--remote-url', 'cloud dot example', '--remote-token', 'k'], says: /--remote-url.*not a valid URL/ },
      { name: 'an unknown policy', args: ['--remote-url', 'http://127.0.0.1:9', '--remote-token', 'k', '--policy', 'newest-wins'], says: /--policy must be one of ask, prefer-remote, prefer-local/ },
      { name: 'concurrency 17', args: ['--remote-url', 'http://127.0.0.1:9', '--remote-token', 'k', '--concurrency', '17'], says: /--concurrency must be a whole number from 1 to 16/ },
    ])('$name exits 2 with a clear message and the usage, and creates no data folder', async ({ args, says, dir: given }) => {
      const dir = given ?? join(dataDir(), 'never-made');
      const run = await sync(['--data-dir', dir, ...args]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(says);
      expect(run.stderr).toContain('Usage: npm run sync');
      // A script reading the last line still gets a summary: nothing was done.
      expect(run.stdout).toBe(`${JSON.stringify(NOTHING_DONE)}\n`);
      if (dir !== '') expect(existsSync(dir)).toBe(false);
      expect(run.stderr).not.toContain('rk live');
    });
  });

  describe.concurrent('runs', () => {
    it('through npm itself, as the issue and README write it, the key typed after -- shows nowhere in the output', async () => {
      // npm's debug logs go where this test can read them, not to ~/.npm/_logs.
      const npmLogs = dataDir();
      const child = startNpmScript('sync', ['--data-dir', dataDir(), '--remote-url', remote.url, '--remote-token', remote.apiKey], {
        ...env,
        npm_config_logs_dir: npmLogs,
      });
      try {
        const exit = await child.waitForExit();
        expect(exit.code, child.stderr()).toBe(0);
        expect(lastLineJson(child.stdout())).toMatchObject({ pulled: 12, errors: 0 });
        // npm echoes an npm-run command line, arguments included, unless it is silent (.npmrc).
        expect(child.stdout()).not.toContain(remote.apiKey);
        expect(child.stderr()).not.toContain(remote.apiKey);
        // Its debug log records the whole command line too, unless it writes none (.npmrc).
        for (const log of readdirSync(npmLogs, { recursive: true, encoding: 'utf8' })) {
          const path = join(npmLogs, log);
          if (statSync(path).isFile()) expect(readFileSync(path, 'utf8'), log).not.toContain(remote.apiKey);
        }
      } finally {
        await child.kill();
      }
    });

    it('exits 1 with the summary as the last line when it cannot start (a database from a newer version)', async () => {
      const dir = dataDir();
      writeNewerDatabase(join(dir, DATABASE_FILE), 99);
      const run = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.apiKey]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/newer version/);
      expect(run.summary).toEqual(NOTHING_DONE);
    });

    it('on SIGINT mid-run stops the sync, prints what it did, closes the database and exits 1; the next run completes it', async () => {
      const dir = dataDir();
      const slow = await createRemoteServer();
      try {
        slow.controls.seed(30, { maskedShare: 0, revealedShare: 0 });
        slow.controls.setLatency(400);
        const child = startScript('electron/cli/sync.ts', ['--data-dir', dir, '--remote-url', slow.url, '--remote-token', slow.apiKey], env);
        try {
          while (slow.controls.stats().total === 0) await new Promise((resolve) => setTimeout(resolve, 20));
          child.child.kill('SIGINT');
          expect(await child.waitForExit()).toEqual({ code: 1, signal: null });
          expect(child.stderr()).toContain('SIGINT: stopping the sync');
          expect(Object.keys(lastLineJson(child.stdout()) ?? {}).sort()).toEqual(SUMMARY_KEYS);
          expect(existsSync(join(dir, `${DATABASE_FILE}-wal`))).toBe(false);
        } finally {
          await child.kill();
        }
        const again = await sync(['--data-dir', dir, '--remote-url', slow.url, '--remote-token', slow.apiKey]);
        expect(again.code, again.stderr).toBe(0);
        expect(localCount(dir)).toBe(30);
      } finally {
        await slow.close();
      }
    });

    it('completes: exit 0, the JSON summary as the last line, the remote candidates local', async () => {
      const dir = dataDir();
      const run = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.apiKey, '--concurrency', '2']);
      expect(run.code, run.stderr).toBe(0);
      expect(Object.keys(run.summary ?? {}).sort()).toEqual(SUMMARY_KEYS);
      expect(run.summary).toMatchObject({ pulled: 12, pushed: 0, created: 0, linked: 0, conflicts: 0, errors: 0 });
      expect(run.summary!.requests).toBeGreaterThan(0);
      expect(localCount(dir)).toBe(12);
      expect(run.stdout + run.stderr).not.toContain(remote.apiKey);
    });

    it('exits 3 with "API key rejected" for a wrong key, which appears nowhere in the output', async () => {
      const dir = dataDir();
      const wrongKey = 'rk_live_wrong_9c2b7a6e5d3c4f1d';
      const run = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', wrongKey]);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain('API key rejected');
      expect(Object.keys(run.summary ?? {}).sort()).toEqual(SUMMARY_KEYS);
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain(wrongKey);
        expect(text).not.toContain(remote.apiKey);
      }
    });

    it('takes the key from RECRUITER_DESK_REMOTE_TOKEN, and does not print it', async () => {
      const dir = dataDir();
      const run = await sync(['--data-dir', dir, '--remote-url', other.url], { RECRUITER_DESK_REMOTE_TOKEN: other.apiKey });
      expect(run.code, run.stderr).toBe(0);
      expect(run.summary).toMatchObject({ pulled: 4, errors: 0 });
      expect(run.stdout + run.stderr).not.toContain(other.apiKey);
    });

    it('exits 1 with a clear message and the JSON summary when the remote is down', async () => {
      const down = await createRemoteServer();
      const url = down.url;
      await down.close();
      const run = await sync(['--data-dir', dataDir(), '--remote-url', url, '--remote-token', 'some-key']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/did not complete/);
      expect(run.stderr).toMatch(/refused the connection|could not be reached/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(Object.keys(run.summary ?? {}).sort()).toEqual(SUMMARY_KEYS);
      expect(run.summary!.errors).toBeGreaterThan(0);
    });

    it('exits 1 saying a sync is running while another holds the lease, and touches nothing', async () => {
      const dir = dataDir();
      const db = openDatabase(join(dir, DATABASE_FILE));
      // A live holder on this machine (this test process), with time left on its lease.
      acquireSyncLease(db, { owner: 'test holder', host: hostname(), pid: process.pid }, Date.now(), 60_000);
      try {
        const run = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.apiKey]);
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr).toMatch(/already running/);
        expect(countCandidates(db)).toBe(0);
      } finally {
        releaseSyncLease(db, 'test holder');
        closeDatabase(db);
      }
    });
  });

  describe('a saved remote', () => {
    it('--save keeps URL and key in DIR/remote.json (mode 0600); later runs use it, flags win', async () => {
      const dir = dataDir();
      const saved = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.apiKey, '--save', '--policy', 'prefer-local']);
      expect(saved.code, saved.stderr).toBe(0);
      const file = join(dir, 'remote.json');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ remote_url: remote.url, remote_token: remote.apiKey });
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(saved.stderr).toContain(file);
      expect(saved.stdout + saved.stderr).not.toContain(remote.apiKey);
      const db = openDatabase(join(dir, DATABASE_FILE));
      try {
        expect(readConflictPolicy(createCoreContext(db))).toBe('prefer-local');
      } finally {
        closeDatabase(db);
      }

      remote.controls.addCandidate({ full_name: 'Later Added', email: 'later.added@example.com' });
      const again = await sync(['--data-dir', dir]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.summary).toMatchObject({ pulled: 1, errors: 0 });

      // A flag beats the saved key: a wrong one is rejected, though the saved one is right.
      const wrongFlag = await sync(['--data-dir', dir, '--remote-token', 'rk_wrong_flag_1234']);
      expect(wrongFlag.code).toBe(3);

      // A flag beats the saved URL: this run talks to the other remote (with its own key).
      const elsewhere = await sync(['--data-dir', dir, '--remote-url', other.url, '--remote-token', other.apiKey]);
      expect(elsewhere.code, elsewhere.stderr).toBe(0);
      expect(elsewhere.summary).toMatchObject({ pulled: 4, errors: 0 });
      // The saved file is untouched by runs without --save.
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ remote_url: remote.url, remote_token: remote.apiKey });
    });

    it('--save keeps nothing when the remote rejects the key, and the key saved before stays', async () => {
      const dir = dataDir();
      const rejected = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', 'rk_wrong_key_1234', '--save']);
      expect(rejected.code).toBe(3);
      expect(rejected.stderr).toContain('nothing saved: the remote rejected this key');
      expect(existsSync(join(dir, 'remote.json'))).toBe(false);

      expect((await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.apiKey, '--save'])).code).toBe(0);
      expect((await sync(['--data-dir', dir, '--remote-token', 'rk_wrong_key_1234', '--save'])).code).toBe(3);
      expect(JSON.parse(readFileSync(join(dir, 'remote.json'), 'utf8'))).toEqual({ remote_url: remote.url, remote_token: remote.apiKey });
    });
  });
});
