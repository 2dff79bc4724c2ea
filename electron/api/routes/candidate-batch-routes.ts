import type { FastifyInstance } from 'fastify';
import { type CandidateBatchAnswer, CandidateBatchSchema } from '@shared/local-api-schema';
import { createOrMatchCandidate } from '../../core/candidates';
import type { CoreContext } from '../../core/core-context';
import { answerableError, envelope, STATUS_BY_CODE } from '../error-envelope';
import { jsonBody } from '../json-body';
import { parseWith } from '../parse-with';

/**
 * POST /api/local/candidates/batch: POST /api/v1/candidates for each body, in
 * order. Queued together, the items share one group commit (one fsync), each
 * in its own savepoint, so a refused item is rolled back alone: an import of
 * thousands of rows takes a few requests instead of one each.
 */
export function registerCandidateBatchRoutes(app: FastifyInstance, ctx: CoreContext, onLocalChange: () => void, reportError: (error: unknown) => void): void {
  const answerOf = (error: unknown): CandidateBatchAnswer => {
    const answered = answerableError(error, reportError);
    return { status: STATUS_BY_CODE[answered.code], error: envelope(answered).error };
  };

  app.post('/api/local/candidates/batch', async (request) => {
    const { candidates } = parseWith(CandidateBatchSchema, jsonBody(request));
    const answers = await Promise.all(
      candidates.map((body) =>
        ctx.writes.run(() => createOrMatchCandidate(ctx, body)).then(
          ({ created, candidate }): CandidateBatchAnswer => ({ status: created ? 201 : 200, data: candidate }),
          answerOf,
        ),
      ),
    );
    if (answers.some((answer) => answer.status < 300)) onLocalChange();
    return { data: answers };
  });
}
