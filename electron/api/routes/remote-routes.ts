import type { FastifyInstance } from 'fastify';
import { type RemoteConnection, type RemoteDescription, RemoteUpdateSchema } from '@shared/local-api-schema';
import { jsonBody } from '../json-body';
import { parseWith } from '../parse-with';

/** How the composition root lets the recruiter set or forget the cloud to sync with. */
export interface RemoteControl {
  describe: () => RemoteDescription;
  /** Checks the address, and the key with the cloud (a 401 saves nothing), keeps both, and (re)starts sync with them. */
  connect: (remoteUrl: string, apiKey: string) => Promise<RemoteConnection>;
  /** Stops sync (after a run in progress) and forgets address and key. */
  disconnect: () => Promise<void>;
}

/** /api/local/remote: the key goes in and never comes out. */
export function registerRemoteRoutes(app: FastifyInstance, remote: RemoteControl): void {
  app.get('/api/local/remote', async () => ({ data: remote.describe() }));

  app.put('/api/local/remote', async (request) => {
    const update = parseWith(RemoteUpdateSchema, jsonBody(request));
    return { data: await remote.connect(update.remote_url, update.api_key) };
  });

  app.delete('/api/local/remote', async (_request, reply) => {
    await remote.disconnect();
    return reply.code(204).send();
  });
}
