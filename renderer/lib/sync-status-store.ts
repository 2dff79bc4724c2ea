import { create } from 'zustand';
import { ApiError, type ApiClient } from './api-client';

export type SyncState = 'never' | 'idle' | 'syncing' | 'failed' | 'api_key_rejected';
export type CandidateSyncState = 'local_only' | 'pending' | 'conflict' | 'parked' | 'failed';

/** GET /api/local/sync */
export interface SyncStatus {
  configured: boolean;
  remote_url: string | null;
  state: SyncState;
  last_success_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  pending: number;
  conflicts: number;
  parked: number;
  failed: number;
  conflict_policy: string;
  sync_interval_minutes: number;
}

interface SyncStatusState {
  status: SyncStatus | null;
  /** Per candidate, those not in step with the cloud (GET /api/local/candidate-sync-states). */
  candidateStates: Record<string, CandidateSyncState>;
  /** Whether the last poll reached the local API. */
  apiReachable: boolean;
  /** Bumped whenever a sync has brought changes in, so cached lists know to refetch. */
  dataVersion: number;
  /** A "Sync now" the user asked for is running. */
  syncRequested: boolean;
  refresh: (client: ApiClient) => Promise<void>;
  syncNow: (client: ApiClient) => Promise<void>;
}

/** How stale the per-candidate states may get while the counts stay the same. */
const STATES_REFRESH_MS = 15_000;

/** The sync engine's state as the sync bar, the list's sync column and Needs attention see it; polled by the sync bar. */
export const useSyncStatusStore = create<SyncStatusState>((set, get) => {
  let statesFingerprint = '';
  let statesFetchedAt = 0;
  return {
    status: null,
    candidateStates: {},
    apiReachable: true,
    dataVersion: 0,
    syncRequested: false,
    refresh: async (client) => {
      try {
        const { body } = await client.request<{ data: SyncStatus }>('/api/local/sync');
        const status = body.data;
        const previous = get().status;
        // The per-candidate states can be a long list (every local-only candidate): fetched only when the counts
        // or the last attempt say something moved, and now and then besides, for edits that left the counts as they were.
        const fingerprint = JSON.stringify([status.configured, status.state, status.last_attempt_at, status.pending, status.conflicts, status.parked, status.failed]);
        const statesDue = fingerprint !== statesFingerprint || Date.now() - statesFetchedAt > STATES_REFRESH_MS;
        const states = statesDue ? (await client.request<{ data: Record<string, CandidateSyncState> }>('/api/local/candidate-sync-states')).body.data : get().candidateStates;
        if (statesDue) {
          statesFingerprint = fingerprint;
          statesFetchedAt = Date.now();
        }
        const broughtChanges = previous !== null && status.last_success_at !== previous.last_success_at;
        set({
          status,
          candidateStates: states,
          apiReachable: true,
          dataVersion: broughtChanges ? get().dataVersion + 1 : get().dataVersion,
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'network_error') set({ apiReachable: false });
        else throw error;
      }
    },
    syncNow: async (client) => {
      set({ syncRequested: true });
      try {
        await client.requestRaw('/api/local/sync', { method: 'POST', query: { wait: true } });
      } finally {
        set({ syncRequested: false });
        await get().refresh(client);
      }
    },
  };
});
