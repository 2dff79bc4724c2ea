import type { Database } from 'better-sqlite3';
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

/** Whether there was one to delete. */
export function deleteEditorDraft(db: Database, candidateId: string | null): boolean {
  return statement(db, `DELETE FROM editor_drafts WHERE ${FORM_KEY}`).run(candidateId).changes > 0;
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
