import type { FastifyInstance } from 'fastify';
import { ApplicationStatusesQuerySchema } from '@shared/local-api-schema';
import { applicationStatuses } from '../../core/applications';
import type { CoreContext } from '../../core/core-context';
import { parseWith } from '../parse-with';

/**
 * GET /api/local/application-statuses?ids=a,b,…: list items carry no
 * applications (the contract), so the workspace's list asks for a screenful
 * of rows' jobs and statuses in one request instead of a detail per row.
 */
export function registerApplicationRoutes(app: FastifyInstance, ctx: CoreContext): void {
  app.get('/api/local/application-statuses', async (request) => {
    const { ids } = parseWith(ApplicationStatusesQuerySchema, request.query);
    return { data: applicationStatuses(ctx, ids) };
  });
}
