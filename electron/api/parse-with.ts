import type { z } from 'zod';
import { validationError } from '@shared/errors';
import { issuesToDetails } from '@shared/parse-body';

/** A body or query checked against a shared schema; a mismatch is a 400 validation_error with details. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(issuesToDetails(result.error.issues, input));
  return result.data;
}
