import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { LIMITS } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { CoreContext } from '../core/core-context';
import { fromFrameworkError, internalError, sendError } from './error-envelope';
import { registerJsonBodyParser } from './json-body';
import { buildOpenApiDocument } from './openapi';
import { checkBearerToken, checkHostAndOrigin } from './request-guards';
import { registerCandidateRoutes } from './routes/candidate-routes';
import { registerLocalRoutes } from './routes/local-routes';

export interface ApiServerOptions {
  ctx: CoreContext;
  /** The bearer token every request but the health check must carry. */
  token: string;
  version: string;
  /** Where unexpected errors are reported; never sent to the client. */
  reportError?: (error: unknown) => void;
}

/**
 * The local API as a Fastify instance, not yet listening. Checks run in the
 * contract's order: Host/Origin, token (401), unknown route (404), then body
 * size (413), media type (415), JSON (400) and the route's own rules.
 */
export function buildApiServer(options: ApiServerOptions): FastifyInstance {
  const { ctx, token, version } = options;
  const reportError = options.reportError ?? ((error: unknown) => console.error(error));
  const app = Fastify({
    logger: false,
    bodyLimit: LIMITS.bodyBytes,
    routerOptions: { ignoreTrailingSlash: true },
  });

  registerJsonBodyParser(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    checkHostAndOrigin(request);
    checkBearerToken(request, token);
    if (request.is404) throw new AppError('not_found', 'Nothing here: check the path and method.');
  });

  // After every onRequest hook (a PUT's 404 among them), before the body is read.
  app.addHook('preParsing', async (request) => {
    const declaredLength = Number(request.headers['content-length']);
    if (declaredLength > LIMITS.bodyBytes) throw new AppError('payload_too_large', 'The body is larger than 1 MiB.');
  });

  app.setNotFoundHandler((_request, reply) => {
    sendError(reply, new AppError('not_found', 'Nothing here: check the path and method.'));
  });

  app.setErrorHandler((error: FastifyError | AppError, _request, reply) => {
    if (error instanceof AppError) return sendError(reply, error);
    const known = fromFrameworkError(error);
    if (known) return sendError(reply, known);
    reportError(error);
    return sendError(reply, internalError());
  });

  const openApiDocument = buildOpenApiDocument(version);
  app.get('/api/v1/openapi.json', async () => openApiDocument);
  registerCandidateRoutes(app, ctx);
  registerLocalRoutes(app, version);
  return app;
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
