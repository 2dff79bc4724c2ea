import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EditorDraftUpdateSchema } from '@shared/local-api-schema';
import type { CoreContext } from '../../core/core-context';
import { discardEditorDraft, editorDraft, editorDrafts, saveEditorDraft } from '../../core/editor-drafts';
import { jsonBody } from '../json-body';
import { parseWith } from '../parse-with';

type DraftRequest = FastifyRequest<{ Params: { key: string } }>;

/**
 * /api/local/drafts: the candidate forms being filled in and not yet saved,
 * by candidate id, or "new" for a new candidate. The workspace keeps each as
 * it is typed, so that a crash loses none of it.
 */
export function registerDraftRoutes(app: FastifyInstance, ctx: CoreContext): void {
  app.get('/api/local/drafts', async () => ({ data: editorDrafts(ctx) }));

  app.get('/api/local/drafts/:key', async (request: DraftRequest) => ({ data: editorDraft(ctx, request.params.key) }));

  app.put('/api/local/drafts/:key', async (request: DraftRequest) => {
    const update = parseWith(EditorDraftUpdateSchema, jsonBody(request));
    return { data: await ctx.writes.run(() => saveEditorDraft(ctx, request.params.key, update)) };
  });

  app.delete('/api/local/drafts/:key', async (request: DraftRequest, reply) => {
    await ctx.writes.run(() => discardEditorDraft(ctx, request.params.key));
    return reply.code(204).send();
  });
}
