import type { FastifyRequest } from 'fastify';
import { AppError } from '@shared/errors';
import type { ApiCredentials } from './api-credentials';

const HEALTH_PATH = '/api/local/health';
export const SESSION_PATH = '/api/local/session';

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Refuses a request whose Host is not this server's loopback address (a DNS
 * rebinding page would send its own host name), and one sent from a web page
 * of any other origin: scripts and macros send no Origin; browsers always do.
 */
export function checkHostAndOrigin(request: FastifyRequest): void {
  const port = request.socket.localPort;
  const host = requestedHost(request.raw.url ?? '', request.headers.host);
  if (port === undefined || (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)) {
    throw new AppError('host_not_allowed', `Only requests to 127.0.0.1:${port ?? ''} or localhost:${port ?? ''} are served.`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
    throw new AppError('origin_not_allowed', 'Requests from other web origins are not allowed.');
  }
}

/**
 * The host a request is addressed to, in lower case: the Host header, unless
 * the target is in absolute form (`GET http://host/path`), whose own host
 * HTTP/1.1 says to use instead (RFC 9112, 3.2.2). Any other form names none.
 */
function requestedHost(target: string, hostHeader: string | undefined): string | undefined {
  if (target.startsWith('/')) return hostHeader?.toLowerCase();
  return /^https?:\/\/([^/?#]*)/i.exec(target)?.[1]?.toLowerCase();
}

/** Paths any caller may use: liveness, and the exchange of a one-time code for the token. */
const OPEN_PATHS: ReadonlySet<string> = new Set([HEALTH_PATH, SESSION_PATH]);

/**
 * Every /api route but the open ones needs `Authorization: Bearer <token>`.
 * The workspace page's own files (outside /api) hold no data and load without it.
 */
export function checkBearerToken(request: FastifyRequest, credentials: Pick<ApiCredentials, 'isToken'>): void {
  const path = request.routeOptions.url;
  if (path !== undefined && (OPEN_PATHS.has(path) || !path.startsWith('/api/'))) return;
  const presented = bearerToken(request.headers.authorization);
  if (presented === undefined || !credentials.isToken(presented)) {
    throw new AppError('unauthorized', 'Send the local API token as "Authorization: Bearer <token>".');
  }
}
