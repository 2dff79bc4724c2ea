import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CandidateWithApplications } from '../../shared/candidate-schema';
import {
  RemoteAuthError,
  RemoteClient,
  type RemoteClientOptions,
  type RemoteFailure,
  type RemotePause,
  RemoteProtocolError,
  RemoteUnavailableError,
  normalizeRemoteUrl,
} from '../../electron/sync/remote-client';
import { type RemoteServer, createRemoteServer } from '../../tools/remote-server/remote-server';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { PROJECT_ROOT } from '../helpers/project-root';
import { startHttpProxy, startSocks5Proxy } from '../helpers/test-proxies';

const API_KEY = 'rk_live_7f3c9a1e5b2d4f60a8c1e9b7d3f5a2c4';

/** What the fault server does with one request. */
type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status: number; text: string }
  | { kind: 'delay'; ms: number; then: Reply }
  /** Close the socket without answering: the client sees a dropped connection. */
  | { kind: 'destroy' }
  /** Never answer. */
  | { kind: 'hang' }
  /** Send the status and headers and part of the body, then nothing more. */
  | { kind: 'stall' }
  /** Run by the test itself (the concurrency test holds requests back). */
  | { kind: 'custom'; handle: (req: IncomingMessage, res: ServerResponse) => void };

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ kind: 'json', status, body, headers });
const errorReply = (status: number, code: string, message: string, details?: { path: string; message: string }[], headers?: Record<string, string>) =>
  json(status, { error: { code, message, ...(details ? { details } : {}) } }, headers);
const destroy: Reply = { kind: 'destroy' };
const hang: Reply = { kind: 'hang' };
const stall: Reply = { kind: 'stall' };

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A scripted remote on 127.0.0.1: each request takes the next reply from the queue; an unscripted one fails the test. */
class FaultServer {
  readonly seen: SeenRequest[] = [];
  readonly unscripted: string[] = [];
  private readonly queue: Reply[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const reply = this.queue.shift();
        if (reply) this.play(reply, req, res);
        else {
          this.unscripted.push(`${req.method} ${req.url}`);
          res.writeHead(500).end();
        }
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(...replies: Reply[]): void {
    this.queue.push(...replies);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private play(reply: Reply, req: IncomingMessage, res: ServerResponse): void {
    switch (reply.kind) {
      case 'json':
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body));
        return;
      case 'text':
        res.writeHead(reply.status, { 'content-type': 'text/html' }).end(reply.text);
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.play(reply.then, req, res);
        }, reply.ms);
        this.timers.add(timer);
        return;
      }
      case 'destroy':
        req.socket.destroy();
        return;
      case 'hang':
        return;
      case 'stall':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":');
        return;
      case 'custom':
        reply.handle(req, res);
        return;
    }
  }
}

/** A remote candidate as the contract describes it, with applications. */
function remoteCandidate(overrides: Partial<CandidateWithApplications> = {}): CandidateWithApplications {
  const { resume_path: _resumePath, email, ...record } = makeCandidateRecord();
  return {
    ...record,
    email: email ?? '',
    skill_array: [...record.primary_skills, ...record.secondary_skills],
    applications: [makeApplicationRecord(record.id)],
    ...overrides,
  };
}

/** The same candidate with fields the contract does not list, at every level, as a newer remote might send. */
function withExtraFields(candidate: CandidateWithApplications): Record<string, unknown> {
  return {
    ...candidate,
    resume_text: 'never returned by the contract',
    ai_summary: { score: 9 },
    applications: candidate.applications.map((application) => ({ ...application, pipeline_stage_id: 'stage-7' })),
  };
}

const listItem = ({ applications: _applications, ...candidate }: CandidateWithApplications) => candidate;

/** Every error and failure message the suite sees, checked for the key after each test. */
let messages: string[] = [];
let checkedMessages = 0;

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    const e = error as Error;
    messages.push(e.message, String(e), e.stack ?? '', JSON.stringify(e), JSON.stringify(Object.entries(e)));
    return e;
  }
  throw new Error('expected the promise to reject');
}

function failureOf(result: object): RemoteFailure {
  expect(result).toHaveProperty('failure');
  const { failure } = result as { failure: RemoteFailure };
  messages.push(JSON.stringify(failure));
  return failure;
}

function caughtSync(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    const e = error as Error;
    messages.push(e.message, e.stack ?? '');
    return e;
  }
  throw new Error('expected the call to throw');
}

describe('RemoteClient', () => {
  let server: FaultServer;
  let delays: number[];

  const client = (options: Partial<RemoteClientOptions> = {}) =>
    new RemoteClient({
      remoteUrl: server.url,
      apiKey: API_KEY,
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
      backoffBaseMs: 100,
      // A request the test does not expect to hang still cannot stall the suite.
      timeoutMs: 5_000,
      ...options,
    });

  beforeEach(async () => {
    delays = [];
    server = new FaultServer();
    await server.start();
  });

  afterEach(async () => {
    await server.stop();
    expect(server.unscripted).toEqual([]);
    for (const message of messages) expect(message).not.toContain(API_KEY);
    checkedMessages += messages.length;
    messages = [];
  });

  afterAll(() => {
    // The key check above only means something if the suite saw errors.
    expect(checkedMessages).toBeGreaterThan(50);
  });

  describe('normalizeRemoteUrl', () => {
    it.each([
      ['https://cloud.example.com', 'https://cloud.example.com'],
      ['https://cloud.example.com/', 'https://cloud.example.com'],
      ['https://cloud.example.com//', 'https://cloud.example.com'],
      ['https://cloud.example.com/api/v1', 'https://cloud.example.com'],
      ['https://cloud.example.com/api/v1/', 'https://cloud.example.com'],
      ['  https://Cloud.Example.com:443/api/v1/  ', 'https://cloud.example.com'],
      ['http://127.0.0.1:8080/api/v1', 'http://127.0.0.1:8080'],
      ['https://example.com/recruit/api/v1/', 'https://example.com/recruit'],
    ])('%s → %s', (input, expected) => {
      expect(normalizeRemoteUrl(input)).toBe(expected);
    });

    it.each([
      ['', /not a valid URL/],
      ['cloud.example.com', /not a valid URL/],
      ['ftp://cloud.example.com', /https:\/\/ or http:\/\/, not ftp:/],
      ['file:///etc/passwd', /https:\/\/ or http:\/\/, not file:/],
      ['javascript:alert(1)', /https:\/\/ or http:\/\//],
      ['https://admin:hunter2@cloud.example.com', /user name or password/],
      ['https://cloud.example.com/?key=1', /query/],
      ['https://cloud.example.com/#top', /fragment/],
      ['https://cloud.example.com/api/v2', /end in \/api\/v1/],
      ['https://cloud.example.com/api/v1/candidates', /end in \/api\/v1/],
    ])('rejects %j', (input, expected) => {
      const error = caughtSync(() => normalizeRemoteUrl(input));
      expect(error.message).toMatch(expected);
      expect(error.message).not.toContain('hunter2');
    });

    it('builds request URLs on the normalized base whichever form was configured', async () => {
      const page = { data: [], meta: { total: 0, limit: 10, offset: 0 } };
      server.script(json(200, page), json(200, page));
      await client({ remoteUrl: `${server.url}/api/v1/` }).listCandidateVersions(0, 10);
      await client({ remoteUrl: `${server.url}/` }).listCandidateVersions(0, 10);
      expect(server.seen.map((r) => r.url)).toEqual(['/api/v1/candidates?limit=10&offset=0', '/api/v1/candidates?limit=10&offset=0']);
    });
  });

  describe('construction', () => {
    it('refuses a bad URL, an empty key and a key that cannot be a header, without quoting the key', () => {
      expect(caughtSync(() => client({ remoteUrl: 'ftp://x' })).message).toMatch(/https:\/\//);
      expect(caughtSync(() => client({ apiKey: '  ' })).message).toBe('The API key is empty.');
      const badKey = `${API_KEY}\nX-Injected: 1`;
      const error = caughtSync(() => client({ apiKey: badKey }));
      expect(error.message).toBe('The API key contains characters that cannot be sent in an HTTP header.');
    });

    it.each([
      [{ concurrency: 0 }, /concurrency/],
      [{ maxAttempts: 0 }, /maxAttempts/],
      [{ timeoutMs: 1.5 }, /timeoutMs/],
      [{ backoffBaseMs: -1 }, /backoffBaseMs/],
    ])('refuses %j', (options, expected) => {
      expect(caughtSync(() => client(options)).message).toMatch(expected);
    });
  });

  describe('success paths', () => {
    it('lists a page, sends the key and accept headers, and drops fields the contract does not list', async () => {
      const candidates = [remoteCandidate(), remoteCandidate({ talent_pool_status: 'masked', email: '', current_ctc: null })];
      server.script(
        json(200, {
          data: candidates.map((c) => ({ ...listItem(c), embedding: [0.1, 0.2] })),
          meta: { total: 120, limit: 25, offset: 50, next_cursor: 'abc' },
          links: { next: '/api/v1/candidates?offset=75' },
        }),
      );
      const remote = client();
      const page = await remote.listCandidateVersions(50, 25);
      expect(page).toEqual({ data: candidates.map(({ id, updated_at }) => ({ id, updated_at })), meta: { total: 120, limit: 25, offset: 50 } });
      expect(remote.stats).toEqual({ requests: 1, errors: 0 });
      const [request] = server.seen;
      expect(request).toMatchObject({ method: 'GET', url: '/api/v1/candidates?limit=25&offset=50', body: '' });
      expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(request?.headers.accept).toBe('application/json');
      expect(request?.headers['content-type']).toBeUndefined();
    });

    it('gets one candidate with its applications, extra fields dropped at every level', async () => {
      const candidate = remoteCandidate();
      server.script(json(200, { data: withExtraFields(candidate), request_id: 'r-1' }));
      expect(await client().getCandidate(candidate.id)).toEqual(candidate);
      expect(server.seen[0]).toMatchObject({ method: 'GET', url: `/api/v1/candidates/${candidate.id}` });
    });

    it('escapes the id in the path', async () => {
      server.script(errorReply(404, 'not_found', 'Not found.'));
      expect(await client().getCandidate('a/b?c')).toBeNull();
      expect(server.seen[0]?.url).toBe('/api/v1/candidates/a%2Fb%3Fc');
    });

    it('answers null for an unknown id (404), without retrying', async () => {
      server.script(errorReply(404, 'not_found', 'No candidate with that id.'));
      const remote = client();
      expect(await remote.getCandidate('9b0c5f7e-0000-4000-8000-000000000000')).toBeNull();
      expect(remote.stats).toEqual({ requests: 1, errors: 0 });
    });

    it('creates: 201 is a new candidate, 200 the existing one matched by email; the body goes as JSON', async () => {
      const fresh = remoteCandidate();
      const existing = remoteCandidate();
      server.script(json(201, { data: withExtraFields(fresh) }), json(200, { data: withExtraFields(existing) }));
      const remote = client();
      const body = { full_name: 'Asha Rao', email: 'asha@example.com', primary_skills: ['React'] };
      expect(await remote.createCandidate(body)).toEqual({ created: true, candidate: fresh });
      expect(await remote.createCandidate(body)).toEqual({ created: false, candidate: existing });
      for (const request of server.seen) {
        expect(request).toMatchObject({ method: 'POST', url: '/api/v1/candidates' });
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
        expect(JSON.parse(request.body)).toEqual(body);
      }
    });

    it('updates with a PUT to the candidate path', async () => {
      const candidate = remoteCandidate({ location: 'Pune' });
      server.script(json(200, { data: withExtraFields(candidate) }));
      const result = await client().updateCandidate(candidate.id, { location: 'Pune' });
      expect(result).toEqual({ candidate });
      expect(server.seen[0]).toMatchObject({ method: 'PUT', url: `/api/v1/candidates/${candidate.id}`, body: '{"location":"Pune"}' });
      expect(server.seen[0]?.headers['content-type']).toBe('application/json');
    });

    it('throws at once, sending nothing, for a body JSON cannot hold', async () => {
      const remote = client();
      const error = await caught(remote.createCandidate({ full_name: 'A', email: 'a@example.com', metadata: { big: 1n } }));
      expect(error).toBeInstanceOf(TypeError);
      expect(remote.stats).toEqual({ requests: 0, errors: 0 });
      expect(server.seen).toEqual([]);
    });

    it('waits out a slow answer that comes within the timeout', async () => {
      const candidate = remoteCandidate();
      server.script({ kind: 'delay', ms: 50, then: json(200, { data: candidate }) });
      const remote = client({ timeoutMs: 2_000 });
      expect(await remote.getCandidate(candidate.id)).toEqual(candidate);
      expect(remote.stats.requests).toBe(1);
    });
  });

  describe('retries', () => {
    const retryable: [string, Reply][] = [
      ['500', errorReply(500, 'internal_error', 'Something went wrong.')],
      ['502 with an HTML proxy page', { kind: 'text', status: 502, text: '<html>Bad Gateway</html>' }],
      ['503', errorReply(503, 'internal_error', 'Down for maintenance.')],
      ['504', { kind: 'text', status: 504, text: 'Gateway Timeout' }],
      ['429 without Retry-After', errorReply(429, 'rate_limited', 'Slow down.')],
      ['a dropped connection', destroy],
    ];

    it.each(retryable)('retries after %s, then succeeds, with a jittered backoff', async (_name, fault) => {
      const candidate = remoteCandidate();
      server.script(fault, json(200, { data: candidate }));
      const remote = client();
      expect(await remote.getCandidate(candidate.id)).toEqual(candidate);
      expect(remote.stats).toEqual({ requests: 2, errors: 0 });
      // random 0.5 × base 100 × 2^0.
      expect(delays).toEqual([50]);
    });

    it.each(retryable)('retries a POST after %s: the retry sends the same body', async (_name, fault) => {
      const candidate = remoteCandidate();
      server.script(fault, json(200, { data: candidate }));
      const body = { full_name: 'Asha Rao', email: 'asha@example.com' };
      expect(await client().createCandidate(body)).toEqual({ created: false, candidate });
      expect(server.seen.map((r) => JSON.parse(r.body))).toEqual([body, body]);
    });

    it('retries a request that never answers once its timeout passes', async () => {
      const candidate = remoteCandidate();
      server.script(hang, json(200, { data: candidate }));
      const remote = client({ timeoutMs: 300 });
      expect(await remote.updateCandidate(candidate.id, { location: 'Pune' })).toEqual({ candidate });
      expect(remote.stats).toEqual({ requests: 2, errors: 0 });
      expect(server.seen.map((r) => r.body)).toEqual(['{"location":"Pune"}', '{"location":"Pune"}']);
    });

    it('times out a body that stops half way, and retries', async () => {
      const page = { data: [], meta: { total: 0, limit: 50, offset: 0 } };
      server.script(stall, json(200, page));
      const remote = client({ timeoutMs: 300 });
      expect(await remote.listCandidateVersions(0, 50)).toEqual(page);
      expect(remote.stats.requests).toBe(2);
    });

    it('sleeps with a real timer when no sleep is injected', async () => {
      server.script(errorReply(503, 'internal_error', 'Busy.'), json(200, { data: remoteCandidate() }));
      const remote = new RemoteClient({ remoteUrl: server.url, apiKey: API_KEY, backoffBaseMs: 1 });
      await remote.getCandidate('x');
      expect(remote.stats.requests).toBe(2);
    });

    it('backs off exponentially up to maxBackoffMs, drawing full jitter from the injected random', async () => {
      const draws = [0.5, 0.99, 0, 0.5];
      server.script(...Array.from({ length: 4 }, () => errorReply(503, 'internal_error', 'Busy.')), json(200, { data: remoteCandidate() }));
      const remote = client({ backoffBaseMs: 100, maxBackoffMs: 300, random: () => draws.shift() ?? 0 });
      await remote.getCandidate('x');
      // Ceilings 100, 200, 300 (400 capped), 300 (800 capped).
      expect(delays).toEqual([50, 198, 0, 150]);
    });
  });

  describe('Retry-After', () => {
    const now = Date.parse('2026-11-28T10:00:00.000Z');

    it.each([
      ['429, seconds', 429, '7', 7_000],
      ['503, seconds', 503, '2', 2_000],
      ['429, zero', 429, '0', 0],
      ['429, a fraction of a second', 429, '1.5', 1_500],
      ['429, beyond maxBackoffMs: waited out all the same', 429, '120', 120_000],
      ['429, HTTP date 9 s ahead', 429, 'Sat, 28 Nov 2026 10:00:09 GMT', 9_000],
      ['503, HTTP date in the past', 503, 'Sat, 28 Nov 2026 09:59:00 GMT', 0],
      ['429, RFC 850 date', 429, 'Saturday, 28-Nov-26 10:00:04 GMT', 4_000],
      ['429, asctime date (always GMT)', 429, 'Sat Nov 28 10:00:03 2026', 3_000],
      ['503, exactly maxRetryAfterMs', 503, '300', 300_000],
    ])('%s', async (_name, status, retryAfter, expected) => {
      server.script(errorReply(status, 'rate_limited', 'Slow down.', undefined, { 'retry-after': retryAfter }), json(200, { data: remoteCandidate() }));
      const remote = client({ now: () => now, maxBackoffMs: 30_000 });
      await remote.getCandidate('x');
      expect(delays).toEqual([expected]);
      expect(remote.stats.requests).toBe(2);
    });

    it.each([
      ['seconds', '301', '301 s'],
      ['an HTTP date an hour ahead', 'Sat, 28 Nov 2026 11:00:00 GMT', '3600 s'],
    ])('gives up at once, never sooner than asked, on a Retry-After beyond maxRetryAfterMs: %s', async (_name, retryAfter, shown) => {
      server.script(errorReply(429, 'rate_limited', 'Slow down.', undefined, { 'retry-after': retryAfter }), json(200, { data: remoteCandidate() }));
      const remote = client({ now: () => now, maxRetryAfterMs: 300_000 });
      const error = await caught(remote.getCandidate('x'));
      expect(error).toBeInstanceOf(RemoteUnavailableError);
      expect(error.message).toBe(`The remote answered 429 and asked to wait ${shown} before trying again: GET /api/v1/candidates/x`);
      expect(delays).toEqual([]);
      expect(remote.stats).toEqual({ requests: 1, errors: 1 });
    });

    it('holds every request of the client while the wait runs, not just the one answered', async () => {
      const candidate = remoteCandidate();
      server.script(errorReply(429, 'rate_limited', 'Slow down.', undefined, { 'retry-after': '3' }), ...Array.from({ length: 3 }, () => json(200, { data: candidate })));
      let endPause = () => undefined as void;
      const remote = client({
        now: () => now,
        // One at a time: the other two are waiting for the slot when the 429 comes.
        concurrency: 1,
        sleep: (ms) => {
          delays.push(ms);
          return new Promise((resolve) => (endPause = resolve));
        },
      });
      const answers = Promise.all(['a', 'b', 'c'].map((id) => remote.getCandidate(id)));
      await expect.poll(() => delays).toEqual([3_000]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.seen.map((request) => request.url)).toEqual(['/api/v1/candidates/a']);

      endPause();
      expect(await answers).toEqual([candidate, candidate, candidate]);
      expect(server.seen.map((request) => request.url).sort()).toEqual(['/api/v1/candidates/a', '/api/v1/candidates/a', '/api/v1/candidates/b', '/api/v1/candidates/c']);
      // One wait, shared.
      expect(delays).toEqual([3_000]);
    });

    it('remembers a wait longer than a sync waits: until it is over, a request fails at once and is not sent', async () => {
      let clock = now;
      server.script(errorReply(429, 'rate_limited', 'Slow down.', undefined, { 'retry-after': '600' }));
      const remote = client({ now: () => clock, maxRetryAfterMs: 300_000 });
      expect((await caught(remote.getCandidate('x'))).message).toBe('The remote answered 429 and asked to wait 600 s before trying again: GET /api/v1/candidates/x');

      clock += 5_000;
      const held = await caught(remote.listCandidateVersions(0, 50));
      expect(held).toBeInstanceOf(RemoteUnavailableError);
      expect(held.message).toBe('The remote asked to wait 595 s before the next request (it answered 429): GET /api/v1/candidates?limit=50&offset=0');
      expect(server.seen).toHaveLength(1);
      expect(remote.stats).toEqual({ requests: 1, errors: 2 });

      clock += 595_000;
      const candidate = remoteCandidate();
      server.script(json(200, { data: candidate }));
      expect(await remote.getCandidate('x')).toEqual(candidate);
      expect(server.seen).toHaveLength(2);
    });

    it('keeps a wait longer than a sync waits in its pause store, and a new client waits out the one it finds there', async () => {
      let clock = now;
      const kept: RemotePause[] = [];
      const pauseStore = { read: () => kept.at(-1), write: (pause: RemotePause) => void kept.push(pause) };
      const newClient = () => client({ now: () => clock, maxRetryAfterMs: 300_000, pauseStore });
      server.script(errorReply(429, 'rate_limited', 'Slow down.', undefined, { 'retry-after': '600' }));
      await caught(newClient().getCandidate('x'));
      expect(kept).toEqual([{ until: now + 600_000, status: 429 }]);

      clock += 10_000;
      const held = await caught(newClient().getCandidate('x'));
      expect(held.message).toBe('The remote asked to wait 590 s before the next request (it answered 429): GET /api/v1/candidates/x');
      expect(server.seen).toHaveLength(1);

      // 290 s left, within what a sync waits: waited out, then sent. A short wait asked is not kept.
      clock += 300_000;
      const candidate = remoteCandidate();
      server.script(errorReply(503, 'unavailable', 'Busy.', undefined, { 'retry-after': '2' }), json(200, { data: candidate }));
      expect(await newClient().getCandidate('x')).toEqual(candidate);
      expect(delays).toEqual([290_000, 2_000]);
      expect(kept).toHaveLength(1);
    });

    it.each([
      ['an unreadable value', 429, 'soon'],
      ['a negative number', 429, '-5'],
      ['a 500, whose Retry-After is not honoured', 500, '7'],
      ['a 502', 502, '7'],
    ])('falls back to the computed backoff for %s', async (_name, status, retryAfter) => {
      server.script(errorReply(status, 'internal_error', 'Busy.', undefined, { 'retry-after': retryAfter }), json(200, { data: remoteCandidate() }));
      await client({ now: () => now }).getCandidate('x');
      expect(delays).toEqual([50]);
    });
  });

  describe('stop()', () => {
    it('ends a request waiting to retry, and one on the wire, at once, and refuses new ones', async () => {
      server.script(errorReply(503, 'internal_error', 'Down.'), hang);
      const remote = client({ sleep: () => new Promise(() => undefined) });
      const waiting = caught(remote.getCandidate('x'));
      const onTheWire = caught(remote.listCandidateVersions(0, 100));
      await new Promise((resolve) => setTimeout(resolve, 200));
      remote.stop();
      for (const error of [await waiting, await onTheWire, await caught(remote.getCandidate('y'))]) {
        expect(error).toBeInstanceOf(RemoteUnavailableError);
        expect(error.message).toMatch(/^The sync was stopped before the remote answered: GET \/api\/v1\/candidates/);
      }
    });
  });

  describe('exhausted retries', () => {
    it('throws RemoteUnavailableError after maxAttempts, counting every attempt and one error', async () => {
      server.script(...Array.from({ length: 3 }, () => errorReply(503, 'internal_error', 'Down.')));
      const remote = client({ maxAttempts: 3 });
      const error = await caught(remote.listCandidateVersions(0, 50));
      expect(error).toBeInstanceOf(RemoteUnavailableError);
      expect(error.message).toBe('The remote answered 503 after 3 attempts: GET /api/v1/candidates?limit=50&offset=0');
      expect(error).toMatchObject({ attempts: 3, lastStatus: 503 });
      expect(remote.stats).toEqual({ requests: 3, errors: 1 });
      // No sleep after the last attempt.
      expect(delays).toHaveLength(2);

      server.script(json(200, { data: [], meta: { total: 0, limit: 50, offset: 0 } }));
      await remote.listCandidateVersions(0, 50);
      expect(remote.stats).toEqual({ requests: 4, errors: 1 });
    });

    it('uses 5 attempts by default', async () => {
      server.script(...Array.from({ length: 5 }, () => errorReply(429, 'rate_limited', 'Slow down.', undefined, { 'retry-after': '1' })));
      const remote = client();
      const error = await caught(remote.createCandidate({ full_name: 'A', email: 'a@example.com' }));
      expect(error.message).toBe('The remote kept rate limiting (429) after 5 attempts: POST /api/v1/candidates');
      expect(remote.stats).toEqual({ requests: 5, errors: 1 });
      expect(delays).toEqual([1000, 1000, 1000, 1000]);
    });

    it('says the remote did not answer when every attempt timed out', async () => {
      server.script(hang, hang);
      const remote = client({ maxAttempts: 2, timeoutMs: 50 });
      const error = await caught(remote.getCandidate('c-1'));
      expect(error).toBeInstanceOf(RemoteUnavailableError);
      expect(error.message).toBe('The remote did not answer (timeout after 50 ms) after 2 attempts: GET /api/v1/candidates/c-1');
      expect(error).toMatchObject({ attempts: 2, lastStatus: null });
      expect(remote.stats).toEqual({ requests: 2, errors: 1 });
    });

    it('says the remote dropped the connection', async () => {
      server.script(destroy, destroy);
      const remote = client({ maxAttempts: 2 });
      const error = await caught(remote.updateCandidate('c-1', { location: 'Pune' }));
      expect(error.message).toMatch(/^The remote dropped the connection \((UND_ERR_SOCKET|ECONNRESET)\) after 2 attempts: PUT \/api\/v1\/candidates\/c-1$/);
    });

    it('says the remote refused the connection when nothing listens', async () => {
      const closed = new FaultServer();
      await closed.start();
      await closed.stop();
      const remote = client({ remoteUrl: closed.url, maxAttempts: 2 });
      const error = await caught(remote.getCandidate('c-1'));
      expect(error).toBeInstanceOf(RemoteUnavailableError);
      expect(error.message).toMatch(/^The remote refused the connection \(ECONNREFUSED\) after 2 attempts/);
      expect(remote.stats).toEqual({ requests: 2, errors: 1 });
    });

    it('tries once when maxAttempts is 1', async () => {
      server.script(errorReply(502, 'internal_error', 'Bad gateway.'));
      const remote = client({ maxAttempts: 1 });
      expect((await caught(remote.getCandidate('c-1'))).message).toMatch(/answered 502 after 1 attempt:/);
      expect(delays).toEqual([]);
    });
  });

  describe('401', () => {
    const calls: [string, (remote: RemoteClient) => Promise<unknown>][] = [
      ['listCandidateVersions', (remote) => remote.listCandidateVersions(0, 50)],
      ['getCandidate', (remote) => remote.getCandidate('c-1')],
      ['createCandidate', (remote) => remote.createCandidate({ full_name: 'A', email: 'a@example.com' })],
      ['updateCandidate', (remote) => remote.updateCandidate('c-1', { location: 'Pune' })],
    ];

    it.each(calls)('%s throws RemoteAuthError at once: one request, no retry', async (_name, call) => {
      // Only one reply: a retry would find none, and the server would report it.
      server.script(errorReply(401, 'unauthorized', `Bad token Bearer ${API_KEY}`));
      const remote = client();
      const error = await caught(call(remote));
      expect(error).toBeInstanceOf(RemoteAuthError);
      expect(error.message).toBe('The remote rejected the API key.');
      expect(remote.stats).toEqual({ requests: 1, errors: 1 });
      expect(delays).toEqual([]);
      expect(server.seen).toHaveLength(1);
    });
  });

  describe('failures as values', () => {
    it('400 validation_error on create, with its details, not retried', async () => {
      const details = [
        { path: 'email', message: 'must be an email address' },
        { path: 'application.status', message: 'unknown status' },
      ];
      server.script(errorReply(400, 'validation_error', 'The request has invalid fields.', details));
      const remote = client();
      const failure = failureOf(await remote.createCandidate({ full_name: 'A', email: 'nope' }));
      expect(failure).toEqual({ status: 400, code: 'validation_error', message: 'The request has invalid fields.', details });
      expect(remote.stats).toEqual({ requests: 1, errors: 0 });
    });

    it('403 talent_pool_reveal_required on update names the locked fields', async () => {
      const details = [
        { path: 'phone_number', message: 'locked until revealed' },
        { path: 'current_ctc', message: 'locked until revealed' },
      ];
      server.script(errorReply(403, 'talent_pool_reveal_required', 'Reveal the candidate first.', details));
      const failure = failureOf(await client().updateCandidate('c-1', { phone_number: '+91 1', current_ctc: 20 }));
      expect(failure.status).toBe(403);
      expect(failure.code).toBe('talent_pool_reveal_required');
      expect(failure.details.map((d) => d.path)).toEqual(['phone_number', 'current_ctc']);
    });

    it('409 email_taken on update, without details', async () => {
      server.script(errorReply(409, 'email_taken', 'Another candidate has that email.'));
      expect(failureOf(await client().updateCandidate('c-1', { email: 'b@example.com' }))).toEqual({
        status: 409,
        code: 'email_taken',
        message: 'Another candidate has that email.',
        details: [],
      });
    });

    it('404 on update is a failure value', async () => {
      server.script(errorReply(404, 'not_found', 'No candidate with that id.'));
      expect(failureOf(await client().updateCandidate('gone', { location: 'Pune' }))).toMatchObject({ status: 404, code: 'not_found' });
    });

    it('keeps an error code this app does not know (422), and the details', async () => {
      server.script(errorReply(422, 'duplicate_application', 'Already applied.', [{ path: 'application.job_id', message: 'already applied' }]));
      expect(failureOf(await client().createCandidate({ full_name: 'A', email: 'a@example.com' }))).toEqual({
        status: 422,
        code: 'duplicate_application',
        message: 'Already applied.',
        details: [{ path: 'application.job_id', message: 'already applied' }],
      });
    });

    it('gives a 4xx without an envelope a code from its status', async () => {
      server.script({ kind: 'text', status: 413, text: '<html>Request Entity Too Large</html>' });
      expect(failureOf(await client().createCandidate({ full_name: 'A', email: 'a@example.com' }))).toEqual({
        status: 413,
        code: 'http_413',
        message: 'The remote answered 413 without an error envelope.',
        details: [],
      });
    });

    it('redacts the key when the remote echoes it back', async () => {
      server.script(
        errorReply(400, 'validation_error', `Header was Bearer ${API_KEY}`, [{ path: 'authorization', message: `got ${API_KEY}` }]),
      );
      const failure = failureOf(await client().createCandidate({ full_name: 'A', email: 'a@example.com' }));
      expect(failure.message).toBe('Header was Bearer [redacted]');
      expect(failure.details).toEqual([{ path: 'authorization', message: 'got [redacted]' }]);
    });

    it('list and get throw RemoteProtocolError on a 4xx they cannot hand back as a value', async () => {
      server.script(
        errorReply(400, 'validation_error', 'The request has invalid fields.', [{ path: 'limit', message: 'must be 1 to 100' }]),
        errorReply(403, 'forbidden', `Key ${API_KEY} lacks the candidates scope.`),
        errorReply(404, 'not_found', 'Unknown route.'),
      );
      const remote = client();
      const list = await caught(remote.listCandidateVersions(0, 500));
      expect(list).toBeInstanceOf(RemoteProtocolError);
      expect(list.message).toBe(
        'The remote answered GET /api/v1/candidates?limit=500&offset=0 with 400 validation_error: The request has invalid fields.',
      );
      const get = await caught(remote.getCandidate('c-1'));
      expect(get).toMatchObject({ name: 'RemoteProtocolError', status: 403 });
      expect(get.message).toContain('Key [redacted] lacks');
      const route = await caught(remote.listCandidateVersions(0, 50));
      expect(route.message).toMatch(/404 not_found: Unknown route\. Is the remote URL right\?$/);
      expect(remote.stats).toEqual({ requests: 3, errors: 0 });
    });
  });

  describe('behind a proxy', () => {
    const emptyPage = json(200, { data: [], meta: { total: 0, limit: 10, offset: 0 } });

    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('sends requests to a remote elsewhere through the proxy the environment names', async () => {
      const proxy = await startHttpProxy();
      try {
        vi.stubEnv('http_proxy', `http://${proxy.address}`);
        server.script(emptyPage);
        const port = new URL(server.url).port;
        const remote = client({ remoteUrl: `http://cloud.example:${port}` });
        try {
          expect(await remote.listCandidateVersions(0, 10)).toMatchObject({ meta: { total: 0 } });
        } finally {
          await remote.close();
        }
        expect(proxy.tunnels).toEqual([`cloud.example:${port}`]);
        expect(server.seen.map((request) => request.url)).toEqual(['/api/v1/candidates?limit=10&offset=0']);
      } finally {
        await proxy.stop();
      }
    });

    it('says so when the proxy wants credentials, or refuses to connect', async () => {
      const refusing = createServer((_req, res) => res.writeHead(405).end());
      let status = 407;
      refusing.on('connect', (_req: IncomingMessage, socket: Socket) => socket.end(`HTTP/1.1 ${status} No\r\n\r\n`));
      await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
      try {
        vi.stubEnv('https_proxy', `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`);
        const attempt = async () => {
          const remote = client({ remoteUrl: 'https://cloud.example', maxAttempts: 1 });
          try {
            return await caught(remote.listCandidateVersions(0, 10));
          } finally {
            await remote.close();
          }
        };
        expect((await attempt()).message).toBe(
          'The remote could not be reached (the proxy answered 407: it wants a user name and password, in its URL as http://user:password@host:port) ' +
            'after 1 attempt: GET /api/v1/candidates?limit=10&offset=0',
        );
        status = 403;
        expect((await attempt()).message).toMatch(/^The remote could not be reached \(the proxy answered 403 instead of connecting\) after 1 attempt/);
      } finally {
        await new Promise((resolve) => refusing.close(resolve));
      }
    });

    it('reaches a remote on this machine directly, proxy or not', async () => {
      const proxy = await startHttpProxy();
      try {
        vi.stubEnv('http_proxy', `http://${proxy.address}`);
        server.script(emptyPage);
        const remote = client();
        try {
          await remote.listCandidateVersions(0, 10);
        } finally {
          await remote.close();
        }
        expect(proxy.tunnels).toEqual([]);
        expect(server.seen).toHaveLength(1);
      } finally {
        await proxy.stop();
      }
    });
  });

  describe("behind the computer's proxy settings (the desktop app's)", () => {
    const emptyPage = json(200, { data: [], meta: { total: 0, limit: 10, offset: 0 } });

    afterEach(() => {
      vi.unstubAllEnvs();
    });

    /** A client for cloud.example on the fault server's port, reached by whatever route `answers` give, in turn. */
    const throughSettings = (answers: (string | Error)[], options: Partial<RemoteClientOptions> = {}) => {
      const asked: string[] = [];
      const port = new URL(server.url).port;
      const remote = client({
        remoteUrl: `http://cloud.example:${port}`,
        systemProxy: async (url) => {
          asked.push(url);
          const answer = answers[Math.min(asked.length, answers.length) - 1];
          if (answer instanceof Error) throw answer;
          return answer ?? 'DIRECT';
        },
        ...options,
      });
      return { remote, asked, port };
    };

    it('goes through the proxy they name, not the one in the environment, and asks them once for many requests', async () => {
      const proxy = await startHttpProxy();
      const unused = await startHttpProxy();
      const { remote, asked, port } = throughSettings([`PROXY ${proxy.address}; DIRECT`]);
      try {
        vi.stubEnv('http_proxy', `http://${unused.address}`);
        server.script(emptyPage, emptyPage, emptyPage);
        for (let page = 0; page < 3; page += 1) await remote.listCandidateVersions(page * 10, 10);
        // cloud.example has no address: only the proxy could have taken the requests there.
        expect(new Set(proxy.tunnels)).toEqual(new Set([`cloud.example:${port}`]));
        expect(unused.tunnels).toEqual([]);
        expect(asked).toEqual([`http://cloud.example:${port}/api/v1/candidates?limit=10&offset=0`]);
        expect(server.seen).toHaveLength(3);
      } finally {
        await remote.close();
        await Promise.all([proxy.stop(), unused.stop()]);
      }
    });

    it('takes the first route it can use: a SOCKS5 proxy after a SOCKS (version 4) one', async () => {
      const socks = await startSocks5Proxy();
      const { remote, port } = throughSettings([`SOCKS 10.0.0.1:1080; SOCKS5 ${socks.address}`]);
      try {
        server.script(emptyPage);
        await remote.listCandidateVersions(0, 10);
        expect(socks.tunnels).toEqual([`cloud.example:${port}`]);
        expect(server.seen).toHaveLength(1);
      } finally {
        await remote.close();
        await socks.stop();
      }
    });

    it('asks them again after a request that got no answer: the laptop may have changed networks', async () => {
      const proxy = await startHttpProxy();
      const gone = await startHttpProxy();
      await gone.stop();
      const { remote, asked, port } = throughSettings([`PROXY ${gone.address}`, `PROXY ${proxy.address}`]);
      try {
        server.script(emptyPage);
        await remote.listCandidateVersions(0, 10);
        expect(asked).toHaveLength(2);
        expect(delays).toHaveLength(1);
        expect(proxy.tunnels).toEqual([`cloud.example:${port}`]);
        expect(remote.stats).toEqual({ requests: 2, errors: 0 });
      } finally {
        await remote.close();
        await proxy.stop();
      }
    });

    it('says so when they cannot be read, or name no route the sync can take', async () => {
      const unreadable = throughSettings([new Error('PAC script failed to load')], { maxAttempts: 1 });
      const socksOnly = throughSettings(['SOCKS 10.0.0.1:1080; QUIC 10.0.0.2:443'], { maxAttempts: 1 });
      try {
        expect((await caught(unreadable.remote.listCandidateVersions(0, 10))).message).toBe(
          "The remote could not be reached (this computer's proxy settings could not be read: PAC script failed to load) " +
            'after 1 attempt: GET /api/v1/candidates?limit=10&offset=0',
        );
        expect((await caught(socksOnly.remote.listCandidateVersions(0, 10))).message).toBe(
          "The remote could not be reached (this computer's proxy settings name no route the sync can take: SOCKS 10.0.0.1:1080; QUIC 10.0.0.2:443) " +
            'after 1 attempt: GET /api/v1/candidates?limit=10&offset=0',
        );
        expect(server.seen).toEqual([]);
      } finally {
        await Promise.all([unreadable.remote.close(), socksOnly.remote.close()]);
      }
    });

    it('says what to ask for when their proxy wants a password', async () => {
      const refusing = createServer((_req, res) => res.writeHead(405).end());
      refusing.on('connect', (_req: IncomingMessage, socket: Socket) => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'));
      await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
      const { remote } = throughSettings([`PROXY 127.0.0.1:${(refusing.address() as AddressInfo).port}`], { maxAttempts: 1 });
      try {
        expect((await caught(remote.listCandidateVersions(0, 10))).message).toMatch(
          /^The remote could not be reached \(the proxy in this computer's settings answered 407: it wants a user name and password, which the sync cannot give it; ask your IT team to let the cloud's address through without one\)/,
        );
      } finally {
        await remote.close();
        await new Promise((resolve) => refusing.close(resolve));
      }
    });

    it('never asks them for a remote on this machine', async () => {
      const asked: string[] = [];
      server.script(emptyPage);
      const remote = client({ systemProxy: async (url) => (asked.push(url), 'PROXY 10.255.255.1:8080') });
      try {
        await remote.listCandidateVersions(0, 10);
        expect(asked).toEqual([]);
        expect(server.seen).toHaveLength(1);
      } finally {
        await remote.close();
      }
    });
  });

  describe('TLS', () => {
    it('names a certificate this computer does not trust, and how a network that inspects TLS is let in', async () => {
      const fixtures = join(PROJECT_ROOT, 'tests', 'fixtures', 'tls');
      const untrusted = createHttpsServer(
        { key: readFileSync(join(fixtures, 'untrusted-localhost.key')), cert: readFileSync(join(fixtures, 'untrusted-localhost.crt')) },
        (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"meta":{"total":0,"limit":10,"offset":0}}'),
      );
      await new Promise<void>((resolve) => untrusted.listen(0, '127.0.0.1', resolve));
      try {
        const remote = client({ remoteUrl: `https://127.0.0.1:${(untrusted.address() as AddressInfo).port}`, maxAttempts: 1 });
        try {
          expect((await caught(remote.listCandidateVersions(0, 10))).message).toBe(
            'The remote could not be trusted (DEPTH_ZERO_SELF_SIGNED_CERT: its TLS certificate is not signed by an authority this computer trusts; ' +
              "where your organisation inspects TLS, the desktop app trusts its authority once it is installed in the computer's certificates, " +
              'and npm run serve and sync trust its certificate file named in NODE_EXTRA_CA_CERTS) after 1 attempt: GET /api/v1/candidates?limit=10&offset=0',
          );
        } finally {
          await remote.close();
        }
      } finally {
        untrusted.closeAllConnections();
        await new Promise((resolve) => untrusted.close(resolve));
      }
    });
  });

  describe('redirects', () => {
    it('reports a redirect instead of following it, so the key never goes to the address it names', async () => {
      server.script(json(301, {}, { location: 'https://elsewhere.example/api/v1/candidates' }), json(308, {}, { location: 'https://elsewhere.example/x' }));
      const remote = client();
      const list = await caught(remote.listCandidateVersions(0, 100));
      expect(list).toBeInstanceOf(RemoteProtocolError);
      expect(list).toMatchObject({ name: 'RemoteRedirectError', status: 301 });
      expect(list.message).toBe(
        'The remote answered GET /api/v1/candidates?limit=100&offset=0 with 301 http_301: The remote redirects to ' +
          'https://elsewhere.example/api/v1/candidates; redirects are not followed, so that the key goes only to the remote URL set. ' +
          'If https://elsewhere.example is your cloud, set the remote URL to it.',
      );
      expect(await remote.updateCandidate('c-1', { location: 'Pune' })).toEqual({
        failure: {
          status: 308,
          code: 'http_308',
          message:
            'The remote redirects to https://elsewhere.example/x; redirects are not followed, so that the key goes only to the remote URL set. ' +
            'If https://elsewhere.example is your cloud, set the remote URL to it.',
          details: [],
        },
      });
      expect(server.seen).toHaveLength(2);
      expect(remote.stats).toEqual({ requests: 2, errors: 0 });
    });

    it('says so when a redirect names no address, or one that cannot be read', async () => {
      server.script(json(302, {}), json(302, {}, { location: 'http://[bad' }));
      const remote = client();
      expect((await caught(remote.listCandidateVersions(0, 100))).message).toMatch(/a redirect and no address to go to; redirects are not followed\. Is the remote URL right\?$/);
      expect((await caught(remote.getCandidate('c-1'))).message).toMatch(/redirects to "http:\/\/\[bad", which is not an address/);
    });

    it('a relative redirect is named as the full address it resolves to, the key redacted if it carries it', async () => {
      server.script(json(307, {}, { location: `/login?next=${API_KEY}` }));
      const message = (await caught(client().listCandidateVersions(0, 100))).message;
      expect(message).toContain(`redirects to ${server.url}/login?next=[redacted];`);
      expect(message).not.toContain(API_KEY);
    });
  });

  describe('responses off the contract', () => {
    it.each([
      ['a list item without its updated_at', 'list', json(200, { data: [{ ...listItem(remoteCandidate()), updated_at: undefined }], meta: { total: 1, limit: 50, offset: 0 } }), /data\.0\.updated_at/],
      ['a page without meta', 'list', json(200, { data: [] }), /meta/],
      ['an unknown talent_pool_status', 'get', json(200, { data: remoteCandidate({ talent_pool_status: 'hidden' as 'masked' }) }), /data\.talent_pool_status/],
      ['a candidate without applications', 'get', json(200, { data: listItem(remoteCandidate()) }), /data\.applications/],
      ['a 201 with an empty data', 'create', json(201, { data: {} }), /data\.id.*; and \d+ more/],
      ['a 200 that is not JSON', 'update', { kind: 'text', status: 200, text: '<html>Login</html>' } as Reply, /is not JSON/],
    ])('%s → RemoteProtocolError', async (_name, method, reply, expected) => {
      server.script(reply);
      const remote = client();
      const calls: Record<string, () => Promise<unknown>> = {
        list: () => remote.listCandidateVersions(0, 50),
        get: () => remote.getCandidate('c-1'),
        create: () => remote.createCandidate({ full_name: 'A', email: 'a@example.com' }),
        update: () => remote.updateCandidate('c-1', { location: 'Pune' }),
      };
      const error = await caught(calls[method]!());
      expect(error).toBeInstanceOf(RemoteProtocolError);
      expect(error.message).toMatch(expected);
      expect(error.message).toMatch(/does not match the contract|is not JSON/);
      expect(remote.stats).toEqual({ requests: 1, errors: 0 });
    });
  });

  describe('concurrency', () => {
    const page = { data: [], meta: { total: 0, limit: 50, offset: 0 } };
    /** A list is a GET on the collection; every other call answers one candidate. */
    const answerFor = (req: IncomingMessage, candidate: CandidateWithApplications) =>
      req.method === 'GET' && req.url?.startsWith('/api/v1/candidates?') ? page : { data: candidate };

    /**
     * Holds requests until as many are in flight as the limit allows (or all
     * the rest have arrived), then waits a moment more before answering them
     * together: a client that overshoots its limit has sent more by then, and
     * the peak shows it. A client that keeps its limit makes the peak exactly
     * the limit, however slow the machine.
     */
    function gatedReplies(total: number, limit: number, candidate: CandidateWithApplications) {
      const peak = { inFlight: 0, max: 0 };
      let arrived = 0;
      let held: (() => void)[] = [];
      let releasing = false;
      const replies = Array.from({ length: total }, (): Reply => ({
        kind: 'custom',
        handle: (req, res) => {
          arrived += 1;
          peak.inFlight += 1;
          peak.max = Math.max(peak.max, peak.inFlight);
          held.push(() => {
            peak.inFlight -= 1;
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answerFor(req, candidate)));
          });
          if (!releasing && (peak.inFlight >= limit || arrived === total)) {
            releasing = true;
            setTimeout(() => {
              releasing = false;
              const release = held;
              held = [];
              for (const answer of release) answer();
            }, 25);
          }
        },
      }));
      return { replies, peak };
    }

    it.each([
      ['the default of 4', undefined, 4],
      ['a limit of 2', 2, 2],
      ['a limit of 1', 1, 1],
    ])('never has more than %s requests in flight, across all methods', async (_name, concurrency, limit) => {
      const candidate = remoteCandidate();
      const total = 11;
      const { replies, peak } = gatedReplies(total, limit, candidate);
      server.script(...replies);
      const remote = client(concurrency === undefined ? {} : { concurrency });
      const calls = Array.from({ length: total }, (_, index) => {
        switch (index % 4) {
          case 0:
            return remote.listCandidateVersions(index, 50);
          case 1:
            return remote.getCandidate(`c-${index}`);
          case 2:
            return remote.createCandidate({ full_name: 'A', email: `a${index}@example.com` });
          default:
            return remote.updateCandidate(`c-${index}`, { location: 'Pune' });
        }
      });
      const results = await Promise.all(calls);
      expect(results.filter((result) => result === null)).toEqual([]);
      expect(peak.max).toBe(limit);
      expect(remote.stats).toEqual({ requests: total, errors: 0 });
    });

    it('keeps the limit while requests fail and retry', async () => {
      const total = 8;
      const limit = 3;
      const peak = { inFlight: 0, max: 0 };
      const attemptsByUrl = new Map<string, number>();
      // Each request's first attempt gets a 503 and its retry the page, whatever order they arrive in.
      const counted: Reply = {
        kind: 'custom',
        handle: (req, res) => {
          const attempt = (attemptsByUrl.get(req.url ?? '') ?? 0) + 1;
          attemptsByUrl.set(req.url ?? '', attempt);
          peak.inFlight += 1;
          peak.max = Math.max(peak.max, peak.inFlight);
          setTimeout(() => {
            peak.inFlight -= 1;
            const [status, body] = attempt === 1 ? [503, { error: { code: 'internal_error', message: 'Busy.' } }] : [200, page];
            res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
          }, 5);
        },
      };
      server.script(...Array.from({ length: total * 2 }, () => counted));
      const remote = client({ concurrency: limit });
      const pages = await Promise.all(Array.from({ length: total }, (_, index) => remote.listCandidateVersions(index, 50)));
      expect(pages).toEqual(Array.from({ length: total }, () => page));
      expect(peak.max).toBeLessThanOrEqual(limit);
      expect(remote.stats).toEqual({ requests: total * 2, errors: 0 });
      expect(delays).toHaveLength(total);
    });
  });

  describe('against the remote test server (tools/remote-server)', () => {
    let remoteServer: RemoteServer;

    const remoteClient = (options: Partial<RemoteClientOptions> = {}) =>
      client({ remoteUrl: `${remoteServer.url}/api/v1`, apiKey: API_KEY, ...options });
    const newCandidate = (email: string) => ({ full_name: 'Nisha Verma', email, primary_skills: ['Go'] });

    beforeAll(async () => {
      remoteServer = await createRemoteServer({ apiKey: API_KEY, initialCandidates: 6 });
    });
    afterAll(async () => {
      await remoteServer.close();
    });
    beforeEach(() => {
      remoteServer.controls.clearFaults();
      remoteServer.controls.resetStats();
    });

    it('lists, gets, creates, matches and updates, ignoring the fields the remote adds', async () => {
      const remote = remoteClient();
      const page = await remote.listCandidateVersions(0, 4);
      expect(page.data).toHaveLength(4);
      expect(page.meta).toEqual({ total: remoteServer.controls.snapshot().length, limit: 4, offset: 0 });
      expect(page.data[0]).not.toHaveProperty('owner_name');

      const first = await remote.getCandidate(page.data[0]!.id);
      expect(first).toMatchObject({ id: page.data[0]!.id, applications: expect.any(Array) });
      expect(first).not.toHaveProperty('organization_id');
      expect(await remote.getCandidate('6d1f1b8e-0000-4000-8000-00000000dead')).toBeNull();

      const created = await remote.createCandidate(newCandidate('nisha.roundtrip@example.com'));
      expect(created).toMatchObject({ created: true, candidate: { email: 'nisha.roundtrip@example.com' } });
      const matched = await remote.createCandidate(newCandidate('Nisha.Roundtrip@example.com'));
      expect(matched).toMatchObject({ created: false });

      const id = 'candidate' in created ? created.candidate.id : '';
      expect(await remote.updateCandidate(id, { location: 'Kochi' })).toMatchObject({ candidate: { id, location: 'Kochi' } });
      expect(remote.stats).toEqual({ requests: 6, errors: 0 });
      expect(remoteServer.controls.stats().total).toBe(6);
    });

    it('hands back the remote\'s 403 for a locked field of a masked candidate, naming it', async () => {
      const [id] = remoteServer.controls.seed(1);
      remoteServer.controls.mask(id!);
      const failure = failureOf(await remoteClient().updateCandidate(id!, { phone_number: '+91 98000 00000', location: 'Pune' }));
      expect(failure).toMatchObject({ status: 403, code: 'talent_pool_reveal_required' });
      expect(failure.details.map((d) => d.path)).toEqual(['phone_number']);
    });

    it('stops at a wrong key with RemoteAuthError after one request', async () => {
      const remote = remoteClient({ apiKey: 'rk_live_not_the_key' });
      expect(await caught(remote.listCandidateVersions(0, 10))).toBeInstanceOf(RemoteAuthError);
      expect(remote.stats).toEqual({ requests: 1, errors: 1 });
      expect(remoteServer.controls.stats().byStatus).toEqual({ '401': 1 });
    });

    it.each([
      ['429', 2_000],
      ['503', 2_000],
      ['500', 50],
      ['502', 50],
      ['504', 50],
      ['drop', 50],
    ] as const)('recovers from a %s fault', async (kind, delay) => {
      remoteServer.controls.failNext(1, kind, { retryAfterSeconds: 2 });
      const remote = remoteClient();
      const page = await remote.listCandidateVersions(0, 3);
      expect(page.data).toHaveLength(3);
      expect(remote.stats).toEqual({ requests: 2, errors: 0 });
      expect(delays).toEqual([delay]);
    });

    it('gives up on a hung request at its timeout and retries', async () => {
      remoteServer.controls.failNext(1, 'hang', { routes: ['detail'] });
      const [id] = remoteServer.controls.seed(1);
      const remote = remoteClient({ timeoutMs: 1_000 });
      expect(await remote.getCandidate(id!)).toMatchObject({ id });
      expect(remote.stats.requests).toBe(2);
    });

    it('waits for a slow answer within its timeout', async () => {
      remoteServer.controls.failNext(1, 'slow', { delayMs: 50 });
      const remote = remoteClient({ timeoutMs: 5_000 });
      expect((await remote.listCandidateVersions(0, 1)).data).toHaveLength(1);
      expect(remote.stats.requests).toBe(1);
    });

    it.each(['drop', '502', 'hang'] as const)('does not duplicate a POST whose answer was lost to %s after the write', async (kind) => {
      const email = `nisha.${kind}@example.com`;
      remoteServer.controls.failNext(1, kind, { routes: ['post'], phase: 'after' });
      const remote = remoteClient({ timeoutMs: 1_000 });
      const result = await remote.createCandidate(newCandidate(email));
      // The first attempt made the candidate; the retry is matched to it by email.
      expect(result).toMatchObject({ created: false, candidate: { email } });
      expect(remoteServer.controls.snapshot().filter((c) => c.email === email)).toHaveLength(1);
      expect(remote.stats.requests).toBe(2);
    });

    it('applies a PUT retried after a lost answer once, with the same result', async () => {
      const [id] = remoteServer.controls.seed(1);
      remoteServer.controls.failNext(1, '504', { routes: ['put'], phase: 'after' });
      const remote = remoteClient();
      const result = await remote.updateCandidate(id!, { current_company: 'Zoho', location: 'Chennai' });
      expect(result).toMatchObject({ candidate: { id, current_company: 'Zoho', location: 'Chennai' } });
      expect(remote.stats.requests).toBe(2);
    });

    it('throws RemoteUnavailableError once every attempt failed, as many requests as the server saw', async () => {
      remoteServer.controls.failNext(3, '503', { retryAfterSeconds: 1 });
      const remote = remoteClient({ maxAttempts: 3 });
      const error = await caught(remote.listCandidateVersions(0, 10));
      expect(error).toBeInstanceOf(RemoteUnavailableError);
      expect(error.message).toBe('The remote answered 503 after 3 attempts: GET /api/v1/candidates?limit=10&offset=0');
      expect(remote.stats).toEqual({ requests: 3, errors: 1 });
      expect(remoteServer.controls.stats().byStatus).toEqual({ '503': 3 });
      expect(delays).toEqual([1_000, 1_000]);
    });
  });
});
