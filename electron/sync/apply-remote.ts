import { type LockedField, MASKED_VIEW } from '@shared/contract';
import { type ApplicationRecord, insertApplication, updateApplication } from '../db/application-repository';
import {
  type CandidateRecord,
  findCandidateByEmail,
  insertCandidate,
  updateCandidate,
} from '../db/candidate-repository';
import {
  applicationEntry,
  clearPushFailure,
  clearSentCreates,
  findCandidateIdByRemoteId,
  readSentCreates,
  recordConflict,
  recordOutbox,
  remoteIdOf,
  setRemoteId,
  writeSyncBase,
} from '../db/sync-repository';
import type { CoreContext } from '../core/core-context';
import { adoptOrganisationId, adoptPipelineStatuses } from '../core/organisation';
import { nextUpdatedAt } from '../core/timestamps';
import { sameJson } from '../core/values';
import {
  type ApplicationFields,
  type ApplicationsMergeResult,
  type CandidateMergeResult,
  type ConflictPolicy,
  mergeApplications,
  mergeCandidate,
} from './merge';
import { type ApplicationBody, type LocalState, readLocalState, settleOutbox, type SyncBase } from './local-state';
import { newLocalApplication, newLocalRecord, type RemoteVersion } from './remote-version';
import { type CandidateFields, SYNCED_FIELDS, type SyncedField } from './synced-fields';

/** `linked-and-updated`: linked now, and the local candidate took something of the remote's (a field it lacked). */
export type ApplyOutcome = 'created' | 'linked' | 'linked-and-updated' | 'updated' | 'unchanged';

/** A changed row's updated_at: the remote's when it is later (a pulled change keeps the cloud's time), else moved past the local one. */
function movedUpdatedAt(remote: string | undefined, local: string, now: string): string {
  return remote !== undefined && remote > local ? remote : nextUpdatedAt(local, now);
}

/**
 * The new base: the remote as shown, except that a masked value keeps what was
 * known before. Never known is written as the fields write it (email '', the
 * rest null): a base of null against a local '' would read as an edit.
 */
function nextBase(remote: RemoteVersion, previous: SyncBase | undefined): SyncBase {
  const fields = { ...remote.fields } as Record<string, unknown>;
  for (const field of remote.unknown) fields[field] = previous ? previous.fields[field] : MASKED_VIEW[field as LockedField];
  return { remoteUpdatedAt: remote.candidate.updated_at, fields: fields as CandidateFields, applications: remote.applications };
}

/** The outbox entry a conflict's field belongs to: `metadata.<key>` to metadata, `applications.<job>.<part>` to that application. */
function outboxEntryOf(conflictField: string): string {
  const [name, key] = conflictField.split('.');
  return name === 'applications' && key !== undefined ? applicationEntry(key) : name!;
}

/** `record` holding the merged synced fields; a masked email ("") keeps the one known here. */
export function withMergedFields(record: CandidateRecord, fieldMerge: CandidateMergeResult): CandidateRecord {
  const merged: CandidateRecord = { ...record };
  for (const field of SYNCED_FIELDS) (merged as unknown as Record<string, unknown>)[field] = fieldMerge.merged[field];
  if (merged.email === '') merged.email = record.email;
  return merged;
}

/**
 * Stores a merge's conflicts and puts in the outbox what the remote does not
 * have yet. A field held for the recruiter's choice is pending too: what of it
 * can go (the other metadata keys, the other part of an application) is sent,
 * the rest waits (see pendingChanges).
 */
export function recordMergeOutcome(
  ctx: CoreContext,
  candidateId: string,
  fieldMerge: CandidateMergeResult,
  applicationMerge: ApplicationsMergeResult,
  now: string,
): void {
  const conflicts = [...fieldMerge.conflicts, ...applicationMerge.conflicts];
  for (const conflict of conflicts) recordConflict(ctx.db, candidateId, conflict, now);
  const held = conflicts.filter((c) => c.resolution === null).map((c) => outboxEntryOf(c.field));
  recordOutbox(ctx.db, candidateId, [...new Set([...fieldMerge.toPush, ...applicationMerge.toPush.map(applicationEntry), ...held])], now);
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

/**
 * The cloud gives a candidate an email another candidate here still holds:
 * two candidates traded emails, or one took the other's old one. Applied once
 * the holder's own new version has moved it on (the pull sees to that).
 */
export class EmailHeldLocallyError extends Error {
  constructor(
    readonly remoteId: string,
    readonly holderId: string,
  ) {
    super(`The cloud's candidate ${remoteId} now has an email candidate ${holderId} still holds here; it is applied once that one's own change arrives.`);
    this.name = 'EmailHeldLocallyError';
  }
}

function checkEmailFree(ctx: CoreContext, email: string | null, ownId: string | undefined, remote: RemoteVersion): void {
  const holder = email ? findCandidateByEmail(ctx.db, email) : undefined;
  if (holder && holder.id !== ownId) throw new EmailHeldLocallyError(remote.candidate.id.toLowerCase(), holder.id);
}

function insertFromRemote(ctx: CoreContext, remote: RemoteVersion): void {
  const record = newLocalRecord(remote);
  checkEmailFree(ctx, record.email, undefined, remote);
  insertCandidate(ctx.db, record);
  for (const application of remote.candidate.applications) insertApplication(ctx.db, newLocalApplication(record.id, application));
  setRemoteId(ctx.db, record.id, remote.candidate.id.toLowerCase());
  writeSyncBase(ctx.db, record.id, nextBase(remote, undefined));
}

/** Where a merged application's status may come from: the other side's row, with its dates. */
type StatusSource = Pick<ApplicationRecord, 'status' | 'status_date' | 'shortlisted_at'>;

/**
 * `local` holding the merged status and notes. Taking the other side's status
 * takes its dates too; a status kept keeps the local ones. `updated_at` is the
 * caller's to set.
 */
export function withMergedStatus(
  local: ApplicationRecord,
  other: StatusSource | undefined,
  target: ApplicationFields,
): ApplicationRecord {
  const statusFromOther = other !== undefined && other.status === target.status && local.status !== target.status;
  return {
    ...local,
    status: target.status,
    notes: target.notes,
    status_date: statusFromOther ? other.status_date : local.status_date,
    shortlisted_at: statusFromOther ? (other.shortlisted_at ?? local.shortlisted_at) : local.shortlisted_at,
  };
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
    const record = withMergedStatus(local, remoteApplication, target);
    // Now the remote's row, as pulled: its updated_at too, as for a candidate.
    const asRemote = remoteApplication !== undefined && remoteApplication.status === target.status && remoteApplication.notes === target.notes;
    updateApplication(ctx.db, { ...record, updated_at: movedUpdatedAt(asRemote ? remoteApplication.updated_at : undefined, local.updated_at, now) });
    changed = true;
  }
  return changed;
}

/** What this copy has just written to the remote; the remote version applied is the answer to that write. */
export interface Written {
  fields: readonly SyncedField[];
  applications: readonly ApplicationBody[];
}

export interface ApplyOptions {
  /** The local candidate a POST's answer belongs to. */
  linkTo?: string;
  /** The email a POST sent that the remote matched: it is the remote's email even where masked. */
  matchedEmail?: string;
  /** Set when the remote version answers a write of this copy's (a POST that created, a PUT). */
  written?: Written;
}

/**
 * The base to merge against. Where this copy has just written, the remote
 * holds what was sent, so that is the base there: a local value that differs
 * by now is a newer local edit (made while the request was out), to be sent
 * next, and never a conflict with the value this copy itself sent.
 */
function mergeBase(state: LocalState, remote: RemoteVersion, written: Written | undefined) {
  let fields: Partial<CandidateFields> | null = state.base?.fields ?? null;
  let applications = state.base?.applications ?? null;
  if (written && written.fields.length > 0) {
    // Without a base, the base knows only what this copy wrote (all of it after a 201): the rest meets as on a first link.
    const next: Partial<Record<SyncedField, unknown>> = { ...fields };
    for (const field of written.fields) if (!remote.unknown.has(field)) next[field] = remote.fields[field];
    fields = next as Partial<CandidateFields>;
  }
  if (written && written.applications.length > 0) {
    applications = { ...applications };
    for (const sent of written.applications) {
      const answered = remote.applications[sent.job_id];
      if (!answered) continue;
      const before = applications[sent.job_id] ?? answered;
      applications[sent.job_id] = {
        status: sent.status === undefined ? before.status : answered.status,
        notes: sent.notes === undefined ? before.notes : answered.notes,
      };
    }
  }
  return { fields, applications };
}

/**
 * On a first link, the remote values this copy itself sent in an earlier POST
 * whose answer was lost (that POST made the candidate): written by this copy,
 * so a local value that differs by now is a later local edit, not a first
 * link's difference for the remote's value to fill or to conflict with.
 */
function writtenBySentCreates(ctx: CoreContext, candidateId: string, remote: RemoteVersion): Written | undefined {
  const sent = readSentCreates(ctx.db, candidateId) as CandidateFields[];
  if (sent.length === 0) return undefined;
  const fields = SYNCED_FIELDS.filter((field) => !remote.unknown.has(field) && sent.some((body) => sameJson(body[field], remote.fields[field])));
  return { fields, applications: [] };
}

/**
 * Brings one remote version into the local copy, inside the caller's
 * transaction: a new candidate is inserted with the remote's ids and
 * timestamps; a known one (linked, or matched now) is merged against the
 * base. Conflicts are stored, fields the remote still lacks go to the outbox,
 * and the remote version becomes the next base.
 */
export function applyRemoteVersion(ctx: CoreContext, remote: RemoteVersion, policy: ConflictPolicy, options: ApplyOptions = {}): ApplyOutcome {
  // One organisation per API key: any of its applications names it, and its pipeline has their statuses.
  adoptOrganisationId(ctx, remote.candidate.applications[0]?.organization_id ?? null);
  adoptPipelineStatuses(ctx, remote.candidate.applications.map((application) => application.status));
  const localId = findLocalMatch(ctx, remote, options.linkTo);
  if (!localId) {
    insertFromRemote(ctx, remote);
    return 'created';
  }
  const state = readLocalState(ctx, localId)!;
  const now = ctx.now().toISOString();
  const firstLink = state.base === undefined;
  const base = mergeBase(state, remote, options.written ?? (firstLink ? writtenBySentCreates(ctx, localId, remote) : undefined));
  const fieldMerge = mergeCandidate({
    base: base.fields,
    local: state.fields,
    remote: remote.fields,
    remoteUnknown: remote.unknown,
    policy,
  });
  const applicationMerge = mergeApplications(base.applications, state.applicationsByJob, remote.applications, policy);

  const merged = withMergedFields(state.record, fieldMerge);
  merged.talent_pool_status = remote.candidate.talent_pool_status;
  merged.screening_score = remote.candidate.screening_score;

  const applicationsChanged = writeApplications(ctx, state, remote, applicationMerge.merged, now);
  const candidateChanged = !sameJson({ ...merged, updated_at: '' }, { ...state.record, updated_at: '' });
  if (candidateChanged || applicationsChanged) {
    merged.updated_at = movedUpdatedAt(remote.candidate.updated_at, state.record.updated_at, now);
    checkEmailFree(ctx, merged.email, localId, remote);
    updateCandidate(ctx.db, merged);
  }

  recordMergeOutcome(ctx, localId, fieldMerge, applicationMerge, now);
  if (firstLink) {
    setRemoteId(ctx.db, localId, remote.candidate.id.toLowerCase());
    clearSentCreates(ctx.db, localId);
    // A refused POST of this candidate is moot once it is linked, however the link came about.
    clearPushFailure(ctx.db, localId);
  }
  const newBase = nextBase(remote, state.base);
  // The remote matched this email (a POST answered 200 with a masked candidate): it holds it, masked or not.
  if (options.matchedEmail && remote.unknown.has('email')) newBase.fields.email = options.matchedEmail;
  writeSyncBase(ctx.db, localId, newBase);
  settleOutbox(ctx, localId);
  const changed = candidateChanged || applicationsChanged;
  if (firstLink) return changed ? 'linked-and-updated' : 'linked';
  return changed ? 'updated' : 'unchanged';
}
