import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN_FILE, loadOrCreateApiToken } from '../../electron/api/api-token';
import { expectError } from '../helpers/contract-expectations';
import { type HttpResponse, readResponse, sendHttp } from '../helpers/http-client';
import { type TestApi, startTestApi } from '../helpers/test-api';

describe('local API security', () => {
  let api: TestApi;
  let port: string;
  let candidateId: string;

  beforeAll(async () => {
    api = await startTestApi();
    port = new URL(api.url).port;
    const created = await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Guarded', email: 'guarded@example.com' } });
    candidateId = created.json.data.id;
  });
  afterAll(async () => {
    await api.close();
  });

  describe('Host header', () => {
    it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT'])('serves Host %s', async (host) => {
      const response = await api.call('GET', '/api/v1/candidates', { headers: { host: host.replace('PORT', port) } });
      expect(response.status).toBe(200);
    });

    it.each([
      'attacker.example',
      'attacker.example:PORT',
      '127.0.0.1',
      'localhost',
      '127.0.0.1:1',
      '127.0.0.2:PORT',
      '0.0.0.0:PORT',
      '[::1]:PORT',
      'localhost.attacker.example:PORT',
      '127.0.0.1:PORT.attacker.example',
      '127.0.0.1:PORT@attacker.example',
    ])('refuses Host %s with 403 host_not_allowed, before the token is even looked at', async (host) => {
      const headers = { host: host.replace('PORT', port) };
      expectError(await api.call('GET', '/api/v1/candidates', { headers }), 403, 'host_not_allowed');
      expectError(await api.call('GET', '/api/v1/candidates', { headers: { ...headers, authorization: '' } }), 403, 'host_not_allowed');
      expectError(await api.call('GET', '/api/v1/nothing-here', { headers }), 403, 'host_not_allowed');
      expectError(await api.call('GET', `/api/v1/candidates/${'a'.repeat(150)}`, { headers }), 403, 'host_not_allowed');
    });

    /** A request whose target is a whole URL, as sent to a proxy; node:http sends `path` as given. */
    const absoluteFormGet = (target: string) =>
      new Promise<HttpResponse>((resolve, reject) => {
        const headers = { host: `127.0.0.1:${port}`, authorization: `Bearer ${api.token}` };
        const req = httpRequest({ host: '127.0.0.1', port, path: target, headers, agent: false }, (res) => readResponse(res).then(resolve, reject));
        req.on('error', reject).end();
      });

    it('takes the host of a target in absolute form over the Host header, as HTTP/1.1 says', async () => {
      expect((await absoluteFormGet(`http://127.0.0.1:${port}/api/v1/candidates`)).status).toBe(200);
      expect((await absoluteFormGet(`HTTP://LOCALHOST:${port}/api/v1/candidates/${candidateId}`)).status).toBe(200);
      for (const target of [
        `http://attacker.example/api/v1/candidates`,
        `http://attacker.example:${port}/api/v1/candidates/${candidateId}`,
        `http://user@127.0.0.1:${port}/api/v1/candidates`,
        `ftp://127.0.0.1:${port}/api/v1/candidates`,
      ]) {
        expectError(await absoluteFormGet(target), 403, 'host_not_allowed');
      }
    });

    it('writes nothing for a refused Host', async () => {
      const response = await api.call('PUT', `/api/v1/candidates/${candidateId}`, {
        headers: { host: 'rebound.attacker.example' },
        body: { location: 'Rebound' },
      });
      expectError(response, 403, 'host_not_allowed');
      expect((await api.call('GET', `/api/v1/candidates/${candidateId}`)).json.data.location).toBeNull();
    });
  });

  describe('Origin header', () => {
    it('serves requests with no Origin, as scripts and macros send them', async () => {
      expect((await api.call('GET', '/api/v1/candidates')).status).toBe(200);
    });

    it.each(['http://127.0.0.1:PORT', 'http://localhost:PORT'])('serves its own origin %s', async (origin) => {
      const response = await api.call('GET', '/api/v1/candidates', { headers: { origin: origin.replace('PORT', port) } });
      expect(response.status).toBe(200);
    });

    it.each([
      'https://attacker.example',
      'http://attacker.example:PORT',
      'null',
      'http://127.0.0.1',
      'http://127.0.0.1:1',
      'https://127.0.0.1:PORT',
      'http://localhost:PORT.attacker.example',
      'file://',
    ])('refuses Origin %s with 403 origin_not_allowed', async (origin) => {
      const headers = { origin: origin.replace('PORT', port) };
      expectError(await api.call('GET', '/api/v1/candidates', { headers }), 403, 'origin_not_allowed');
      const write = await api.call('PUT', `/api/v1/candidates/${candidateId}`, { headers, body: { location: 'Cross-site' } });
      expectError(write, 403, 'origin_not_allowed');
      expect((await api.call('GET', `/api/v1/candidates/${candidateId}`)).json.data.location).toBeNull();
    });
  });

  describe('CORS', () => {
    it('sends no CORS headers, to its own origin or any other', async () => {
      for (const origin of [api.url, 'https://attacker.example']) {
        const response = await api.call('GET', '/api/v1/candidates', { headers: { origin } });
        const corsHeaders = Object.keys(response.headers).filter((name) => name.startsWith('access-control-'));
        expect(corsHeaders).toEqual([]);
      }
    });

    it('does not honour a preflight', async () => {
      for (const origin of [api.url, 'https://attacker.example']) {
        const response = await api.call('OPTIONS', `/api/v1/candidates/${candidateId}`, {
          headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      }
    });

    it('tells browsers not to sniff or cache the answers', async () => {
      const response = await api.call('GET', `/api/v1/candidates/${candidateId}`);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-store');
    });
  });

  describe('bearer token', () => {
    it('keeps the token in the data folder, readable by the user only', () => {
      const file = join(api.database.dir, API_TOKEN_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toBe(api.token);
    });

    it('carries at least 128 random bits', () => {
      expect(api.token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(api.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    });

    it('is made once per data folder and differs between folders', async () => {
      expect(loadOrCreateApiToken(api.database.dir)).toBe(api.token);
      const other = await startTestApi();
      try {
        expect(other.token).not.toBe(api.token);
        expectError(
          await sendHttp(other.url, '/api/v1/candidates', { headers: { authorization: `Bearer ${api.token}` } }),
          401,
          'unauthorized',
        );
      } finally {
        await other.close();
      }
    });

    it('refuses wrong tokens of the same and of other lengths alike', async () => {
      const flipped = (api.token[0] === 'A' ? 'B' : 'A') + api.token.slice(1);
      for (const wrong of [flipped, 'A'.repeat(api.token.length), api.token.slice(0, -1), `${api.token}A`, 'A']) {
        expectError(await api.call('GET', '/api/v1/candidates', { headers: { authorization: `Bearer ${wrong}` } }), 401, 'unauthorized');
      }
    });

    it('names the Bearer scheme on every 401, as HTTP asks', async () => {
      for (const authorization of ['', 'Bearer nope', `Basic ${Buffer.from('a:b').toString('base64')}`]) {
        const response = await api.call('GET', '/api/v1/candidates', { headers: { authorization } });
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
      expect((await api.call('GET', '/api/v1/candidates')).headers['www-authenticate']).toBeUndefined();
    });

    it('takes the scheme in any case, as HTTP allows', async () => {
      expect((await api.call('GET', '/api/v1/candidates', { headers: { authorization: `bearer ${api.token}` } })).status).toBe(200);
      expect((await api.call('GET', '/api/v1/candidates', { headers: { authorization: `BEARER ${api.token}` } })).status).toBe(200);
    });

    it('lets only the health check answer without a token', async () => {
      expect((await api.call('GET', '/api/local/health', { headers: { authorization: '' } })).status).toBe(200);
      expectError(await api.call('GET', '/api/v1/openapi.json', { headers: { authorization: '' } }), 401, 'unauthorized');
    });
  });
});
