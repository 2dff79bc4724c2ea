import type { FastifyInstance } from 'fastify';
import { AppError } from '@shared/errors';
import { SessionExchangeSchema } from '@shared/local-api-schema';
import type { ApiCredentials } from '../api-credentials';
import { jsonBody } from '../json-body';
import { parseWith } from '../parse-with';
import { SESSION_PATH } from '../request-guards';

/** The one route a request without the token may POST to trades a one-time code for the token. */
export function registerSessionRoutes(app: FastifyInstance, credentials: ApiCredentials): void {
  app.post(SESSION_PATH, async (request) => {
    const { code } = parseWith(SessionExchangeSchema, jsonBody(request));
    if (!credentials.redeemOneTimeCode(code)) {
      throw new AppError('unauthorized', 'That one-time code is wrong or already used: paste the token from the api-token file instead.');
    }
    return { data: { token: credentials.token() } };
  });

  app.post('/api/local/token/regenerate', async () => ({ data: { token: credentials.regenerate() } }));
}
