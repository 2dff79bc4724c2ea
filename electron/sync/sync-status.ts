import {
  countOpenConflicts,
  listCandidateIdsWithOutbox,
  listConflicts,
  listPushFailures,
  listUnlinkedCandidateIds,
  remoteIdOf,
} from '../db/sync-repository';
import { readSetting, writeSetting } from '../db/settings-repository';
import type { CandidateSyncState, ParkedValue } from '@shared/local-api-schema';
import type { CoreContext } from '../core/core-context';
import { pendingChanges, readLocalState } from './local-state';

export type SyncState = 'never' | 'idle' | 'syncing' | 'failed' | 'api_key_rejected';

/** What the last sync run left behind, kept in the settings table. */
export interface SyncRunRecord {
  state: Exclude<SyncState, 'syncing'>;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
}

const RECORD_KEY = 'sync_last_run';

export function readSyncRunRecord(ctx: CoreContext): SyncRunRecord {
  const stored = readSetting(ctx.db, RECORD_KEY) as SyncRunRecord | undefined;
  return stored ?? { state: 'never', last_attempt_at: null, last_success_at: null, last_error: null };
}

export function writeSyncRunRecord(ctx: CoreContext, record: SyncRunRecord): void {
  writeSetting(ctx.db, RECORD_KEY, record);
}

export interface PendingCounts {
  /** Candidates with changes still to send (parked and conflicted fields aside). */
  pending: number;
  /** Open conflicts waiting for the recruiter. */
  conflicts: number;
  /** Locked fields of masked candidates held locally until a reveal. */
  parked: number;
  /** Candidates whose last push the remote refused. */
  failed: number;
}

/** Every parked value: a locked field of a masked candidate the local copy knows and the cloud does not show. */
export function listParkedValues(ctx: CoreContext): ParkedValue[] {
  const parked: ParkedValue[] = [];
  for (const candidateId of listCandidateIdsWithOutbox(ctx.db)) {
    const state = readLocalState(ctx, candidateId);
    if (!state) continue;
    if (remoteIdOf(ctx.db, candidateId) === null) continue;
    for (const field of pendingChanges(ctx, state).parked) parked.push({ candidate_id: candidateId, field, value: state.record[field] });
  }
  return parked;
}

export function countPending(ctx: CoreContext): PendingCounts {
  // Every candidate the cloud has never seen is pending, outbox or not (it may predate sync).
  let pending = listUnlinkedCandidateIds(ctx.db).length;
  let parked = 0;
  for (const candidateId of listCandidateIdsWithOutbox(ctx.db)) {
    const state = readLocalState(ctx, candidateId);
    if (!state || remoteIdOf(ctx.db, candidateId) === null) continue;
    const changes = pendingChanges(ctx, state);
    if (changes.fields.length > 0 || changes.jobs.length > 0) pending += 1;
    parked += changes.parked.length;
  }
  return { pending, conflicts: countOpenConflicts(ctx.db), parked, failed: listPushFailures(ctx.db).length };
}

/**
 * Each candidate not in step with the cloud, for the list's sync column. The
 * worst state wins: failed, conflict, parked, pending, then local_only. Local-only
 * candidates are listed only while a cloud is configured: without one, every
 * candidate is local and the list says so once.
 */
export function candidateSyncStates(ctx: CoreContext, options: { includeLocalOnly: boolean }): Record<string, CandidateSyncState> {
  const states: Record<string, CandidateSyncState> = {};
  if (options.includeLocalOnly) for (const candidateId of listUnlinkedCandidateIds(ctx.db)) states[candidateId] = 'local_only';
  for (const candidateId of listCandidateIdsWithOutbox(ctx.db)) {
    if (states[candidateId] !== undefined || remoteIdOf(ctx.db, candidateId) === null) continue;
    const state = readLocalState(ctx, candidateId);
    if (!state) continue;
    const changes = pendingChanges(ctx, state);
    if (changes.parked.length > 0) states[candidateId] = 'parked';
    if (changes.fields.length > 0 || changes.jobs.length > 0) states[candidateId] = 'pending';
  }
  for (const conflict of listConflicts(ctx.db, { status: 'open' })) states[conflict.candidate_id] = 'conflict';
  for (const failure of listPushFailures(ctx.db)) states[failure.candidate_id] = 'failed';
  return states;
}
