import { WRITABLE_CANDIDATE_FIELDS } from '@shared/contract';
import type { CandidateRecord } from '../db/candidate-repository';

/**
 * Candidate fields kept equal on both sides: every field a client writes.
 * resume_path is a local file path and stays local.
 */
export const SYNCED_FIELDS = WRITABLE_CANDIDATE_FIELDS;

export type SyncedField = (typeof SYNCED_FIELDS)[number];

/** Skill lists merge as case-insensitive sets, metadata key by key; the rest as single values. */
export const SKILL_FIELDS = ['primary_skills', 'secondary_skills'] as const satisfies readonly SyncedField[];
export type SkillField = (typeof SKILL_FIELDS)[number];
export type ScalarField = Exclude<SyncedField, SkillField | 'metadata'>;

export const SCALAR_FIELDS = SYNCED_FIELDS.filter(
  (field): field is ScalarField => field !== 'metadata' && !(SKILL_FIELDS as readonly string[]).includes(field),
);

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
