import type { Application, ApplicationInput } from '@shared/candidate-schema';
import type { ApplicationStatuses } from '@shared/local-api-schema';
import {
  type ApplicationRecord,
  findApplication,
  insertApplication,
  listApplicationStatuses,
  updateApplication,
} from '../db/application-repository';
import { toApplicationView } from './candidate-view';
import type { CoreContext } from './core-context';
import { organisationId } from './organisation';
import { defaultPipelineStatus, isShortlisted } from './pipeline';
import { nextUpdatedAt } from './timestamps';

/**
 * Creates or updates the candidate's application to `input.job_id` inside the
 * caller's transaction. `input.status`, when given, is already in the
 * organisation's spelling. Returns whether anything changed, so the caller can
 * move the candidate's `updated_at`.
 */
export function upsertApplication(
  ctx: CoreContext,
  candidateId: string,
  input: ApplicationInput,
  pipeline: readonly string[],
  now: string,
): boolean {
  const existing = findApplication(ctx.db, candidateId, input.job_id);
  if (!existing) {
    const status = input.status ?? defaultPipelineStatus(pipeline);
    const record: ApplicationRecord = {
      id: ctx.newId(),
      candidate_id: candidateId,
      job_id: input.job_id,
      organization_id: organisationId(ctx),
      status,
      screening_score: null,
      match_score: null,
      notes: input.notes ?? null,
      shortlisted_at: isShortlisted(status) ? now : null,
      screening_started_at: null,
      screening_completed_at: null,
      status_date: now,
      outreach_sent_at: null,
      interest_clicked_at: null,
      video_interview_invite_sent_at: null,
      metadata: null,
      created_at: now,
      updated_at: now,
    };
    insertApplication(ctx.db, record);
    return true;
  }

  const status = input.status ?? existing.status;
  const notes = input.notes === undefined ? existing.notes : input.notes;
  if (status === existing.status && notes === existing.notes) return false;

  const statusChanged = status !== existing.status;
  updateApplication(ctx.db, {
    ...existing,
    status,
    notes,
    status_date: statusChanged ? now : existing.status_date,
    shortlisted_at: statusChanged && isShortlisted(status) && existing.shortlisted_at === null ? now : existing.shortlisted_at,
    updated_at: nextUpdatedAt(existing.updated_at, now),
  });
  return true;
}

/** The candidate's application to the job, as the API shows it, if there is one. */
export function applicationToJob(ctx: CoreContext, candidateId: string, jobId: string): Application | undefined {
  const record = findApplication(ctx.db, candidateId, jobId);
  return record && toApplicationView(record);
}

/** Each listed candidate's applications as job and status, for the list's column; unknown ids are left out. */
export function applicationStatuses(ctx: CoreContext, candidateIds: readonly string[]): ApplicationStatuses {
  const byCandidate: ApplicationStatuses = {};
  for (const row of listApplicationStatuses(ctx.db, candidateIds)) {
    const applications = (byCandidate[row.candidate_id] ??= []);
    if (row.job_id !== null && row.status !== null) applications.push({ job_id: row.job_id, status: row.status });
  }
  return byCandidate;
}
