import type { Database } from 'better-sqlite3';
import { isPlainObject } from '@shared/field-rules';
import type { EditorDraft, EditorDraftSummary } from '@shared/local-api-schema';
import { statement } from './statement-cache';

/** The draft row's key: a candidate's seq by its (canonical) id, or 0 for the new-candidate form. */
const FORM_KEY = 'ifnull(candidate_seq, 0) = ifnull((SELECT seq FROM candidates WHERE id = ?), 0)';

export function upsertEditorDraft(db: Database, draft: EditorDraft): void {
  statement(db, `DELETE FROM editor_drafts WHERE ${FORM_KEY}`).run(draft.candidate_id);
  statement(
    db,
    `INSERT INTO editor_drafts (candidate_seq, base_updated_at, form, saved_at)
     VALUES ((SELECT seq FROM candidates WHERE id = ?), ?, ?, ?)`,
  ).run(draft.candidate_id, draft.base_updated_at, JSON.stringify(draft.form), draft.saved_at);
}

export function findEditorDraft(db: Database, candidateId: string | null): EditorDraft | undefined {
  const row = statement(db, `SELECT base_updated_at, form, saved_at FROM editor_drafts WHERE ${FORM_KEY}`).get(candidateId) as
    | { base_updated_at: string | null; form: string; saved_at: string }
    | undefined;
  return row && { candidate_id: candidateId, base_updated_at: row.base_updated_at, form: JSON.parse(row.form) as Record<string, unknown>, saved_at: row.saved_at };
}

export function deleteEditorDraft(db: Database, candidateId: string | null): void {
  statement(db, `DELETE FROM editor_drafts WHERE ${FORM_KEY}`).run(candidateId);
}

/** Every draft kept, the most recent first. */
export function listEditorDrafts(db: Database): EditorDraftSummary[] {
  return statement(
    db,
    `SELECT c.id AS candidate_id, c.full_name, d.saved_at
     FROM editor_drafts d LEFT JOIN candidates c ON c.seq = d.candidate_seq
     ORDER BY d.saved_at DESC, d.id DESC`,
  ).all() as EditorDraftSummary[];
}

/**
 * The forms of two candidates that became one, as one form: each section (an
 * object of fields, such as the fields changed and the notes typed) keeps
 * every field of both, the kept candidate's where both have one.
 */
function foldForms(kept: Record<string, unknown>, merged: Record<string, unknown>): Record<string, unknown> {
  const folded: Record<string, unknown> = { ...merged, ...kept };
  for (const [section, fields] of Object.entries(merged)) {
    const keptFields = kept[section];
    if (isPlainObject(fields) && isPlainObject(keptFields)) folded[section] = { ...fields, ...keptFields };
  }
  return folded;
}

/**
 * Hands the draft of a candidate being merged away (`fromSeq`) on to the one
 * it is merged into (`intoSeq`): moved when that one has none, folded into
 * its draft when it has one, so nothing typed in either form is lost.
 */
export function handDraftOn(db: Database, fromSeq: number, intoSeq: number): void {
  const read = (seq: number) =>
    statement(db, 'SELECT form, saved_at FROM editor_drafts WHERE candidate_seq = ?').get(seq) as { form: string; saved_at: string } | undefined;
  const from = read(fromSeq);
  if (!from) return;
  const into = read(intoSeq);
  if (!into) {
    statement(db, 'UPDATE editor_drafts SET candidate_seq = ? WHERE candidate_seq = ?').run(intoSeq, fromSeq);
    return;
  }
  const form = foldForms(JSON.parse(into.form) as Record<string, unknown>, JSON.parse(from.form) as Record<string, unknown>);
  const savedAt = from.saved_at > into.saved_at ? from.saved_at : into.saved_at;
  statement(db, 'UPDATE editor_drafts SET form = ?, saved_at = ? WHERE candidate_seq = ?').run(JSON.stringify(form), savedAt, intoSeq);
  statement(db, 'DELETE FROM editor_drafts WHERE candidate_seq = ?').run(fromSeq);
}
