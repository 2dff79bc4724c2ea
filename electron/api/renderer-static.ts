import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The workspace page may load only its own files and talk only to this API:
 * no inline script, no other origin, no framing.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built renderer (out/renderer) at `/`, for a browser pointed at
 * `serve` and for the desktop window alike. Only files present at start are
 * routed (no wildcard), so every other path still answers the API's 404.
 */
export async function registerRendererStatic(app: FastifyInstance, rendererDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: rendererDir,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    cacheControl: false,
    dotfiles: 'deny',
    setHeaders: (reply) => {
      reply.header('content-security-policy', RENDERER_CSP);
      reply.header('referrer-policy', 'no-referrer');
    },
  });
}
