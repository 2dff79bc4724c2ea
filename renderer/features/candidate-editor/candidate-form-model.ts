import type { z } from 'zod';
import { CandidateCreateSchema, CandidateUpdateSchema, type CandidateWithApplications } from '@shared/candidate-schema';
import { LOCKED_FIELDS, type LockedField, WRITABLE_CANDIDATE_FIELDS } from '@shared/contract';
import type { ErrorDetail } from '@shared/errors';
import { hasAmbiguousSeparator, typedNumber } from '../../lib/field-values';
import { formMessage } from '../../lib/field-errors';

/** One metadata entry as edited; `isJson` keeps a non-string value (number, object) a value rather than its text. */
export interface MetadataRow {
  key: string;
  value: string;
  isJson: boolean;
}

export type SkillField = 'primary_skills' | 'secondary_skills';
export type SkillDrafts = Record<SkillField, string>;

/** What the form's inputs hold: text as typed, so a half-typed number is not lost. */
export interface CandidateFormValues {
  full_name: string;
  email: string;
  phone_number: string;
  whatsapp_number: string;
  whatsapp_same_as_phone: boolean;
  location: string;
  preferred_location: string;
  primary_skills: string[];
  secondary_skills: string[];
  /** What is typed in a skill box but not yet added as a tag: saving adds it, so nothing typed is lost to Ctrl/Cmd+S. */
  skill_drafts: SkillDrafts;
  total_experience_years: string;
  current_company: string;
  current_designation: string;
  current_ctc: string;
  expected_ctc: string;
  notice_period_days: string;
  in_notice_period: boolean | null;
  last_working_day: string;
  resume_url: string;
  source: string;
  metadata: MetadataRow[];
}

/** The contract fields the form edits, in the order the form shows them: the contract's. */
export const FORM_FIELDS = WRITABLE_CANDIDATE_FIELDS;
export type FormField = (typeof FORM_FIELDS)[number];

export function emptyFormValues(): CandidateFormValues {
  return {
    full_name: '',
    email: '',
    phone_number: '',
    whatsapp_number: '',
    whatsapp_same_as_phone: false,
    location: '',
    preferred_location: '',
    primary_skills: [],
    secondary_skills: [],
    skill_drafts: { primary_skills: '', secondary_skills: '' },
    total_experience_years: '',
    current_company: '',
    current_designation: '',
    current_ctc: '',
    expected_ctc: '',
    notice_period_days: '',
    in_notice_period: null,
    last_working_day: '',
    resume_url: '',
    source: '',
    metadata: [],
  };
}

const text = (value: string | null) => value ?? '';
const numberText = (value: number | null) => (value === null ? '' : String(value));

export function formValuesFromCandidate(candidate: CandidateWithApplications): CandidateFormValues {
  return {
    full_name: candidate.full_name,
    email: candidate.email,
    phone_number: text(candidate.phone_number),
    whatsapp_number: text(candidate.whatsapp_number),
    whatsapp_same_as_phone: candidate.phone_number !== null && candidate.whatsapp_number === candidate.phone_number,
    location: text(candidate.location),
    preferred_location: text(candidate.preferred_location),
    primary_skills: [...candidate.primary_skills],
    secondary_skills: [...candidate.secondary_skills],
    skill_drafts: { primary_skills: '', secondary_skills: '' },
    total_experience_years: numberText(candidate.total_experience_years),
    current_company: text(candidate.current_company),
    current_designation: text(candidate.current_designation),
    current_ctc: numberText(candidate.current_ctc),
    expected_ctc: numberText(candidate.expected_ctc),
    notice_period_days: numberText(candidate.notice_period_days),
    in_notice_period: candidate.in_notice_period,
    last_working_day: text(candidate.last_working_day),
    resume_url: text(candidate.resume_url),
    source: text(candidate.source),
    metadata: Object.entries(candidate.metadata ?? {}).map(([key, value]) =>
      typeof value === 'string' ? { key, value, isJson: false } : { key, value: JSON.stringify(value), isJson: true },
    ),
  };
}

/** Text as the API stores it: trimmed, "" is null. */
function textValue(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A number typed into a text input. Anything else stays text, so the shared schema refuses it with the API's own message. */
function numberValue(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return typedNumber(trimmed) ?? trimmed;
}

const NUMBER_FIELDS = ['total_experience_years', 'current_ctc', 'expected_ctc', 'notice_period_days'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/**
 * What only the form can tell: a number written with a separator the API
 * would not know how to read, a metadata value typed without its key (the API
 * would keep it under the key ""), and a metadata key typed twice (an object
 * holds one value per key: the second would silently replace the first).
 */
export function formValueErrors(values: CandidateFormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of NUMBER_FIELDS) {
    if (hasAmbiguousSeparator(values[field])) {
      errors[field] = 'must be a number written without separators, like 1200 or 12.5 (a comma is read as a decimal mark only in 12,5)';
    }
  }
  const seen = new Set<string>();
  for (const row of values.metadata) {
    const key = row.key.trim();
    if (key === '' && row.value.trim() === '') continue;
    if (key === '') {
      errors.metadata = 'has a value without a key: give each value a key, or clear it';
      break;
    }
    if (seen.has(key)) {
      errors.metadata = `has the key "${key}" twice: each key holds one value`;
      break;
    }
    seen.add(key);
  }
  return errors;
}

/** CTC above this many lakhs (₹50 crore) is a salary typed in rupees, not in lakhs. */
const LIKELY_MAX_CTC_LPA = 5000;
const LIKELY_MAX_EXPERIENCE_YEARS = 55;
const LIKELY_MAX_NOTICE_DAYS = 180;

/**
 * Values the API takes but that are most likely typos: said under the field
 * as the recruiter types, never in the way of a save. The usual one is a
 * salary typed in rupees where the field counts lakhs.
 */
export function implausibleValueWarnings(values: CandidateFormValues): Partial<Record<NumberField, string>> {
  const warnings: Partial<Record<NumberField, string>> = {};
  const number = (field: NumberField) => (values[field].trim() === '' ? undefined : typedNumber(values[field]));
  for (const field of ['current_ctc', 'expected_ctc'] as const) {
    const ctc = number(field);
    if (ctc !== undefined && ctc > LIKELY_MAX_CTC_LPA) {
      warnings[field] = `Counted in lakhs a year: if this is rupees, it is ${(ctc / 100_000).toLocaleString('en-IN', { maximumFractionDigits: 2 })} LPA.`;
    }
  }
  const years = number('total_experience_years');
  if (years !== undefined && years > LIKELY_MAX_EXPERIENCE_YEARS) warnings.total_experience_years = `${years} years of experience: check it is not a typo.`;
  const notice = number('notice_period_days');
  if (notice !== undefined && notice > LIKELY_MAX_NOTICE_DAYS) warnings.notice_period_days = `Counted in days: ${notice} days is about ${Math.round(notice / 30)} months.`;
  return warnings;
}

function metadataValue(rows: MetadataRow[]): Record<string, unknown> | null {
  const filled = rows.filter((row) => row.key.trim() !== '' || row.value.trim() !== '');
  if (filled.length === 0) return null;
  const metadata: Record<string, unknown> = {};
  for (const row of filled) {
    metadata[row.key.trim()] = row.isJson ? parseJsonOrText(row.value) : row.value;
  }
  return metadata;
}

function parseJsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Every form field as a request value (before the shared schema's own trimming and checks). */
export function requestValues(values: CandidateFormValues): Record<FormField, unknown> {
  const inNotice = values.in_notice_period;
  return {
    full_name: values.full_name.trim(),
    email: values.email.trim(),
    phone_number: textValue(values.phone_number),
    whatsapp_number: textValue(values.whatsapp_same_as_phone ? values.phone_number : values.whatsapp_number),
    location: textValue(values.location),
    preferred_location: textValue(values.preferred_location),
    primary_skills: addSkill(values.primary_skills, values.skill_drafts.primary_skills).skills,
    secondary_skills: addSkill(values.secondary_skills, values.skill_drafts.secondary_skills).skills,
    total_experience_years: numberValue(values.total_experience_years),
    current_company: textValue(values.current_company),
    current_designation: textValue(values.current_designation),
    current_ctc: numberValue(values.current_ctc),
    expected_ctc: numberValue(values.expected_ctc),
    notice_period_days: numberValue(values.notice_period_days),
    in_notice_period: inNotice,
    // A last working day belongs to a notice being served; switching the toggle off drops it.
    last_working_day: inNotice === true ? textValue(values.last_working_day) : null,
    resume_url: textValue(values.resume_url),
    source: textValue(values.source),
    metadata: metadataValue(values.metadata),
  };
}

/** The POST body for a new candidate: every field that has a value. */
export function createBody(values: CandidateFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(requestValues(values))) {
    if (value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    body[field] = value;
  }
  return body;
}

/**
 * The PUT body for an edit: only the fields whose request value differs from
 * the loaded candidate's, so an edit never overwrites a field it did not touch
 * (and never sends a masked candidate's locked fields back).
 */
export function changedFields(initial: CandidateFormValues, current: CandidateFormValues): Record<string, unknown> {
  const before = requestValues(initial);
  const after = requestValues(current);
  const body: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) body[field] = after[field];
  }
  return body;
}

/** Errors by field (the first path segment), each the API's message for it. */
export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrorsFromDetails(details: readonly ErrorDetail[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of details) {
    const field = detail.path.split('.')[0] || 'form';
    const index = detail.path.split('.')[1];
    const rule = formMessage(detail.message);
    const message = index !== undefined && /^\d+$/.test(index) ? `${rule} (item ${Number(index) + 1})` : rule;
    errors[field] ??= message;
  }
  return errors;
}

function detailsFromIssues(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Checks a body with the same schema the API uses; errors keyed by field. */
export function validateBody(mode: 'create' | 'update', body: Record<string, unknown>): FieldErrors {
  const result = (mode === 'create' ? CandidateCreateSchema : CandidateUpdateSchema).safeParse(body);
  return result.success ? {} : fieldErrorsFromDetails(detailsFromIssues(result.error.issues));
}

export function isLockedField(field: string): field is LockedField {
  return (LOCKED_FIELDS as readonly string[]).includes(field);
}

/**
 * The form after a save answered: the saved values, except where the form was
 * edited while the request was out, which stays as typed (and unsaved).
 */
export function valuesAfterSave(sent: CandidateFormValues, current: CandidateFormValues, saved: CandidateFormValues): CandidateFormValues {
  const merged = { ...saved } as Record<keyof CandidateFormValues, unknown>;
  for (const key of Object.keys(saved) as (keyof CandidateFormValues)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(sent[key])) merged[key] = current[key];
  }
  return merged as unknown as CandidateFormValues;
}

/** Adds a tag unless it is empty or already there (compared case-insensitively, as the API de-duplicates). */
export function addSkill(skills: readonly string[], typed: string): { skills: string[]; refused: 'empty' | 'duplicate' | null } {
  const skill = typed.trim();
  if (skill === '') return { skills: [...skills], refused: 'empty' };
  if (skills.some((existing) => existing.toLowerCase() === skill.toLowerCase())) return { skills: [...skills], refused: 'duplicate' };
  return { skills: [...skills, skill], refused: null };
}
