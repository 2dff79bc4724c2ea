import { isPlainObject } from '@shared/field-rules';
import { type CandidateFormValues, emptyFormValues } from './candidate-form-model';

/**
 * What the editor keeps of a form not yet saved (PUT /api/local/drafts/…):
 * the values that differ from the candidate as it was opened, and the
 * application notes typed, by job. Only what changed, so that restoring it
 * over a candidate a sync has changed since keeps the sync's other values.
 */
export interface FormDraft {
  changed: Partial<CandidateFormValues>;
  note_drafts: Record<string, string>;
}

export function draftOf(initial: CandidateFormValues, values: CandidateFormValues, noteDrafts: Record<string, string>): FormDraft {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(values) as (keyof CandidateFormValues)[]) {
    if (JSON.stringify(values[key]) !== JSON.stringify(initial[key])) changed[key] = values[key];
  }
  return { changed: changed as Partial<CandidateFormValues>, note_drafts: noteDrafts };
}

/**
 * `values` with a kept draft applied, or null when it holds nothing that
 * differs. A draft is data from disk, possibly from an older version of the
 * app: a value whose shape the form does not have is left out.
 */
export function restoreDraft(
  values: CandidateFormValues,
  noteDrafts: Record<string, string>,
  form: unknown,
): { values: CandidateFormValues; noteDrafts: Record<string, string> } | null {
  if (!isPlainObject(form)) return null;
  const template = emptyFormValues() as unknown as Record<string, unknown>;
  const restored: Record<string, unknown> = { ...values };
  let differs = false;
  if (isPlainObject(form.changed)) {
    for (const [key, value] of Object.entries(form.changed)) {
      if (!(key in template) || !fitsShape(key, value, template[key]) || JSON.stringify(value) === JSON.stringify(restored[key])) continue;
      restored[key] = value;
      differs = true;
    }
  }
  const notes = { ...noteDrafts };
  if (isPlainObject(form.note_drafts)) {
    for (const [job, note] of Object.entries(form.note_drafts)) {
      if (typeof note !== 'string' || notes[job] === note) continue;
      notes[job] = note;
      differs = true;
    }
  }
  return differs ? { values: restored as unknown as CandidateFormValues, noteDrafts: notes } : null;
}

function fitsShape(key: string, value: unknown, template: unknown): boolean {
  if (key === 'metadata') return Array.isArray(value) && value.every(isMetadataRow);
  if (Array.isArray(template)) return Array.isArray(value) && value.every((item) => typeof item === 'string');
  // in_notice_period: yes, no, or not said.
  if (template === null) return value === null || typeof value === 'boolean';
  if (isPlainObject(template)) return isPlainObject(value) && Object.keys(template).every((part) => typeof value[part] === typeof template[part]);
  return typeof value === typeof template;
}

function isMetadataRow(row: unknown): boolean {
  return isPlainObject(row) && typeof row.key === 'string' && typeof row.value === 'string' && typeof row.isJson === 'boolean';
}
