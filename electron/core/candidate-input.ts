import {
  type ApplicationInput,
  type CandidateCreate,
  CandidateCreateSchema,
  type CandidateUpdate,
  CandidateUpdateSchema,
} from '@shared/candidate-schema';
import { type ErrorDetail, validationError } from '@shared/errors';
import { EMAIL_RULE, isPlainObject } from '@shared/field-rules';
import { parseCandidateBody } from '@shared/parse-body';
import { listPipelineStatuses } from '../db/pipeline-repository';
import type { CoreContext } from './core-context';
import { matchPipelineStatus } from './pipeline';

/**
 * The application's status in the organisation's spelling; an unknown status
 * is one more offending field, reported with the schema's own findings.
 */
function resolveStatus(
  body: unknown,
  pipeline: readonly string[],
  details: ErrorDetail[],
): { status: string | undefined } {
  const application = isPlainObject(body) ? body.application : undefined;
  const raw = isPlainObject(application) ? application.status : undefined;
  if (typeof raw !== 'string' || details.some((d) => d.path === 'application.status')) return { status: undefined };
  const status = matchPipelineStatus(pipeline, raw);
  if (status === undefined) {
    details.push({ path: 'application.status', message: `must be one of the pipeline statuses: ${pipeline.join(', ')}` });
  }
  return { status };
}

function withStatus<T extends { application?: ApplicationInput | undefined }>(value: T, status: string | undefined): T {
  return value.application && status !== undefined ? { ...value, application: { ...value.application, status } } : value;
}

export interface ParsedInput<T> {
  value: T;
  pipeline: string[];
}

/** A POST body, checked against every rule; throws a validation_error listing each offending field. */
export function parseCreateInput(ctx: CoreContext, body: unknown): ParsedInput<CandidateCreate> {
  const parsed = parseCandidateBody(CandidateCreateSchema, body);
  const details = parsed.ok ? [] : [...parsed.details];
  const pipeline = listPipelineStatuses(ctx.db);
  const { status } = resolveStatus(body, pipeline, details);
  if (!parsed.ok || details.length > 0) throw validationError(details);
  return { value: withStatus(parsed.value, status), pipeline };
}

/**
 * A PUT body. `""` for email is the masked view and so means "unchanged" on a
 * masked candidate; on any other candidate it is an invalid email.
 */
export function parseUpdateInput(ctx: CoreContext, body: unknown, masked: boolean): ParsedInput<CandidateUpdate> {
  const parsed = parseCandidateBody(CandidateUpdateSchema, body);
  const details = parsed.ok ? [] : [...parsed.details];
  // Checked on the body, not the parsed value, so it is reported alongside every other offending field.
  const email = isPlainObject(body) ? body.email : undefined;
  if (!masked && typeof email === 'string' && email.trim() === '') details.push({ path: 'email', message: EMAIL_RULE });
  const pipeline = listPipelineStatuses(ctx.db);
  const { status } = resolveStatus(body, pipeline, details);
  if (!parsed.ok || details.length > 0) throw validationError(details);
  return { value: withStatus(parsed.value, status), pipeline };
}
