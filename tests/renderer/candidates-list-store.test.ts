import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, RequestOptions } from '../../renderer/lib/api-client';
import { PAGE_SIZE, queryKey, useCandidatesListStore } from '../../renderer/features/candidates-list/candidates-list-store';

interface PendingRequest {
  query: Record<string, unknown>;
  signal: AbortSignal | undefined;
  answer: (names: string[], total: number) => void;
}

/** An API client whose list requests wait until the test answers them, in any order. */
function controlledClient() {
  const pending: PendingRequest[] = [];
  const client = {
    connection: { baseUrl: 'http://127.0.0.1:1', token: 't' },
    requestRaw: () => Promise.reject(new Error('not used')),
    request: (_path: string, options: RequestOptions = {}) =>
      new Promise((resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        pending.push({
          query: options.query ?? {},
          signal: options.signal,
          answer: (names, total) =>
            resolve({
              status: 200,
              headers: new Headers(),
              body: { data: names.map((full_name, index) => ({ id: `${full_name}-${index}`, full_name })), meta: { total } },
            }),
        });
      }),
  } as unknown as ApiClient;
  return { client, pending };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const resultFor = (search: string, jobId = '') => useCandidatesListStore.getState().results[queryKey({ search, jobId })];

describe('the candidates list store', () => {
  beforeEach(() => {
    useCandidatesListStore.setState({ search: '', jobId: '', results: {}, recentKeys: [], dataVersion: 0, selectedIndex: 0 });
  });

  it('asks for pages by offset, once each, and keeps them with the total', async () => {
    const { client, pending } = controlledClient();
    const store = useCandidatesListStore.getState();
    store.ensurePages(client, [0, 1]);
    store.ensurePages(client, [0, 1]);
    expect(pending.map((request) => request.query.offset)).toEqual([0, PAGE_SIZE]);
    expect(pending[0]!.query.limit).toBe(PAGE_SIZE);
    pending[1]!.answer(['b'], 150);
    pending[0]!.answer(['a'], 150);
    await flush();
    expect(resultFor('')?.total).toBe(150);
    expect(resultFor('')?.pages[0]?.map((candidate) => candidate.full_name)).toEqual(['a']);
    expect(resultFor('')?.pages[1]?.map((candidate) => candidate.full_name)).toEqual(['b']);
    store.ensurePages(client, [0, 1]);
    expect(pending).toHaveLength(2);
  });

  it('lets an older search finish before asking for the newest, sends only the newest of a burst, and keeps answers apart', async () => {
    const { client, pending } = controlledClient();
    const store = useCandidatesListStore.getState();
    store.applySearch('sh');
    store.ensurePages(client, [0]);
    for (const typed of ['sha', 'shar', 'sharma']) {
      store.applySearch(typed);
      store.ensurePages(client, [0]);
    }
    expect(pending.map((request) => request.query.search)).toEqual(['sh']);
    expect(pending[0]!.signal?.aborted).toBe(false);

    pending[0]!.answer(['Shah', 'Asha Sharma'], 2);
    await flush();
    expect(pending.map((request) => request.query.search)).toEqual(['sh', 'sharma']);
    expect(resultFor('sharma')).toBeUndefined();
    pending[1]!.answer(['Asha Sharma'], 1);
    await flush();
    expect(useCandidatesListStore.getState().search).toBe('sharma');
    expect(resultFor('sharma')?.pages[0]?.map((candidate) => candidate.full_name)).toEqual(['Asha Sharma']);
    expect(resultFor('sh')?.total).toBe(2);
  });

  it('fetches shown pages again after invalidate, keeping the old rows until the new ones arrive', async () => {
    const { client, pending } = controlledClient();
    const store = useCandidatesListStore.getState();
    store.ensurePages(client, [0]);
    pending[0]!.answer(['old'], 1);
    await flush();
    store.invalidate();
    store.ensurePages(client, [0]);
    expect(pending).toHaveLength(2);
    expect(resultFor('')?.pages[0]?.map((candidate) => candidate.full_name)).toEqual(['old']);
    pending[1]!.answer(['new'], 1);
    await flush();
    expect(resultFor('')?.pages[0]?.map((candidate) => candidate.full_name)).toEqual(['new']);
  });

  it('aborts pages scrolled past', async () => {
    const { client, pending } = controlledClient();
    const store = useCandidatesListStore.getState();
    store.ensurePages(client, [0]);
    store.ensurePages(client, [250, 251]);
    expect(pending[0]!.signal?.aborted).toBe(true);
    expect(pending.slice(1).map((request) => request.query.offset)).toEqual([250 * PAGE_SIZE, 251 * PAGE_SIZE]);
    // The store outlives the test: nothing left in flight for the next one.
    for (const request of pending.slice(1)) request.answer([], 0);
    await flush();
  });

  it('keys results by search and job, and keeps only a few recent result sets', async () => {
    const { client, pending } = controlledClient();
    const store = useCandidatesListStore.getState();
    for (let n = 0; n < 12; n++) {
      store.applySearch(`term${n}`);
      store.ensurePages(client, [0]);
      pending[pending.length - 1]!.answer([`match${n}`], 1);
      await flush();
    }
    store.setJobId('6f1d7a52-93c4-4b8e-a1f0-2c5d8e9b7a31');
    store.ensurePages(client, [0]);
    expect(pending[pending.length - 1]!.query).toMatchObject({ search: 'term11', job_id: '6f1d7a52-93c4-4b8e-a1f0-2c5d8e9b7a31' });
    const kept = Object.keys(useCandidatesListStore.getState().results);
    expect(kept.length).toBeLessThan(12);
    expect(kept).toContain(queryKey({ search: 'term11', jobId: '' }));
    expect(kept).not.toContain(queryKey({ search: 'term0', jobId: '' }));
  });
});
