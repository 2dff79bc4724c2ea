import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { LIMITS } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../core/core-context';
import type { ApiCredentials } from './api-credentials';
import { answerClientError } from './client-errors';
import { answerableError, sendError } from './error-envelope';
import { registerJsonBodyParser } from './json-body';
import { buildOpenApiDocument } from './openapi';
import { checkBearerToken, checkHostAndOrigin } from './request-guards';
import { registerCandidateBatchRoutes } from './routes/candidate-batch-routes';
import { registerCandidateRoutes } from './routes/candidate-routes';
import { registerDraftRoutes } from './routes/draft-routes';
import { registerLocalRoutes } from './routes/local-routes';
import { registerApplicationRoutes } from './routes/application-routes';
import { registerExportRoutes } from './routes/export-routes';
import { registerOrganisationRoutes } from './routes/organisation-routes';
import { type RemoteControl, registerRemoteRoutes } from './routes/remote-routes';
import { registerResumeRoutes } from './routes/resume-routes';
import { registerSessionRoutes } from './routes/session-routes';
import { registerSyncRoutes, type SyncService } from './routes/sync-routes';

export interface ApiServerOptions {
  ctx: CoreContext;
  /** The bearer token every /api request but the health check and the code exchange must carry. */
  credentials: ApiCredentials;
  version: string;
  /** Where unexpected errors are reported; never sent to the client. */
  reportError?: (error: unknown) => void;
  /** The sync engine of the moment, absent while no remote is configured; /api/local/sync reports it either way. */
  sync?: () => SyncService | undefined;
  /** Lets the recruiter set the cloud from the app; without it /api/local/remote does not exist. */
  remote?: RemoteControl;
  /** Called after every committed local write, so sync can follow a few seconds later. */
  onLocalChange?: () => void;
  /** The data folder, where attached resumes are kept; without it the resume routes do not exist. */
  dataDir?: string;
}

/**
 * The local API as a Fastify instance, not yet listening. Checks run in the
 * contract's order: Host/Origin, token (401), unknown route (404), then body
 * size (413), media type (415), JSON (400) and the route's own rules.
 */
/** Personal data: never cached, never sniffed as something else. */
const SECURITY_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

export function buildApiServer(options: ApiServerOptions): FastifyInstance {
  const { ctx, credentials, version } = options;
  const reportError = options.reportError ?? ((error: unknown) => console.error(error));
  const admit = (request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(SECURITY_HEADERS);
    checkHostAndOrigin(request);
    checkBearerToken(request, credentials);
  };
  const app = Fastify({
    logger: false,
    bodyLimit: LIMITS.bodyBytes,
    routerOptions: { ignoreTrailingSlash: true },
    // Fastify's own 503 while closing is not in the envelope: the onRequest hook answers instead.
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    // A path the router cannot take apart (a broken %-escape, an over-long id)
    // names nothing here: after the same Host and token checks, a 404 in the
    // envelope rather than Fastify's own 400/414 body. No hook runs for these.
    frameworkErrors: (_error, request, reply) => {
      try {
        admit(request, reply);
        sendError(reply, notFound());
      } catch (error) {
        sendError(reply, answerableError(error, reportError));
      }
    },
  });

  registerJsonBodyParser(app);

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  // Callback-style hooks: on the hottest path, no promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    try {
      admit(request, reply);
      if (closing) {
        reply.header('connection', 'close');
        throw new AppError('service_unavailable', 'Recruiter Desk is shutting down; nothing was changed. Try again in a moment.');
      }
      if (request.is404) throw notFound();
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  // After every onRequest hook (a PUT's 404 among them), before the body is read.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const declaredLength = Number(request.headers['content-length']);
    const limit = request.routeOptions.bodyLimit ?? LIMITS.bodyBytes;
    if (declaredLength > limit) done(new AppError('payload_too_large', `The body is larger than ${limit / (1024 * 1024)} MiB.`));
    else done(null, payload);
  });

  app.setNotFoundHandler((_request, reply) => {
    sendError(reply, notFound());
  });

  app.setErrorHandler((error, _request, reply) => sendError(reply, answerableError(error, reportError)));

  const openApiDocument = buildOpenApiDocument(version);
  app.get('/api/v1/openapi.json', async () => openApiDocument);
  const onLocalChange = options.onLocalChange ?? (() => undefined);
  registerCandidateRoutes(app, ctx, onLocalChange);
  registerCandidateBatchRoutes(app, ctx, onLocalChange, reportError);
  registerLocalRoutes(app, version);
  registerSessionRoutes(app, credentials);
  registerSyncRoutes(app, ctx, options.sync ?? (() => undefined), onLocalChange);
  registerOrganisationRoutes(app, ctx);
  registerApplicationRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerDraftRoutes(app, ctx);
  if (options.remote) registerRemoteRoutes(app, options.remote);
  if (options.dataDir) registerResumeRoutes(app, ctx, options.dataDir);
  return app;
}

function notFound(): AppError {
  return new AppError('not_found', 'Nothing here: check the path and method.');
}

export const LOOPBACK_HOST = '127.0.0.1';

/** The port `serve` and the desktop app listen on unless told otherwise. */
export const DEFAULT_API_PORT = 4319;

/** Listens on 127.0.0.1 only; port 0 picks a free one. Resolves to the API's base URL. */
export async function listenOnLoopback(app: FastifyInstance, port: number): Promise<string> {
  await app.listen({ host: LOOPBACK_HOST, port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The API server has no TCP address.');
  return `http://${LOOPBACK_HOST}:${address.port}`;
}
