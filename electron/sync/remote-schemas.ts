import { ApplicationSchema, type CandidateWithApplications, CandidateSchema } from '@shared/candidate-schema';
import { MASKED_VIEW } from '@shared/contract';
import { PageMetaSchema } from '@shared/list-response-schema';
import { z } from 'zod';

/**
 * How the sync engine reads the remote's answers. The cloud follows the seed,
 * which leaves open what the contract pins for the local API; what is read
 * here is turned into the contract's form, so that the local copy, and the
 * local API that serves it, hold one form whatever the cloud wrote:
 * - times in any ISO 8601 form with a zone (`.123456+00:00`, no fraction,
 *   `+05:30`) become milliseconds and Z; ordering and equality of the
 *   engine's version checks then hold across forms too;
 * - a masked candidate's locked fields become the contract's masked view
 *   (email `""`, the rest null), whether the cloud shows them as `""` or null;
 * - application fields the seed lists but nothing here merges may be absent
 *   (null), as may the candidate's screening_score.
 */

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * The instant an ISO 8601 date-time names, as the contract writes it
 * (`2026-11-28T10:00:00.000Z`), or null when the text is none. Digits past
 * the millisecond are dropped; a time without a zone is UTC, as the contract
 * says every time is.
 */
export function toContractTimestamp(text: string): string | null {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  // Date.UTC rolls 2026-02-30 over into March: a date that does not come back as written is not a date.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = match[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  const at = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return new Date(at).toISOString();
}

const RemoteTimestampSchema = z.string().transform((text, ctx) => {
  const timestamp = toContractTimestamp(text);
  if (timestamp !== null) return timestamp;
  ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date-time' });
  return z.NEVER;
});
const OptionalTimestampSchema = RemoteTimestampSchema.nullable().default(null);
const OptionalJsonSchema = z.record(z.string(), z.unknown()).nullable().default(null);

const RemoteApplicationSchema = ApplicationSchema.extend({
  organization_id: z.string().nullable().default(null),
  screening_score: z.number().nullable().default(null),
  match_score: z.number().nullable().default(null),
  shortlisted_at: OptionalTimestampSchema,
  screening_started_at: OptionalTimestampSchema,
  screening_completed_at: OptionalTimestampSchema,
  status_date: OptionalTimestampSchema,
  outreach_sent_at: OptionalTimestampSchema,
  interest_clicked_at: OptionalTimestampSchema,
  video_interview_invite_sent_at: OptionalTimestampSchema,
  metadata: OptionalJsonSchema,
  created_at: RemoteTimestampSchema,
  updated_at: RemoteTimestampSchema,
});

export const RemoteCandidateSchema = CandidateSchema.extend({
  // "May be empty when talent pool masked", says the seed: "" or null.
  email: z
    .string()
    .nullable()
    .transform((email) => email ?? ''),
  screening_score: z.number().nullable().default(null),
  created_at: RemoteTimestampSchema,
  updated_at: RemoteTimestampSchema,
  applications: z.array(RemoteApplicationSchema),
}).transform(
  (candidate): CandidateWithApplications =>
    candidate.talent_pool_status === 'masked'
      ? { ...candidate, ...MASKED_VIEW }
      : candidate,
);

/**
 * A list page as sync's walk reads it: each row's id and updated_at only. The
 * walk reads every page of the remote; a candidate whose version moved is then
 * fetched, and checked in full, by its detail request.
 */
export const CandidateVersionPageSchema = z.object({
  data: z.array(z.object({ id: z.string(), updated_at: RemoteTimestampSchema })),
  meta: PageMetaSchema,
});
export type CandidateVersionPage = z.infer<typeof CandidateVersionPageSchema>;

/** A search page as a lookup by email reads it: each row's id and email ("" or null while masked). */
export const CandidateEmailPageSchema = z.object({
  data: z.array(z.object({ id: z.string(), email: z.string().nullable() })),
  meta: PageMetaSchema,
});
