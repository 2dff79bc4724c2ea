import { typedNumber } from '../../lib/field-values';
import { FIELD_LABELS } from '../../lib/field-labels';

export interface CandidateGroup<T> {
  candidateId: string;
  items: T[];
}

/** Items grouped per candidate, candidates in the order their first item comes. */
export function groupByCandidate<T extends { candidate_id: string }>(items: readonly T[]): CandidateGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.candidate_id);
    if (group) group.push(item);
    else groups.set(item.candidate_id, [item]);
  }
  return [...groups].map(([candidateId, grouped]) => ({ candidateId, items: grouped }));
}

/**
 * The text a recruiter edits a conflicting value as, and back: lists as
 * comma-separated text, numbers and booleans as JSON, the rest as text.
 */
export function editableText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function valueFromText(text: string, like: unknown[]): unknown {
  const sample = like.find((value) => value !== null && value !== undefined);
  const trimmed = text.trim();
  if (Array.isArray(sample)) return trimmed === '' ? [] : trimmed.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (trimmed === '') return null;
  if (typeof sample === 'number') return typedNumber(trimmed) ?? trimmed;
  if (typeof sample === 'boolean') return trimmed.toLowerCase() === 'true' ? true : trimmed.toLowerCase() === 'false' ? false : trimmed;
  if (typeof sample === 'object') {
    try {
      return JSON.parse(trimmed);
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}

const FIELD_NAMES: Record<string, string> = { ...FIELD_LABELS, application: 'Application' };

/** A conflict's field in plain words: `metadata.ats.id` is "Metadata: ats.id", `applications.<job>.status` is "<job title>: status". */
export function fieldName(field: string, jobTitle: (jobId: string) => string = (id) => id): string {
  if (FIELD_NAMES[field]) return FIELD_NAMES[field];
  if (field.startsWith('metadata.')) return `Metadata: ${field.slice('metadata.'.length)}`;
  const application = /^applications\.([^.]+)\.(.+)$/.exec(field);
  if (application?.[1] && application[2]) return `${jobTitle(application[1])}: ${application[2]}`;
  return field;
}

/** A refusal's detail path in plain words: an application's part as fieldName has it, else its field (`primary_skills.1` is "Primary skills"). */
export function detailName(path: string, jobTitle: (jobId: string) => string = (id) => id): string {
  return fieldName(path.startsWith('applications.') ? path : (path.split('.')[0] ?? path), jobTitle);
}
