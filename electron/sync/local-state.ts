import { LOCKED_FIELDS } from '@shared/contract';
import { type ApplicationRecord, listApplicationsOfCandidate } from '../db/application-repository';
import { type CandidateRecord, findCandidateById } from '../db/candidate-repository';
import {
  APPLICATION_ENTRY_PREFIX,
  applicationEntry,
  clearOutbox,
  listConflicts,
  listOutbox,
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

/** What a linked candidate has to send, what waits for a reveal, and what waits for the recruiter. */
export interface PendingChanges {
  entries: OutboxEntry[];
  fields: SyncedField[];
  jobs: string[];
  /** Locked fields of a masked candidate: kept locally until the cloud reveals it. */
  parked: SyncedField[];
  /** Fields with an open conflict: nothing is sent for them until the recruiter picks. */
  awaitingChoice: SyncedField[];
}

export function pendingChanges(ctx: CoreContext, state: LocalState): PendingChanges {
  const entries = listOutbox(ctx.db, state.record.id);
  const base = state.base;
  const openConflictFields = new Set(
    listConflicts(ctx.db, { status: 'open', candidateId: state.record.id }).map((c) =>
      c.field.startsWith('applications.') ? applicationEntry(c.field.split('.')[1]!) : c.field.split('.')[0]!,
    ),
  );
  const masked = state.record.talent_pool_status === 'masked';
  const result: PendingChanges = { entries, fields: [], jobs: [], parked: [], awaitingChoice: [] };
  for (const { field } of entries) {
    if (field.startsWith(APPLICATION_ENTRY_PREFIX)) {
      const job = field.slice(APPLICATION_ENTRY_PREFIX.length);
      const local = state.applicationsByJob[job];
      if (!local || (base && sameJson(local, base.applications[job]))) continue;
      if (!openConflictFields.has(field)) result.jobs.push(job);
      continue;
    }
    if (!SYNCED.has(field)) continue;
    const syncedField = field as SyncedField;
    if (base && !differsFromBase(state.fields[syncedField], base.fields[syncedField])) continue;
    if (openConflictFields.has(field)) result.awaitingChoice.push(syncedField);
    else if (masked && LOCKED.has(field)) result.parked.push(syncedField);
    else result.fields.push(syncedField);
  }
  return result;
}

/** Drops outbox entries the remote already agrees with (as of the stored base). */
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
}
