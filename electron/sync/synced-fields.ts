import type { CandidateRecord } from '../db/candidate-repository';

/** Candidate fields kept equal on both sides. resume_path is a local file path and stays local. */
export const SCALAR_FIELDS = [
  'full_name',
  'email',
  'phone_number',
  'whatsapp_number',
  'location',
  'preferred_location',
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
] as const;

/** Skill lists merge as case-insensitive sets. */
export const SKILL_FIELDS = ['primary_skills', 'secondary_skills'] as const;

export const SYNCED_FIELDS = [...SCALAR_FIELDS, ...SKILL_FIELDS, 'metadata'] as const;

export type SyncedField = (typeof SYNCED_FIELDS)[number];
export type ScalarField = (typeof SCALAR_FIELDS)[number];
export type SkillField = (typeof SKILL_FIELDS)[number];

/** The synced part of a candidate. email is '' where the value is not known. */
export type CandidateFields = { [F in SyncedField]: F extends 'email' ? string : CandidateRecord[F] };

export function pickSyncedFields(record: CandidateRecord | Omit<CandidateRecord, 'resume_path'>): CandidateFields {
  const fields = {} as Record<SyncedField, unknown>;
  for (const field of SYNCED_FIELDS) fields[field] = field === 'email' ? (record.email ?? '') : record[field];
  return fields as CandidateFields;
}

/** Nothing there: the first-link rule lets the other side's value fill it. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}
