import type { EditorDraft, EditorDraftSummary, EditorDraftUpdate } from '@shared/local-api-schema';
import { deleteEditorDraft, findEditorDraft, listEditorDrafts, upsertEditorDraft } from '../db/editor-draft-repository';
import type { CoreContext } from './core-context';
import { candidateOrThrow } from './candidates';

/** How the new-candidate form is named where a candidate's id would be. */
export const NEW_CANDIDATE_DRAFT = 'new';

/**
 * Drafts are the workspace's keeping of a form not yet saved: no candidate
 * changes, nothing goes to the outbox, and updated_at stays. `key` is a
 * candidate's id (an alias it had before linking included) or "new".
 */
function candidateIdOf(ctx: CoreContext, key: string): string | null {
  if (key === NEW_CANDIDATE_DRAFT) return null;
  return candidateOrThrow(ctx, key).id;
}

export function editorDraft(ctx: CoreContext, key: string): EditorDraft | null {
  return findEditorDraft(ctx.db, candidateIdOf(ctx, key)) ?? null;
}

export function saveEditorDraft(ctx: CoreContext, key: string, update: EditorDraftUpdate): EditorDraft {
  const draft: EditorDraft = { candidate_id: candidateIdOf(ctx, key), ...update, saved_at: ctx.now().toISOString() };
  upsertEditorDraft(ctx.db, draft);
  return draft;
}

/** Removing a draft that is not there is not an error: a form saved twice in a row discards twice. */
export function discardEditorDraft(ctx: CoreContext, key: string): void {
  deleteEditorDraft(ctx.db, candidateIdOf(ctx, key));
}

export function editorDrafts(ctx: CoreContext): EditorDraftSummary[] {
  return listEditorDrafts(ctx.db);
}
