import autocannon from 'autocannon';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toCandidateView } from '../electron/core/candidate-view';
import { type Figure, formatNumber, gitState, log, passes, printFigures } from './bench-report';
import type { BulkLoadResult } from './bulk-load';
import { datasetJobs, generateCandidates, makeCreateBody, Prng, SEARCH_TERMS, surnameSearchTerms } from './candidate-generator';
import { isRunning, processCpuMs, sleep, stopProcess } from './processes';

const ROOT = resolve(__dirname, '..');
/** serve as `npm run serve` runs it: bundled by scripts/build-cli.mjs, plain Node, no TypeScript at run time. */
const SERVE_BUNDLE = join(ROOT, 'out', 'cli', 'serve.cjs');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'api.json');
const JSON_SERVER_CLI = join(ROOT, 'node_modules', 'json-server', 'lib', 'cli', 'bin.js');

interface BenchConfig {
  mode: 'full' | 'quick';
  candidates: number;
  /** Seconds of each measured autocannon run against `serve`. */
  runSeconds: number;
  warmupSeconds: number;
  /** Seconds of each run against json-server, which answers a few requests a second at most. */
  jsonServerSeconds: number;
  /**
   * Measured runs per load against serve, and bulk loads. This machine's speed
   * drifts by up to half over spells of seconds to minutes (a shared VM): the
   * runs are interleaved (measureInRounds), the median run is reported, and
   * every run kept.
   */
  runs: number;
}

const FULL: BenchConfig = { mode: 'full', candidates: 100_000, runSeconds: 5, warmupSeconds: 1, jsonServerSeconds: 10, runs: 3 };
const QUICK: BenchConfig = { mode: 'quick', candidates: 10_000, runSeconds: 2, warmupSeconds: 0.5, jsonServerSeconds: 2, runs: 1 };

const PAGE = 50;
const SAMPLE_IDS = 1000;
const START_TIMEOUT_MS = 30_000;
const JSON_SERVER_START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------
// Child processes: every one started is registered and stopped, also on failure or Ctrl+C.

interface Child {
  name: string;
  process: ChildProcess;
  output: string;
  exited: Promise<void>;
}

const children: Child[] = [];

function startChild(name: string, command: string, args: string[], cwd: string): Child {
  const proc = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = {
    name,
    process: proc,
    output: '',
    exited: new Promise((resolveExit) => proc.once('exit', () => resolveExit())),
  };
  const collect = (chunk: Buffer) => {
    // Only the start banner and any error matter; keep the tail so a chatty child cannot grow it without bound.
    child.output = (child.output + chunk.toString('utf8')).slice(-20_000);
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  children.push(child);
  return child;
}

async function stopChild(child: Child): Promise<void> {
  await stopProcess(child.process, child.exited, STOP_TIMEOUT_MS);
  const index = children.indexOf(child);
  if (index >= 0) children.splice(index, 1);
}

async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map(stopChild));
}

async function waitForOutput(child: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(child.output);
    if (match) return match;
    if (!isRunning(child.process)) throw new Error(`${child.name} exited before it was ready:\n${child.output}`);
    if (performance.now() > deadline) throw new Error(`${child.name} did not start within ${timeoutMs} ms:\n${child.output}`);
    await sleep(1);
  }
}

// ---------------------------------------------------------------------------
// Single requests, for start-up timing and sanity checks.

interface SimpleResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<SimpleResponse> {
  return new Promise((resolveResponse, reject) => {
    const req = httpRequest(url, { headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url} took over ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Asks `url` until it answers 200, as fast as the connection refusals come back. */
async function pollUntilOk(url: string, headers: Record<string, string>, child: Child, timeoutMs: number): Promise<SimpleResponse> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const response = await send(url, headers);
      if (response.status === 200) return response;
    } catch {
      // Not listening yet.
    }
    if (!isRunning(child.process)) throw new Error(`${child.name} exited before it answered:\n${child.output}`);
    if (performance.now() > deadline) throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms`);
    await sleep(1);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

interface ResidentMemory {
  rssMb: number;
  peakRssMb: number;
}

function residentMemory(pid: number): ResidentMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

// ---------------------------------------------------------------------------
// Load runs.

interface LoadFigures {
  connections: number;
  seconds: number;
  /** Answered requests with a 2xx status per second. */
  requestsPerSecond: number;
  completed: number;
  /** Whole milliseconds, rounded down (autocannon's histogram). */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  megabytesPerSecond: number;
  /**
   * CPU the server process used per answered request, and the share of one
   * core it got over the run: on a busy machine the share drops below 1 and
   * the throughput with it, while the CPU per request still holds.
   */
  serverCpuMsPerRequest: number;
  serverCpuShare: number;
  /** Throughput of every measured run, in order; the figures above are the median run's. */
  runsRequestsPerSecond?: number[];
}

interface LoadSpec {
  baseUrl: string;
  /** The server's process id, to read the CPU time it used. */
  pid: number;
  connections: number;
  headers: Record<string, string>;
  /** A fixed path, or a request whose setupRequest varies it. */
  path?: string;
  requests?: autocannon.Request[];
  method?: 'GET' | 'POST';
  timeoutSeconds?: number;
}

async function runLoad(spec: LoadSpec, seconds: number): Promise<LoadFigures> {
  const cpuBefore = processCpuMs(spec.pid) / 1000;
  const result = await autocannon({
    url: spec.baseUrl + (spec.path ?? ''),
    connections: spec.connections,
    duration: seconds,
    timeout: spec.timeoutSeconds ?? 10,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    ...(spec.requests ? { requests: spec.requests } : {}),
  });
  const cpuUsed = processCpuMs(spec.pid) / 1000 - cpuBefore;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]));
  return {
    connections: spec.connections,
    seconds: result.duration,
    requestsPerSecond: result['2xx'] / result.duration,
    completed: result['2xx'],
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    megabytesPerSecond: result.throughput.average / 1e6,
    serverCpuMsPerRequest: result['2xx'] > 0 ? (cpuUsed * 1000) / result['2xx'] : NaN,
    serverCpuShare: cpuUsed / result.duration,
  };
}

/**
 * A short unmeasured run first, so the JIT, SQLite's page cache and the
 * server's own caches are as in steady use. A slow server is still working
 * through the warm-up's last requests when it ends; one more request, queued
 * behind them, waits that backlog out so it is not charged to the measured run.
 */
async function warmUp(spec: LoadSpec, config: BenchConfig): Promise<void> {
  await runLoad(spec, config.warmupSeconds);
  if (spec.method !== 'POST') await send(spec.baseUrl + (spec.path ?? ''), spec.headers, (spec.timeoutSeconds ?? 10) * 1000 * spec.connections);
}

/** One warmed-up measured run. */
async function measure(spec: LoadSpec, config: BenchConfig, seconds: number): Promise<LoadFigures> {
  await warmUp(spec, config);
  return runLoad(spec, seconds);
}

interface PlannedLoad {
  name: string;
  spec: LoadSpec;
}

/**
 * Each load's `config.runs` measured runs, taken in rounds: one warmed-up run
 * of every load per round, then `betweenRounds` (but after the last). This
 * machine slows by up to half for a minute or more at a time (a shared VM):
 * back to back, all the runs of one load could fall in one such spell, and
 * its median with them; interleaved, a spell costs each load at most a run
 * or two, spread over several loads. It is what Google Benchmark's random
 * interleaving is for. Each load reports its median run, and every run.
 */
async function measureInRounds(
  plan: readonly PlannedLoad[],
  config: BenchConfig,
  betweenRounds: (round: number) => Promise<void>,
): Promise<Record<string, LoadFigures>> {
  const runs = new Map<string, LoadFigures[]>(plan.map(({ name }) => [name, []]));
  for (let round = 0; round < config.runs; round++) {
    for (const { name, spec } of plan) {
      log(`serve: ${name}, round ${round + 1} of ${config.runs}`);
      runs.get(name)?.push(await measure(spec, config, config.runSeconds));
    }
    if (round < config.runs - 1) await betweenRounds(round);
  }
  return Object.fromEntries(
    [...runs].map(([name, measured]) => [
      name,
      { ...medianBy(measured, (load) => load.requestsPerSecond), runsRequestsPerSecond: measured.map((load) => load.requestsPerSecond) },
    ]),
  );
}

/** The middle item by `key` (the upper middle of an even count). */
function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)] as T;
}

function rotatingPaths(paths: readonly string[]): autocannon.Request[] {
  let next = 0;
  return [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }];
}

// ---------------------------------------------------------------------------
// The figures, their targets, and the report.

/** Whole numbers, but two decimals for the few requests a second json-server manages. */
function formatRate(value: number): string {
  return formatNumber(value, value < 10 ? 2 : 0);
}

// ---------------------------------------------------------------------------
// The run.

interface ServePhase {
  startup: { listeningMs: number; firstHealthMs: number; firstListAnsweredMs: number; firstListRequestMs: number };
  matches: Record<string, number>;
  loads: Record<string, LoadFigures>;
  afterWrite: { firstListMs: number; secondListMs: number; firstSearchMs: number; secondSearchMs: number };
  /** Of the serve the reads ran on, and of the one the POSTs ran on. */
  memory: { reads: ResidentMemory; posts: ResidentMemory };
  /** The ids of the first list page and of the deep one, to check json-server answers the same. */
  pages: { first: string[]; deep: string[] };
}

interface JsonServerPhase {
  startMs: number;
  dbJsonMb: number;
  matches: Record<string, number>;
  samePages: boolean;
  loads: Record<string, LoadFigures>;
  memory: ResidentMemory;
}

/** The requests both servers are measured on, as each spells them. */
interface RequestPaths {
  listFirst: string;
  listDeep: string;
  searchCommon: string;
  searchRare: string;
  searchNone: string;
  jobFilter: string;
}

function totalOf(response: SimpleResponse): number {
  const header = response.headers['x-total-count'];
  if (typeof header === 'string') return Number(header);
  return (JSON.parse(response.body) as { meta: { total: number } }).meta.total;
}

function pageIdsOf(response: SimpleResponse): string[] {
  const parsed = JSON.parse(response.body) as { data: { id: string }[] } | { id: string }[];
  return (Array.isArray(parsed) ? parsed : parsed.data).map((candidate) => candidate.id);
}

function deepOffsetOf(config: BenchConfig): number {
  return Math.floor(config.candidates * 0.9);
}

/**
 * One bulk load in a fresh process, as the first import of a newly started app
 * is: its code is not yet compiled by the JIT, which a second load in this
 * process would find done.
 */
function bulkLoadInChild(dataDir: string, count: number): BulkLoadResult {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join('bench', 'bulk-load.ts'), '--data-dir', dataDir, '--count', String(count)], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as BulkLoadResult;
}

/** Every SAMPLE_IDS-th candidate id, for get-by-id runs that do not read one row over and over. */
function sampleIds(count: number): string[] {
  const every = Math.max(1, Math.floor(count / SAMPLE_IDS));
  const ids: string[] = [];
  let index = 0;
  for (const { candidate } of generateCandidates(count)) {
    if (index++ % every === 0 && ids.length < SAMPLE_IDS) ids.push(candidate.id);
  }
  return ids;
}

async function getOk(url: string, headers: Record<string, string>): Promise<SimpleResponse> {
  const response = await send(url, headers);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${response.body.slice(0, 500)}`);
  return response;
}

async function countMatches(baseUrl: string, paths: RequestPaths, headers: Record<string, string>): Promise<Record<string, number>> {
  const matches: Record<string, number> = {};
  for (const name of ['listFirst', 'searchCommon', 'searchRare', 'searchNone', 'jobFilter'] as const) {
    matches[name] = totalOf(await getOk(baseUrl + paths[name], headers));
  }
  return matches;
}

interface StartedServe {
  child: Child;
  /** performance.now() at spawn: every start figure counts from it. */
  spawnedAt: number;
  baseUrl: string;
  auth: Record<string, string>;
  listeningMs: number;
  firstHealthMs: number;
}

/** `serve` on `dataDir`, timed from spawn to listening and to its first answer. */
async function startServe(name: string, dataDir: string): Promise<StartedServe> {
  const spawnedAt = performance.now();
  const child = startChild(name, process.execPath, [SERVE_BUNDLE, '--data-dir', dataDir, '--port', '0'], ROOT);
  const [, baseUrl = ''] = await waitForOutput(child, /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1\/candidates/, START_TIMEOUT_MS);
  const listeningMs = performance.now() - spawnedAt;
  await pollUntilOk(`${baseUrl}/api/local/health`, {}, child, START_TIMEOUT_MS);
  const firstHealthMs = performance.now() - spawnedAt;
  const [, tokenFile = ''] = await waitForOutput(child, /Token file:\s+(\S.*)\n/, START_TIMEOUT_MS);
  const auth = { authorization: `Bearer ${readFileSync(tokenFile.trim(), 'utf8').trim()}` };
  return { child, spawnedAt, baseUrl, auth, listeningMs, firstHealthMs };
}

/**
 * The reads against one `serve`, and the POSTs against another on a copy of
 * the same data: the POSTs, interleaved with the reads (measureInRounds),
 * would otherwise grow the store the reads are measured on.
 */
async function benchServe(
  dataDir: string,
  postDataDir: string,
  config: BenchConfig,
  ids: readonly string[],
  betweenRounds: (round: number) => Promise<void>,
): Promise<ServePhase> {
  const { jobIds } = datasetJobs();
  const serve = await startServe('serve', dataDir);
  const { baseUrl, auth } = serve;
  const firstList = await timed(() => pollUntilOk(`${baseUrl}/api/v1/candidates?limit=${PAGE}`, auth, serve.child, START_TIMEOUT_MS));
  const firstListAnsweredMs = performance.now() - serve.spawnedAt;
  log(`serve: first answer ${serve.firstHealthMs.toFixed(0)} ms after spawn; first list page took ${firstList.ms.toFixed(0)} ms`);

  const listPath = (query: string) => `/api/v1/candidates?${query}`;
  const paths: RequestPaths = {
    listFirst: listPath(`limit=${PAGE}&offset=0`),
    listDeep: listPath(`limit=${PAGE}&offset=${deepOffsetOf(config)}`),
    searchCommon: listPath(`search=${SEARCH_TERMS.common}&limit=${PAGE}`),
    searchRare: listPath(`search=${SEARCH_TERMS.rare}&limit=${PAGE}`),
    searchNone: listPath(`search=${SEARCH_TERMS.none}&limit=${PAGE}`),
    jobFilter: listPath(`job_id=${jobIds[0]}&limit=${PAGE}`),
  };
  const matches = await countMatches(baseUrl, paths, auth);
  const pages = {
    first: pageIdsOf(await getOk(baseUrl + paths.listFirst, auth)),
    deep: pageIdsOf(await getOk(baseUrl + paths.listDeep, auth)),
  };
  log(`serve: matches ${JSON.stringify(matches)}`);

  const postServe = await startServe('serve (POSTs)', postDataDir);
  const read = (connections: number, request: Pick<LoadSpec, 'path' | 'requests'>): LoadSpec => ({
    baseUrl,
    pid: serve.child.process.pid as number,
    connections,
    headers: auth,
    ...request,
  });
  const bodies = new Prng(7);
  let posted = 0;
  const plan: PlannedLoad[] = [
    { name: 'listFirstC1', spec: read(1, { path: paths.listFirst }) },
    { name: 'listFirstC10', spec: read(10, { path: paths.listFirst }) },
    { name: 'listDeepC1', spec: read(1, { path: paths.listDeep }) },
    { name: 'listDeepC10', spec: read(10, { path: paths.listDeep }) },
    { name: 'searchCommonC10', spec: read(10, { path: paths.searchCommon }) },
    { name: 'searchRareC10', spec: read(10, { path: paths.searchRare }) },
    { name: 'searchNoneC10', spec: read(10, { path: paths.searchNone }) },
    { name: 'jobFilterC10', spec: read(10, { path: paths.jobFilter }) },
    { name: 'getByIdC10', spec: read(10, { requests: rotatingPaths(ids.map((id) => `/api/v1/candidates/${id}`)) }) },
    // More distinct filters than the server's list cache holds, taken round-robin: every request misses it.
    { name: 'jobFilterRotatingC10', spec: read(10, { requests: rotatingPaths(jobIds.map((id) => listPath(`job_id=${id}&limit=${PAGE}`))) }) },
    {
      name: 'searchRotatingC10',
      spec: read(10, { requests: rotatingPaths(surnameSearchTerms().map((term) => listPath(`search=${encodeURIComponent(term)}&limit=${PAGE}`))) }),
    },
    {
      name: 'postC10',
      spec: {
        baseUrl: postServe.baseUrl,
        pid: postServe.child.process.pid as number,
        connections: 10,
        method: 'POST',
        path: '/api/v1/candidates',
        headers: { ...postServe.auth, 'content-type': 'application/json' },
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: makeCreateBody(bodies, posted++, jobIds) }) }],
      },
    },
  ];
  const loads = await measureInRounds(plan, config, betweenRounds);

  // Every write empties the server's list cache: the first read after one orders every match again.
  const afterPosts = (path: string) => timed(() => getOk(postServe.baseUrl + path, postServe.auth));
  const afterWrite = {
    firstListMs: (await afterPosts(paths.listFirst)).ms,
    secondListMs: (await afterPosts(paths.listFirst)).ms,
    firstSearchMs: (await afterPosts(paths.searchCommon)).ms,
    secondSearchMs: (await afterPosts(paths.searchCommon)).ms,
  };
  const memory = { reads: residentMemory(serve.child.process.pid as number), posts: residentMemory(postServe.child.process.pid as number) };
  log(`serve: resident ${memory.reads.rssMb.toFixed(0)} MB after the reads, ${memory.posts.rssMb.toFixed(0)} MB after the POSTs; stopping both`);
  await stopChild(serve.child);
  await stopChild(postServe.child);

  return {
    startup: { listeningMs: serve.listeningMs, firstHealthMs: serve.firstHealthMs, firstListAnsweredMs, firstListRequestMs: firstList.ms },
    matches,
    loads,
    afterWrite,
    memory,
    pages,
  };
}

/**
 * json-server's db.json: the same candidates as `serve` lists them (masked
 * ones masked), in the list's order (created_at, then id, descending) so that
 * _start/_limit pages match without asking json-server to sort, plus
 * `job_ids`, the jobs each candidate applied to, so `job_ids_like=<uuid>`
 * expresses the job filter.
 */
function writeJsonServerDb(file: string, count: number): number {
  const items: (ReturnType<typeof toCandidateView> & { job_ids: string[] })[] = [];
  for (const { candidate, applications } of generateCandidates(count)) {
    items.push({ ...toCandidateView(candidate), job_ids: applications.map((application) => application.job_id) });
  }
  const newestFirst = (a: { created_at: string; id: string }, b: { created_at: string; id: string }) =>
    a.created_at === b.created_at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.created_at < b.created_at ? 1 : -1;
  items.sort(newestFirst);
  const text = JSON.stringify({ candidates: items });
  writeFileSync(file, text);
  return Buffer.byteLength(text) / 1e6;
}

async function benchJsonServer(workDir: string, config: BenchConfig, ids: readonly string[], servePages: ServePhase['pages']): Promise<JsonServerPhase> {
  const { jobIds } = datasetJobs();
  const dir = join(workDir, 'json-server');
  mkdirSync(dir);
  const dbFile = join(dir, 'db.json');
  const dbJsonMb = writeJsonServerDb(dbFile, config.candidates);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`json-server: loading ${dbJsonMb.toFixed(0)} MB db.json`);
  // Its own folder as cwd: json-server would otherwise serve ./public and read ./json-server.json of the project.
  const spawnedAt = performance.now();
  const server = startChild('json-server', process.execPath, [JSON_SERVER_CLI, dbFile, '--port', String(port), '--host', '127.0.0.1', '--quiet'], dir);
  await pollUntilOk(`${baseUrl}/candidates?_limit=1`, {}, server, JSON_SERVER_START_TIMEOUT_MS);
  const startMs = performance.now() - spawnedAt;

  const page = `_start=0&_limit=${PAGE}`;
  // The same request as serve's list: newest first. json-server appends what it is
  // sent, so only _sort gives that order once candidates are added.
  const newestFirst = '_sort=created_at,id&_order=desc,desc';
  const paths: RequestPaths = {
    listFirst: `/candidates?${newestFirst}&${page}`,
    listDeep: `/candidates?${newestFirst}&_start=${deepOffsetOf(config)}&_limit=${PAGE}`,
    searchCommon: `/candidates?q=${SEARCH_TERMS.common}&${page}`,
    searchRare: `/candidates?q=${SEARCH_TERMS.rare}&${page}`,
    searchNone: `/candidates?q=${SEARCH_TERMS.none}&${page}`,
    jobFilter: `/candidates?job_ids_like=${jobIds[0]}&${page}`,
  };
  const matches = await countMatches(baseUrl, paths, {});
  const presortedFirst = `/candidates?${page}`;
  const samePage = async (path: string, ids: string[]) => JSON.stringify(pageIdsOf(await getOk(baseUrl + path, {}))) === JSON.stringify(ids);
  const samePages =
    (await samePage(paths.listFirst, servePages.first)) &&
    (await samePage(paths.listDeep, servePages.deep)) &&
    (await samePage(presortedFirst, servePages.first));
  log(`json-server: matches ${JSON.stringify(matches)}, same pages as serve: ${samePages}`);

  const loads: Record<string, LoadFigures> = {};
  const run = async (name: string, request: Pick<LoadSpec, 'path' | 'requests'>) => {
    log(`json-server: ${name}`);
    // A long request timeout: a slow answer is still an answer, and counts.
    loads[name] = await measure(
      { baseUrl, pid: server.process.pid as number, connections: 10, headers: {}, timeoutSeconds: 120, ...request },
      config,
      config.jsonServerSeconds,
    );
  };
  for (const name of ['listFirst', 'listDeep', 'searchCommon', 'searchRare', 'searchNone', 'jobFilter'] as const) {
    await run(`${name}C10`, { path: paths[name] });
  }
  // For information: the first page sliced from a file that happens to be stored newest first.
  await run('listFirstPresortedC10', { path: presortedFirst });
  await run('getByIdC10', { requests: rotatingPaths(ids.map((id) => `/candidates/${id}`)) });
  const memory = residentMemory(server.process.pid as number);
  await stopChild(server);
  return { startMs, dbJsonMb, matches, samePages, loads, memory };
}

// ---------------------------------------------------------------------------

const TARGETS = {
  bulkMs: 5000,
  startMs: 1000,
  rssMb: 200,
  listRps: 1500,
  listP99Ms: 20,
  listP50C1Ms: 3,
  searchRps: 500,
  searchP99Ms: 40,
  jobFilterRps: 400,
  getByIdRps: 10_000,
  postRps: 1500,
  listRatio: 100,
  searchRatio: 300,
} as const;

/** Failed requests if any, the server's CPU per request and share of a core, and any extra. */
function loadNote(load: LoadFigures, ...extra: string[]): string {
  const failed = load.non2xx + load.errors + load.timeouts;
  return [
    failed > 0 ? `${failed} FAILED (${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts)` : '',
    `${load.serverCpuMsPerRequest.toFixed(2)} ms CPU/req, ${load.serverCpuShare.toFixed(2)} core`,
    load.runsRequestsPerSecond && load.runsRequestsPerSecond.length > 1
      ? `median of runs at ${load.runsRequestsPerSecond.map((rps) => rps.toFixed(0)).join(', ')} req/s`
      : '',
    ...extra,
  ]
    .filter(Boolean)
    .join('; ');
}

function ratioFigure(label: string, serve: LoadFigures, jsonServer: LoadFigures, seconds: number, target?: number): Figure {
  const answered = jsonServer.completed > 0;
  // json-server answered nothing: its rate is below one per run, so the ratio is at least this.
  const value = answered ? serve.requestsPerSecond / jsonServer.requestsPerSecond : serve.requestsPerSecond * seconds;
  return {
    label,
    value,
    unit: 'x',
    digits: value < 10 ? 1 : 0,
    ...(target ? { target: ['>=', target] as ['>=', number] } : {}),
    note: answered
      ? `${formatRate(serve.requestsPerSecond)} vs ${formatRate(jsonServer.requestsPerSecond)} req/s`
      : `json-server answered none in ${seconds} s: a lower bound`,
  };
}

function buildFigures(config: BenchConfig, bulk: BulkLoadResult & { runsTotalMs: number[] }, serve: ServePhase, json: JsonServerPhase): Figure[] {
  const s = serve.loads as Record<string, LoadFigures>;
  const j = json.loads as Record<string, LoadFigures>;
  const deep = deepOffsetOf(config).toLocaleString('en-US');
  const figures: Figure[] = [
    {
      label: `bulk: generate + load ${config.candidates.toLocaleString('en-US')} candidates, ${bulk.applications.toLocaleString('en-US')} applications`,
      value: bulk.totalMs, unit: 'ms', target: ['<', TARGETS.bulkMs],
      note:
        `generate ${bulk.generateMs.toFixed(0)}, insert+commit ${(bulk.generateAndInsertMs - bulk.generateMs).toFixed(0)}, open ${bulk.openMs.toFixed(0)}, checkpoint+close ${bulk.closeMs.toFixed(0)} ms` +
        (bulk.runsTotalMs.length > 1 ? `; median of loads at ${bulk.runsTotalMs.map((ms) => ms.toFixed(0)).join(', ')} ms, each in a new process, between the rounds of the serve loads` : ''),
    },
    { label: 'start: spawn to first answered request (health)', value: serve.startup.firstHealthMs, unit: 'ms', target: ['<', TARGETS.startMs],
      note: `listening after ${serve.startup.listeningMs.toFixed(0)} ms` },
    { label: 'start: spawn to first list page answered', value: serve.startup.firstListAnsweredMs, unit: 'ms',
      note: `the list request itself ${serve.startup.firstListRequestMs.toFixed(0)} ms (serve reads that page once at start)` },
    // The larger of the two: each holds 100,000 candidates or more.
    { label: 'serve resident memory after the run (VmRSS)', value: Math.max(serve.memory.reads.rssMb, serve.memory.posts.rssMb), unit: 'MB',
      target: ['<', TARGETS.rssMb], note: `after the reads ${serve.memory.reads.rssMb.toFixed(0)}, after the POSTs ${serve.memory.posts.rssMb.toFixed(0)} MB` },
    { label: 'serve peak resident memory (VmHWM)', value: Math.max(serve.memory.reads.peakRssMb, serve.memory.posts.peakRssMb), unit: 'MB' },
  ];
  const list = (name: string, label: string) => {
    const c10 = s[`${name}C10`] as LoadFigures;
    const c1 = s[`${name}C1`] as LoadFigures;
    figures.push(
      { label: `${label}, 10 conn: throughput`, value: c10.requestsPerSecond, unit: 'req/s', target: ['>=', TARGETS.listRps], note: loadNote(c10) },
      { label: `${label}, 10 conn: p99 latency`, value: c10.p99Ms, unit: 'ms', target: ['<', TARGETS.listP99Ms], note: `p50 ${c10.p50Ms} ms` },
      { label: `${label}, 1 conn: median latency`, value: c1.p50Ms, unit: 'ms', target: ['<', TARGETS.listP50C1Ms], note: `p99 ${c1.p99Ms} ms` },
      { label: `${label}, 1 conn: throughput`, value: c1.requestsPerSecond, unit: 'req/s', note: loadNote(c1) },
    );
  };
  list('listFirst', 'list offset 0');
  list('listDeep', `list offset ${deep}`);
  const searches = [
    ['searchCommon', `search "${SEARCH_TERMS.common}" (${serve.matches.searchCommon} matches)`],
    ['searchRare', `search "${SEARCH_TERMS.rare}" (${serve.matches.searchRare} matches)`],
    ['searchNone', `search "${SEARCH_TERMS.none}" (${serve.matches.searchNone} matches)`],
  ] as const;
  for (const [name, label] of searches) {
    const load = s[`${name}C10`] as LoadFigures;
    figures.push(
      { label: `${label}, 10 conn: throughput`, value: load.requestsPerSecond, unit: 'req/s', target: ['>=', TARGETS.searchRps], note: loadNote(load) },
      { label: `${label}, 10 conn: p99 latency`, value: load.p99Ms, unit: 'ms', target: ['<', TARGETS.searchP99Ms], note: `p50 ${load.p50Ms} ms` },
    );
  }
  const jobFilter = s.jobFilterC10 as LoadFigures;
  const getById = s.getByIdC10 as LoadFigures;
  const post = s.postC10 as LoadFigures;
  const created = post.statusCodes['201'] ?? 0;
  figures.push(
    { label: `job filter (busiest job, ${serve.matches.jobFilter} candidates), 10 conn`, value: jobFilter.requestsPerSecond, unit: 'req/s',
      target: ['>=', TARGETS.jobFilterRps], note: loadNote(jobFilter, `p99 ${jobFilter.p99Ms} ms`) },
    { label: `get by id (${SAMPLE_IDS} ids round-robin), 10 conn`, value: getById.requestsPerSecond, unit: 'req/s',
      target: ['>=', TARGETS.getByIdRps], note: loadNote(getById, `p99 ${getById.p99Ms} ms`) },
    { label: 'POST new candidate + application (synchronous=FULL), 10 conn', value: post.requestsPerSecond, unit: 'req/s',
      target: ['>=', TARGETS.postRps], note: loadNote(post, `p99 ${post.p99Ms} ms`, `${created} created (201)`) },
  );
  const seconds = config.jsonServerSeconds;
  figures.push(
    ratioFigure('ratio to json-server: list offset 0', s.listFirstC10 as LoadFigures, j.listFirstC10 as LoadFigures, seconds, TARGETS.listRatio),
    ratioFigure(`ratio to json-server: list offset ${deep}`, s.listDeepC10 as LoadFigures, j.listDeepC10 as LoadFigures, seconds, TARGETS.listRatio),
    ...searches.map(([name]) =>
      ratioFigure(`ratio to json-server: search "${SEARCH_TERMS[name === 'searchCommon' ? 'common' : name === 'searchRare' ? 'rare' : 'none']}"`,
        s[`${name}C10`] as LoadFigures, j[`${name}C10`] as LoadFigures, seconds, TARGETS.searchRatio),
    ),
    ratioFigure('ratio to json-server: list offset 0, its file already newest first (no _sort)', s.listFirstC10 as LoadFigures, j.listFirstPresortedC10 as LoadFigures, seconds),
    ratioFigure('ratio to json-server: job filter', jobFilter, j.jobFilterC10 as LoadFigures, seconds),
    ratioFigure('ratio to json-server: get by id', getById, j.getByIdC10 as LoadFigures, seconds),
  );
  const jobRotating = s.jobFilterRotatingC10 as LoadFigures;
  const searchRotating = s.searchRotatingC10 as LoadFigures;
  figures.push(
    { label: 'job filter, all jobs round-robin (list cache misses), 10 conn', value: jobRotating.requestsPerSecond, unit: 'req/s',
      note: loadNote(jobRotating, `p50 ${jobRotating.p50Ms} ms, p99 ${jobRotating.p99Ms} ms`) },
    { label: `search, ${surnameSearchTerms().length} surnames round-robin (list cache misses), 10 conn`, value: searchRotating.requestsPerSecond,
      unit: 'req/s', note: loadNote(searchRotating, `p50 ${searchRotating.p50Ms} ms, p99 ${searchRotating.p99Ms} ms`) },
    { label: 'list offset 0, first request after writes', value: serve.afterWrite.firstListMs, unit: 'ms', digits: 1,
      note: `the next one ${serve.afterWrite.secondListMs.toFixed(1)} ms` },
    { label: `search "${SEARCH_TERMS.common}", first request after writes`, value: serve.afterWrite.firstSearchMs, unit: 'ms', digits: 1,
      note: `the next one ${serve.afterWrite.secondSearchMs.toFixed(1)} ms` },
    { label: 'json-server: start with db.json', value: json.startMs, unit: 'ms', note: `${json.dbJsonMb.toFixed(0)} MB db.json` },
    { label: 'json-server: resident memory', value: json.memory.rssMb, unit: 'MB' },
  );
  return figures;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { quick: { type: 'boolean', default: false } }, strict: true });
  const config = values.quick ? QUICK : FULL;
  const workDir = mkdtempSync(join(tmpdir(), 'recruiter-desk-bench-'));
  const cleanUp = async () => {
    await stopAllChildren();
    rmSync(workDir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startedAt = new Date();
  const loadBefore = loadavg();
  if ((loadBefore[0] as number) > cpus().length / 2) {
    log(`warning: the machine is busy (load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}); figures will be lower than on an idle one`);
  }
  try {
    const dataDir = join(workDir, 'data');
    log(`${config.mode} run: generating and loading ${config.candidates.toLocaleString('en-US')} candidates into ${dataDir}`);
    const bulkRuns: BulkLoadResult[] = [];
    const bulkLoad = (dir: string) => {
      bulkRuns.push(bulkLoadInChild(dir, config.candidates));
      log(`loaded in ${(bulkRuns.at(-1) as BulkLoadResult).totalMs.toFixed(0)} ms`);
    };
    bulkLoad(dataDir);
    const postDataDir = join(workDir, 'data-for-posts');
    cpSync(dataDir, postDataDir, { recursive: true });
    const ids = sampleIds(config.candidates);
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
    // The other bulk loads run between the rounds of the serve loads, for the reason measureInRounds gives.
    const serve = await benchServe(dataDir, postDataDir, config, ids, async (round) => {
      const dir = join(workDir, `bulk-${round + 2}`);
      bulkLoad(dir);
      rmSync(dir, { recursive: true, force: true });
    });
    const bulk = { ...medianBy(bulkRuns, (run) => run.totalMs), runsTotalMs: bulkRuns.map((run) => run.totalMs) };
    const jsonServer = await benchJsonServer(workDir, config, ids, serve.pages);
    const figures = buildFigures(config, bulk, serve, jsonServer);

    printFigures(figures);
    const judged = figures.map((figure) => passes(figure)).filter((pass) => pass !== undefined);
    const met = judged.filter(Boolean).length;
    process.stdout.write(`\n${met} of ${judged.length} targets met.\n`);
    if (!jsonServer.samePages) process.stdout.write('Warning: json-server returned different pages than serve for the same list requests.\n');

    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    const results = {
      mode: config.mode,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      config,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
      source: gitState(['electron', 'shared']),
      searchTerms: SEARCH_TERMS,
      jsonServerMapping: {
        list: '/candidates?_sort=created_at,id&_order=desc,desc&_start=OFFSET&_limit=50 (newest first, as serve; total from X-Total-Count)',
        listPresorted: '/candidates?_start=0&_limit=50 (information: db.json happens to be stored newest first, so a plain slice matches)',
        search: '/candidates?q=TERM&_start=0&_limit=50 (json-server searches every field; the terms occur only in names and emails)',
        jobFilter: '/candidates?job_ids_like=JOB_ID&_start=0&_limit=50 (job_ids: the jobs the candidate applied to)',
        getById: '/candidates/ID',
      },
      bulk,
      serve,
      jsonServer,
      figures: figures.map((figure) => ({ ...figure, pass: passes(figure) ?? null })),
    };
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    log(`figures written to ${RESULTS_FILE}`);
  } finally {
    await cleanUp();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
