import type { ApplicationStatuses } from '@shared/local-api-schema';
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

/**
 * List items carry no applications (the contract), so the list's
 * application column asks for the visible rows' jobs and statuses in one
 * request once the scrolling has settled, and keeps them until the candidate
 * changes (an application change moves the candidate's updated_at).
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
      if (missing.length === 0) return;
      const requestKeys = missing.map((candidate) => `${candidate.id}@${candidate.updated_at}`);
      for (const key of requestKeys) requested.add(key);
      void client
        .request<{ data: ApplicationStatuses }>('/api/local/application-statuses', {
          query: { ids: missing.map((candidate) => candidate.id).join(',') },
        })
        .then(({ body }) => {
          set((state) => {
            const entries = Object.entries(state.byCandidate);
            const kept = entries.length >= KEPT_CANDIDATES ? Object.fromEntries(entries.slice(entries.length - KEPT_CANDIDATES / 2)) : { ...state.byCandidate };
            for (const candidate of missing) {
              const applications = body.data[candidate.id];
              if (applications) kept[candidate.id] = { updatedAt: candidate.updated_at, applications: applications.map((a) => ({ jobId: a.job_id, status: a.status })) };
            }
            return { byCandidate: kept };
          });
        })
        // The column stays empty for these rows; the next time they scroll into view asks again.
        .catch(() => undefined)
        .finally(() => {
          for (const key of requestKeys) requested.delete(key);
        });
    },
  };
});
