import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiCredentials } from '../../electron/api/api-credentials';
import { buildApiServer, listenOnLoopback } from '../../electron/api/api-server';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { makeCandidateRecord } from '../helpers/candidate-factory';
import { expectError, expectValidationError } from '../helpers/contract-expectations';
import { type HttpResponse, readResponse, sendHttp } from '../helpers/http-client';
import { type TestApi, startTestApi } from '../helpers/test-api';
import { openTestDatabase } from '../helpers/test-database';

const MIB = 1024 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };
const NO_TOKEN = { authorization: '' };

/** A body streamed in chunks with no Content-Length, so only the bytes themselves can give its size away. */
function sendChunked(url: string, path: string, method: string, headers: Record<string, string>, totalBytes: number) {
  return new Promise<HttpResponse>((resolve, reject) => {
    const target = new URL(path, url);
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method, headers: { ...headers, 'transfer-encoding': 'chunked' }, agent: false },
      (res) => readResponse(res).then(resolve, reject),
    );
    // The server may answer and close before every chunk is written.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    const chunk = Buffer.from(`"${'x'.repeat(64 * 1024 - 2)}"`);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('errors: codes and precedence', () => {
  let api: TestApi;
  let id: string;
  let maskedId: string;
  const otherEmail = 'holder@example.com';

  beforeAll(async () => {
    api = await startTestApi();
    const created = await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Target', email: 'target@example.com' } });
    id = created.json.data.id;
    await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Holder', email: otherEmail } });
    const masked = makeCandidateRecord({ email: 'masked.target@example.com', talent_pool_status: 'masked' });
    insertCandidate(api.database.db, masked);
    maskedId = masked.id;
  });
  afterAll(async () => {
    await api.close();
  });

  describe('401 unauthorized', () => {
    const routes = () => [
      ['GET', '/api/v1/candidates'],
      ['GET', `/api/v1/candidates/${id}`],
      ['POST', '/api/v1/candidates'],
      ['PUT', `/api/v1/candidates/${id}`],
      ['GET', '/api/v1/openapi.json'],
    ];

    it.each([
      ['no Authorization header', undefined],
      ['an empty header', ''],
      ['the scheme alone', 'Bearer'],
      ['the scheme and a blank', 'Bearer '],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['the token without a scheme', 'TOKEN'],
      ['a wrong token of the same length', 'SAME_LENGTH'],
      ['a wrong token of another length', 'Bearer x'],
      ['the token with a prefix', 'Bearer xTOKEN'],
      ['the token cut short', 'SHORT'],
      ['two tokens', 'Bearer TOKEN TOKEN'],
    ])('answers 401 for %s, on every route', async (_label, header) => {
      const value = header
        ?.replace('SAME_LENGTH', `Bearer ${'A'.repeat(api.token.length)}`)
        .replace('SHORT', `Bearer ${api.token.slice(0, -1)}`)
        .replaceAll('TOKEN', api.token);
      for (const [method, path] of routes()) {
        const headers: Record<string, string> = { ...JSON_TYPE };
        if (value !== undefined) headers.authorization = value;
        const response = await sendHttp(api.url, path as string, { method, headers, body: { full_name: 'X', email: 'x@example.com' } });
        expectError(response, 401, 'unauthorized');
        expect(response.text).not.toContain(api.token);
      }
    });

    it('changes nothing on a refused write', async () => {
      await sendHttp(api.url, `/api/v1/candidates/${id}`, { method: 'PUT', headers: NO_TOKEN, body: { location: 'Nowhere' } });
      await sendHttp(api.url, '/api/v1/candidates', { method: 'POST', headers: NO_TOKEN, body: { full_name: 'N', email: 'n@example.com' } });
      expect((await api.call('GET', `/api/v1/candidates/${id}`)).json.data.location).toBeNull();
      expect((await api.call('GET', '/api/v1/candidates?search=n%40example.com')).json.meta.total).toBe(0);
    });
  });

  describe('401 before 404', () => {
    it.each([
      ['GET', '/api/v1/nothing-here'],
      ['GET', '/'],
      ['DELETE', '/api/v1/candidates/ID'],
      ['PATCH', '/api/v1/candidates/ID'],
      ['GET', '/api/v1/candidates/3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
      ['PUT', '/api/v1/candidates/3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
      ['GET', '/api/v1/candidates/%E0%A4%A'],
      ['GET', `/api/v1/candidates/${'a'.repeat(150)}`],
    ])('%s %s without a token is 401', async (method, path) => {
      const response = await api.call(method, path.replace('ID', id), { headers: NO_TOKEN, body: { location: 'x' } });
      expectError(response, 401, 'unauthorized');
    });
  });

  describe('404 not_found', () => {
    it.each([
      ['GET', '/api/v1/nothing-here'],
      ['GET', '/api/v2/candidates'],
      ['GET', '/'],
      ['POST', '/api/v1/candidates/ID'],
      ['PUT', '/api/v1/candidates'],
      ['DELETE', '/api/v1/candidates'],
      ['DELETE', '/api/v1/candidates/ID'],
      ['PATCH', '/api/v1/candidates/ID'],
      ['PUT', '/api/v1/openapi.json'],
    ])('%s %s is 404', async (method, path) => {
      const response = await api.call(method, path.replace('ID', id), { body: { location: 'x' } });
      expectError(response, 404, 'not_found');
    });

    it('changes nothing for a method the route lacks', async () => {
      await api.call('DELETE', `/api/v1/candidates/${id}`);
      await api.call('PATCH', `/api/v1/candidates/${id}`, { body: { location: 'Patched' } });
      const response = await api.call('GET', `/api/v1/candidates/${id}`);
      expect(response.status).toBe(200);
      expect(response.json.data.location).toBeNull();
    });
  });

  describe('404 before 413', () => {
    const huge = `{"location":"${'x'.repeat(MIB + 10)}"}`;

    it('a PUT to an unknown id with a body over 1 MiB is 404', async () => {
      const response = await api.call('PUT', '/api/v1/candidates/3f2504e0-4f89-41d3-9a0c-0305e82c3301', { rawBody: huge, headers: JSON_TYPE });
      expectError(response, 404, 'not_found');
    });

    it('a POST to an unknown route with a body over 1 MiB is 404', async () => {
      expectError(await api.call('POST', '/api/v1/other', { rawBody: huge, headers: JSON_TYPE }), 404, 'not_found');
    });

    it('a streamed body over 1 MiB to an unknown id is 404', async () => {
      const response = await sendChunked(api.url, '/api/v1/candidates/3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'PUT', {
        authorization: `Bearer ${api.token}`,
        ...JSON_TYPE,
      }, 2 * MIB);
      expectError(response, 404, 'not_found');
    });
  });

  describe('413 payload_too_large', () => {
    const padded = (bytes: number, email: string) => {
      const base = `{"full_name":"Big Body","email":"${email}"}`;
      return base + ' '.repeat(bytes - base.length);
    };

    it('takes exactly 1 MiB of valid JSON', async () => {
      const body = padded(MIB, 'exactly.one.mib@example.com');
      expect(Buffer.byteLength(body)).toBe(MIB);
      const response = await api.call('POST', '/api/v1/candidates', { rawBody: body, headers: JSON_TYPE });
      expect(response.status, response.text).toBe(201);
    });

    it('refuses one byte more, and writes nothing', async () => {
      const body = padded(MIB + 1, 'one.byte.over@example.com');
      expectError(await api.call('POST', '/api/v1/candidates', { rawBody: body, headers: JSON_TYPE }), 413, 'payload_too_large');
      expect((await api.call('GET', '/api/v1/candidates?search=one.byte.over')).json.meta.total).toBe(0);
    });

    it('refuses a PUT over 1 MiB to a known candidate', async () => {
      const body = `{"location":"${'x'.repeat(MIB)}"}`;
      expectError(await api.call('PUT', `/api/v1/candidates/${id}`, { rawBody: body, headers: JSON_TYPE }), 413, 'payload_too_large');
    });

    it('refuses a streamed body with no Content-Length once it passes 1 MiB', async () => {
      const response = await sendChunked(api.url, '/api/v1/candidates', 'POST', { authorization: `Bearer ${api.token}`, ...JSON_TYPE }, 2 * MIB);
      expectError(response, 413, 'payload_too_large');
    });
  });

  describe('413 before 415', () => {
    it('a body over 1 MiB that is not JSON is 413', async () => {
      const response = await api.call('POST', '/api/v1/candidates', {
        rawBody: 'x'.repeat(MIB + 1),
        headers: { 'content-type': 'text/plain' },
      });
      expectError(response, 413, 'payload_too_large');
    });

    it('so is a streamed one', async () => {
      const response = await sendChunked(api.url, `/api/v1/candidates/${id}`, 'PUT', {
        authorization: `Bearer ${api.token}`,
        'content-type': 'text/plain',
      }, 2 * MIB);
      expectError(response, 413, 'payload_too_large');
    });
  });

  describe('415 unsupported_media_type', () => {
    const valid = '{"full_name":"Typed","email":"typed@example.com"}';

    it.each([
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/json-patch+json',
      'application/xml',
      'json',
    ])('refuses a POST and a PUT sent as %s', async (type) => {
      const headers = { 'content-type': type };
      expectError(await api.call('POST', '/api/v1/candidates', { rawBody: valid, headers }), 415, 'unsupported_media_type');
      expectError(await api.call('PUT', `/api/v1/candidates/${id}`, { rawBody: '{"location":"x"}', headers }), 415, 'unsupported_media_type');
    });

    it('refuses a body with no content type', async () => {
      expectError(await api.call('POST', '/api/v1/candidates', { rawBody: valid }), 415, 'unsupported_media_type');
      expectError(await api.call('PUT', `/api/v1/candidates/${id}`, { rawBody: '{"location":"x"}' }), 415, 'unsupported_media_type');
      expect((await api.call('GET', `/api/v1/candidates/${id}`)).json.data.location).toBeNull();
    });

    it('refuses a POST with neither body nor content type', async () => {
      expectError(await api.call('POST', '/api/v1/candidates'), 415, 'unsupported_media_type');
    });

    it.each([
      'application/json',
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'Application/JSON',
      'APPLICATION/JSON; Charset="utf-8"',
    ])('takes %s', async (type) => {
      const email = `typed.${type.length}.${type.charCodeAt(0)}.${type.includes('"') ? 'q' : 'n'}@example.com`;
      const response = await api.call('POST', '/api/v1/candidates', {
        rawBody: JSON.stringify({ full_name: 'Typed', email }),
        headers: { 'content-type': type },
      });
      expect(response.status, response.text).toBe(201);
    });
  });

  describe('415 before invalid_json', () => {
    it('broken JSON sent as text/plain is 415', async () => {
      expectError(
        await api.call('POST', '/api/v1/candidates', { rawBody: '{"full_name":', headers: { 'content-type': 'text/plain' } }),
        415,
        'unsupported_media_type',
      );
    });
  });

  describe('400 invalid_json', () => {
    it.each([
      ['truncated JSON', '{"full_name":"Jane"'],
      ['an empty body', ''],
      ['only blanks', '   '],
      ['single quotes', "{'full_name':'Jane'}"],
      ['a trailing comma', '{"full_name":"Jane",}'],
      ['trailing garbage', '{"full_name":"Jane"} x'],
      ['two documents', '{}{}'],
      ['NaN', '{"current_ctc":NaN}'],
      ['a comment', '{"full_name":"Jane" /* hi */}'],
      ['a bare word', 'hello'],
    ])('answers invalid_json for %s', async (_label, rawBody) => {
      expectError(await api.call('POST', '/api/v1/candidates', { rawBody, headers: JSON_TYPE }), 400, 'invalid_json');
      expectError(await api.call('PUT', `/api/v1/candidates/${id}`, { rawBody, headers: JSON_TYPE }), 400, 'invalid_json');
    });

    it('answers invalid_json for bytes that are not UTF-8', async () => {
      const bytes = Buffer.concat([Buffer.from('{"full_name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","email":"utf8@example.com"}')]);
      expectError(await api.call('POST', '/api/v1/candidates', { rawBody: bytes, headers: JSON_TYPE }), 400, 'invalid_json');
      const overlong = Buffer.concat([Buffer.from('{"location":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
      expectError(await api.call('PUT', `/api/v1/candidates/${id}`, { rawBody: overlong, headers: JSON_TYPE }), 400, 'invalid_json');
    });
  });

  describe('invalid_json before validation_error', () => {
    it('broken JSON whose fields would also be wrong is invalid_json', async () => {
      expectError(
        await api.call('PUT', `/api/v1/candidates/${id}`, { rawBody: '{"notice_period_days":"soon","nick":1', headers: JSON_TYPE }),
        400,
        'invalid_json',
      );
    });
  });

  describe('validation_error before 409', () => {
    it("another candidate's email alongside an invalid field is a validation_error", async () => {
      expectValidationError(await api.call('PUT', `/api/v1/candidates/${id}`, { body: { email: otherEmail, expected_ctc: -1 } }), [
        'expected_ctc',
      ]);
    });
  });

  describe('409 before 403', () => {
    it("a masked candidate given another candidate's email is 409", async () => {
      expectError(await api.call('PUT', `/api/v1/candidates/${maskedId}`, { body: { email: otherEmail, current_ctc: 1 } }), 409, 'email_taken');
    });
  });

  describe('validation_error before 403', () => {
    it('a locked change alongside an invalid field is a validation_error', async () => {
      expectValidationError(await api.call('PUT', `/api/v1/candidates/${maskedId}`, { body: { phone_number: '+1 555', last_working_day: 'soon' } }), [
        'last_working_day',
      ]);
    });
  });
});

describe('errors: 500 internal_error', () => {
  const token = 'a-token-for-this-test-only';
  let database: ReturnType<typeof openTestDatabase>;
  let app: ReturnType<typeof buildApiServer>;
  let url: string;
  const reported: unknown[] = [];
  const call = (method: string, path: string, body?: unknown) =>
    sendHttp(url, path, { method, headers: { authorization: `Bearer ${token}` }, body });

  // Its own server: the shared helper fails a test on any reported error, and these tests cause them on purpose.
  beforeAll(async () => {
    database = openTestDatabase();
    app = buildApiServer({
      ctx: database.ctx,
      credentials: createApiCredentials(token, () => token),
      version: 'test',
      reportError: (error) => reported.push(error),
    });
    url = await listenOnLoopback(app, 0);
  });
  afterAll(async () => {
    await app.close();
    database.close();
  });

  it('rolls back a half-done write: no candidate without its application', async () => {
    database.db.exec("CREATE TRIGGER refuse_applications BEFORE INSERT ON applications BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    try {
      const created = await call('POST', '/api/v1/candidates', {
        full_name: 'Half Done',
        email: 'half.done@example.com',
        application: { job_id: '550e8400-e29b-41d4-a716-446655440000' },
      });
      expectError(created, 500, 'internal_error');
      expect(created.text).not.toContain('disk on fire');
      expect((await call('GET', '/api/v1/candidates?search=half.done')).json.meta.total).toBe(0);

      const target = await call('POST', '/api/v1/candidates', { full_name: 'Whole', email: 'whole@example.com' });
      expect(target.status).toBe(201);
      const updated = await call('PUT', `/api/v1/candidates/${target.json.data.id}`, {
        location: 'Pune',
        application: { job_id: '550e8400-e29b-41d4-a716-446655440000' },
      });
      expectError(updated, 500, 'internal_error');
      expect((await call('GET', `/api/v1/candidates/${target.json.data.id}`)).json.data).toEqual(target.json.data);
    } finally {
      database.db.exec('DROP TRIGGER refuse_applications');
    }
    expect(reported.length).toBeGreaterThanOrEqual(2);
  });

  it('says nothing internal, and reports the error to the server only', async () => {
    reported.length = 0;
    database.db.exec('DROP TABLE pipeline_statuses');
    const response = await call('POST', '/api/v1/candidates', { full_name: 'Jane Doe', email: 'crash@example.com' });
    expectError(response, 500, 'internal_error');
    expect(response.json.error.details).toBeUndefined();
    expect(response.text).not.toMatch(/pipeline_statuses|sqlite|SELECT|no such table|\bat\s|\.ts\b|node_modules/i);
    expect(reported).toHaveLength(1);
  });
});
