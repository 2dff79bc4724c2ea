import { z } from 'zod';
import { LIMITS, TALENT_POOL_STATUSES } from './contract';
import {
  EMAIL_RULE,
  EmailSchema,
  FullNameSchema,
  MetadataSchema,
  NullableAmountSchema,
  NullableDateSchema,
  NullableHttpUrlSchema,
  SkillListSchema,
  UuidSchema,
  boundedText,
  isEmailAddress,
  nullableText,
} from './field-rules';

const timestamp = z.string().meta({ format: 'date-time', description: 'ISO 8601 UTC with milliseconds' });
const nullableTimestamp = timestamp.nullable();
const json = z.record(z.string(), z.unknown());

export const ApplicationSchema = z
  .object({
    id: z.string(),
    candidate_id: z.string(),
    job_id: z.string(),
    organization_id: z.string().nullable(),
    status: z.string(),
    screening_score: z.number().nullable(),
    match_score: z.number().nullable(),
    notes: z.string().nullable(),
    shortlisted_at: nullableTimestamp,
    screening_started_at: nullableTimestamp,
    screening_completed_at: nullableTimestamp,
    status_date: nullableTimestamp,
    outreach_sent_at: nullableTimestamp,
    interest_clicked_at: nullableTimestamp,
    video_interview_invite_sent_at: nullableTimestamp,
    metadata: json.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof ApplicationSchema>;

export const CandidateSchema = z
  .object({
    id: z.string(),
    full_name: z.string(),
    email: z.string().meta({ description: 'Empty while the candidate is masked in the talent pool' }),
    phone_number: z.string().nullable(),
    whatsapp_number: z.string().nullable(),
    location: z.string().nullable(),
    preferred_location: z.string().nullable(),
    primary_skills: z.array(z.string()),
    secondary_skills: z.array(z.string()),
    skill_array: z.array(z.string()),
    total_experience_years: z.number().nullable(),
    current_company: z.string().nullable(),
    current_designation: z.string().nullable(),
    current_ctc: z.number().nullable(),
    expected_ctc: z.number().nullable(),
    notice_period_days: z.number().int().nullable(),
    in_notice_period: z.boolean().nullable(),
    last_working_day: z.string().nullable(),
    resume_url: z.string().nullable(),
    source: z.string().nullable(),
    screening_score: z.number().nullable(),
    talent_pool_status: z.enum(TALENT_POOL_STATUSES),
    metadata: json.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Candidate' });
export type Candidate = z.infer<typeof CandidateSchema>;

export const CandidateWithApplicationsSchema = CandidateSchema.extend({
  applications: z.array(ApplicationSchema),
}).meta({ id: 'CandidateWithApplications' });
export type CandidateWithApplications = z.infer<typeof CandidateWithApplicationsSchema>;

export const ApplicationInputSchema = z.strictObject(
  {
    job_id: UuidSchema,
    status: boundedText(LIMITS.text).optional().meta({
      description: "Pipeline status, matched case-insensitively against the organisation's statuses (default Applied)",
    }),
    notes: nullableText(LIMITS.applicationNotes).optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be an object' : undefined) },
);
export type ApplicationInput = z.infer<typeof ApplicationInputSchema>;

/** Fields both POST and PUT accept, all optional here. */
const editableFields = {
  phone_number: nullableText().optional(),
  whatsapp_number: nullableText().optional(),
  location: nullableText().optional(),
  preferred_location: nullableText().optional(),
  primary_skills: SkillListSchema.optional(),
  secondary_skills: SkillListSchema.optional(),
  total_experience_years: NullableAmountSchema.optional(),
  current_company: nullableText().optional(),
  current_designation: nullableText().optional(),
  current_ctc: NullableAmountSchema.optional(),
  expected_ctc: NullableAmountSchema.optional(),
  notice_period_days: z
    .number({ error: 'must be an integer or null' })
    .int('must be an integer')
    .min(0, 'must be 0 or more')
    .max(LIMITS.noticePeriodDays, `must be at most ${LIMITS.noticePeriodDays}`)
    .nullable()
    .optional(),
  in_notice_period: z.boolean({ error: 'must be true, false or null' }).nullable().optional(),
  last_working_day: NullableDateSchema.optional(),
  resume_url: NullableHttpUrlSchema.optional(),
  source: nullableText().optional(),
  metadata: MetadataSchema.nullable().optional(),
  application: ApplicationInputSchema.optional(),
};

const unknownFieldError = { error: (issue: { code: string }) => (issue.code === 'invalid_type' ? 'must be a JSON object' : undefined) };

export const CandidateCreateSchema = z
  .strictObject(
    {
      full_name: FullNameSchema,
      email: EmailSchema,
      ...editableFields,
      resume_path: nullableText().optional().meta({ description: 'Internal resume storage path; accepted on create only, never returned' }),
    },
    unknownFieldError,
  )
  .meta({ id: 'CandidateCreate' });
export type CandidateCreate = z.infer<typeof CandidateCreateSchema>;

export const CandidateUpdateSchema = z
  .strictObject(
    {
      full_name: FullNameSchema.optional(),
      email: z
        .string({ error: 'must be a string' })
        .trim()
        .refine((s) => s === '' || isEmailAddress(s), EMAIL_RULE)
        .optional()
        .meta({ description: 'Cannot be cleared. "" is accepted only for a masked candidate, where it is the masked view and changes nothing.' }),
      ...editableFields,
    },
    unknownFieldError,
  )
  .meta({ id: 'CandidateUpdate' });
export type CandidateUpdate = z.infer<typeof CandidateUpdateSchema>;

/** The writable candidate fields, in the order responses list them. */
export type CandidateChanges = Omit<CandidateUpdate, 'application'> & { resume_path?: string | null };
