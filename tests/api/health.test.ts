import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../helpers/test-api';

describe('GET /api/local/health', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers without a token with liveness and version only', async () => {
    const response = await api.call('GET', '/api/local/health', { headers: { authorization: '' } });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok', version: 'test' });
  });

  it('still refuses a foreign Host', async () => {
    const response = await api.call('GET', '/api/local/health', { headers: { host: 'attacker.example:80' } });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('host_not_allowed');
  });
});
