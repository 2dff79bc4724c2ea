import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { AppError } from '@shared/errors';
import { envelope } from './error-envelope';

/**
 * What to answer a request Node's HTTP parser could not read, in the error
 * envelope (Fastify's own answer is `{"error":"Bad Request",...}`). Such a
 * request never reaches a route; the common one is a URL with characters
 * outside ASCII (curl sends `?search=अनन्या` as raw bytes), which Node refuses.
 */
function answerFor(error: NodeJS.ErrnoException): { status: number; error?: AppError } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408 };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: new AppError('payload_too_large', 'The request headers are larger than 16 KB.') };
    case 'HPE_INVALID_URL':
      return {
        status: 400,
        error: new AppError('validation_error', 'The URL could not be read: percent-encode spaces and characters outside ASCII as UTF-8 (search=%E0%A4%85 for अ).', [
          { path: 'url', message: 'has a space or a character outside ASCII' },
        ]),
      };
    default:
      return {
        status: 400,
        error: new AppError('validation_error', 'The request is not valid HTTP/1.1 and was not read.', [{ path: 'request', message: 'is not valid HTTP/1.1' }]),
      };
  }
}

/** Fastify's clientErrorHandler: answers once, then closes the connection (the parser cannot go on). */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, error: appError } = answerFor(error);
  const body = appError ? JSON.stringify(envelope(appError)) : '';
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'connection: close',
    'cache-control: no-store',
    'x-content-type-options: nosniff',
    ...(body ? ['content-type: application/json; charset=utf-8'] : []),
    `content-length: ${Buffer.byteLength(body)}`,
  ];
  if (socket.writable) socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  else socket.destroy();
}
