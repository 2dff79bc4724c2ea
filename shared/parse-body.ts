import type { z } from 'zod';
import { READ_ONLY_CANDIDATE_FIELDS } from './contract';
import type { ErrorDetail } from './errors';
import { isPlainObject } from './field-rules';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; details: ErrorDetail[] };

const readOnly = new Set<string>(READ_ONLY_CANDIDATE_FIELDS);

/**
 * Messages for keys a schema does not know, by dotted path; anything else is
 * "is not a known field". A Map, so `constructor` or `__proto__` finds nothing.
 */
const UNKNOWN_KEY_MESSAGES = new Map<string, string>([['resume_path', 'can only be set when creating a candidate']]);

/** Whether `path` names a key that `input` does not have (zod reports it as a wrong type, `undefined`). */
function isAbsent(input: unknown, path: readonly PropertyKey[]): boolean {
  let at = input;
  for (const key of path) {
    if (!isPlainObject(at) || typeof key !== 'string') return false;
    if (!Object.hasOwn(at, key) || at[key] === undefined) return true;
    at = at[key];
  }
  return false;
}

/**
 * zod issues as the contract's details: dotted paths, one entry per offending
 * field. Given the input, a required field it lacks reads "is required", not
 * the type rule a macro author would take for a complaint about a value sent.
 */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[], input?: unknown): ErrorDetail[] {
  const byPath = new Map<string, string>();
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...base, key].join('.');
        if (!byPath.has(path)) byPath.set(path, UNKNOWN_KEY_MESSAGES.get(path) ?? 'is not a known field');
      }
    } else {
      const path = base.join('.');
      const message = issue.code === 'invalid_type' && isAbsent(input, issue.path) ? 'is required' : issue.message;
      if (!byPath.has(path)) byPath.set(path, message);
    }
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

/**
 * Validates a candidate body (POST or PUT): the body must be an object,
 * read-only fields are dropped so a GET's `data` can be sent straight back,
 * and every other rule is the schema's.
 */
export function parseCandidateBody<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.output<S>> {
  if (!isPlainObject(body)) return { ok: false, details: [{ path: '', message: 'must be a JSON object' }] };
  const writable = Object.fromEntries(Object.entries(body).filter(([key]) => !readOnly.has(key)));
  const result = schema.safeParse(writable);
  return result.success ? { ok: true, value: result.data } : { ok: false, details: issuesToDetails(result.error.issues, writable) };
}
