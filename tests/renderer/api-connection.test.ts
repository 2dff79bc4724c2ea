import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../renderer/lib/api-client';
import { tokenInUseIsRefused } from '../../renderer/lib/api-connection';

const OLD_TOKEN = 'token-before-regeneration';
const NEW_TOKEN = 'token-after-regeneration';

/** Starts `server` on an ephemeral port of 127.0.0.1; returns its base URL. */
async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('tokenInUseIsRefused', () => {
  // The local API after a regeneration: it takes only the new token. Answers to the old one can be held back.
  let server: Server;
  let baseUrl: string;
  let holdOldTokenAnswers = false;
  const heldAnswers: (() => void)[] = [];
  let onHeld: (() => void) | undefined;

  beforeEach(async () => {
    holdOldTokenAnswers = false;
    server = createServer((request, response: ServerResponse) => {
      const accepted = request.url === '/api/local/sync' && request.headers.authorization === `Bearer ${NEW_TOKEN}`;
      const answer = () => {
        response.writeHead(accepted ? 200 : 401, { 'Content-Type': 'application/json' });
        response.end(accepted ? '{"data":{}}' : '{"error":{"code":"unauthorized","message":"No."}}');
      };
      if (accepted || !holdOldTokenAnswers) return answer();
      heldAnswers.push(answer);
      onHeld?.();
    });
    baseUrl = await listenOnLoopback(server);
  });

  afterEach(async () => {
    for (const answer of heldAnswers.splice(0)) answer();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is true when the API refuses the token in use, and false when it takes it', async () => {
    expect(await tokenInUseIsRefused(createApiClient({ baseUrl, token: OLD_TOKEN }))).toBe(true);
    expect(await tokenInUseIsRefused(createApiClient({ baseUrl, token: NEW_TOKEN }))).toBe(false);
  });

  it('probes the token in use, not the one a refused request was sent with', async () => {
    const client = createApiClient({ baseUrl, token: OLD_TOKEN });
    await expect(client.request('/api/local/sync')).rejects.toMatchObject({ code: 'unauthorized' });
    client.switchToken(NEW_TOKEN);
    expect(await tokenInUseIsRefused(client)).toBe(false);
  });

  it('is false when the new token came in while the old one was being probed', async () => {
    holdOldTokenAnswers = true;
    const client = createApiClient({ baseUrl, token: OLD_TOKEN });
    const held = new Promise<void>((resolve) => {
      onHeld = resolve;
    });
    const probing = tokenInUseIsRefused(client);
    await held;
    client.switchToken(NEW_TOKEN);
    for (const answer of heldAnswers.splice(0)) answer();
    expect(await probing).toBe(false);
  });

  it('is false when the API does not answer: a network failure is not a refusal', async () => {
    const gone = createServer();
    const goneUrl = await listenOnLoopback(gone);
    await new Promise((resolve) => gone.close(resolve));
    expect(await tokenInUseIsRefused(createApiClient({ baseUrl: goneUrl, token: OLD_TOKEN }))).toBe(false);
  });
});
