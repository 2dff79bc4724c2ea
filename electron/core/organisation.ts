import { AppError, validationError } from '@shared/errors';
import { UuidSchema } from '@shared/field-rules';
import type { Job, UntitledJob } from '@shared/local-api-schema';
import { deleteJob, listJobs, listUntitledJobs, upsertJob } from '../db/job-repository';
import { moveApplicationsToOrganisation, respellApplicationStatus } from '../db/application-repository';
import { appendPipelineStatuses, listPipelineStatuses, replacePipelineStatuses, respellPipelineStatus } from '../db/pipeline-repository';
import { readSetting, writeSetting } from '../db/settings-repository';
import type { CoreContext } from './core-context';

const ORGANISATION_ID_SETTING = 'organization_id';

/** The organisation new applications belong to: made up on first run, the cloud's once a sync has seen it. */
export function organisationId(ctx: CoreContext): string | null {
  return (readSetting(ctx.db, ORGANISATION_ID_SETTING) as string | undefined) ?? null;
}

/**
 * The cloud's organisation, seen on an application it sent, becomes this
 * copy's. Applications made here before it was known move to it too, so a
 * candidate never shows two: the cloud's bookkeeping, so no updated_at moves.
 */
export function adoptOrganisationId(ctx: CoreContext, cloudId: string | null): void {
  const current = organisationId(ctx);
  if (cloudId === null || cloudId === current) return;
  writeSetting(ctx.db, ORGANISATION_ID_SETTING, cloudId);
  if (current !== null) moveApplicationsToOrganisation(ctx.db, current, cloudId);
}

/**
 * The cloud's application statuses are in the organisation's spelling, which
 * the contract says statuses are stored in. A status this copy's pipeline has
 * in another case takes the cloud's spelling, and so do the applications that
 * hold it: otherwise each sync would send "Interview" and get "interview"
 * back. A status the pipeline lacks joins its end: the organisation has it, so
 * the local API must take it too (a PUT sending a pulled application's own
 * status back). Where it belongs in the pipeline is the recruiter's to set in
 * Settings.
 */
export function adoptPipelineStatuses(ctx: CoreContext, cloudStatuses: readonly string[]): void {
  if (cloudStatuses.length === 0) return;
  const known = new Map(listPipelineStatuses(ctx.db).map((name) => [name.toLowerCase(), name]));
  const missing: string[] = [];
  for (const name of cloudStatuses) {
    const local = known.get(name.toLowerCase());
    if (local === undefined) missing.push(name);
    else if (local !== name) {
      respellPipelineStatus(ctx.db, name);
      respellApplicationStatus(ctx.db, local, name);
    }
    known.set(name.toLowerCase(), name);
  }
  if (missing.length > 0) appendPipelineStatuses(ctx.db, missing);
}

/** The organisation's jobs and pipeline: reference data the recruiter keeps in settings. */
export function jobs(ctx: CoreContext): Job[] {
  return listJobs(ctx.db);
}

/** Jobs the candidates' applications name that have no title yet: synced in from the cloud, or typed as an id. */
export function untitledJobs(ctx: CoreContext): UntitledJob[] {
  return listUntitledJobs(ctx.db);
}

/** Job ids follow the contract's rule for `application.job_id`: a UUID. */
export function saveJob(ctx: CoreContext, rawId: string, title: string): Job {
  const parsed = UuidSchema.safeParse(rawId);
  if (!parsed.success) throw validationError([{ path: 'id', message: 'must be a UUID' }]);
  const id = parsed.data;
  // The title is all the list's job filter and the applications panel show: two alike could not be told apart.
  const key = title.toLocaleLowerCase();
  const namesake = listJobs(ctx.db).find((job) => job.id !== id && job.title.toLocaleLowerCase() === key);
  if (namesake) {
    throw validationError([
      { path: 'title', message: `Another job (${namesake.id}) is already called “${namesake.title}”: add what tells them apart, such as a place or a level.` },
    ]);
  }
  upsertJob(ctx.db, { id, title }, ctx.now().toISOString());
  return { id, title };
}

export function removeJob(ctx: CoreContext, rawId: string): void {
  if (!deleteJob(ctx.db, rawId.trim())) throw new AppError('not_found', 'No job has that id.');
}

export function pipelineStatuses(ctx: CoreContext): string[] {
  return listPipelineStatuses(ctx.db);
}

export function savePipelineStatuses(ctx: CoreContext, statuses: readonly string[]): string[] {
  replacePipelineStatuses(ctx.db, statuses);
  return listPipelineStatuses(ctx.db);
}
