import { z } from 'zod';

/** Every error code the app can answer with; the API maps each to its HTTP status. */
export const ERROR_CODES = [
  'invalid_json',
  'validation_error',
  'unauthorized',
  'talent_pool_reveal_required',
  'host_not_allowed',
  'origin_not_allowed',
  'not_found',
  'email_taken',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
  'service_unavailable',
  'already_resolved',
  'sync_not_configured',
  'sync_running',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorDetailSchema = z.object({
  path: z.string().meta({ description: 'Dotted path of the offending field (`application.status`, `primary_skills.1`), a query parameter name, or "" for the body as a whole.' }),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.array(ErrorDetailSchema).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** An expected failure: carried up to the edge, where it becomes an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function validationError(details: ErrorDetail[]): AppError {
  return new AppError('validation_error', 'The request has invalid fields.', details);
}
