// `npm run serve` (the bundle out/cli/serve.cjs, as a real child process)
// killed with SIGKILL in the middle of a storm of concurrent writes over HTTP,
// again and again on one data folder. Issue 3's promise: a crash at any
// instant loses nothing. After each kill, a copy of the files the killed
// process left is opened as the app opens it, and checked: every answered
// write is there with the values its answer showed, none is half applied,
// every change has its outbox entry; and serve starts again on the folder it
// was killed in (its lock left behind, its WAL unfolded) and answers the same.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateWithApplications } from '@shared/candidate-schema';
import { DEFAULT_PIPELINE_STATUSES } from '@shared/contract';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { createOrMatchCandidate, getCandidate } from '../../electron/core/candidates';
import { type CoreContext, createCoreContext } from '../../electron/core/core-context';
import { closeDatabase, type Database, openDatabase } from '../../electron/db/connection';
import { applicationEntry, clearOutbox, CREATED_ENTRY, listOutbox, setRemoteId } from '../../electron/db/sync-repository';
import { Prng } from '../../tools/remote-server/prng';
import { sendHttp } from '../helpers/http-client';
import { PROJECT_ROOT } from '../helpers/project-root';
import { type ScriptProcess, startNodeProcess } from '../helpers/script-process';
import { allLocalCandidateIds } from '../helpers/sync-harness';
import { makeTempDir } from '../helpers/temp-dir';

/** Set SERVE_CRASH_SEED to replay a run's requests and kill moments; the test's name and failures name the seed. */
const SEED = Number(process.env.SERVE_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = 6;
/** Requests in flight at once: enough that group commits hold several writes, a few to one candidate. */
const LANES = 12;
/** Candidates pulled from the cloud before the first serve: only outbox entries get their edits pushed. */
const LINKED = 24;
/** PUTs upsert applications to these jobs, POSTs to the others, so the last PUT to commit decides the former alone. */
const PUT_JOBS = ['0f5e2c1a-7b3d-4e8f-9a6b-1c2d3e4f5a60', '1a6f3d2b-8c4e-4f9a-8b7c-2d3e4f5a6b71'];
const POST_JOBS = ['2b7a4e3c-9d5f-4a0b-9c8d-3e4f5a6b7c82', '3c8b5f4d-0e6a-4b1c-8d9e-4f5a6b7c8d93'];
/** The fields PUTs write; each PUT also stamps metadata.write with its tag, naming the last PUT that committed. */
const PUT_FIELDS = ['location', 'current_designation', 'notice_period_days', 'primary_skills', 'metadata'] as const;

const BUNDLE_DIR = join(PROJECT_ROOT, 'out', `cli-serve-crash-${process.pid}`);
const SERVE_BUNDLE = join(BUNDLE_DIR, 'serve.cjs');
const LISTENING = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/candidates/;

type View = CandidateWithApplications;

interface Write {
  /** Unique to the request; found in what it writes. */
  tag: string;
  kind: 'create' | 'match' | 'update';
  /** The candidate a match or an update is sent for; a create's id comes with its answer. */
  target?: string;
  body: Record<string, any>;
  /** What the 2xx answer said, when one arrived. */
  answer?: View;
}

interface Serving {
  child: ScriptProcess;
  baseUrl: string;
  auth: Record<string, string>;
}

const children: ScriptProcess[] = [];
let temp: ReturnType<typeof makeTempDir>;
/** Keeps the children away from the real per-user data folder. */
let childEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build-cli.mjs'], { cwd: PROJECT_ROOT });
  mkdirSync(BUNDLE_DIR, { recursive: true });
  // This run's copy: another build into out/cli cannot change it under a running serve.
  copyFileSync(join(PROJECT_ROOT, 'out', 'cli', 'serve.cjs'), SERVE_BUNDLE);
  temp = makeTempDir();
  childEnv = { HOME: temp.dir, XDG_CONFIG_HOME: join(temp.dir, '.config'), APPDATA: join(temp.dir, 'AppData'), RECRUITER_DESK_REMOTE_TOKEN: undefined };
}, 60_000);

afterAll(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill()));
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  temp?.remove();
});

async function startServing(dataDir: string): Promise<Serving> {
  const child = startNodeProcess([SERVE_BUNDLE, '--data-dir', dataDir, '--port', '0'], childEnv, 'serve');
  children.push(child);
  const [, baseUrl = ''] = await child.waitForStdout(LISTENING);
  return { child, baseUrl, auth: { authorization: `Bearer ${readFileSync(join(dataDir, 'api-token'), 'utf8').trim()}` } };
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const same = (a: unknown, b: unknown) => isDeepStrictEqual(a ?? null, b ?? null);
const valueOf = (view: View, field: string) => (view as unknown as Record<string, unknown>)[field];
const show = (value: unknown) => JSON.stringify(value)?.slice(0, 200);
/** The pipeline status as the organisation spells it: what a status sent in any case is stored as. */
const canonical = (status: string) => DEFAULT_PIPELINE_STATUSES.find((name) => name.toLowerCase() === status.toLowerCase());
const applicationOf = (view: View, job: string) => view.applications.find((application) => application.job_id === job);
const sentApplicationIs = (write: Write, job: string, application: { status: string; notes: string | null } | undefined) =>
  write.body.application?.job_id === job &&
  application !== undefined &&
  canonical(write.body.application.status) === application.status &&
  write.body.application.notes === application.notes;

function withDatabase<T>(file: string, work: (db: Database, ctx: CoreContext) => T): T {
  const db = openDatabase(file);
  try {
    return work(db, createCoreContext(db));
  } finally {
    closeDatabase(db);
  }
}

/** Candidates as a pull from the cloud leaves them: linked, with an application, nothing pending. */
function seedLinkedCandidates(file: string, prng: Prng): Map<string, View> {
  return withDatabase(file, (db, ctx) =>
    db.transaction(() => {
      const seeded = new Map<string, View>();
      for (let i = 0; i < LINKED; i++) {
        const { candidate } = createOrMatchCandidate(ctx, {
          full_name: `Linked Person ${i}`,
          email: `linked.${i}@example.com`,
          location: 'Pune',
          notice_period_days: 60,
          primary_skills: ['SQL'],
          application: { job_id: PUT_JOBS[i % PUT_JOBS.length], status: 'Applied' },
        });
        setRemoteId(db, candidate.id, prng.uuid());
        clearOutbox(db, candidate.id, listOutbox(db, candidate.id));
        seeded.set(candidate.id, plain(getCandidate(ctx, candidate.id)));
      }
      return seeded;
    })(),
  );
}

/** What the test knows the store holds, carried from round to round. */
interface Store {
  /** Each candidate as last read back after a kill (or as seeded). */
  views: Map<string, View>;
  /** Each candidate as first written: the outbox must name every field and application that differs from it. */
  origins: Map<string, View>;
  linked: ReadonlySet<string>;
}

function statusFor(prng: Prng): string {
  const status = prng.pick(DEFAULT_PIPELINE_STATUSES);
  return prng.chance(0.3) ? status.toLowerCase() : status;
}

/** The next request of a lane: new candidates (some with an application), re-POSTs of known emails, PUTs. */
function nextWrite(prng: Prng, tag: string, targets: readonly string[], emails: ReadonlyMap<string, string>): Write {
  const roll = prng.next();
  if (roll < 0.3 || targets.length === 0) {
    const body: Record<string, any> = { full_name: `Storm Person ${tag}`, email: `storm.${tag}@example.com`, location: 'Created in the storm' };
    if (prng.chance(0.6)) body.application = { job_id: prng.pick(POST_JOBS), status: statusFor(prng), notes: `Applied ${tag}` };
    return { tag, kind: 'create', body };
  }
  // Half the requests go to a few candidates, so one group commit often holds several writes to one row.
  const target = prng.chance(0.5) ? prng.pick(targets.slice(0, 6)) : prng.pick(targets);
  if (roll < 0.4) {
    const email = emails.get(target)!;
    return {
      tag,
      kind: 'match',
      target,
      body: { full_name: 'Not Applied To A Match', email: prng.chance(0.5) ? email.toUpperCase() : email, application: { job_id: prng.pick(POST_JOBS), status: statusFor(prng), notes: `Matched ${tag}` } },
    };
  }
  const body: Record<string, any> = { metadata: { write: tag } };
  if (prng.chance(0.5)) body.location = `Location ${tag}`;
  if (prng.chance(0.3)) body.current_designation = `Designation ${tag}`;
  if (prng.chance(0.3)) body.notice_period_days = prng.int(366);
  if (prng.chance(0.2)) body.primary_skills = [`Skill ${tag}`, 'TypeScript'];
  if (prng.chance(0.5)) body.application = { job_id: prng.pick(PUT_JOBS), status: statusFor(prng), notes: `Moved ${tag}` };
  return { tag, kind: 'update', target, body };
}

interface Storm {
  writes: Write[];
  problems: string[];
  log: string;
}

/** LANES clients writing as fast as serve answers; SIGKILL `delayMs` after the first answer. */
async function stormThenKill(serving: Serving, store: Store, round: number, delayMs: number): Promise<Storm> {
  const writes: Write[] = [];
  const problems: string[] = [];
  const targets = [...store.views.keys()];
  const emails = new Map([...store.views].map(([id, view]) => [id, view.email]));
  let killed = false;
  let firstAnswer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (firstAnswer = resolve));

  const lane = async (laneNo: number) => {
    const prng = new Prng(SEED + round * 1000 + laneNo);
    for (let n = 0; !killed; n++) {
      const write = nextWrite(prng, `${SEED}-${round}-${laneNo}-${n}`, targets, emails);
      writes.push(write);
      const path = write.kind === 'update' ? `/api/v1/candidates/${write.target}` : '/api/v1/candidates';
      try {
        const response = await sendHttp(serving.baseUrl, path, { method: write.kind === 'update' ? 'PUT' : 'POST', headers: serving.auth, body: write.body });
        if (response.status < 200 || response.status > 299) {
          problems.push(`${write.tag} ${write.kind}: answered ${response.status} ${response.text.slice(0, 300)}`);
          break;
        }
        write.answer = response.json.data;
        if (write.kind === 'create') {
          if (response.status !== 201) problems.push(`${write.tag}: a new email answered ${response.status}, not 201`);
          targets.push(write.answer!.id);
          emails.set(write.answer!.id, write.answer!.email);
        }
      } catch (error) {
        // After the kill, a request in flight is cut off: it is simply not acknowledged.
        if (!killed) problems.push(`${write.tag} ${write.kind}: failed before the kill: ${(error as Error).message}`);
      } finally {
        firstAnswer();
      }
    }
  };
  const lanes = Array.from({ length: LANES }, (_, laneNo) => lane(laneNo));
  await answered;
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  const { child } = serving.child;
  if (child.exitCode !== null || child.signalCode !== null) problems.push(`serve had exited before the kill: ${serving.child.stderr()}`);
  killed = true;
  child.kill('SIGKILL');
  await Promise.all(lanes);
  const exit = await serving.child.waitForExit();
  if (exit.signal !== 'SIGKILL') problems.push(`serve ended with ${JSON.stringify(exit)}, not by the kill: ${serving.child.stderr()}`);
  const acked = writes.filter((write) => write.answer).length;
  const log = `round ${round}: killed ${delayMs} ms after the first answer, ${acked} of ${writes.length} writes answered`;
  return { writes, problems, log };
}

/** What each answer said about its own request: the values it sent, stored as the contract says. */
function checkAnswers(writes: readonly Write[], problems: string[]): void {
  for (const write of writes) {
    const answer = write.answer;
    if (!answer) continue;
    if (write.target !== undefined && answer.id !== write.target) problems.push(`${write.tag}: answered for ${answer.id}, sent for ${write.target}`);
    if (write.kind === 'match') {
      // The candidate that has the email, its fields as they were: only the application applies.
      if (answer.email.toLowerCase() !== write.body.email.toLowerCase() || answer.full_name === write.body.full_name) {
        problems.push(`${write.tag}: a POST of a known email answered ${show(answer)}`);
      }
    } else {
      for (const [field, value] of Object.entries(write.body)) {
        if (field !== 'application' && !same(valueOf(answer, field), value)) problems.push(`${write.tag}: answered ${field} ${show(valueOf(answer, field))}, sent ${show(value)}`);
      }
    }
    const job = write.body.application?.job_id;
    if (job && !sentApplicationIs(write, job, applicationOf(answer, job))) {
      problems.push(`${write.tag}: answered application ${show(applicationOf(answer, job))}, sent ${show(write.body.application)}`);
    }
  }
}

/**
 * A candidate the test knows: as stored it must be its last answered state
 * (the one with the latest updated_at), or that state changed further by
 * requests cut off by the kill, and nothing else. The last PUT to commit
 * (metadata.write names it) must be there whole, its application included.
 */
function checkKnownCandidate(id: string, stored: View | undefined, latest: View, cutOff: readonly Write[], writes: ReadonlyMap<string, Write>): string[] {
  if (!stored) return [`${id}: missing, though answered as of ${latest.updated_at}`];
  if (stored.updated_at < latest.updated_at) return [`${id}: lost writes: stored as of ${stored.updated_at}, answered as of ${latest.updated_at}: ${diff(latest, stored)}`];
  if (stored.updated_at === latest.updated_at) return same(stored, latest) ? [] : [`${id}: stored differs from its last answer: ${diff(latest, stored)}`];

  const problems: string[] = [];
  if (cutOff.length === 0) problems.push(`${id}: changed after its last answer (${latest.updated_at} → ${stored.updated_at}) with no request in flight`);
  for (const field of Object.keys(stored)) {
    if (field === 'updated_at' || field === 'applications' || field === 'skill_array') continue;
    const value = valueOf(stored, field);
    const fromCutOff = cutOff.some((write) => write.kind === 'update' && field in write.body && same(write.body[field], value));
    if (!same(value, valueOf(latest, field)) && !fromCutOff) problems.push(`${id}: ${field} is ${show(value)}, which no request wrote (last answer: ${show(valueOf(latest, field))})`);
  }
  for (const application of stored.applications) {
    const before = applicationOf(latest, application.job_id);
    const kept = before && before.id === application.id && before.status === application.status && before.notes === application.notes;
    if (!kept && !cutOff.some((write) => sentApplicationIs(write, application.job_id, application))) {
      problems.push(`${id}: application ${show(application)}, which no request wrote (last answer: ${show(before)})`);
    }
  }
  for (const before of latest.applications) {
    if (!applicationOf(stored, before.job_id)) problems.push(`${id}: lost its application to ${before.job_id}`);
  }
  const lastPut = writes.get((stored.metadata as { write?: string } | null)?.write ?? '');
  if (lastPut) {
    for (const [field, value] of Object.entries(lastPut.body)) {
      if (field !== 'application' && !same(valueOf(stored, field), value)) problems.push(`${id}: ${lastPut.tag} half applied: ${field} is ${show(valueOf(stored, field))}, not ${show(value)}`);
    }
    const job = lastPut.body.application?.job_id;
    if (job && !sentApplicationIs(lastPut, job, applicationOf(stored, job))) {
      problems.push(`${id}: ${lastPut.tag} half applied: application ${show(applicationOf(stored, job))}, not ${show(lastPut.body.application)}`);
    }
  }
  return problems;
}

/** A candidate no answer named: a POST cut off by the kill that committed, and it must have committed whole. */
function checkCutOffCreate(stored: View, writes: readonly Write[]): string[] {
  const create = writes.find((write) => write.kind === 'create' && !write.answer && write.body.email === stored.email);
  if (!create) return [`${stored.id}: a candidate no request created: ${show(stored)}`];
  const problems: string[] = [];
  for (const field of ['full_name', 'location'] as const) {
    if (stored[field] !== create.body[field]) problems.push(`${create.tag}: ${field} is ${show(stored[field])}, sent ${show(create.body[field])}`);
  }
  const job = create.body.application?.job_id;
  const whole = job ? stored.applications.length === 1 && sentApplicationIs(create, job, stored.applications[0]) : stored.applications.length === 0;
  if (!whole) problems.push(`${create.tag}: half applied: applications ${show(stored.applications)}, sent ${show(create.body.application ?? null)}`);
  return problems;
}

/** What a push must send for the candidate: every field and application that differs from how it was first written. */
function neededOutbox(origin: View, stored: View, linked: boolean): string[] {
  const needed = linked ? [] : [CREATED_ENTRY];
  for (const field of PUT_FIELDS) if (!same(valueOf(stored, field), valueOf(origin, field))) needed.push(field);
  for (const application of stored.applications) {
    const before = applicationOf(origin, application.job_id);
    if (before?.status !== application.status || before.notes !== application.notes) needed.push(applicationEntry(application.job_id));
  }
  return needed;
}

/**
 * Checks the files the killed serve left (a copy of them) and folds what they
 * hold into `store`. Says how many candidates writes cut off by the kill had
 * changed or created: they committed, their answers never arrived.
 */
function checkKilledStore(file: string, store: Store, storm: Storm): { problems: string[]; changedUnanswered: number; createdUnanswered: number } {
  return withDatabase(file, (db, ctx) => {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${show(integrity)}`);
    const foreignKeys = db.pragma('foreign_key_check');
    if (!same(foreignKeys, [])) problems.push(`foreign_key_check: ${show(foreignKeys)}`);

    const stored = new Map(allLocalCandidateIds(db).map((id) => [id, plain(getCandidate(ctx, id))]));
    const byTag = new Map(storm.writes.map((write) => [write.tag, write]));
    const answeredFor = new Map<string, View[]>([...store.views].map(([id, view]) => [id, [view]]));
    for (const write of storm.writes) {
      if (write.answer) answeredFor.set(write.answer.id, [...(answeredFor.get(write.answer.id) ?? []), write.answer]);
    }
    let changedUnanswered = 0;
    for (const [id, answered] of answeredFor) {
      const latest = answered.reduce((a, b) => (b.updated_at > a.updated_at ? b : a));
      const cutOff = storm.writes.filter((write) => !write.answer && write.target === id);
      problems.push(...checkKnownCandidate(id, stored.get(id), latest, cutOff, byTag));
      if ((stored.get(id)?.updated_at ?? '') > latest.updated_at) changedUnanswered += 1;
      if (!store.origins.has(id)) store.origins.set(id, answered[0]!);
    }
    let createdUnanswered = 0;
    for (const [id, view] of stored) {
      if (answeredFor.has(id)) continue;
      problems.push(...checkCutOffCreate(view, storm.writes));
      store.origins.set(id, view);
      createdUnanswered += 1;
    }

    for (const [id, view] of stored) {
      const entries = new Set(listOutbox(db, id).map((entry) => entry.field));
      const missing = neededOutbox(store.origins.get(id)!, view, store.linked.has(id)).filter((field) => !entries.has(field));
      if (missing.length > 0) problems.push(`${id}: no outbox entry for ${missing.join(', ')} (has ${[...entries].join(', ')})`);
    }
    store.views = stored;
    return { problems, changedUnanswered, createdUnanswered };
  });
}

/** The restarted serve answers with what the files hold, and would push every linked candidate's changes. */
async function checkServedStore(serving: Serving, store: Store): Promise<string[]> {
  const problems: string[] = [];
  const health = await sendHttp(serving.baseUrl, '/api/local/health');
  if (health.status !== 200) problems.push(`health: ${health.status} ${health.text}`);
  const listed: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await sendHttp(serving.baseUrl, `/api/v1/candidates?limit=100&offset=${offset}`, { headers: serving.auth });
    if (page.status !== 200) return [...problems, `list: ${page.status} ${page.text.slice(0, 300)}`];
    listed.push(...page.json.data);
    if (offset + 100 >= page.json.meta.total) break;
  }
  if (listed.length !== store.views.size) problems.push(`the list has ${listed.length} candidates, the files ${store.views.size}`);
  for (const item of listed) {
    const { applications: _applications, ...expected } = store.views.get(item.id as string) ?? { applications: [] };
    if (!same(item, expected)) problems.push(`listed ${item.id} differs from the files: ${show(item)}`);
  }
  await Promise.all(
    [...store.linked].map(async (id) => {
      const sync = await sendHttp(serving.baseUrl, `/api/local/candidates/${id}/sync`, { headers: serving.auth });
      const pending = new Set<string>(sync.json?.data?.pending_fields ?? []);
      const missing = neededOutbox(store.origins.get(id)!, store.views.get(id)!, true).filter((field) => !pending.has(field));
      if (sync.status !== 200 || missing.length > 0) problems.push(`${id}: a sync would not push ${missing.join(', ')} (${sync.status} ${sync.text.slice(0, 300)})`);
    }),
  );
  return problems;
}

/** The fields where two views differ, both values shown; applications as job, status and notes. */
function diff(expected: View, actual: View): string {
  const shown = (view: View, field: string) =>
    show(field === 'applications' ? view.applications.map((a) => `${a.job_id.slice(0, 8)} ${a.status} ${show(a.notes)}`) : valueOf(view, field));
  return Object.keys({ ...expected, ...actual })
    .filter((field) => !same(valueOf(expected, field), valueOf(actual, field)))
    .map((field) => `${field}: ${shown(expected, field)} → ${shown(actual, field)}`)
    .join('; ');
}

/** Copies the database and its WAL as the killed process left them; the -shm index is rebuilt from the WAL on open. */
function copyOfFiles(dataDir: string, into: string): string {
  mkdirSync(into);
  for (const suffix of ['', '-wal']) {
    const from = join(dataDir, DATABASE_FILE + suffix);
    if (existsSync(from)) copyFileSync(from, join(into, DATABASE_FILE + suffix));
  }
  return join(into, DATABASE_FILE);
}

describe(`serve killed amid a storm of writes (seed ${SEED})`, { timeout: 60_000 }, () => {
  it(`${ROUNDS} SIGKILLs: every answered write is kept whole with its outbox entry, and serve starts again each time`, async () => {
    const prng = new Prng(SEED);
    const dataDir = join(temp.dir, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    const seeded = seedLinkedCandidates(join(dataDir, DATABASE_FILE), prng);
    const store: Store = { views: seeded, origins: new Map(seeded), linked: new Set(seeded.keys()) };
    const logs: string[] = [];

    let serving = await startServing(dataDir);
    for (let round = 1; round <= ROUNDS; round++) {
      // Now and then within a few ms of the first answer, when the first group commits are on their way.
      const delayMs = prng.chance(0.3) ? prng.int(10) : 20 + prng.int(600);
      const storm = await stormThenKill(serving, store, round, delayMs);
      logs.push(storm.log);
      const context = () => `seed ${SEED} (SERVE_CRASH_SEED=${SEED} replays it)\n${logs.join('\n')}`;
      checkAnswers(storm.writes, storm.problems);
      expect(storm.problems, context()).toEqual([]);

      const copy = copyOfFiles(dataDir, join(temp.dir, `killed-${round}`));
      const wal = `${copy}-wal`;
      logs.push(`  the kill left a WAL of ${existsSync(wal) ? statSync(wal).size : 0} bytes`);
      // On the files as they were left: the dead process's serve.lock, and its WAL not folded back.
      expect(existsSync(join(dataDir, 'serve.lock')), context()).toBe(true);
      serving = await startServing(dataDir);
      const { problems, changedUnanswered, createdUnanswered } = checkKilledStore(copy, store, storm);
      logs.push(`  ${store.views.size} candidates after it; unanswered writes that committed: ${createdUnanswered} created, ${changedUnanswered} changed`);
      expect(problems, context()).toEqual([]);
      expect(await checkServedStore(serving, store), context()).toEqual([]);
    }

    serving.child.child.kill('SIGTERM');
    expect(await serving.child.waitForExit(), serving.child.stderr()).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'serve.lock'))).toBe(false);
    withDatabase(join(dataDir, DATABASE_FILE), (db) => expect(db.pragma('integrity_check', { simple: true })).toBe('ok'));
  });
});
