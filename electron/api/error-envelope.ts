import type { FastifyError, FastifyReply } from 'fastify';
import { AppError, type ErrorCode, type ErrorEnvelope } from '@shared/errors';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_json: 400,
  validation_error: 400,
  unauthorized: 401,
  talent_pool_reveal_required: 403,
  host_not_allowed: 403,
  origin_not_allowed: 403,
  not_found: 404,
  email_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  already_resolved: 409,
  sync_not_configured: 409,
  sync_running: 409,
};

export function envelope(error: AppError): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  // HTTP's 401 names the scheme it wants (RFC 9110 §11.6.1); clients that ask before sending one rely on it.
  if (error.code === 'unauthorized') reply.header('www-authenticate', 'Bearer');
  return reply.code(STATUS_BY_CODE[error.code]).send(envelope(error));
}

/**
 * Fastify's own client errors in the contract's terms; undefined for anything
 * else, which is a bug and answers 500 without detail.
 */
export function fromFrameworkError(error: FastifyError): AppError | undefined {
  switch (error.statusCode) {
    case 404:
      return new AppError('not_found', 'Nothing here: check the path and method.');
    case 413:
      return new AppError('payload_too_large', 'The body is larger than 1 MiB.');
    case 415:
      return new AppError('unsupported_media_type', 'Send the body as application/json.');
    case 400:
      return error.code?.startsWith('FST_ERR_CTP') ? new AppError('invalid_json', 'The body could not be read as JSON.') : undefined;
    default:
      return undefined;
  }
}

export function internalError(): AppError {
  return new AppError('internal_error', 'Something went wrong on our side; nothing was changed.');
}

/** Any error thrown while answering, as the client is told of it: a bug is reported and told as a 500 without detail. */
export function answerableError(error: unknown, reportError: (error: unknown) => void): AppError {
  if (error instanceof AppError) return error;
  const known = fromFrameworkError(error as FastifyError);
  if (known) return known;
  reportError(error);
  return internalError();
}

export { AppError };
