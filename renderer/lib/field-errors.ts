import { ApiError } from './api-client';

/**
 * An API rule in a recruiter's words: a form or a sheet leaves a value out by
 * leaving it empty, so "must be a number or null" reads "must be a number".
 */
export function formMessage(apiMessage: string): string {
  return apiMessage.replace(/^must be (an? [\w ]+) or null$/, 'must be $1');
}

/** An API validation error's details by field path (`statuses.2`, `remote_url`), for showing each next to its field. */
export function fieldErrorsFrom(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.details.map((detail) => [detail.path, detail.message]));
}

/** The message for what did not land on a field: the error itself when it named none. */
export function generalErrorFrom(error: unknown, fields: readonly string[]): string | null {
  if (error instanceof ApiError && error.details.some((detail) => fields.includes(detail.path) || fields.some((field) => detail.path.startsWith(`${field}.`)))) {
    return null;
  }
  return error instanceof Error ? error.message : String(error);
}
