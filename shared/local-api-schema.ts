import { z } from 'zod';
import type { CandidateWithApplications } from './candidate-schema';
import type { ErrorEnvelope } from './errors';

export const CONFLICT_POLICY_VALUES = ['ask', 'prefer-remote', 'prefer-local'] as const;

/** POST /api/local/conflicts/{id}/resolve */
export const ConflictResolutionSchema = z.discriminatedUnion(
  'take',
  [
    z.strictObject({ take: z.literal('local') }),
    z.strictObject({ take: z.literal('remote') }),
    z.strictObject({ take: z.literal('value'), value: z.unknown() }),
  ],
  { error: 'must be {"take":"local"}, {"take":"remote"} or {"take":"value","value":...}' },
);
export type ConflictResolution = z.infer<typeof ConflictResolutionSchema>;

/** PUT /api/local/settings: only the keys sent change. */
export const SyncSettingsUpdateSchema = z.strictObject({
  conflict_policy: z.enum(CONFLICT_POLICY_VALUES, { error: `must be one of ${CONFLICT_POLICY_VALUES.join(', ')}` }).optional(),
  sync_interval_minutes: z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1')
    .max(24 * 60, 'must be at most 1440')
    .optional(),
});
export type SyncSettingsUpdate = z.infer<typeof SyncSettingsUpdateSchema>;

/** GET /api/local/conflicts */
export const ConflictListQuerySchema = z.object({
  status: z.enum(['open', 'resolved', 'all'], { error: 'must be open, resolved or all' }).optional(),
  candidate_id: z.string({ error: 'must be given once' }).optional(),
});

/** POST /api/local/session: the one-time code `serve` prints, traded for the token. */
export const SessionExchangeSchema = z.strictObject({
  code: z.string({ error: 'must be the one-time code from the address serve printed' }).min(1).max(200),
});

/** A job the organisation hires for; applications name it by id. */
export const JobSchema = z.object({ id: z.string(), title: z.string() }).meta({ id: 'Job' });
export type Job = z.infer<typeof JobSchema>;

/** A job id the candidates' applications carry that no job gives a title (GET /api/local/jobs/untitled). */
export interface UntitledJob {
  id: string;
  /** How many applications name it. */
  applications: number;
}

/** PUT /api/local/jobs/{id} */
export const JobUpdateSchema = z.strictObject({
  title: z
    .string({ error: 'must be the job title' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
});

/** PUT /api/local/pipeline-statuses: the whole pipeline, in order. */
export const PipelineStatusesUpdateSchema = z.strictObject({
  statuses: z
    .array(z.string({ error: 'must be a status name' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'), {
      error: 'must be a list of status names',
    })
    .min(1, 'must name at least one status')
    .max(50, 'must name at most 50 statuses')
    .superRefine((names, ctx) => {
      const seen = new Set<string>();
      names.forEach((name, index) => {
        const key = name.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `repeats "${name}"` });
        seen.add(key);
      });
    }),
});

/** PUT /api/local/remote: the cloud to sync with. */
export const RemoteUpdateSchema = z.strictObject({
  remote_url: z.string({ error: 'must be the cloud address, e.g. https://cloud.example.com' }).trim().min(1, 'must not be empty').max(2048),
  api_key: z.string({ error: 'must be the cloud API key' }).trim().min(1, 'must not be empty').max(4096),
});

/** GET /api/local/remote: never the key itself. */
export interface RemoteDescription {
  remote_url: string | null;
  has_api_key: boolean;
}

/** PUT /api/local/remote: what was saved, and whether the cloud could be asked about the key. */
export interface RemoteConnection extends RemoteDescription {
  /** False when the cloud could not be reached: the key was saved unchecked, and the sync tries it later. */
  cloud_reached: boolean;
  /** Why it could not be reached, or null. */
  cloud_error: string | null;
}

/** POST /api/local/candidates/{id}/resume: resumes are documents, not photos of a bookshelf, so 10 MiB is plenty. */
export const RESUME_MAX_BYTES = 10 * 1024 * 1024;

/** GET /api/local/candidate-sync-states: candidates not listed are in step with the cloud. */
export const CANDIDATE_SYNC_STATES = ['local_only', 'pending', 'conflict', 'parked', 'failed'] as const;
export type CandidateSyncState = (typeof CANDIDATE_SYNC_STATES)[number];

/** GET /api/local/application-statuses?ids=…: the list's application column for a screenful of rows. */
export const APPLICATION_STATUSES_MAX_IDS = 200;
export const ApplicationStatusesQuerySchema = z.object({
  ids: z
    .string({ error: 'must be candidate ids separated by commas, given once' })
    .transform((text) => [...new Set(text.split(',').map((id) => id.trim().toLowerCase()).filter((id) => id !== ''))])
    .refine((ids) => ids.length <= APPLICATION_STATUSES_MAX_IDS, `must name at most ${APPLICATION_STATUSES_MAX_IDS} candidates`),
});
export type ApplicationStatuses = Record<string, { job_id: string; status: string }[]>;

/**
 * POST /api/local/candidates/batch: many POST /api/v1/candidates bodies in one
 * request (a spreadsheet import sends its rows so). Each is answered as its
 * own POST would be, in order: an item's refusal changes nothing and stops no
 * other item, and a later item with an earlier one's email matches it.
 */
export const CANDIDATE_BATCH_MAX = 500;
export const CandidateBatchSchema = z.strictObject({
  candidates: z
    .array(z.unknown(), { error: 'must be a list of candidate bodies, as POST /api/v1/candidates takes them' })
    .min(1, 'must hold at least one candidate')
    .max(CANDIDATE_BATCH_MAX, `must hold at most ${CANDIDATE_BATCH_MAX} candidates; send more in further requests`),
});

/** One item's answer: the status and body its own POST would have had. */
export type CandidateBatchAnswer =
  | { status: 200 | 201; data: CandidateWithApplications }
  | { status: number; error: ErrorEnvelope['error'] };

/** GET /api/local/conflicts: a field both sides changed, with all three values; kept after it is resolved. */
export interface SyncConflict {
  id: number;
  candidate_id: string;
  field: string;
  base: unknown;
  local: unknown;
  remote: unknown;
  status: 'open' | 'resolved';
  resolution: 'local' | 'remote' | 'value' | null;
  resolved_value: unknown;
  detected_at: string;
  resolved_at: string | null;
}

/** GET /api/local/parked: a value typed for a locked field of a masked candidate, held until a reveal. */
export interface ParkedValue {
  candidate_id: string;
  field: string;
  value: unknown;
}

/** GET /api/local/failures: a push the cloud refused, with its answer. */
export interface PushFailure {
  candidate_id: string;
  operation: 'create' | 'update';
  status: number;
  code: string;
  message: string;
  details: { path: string; message: string }[];
  failed_at: string;
}

/**
 * PUT /api/local/drafts/{candidate id or "new"}: the form the recruiter is
 * filling in, kept until saved or discarded. `form` is the workspace's own
 * shape, opaque to the API; `base_updated_at` the candidate's updated_at
 * when the editing began.
 */
export const EditorDraftUpdateSchema = z.strictObject({
  form: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
  base_updated_at: z.string({ error: 'must be a timestamp or null' }).max(64, 'must be a timestamp or null').nullable(),
});
export type EditorDraftUpdate = z.infer<typeof EditorDraftUpdateSchema>;

export interface EditorDraft {
  candidate_id: string | null;
  base_updated_at: string | null;
  form: Record<string, unknown>;
  saved_at: string;
}

export interface EditorDraftSummary {
  candidate_id: string | null;
  full_name: string | null;
  saved_at: string;
}
