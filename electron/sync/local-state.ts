import { LOCKED_FIELDS } from '@shared/contract';
import { type ApplicationRecord, listApplicationsOfCandidate } from '../db/application-repository';
import { type CandidateRecord, findCandidateById } from '../db/candidate-repository';
import {
  APPLICATION_ENTRY_PREFIX,
  clearOutbox,
  listConflicts,
  listOutbox,
  markConflictResolved,
  type OutboxEntry,
  readSyncBase,
} from '../db/sync-repository';
import type { CoreContext } from '../core/core-context';
import { sameJson } from '../core/values';
import type { ApplicationsByJob } from './merge';
import { applicationsByJob } from './remote-version';
import { type CandidateFields, pickSyncedFields, SYNCED_FIELDS, type SyncedField } from './synced-fields';

const LOCKED: ReadonlySet<string> = new Set(LOCKED_FIELDS);
const SYNCED: ReadonlySet<string> = new Set(SYNCED_FIELDS);

export interface SyncBase {
  remoteUpdatedAt: string;
  fields: CandidateFields;
  applications: ApplicationsByJob;
}

export function readBase(ctx: CoreContext, candidateId: string): SyncBase | undefined {
  return readSyncBase(ctx.db, candidateId) as SyncBase | undefined;
}

/** Everything the engine knows of one local candidate. */
export interface LocalState {
  record: CandidateRecord;
  fields: CandidateFields;
  applications: ApplicationRecord[];
  applicationsByJob: ApplicationsByJob;
  base: SyncBase | undefined;
}

export function readLocalState(ctx: CoreContext, candidateId: string): LocalState | undefined {
  const record = findCandidateById(ctx.db, candidateId);
  if (!record) return undefined;
  const applications = listApplicationsOfCandidate(ctx.db, candidateId);
  return {
    record,
    fields: pickSyncedFields(record),
    applications,
    applicationsByJob: applicationsByJob(applications),
    base: readBase(ctx, candidateId),
  };
}

/** A value the local copy holds that the remote (as last synced) lacks; '' and null both mean "not known". */
function differsFromBase(local: unknown, base: unknown): boolean {
  const blank = (v: unknown) => v === null || v === '' || v === undefined;
  if (blank(local) && blank(base)) return false;
  return !sameJson(local, base);
}

/** An application as a PUT sends it: only the parts not waiting for the recruiter. */
export interface ApplicationBody {
  job_id: string;
  status?: string;
  notes?: string | null;
}

/** What a linked candidate has to send, what waits for a reveal, and what waits for the recruiter. */
export interface PendingChanges {
  entries: OutboxEntry[];
  fields: SyncedField[];
  /** The value to send for each of `fields`. */
  values: Partial<Record<SyncedField, unknown>>;
  jobs: string[];
  /** The application to send for each of `jobs`. */
  applications: Record<string, ApplicationBody>;
  /** Locked fields of a masked candidate: kept locally until the cloud reveals it. */
  parked: SyncedField[];
  /** Fields with an open conflict: nothing is sent for them until the recruiter picks. */
  awaitingChoice: SyncedField[];
}

/**
 * The metadata to send while some of its keys are in open conflict: the local
 * object with those keys as the remote had them (as last synced), so the
 * other keys still go out (a PUT replaces the whole object).
 */
function metadataToSend(local: Record<string, unknown> | null, base: Record<string, unknown> | null, heldKeys: ReadonlySet<string>) {
  if (heldKeys.size === 0) return local;
  const result: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(local ?? {}), ...Object.keys(base ?? {})]);
  for (const key of keys) {
    const source = heldKeys.has(key) ? base : local;
    if (source && Object.hasOwn(source, key)) {
      Object.defineProperty(result, key, { value: source[key], enumerable: true, writable: true, configurable: true });
    }
  }
  return Object.keys(result).length === 0 && local === null ? null : result;
}

type ConflictTarget =
  | { kind: 'metadata'; key: string }
  | { kind: 'application'; job: string; part: 'status' | 'notes' }
  | { kind: 'field'; field: string };

/** What a conflict's field names: `metadata.<key>` (the key may hold dots), `applications.<job>.<part>`, or a field. */
function conflictTarget(conflictField: string): ConflictTarget {
  if (conflictField.startsWith('metadata.')) return { kind: 'metadata', key: conflictField.slice('metadata.'.length) };
  const application = /^applications\.([^.]+)\.(status|notes)$/.exec(conflictField);
  if (application) return { kind: 'application', job: application[1]!, part: application[2] as 'status' | 'notes' };
  return { kind: 'field', field: conflictField };
}

export function pendingChanges(ctx: CoreContext, state: LocalState): PendingChanges {
  const entries = listOutbox(ctx.db, state.record.id);
  const base = state.base;
  const openFields = new Set<string>();
  const heldMetadataKeys = new Set<string>();
  const heldApplicationParts = new Map<string, Set<string>>();
  for (const { field } of listConflicts(ctx.db, { status: 'open', candidateId: state.record.id })) {
    const target = conflictTarget(field);
    if (target.kind === 'metadata') heldMetadataKeys.add(target.key);
    else if (target.kind === 'application') heldApplicationParts.set(target.job, (heldApplicationParts.get(target.job) ?? new Set()).add(target.part));
    else openFields.add(target.field);
  }
  const masked = state.record.talent_pool_status === 'masked';
  const result: PendingChanges = { entries, fields: [], values: {}, jobs: [], applications: {}, parked: [], awaitingChoice: [] };
  for (const { field } of entries) {
    if (field.startsWith(APPLICATION_ENTRY_PREFIX)) {
      const job = field.slice(APPLICATION_ENTRY_PREFIX.length);
      const local = state.applicationsByJob[job];
      const remote = base?.applications[job];
      if (!local || (base && sameJson(local, remote))) continue;
      // Only the parts changed here, as for fields: resending an unchanged part would put back
      // the base over a cloud edit made since the pull. A part in open conflict waits.
      const held = heldApplicationParts.get(job) ?? new Set<string>();
      const body: ApplicationBody = { job_id: job };
      if (!held.has('status') && (!remote || local.status !== remote.status)) body.status = local.status;
      if (!held.has('notes') && (!remote || local.notes !== remote.notes)) body.notes = local.notes;
      if (body.status === undefined && body.notes === undefined) continue;
      result.jobs.push(job);
      result.applications[job] = body;
      continue;
    }
    if (!SYNCED.has(field)) continue;
    const syncedField = field as SyncedField;
    const local = state.fields[syncedField];
    if (base && !differsFromBase(local, base.fields[syncedField])) continue;
    const value = syncedField === 'metadata' ? metadataToSend(state.fields.metadata, base?.fields.metadata ?? null, heldMetadataKeys) : local;
    if (openFields.has(field) || (base && !differsFromBase(value, base.fields[syncedField]))) result.awaitingChoice.push(syncedField);
    else if (masked && LOCKED.has(field)) result.parked.push(syncedField);
    else {
      result.fields.push(syncedField);
      result.values[syncedField] = value;
    }
  }
  return result;
}

/** The value a conflict is about, on the local side and in the base. */
function conflictValues(state: LocalState, base: SyncBase, conflictField: string): [unknown, unknown] {
  const target = conflictTarget(conflictField);
  if (target.kind === 'metadata') {
    const at = (metadata: Record<string, unknown> | null) => (metadata && Object.hasOwn(metadata, target.key) ? metadata[target.key] : null);
    return [at(state.fields.metadata), at(base.fields.metadata)];
  }
  if (target.kind === 'application') {
    return [state.applicationsByJob[target.job]?.[target.part] ?? null, base.applications[target.job]?.[target.part] ?? null];
  }
  return [state.fields[target.field as SyncedField], base.fields[target.field as SyncedField]];
}

/**
 * Drops outbox entries the remote already agrees with (as of the stored
 * base), and closes open conflicts both sides have since come to agree on
 * (one side's recruiter typed the other's value): nothing is left to choose.
 */
export function settleOutbox(ctx: CoreContext, candidateId: string): void {
  const state = readLocalState(ctx, candidateId);
  if (!state?.base) return;
  const base = state.base;
  const settled = listOutbox(ctx.db, candidateId).filter(({ field }) => {
    if (field.startsWith(APPLICATION_ENTRY_PREFIX)) {
      const job = field.slice(APPLICATION_ENTRY_PREFIX.length);
      return sameJson(state.applicationsByJob[job], base.applications[job]);
    }
    return !SYNCED.has(field) || !differsFromBase(state.fields[field as SyncedField], base.fields[field as SyncedField]);
  });
  clearOutbox(ctx.db, candidateId, settled);

  for (const conflict of listConflicts(ctx.db, { status: 'open', candidateId })) {
    const [local, remote] = conflictValues(state, base, conflict.field);
    if (differsFromBase(local, remote)) continue;
    const resolution = sameJson(local, conflict.local) ? 'local' : sameJson(local, conflict.remote) ? 'remote' : 'value';
    markConflictResolved(ctx.db, conflict.id, resolution, local, ctx.now().toISOString());
  }
}
