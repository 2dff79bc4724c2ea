import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiTokenPath } from '../../electron/api/api-token';
import { type LocalService, startLocalService } from '../../electron/cli/local-service';
import { sendHttp } from '../helpers/http-client';
import { makeTempDir } from '../helpers/temp-dir';

describe('one-time codes and the token', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let service: LocalService;
  beforeEach(async () => {
    temp = makeTempDir('recruiter-desk-session-');
    service = await startLocalService({ dataDir: temp.dir, port: 0, reportError: (error) => { throw error; } });
  });
  afterEach(async () => {
    await service.close();
    temp.remove();
  });

  const exchange = (code: unknown) => sendHttp(service.url, '/api/local/session', { method: 'POST', body: { code } });

  it('trades a code for the token once, without a token; the spent code and made-up ones get 401', async () => {
    const code = service.credentials.issueOneTimeCode();
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ data: { token: readFileSync(apiTokenPath(temp.dir), 'utf8').trim() } });

    for (const attempt of [code, 'made-up-code', code.slice(0, -1)]) {
      const refused = await exchange(attempt);
      expect(refused.status).toBe(401);
      expect(refused.json.error.code).toBe('unauthorized');
      expect(refused.text).not.toContain(first.json.data.token);
    }
  });

  it('keeps each code apart: spending one leaves another open', async () => {
    const [a, b] = [service.credentials.issueOneTimeCode(), service.credentials.issueOneTimeCode()];
    expect(a).not.toBe(b);
    expect((await exchange(b)).status).toBe(200);
    expect((await exchange(a)).status).toBe(200);
  });

  it('refuses a body that is not {code} with a validation error, and a foreign origin like any request', async () => {
    const missing = await sendHttp(service.url, '/api/local/session', { method: 'POST', body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0].path).toBe('code');
    const foreign = await sendHttp(service.url, '/api/local/session', {
      method: 'POST',
      body: { code: service.credentials.issueOneTimeCode() },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('origin_not_allowed');
  });

  it('regenerates the token: the old one stops working at once, the new one is in the 0600 file', async () => {
    const old = readFileSync(apiTokenPath(temp.dir), 'utf8').trim();
    const regenerated = await sendHttp(service.url, '/api/local/token/regenerate', { method: 'POST', headers: { authorization: `Bearer ${old}` } });
    expect(regenerated.status).toBe(200);
    const fresh = regenerated.json.data.token as string;
    expect(fresh).not.toBe(old);
    expect(fresh.length).toBeGreaterThanOrEqual(43);
    expect(readFileSync(apiTokenPath(temp.dir), 'utf8').trim()).toBe(fresh);
    expect(statSync(apiTokenPath(temp.dir)).mode & 0o777).toBe(0o600);

    expect((await sendHttp(service.url, '/api/local/jobs', { headers: { authorization: `Bearer ${old}` } })).status).toBe(401);
    expect((await sendHttp(service.url, '/api/local/jobs', { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);
    // A code exchanged after the change hands out the new token.
    expect((await exchange(service.credentials.issueOneTimeCode())).json.data.token).toBe(fresh);
  });

  it('needs the token to regenerate it', async () => {
    const response = await sendHttp(service.url, '/api/local/token/regenerate', { method: 'POST' });
    expect(response.status).toBe(401);
  });
});
