import Database from 'better-sqlite3';
import { randomBytes, createHash } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import { join, relative, resolve } from 'node:path';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Agent, request as httpRequest } from 'undici';
import { DATABASE_FILE } from '../electron/cli/data-dir';
import { updateCandidate } from '../electron/core/candidates';
import { createCoreContext, type CoreContext } from '../electron/core/core-context';
import { closeDatabase, openDatabase } from '../electron/db/connection';
import { countOutboxCandidates } from '../electron/db/sync-repository';
import { forEachLimited } from '../electron/sync/for-each-limited';
import { PAGE_SIZE } from '../electron/sync/pull';
import { RemoteClient, type RemoteStats as ClientStats } from '../electron/sync/remote-client';
import { runSync, type SyncRemote, type SyncSummary } from '../electron/sync/sync-engine';
import { connectRemoteControls, type RemoteControlsClient } from '../tools/remote-server/controls-client';
import type { RemoteStats as ServerStats } from '../tools/remote-server/request-stats';
import { type Figure, formatNumber, gitState, log, passes, printFigures, printTable } from './bench-report';
import { CLOCK_TICKS_PER_SECOND, isRunning, processCpuMs, sleep, stopProcess } from './processes';

const ROOT = resolve(__dirname, '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'sync.json');

interface BenchConfig {
  mode: 'full' | 'quick';
  /** Candidates seeded on the remote before the first sync. */
  candidates: number;
  /** Linked candidates edited locally before the push measurement. */
  edits: number;
}

const FULL: BenchConfig = { mode: 'full', candidates: 10_000, edits: 1_000 };
const QUICK: BenchConfig = { mode: 'quick', candidates: 1_000, edits: 100 };

const LATENCY_MS = 20;
const CONCURRENCY = 4;

const TARGETS = {
  /** Requests of the first sync over the contract's minimum (list pages plus one detail per candidate). */
  requestRatio: 1.05,
  /** First sync's wall time over requests × latency / concurrency. */
  wallRatio: 1.5,
  unchangedSyncMs: 2_000,
  pushedPerSecond: 150,
} as const;

/** Seeding 10,000 candidates happens before the remote prints its URL. */
const REMOTE_START_TIMEOUT_MS = 120_000;
/** Bounds each sync, so a stuck run ends the bench instead of hanging it. */
const SYNC_TIMEOUT_MS = 600_000;
const STOP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------
// The remote test server, in a child process of its own: its request handling
// and SQLite work must not share the event loop whose sync is being timed.

interface RemoteProcess {
  process: ChildProcess;
  url: string;
  apiKey: string;
  controls: RemoteControlsClient;
  exited: Promise<void>;
}

async function startRemote(candidates: number): Promise<RemoteProcess> {
  const apiKey = randomBytes(18).toString('base64url');
  const args = ['--import', 'tsx', 'tools/remote-server/cli.ts', '--port', '0', '--seed', String(candidates), '--api-key', apiKey];
  args.push('--latency-ms', String(LATENCY_MS));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  let output = '';
  const collect = (chunk: Buffer) => {
    // Only the banner and any error matter; the tail is kept so a chatty child cannot grow it without bound.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const remote = { process: child, apiKey, exited };
  const deadline = performance.now() + REMOTE_START_TIMEOUT_MS;
  try {
    for (;;) {
      const url = /URL:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) return { ...remote, url, controls: connectRemoteControls(url, apiKey) };
      if (!isRunning(child)) throw new Error(`The remote server exited before it was ready:\n${output}`);
      if (performance.now() > deadline) throw new Error(`The remote server did not start within ${REMOTE_START_TIMEOUT_MS} ms:\n${output}`);
      await sleep(20);
    }
  } catch (error) {
    await stopProcess(child, exited, STOP_TIMEOUT_MS);
    throw error;
  }
}

/** CPU time the whole machine has spent busy so far, every process included, in ms. */
function machineBusyMs(): number {
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Other processes' CPU over a run, in cores, above which its wall times say more about the machine than the sync. */
const BUSY_MACHINE_CORES = 0.2;

// ---------------------------------------------------------------------------
// Phase timings, seen from outside the engine: the remote client is wrapped,
// so each kind of request has a window from its first call to its last answer,
// with the sync process's event-loop use over it. (Not its CPU time: here
// process.cpuUsage() costs some 0.2 ms a call, which per request would weigh
// on the very loop being measured; it is read once per run instead.)

type CallKind = 'list' | 'detail' | 'post' | 'put';

interface Mark {
  at: number;
  elu: EventLoopUtilization;
}

function mark(): Mark {
  return { at: performance.now(), elu: performance.eventLoopUtilization() };
}

function processCpuNowMs(): number {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
}

interface CallWindow {
  calls: number;
  first: Mark;
  last: Mark;
}

class ObservedRemote implements SyncRemote {
  private windows = new Map<CallKind, CallWindow>();

  constructor(private readonly client: RemoteClient) {}

  get stats(): ClientStats {
    return this.client.stats;
  }

  listCandidateVersions(...args: Parameters<RemoteClient['listCandidateVersions']>) {
    return this.observe('list', () => this.client.listCandidateVersions(...args));
  }

  getCandidate(...args: Parameters<RemoteClient['getCandidate']>) {
    return this.observe('detail', () => this.client.getCandidate(...args));
  }

  /** Only for creates whose answers were lost, which this benchmark does not lose: not a phase of its own. */
  findCandidateByEmail(...args: Parameters<RemoteClient['findCandidateByEmail']>) {
    return this.client.findCandidateByEmail(...args);
  }

  createCandidate(...args: Parameters<RemoteClient['createCandidate']>) {
    return this.observe('post', () => this.client.createCandidate(...args));
  }

  updateCandidate(...args: Parameters<RemoteClient['updateCandidate']>) {
    return this.observe('put', () => this.client.updateCandidate(...args));
  }

  /** The windows since the last call, and a fresh start for the next run. */
  takeWindows(): Map<CallKind, CallWindow> {
    const windows = this.windows;
    this.windows = new Map();
    return windows;
  }

  private async observe<T>(kind: CallKind, call: () => Promise<T>): Promise<T> {
    let window = this.windows.get(kind);
    if (!window) {
      const now = mark();
      window = { calls: 0, first: now, last: now };
      this.windows.set(kind, window);
    }
    window.calls += 1;
    try {
      return await call();
    } finally {
      window.last = mark();
    }
  }
}

interface Phase {
  name: string;
  wallMs: number;
  calls: number;
  /** Share of the phase the sync process's event loop was busy: near 1, the sync side is the bottleneck. */
  eventLoopBusy: number;
}

const PHASE_NAMES: Record<CallKind, string> = {
  list: 'list walk (list requests)',
  detail: 'detail fetches + applying batches',
  post: 'new candidates (POST)',
  put: 'push (PUT + applying answers)',
};

function phaseBetween(name: string, from: Mark, to: Mark, calls: number): Phase {
  return {
    name,
    wallMs: to.at - from.at,
    calls,
    eventLoopBusy: performance.eventLoopUtilization(to.elu, from.elu).utilization,
  };
}

/** The run cut at each window's first call and last answer; the gaps between are the engine's own work. */
function phasesOf(start: Mark, end: Mark, windows: Map<CallKind, CallWindow>): Phase[] {
  const ordered = [...windows.entries()].sort(([, a], [, b]) => a.first.at - b.first.at);
  const phases: Phase[] = [];
  let fromName = 'run start (lease, unlinked candidates)';
  let from = start;
  for (const [kind, window] of ordered) {
    phases.push(phaseBetween(`${fromName} → first ${kind} request`, from, window.first, 0));
    phases.push(phaseBetween(PHASE_NAMES[kind], window.first, window.last, window.calls));
    fromName = `last ${kind} answer`;
    from = window.last;
  }
  phases.push(phaseBetween(`${fromName} → end (last batch, run record)`, from, end, 0));
  return phases;
}

// ---------------------------------------------------------------------------
// Evidence that a sync wrote nothing: row writes counted by temporary triggers
// on the sync's own connection (a rewrite of identical values counts too), and
// a checksum of the tables' contents read through another connection.

const WATCHED_TABLES = ['candidates', 'applications', 'sync_bases', 'sync_outbox', 'sync_conflicts', 'sync_failures'] as const;

/** Row order for the checksum: each table's primary key. */
const TABLE_ORDER: Record<(typeof WATCHED_TABLES)[number], string> = {
  candidates: 'seq',
  applications: 'candidate_seq, job_id',
  sync_bases: 'candidate_seq',
  sync_outbox: 'id',
  sync_conflicts: 'id',
  sync_failures: 'candidate_seq',
};

const WRITE_OPS = ['INSERT', 'UPDATE', 'DELETE'] as const;

/**
 * TEMP triggers belong to the connection that made them, so they see exactly
 * the sync's writes and leave the file's schema alone. Returns a function that
 * reads the counts and removes the triggers.
 */
function countRowWrites(db: Database.Database): () => Record<string, number> {
  db.exec('CREATE TEMP TABLE bench_row_writes (tbl TEXT NOT NULL, op TEXT NOT NULL)');
  for (const table of WATCHED_TABLES) {
    for (const op of WRITE_OPS) {
      db.exec(
        `CREATE TEMP TRIGGER bench_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table}
         BEGIN INSERT INTO bench_row_writes VALUES ('${table}', '${op}'); END`,
      );
    }
  }
  return () => {
    const rows = db.prepare('SELECT tbl, op, count(*) AS n FROM bench_row_writes GROUP BY tbl, op').all() as { tbl: string; op: string; n: number }[];
    for (const table of WATCHED_TABLES) for (const op of WRITE_OPS) db.exec(`DROP TRIGGER temp.bench_${table}_${op.toLowerCase()}`);
    db.exec('DROP TABLE temp.bench_row_writes');
    return Object.fromEntries(rows.map((row) => [`${row.tbl} ${row.op}`, row.n]));
  };
}

function tableChecksums(file: string): Record<string, string> {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const sums: Record<string, string> = {};
    for (const table of WATCHED_TABLES) {
      const hash = createHash('sha256');
      for (const row of reader.prepare(`SELECT * FROM ${table} ORDER BY ${TABLE_ORDER[table]}`).raw().iterate()) hash.update(JSON.stringify(row));
      sums[table] = hash.digest('hex').slice(0, 16);
    }
    return sums;
  } finally {
    reader.close();
  }
}

// ---------------------------------------------------------------------------
// --cpu-prof: a V8 CPU profile of each measured sync (this process only, the
// sync side), written next to the results and summarised, so a missed target
// comes with where the sync side spent its time.

interface ProfileSummary {
  file: string;
  sampledMs: number;
  /** Where the samples landed: function and place, the heaviest first. */
  topSelf: { where: string; ms: number }[];
  /** The project's own functions (electron/, shared/) by time spent in them and what they called. */
  topProjectInclusive: { where: string; ms: number }[];
}

const PROFILE_TOP = 15;

function placeOf(frame: Profiler.ProfileNode['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  const path = frame.url.startsWith('file://') ? relative(ROOT, new URL(frame.url).pathname) : frame.url;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  // No line: tsx runs each file as one transpiled line.
  return `${name} ${inPackage ?? path}`;
}

function summarizeProfile(profile: Profiler.Profile, file: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  let sampledUs = 0;
  const chainOf = (nodeId: number) => {
    const chain: Profiler.ProfileNode[] = [];
    for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) chain.push(byId.get(id)!);
    return chain;
  };
  profile.samples?.forEach((nodeId, index) => {
    const chain = chainOf(nodeId);
    // Samples taken while the profiler hands over its profile are the bench's, not the sync's.
    if (chain.some((node) => node.callFrame.url === 'node:inspector')) return;
    const us = deltas[index] ?? 0;
    sampledUs += us;
    const [node, caller] = chain;
    // A native function says little alone: better-sqlite3's `run` is a COMMIT under sqliteTransaction, an INSERT elsewhere.
    const place = node!.callFrame.url === '' && caller && caller.callFrame.functionName !== '(root)'
      ? `${placeOf(node!.callFrame)} ← ${placeOf(caller.callFrame)}`
      : placeOf(node!.callFrame);
    self.set(place, (self.get(place) ?? 0) + us);
    // Each function once per sample, however deep the recursion.
    const seen = new Set<string>();
    for (const { callFrame: frame } of chain) {
      if (!/\/(electron|shared)\//.test(frame.url) || frame.url.includes('node_modules')) continue;
      const where = placeOf(frame);
      if (seen.has(where)) continue;
      seen.add(where);
      inclusive.set(where, (inclusive.get(where) ?? 0) + us);
    }
  });
  const top = (map: Map<string, number>) =>
    [...map.entries()].sort(([, a], [, b]) => b - a).slice(0, PROFILE_TOP).map(([where, us]) => ({ where, ms: us / 1000 }));
  return { file, sampledMs: sampledUs / 1000, topSelf: top(self), topProjectInclusive: top(inclusive) };
}

/** Profiles `work` when a session is given; the profile goes to bench/results/sync-<name>.cpuprofile. */
async function profiled<T>(session: Session | undefined, name: string, work: () => Promise<T>): Promise<{ value: T; profile?: ProfileSummary }> {
  if (!session) return { value: await work() };
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  // On failure the profiler is left running: the bench ends and disconnects the session.
  const value = await work();
  const { profile } = await session.post('Profiler.stop');
  const file = join(RESULTS_DIR, `sync-${name.replace(/\W+/g, '-')}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return { value, profile: summarizeProfile(profile, relative(ROOT, file)) };
}

// ---------------------------------------------------------------------------
// One measured sync.

interface SyncRun {
  wallMs: number;
  summary: SyncSummary;
  /** What the remote counted, by route kind (contract routes only). */
  remoteRequests: ServerStats['byKind'] & { total: number };
  remoteStatuses: Record<string, number>;
  /** What the client counted, retries included. */
  clientRequests: number;
  /** CPU of the remote process over the run. */
  remoteCpuMs: number;
  syncCpuMs: number;
  /** Cores that other processes on the machine (not the sync or the remote) kept busy on average over the run. */
  otherCores: number;
  phases: Phase[];
  profile?: ProfileSummary;
}

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function measureSync(
  name: string,
  ctx: CoreContext,
  remote: RemoteProcess,
  observed: ObservedRemote,
  session: Session | undefined,
): Promise<SyncRun> {
  await remote.controls.resetStats();
  observed.takeWindows();
  const pid = remote.process.pid as number;
  const clientBefore = observed.stats.requests;
  // Everything timed is taken inside the profiled work: starting and stopping the profiler is not the sync's time.
  const { value: measured, profile } = await profiled(session, name, async () => {
    const remoteCpuBefore = processCpuMs(pid);
    const syncCpuBefore = processCpuNowMs();
    const machineBefore = machineBusyMs();
    const start = mark();
    const outcome = await withDeadline(
      runSync({ ctx, remote: observed, concurrency: CONCURRENCY, reportError: (error) => log(`${name}: ${(error as Error).message}`) }),
      SYNC_TIMEOUT_MS,
      name,
    );
    const end = mark();
    const syncCpuMs = processCpuNowMs() - syncCpuBefore;
    const remoteCpuMs = processCpuMs(pid) - remoteCpuBefore;
    const otherCpuMs = machineBusyMs() - machineBefore - syncCpuMs - remoteCpuMs;
    return { outcome, start, end, syncCpuMs, remoteCpuMs, otherCpuMs };
  });
  const { outcome, start, end } = measured;
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message} (${JSON.stringify(outcome.summary)})`);
  const stats = await remote.controls.stats();
  const wallMs = end.at - start.at;
  return {
    wallMs,
    summary: outcome.summary,
    remoteRequests: { ...stats.byKind, total: stats.total },
    remoteStatuses: stats.byStatus,
    clientRequests: observed.stats.requests - clientBefore,
    remoteCpuMs: measured.remoteCpuMs,
    syncCpuMs: measured.syncCpuMs,
    otherCores: Math.max(0, measured.otherCpuMs) / wallMs,
    phases: phasesOf(start, end, observed.takeWindows()),
    ...(profile ? { profile } : {}),
  };
}

/** Edits `count` linked candidates as the recruiter would, through the core use-case that records them in the outbox. */
function editLinkedCandidates(ctx: CoreContext, count: number): string[] {
  const ids = ctx.db.prepare('SELECT id FROM candidates WHERE remote_id IS NOT NULL ORDER BY seq LIMIT ?').pluck().all(count) as string[];
  if (ids.length < count) throw new Error(`Only ${ids.length} linked candidates to edit, ${count} wanted.`);
  // location is not a locked field, so masked candidates take the edit too.
  ids.forEach((id, index) => updateCandidate(ctx, id, { location: `Bench City ${index}` }));
  return ids;
}

/** The same requests as the push sync, from a bare client: what the remote and this machine allow with no sync work at all. */
interface BareFloor {
  listWalkMs: number;
  putMs: number;
  puts: number;
}

/**
 * The push sync's requests again (the list walk, then one PUT per edited
 * candidate, CONCURRENCY in flight) sent with the engine's HTTP client
 * (undici's request) and nothing done with the answers but reading them: the
 * floor any sync engine meets against this remote on this machine. Runs after
 * the measured syncs; the PUTs write the values the push already sent, so the
 * remote ends as it was.
 */
async function measureBareFloor(remote: RemoteProcess, db: Database.Database, edited: readonly string[], candidates: number): Promise<BareFloor> {
  const headers = { authorization: `Bearer ${remote.apiKey}`, 'content-type': 'application/json' };
  const dispatcher = new Agent();
  const send = async (path: string, options: { method?: 'PUT'; body?: string } = {}) => {
    const response = await httpRequest(`${remote.url}/api/v1/candidates${path}`, { ...options, headers, dispatcher });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`bare floor: ${options.method ?? 'GET'} ${path} answered ${response.statusCode}`);
  };
  const offsets = Array.from({ length: Math.ceil(candidates / PAGE_SIZE) }, (_, page) => page * PAGE_SIZE);
  const walkStarted = performance.now();
  await send(`?limit=${PAGE_SIZE}&offset=0`);
  await forEachLimited(offsets.slice(1), CONCURRENCY, (offset) => send(`?limit=${PAGE_SIZE}&offset=${offset}`));
  const listWalkMs = performance.now() - walkStarted;

  const rows = db.prepare('SELECT remote_id, location FROM candidates WHERE id = ?');
  const puts = edited.map((id) => rows.get(id) as { remote_id: string; location: string });
  const putStarted = performance.now();
  await forEachLimited(puts, CONCURRENCY, ({ remote_id: remoteId, location }) =>
    send(`/${remoteId}`, { method: 'PUT', body: JSON.stringify({ location }) }),
  );
  const putMs = performance.now() - putStarted;
  await dispatcher.close();
  return { listWalkMs, putMs, puts: puts.length };
}

// ---------------------------------------------------------------------------
// Figures and report.

function printPhases(title: string, run: SyncRun): void {
  process.stdout.write(
    `\n${title}: ${formatNumber(run.wallMs)} ms wall; CPU: sync process ${formatNumber(run.syncCpuMs)} ms, ` +
      `remote process ${formatNumber(run.remoteCpuMs)} ms, other processes ${run.otherCores.toFixed(2)} cores on average`,
  );
  const rows = run.phases.map((phase) => [
    phase.name,
    formatNumber(phase.wallMs),
    phase.calls > 0 ? formatNumber(phase.calls) : '',
    formatNumber(phase.eventLoopBusy * phase.wallMs),
    `${formatNumber(phase.eventLoopBusy * 100)} %`,
  ]);
  printTable(['Phase', 'Wall ms', 'Requests', 'Loop busy ms', 'Loop busy'], rows, new Set([1, 2, 3, 4]));
  if (!run.profile) return;
  const { profile } = run;
  process.stdout.write(`\nCPU profile of the sync side (${profile.file}, ${formatNumber(profile.sampledMs)} ms sampled, idle included)`);
  printTable(['Self time: where', 'ms'], profile.topSelf.map((row) => [row.where, formatNumber(row.ms)]), new Set([1]));
  printTable(['Project functions, inclusive: where', 'ms'], profile.topProjectInclusive.map((row) => [row.where, formatNumber(row.ms)]), new Set([1]));
}

function buildFigures(config: BenchConfig, first: SyncRun, unchanged: SyncRun, push: SyncRun, evidence: WriteEvidence, floor: BareFloor): Figure[] {
  const n = (value: number) => formatNumber(value);
  const pages = Math.ceil(config.candidates / PAGE_SIZE);
  const minimum = pages + config.candidates;
  const requests = first.remoteRequests.total;
  const idealMs = (requests * LATENCY_MS) / CONCURRENCY;
  const rowWrites = Object.values(evidence.rowWrites).reduce((sum, count) => sum + count, 0);
  const changedTables = Object.keys(evidence.before).filter((table) => evidence.before[table] !== evidence.after[table]);
  const pushPhase = push.phases.find((phase) => phase.name === PHASE_NAMES.put);
  const candidates = `${n(config.candidates)} candidates`;
  return [
    {
      label: `first sync (${candidates}): requests / contract minimum`,
      value: requests / minimum,
      unit: 'x',
      digits: 3,
      target: ['<=', TARGETS.requestRatio],
      note: `${n(requests)} requests at the remote (${n(first.remoteRequests.list)} list, ${n(first.remoteRequests.detail)} detail; the client sent ${n(first.clientRequests)}, retries included); minimum ${n(pages)} + ${n(config.candidates)} = ${n(minimum)}`,
    },
    {
      label: `first sync (${candidates}): wall time / ideal`,
      value: first.wallMs / idealMs,
      unit: 'x',
      digits: 2,
      target: ['<=', TARGETS.wallRatio],
      note: `${n(first.wallMs)} ms vs ${n(idealMs)} ms = ${n(requests)} requests × ${LATENCY_MS} ms / ${CONCURRENCY}`,
    },
    {
      label: 'first sync: candidates pulled',
      value: first.summary.pulled,
      unit: '',
      target: ['==', config.candidates],
      note: `summary ${JSON.stringify(first.summary)}`,
    },
    {
      label: 'second sync (nothing changed): list requests',
      value: unchanged.remoteRequests.list,
      unit: '',
      target: ['==', pages],
      note: `${n(unchanged.remoteRequests.total)} requests in all`,
    },
    { label: 'second sync: detail requests', value: unchanged.remoteRequests.detail, unit: '', target: ['==', 0] },
    {
      label: 'second sync: rows written (candidates, applications, sync tables)',
      value: rowWrites,
      unit: '',
      target: ['==', 0],
      note: rowWrites > 0 ? JSON.stringify(evidence.rowWrites) : 'TEMP triggers on the sync connection counted every INSERT/UPDATE/DELETE',
    },
    {
      label: 'second sync: tables whose content changed',
      value: changedTables.length,
      unit: '',
      target: ['==', 0],
      note: changedTables.length > 0 ? changedTables.join(', ') : `sha256 of ${WATCHED_TABLES.length} tables before/after, read through another connection`,
    },
    {
      label: 'second sync: wall time',
      value: unchanged.wallMs,
      unit: 'ms',
      target: ['<', TARGETS.unchangedSyncMs],
      note: `ideal ${n((unchanged.remoteRequests.total * LATENCY_MS) / CONCURRENCY)} ms`,
    },
    {
      label: `push ${n(config.edits)} local edits: PUT requests`,
      value: push.remoteRequests.put,
      unit: '',
      target: ['==', config.edits],
      note: `${n(push.remoteRequests.detail)} detail, ${n(push.remoteRequests.list)} list; pushed ${push.summary.pushed}, outbox left ${evidence.outboxAfterPush}`,
    },
    {
      label: `push ${n(config.edits)} local edits: candidates per second (whole sync)`,
      value: (config.edits * 1000) / push.wallMs,
      unit: '/s',
      digits: 1,
      target: ['>=', TARGETS.pushedPerSecond],
      note: `${n(push.wallMs)} ms, list walk included; ideal ${n(((push.remoteRequests.total) * LATENCY_MS) / CONCURRENCY)} ms`,
    },
    {
      label: 'push: candidates per second (PUT phase only)',
      value: pushPhase ? (config.edits * 1000) / pushPhase.wallMs : NaN,
      unit: '/s',
      digits: 1,
      note: `ceiling ${n((CONCURRENCY * 1000) / LATENCY_MS)}/s at ${CONCURRENCY} requests of ${LATENCY_MS} ms`,
    },
    {
      label: 'floor: the same PUTs from a bare client, per second',
      value: (floor.puts * 1000) / floor.putMs,
      unit: '/s',
      digits: 1,
      note: `${n(floor.puts)} PUTs in ${n(floor.putMs)} ms, the engine's HTTP client, ${CONCURRENCY} in flight, answers only read: the remote's own time on top of the ${LATENCY_MS} ms`,
    },
    {
      label: 'floor: the same list walk and PUTs from a bare client, candidates per second',
      value: (floor.puts * 1000) / (floor.listWalkMs + floor.putMs),
      unit: '/s',
      digits: 1,
      note: `list walk ${n(floor.listWalkMs)} ms + PUTs ${n(floor.putMs)} ms: what no sync engine can beat against this remote on this machine`,
    },
  ];
}

interface WriteEvidence {
  rowWrites: Record<string, number>;
  before: Record<string, string>;
  after: Record<string, string>;
  /** total_changes() of the sync connection over the second sync: the lease and run record, which are not candidate data. */
  totalChanges: number;
  outboxAfterPush: number;
}

// ---------------------------------------------------------------------------

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, 'cpu-prof': { type: 'boolean', default: false } },
    strict: true,
  });
  const config = values.quick ? QUICK : FULL;
  mkdirSync(RESULTS_DIR, { recursive: true });
  // The profiler's own sampling costs a little: figures of a profiled run are for finding time, not for judging targets.
  const session = values['cpu-prof'] ? new Session() : undefined;
  session?.connect();
  const workDir = mkdtempSync(join(tmpdir(), 'recruiter-desk-sync-bench-'));
  const dbFile = join(workDir, DATABASE_FILE);
  let remote: RemoteProcess | undefined;
  let db: Database.Database | undefined;
  const cleanUp = async () => {
    session?.disconnect();
    if (db) closeDatabase(db);
    if (remote) await stopProcess(remote.process, remote.exited, STOP_TIMEOUT_MS);
    rmSync(workDir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startedAt = new Date();
  const loadBefore = loadavg();
  if (loadBefore[0]! > cpus().length / 2) {
    log(`warning: the machine is busy (load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}); wall times will suffer`);
  }
  try {
    log(`${config.mode} run: starting the remote test server in a child process with ${formatNumber(config.candidates)} candidates, ${LATENCY_MS} ms latency`);
    remote = await startRemote(config.candidates);
    log(`remote at ${remote.url} (pid ${remote.process.pid}); local data in ${workDir}`);
    db = openDatabase(dbFile);
    const ctx = createCoreContext(db);
    const observed = new ObservedRemote(new RemoteClient({ remoteUrl: remote.url, apiKey: remote.apiKey, concurrency: CONCURRENCY }));

    log('first sync');
    const first = await measureSync('first sync', ctx, remote, observed, session);
    log(`first sync: ${formatNumber(first.wallMs)} ms, ${JSON.stringify(first.summary)}`);

    log('second sync, nothing changed');
    const before = tableChecksums(dbFile);
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number;
    const readRowWrites = countRowWrites(db);
    let unchanged: SyncRun;
    let rowWrites: Record<string, number>;
    try {
      unchanged = await measureSync('second sync', ctx, remote, observed, session);
    } finally {
      rowWrites = readRowWrites();
    }
    const totalChanges = (db.prepare('SELECT total_changes()').pluck().get() as number) - changesBefore;
    const after = tableChecksums(dbFile);
    log(`second sync: ${formatNumber(unchanged.wallMs)} ms, ${JSON.stringify(unchanged.summary)}`);

    log(`editing ${formatNumber(config.edits)} linked candidates locally`);
    const editStarted = performance.now();
    const edited = editLinkedCandidates(ctx, config.edits);
    log(`edited ${edited.length} in ${formatNumber(performance.now() - editStarted)} ms (not measured); syncing`);
    const push = await measureSync('push sync', ctx, remote, observed, session);
    const outboxAfterPush = countOutboxCandidates(db);
    log(`push sync: ${formatNumber(push.wallMs)} ms, ${JSON.stringify(push.summary)}`);

    log('the same requests from a bare client, for the floor');
    const floor = await measureBareFloor(remote, db, edited, config.candidates);

    const evidence: WriteEvidence = { rowWrites, before, after, totalChanges, outboxAfterPush };
    const figures = buildFigures(config, first, unchanged, push, evidence, floor);
    process.stdout.write(
      `\nRemote test server: a separate child process (node --import tsx tools/remote-server/cli.ts), ${LATENCY_MS} ms added latency; ` +
        `sync in this process, concurrency ${CONCURRENCY}.\n`,
    );
    printFigures(figures);
    printPhases('First sync', first);
    printPhases('Second sync', unchanged);
    printPhases('Push sync', push);
    const busy = Object.entries({ first, unchanged, push }).filter(([, run]) => run.otherCores > BUSY_MACHINE_CORES);
    if (busy.length > 0) {
      const which = busy.map(([name, run]) => `${name} ${run.otherCores.toFixed(2)}`).join(', ');
      process.stdout.write(`\nWarning: other processes kept ${which} of ${cpus().length} cores busy; the wall times are not clean.\n`);
    }
    const judged = figures.map(passes).filter((pass) => pass !== undefined);
    process.stdout.write(`\n${judged.filter(Boolean).length} of ${judged.length} targets met.\n`);
    process.stdout.write(
      `Second sync wrote ${totalChanges} rows in all (total_changes()): the sync lease and the run record, outside the tables checked.\n`,
    );

    const results = {
      mode: config.mode,
      cpuProfiled: session !== undefined,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      config: { ...config, latencyMs: LATENCY_MS, concurrency: CONCURRENCY, pageSize: PAGE_SIZE },
      setup: {
        remote: 'child process: node --import tsx tools/remote-server/cli.ts (own event loop and CPU)',
        sync: 'this process: runSync with a RemoteClient, local database under a fresh temp folder (WAL, synchronous=FULL)',
        noWritesEvidence:
          'TEMP triggers on the sync connection count every INSERT/UPDATE/DELETE of the watched tables; sha256 of their rows read through a second, read-only connection before and after',
      },
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
      source: gitState(['electron', 'shared', 'tools']),
      targets: TARGETS,
      runs: { first, unchanged, push },
      bareFloor: floor,
      writeEvidence: evidence,
      figures: figures.map((figure) => ({ ...figure, pass: passes(figure) ?? null })),
    };
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    log(`figures written to ${RESULTS_FILE}`);
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench:sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
