import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { ENCRYPTED_REMOTE_SETTINGS_FILE, saveRemoteSettings } from '../../electron/cli/remote-settings';
import { findCandidateById } from '../../electron/db/candidate-repository';
import { closeDatabase, openDatabase } from '../../electron/db/connection';
import { readSetting } from '../../electron/db/settings-repository';
import { type RemoteServer, createRemoteServer } from '../../tools/remote-server/remote-server';
import { sendHttp } from '../helpers/http-client';
import { type ScriptProcess, startServe } from '../helpers/script-process';
import { makeTempDir } from '../helpers/temp-dir';

const LISTENING = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/candidates\s*\n\s*Token file:\s+(.+)\n/;
const SYNC_LINE = /^\s*Sync:\s+(.*)$/m;

/** Deadline polling: how long it takes is never asserted, only that it happens. */
async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, child: ScriptProcess): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen ${JSON.stringify(value)}\n${child.stdout()}\n${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Real child processes compiling serve.ts with tsx, syncing over real HTTP: generous ceilings, never measurements.
describe('npm run serve with a remote', { timeout: 120_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let home: ReturnType<typeof makeTempDir>;
  let remote: RemoteServer;
  const children: ScriptProcess[] = [];

  beforeEach(async () => {
    temp = makeTempDir();
    home = makeTempDir('recruiter-desk-home-');
    remote = await createRemoteServer({ initialCandidates: 20, randomSeed: 5 });
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.kill()));
    await remote.close();
    temp.remove();
    home.remove();
  });

  async function serve(args: readonly string[]) {
    const env = { HOME: home.dir, XDG_CONFIG_HOME: join(home.dir, '.config'), APPDATA: join(home.dir, 'AppData'), RECRUITER_DESK_REMOTE_TOKEN: undefined };
    const child = startServe(['--data-dir', temp.dir, '--port', '0', ...args], env);
    children.push(child);
    const match = await child.waitForStdout(LISTENING);
    await child.waitForStdout(/Press Ctrl\+C/);
    const baseUrl = match[1]!;
    const token = readFileSync(match[2]!.trim(), 'utf8').trim();
    const call = (method: string, path: string, body?: unknown) =>
      sendHttp(baseUrl, path, { method, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body }) });
    return { child, call };
  }

  const localRecord = (id: string) => {
    const db = openDatabase(join(temp.dir, DATABASE_FILE));
    try {
      return { record: findCandidateById(db, id), lastRun: readSetting(db, 'sync_last_run'), lease: db.prepare('SELECT * FROM sync_lease').all() };
    } finally {
      closeDatabase(db);
    }
  };

  it('with --remote-url/--remote-token: says so, syncs at start, pushes a local edit soon after, stops cleanly on SIGTERM', async () => {
    const { child, call } = await serve(['--remote-url', remote.url, '--remote-token', remote.apiKey]);
    const syncLine = child.stdout().match(SYNC_LINE)?.[1];
    expect(syncLine).toContain(remote.url);
    expect(child.stdout() + child.stderr()).not.toContain(remote.apiKey);

    // The start-up sync brings the remote's candidates down.
    const synced = await eventually(
      async () => (await call('GET', '/api/local/sync')).json.data,
      (data) => data.last_success_at !== null && data.state === 'idle',
      'the start-up sync',
      child,
    );
    expect(synced).toMatchObject({ configured: true, remote_url: remote.url, last_error: null });
    expect((await call('GET', '/api/v1/candidates?limit=1')).json.meta.total).toBe(20);

    // A local edit goes to the cloud a few seconds later without being asked for.
    const target = remote.controls.snapshot()[3]!;
    const put = await call('PUT', `/api/v1/candidates/${target.id}`, { current_company: 'Edited Locally Ltd' });
    expect(put.status).toBe(200);
    await eventually(
      () => remote.controls.snapshot().find((c) => c.id === target.id)!.current_company,
      (company) => company === 'Edited Locally Ltd',
      'the edit to reach the remote',
      child,
    );

    child.child.kill('SIGTERM');
    expect(await child.waitForExit()).toEqual({ code: 0, signal: null });
    expect(child.stderr()).toBe('');
  });

  it("says why it does not sync when the desktop app keeps the folder's cloud in the keychain", async () => {
    writeFileSync(join(temp.dir, ENCRYPTED_REMOTE_SETTINGS_FILE), Buffer.from([0x76, 0x31, 0x30, 0x9c, 0x01]));
    const { child, call } = await serve([]);
    expect(child.stdout().match(SYNC_LINE)?.[1]).toMatch(/^off: the desktop app keeps this folder's cloud in the OS keychain.*npm run sync -- --save/);
    expect((await call('GET', '/api/local/remote')).json.data).toMatchObject({ remote_url: null, has_api_key: false });
  });

  it('with a saved remote.json: syncs by itself, and SIGTERM waits for a sync in progress before exiting 0', async () => {
    saveRemoteSettings(temp.dir, { remote_url: remote.url, remote_token: remote.apiKey });
    const { child, call } = await serve([]);
    expect(child.stdout().match(SYNC_LINE)?.[1]).toContain(remote.url);
    await eventually(
      async () => (await call('GET', '/api/local/sync')).json.data,
      (data) => data.last_success_at !== null && data.state === 'idle',
      'the start-up sync',
      child,
    );

    // A slow remote keeps the next run going long enough to stop the server in the middle of it.
    const { candidate } = remote.controls.addCandidate({ full_name: 'Arrived Late', email: 'arrived.late@example.com' });
    remote.controls.resetStats();
    remote.controls.setLatency(1500);
    const accepted = await call('POST', '/api/local/sync');
    expect(accepted.status).toBe(202);
    expect(accepted.json.data.state).toBe('syncing');
    await eventually(() => remote.controls.stats().total, (total) => total > 0, 'the run to reach the remote', child);

    child.child.kill('SIGTERM');
    expect(await child.waitForExit()).toEqual({ code: 0, signal: null });
    expect(child.stdout()).toContain('Stopped (SIGTERM)');
    // The run finished before the database closed: its result is there and the lease is released.
    const after = localRecord(candidate.id);
    expect(after.record?.full_name).toBe('Arrived Late');
    expect(after.lastRun).toMatchObject({ state: 'idle', last_error: null });
    expect(after.lease).toEqual([]);
  });
});
