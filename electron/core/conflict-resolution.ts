import { type ApplicationInput, CandidateUpdateSchema } from '@shared/candidate-schema';
import { AppError, validationError } from '@shared/errors';
import { parseCandidateBody } from '@shared/parse-body';
import { findApplication } from '../db/application-repository';
import { type CandidateRecord, findCandidateByEmail, findCandidateById, updateCandidate } from '../db/candidate-repository';
import { listPipelineStatuses } from '../db/pipeline-repository';
import {
  applicationEntry,
  type ConflictRow,
  findConflict,
  markConflictResolved,
  recordOutbox,
} from '../db/sync-repository';
import { upsertApplication } from './applications';
import type { CoreContext } from './core-context';
import { matchPipelineStatus } from './pipeline';
import { nextUpdatedAt } from './timestamps';
import { sameJson } from './values';

export type ConflictChoice = { take: 'local' } | { take: 'remote' } | { take: 'value'; value: unknown };

function chosenValue(conflict: ConflictRow, choice: ConflictChoice): unknown {
  if (choice.take === 'local') return conflict.local;
  if (choice.take === 'remote') return conflict.remote;
  return choice.value;
}

/** Checks a would-be PUT body; any offending field is reported at `value`, the one thing the recruiter sent. */
function validUpdate(body: Record<string, unknown>): Record<string, unknown> {
  const parsed = parseCandidateBody(CandidateUpdateSchema, body);
  if (!parsed.ok) throw validationError(parsed.details.map((detail) => ({ ...detail, path: 'value' })));
  return parsed.value as Record<string, unknown>;
}

/** A whole field's value, validated as a PUT would validate it. */
function validFieldValue(field: string, value: unknown): unknown {
  // A PUT accepts "" for email only as a masked candidate's view ("unchanged"); a resolution sets a value, so "" would clear it.
  if (field === 'email' && typeof value === 'string' && value.trim() === '') {
    throw validationError([{ path: 'value', message: 'must be an email address' }]);
  }
  return validUpdate({ [field]: value })[field];
}

/** Writes the chosen status or notes through the same upsert a PUT uses (status_date, shortlisted_at); returns the stored value. */
function applyToApplication(ctx: CoreContext, conflict: ConflictRow, job: string, part: 'status' | 'notes', value: unknown, now: string): unknown {
  const application = findApplication(ctx.db, conflict.candidate_id, job);
  if (!application) throw new AppError('not_found', 'The application in conflict no longer exists.');
  const input = (validUpdate({ application: { job_id: job, [part]: value } }).application ?? { job_id: job }) as ApplicationInput;
  const pipeline = listPipelineStatuses(ctx.db);
  if (part === 'status') {
    const status = typeof input.status === 'string' ? matchPipelineStatus(pipeline, input.status) : undefined;
    if (status === undefined) throw validationError([{ path: 'value', message: `must be one of the pipeline statuses: ${pipeline.join(', ')}` }]);
    input.status = status;
  }
  if (upsertApplication(ctx, conflict.candidate_id, input, pipeline, now)) {
    const record = findCandidateById(ctx.db, conflict.candidate_id)!;
    updateCandidate(ctx.db, { ...record, updated_at: nextUpdatedAt(record.updated_at, now) });
  }
  recordOutbox(ctx.db, conflict.candidate_id, [applicationEntry(job)], now);
  return findApplication(ctx.db, conflict.candidate_id, job)![part];
}

const METADATA_KEY_PREFIX = 'metadata.';

/** Writes the chosen value of a field or metadata key; returns the value as stored. */
function applyToCandidate(ctx: CoreContext, record: CandidateRecord, field: string, value: unknown, now: string): unknown {
  const next: CandidateRecord = { ...record };
  let name = field;
  let written: unknown;
  // The key is everything after the prefix: metadata keys may themselves contain dots.
  if (field.startsWith(METADATA_KEY_PREFIX)) {
    name = 'metadata';
    const key = field.slice(METADATA_KEY_PREFIX.length);
    const metadata: Record<string, unknown> = { ...(record.metadata ?? {}) };
    if (value === null) delete metadata[key];
    else Object.defineProperty(metadata, key, { value, enumerable: true, writable: true, configurable: true });
    next.metadata = validFieldValue('metadata', metadata) as Record<string, unknown>;
    written = next.metadata && Object.hasOwn(next.metadata, key) ? next.metadata[key] : null;
  } else {
    written = validFieldValue(name, value);
    (next as unknown as Record<string, unknown>)[name] = written;
  }
  if (name === 'email' && typeof next.email === 'string') {
    const holder = findCandidateByEmail(ctx.db, next.email);
    if (holder && holder.id !== record.id) {
      throw new AppError('email_taken', 'Another candidate already has this email.', [{ path: 'value', message: 'is already used by another candidate' }]);
    }
  }
  if (!sameJson(next, record)) updateCandidate(ctx.db, { ...next, updated_at: nextUpdatedAt(record.updated_at, now) });
  recordOutbox(ctx.db, record.id, [name], now);
  return written;
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
      // The history keeps the value as written (trimmed, in the pipeline's spelling), not as typed.
      const written = applicationField
        ? applyToApplication(ctx, conflict, applicationField[1]!, applicationField[2] as 'status' | 'notes', value, now)
        : applyToCandidate(ctx, record, conflict.field, value, now);
      markConflictResolved(ctx.db, conflictId, choice.take, written, now);
      return findConflict(ctx.db, conflictId)!;
    })
    .immediate();
}
