import { insertApplication, updateApplication } from '../db/application-repository';
import {
  type CandidateRecord,
  findCandidateByEmail,
  insertCandidate,
  updateCandidate,
} from '../db/candidate-repository';
import {
  applicationEntry,
  findCandidateIdByRemoteId,
  recordConflict,
  recordOutbox,
  remoteIdOf,
  setRemoteId,
  writeSyncBase,
} from '../db/sync-repository';
import type { CoreContext } from '../core/core-context';
import { sameJson } from '../core/values';
import { type ConflictPolicy, mergeApplications, mergeCandidate } from './merge';
import { type LocalState, readLocalState, settleOutbox, type SyncBase } from './local-state';
import { newLocalApplication, newLocalRecord, type RemoteVersion } from './remote-version';
import { type CandidateFields, SYNCED_FIELDS } from './synced-fields';

export type ApplyOutcome = 'created' | 'linked' | 'updated' | 'unchanged';

function laterIso(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * The new base: the remote as shown, except that a masked value keeps what was
 * known before. Never known is written as the fields write it (email '', the
 * rest null): a base of null against a local '' would read as an edit.
 */
function nextBase(remote: RemoteVersion, previous: SyncBase | undefined): SyncBase {
  const fields = { ...remote.fields } as Record<string, unknown>;
  for (const field of remote.unknown) fields[field] = previous ? previous.fields[field] : field === 'email' ? '' : null;
  return { remoteUpdatedAt: remote.candidate.updated_at, fields: fields as CandidateFields, applications: remote.applications };
}

/** The local candidate this remote one is: already linked, named by the caller, or an unlinked one with its email. */
function findLocalMatch(ctx: CoreContext, remote: RemoteVersion, linkTo: string | undefined): string | undefined {
  const linked = findCandidateIdByRemoteId(ctx.db, remote.candidate.id.toLowerCase());
  if (linked) return linked;
  if (linkTo) return linkTo;
  // A masked email is "" and never takes part in matching.
  if (remote.unknown.has('email') || remote.candidate.email === '') return undefined;
  const holder = findCandidateByEmail(ctx.db, remote.candidate.email);
  return holder && remoteIdOf(ctx.db, holder.id) === null ? holder.id : undefined;
}

function insertFromRemote(ctx: CoreContext, remote: RemoteVersion): void {
  const record = newLocalRecord(remote);
  insertCandidate(ctx.db, record);
  for (const application of remote.candidate.applications) insertApplication(ctx.db, newLocalApplication(record.id, application));
  setRemoteId(ctx.db, record.id, remote.candidate.id.toLowerCase());
  writeSyncBase(ctx.db, record.id, nextBase(remote, undefined));
}

/** Applies the merged applications locally; returns whether any row changed. */
function writeApplications(ctx: CoreContext, state: LocalState, remote: RemoteVersion, merged: Record<string, { status: string; notes: string | null }>, now: string): boolean {
  let changed = false;
  for (const [job, target] of Object.entries(merged)) {
    const local = state.applications.find((a) => a.job_id === job);
    const remoteApplication = remote.candidate.applications.find((a) => a.job_id.toLowerCase() === job);
    if (!local) {
      if (remoteApplication) insertApplication(ctx.db, newLocalApplication(state.record.id, remoteApplication));
      changed = true;
      continue;
    }
    if (local.status === target.status && local.notes === target.notes) continue;
    // Taking the remote's status takes its dates too; a local status keeps the local ones.
    const fromRemote = remoteApplication && remoteApplication.status === target.status && local.status !== target.status;
    updateApplication(ctx.db, {
      ...local,
      status: target.status,
      notes: target.notes,
      status_date: fromRemote ? remoteApplication.status_date : local.status_date,
      shortlisted_at: fromRemote ? (remoteApplication.shortlisted_at ?? local.shortlisted_at) : local.shortlisted_at,
      updated_at: fromRemote ? laterIso(remoteApplication.updated_at, local.updated_at) : now,
    });
    changed = true;
  }
  return changed;
}

/**
 * Brings one remote version into the local copy, inside the caller's
 * transaction: a new candidate is inserted with the remote's ids and
 * timestamps; a known one (linked, or matched now) is merged against the
 * base. Conflicts are stored, fields the remote still lacks go to the outbox,
 * and the remote version becomes the next base.
 */
export function applyRemoteVersion(
  ctx: CoreContext,
  remote: RemoteVersion,
  policy: ConflictPolicy,
  options: { linkTo?: string } = {},
): ApplyOutcome {
  const localId = findLocalMatch(ctx, remote, options.linkTo);
  if (!localId) {
    insertFromRemote(ctx, remote);
    return 'created';
  }
  const state = readLocalState(ctx, localId)!;
  const now = ctx.now().toISOString();
  const firstLink = state.base === undefined;
  const fieldMerge = mergeCandidate({
    base: state.base?.fields ?? null,
    local: state.fields,
    remote: remote.fields,
    remoteUnknown: remote.unknown,
    policy,
  });
  const applicationMerge = mergeApplications(state.base?.applications ?? null, state.applicationsByJob, remote.applications, policy);

  const merged: CandidateRecord = { ...state.record };
  for (const field of SYNCED_FIELDS) (merged as unknown as Record<string, unknown>)[field] = fieldMerge.merged[field];
  if (merged.email === '') merged.email = state.record.email;
  merged.talent_pool_status = remote.candidate.talent_pool_status;
  merged.screening_score = remote.candidate.screening_score;

  const applicationsChanged = writeApplications(ctx, state, remote, applicationMerge.merged, now);
  const candidateChanged = !sameJson({ ...merged, updated_at: '' }, { ...state.record, updated_at: '' });
  if (candidateChanged || applicationsChanged) {
    const later = laterIso(remote.candidate.updated_at, state.record.updated_at);
    merged.updated_at = later === state.record.updated_at ? laterIso(now, later) : later;
    updateCandidate(ctx.db, merged);
  }

  for (const conflict of [...fieldMerge.conflicts, ...applicationMerge.conflicts]) recordConflict(ctx.db, localId, conflict, now);
  recordOutbox(ctx.db, localId, [...fieldMerge.toPush, ...applicationMerge.toPush.map(applicationEntry)], now);
  if (firstLink) setRemoteId(ctx.db, localId, remote.candidate.id.toLowerCase());
  writeSyncBase(ctx.db, localId, nextBase(remote, state.base));
  settleOutbox(ctx, localId);
  if (firstLink) return 'linked';
  return candidateChanged || applicationsChanged ? 'updated' : 'unchanged';
}
