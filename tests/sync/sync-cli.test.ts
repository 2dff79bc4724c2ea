import { readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { createCoreContext } from '../../electron/core/core-context';
import { closeDatabase, openDatabase } from '../../electron/db/connection';
import { acquireSyncLease } from '../../electron/db/sync-repository';
import { LEASE_TTL_MS } from '../../electron/sync/sync-engine';
import { type RemoteServer, createRemoteServer } from '../../tools/remote-server/remote-server';
import { type ScriptProcess, startScript } from '../helpers/script-process';
import { type CliRun, lastLineJson, SUMMARY_KEYS } from '../helpers/sync-cli-run';
import { compareSides } from '../helpers/sync-harness';
import { makeTempDir } from '../helpers/temp-dir';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function remoteWith(candidates: number): Promise<RemoteServer> {
  const remote = await createRemoteServer({ randomSeed: 7301, initialCandidates: candidates, reportError: (error) => { throw error; } });
  cleanups.push(() => remote.close());
  return remote;
}

function dataDir(): string {
  const temp = makeTempDir();
  cleanups.push(temp.remove);
  return temp.dir;
}

async function runCli(args: string[]): Promise<CliRun> {
  const child: ScriptProcess = startScript('electron/cli/sync.ts', args);
  cleanups.push(() => child.kill());
  const exit = await child.waitForExit();
  return { code: exit.code, stdout: child.stdout(), stderr: child.stderr(), summary: lastLineJson(child.stdout()) };
}

/** Every byte the data folder holds, to look for a secret in. */
function folderText(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

describe('npm run sync', () => {
  it('exits 3 with "API key rejected" for a wrong key, 0 once the key is right; no key in any output or file', async () => {
    const remote = await remoteWith(30);
    const dir = dataDir();
    const wrongKey = 'rk_live_wrong_4f1d9c2b7a6e5d3c';

    const rejected = await runCli(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', wrongKey]);
    expect(rejected.code, rejected.stderr).toBe(3);
    expect(rejected.stderr).toContain('API key rejected');
    expect(Object.keys(rejected.summary ?? {}).sort()).toEqual(SUMMARY_KEYS);
    for (const text of [rejected.stdout, rejected.stderr, folderText(dir)]) {
      expect(text).not.toContain(wrongKey);
      expect(text).not.toContain(remote.apiKey);
    }

    const completed = await runCli(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.apiKey, '--policy', 'prefer-remote']);
    expect(completed.code, completed.stderr).toBe(0);
    expect(completed.summary).toMatchObject({ pulled: 30, pushed: 0, created: 0, linked: 0, conflicts: 0, errors: 0 });
    expect(Object.keys(completed.summary ?? {}).sort()).toEqual(SUMMARY_KEYS);
    for (const text of [completed.stdout, completed.stderr, folderText(dir)]) expect(text).not.toContain(remote.apiKey);

    const db = openDatabase(join(dir, DATABASE_FILE));
    try {
      expect(compareSides({ remote, local: { db, ctx: createCoreContext(db) } })).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });

  it('exits 1 while another live process holds the data folder\'s lease', async () => {
    const remote = await remoteWith(3);
    const dir = dataDir();
    const db = openDatabase(join(dir, DATABASE_FILE));
    // This test's own process is the holder: alive, on this machine, not the child.
    acquireSyncLease(db, { owner: 'the desktop app', host: hostname(), pid: process.pid }, Date.now(), LEASE_TTL_MS);
    closeDatabase(db);

    const busy = await runCli(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.apiKey]);
    expect(busy.code, busy.stderr).toBe(1);
    expect(busy.stderr).toContain('already running');
    expect(remote.controls.stats().total).toBe(0);
  });
});
