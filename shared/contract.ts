/** Constants pinned by the candidates API contract (`shared/api-contract.md`). */

export const TALENT_POOL_STATUSES = ['not_linked', 'masked', 'revealed'] as const;
export type TalentPoolStatus = (typeof TALENT_POOL_STATUSES)[number];

/** Fields a masked candidate shows as "" (email) or null (the rest) until revealed in the cloud. */
export const LOCKED_FIELDS = ['email', 'phone_number', 'whatsapp_number', 'current_ctc', 'expected_ctc'] as const;
export type LockedField = (typeof LOCKED_FIELDS)[number];

/** What a masked candidate shows for each locked field, wherever the masked view is drawn or read. */
export const MASKED_VIEW = {
  email: '',
  phone_number: null,
  whatsapp_number: null,
  current_ctc: null,
  expected_ctc: null,
} as const satisfies Record<LockedField, '' | null>;

export const DEFAULT_PIPELINE_STATUSES = [
  'Applied',
  'Shortlisted',
  'Screening',
  'Interview',
  'Offered',
  'Hired',
  'Rejected',
] as const;

export const DEFAULT_APPLICATION_STATUS = 'Applied';
export const SHORTLISTED_STATUS = 'Shortlisted';
export const DEFAULT_SOURCE = 'api';

/** The candidate fields a client writes (POST and PUT), in the contract's order; resume_path aside (POST only, never shown). */
export const WRITABLE_CANDIDATE_FIELDS = [
  'full_name',
  'email',
  'phone_number',
  'whatsapp_number',
  'location',
  'preferred_location',
  'primary_skills',
  'secondary_skills',
  'total_experience_years',
  'current_company',
  'current_designation',
  'current_ctc',
  'expected_ctc',
  'notice_period_days',
  'in_notice_period',
  'last_working_day',
  'resume_url',
  'source',
  'metadata',
] as const;
export type WritableCandidateField = (typeof WRITABLE_CANDIDATE_FIELDS)[number];

/** Read-only fields a client may send back (a GET's `data` as a PUT); they are ignored. */
export const READ_ONLY_CANDIDATE_FIELDS = [
  'id',
  'skill_array',
  'screening_score',
  'talent_pool_status',
  'created_at',
  'updated_at',
  'applications',
] as const;

export const LIMITS = {
  bodyBytes: 1024 * 1024,
  fullName: 200,
  email: 254,
  text: 500,
  applicationNotes: 5000,
  metadataBytes: 16 * 1024,
  metadataDepth: 32,
  noticePeriodDays: 365,
  pageSizeMax: 100,
  pageSizeDefault: 50,
  /** Beyond this an offset no longer fits a JSON number exactly, and meta.offset could not echo it. */
  offsetMax: Number.MAX_SAFE_INTEGER,
} as const;
