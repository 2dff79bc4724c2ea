import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectRemoteControls } from '../../tools/remote-server/controls-client';
import type { FaultRule } from '../../tools/remote-server/faults';
import type { RequestOutcome } from '../../tools/remote-server/request-stats';
import { expectError } from '../helpers/contract-expectations';
import { type TestRemote, remoteServers } from './remote-harness';

const servers = remoteServers();
afterEach(servers.closeAll);

let emails = 0;
const freshEmail = () => `fault.${++emails}@remote.test`;

/** A request the test gives up on when it chooses, as a client with a timeout would. */
function abortableFetch(remote: TestRemote, path: string, init: RequestInit = {}) {
  const controller = new AbortController();
  const response = fetch(`${remote.server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${remote.server.apiKey}`, 'content-type': 'application/json', ...init.headers },
    signal: controller.signal,
  });
  return { response, giveUp: () => controller.abort() };
}

/** How each of these requests ended, by the server's own count; waits for the last to be counted. */
async function outcomes(remote: TestRemote, count: number): Promise<RequestOutcome[]> {
  await vi.waitFor(() => expect(remote.server.controls.stats().total).toBeGreaterThanOrEqual(count));
  return remote.server.controls.stats().recent.slice(-count).map((entry) => entry.status);
}

async function createCandidate(remote: TestRemote) {
  const response = await remote.call('POST', '/api/v1/candidates', { body: { full_name: 'Jane Doe', email: freshEmail(), location: 'Pune' } });
  expect(response.status, response.text).toBe(201);
  return response.json.data;
}

describe('remote server faults: status answers', () => {
  it('500 answers internal_error in the contract envelope', async () => {
    const remote = await servers.start({ initialCandidates: 3 });
    remote.server.controls.failNext(1, '500');
    const response = await remote.call('GET', '/api/v1/candidates');
    expectError(response, 500, 'internal_error');
    expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(200);
  });

  it('502, 503 and 504 answer as a gateway does: an HTML page, 503 with Retry-After', async () => {
    const remote = await servers.start();
    for (const kind of ['502', '503', '504'] as const) {
      remote.server.controls.failNext(1, kind, { retryAfterSeconds: 4 });
      const response = await remote.call('GET', '/api/v1/candidates');
      expect(response.status).toBe(Number(kind));
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.json).toBeUndefined();
      expect(response.headers['retry-after']).toBe(kind === '503' ? '4' : undefined);
    }
  });

  it('429 answers rate_limited with the configured Retry-After in seconds', async () => {
    const remote = await servers.start();
    remote.server.controls.setFaults({ rules: [{ kind: '429', retryAfterSeconds: 2, times: 2 }] });
    for (let i = 0; i < 2; i++) {
      const response = await remote.call('GET', '/api/v1/candidates');
      expectError(response, 429, 'rate_limited');
      expect(response.headers['retry-after']).toBe('2');
    }
    expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(200);
  });
});

describe('remote server faults: no answer', () => {
  it('drop destroys the connection without an answer', async () => {
    const remote = await servers.start();
    remote.server.controls.failNext(1, 'drop');
    await expect(remote.call('GET', '/api/v1/candidates')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(200);
    expect(await outcomes(remote, 2)).toEqual(['dropped', 200]);
  });

  it('slow answers late: a later request overtakes it, and it takes at least the delay', async () => {
    const remote = await servers.start();
    const candidate = await createCandidate(remote);
    remote.server.controls.failNext(1, 'slow', { delayMs: 1500, routes: ['detail'] });
    const finished: string[] = [];
    const started = performance.now();
    const slow = remote.call('GET', `/api/v1/candidates/${candidate.id}`).then((response) => {
      finished.push('slow');
      return { response, elapsed: performance.now() - started };
    });
    const fast = await remote.call('GET', '/api/v1/candidates');
    finished.push('fast');
    expect(fast.status).toBe(200);
    const { response, elapsed } = await slow;
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual(candidate);
    expect(finished).toEqual(['fast', 'slow']);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
  });

  it('hang never answers: other requests are served meanwhile, until the client gives up', async () => {
    const remote = await servers.start();
    remote.server.controls.failNext(1, 'hang', { routes: ['list'] });
    const hung = abortableFetch(remote, '/api/v1/candidates');
    await vi.waitFor(() => expect(remote.server.controls.stats().byStatus.hung).toBe(1));
    const candidate = await createCandidate(remote);
    expect((await remote.call('GET', `/api/v1/candidates/${candidate.id}`)).status).toBe(200);
    hung.giveUp();
    await expect(hung.response).rejects.toMatchObject({ name: 'AbortError' });
    expect(await outcomes(remote, 3)).toEqual(['hung', 201, 200]);
  });

  it('close() ends hung and slow requests rather than waiting for them', async () => {
    const remote = await servers.start();
    const candidate = await createCandidate(remote);
    remote.server.controls.setFaults({
      rules: [
        { kind: 'hang', routes: ['list'] },
        { kind: 'slow', delayMs: 600_000, routes: ['put'], phase: 'after' },
      ],
    });
    // Both fail at once on close: their errors are caught now, to be looked at after.
    const failure = (request: Promise<unknown>) => request.then(() => undefined, (error: NodeJS.ErrnoException) => error.code);
    const hung = failure(remote.call('GET', '/api/v1/candidates'));
    const slow = failure(remote.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { location: 'Agra' } }));
    await vi.waitFor(() => {
      expect(remote.server.controls.stats().byStatus.hung).toBe(1);
      expect(remote.server.controls.snapshot()[0]!.location).toBe('Agra');
    });
    await remote.server.close();
    expect(await hung).toBe('ECONNRESET');
    expect(await slow).toBe('ECONNRESET');
  });
});

describe('remote server faults: before or after the write', () => {
  it('before: a faulted PUT applies nothing', async () => {
    const remote = await servers.start();
    const candidate = await createCandidate(remote);
    for (const kind of ['500', '503', 'drop'] as const) {
      remote.server.controls.failNext(1, kind, { routes: ['put'], phase: 'before' });
      const outcome = await remote.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { location: 'Chennai' } }).then(
        (response) => response.status,
        (error: NodeJS.ErrnoException) => error.code,
      );
      expect(outcome).toBe(kind === 'drop' ? 'ECONNRESET' : Number(kind));
      expect(remote.server.controls.snapshot()[0]).toMatchObject({ location: 'Pune', updated_at: candidate.updated_at });
    }
  });

  it('after: a PUT answered 500 was applied, and its retry changes nothing more', async () => {
    const remote = await servers.start();
    const candidate = await createCandidate(remote);
    remote.server.controls.failNext(1, '500', { routes: ['put'], phase: 'after' });
    const faulted = await remote.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { location: 'Chennai' } });
    expectError(faulted, 500, 'internal_error');
    const applied = remote.server.controls.snapshot()[0]!;
    expect(applied.location).toBe('Chennai');
    expect(applied.updated_at > candidate.updated_at).toBe(true);

    const retry = await remote.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { location: 'Chennai' } });
    expect(retry.status).toBe(200);
    expect(retry.json.data.updated_at).toBe(applied.updated_at);
  });

  it('after: a POST whose connection drops was applied once; the retry matches it (200)', async () => {
    const remote = await servers.start();
    remote.server.controls.failNext(1, 'drop', { routes: ['post'], phase: 'after' });
    const body = { full_name: 'Jane Doe', email: freshEmail(), application: { job_id: '550e8400-e29b-41d4-a716-446655440000' } };
    await expect(remote.call('POST', '/api/v1/candidates', { body })).rejects.toMatchObject({ code: 'ECONNRESET' });
    const stored = remote.server.controls.snapshot();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.applications).toHaveLength(1);

    const retry = await remote.call('POST', '/api/v1/candidates', { body });
    expect(retry.status, retry.text).toBe(200);
    expect(retry.json.data.id).toBe(stored[0]!.id);
    expect(remote.server.controls.snapshot()).toEqual(stored);
  });

  it('after: a 429 or 503 keeps its Retry-After, though the POST behind it was applied', async () => {
    const remote = await servers.start();
    for (const kind of ['429', '503'] as const) {
      remote.server.controls.failNext(1, kind, { routes: ['post'], phase: 'after', retryAfterSeconds: 3 });
      const body = { full_name: 'Jane Doe', email: freshEmail() };
      const response = await remote.call('POST', '/api/v1/candidates', { body });
      expect(response.status).toBe(Number(kind));
      expect(response.headers['retry-after']).toBe('3');
      expect(remote.server.controls.snapshot().map((c) => c.email)).toContain(body.email);
    }
  });

  it('after: a PUT that hangs was applied though the client never hears of it', async () => {
    const remote = await servers.start();
    const candidate = await createCandidate(remote);
    remote.server.controls.failNext(1, 'hang', { routes: ['put'], phase: 'after' });
    const hung = abortableFetch(remote, `/api/v1/candidates/${candidate.id}`, { method: 'PUT', body: JSON.stringify({ location: 'Kochi' }) });
    await vi.waitFor(() => expect(remote.server.controls.snapshot()[0]!.location).toBe('Kochi'));
    expect(remote.server.controls.stats().byStatus.hung).toBe(1);
    hung.giveUp();
    await expect(hung.response).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('after: a slow PUT answers late with the applied write', async () => {
    const remote = await servers.start();
    const candidate = await createCandidate(remote);
    remote.server.controls.failNext(1, 'slow', { routes: ['put'], phase: 'after', delayMs: 400 });
    const started = performance.now();
    const response = await remote.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { location: 'Mysuru' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(response.status).toBe(200);
    expect(response.json.data.location).toBe('Mysuru');
    expect(remote.server.controls.snapshot()[0]!.location).toBe('Mysuru');
  });
});

describe('remote server faults: targeting, counts and rates', () => {
  it('a fault aimed at one route kind leaves the others alone', async () => {
    const remote = await servers.start();
    const candidate = await createCandidate(remote);
    remote.server.controls.failNext(1, '503', { routes: ['put'] });
    expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(200);
    expect((await remote.call('GET', `/api/v1/candidates/${candidate.id}`)).status).toBe(200);
    expect((await remote.call('POST', '/api/v1/candidates', { body: { full_name: 'A', email: freshEmail() } })).status).toBe(201);
    expect((await remote.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { location: 'X' } })).status).toBe(503);
    expect((await remote.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { location: 'X' } })).status).toBe(200);
  });

  it('failNext fails exactly the next N requests, ahead of rate rules, then stops', async () => {
    const remote = await servers.start();
    remote.server.controls.setFaults({ rules: [{ kind: '429', rate: 0 }] });
    remote.server.controls.failNext(3, '502');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await remote.call('GET', '/api/v1/candidates')).status);
    expect(statuses).toEqual([502, 502, 502, 200, 200]);
  });

  it('faults strike at their rates from a seeded generator: the same seed, the same sequence', async () => {
    const rules: FaultRule[] = [{ kind: '503', rate: 0.3 }, { kind: '429', rate: 0.2, retryAfterSeconds: 0 }];
    const run = async (seed: number) => {
      const remote = await servers.start();
      remote.server.controls.setFaults({ rules, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await remote.call('GET', '/api/v1/candidates')).status);
      return statuses;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(await run(43)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 503, 429]));
    const count = (status: number) => first.filter((s) => s === status).length;
    expect(count(200)).toBeGreaterThan(8);
  });

  it('rate 0 never strikes and rate 1 always does', async () => {
    const remote = await servers.start();
    remote.server.controls.setFaults({ rules: [{ kind: '500', rate: 0 }] });
    expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(200);
    remote.server.controls.setFaults({ rules: [{ kind: '500', rate: 1 }] });
    for (let i = 0; i < 3; i++) expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(500);
    remote.server.controls.clearFaults();
    expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(200);
  });

  it('never faults, delays or counts the test-only endpoints', async () => {
    const remote = await servers.start();
    remote.server.controls.setFaults({ rules: [{ kind: 'drop' }] });
    const client = connectRemoteControls(remote.server.url, remote.server.apiKey);
    expect(await client.seed(2)).toHaveLength(2);
    expect((await client.snapshot()).length).toBe(2);
    expect((await client.stats()).total).toBe(0);
  });

  it('latency delays every contract request by at least the set time', async () => {
    const remote = await servers.start({ latencyMs: 300 });
    const started = performance.now();
    expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('refuses malformed fault settings', async () => {
    const remote = await servers.start();
    const { controls } = remote.server;
    expect(() => controls.setFaults({ rules: [{ kind: '503', rate: 1.5 }] })).toThrow(/invalid fields/);
    expect(() => controls.setFaults({ rules: [{ kind: '503', routes: [] }] })).toThrow(/invalid fields/);
    expect(() => controls.failNext(0, '503')).toThrow(/invalid fields/);
    expect(() => controls.setFaults({ rules: [{ kind: 'teapot' as never }] })).toThrow(/invalid fields/);
  });
});
