// `npm run sync` and `npm run serve` as the built bundles (out/cli/*.cjs, what
// the npm scripts run), as real child processes, against a remote written from
// the contract and the seed alone (tests/helpers/independent-remote.ts), not
// our own stand-in. What is checked is what a user or a script reads: exit
// codes, the last stdout line's summary and what each of its counts means
// (issue 3, item 9), stderr, the data folder's files and the /api/local/ sync
// endpoints (item 10). Every count is compared with a number the scenario
// makes known in advance, and `requests` with the remote's own request log.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { createOrMatchCandidate, updateCandidate } from '../../electron/core/candidates';
import { type CoreContext, createCoreContext } from '../../electron/core/core-context';
import { countCandidates, findCandidateByEmail } from '../../electron/db/candidate-repository';
import { closeDatabase, openDatabase } from '../../electron/db/connection';
import { listConflicts } from '../../electron/db/sync-repository';
import { sendHttp } from '../helpers/http-client';
import { type IndependentRemote, type LoggedRequest, startIndependentRemote } from '../helpers/independent-remote';
import { PROJECT_ROOT } from '../helpers/project-root';
import { type ScriptProcess, startNodeProcess } from '../helpers/script-process';
import { type CliRun, lastLineJson, NOTHING_DONE, SUMMARY_KEYS } from '../helpers/sync-cli-run';
import { makeTempDir } from '../helpers/temp-dir';

const LIST_PATH = '/api/v1/candidates';
/** Distinctive enough that finding it in a file or an output cannot be a coincidence. */
const REMOTE_KEY = 'ik_live_Zq7Vb2Xw9Lr4Tp6Hs1';
const OTHER_KEY = 'ik_live_Other_Mn3Kd8Fj5Gc0';
const WRONG_KEY = 'ik_live_Wrong_Yu2Ei7Oa4Pq9';

/** This run's copy of the bundles: another build into out/cli cannot change them under a running test. */
const BUNDLE_DIR = join(PROJECT_ROOT, 'out', `cli-independent-remote-${process.pid}`);
const SYNC_BUNDLE = join(BUNDLE_DIR, 'sync.cjs');
const SERVE_BUNDLE = join(BUNDLE_DIR, 'serve.cjs');

/** Run after the whole file: tests run side by side, so one test's end must not end another's remote or folder. */
const cleanups: (() => Promise<void> | void)[] = [];
let home: ReturnType<typeof makeTempDir>;
/** Keeps the children away from the real per-user data folder and any key in the developer's environment. */
let childEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build-cli.mjs'], { cwd: PROJECT_ROOT });
  mkdirSync(BUNDLE_DIR, { recursive: true });
  for (const name of ['sync.cjs', 'serve.cjs']) copyFileSync(join(PROJECT_ROOT, 'out', 'cli', name), join(BUNDLE_DIR, name));
  home = makeTempDir('recruiter-desk-home-');
  childEnv = { HOME: home.dir, XDG_CONFIG_HOME: join(home.dir, '.config'), APPDATA: join(home.dir, 'AppData'), RECRUITER_DESK_REMOTE_TOKEN: undefined };
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  home?.remove();
});

async function remoteWith(token = REMOTE_KEY): Promise<IndependentRemote> {
  const remote = await startIndependentRemote({ token });
  cleanups.push(() => remote.close());
  return remote;
}

function dataDir(): string {
  const temp = makeTempDir();
  cleanups.push(temp.remove);
  return temp.dir;
}

function startSync(args: readonly string[]): ScriptProcess {
  const child = startNodeProcess([SYNC_BUNDLE, ...args], childEnv, 'sync');
  cleanups.push(() => child.kill());
  return child;
}

async function finished(child: ScriptProcess): Promise<CliRun> {
  try {
    const exit = await child.waitForExit();
    return { code: exit.code, stdout: child.stdout(), stderr: child.stderr(), summary: lastLineJson(child.stdout()) };
  } finally {
    await child.kill();
  }
}

/** One `npm run sync -- ...args`; no key of this file ever shows in what it prints. */
async function sync(args: readonly string[]): Promise<CliRun> {
  const run = await finished(startSync(args));
  for (const key of [REMOTE_KEY, OTHER_KEY, WRONG_KEY]) expect(run.stdout + run.stderr).not.toContain(key);
  return run;
}

/** A run against `remote` that must complete: its summary, with `requests` checked against what the remote saw. */
async function syncOk(dir: string, remote: IndependentRemote, extra: readonly string[] = []): Promise<{ summary: Record<string, number>; seen: LoggedRequest[] }> {
  const before = remote.requests.length;
  const run = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.token, ...extra]);
  expect(run.code, run.stderr).toBe(0);
  expect(Object.keys(run.summary ?? {}).sort()).toEqual(SUMMARY_KEYS);
  const seen = remote.requests.slice(before);
  expect(run.summary!.requests, 'requests = what the remote received').toBe(seen.length);
  return { summary: run.summary!, seen };
}

/** The data folder's database, opened while no child has it, as the app's own core sees it. */
function withLocal<T>(dir: string, use: (ctx: CoreContext) => T): T {
  const db = openDatabase(join(dir, DATABASE_FILE));
  try {
    return use(createCoreContext(db));
  } finally {
    closeDatabase(db);
  }
}

function localIdByEmail(dir: string, email: string): string {
  return withLocal(dir, (ctx) => findCandidateByEmail(ctx.db, email)!.id);
}

function kinds(requests: readonly LoggedRequest[]): string[] {
  return requests.map((r) => (r.method === 'GET' && r.path === LIST_PATH ? 'list' : r.method === 'GET' ? 'detail' : `${r.method} ${r.status}`));
}

/** Every file under `dir` but `except`, as bytes in latin1: a key written anywhere shows up as its ASCII text. */
function folderBytes(dir: string, except: readonly string[] = []): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !except.includes(join(entry.parentPath, entry.name)))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

// Each test has its own remote and data folder: side by side they cost what the longest costs.
describe.concurrent('npm run sync against an independent remote', { timeout: 60_000 }, () => {
  describe('exit codes and usage', () => {
    it.each([
      { name: 'an unknown flag', args: (url: string) => ['--remote-url', url, '--remote-token', 'k', '--bogus'], says: /--bogus/ },
      { name: 'no --remote-url and none saved', args: () => ['--remote-token', 'k'], says: /--remote-url is required/ },
      { name: 'no --remote-token and none saved', args: (url: string) => ['--remote-url', url], says: /--remote-token is required/ },
      { name: 'a URL that is no URL', args: () => ['--remote-url', 'cloud dot example', '--remote-token', 'k'], says: /--remote-url/ },
      { name: 'a URL that is not http(s)', args: () => ['--remote-url', 'ftp://127.0.0.1:9', '--remote-token', 'k'], says: /--remote-url/ },
      { name: 'a URL with another path', args: (url: string) => ['--remote-url', `${url}/api/v2`, '--remote-token', 'k'], says: /--remote-url/ },
      { name: 'a flag missing its value', args: () => ['--remote-token', 'k', '--remote-url'], says: /remote-url/ },
    ])('$name: exit 2, says what is wrong, sends nothing, the last line is an empty summary', async ({ args, says }) => {
      const remote = await remoteWith();
      const dir = join(dataDir(), 'data');
      const run = await sync(['--data-dir', dir, ...args(remote.url)]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(says);
      expect(run.summary).toEqual(NOTHING_DONE);
      expect(remote.requests).toEqual([]);
    });

    it('a rejected key: exit 3 after one request, not retried, "API key rejected"; --save keeps nothing', async () => {
      const remote = await remoteWith();
      remote.addCandidate({ full_name: 'Asha Iyer', email: 'asha@example.com' });
      const dir = dataDir();
      const run = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', WRONG_KEY, '--save']);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain('API key rejected');
      expect(remote.requests.map((r) => r.status)).toEqual([401]);
      expect(Object.keys(run.summary ?? {}).sort()).toEqual(SUMMARY_KEYS);
      // The one request failed for good: one error.
      expect(run.summary).toMatchObject({ pulled: 0, pushed: 0, created: 0, linked: 0, requests: 1, errors: 1 });
      expect(existsSync(join(dir, 'remote.json'))).toBe(false);
      expect(folderBytes(dir)).not.toContain(WRONG_KEY);
    });

    it('a remote that keeps failing: exit 1, the request that failed after its retries is one error', async () => {
      const remote = await remoteWith();
      remote.addCandidate({ full_name: 'Asha Iyer', email: 'asha@example.com' });
      // Retry-After 0: the client waits as asked, so five attempts cost no time.
      remote.faults.push({ method: 'GET', pathPrefix: LIST_PATH, times: 1000, fault: { kind: 'status', status: 503, retryAfterSeconds: 0 } });
      const run = await sync(['--data-dir', dataDir(), '--remote-url', remote.url, '--remote-token', remote.token]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/did not complete/);
      expect(run.summary).toEqual({ ...NOTHING_DONE, requests: remote.requests.length, errors: 1 });
      expect(remote.requests.length).toBeGreaterThan(1);
    });

    it('a Retry-After longer than a sync waits holds the next runs too, until it is over, for that remote only', async () => {
      const remote = await remoteWith();
      remote.addCandidate({ full_name: 'Asha Iyer', email: 'asha@example.com' });
      remote.faults.push({ method: 'GET', pathPrefix: LIST_PATH, times: 1, fault: { kind: 'status', status: 429, retryAfterSeconds: 600 } });
      const dir = dataDir();
      const args = ['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.token];

      const first = await sync(args);
      expect(first.code, first.stderr).toBe(1);
      expect(first.stderr).toMatch(/answered 429 and asked to wait 600 s before trying again/);
      expect(remote.requests).toHaveLength(1);

      // A new process: it sends nothing, and says how long is left.
      const second = await sync(args);
      expect(second.code, second.stderr).toBe(1);
      expect(second.stderr).toMatch(/asked to wait [\d.]+ s before the next request \(it answered 429\)/);
      expect(second.summary).toEqual({ ...NOTHING_DONE, errors: 1 });
      expect(remote.requests).toHaveLength(1);

      // Another remote is not held by it.
      const other = await remoteWith();
      const elsewhere = await syncOk(dir, other);
      expect(elsewhere.seen.length).toBeGreaterThan(0);
    });

    it('a remote that cannot be reached: exit 1, one error, a clear message', async () => {
      const gone = await startIndependentRemote();
      await gone.close();
      const run = await sync(['--data-dir', dataDir(), '--remote-url', gone.url, '--remote-token', 'k']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/refused the connection|could not be reached/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.summary).toMatchObject({ pulled: 0, pushed: 0, created: 0, linked: 0, errors: 1 });
    });
  });

  it('first pull of N, then nothing changed: list pages only, whatever form --remote-url takes', async () => {
    const remote = await remoteWith();
    const n = 130;
    for (let i = 0; i < n; i++) remote.addCandidate({ full_name: `Remote Person ${i}`, email: `person${i}@example.com`, location: 'Pune' });
    const dir = dataDir();

    const first = await syncOk(dir, remote);
    expect(first.summary).toEqual({ ...NOTHING_DONE, pulled: n, requests: 2 + n });
    expect(kinds(first.seen).filter((kind) => kind === 'list')).toHaveLength(2);
    expect(first.seen.every((r) => r.method === 'GET' && r.path.startsWith(LIST_PATH))).toBe(true);
    expect(withLocal(dir, (ctx) => countCandidates(ctx.db))).toBe(n);

    for (const url of [`${remote.url}/`, `${remote.url}/api/v1`, `${remote.url}/api/v1/`]) {
      const before = remote.requests.length;
      const run = await sync(['--data-dir', dir, '--remote-url', url, '--remote-token', remote.token]);
      expect(run.code, `${url}: ${run.stderr}`).toBe(0);
      const seen = remote.requests.slice(before);
      expect(seen.map((r) => `${r.method} ${r.path} ${r.status}`), url).toEqual([`GET ${LIST_PATH} 200`, `GET ${LIST_PATH} 200`]);
      expect(run.summary, url).toEqual({ ...NOTHING_DONE, requests: 2 });
    }
  });

  it('local creates: new emails created (201), known ones linked (200); then local edits pushed, one PUT each', async () => {
    const remote = await remoteWith();
    remote.addCandidate({ full_name: 'Ana Rao', email: 'ana@example.com' });
    remote.addCandidate({ full_name: 'Ben Das', email: 'ben@example.com' });
    const remoteOnly = remote.addCandidate({ full_name: 'Remote Only', email: 'remote.only@example.com' });
    const dir = dataDir();
    // Typed offline, before this folder ever synced: two the cloud has (same fields), two it has not.
    withLocal(dir, (ctx) => {
      for (const [fullName, email] of [
        ['Ana Rao', 'ana@example.com'],
        ['Ben Das', 'ben@example.com'],
        ['Cara Sen', 'cara@example.com'],
        ['Dev Shah', 'dev@example.com'],
      ]) createOrMatchCandidate(ctx, { full_name: fullName, email });
    });

    const first = await syncOk(dir, remote);
    expect(first.summary).toEqual({ ...NOTHING_DONE, created: 2, linked: 2, pulled: 1, requests: 6 });
    expect(kinds(first.seen).sort()).toEqual(['POST 200', 'POST 200', 'POST 201', 'POST 201', 'detail', 'list']);
    expect(first.seen.find((r) => r.method === 'GET' && r.path !== LIST_PATH)?.path).toBe(`${LIST_PATH}/${remoteOnly.id}`);
    expect(remote.all().map((c) => c.email).sort()).toEqual(['ana@example.com', 'ben@example.com', 'cara@example.com', 'dev@example.com', 'remote.only@example.com']);
    expect(withLocal(dir, (ctx) => countCandidates(ctx.db))).toBe(5);

    const ana = localIdByEmail(dir, 'ana@example.com');
    withLocal(dir, (ctx) => {
      // Two edits of one candidate go out as one PUT.
      updateCandidate(ctx, ana, { location: 'Chennai' });
      updateCandidate(ctx, ana, { current_company: 'Acme Inc' });
      updateCandidate(ctx, localIdByEmail(dir, 'ben@example.com'), { notice_period_days: 30 });
      updateCandidate(ctx, localIdByEmail(dir, 'cara@example.com'), { primary_skills: ['Go'] });
    });
    const edits = await syncOk(dir, remote);
    expect(edits.summary).toEqual({ ...NOTHING_DONE, pushed: 3, requests: 4 });
    const puts = edits.seen.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.body).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { current_company: 'Acme Inc', location: 'Chennai' },
      { notice_period_days: 30 },
      { primary_skills: ['Go'] },
    ]);
    const byEmail = (email: string) => remote.all().find((c) => c.email === email)!;
    expect(byEmail('ana@example.com')).toMatchObject({ location: 'Chennai', current_company: 'Acme Inc' });
    expect(byEmail('ben@example.com').notice_period_days).toBe(30);
    expect(byEmail('cara@example.com').primary_skills).toEqual(['Go']);

    const quiet = await syncOk(dir, remote);
    expect(quiet.summary).toEqual({ ...NOTHING_DONE, requests: 1 });
  });

  it('a local candidate the cloud has masked under that email: linked, its locked value parked, the rest pushed', async () => {
    const remote = await remoteWith();
    const gita = remote.addCandidate({ full_name: 'Gita Nair', email: 'gita@example.com', phone_number: '+91 90000 11111' }, { talent_pool_status: 'masked' });
    const dir = dataDir();
    withLocal(dir, (ctx) => createOrMatchCandidate(ctx, { full_name: 'Gita Nair', email: 'gita@example.com', phone_number: '+91 90000 22222', location: 'Goa' }));

    const first = await syncOk(dir, remote);
    expect(first.summary).toMatchObject({ created: 0, linked: 1, pushed: 1, parked: 1, conflicts: 0, errors: 0 });
    expect(first.seen.filter((r) => r.method === 'PUT').map((r) => [r.path, r.body, r.status])).toEqual([[`${LIST_PATH}/${gita.id}`, { location: 'Goa' }, 200]]);
    expect(remote.candidate(gita.id)).toMatchObject({ phone_number: '+91 90000 11111', location: 'Goa' });
    expect(remote.all()).toHaveLength(1);

    expect((await syncOk(dir, remote)).summary).toEqual({ ...NOTHING_DONE, parked: 1, requests: 1 });
  });

  it('a field changed differently on both sides under `ask`: one conflict, still counted on the next run while open', async () => {
    const remote = await remoteWith();
    const dev = remote.addCandidate({ full_name: 'Dev Shah', email: 'dev@example.com', location: 'Pune' });
    const dir = dataDir();
    expect((await syncOk(dir, remote)).summary).toEqual({ ...NOTHING_DONE, pulled: 1, requests: 2 });

    remote.editAsRecruiter(dev.id, { location: 'Mumbai', current_designation: 'Lead Engineer' });
    withLocal(dir, (ctx) => updateCandidate(ctx, dev.id, { location: 'Chennai' }));
    const clash = await syncOk(dir, remote);
    // The designation comes down (pulled), the location waits for the recruiter: nothing is pushed for it.
    expect(clash.summary).toEqual({ ...NOTHING_DONE, pulled: 1, conflicts: 1, requests: 2 });
    expect(remote.candidate(dev.id)).toMatchObject({ location: 'Mumbai', current_designation: 'Lead Engineer' });
    withLocal(dir, (ctx) => {
      expect(findCandidateByEmail(ctx.db, 'dev@example.com')).toMatchObject({ location: 'Chennai', current_designation: 'Lead Engineer' });
      expect(listConflicts(ctx.db, { status: 'open' }).map((c) => c.field)).toEqual(['location']);
    });

    const again = await syncOk(dir, remote);
    expect(again.summary).toEqual({ ...NOTHING_DONE, conflicts: 1, requests: 1 });
  });

  it('a locked-field edit of a candidate the cloud has since masked is parked; the rest of the edit goes out; a reveal sends it', async () => {
    const remote = await remoteWith();
    const eve = remote.addCandidate({ full_name: 'Eve Paul', email: 'eve@example.com', phone_number: '+91 90000 11111' });
    const dir = dataDir();
    await syncOk(dir, remote);

    withLocal(dir, (ctx) => updateCandidate(ctx, eve.id, { phone_number: '+91 90000 22222', location: 'Delhi' }));
    remote.mask(eve.id);
    const masked = await syncOk(dir, remote);
    expect(masked.summary).toEqual({ ...NOTHING_DONE, pulled: 1, pushed: 1, parked: 1, requests: 3 });
    expect(masked.seen.filter((r) => r.method === 'PUT').map((r) => [r.body, r.status])).toEqual([[{ location: 'Delhi' }, 200]]);
    expect(remote.candidate(eve.id)).toMatchObject({ phone_number: '+91 90000 11111', location: 'Delhi' });

    expect((await syncOk(dir, remote)).summary).toEqual({ ...NOTHING_DONE, parked: 1, requests: 1 });

    remote.reveal(eve.id);
    const revealed = await syncOk(dir, remote);
    expect(revealed.summary).toEqual({ ...NOTHING_DONE, pulled: 1, pushed: 1, requests: 3 });
    expect(remote.candidate(eve.id)!.phone_number).toBe('+91 90000 22222');
  });

  it('errors counts the requests that failed after their retries; retried ones that succeed are requests, not errors', async () => {
    const remote = await remoteWith();
    const people = [0, 1, 2].map((i) => remote.addCandidate({ full_name: `Person ${i}`, email: `p${i}@example.com` }));
    const dir = dataDir();
    const fail = (pathPrefix: string, times: number) =>
      remote.faults.push({ method: 'GET', pathPrefix, times, fault: { kind: 'status', status: 503, retryAfterSeconds: 0 } });
    fail(`${LIST_PATH}/${people[0]!.id}`, 2);
    fail(`${LIST_PATH}/${people[1]!.id}`, 5);

    const broken = await sync(['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.token]);
    expect(broken.code, broken.stderr).toBe(1);
    expect(broken.stderr).toMatch(/did not complete/);
    expect(broken.summary).toMatchObject({ errors: 1, requests: remote.requests.length, pushed: 0, created: 0, linked: 0 });
    const pulledFirst = broken.summary!.pulled!;
    expect(withLocal(dir, (ctx) => countCandidates(ctx.db))).toBe(pulledFirst);

    const resumed = await syncOk(dir, remote);
    expect(resumed.summary).toMatchObject({ errors: 0, pulled: 3 - pulledFirst });
    // Over both runs: the one that recovered was asked three times, the one that failed five times and then once more.
    const statuses = (person: { id: string }) => remote.requests.filter((r) => r.path === `${LIST_PATH}/${person.id}`).map((r) => r.status);
    expect(statuses(people[0]!)).toEqual([503, 503, 200]);
    expect(statuses(people[1]!)).toEqual([503, 503, 503, 503, 503, 200]);
    expect(withLocal(dir, (ctx) => countCandidates(ctx.db))).toBe(3);
  });

  it('--save keeps URL and key in a file only the user can read; the key is in no other file; flags override what is saved', async () => {
    const remote = await remoteWith();
    const other = await remoteWith(OTHER_KEY);
    remote.addCandidate({ full_name: 'Asha Iyer', email: 'asha@example.com' });
    other.addCandidate({ full_name: 'Omar Khan', email: 'omar@example.com' });
    const dir = dataDir();
    const settings = join(dir, 'remote.json');

    expect((await syncOk(dir, remote, ['--save'])).summary).toMatchObject({ pulled: 1 });
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toMatchObject({ remote_url: remote.url, remote_token: REMOTE_KEY });
    if (process.platform !== 'win32') expect(statSync(settings).mode & 0o777).toBe(0o600);
    expect(folderBytes(dir, [settings])).not.toContain(REMOTE_KEY);

    // Saved settings alone are enough.
    const before = remote.requests.length;
    const saved = await sync(['--data-dir', dir]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.summary).toEqual({ ...NOTHING_DONE, requests: remote.requests.length - before });

    // A wrong key on the command line beats the right saved one, and a rejected --save changes nothing.
    const wrong = await sync(['--data-dir', dir, '--remote-token', WRONG_KEY, '--save']);
    expect(wrong.code, wrong.stderr).toBe(3);
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toMatchObject({ remote_url: remote.url, remote_token: REMOTE_KEY });

    // Both flags beat both saved values: this run talks to the other remote only.
    const remoteSeen = remote.requests.length;
    const elsewhere = await sync(['--data-dir', dir, '--remote-url', other.url, '--remote-token', OTHER_KEY]);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(elsewhere.summary).toMatchObject({ pulled: 1, requests: other.requests.length });
    expect(remote.requests.length).toBe(remoteSeen);
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toMatchObject({ remote_url: remote.url, remote_token: REMOTE_KEY });
    expect(folderBytes(dir, [settings])).not.toMatch(new RegExp(`${REMOTE_KEY}|${OTHER_KEY}|${WRONG_KEY}`));
  });

  it('two syncs of one data folder at once: the second says one is running and sends nothing', async () => {
    const remote = await remoteWith();
    for (let i = 0; i < 5; i++) remote.addCandidate({ full_name: `Person ${i}`, email: `p${i}@example.com` });
    const dir = dataDir();
    // The first run's first request is held until the second run is over: the two overlap for sure.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const firstRequest = new Promise<void>((resolve) => (arrived = resolve));
    remote.beforeHandle = async () => {
      arrived();
      await held;
    };
    const args = ['--data-dir', dir, '--remote-url', remote.url, '--remote-token', remote.token];
    const first = startSync(args);
    await firstRequest;
    const second = await finished(startSync(args));
    release();
    expect(second.code, second.stderr).toBe(1);
    expect(second.stderr).toMatch(/already running/);
    expect(second.summary).toEqual(NOTHING_DONE);
    expect(remote.requests).toHaveLength(1);

    const done = await finished(first);
    expect(done.code, done.stderr).toBe(0);
    expect(done.summary).toEqual({ ...NOTHING_DONE, pulled: 5, requests: 6 });
  });
});

const LISTENING = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/candidates\s*\n\s*Token file:\s+(.+)\n/;

describe('npm run serve against an independent remote', { timeout: 60_000 }, () => {
  async function serve(dir: string, remote: IndependentRemote, token: string) {
    const child = startNodeProcess([SERVE_BUNDLE, '--data-dir', dir, '--port', '0', '--remote-url', remote.url, '--remote-token', token], childEnv, 'serve');
    cleanups.push(() => child.kill());
    const [, baseUrl = '', tokenFile = ''] = await child.waitForStdout(LISTENING);
    await child.waitForStdout(/Press Ctrl\+C/);
    const apiToken = readFileSync(tokenFile.trim(), 'utf8').trim();
    const call = async (method: string, path: string, body?: unknown) =>
      (await sendHttp(baseUrl, path, { method, headers: { authorization: `Bearer ${apiToken}` }, ...(body === undefined ? {} : { body }) })).json;
    /** The sync status once a run has ended, none is going and nothing waits to be sent (edits start runs of their own). */
    const settled = async () => {
      for (;;) {
        const status = (await call('GET', '/api/local/sync')).data;
        if (status.state !== 'syncing' && status.last_attempt_at !== null && status.pending === 0) return status;
        if (child.child.exitCode !== null) throw new Error(`serve exited:\n${child.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    return { child, call, settled };
  }

  it('syncs at start, on POST /api/local/sync, and shows state, last success, pending, conflicts and parked', async () => {
    const remote = await remoteWith();
    const dev = remote.addCandidate({ full_name: 'Dev Shah', email: 'dev@example.com', location: 'Pune' });
    const eve = remote.addCandidate({ full_name: 'Eve Paul', email: 'eve@example.com', phone_number: '+91 90000 11111' });
    const dir = dataDir();
    const { child, call, settled } = await serve(dir, remote, REMOTE_KEY);

    const atStart = await settled();
    expect(atStart).toMatchObject({ configured: true, remote_url: remote.url, state: 'idle', last_error: null, pending: 0, conflicts: 0, parked: 0 });
    expect(atStart.last_success_at).not.toBeNull();
    expect((await call('GET', '/api/v1/candidates')).meta.total).toBe(2);

    // Edits on both sides, and a lock on the cloud over a phone number typed here, then a run the recruiter asks for.
    remote.editAsRecruiter(dev.id, { location: 'Mumbai' });
    remote.mask(eve.id);
    expect((await call('PUT', `/api/v1/candidates/${dev.id}`, { location: 'Chennai' })).data.location).toBe('Chennai');
    expect((await call('PUT', `/api/v1/candidates/${eve.id}`, { phone_number: '+91 90000 22222' })).data.phone_number).toBe('+91 90000 22222');
    const asked = await call('POST', '/api/local/sync?wait=true');
    expect(asked.data.outcome).toMatchObject({ ok: true, error: null });
    const after = await settled();
    expect(after).toMatchObject({ state: 'idle', last_error: null, pending: 0, conflicts: 1, parked: 1 });
    expect(after.last_success_at > atStart.last_success_at).toBe(true);
    expect(remote.candidate(dev.id)!.location).toBe('Mumbai');
    expect(remote.candidate(eve.id)!.phone_number).toBe('+91 90000 11111');
    expect((await call('GET', '/api/local/conflicts')).data.map((c: { field: string }) => c.field)).toEqual(['location']);
    expect(child.stdout() + child.stderr()).not.toContain(REMOTE_KEY);
    expect(folderBytes(dir)).not.toContain(REMOTE_KEY);
  });

  it('a Retry-After longer than a sync waits still holds serve after a restart', async () => {
    const remote = await remoteWith();
    remote.addCandidate({ full_name: 'Asha Iyer', email: 'asha@example.com' });
    remote.faults.push({ method: 'GET', pathPrefix: LIST_PATH, times: 1, fault: { kind: 'status', status: 429, retryAfterSeconds: 600 } });
    const dir = dataDir();
    const first = await serve(dir, remote, REMOTE_KEY);
    const refused = await first.settled();
    expect(refused).toMatchObject({ state: 'failed', last_success_at: null });
    expect(refused.last_error).toMatch(/answered 429 and asked to wait 600 s/);
    await first.child.kill();

    const second = await serve(dir, remote, REMOTE_KEY);
    await expect
      .poll(async () => (await second.call('GET', '/api/local/sync')).data.last_attempt_at, { timeout: 20_000 })
      .not.toBe(refused.last_attempt_at);
    const held = await second.settled();
    expect(held).toMatchObject({ state: 'failed', last_success_at: null });
    expect(held.last_error).toMatch(/asked to wait [\d.]+ s before the next request \(it answered 429\)/);
    expect(remote.requests).toHaveLength(1);
  });

  it('a key the remote rejects shows the "API key rejected" state', async () => {
    const remote = await remoteWith();
    remote.addCandidate({ full_name: 'Asha Iyer', email: 'asha@example.com' });
    const { child, settled } = await serve(dataDir(), remote, WRONG_KEY);
    const status = await settled();
    expect(status).toMatchObject({ configured: true, state: 'api_key_rejected', last_success_at: null });
    expect(status.last_error).toMatch(/API key rejected/);
    expect(remote.requests.map((r) => r.status)).toEqual([401]);
    expect(child.stdout() + child.stderr()).not.toContain(WRONG_KEY);
  });
});
