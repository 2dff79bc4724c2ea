import { z } from 'zod';
import { LIMITS } from './contract';
import { isUuid } from './field-rules';

const once = (what: string) => ({
  error: (issue: { code: string; input?: unknown }) =>
    Array.isArray(issue.input) ? 'must be given once' : issue.code === 'invalid_type' ? `must be ${what}` : undefined,
});

function boundedInteger(min: number, max: number, fallback: number) {
  const rule = `must be an integer from ${min} to ${max}`;
  return z
    .string(once('an integer'))
    .refine((s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max, rule)
    .transform(Number)
    .optional()
    .transform((n) => n ?? fallback);
}

/** Query of GET /api/v1/candidates. Unknown parameters are ignored. */
export const CandidateListQuerySchema = z.object({
    search: z
      .string(once('a string'))
      .optional()
      .transform((s) => s?.trim() ?? '')
      .meta({ description: 'Case-insensitive substring of full name or email; empty means no filter' }),
    job_id: z
      .string(once('a UUID'))
      .refine(isUuid, 'must be a UUID')
      .transform((s) => s.toLowerCase())
      .optional()
      .meta({ format: 'uuid', description: 'Only candidates with an application to this job' }),
    limit: boundedInteger(1, LIMITS.pageSizeMax, LIMITS.pageSizeDefault).meta({ description: 'Page size, 1 to 100 (default 50)' }),
    offset: boundedInteger(0, LIMITS.offsetMax, 0).meta({ description: 'Rows to skip (default 0)' }),
    format: z
      .preprocess(
        (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
        z.enum(['json', 'csv'], { error: (issue) => (Array.isArray(issue.input) ? 'must be given once' : 'must be json or csv') }),
      )
      .optional()
      .meta({ description: 'Local API only: `csv` answers as CSV, as does `Accept: text/csv`' }),
  });
export type CandidateListQuery = z.output<typeof CandidateListQuerySchema>;
