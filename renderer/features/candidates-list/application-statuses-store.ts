import type { CandidateWithApplications } from '@shared/candidate-schema';
import { create } from 'zustand';
import type { ApiClient } from '../../lib/api-client';

export interface ApplicationStatus {
  jobId: string;
  status: string;
}

interface KnownApplications {
  /** The candidate's updated_at when fetched: an application change moves it, so a newer list row means refetch. */
  updatedAt: string;
  applications: ApplicationStatus[];
}

interface ApplicationStatusesState {
  byCandidate: Record<string, KnownApplications>;
  /** Fetches the applications of the candidates on screen whose known ones are missing or older than their row. */
  ensure: (client: ApiClient, candidates: { id: string; updated_at: string }[]) => void;
}

/** Rows kept; the list only ever shows a screenful, so older entries are dropped first. */
const KEPT_CANDIDATES = 2000;
/** Parallel detail requests: the browser's own limit per host. */
const PARALLEL_REQUESTS = 6;

/**
 * List items carry no applications (the contract), so the list's
 * application column reads each visible candidate's detail once the
 * scrolling has settled, and keeps it until the candidate changes.
 */
export const useApplicationStatusesStore = create<ApplicationStatusesState>((set, get) => {
  const requested = new Set<string>();
  return {
    byCandidate: {},
    ensure: (client, candidates) => {
      const missing = candidates.filter((candidate) => {
        const known = get().byCandidate[candidate.id];
        return (!known || known.updatedAt < candidate.updated_at) && !requested.has(`${candidate.id}@${candidate.updated_at}`);
      });
      let next = 0;
      const worker = async () => {
        while (next < missing.length) {
          const candidate = missing[next++]!;
          const requestKey = `${candidate.id}@${candidate.updated_at}`;
          requested.add(requestKey);
          try {
            const { body } = await client.request<{ data: CandidateWithApplications }>(`/api/v1/candidates/${candidate.id}`);
            const applications = body.data.applications.map((application) => ({ jobId: application.job_id, status: application.status }));
            set((state) => {
              const entries = Object.entries(state.byCandidate);
              const kept = entries.length >= KEPT_CANDIDATES ? Object.fromEntries(entries.slice(entries.length - KEPT_CANDIDATES / 2)) : state.byCandidate;
              return { byCandidate: { ...kept, [candidate.id]: { updatedAt: body.data.updated_at, applications } } };
            });
          } catch {
            // The column stays empty for this row; the next time it scrolls into view asks again.
          } finally {
            requested.delete(requestKey);
          }
        }
      };
      for (let started = 0; started < Math.min(PARALLEL_REQUESTS, missing.length); started++) void worker();
    },
  };
});
