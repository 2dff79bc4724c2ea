import type { Candidate } from '@shared/candidate-schema';
import { create } from 'zustand';
import type { ApiClient } from '../../lib/api-client';

/** Rows per request: the API's largest page. */
export const PAGE_SIZE = 100;
/** Result sets kept besides the current one, so going back to a recent search shows it at once. */
const CACHED_QUERIES = 8;

export interface CandidatePageRequest {
  search: string;
  jobId: string;
}

/** One search's rows as far as they have been fetched. */
export interface QueryResult {
  request: CandidatePageRequest;
  /** meta.total of the latest answer; null before the first. */
  total: number | null;
  pages: Record<number, Candidate[]>;
  /** The dataVersion each page was fetched at: an older page is shown while it is fetched again. */
  pageVersions: Record<number, number>;
  error: string | null;
}

interface CandidatesListState {
  /** What the Search box holds, as typed. */
  searchDraft: string;
  /** The applied filters (the search after its debounce). */
  search: string;
  jobId: string;
  results: Record<string, QueryResult>;
  /** Most recently used first; trims `results`. */
  recentKeys: string[];
  /** Bumped to make cached pages stale (after a sync or an edit); they are fetched again when shown. */
  dataVersion: number;
  selectedIndex: number;
  /**
   * The candidate opened from the list, until the list is back and has found
   * them: rows may have moved meanwhile (one added above, a sync), and the
   * selection goes with the person, not the row number.
   */
  openedId: string | null;
  /** Set by Ctrl/Cmd+F (after navigating here); the Search box focuses itself and clears it. */
  searchFocusRequested: boolean;
  setSearchDraft: (draft: string) => void;
  applySearch: (search: string) => void;
  setJobId: (jobId: string) => void;
  setSelectedIndex: (index: number) => void;
  setOpenedId: (id: string | null) => void;
  requestSearchFocus: () => void;
  searchFocused: () => void;
  invalidate: () => void;
  /**
   * Fetches the given pages of the current query that are missing or stale,
   * and aborts fetches of its pages no longer on screen. A search still being
   * answered is let finish first (see inFlight).
   */
  ensurePages: (client: ApiClient, pageIndexes: number[]) => void;
}

export function queryKey(request: CandidatePageRequest): string {
  return JSON.stringify([request.search, request.jobId]);
}

const emptyResult = (request: CandidatePageRequest): QueryResult => ({ request, total: null, pages: {}, pageVersions: {}, error: null });

export const useCandidatesListStore = create<CandidatesListState>((set, get) => {
  /**
   * In-flight page requests by query key and page index. Requests of another
   * query (the search as it was a few keys ago) are not aborted but let
   * finish, and the current query waits for them: the API answers one request
   * at a time, so an aborted search would still hold up the next, and a burst
   * of keys would queue a search per key in front of the one that matters.
   */
  const inFlight = new Map<string, { controller: AbortController; version: number; key: string }>();
  /** The latest ensurePages call, replayed when the request it waited for settles. */
  let waiting: { client: ApiClient; pageIndexes: number[] } | null = null;

  const updateResult = (request: CandidatePageRequest, change: (result: QueryResult) => QueryResult) => {
    const key = queryKey(request);
    set((state) => {
      const recentKeys = [key, ...state.recentKeys.filter((known) => known !== key)].slice(0, CACHED_QUERIES + 1);
      const results: Record<string, QueryResult> = {};
      for (const known of recentKeys) {
        const result = known === key ? change(state.results[key] ?? emptyResult(request)) : state.results[known];
        if (result) results[known] = result;
      }
      return { results, recentKeys };
    });
  };

  const fetchPage = async (client: ApiClient, request: CandidatePageRequest, pageIndex: number, version: number) => {
    const key = queryKey(request);
    const flightKey = `${key}#${pageIndex}`;
    const controller = new AbortController();
    inFlight.set(flightKey, { controller, version, key });
    try {
      const { body } = await client.request<{ data: Candidate[]; meta: { total: number } }>('/api/v1/candidates', {
        query: { search: request.search, job_id: request.jobId, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE },
        signal: controller.signal,
      });
      updateResult(request, (result) => ({
        ...result,
        total: body.meta.total,
        pages: { ...result.pages, [pageIndex]: body.data },
        pageVersions: { ...result.pageVersions, [pageIndex]: version },
        error: null,
      }));
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      updateResult(request, (result) => ({ ...result, error: (error as Error).message }));
    } finally {
      if (inFlight.get(flightKey)?.controller === controller) inFlight.delete(flightKey);
      if (waiting) {
        const { client: waitingClient, pageIndexes } = waiting;
        waiting = null;
        get().ensurePages(waitingClient, pageIndexes);
      }
    }
  };

  return {
    searchDraft: '',
    search: '',
    jobId: '',
    results: {},
    recentKeys: [],
    dataVersion: 0,
    selectedIndex: 0,
    openedId: null,
    searchFocusRequested: false,
    setSearchDraft: (searchDraft) => set({ searchDraft }),
    applySearch: (search) => {
      if (search !== get().search) set({ search, selectedIndex: 0, openedId: null });
    },
    setJobId: (jobId) => set({ jobId, selectedIndex: 0, openedId: null }),
    setSelectedIndex: (selectedIndex) => set({ selectedIndex }),
    setOpenedId: (openedId) => set({ openedId }),
    requestSearchFocus: () => set({ searchFocusRequested: true }),
    searchFocused: () => set({ searchFocusRequested: false }),
    invalidate: () => set({ dataVersion: get().dataVersion + 1 }),
    ensurePages: (client, pageIndexes) => {
      const { search, jobId, dataVersion, results } = get();
      const request = { search, jobId };
      const key = queryKey(request);
      const wanted = new Set(pageIndexes.map((pageIndex) => `${key}#${pageIndex}`));
      // Pages scrolled past would only delay the ones now on screen.
      for (const [flightKey, flight] of inFlight) {
        if (flight.key === key && !wanted.has(flightKey)) {
          flight.controller.abort();
          inFlight.delete(flightKey);
        }
      }
      if ([...inFlight.values()].some((flight) => flight.key !== key)) {
        waiting = { client, pageIndexes };
        return;
      }
      waiting = null;
      const result = results[key];
      for (const pageIndex of pageIndexes) {
        const fresh = result?.pages[pageIndex] !== undefined && result.pageVersions[pageIndex] === dataVersion;
        const flight = inFlight.get(`${key}#${pageIndex}`);
        if (fresh || (flight && flight.version === dataVersion)) continue;
        flight?.controller.abort();
        void fetchPage(client, request, pageIndex, dataVersion);
      }
    },
  };
});
