import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@shared/errors';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `application/json`, any case, with or without parameters such as charset. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

const unsupportedMediaType = () => new AppError('unsupported_media_type', 'Send the body as application/json.');
const invalidJson = () => new AppError('invalid_json', 'The body is not valid JSON.');

/**
 * One parser for every content type: the body is read (and held to the size
 * limit, so 413 wins over 415) before its type is checked, then parsed as
 * strict UTF-8 JSON. Plain JSON.parse keeps a `__proto__` key as data.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    // No body at all: routes that need one refuse it in jsonBody(); the others (a POST that only acts) go ahead.
    if ((body as Buffer).length === 0) return done(null, undefined);
    if (!isJsonMediaType(request.headers['content-type'])) return done(unsupportedMediaType(), undefined);
    try {
      done(null, JSON.parse(strictUtf8.decode(body as Buffer)));
    } catch {
      done(invalidJson(), undefined);
    }
  });
}

/** The parsed body of a POST or PUT; a request that sent none is refused the same way. */
export function jsonBody(request: FastifyRequest): unknown {
  if (request.body !== undefined) return request.body;
  if (!isJsonMediaType(request.headers['content-type'])) throw unsupportedMediaType();
  throw invalidJson();
}
