import type { FastifyInstance } from 'fastify';

/** The app's own endpoints, outside the contract. */
export function registerLocalRoutes(app: FastifyInstance, version: string): void {
  // Answers without a token and says nothing but that the server lives, and which version it is.
  app.get('/api/local/health', async () => ({ status: 'ok', version }));
}
