import { CandidateUpdateSchema } from '@shared/candidate-schema';
import { AppError, validationError } from '@shared/errors';
import { parseCandidateBody } from '@shared/parse-body';
import { findApplication, updateApplication } from '../db/application-repository';
import { type CandidateRecord, findCandidateByEmail, findCandidateById, updateCandidate } from '../db/candidate-repository';
import { listPipelineStatuses } from '../db/pipeline-repository';
import {
  applicationEntry,
  type ConflictRow,
  findConflict,
  markConflictResolved,
  recordOutbox,
} from '../db/sync-repository';
import type { CoreContext } from './core-context';
import { matchPipelineStatus } from './pipeline';

export type ConflictChoice = { take: 'local' } | { take: 'remote' } | { take: 'value'; value: unknown };

function chosenValue(conflict: ConflictRow, choice: ConflictChoice): unknown {
  if (choice.take === 'local') return conflict.local;
  if (choice.take === 'remote') return conflict.remote;
  return choice.value;
}

/** A whole field's value, validated as a PUT would validate it. */
function validFieldValue(field: string, value: unknown): unknown {
  const parsed = parseCandidateBody(CandidateUpdateSchema, { [field]: value });
  if (!parsed.ok) throw validationError(parsed.details.map((detail) => ({ ...detail, path: 'value' })));
  return (parsed.value as Record<string, unknown>)[field];
}

function applyToApplication(ctx: CoreContext, conflict: ConflictRow, job: string, part: string, value: unknown, now: string): void {
  const application = findApplication(ctx.db, conflict.candidate_id, job);
  if (!application) throw new AppError('not_found', 'The application in conflict no longer exists.');
  let next = application;
  if (part === 'status') {
    const status = typeof value === 'string' ? matchPipelineStatus(listPipelineStatuses(ctx.db), value) : undefined;
    if (status === undefined) throw validationError([{ path: 'value', message: 'must be one of the pipeline statuses' }]);
    next = { ...application, status, status_date: status === application.status ? application.status_date : now };
  } else {
    if (value !== null && typeof value !== 'string') throw validationError([{ path: 'value', message: 'must be a string or null' }]);
    next = { ...application, notes: value === '' ? null : (value as string | null) };
  }
  updateApplication(ctx.db, { ...next, updated_at: now });
  recordOutbox(ctx.db, conflict.candidate_id, [applicationEntry(job)], now);
}

function applyToCandidate(ctx: CoreContext, record: CandidateRecord, field: string, value: unknown, now: string): void {
  const next: CandidateRecord = { ...record, updated_at: now };
  const [name, key] = field.split('.', 2) as [string, string | undefined];
  if (name === 'metadata' && key !== undefined) {
    const metadata: Record<string, unknown> = { ...(record.metadata ?? {}) };
    if (value === null) delete metadata[key];
    else Object.defineProperty(metadata, key, { value, enumerable: true, writable: true, configurable: true });
    next.metadata = validFieldValue('metadata', metadata) as Record<string, unknown>;
  } else {
    (next as unknown as Record<string, unknown>)[name] = validFieldValue(name, value);
  }
  if (name === 'email' && typeof next.email === 'string') {
    const holder = findCandidateByEmail(ctx.db, next.email);
    if (holder && holder.id !== record.id) throw new AppError('email_taken', 'Another candidate already has this email.');
  }
  updateCandidate(ctx.db, next);
  recordOutbox(ctx.db, record.id, [name], now);
}

/**
 * The recruiter's answer to a sync conflict: the local value, the remote
 * value, or one they typed, written like an edit (validated, recorded in the
 * outbox so the next sync sends it where the remote lacks it). The conflict
 * stays in the history with all its values and the choice.
 */
export function resolveConflict(ctx: CoreContext, conflictId: number, choice: ConflictChoice): ConflictRow {
  return ctx.db
    .transaction((): ConflictRow => {
      const conflict = findConflict(ctx.db, conflictId);
      if (!conflict) throw new AppError('not_found', 'No conflict has that id.');
      if (conflict.status === 'resolved') throw new AppError('already_resolved', 'This conflict was already resolved.');
      const record = findCandidateById(ctx.db, conflict.candidate_id);
      if (!record) throw new AppError('not_found', 'The candidate in conflict no longer exists.');
      const now = ctx.now().toISOString();
      const value = chosenValue(conflict, choice);
      const applicationField = /^applications\.([^.]+)\.(status|notes)$/.exec(conflict.field);
      if (applicationField) {
        applyToApplication(ctx, conflict, applicationField[1]!, applicationField[2]!, value, now);
        updateCandidate(ctx.db, { ...record, updated_at: now });
      } else {
        applyToCandidate(ctx, record, conflict.field, value, now);
      }
      markConflictResolved(ctx.db, conflictId, choice.take, value, now);
      return findConflict(ctx.db, conflictId)!;
    })
    .immediate();
}
