import type { FastifyInstance } from 'fastify';
import { buildApiServer, listenOnLoopback } from '../../electron/api/api-server';
import { createApiCredentials } from '../../electron/api/api-credentials';
import { loadOrCreateApiToken, replaceApiToken } from '../../electron/api/api-token';
import { type HttpRequestOptions, type HttpResponse, sendHttp } from './http-client';
import { type TestDatabase, openTestDatabase } from './test-database';

export interface TestApi {
  url: string;
  token: string;
  database: TestDatabase;
  app: FastifyInstance;
  /** A request carrying the bearer token (unless headers override Authorization). */
  call: (method: string, path: string, options?: HttpRequestOptions) => Promise<HttpResponse>;
  close: () => Promise<void>;
}

/** The real API over a real database file, listening on an ephemeral 127.0.0.1 port. */
export async function startTestApi(options: { now?: () => Date } = {}): Promise<TestApi> {
  const database = openTestDatabase(options);
  const token = loadOrCreateApiToken(database.dir);
  const errors: unknown[] = [];
  const credentials = createApiCredentials(token, () => replaceApiToken(database.dir));
  const app = buildApiServer({
    ctx: database.ctx,
    credentials,
    version: 'test',
    dataDir: database.dir,
    reportError: (error) => errors.push(error),
  });
  const url = await listenOnLoopback(app, 0);
  return {
    url,
    token,
    database,
    app,
    call: (method, path, requestOptions = {}) =>
      sendHttp(url, path, {
        ...requestOptions,
        method,
        headers: { authorization: `Bearer ${token}`, ...requestOptions.headers },
      }),
    close: async () => {
      await app.close();
      database.close();
      if (errors.length > 0) throw new Error(`The API reported unexpected errors: ${errors.map(String).join('; ')}`);
    },
  };
}
