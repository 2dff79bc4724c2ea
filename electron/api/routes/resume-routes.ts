import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, validationError } from '@shared/errors';
import type { CoreContext } from '../../core/core-context';
import { RESUME_MAX_BYTES } from '@shared/local-api-schema';
import { attachResume, describeResume, detachResume, readResume } from '../../core/resume-files';

type ResumeRequest = FastifyRequest<{ Params: { id: string }; Querystring: { name?: string } }>;

/**
 * /api/local/candidates/{id}/resume: a file attached from disk, kept in the
 * data folder. The body is the file's raw bytes, so this scope reads any media
 * type as bytes, up to RESUME_MAX_BYTES, instead of the API's JSON.
 * /resume-info tells whether one is attached without reading it: a candidate
 * without a resume is the usual case, not an error to answer with 404.
 */
export function registerResumeRoutes(app: FastifyInstance, ctx: CoreContext, dataDir: string): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: RESUME_MAX_BYTES }, (_request, body, done) => done(null, body));

    scope.post('/api/local/candidates/:id/resume', { bodyLimit: RESUME_MAX_BYTES }, async (request: ResumeRequest) => {
      const name = request.query.name?.trim();
      if (!name) throw validationError([{ path: 'name', message: 'must be the file name' }]);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return { data: await ctx.writes.run(() => attachResume(ctx, dataDir, request.params.id, name, body)) };
    });

    scope.get('/api/local/candidates/:id/resume', async (request: ResumeRequest, reply) => {
      const resume = readResume(ctx, dataDir, request.params.id);
      if (!resume) throw new AppError('not_found', 'This candidate has no attached resume.');
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(resume.file_name)}`)
        .send(resume.bytes);
    });

    scope.delete('/api/local/candidates/:id/resume', async (request: ResumeRequest, reply) => {
      if (!(await ctx.writes.run(() => detachResume(ctx, dataDir, request.params.id)))) {
        throw new AppError('not_found', 'This candidate has no attached resume.');
      }
      return reply.code(204).send();
    });

    scope.get('/api/local/candidates/:id/resume-info', async (request: ResumeRequest) => ({
      data: describeResume(ctx, dataDir, request.params.id),
    }));
  });
}
