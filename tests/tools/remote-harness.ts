import { expect } from 'vitest';
import { type RemoteServer, type RemoteServerOptions, createRemoteServer } from '../../tools/remote-server/remote-server';
import { type HttpRequestOptions, type HttpResponse, sendHttp } from '../helpers/http-client';

export interface TestRemote {
  server: RemoteServer;
  /** A request carrying the API key (unless headers override Authorization). */
  call: (method: string, path: string, options?: HttpRequestOptions) => Promise<HttpResponse>;
}

/**
 * Starts remote servers for a test file and closes every one of them; each
 * records unexpected server errors, and closing fails the test if there were any.
 */
export function remoteServers() {
  const started: RemoteServer[] = [];
  const errors: unknown[] = [];
  return {
    start: async (options: RemoteServerOptions = {}): Promise<TestRemote> => {
      const server = await createRemoteServer({ reportError: (error) => errors.push(error), ...options });
      started.push(server);
      return {
        server,
        call: (method, path, requestOptions = {}) =>
          sendHttp(server.url, path, {
            ...requestOptions,
            method,
            headers: { authorization: `Bearer ${server.apiKey}`, ...requestOptions.headers },
          }),
      };
    },
    closeAll: async () => {
      await Promise.all(started.splice(0).map((server) => server.close()));
      expect(errors.splice(0).map(String)).toEqual([]);
    },
  };
}
