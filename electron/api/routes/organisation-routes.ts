import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JobUpdateSchema, PipelineStatusesUpdateSchema } from '@shared/local-api-schema';
import type { CoreContext } from '../../core/core-context';
import { jobs, pipelineStatuses, removeJob, saveJob, savePipelineStatuses, untitledJobs } from '../../core/organisation';
import { jsonBody } from '../json-body';
import { parseWith } from '../parse-with';

type JobRequest = FastifyRequest<{ Params: { id: string } }>;

/** /api/local/jobs and /api/local/pipeline-statuses: the organisation's reference data, kept in settings. */
export function registerOrganisationRoutes(app: FastifyInstance, ctx: CoreContext): void {
  app.get('/api/local/jobs', async () => ({ data: jobs(ctx) }));

  app.get('/api/local/jobs/untitled', async () => ({ data: untitledJobs(ctx) }));

  app.put('/api/local/jobs/:id', async (request: JobRequest) => {
    const { title } = parseWith(JobUpdateSchema, jsonBody(request));
    return { data: await ctx.writes.run(() => saveJob(ctx, request.params.id, title)) };
  });

  app.delete('/api/local/jobs/:id', async (request: JobRequest, reply) => {
    await ctx.writes.run(() => removeJob(ctx, request.params.id));
    return reply.code(204).send();
  });

  app.get('/api/local/pipeline-statuses', async () => ({ data: pipelineStatuses(ctx) }));

  app.put('/api/local/pipeline-statuses', async (request) => {
    const { statuses } = parseWith(PipelineStatusesUpdateSchema, jsonBody(request));
    return { data: await ctx.writes.run(() => savePipelineStatuses(ctx, statuses)) };
  });
}
