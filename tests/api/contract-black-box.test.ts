import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCandidateById, insertCandidate } from '../../electron/db/candidate-repository';
import { makeCandidateRecord } from '../helpers/candidate-factory';
import type { HttpResponse } from '../helpers/http-client';
import { TestClock } from '../helpers/test-clock';
import { type TestApi, startTestApi } from '../helpers/test-api';

/*
 * A black-box reading of ../shared/api-contract.md against the real server:
 * every check comes from a sentence of the contract, not from the code.
 */

const CANDIDATE_KEYS = [
  'id', 'full_name', 'email', 'phone_number', 'whatsapp_number', 'location', 'preferred_location',
  'primary_skills', 'secondary_skills', 'skill_array', 'total_experience_years', 'current_company',
  'current_designation', 'current_ctc', 'expected_ctc', 'notice_period_days', 'in_notice_period',
  'last_working_day', 'resume_url', 'source', 'screening_score', 'talent_pool_status', 'metadata',
  'created_at', 'updated_at',
].sort();
const APPLICATION_KEYS = [
  'id', 'candidate_id', 'job_id', 'organization_id', 'status', 'screening_score', 'match_score', 'notes',
  'shortlisted_at', 'screening_started_at', 'screening_completed_at', 'status_date', 'outreach_sent_at',
  'interest_clicked_at', 'video_interview_invite_sent_at', 'metadata', 'created_at', 'updated_at',
].sort();
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CANDIDATES = '/api/v1/candidates';
const MiB = 1024 * 1024;

let api: TestApi;
let clock: TestClock;
let counter = 0;

beforeAll(async () => {
  clock = new TestClock();
  api = await startTestApi({ now: clock.now });
});
afterAll(async () => {
  await api.close();
});

function uniqueEmail(prefix = 'c'): string {
  counter += 1;
  return `${prefix}${counter}.${randomUUID().slice(0, 8)}@example.com`;
}

/** A token no other candidate's name contains, to isolate list checks. */
function uniqueTag(): string {
  counter += 1;
  return `zq${counter}x${randomUUID().slice(0, 6)}`;
}

/** Moves the server's clock so an unwanted write would show in updated_at. */
function tick(): void {
  clock.advance(1000);
}

function expectTimestamps(record: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) {
    const value = record[key];
    if (value !== null) expect(value, key).toMatch(TIMESTAMP);
  }
}

function expectCandidateShape(candidate: Record<string, unknown>, withApplications: boolean): void {
  const keys = Object.keys(candidate).sort();
  expect(keys).toEqual(withApplications ? [...CANDIDATE_KEYS, 'applications'].sort() : CANDIDATE_KEYS);
  expect(candidate.id).toMatch(LOWER_UUID);
  expect(candidate.created_at).toMatch(TIMESTAMP);
  expect(candidate.updated_at).toMatch(TIMESTAMP);
  if (withApplications) {
    for (const application of candidate.applications as Record<string, unknown>[]) {
      expect(Object.keys(application).sort()).toEqual(APPLICATION_KEYS);
      expect(application.id).toMatch(LOWER_UUID);
      expect(application.candidate_id).toBe(candidate.id);
      expect(application.job_id).toMatch(LOWER_UUID);
      expect(application.created_at).toMatch(TIMESTAMP);
      expect(application.updated_at).toMatch(TIMESTAMP);
      expectTimestamps(application, [
        'shortlisted_at', 'screening_started_at', 'screening_completed_at', 'status_date', 'outreach_sent_at',
        'interest_clicked_at', 'video_interview_invite_sent_at',
      ]);
    }
  }
}

/** The error envelope, its status and code, and (when given) exactly these detail paths in any order. */
function expectError(res: HttpResponse, status: number, code: string, paths?: string[]): void {
  expect({ status: res.status, body: res.json }).toMatchObject({ status, body: { error: { code } } });
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  expect(Object.keys(res.json)).toEqual(['error']);
  expect(typeof res.json.error.message).toBe('string');
  for (const key of Object.keys(res.json.error)) expect(['code', 'message', 'details']).toContain(key);
  if (paths) {
    const details = res.json.error.details as { path: string; message: string }[];
    for (const detail of details) {
      expect(Object.keys(detail).sort()).toEqual(['message', 'path']);
      expect(typeof detail.message).toBe('string');
    }
    expect(details.map((d) => d.path).sort()).toEqual([...paths].sort());
  }
}

async function post(body: unknown): Promise<HttpResponse> {
  return api.call('POST', CANDIDATES, { body });
}

async function put(id: string, body: unknown): Promise<HttpResponse> {
  return api.call('PUT', `${CANDIDATES}/${id}`, { body });
}

async function get(id: string): Promise<any> {
  const res = await api.call('GET', `${CANDIDATES}/${id}`);
  expect(res.status).toBe(200);
  expectCandidateShape(res.json.data, true);
  return res.json.data;
}

async function create(fields: Record<string, unknown> = {}): Promise<any> {
  const res = await post({ full_name: 'Jane Doe', email: uniqueEmail(), ...fields });
  expect(res.status, res.text).toBe(201);
  return res.json.data;
}

function insertStored(overrides: Parameters<typeof makeCandidateRecord>[0] = {}) {
  const record = makeCandidateRecord({ email: uniqueEmail('stored'), ...overrides });
  insertCandidate(api.database.db, record);
  return record;
}

function insertMasked(overrides: Parameters<typeof makeCandidateRecord>[0] = {}) {
  return insertStored({ talent_pool_status: 'masked', ...overrides });
}

async function list(query: string): Promise<HttpResponse> {
  return api.call('GET', `${CANDIDATES}${query}`);
}

/** A POST whose body is streamed in chunks with no Content-Length, as clients uploading a stream send it. */
function postChunked(chunks: string[]): Promise<{ status: number; json: any }> {
  const url = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: CANDIDATES,
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('transport and auth', () => {
  it('refuses a missing, wrong or non-Bearer token with 401, before anything else', async () => {
    const noToken = await api.call('GET', CANDIDATES, { headers: { authorization: '' } });
    expectError(noToken, 401, 'unauthorized');
    const wrong = await api.call('GET', CANDIDATES, { headers: { authorization: `Bearer ${api.token}x` } });
    expectError(wrong, 401, 'unauthorized');
    const basic = await api.call('GET', CANDIDATES, { headers: { authorization: `Basic ${api.token}` } });
    expectError(basic, 401, 'unauthorized');
    const bare = await api.call('GET', CANDIDATES, { headers: { authorization: api.token } });
    expectError(bare, 401, 'unauthorized');
    // 401 beats 404 (unknown route, unknown id, missing method) and 413/415/invalid_json.
    const route = await api.call('GET', '/api/v1/nothing-here', { headers: { authorization: 'Bearer nope' } });
    expectError(route, 401, 'unauthorized');
    const method = await api.call('DELETE', `${CANDIDATES}/${randomUUID()}`, { headers: { authorization: 'Bearer nope' } });
    expectError(method, 401, 'unauthorized');
    const big = await api.call('POST', CANDIDATES, {
      rawBody: 'x'.repeat(MiB + 10),
      headers: { authorization: 'Bearer nope', 'content-type': 'text/plain' },
    });
    expectError(big, 401, 'unauthorized');
    const badJson = await api.call('PUT', `${CANDIDATES}/${randomUUID()}`, {
      rawBody: '{',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
    });
    expectError(badJson, 401, 'unauthorized');
  });

  it('keeps the token in the data folder, readable by the user only, with at least 128 random bits', async () => {
    const file = join(api.database.dir, 'api-token');
    expect(readFileSync(file, 'utf8').trim()).toBe(api.token);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    // base64url or hex: at least 22 or 32 characters carry 128 bits.
    expect(api.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    if (/^[0-9a-f]+$/i.test(api.token)) expect(api.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers an unexpected failure with 500 internal_error, without SQL or a stack trace', async () => {
    const broken = await startTestApi();
    try {
      broken.database.db.exec('ALTER TABLE candidates RENAME TO candidates_gone');
      const res = await broken.call('GET', CANDIDATES);
      expectError(res, 500, 'internal_error');
      expect(res.text).not.toMatch(/candidates_gone|no such table|SQLITE|sqlite|SELECT|\bat \S+ \(|\.ts:\d+/);
    } finally {
      await expect(broken.close()).rejects.toThrow(/unexpected errors/);
    }
  });

  it('accepts application/json with a charset parameter, in any spelling a client sends', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON']) {
      const res = await api.call('POST', CANDIDATES, {
        rawBody: JSON.stringify({ full_name: 'Charset Case', email: uniqueEmail() }),
        headers: { 'content-type': type },
      });
      expect(res.status, type).toBe(201);
    }
  });

  it('answers 415 for a body that is not application/json, charset or not, before invalid_json', async () => {
    const id = (await create()).id;
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'text/json', 'application/jsonx']) {
      const res = await api.call('POST', CANDIDATES, {
        rawBody: JSON.stringify({ full_name: 'X', email: uniqueEmail() }),
        headers: { 'content-type': type },
      });
      expectError(res, 415, 'unsupported_media_type');
      const bad = await api.call('PUT', `${CANDIDATES}/${id}`, { rawBody: '{not json', headers: { 'content-type': type } });
      expectError(bad, 415, 'unsupported_media_type');
    }
    const missing = await api.call('POST', CANDIDATES, { rawBody: JSON.stringify({ full_name: 'X', email: uniqueEmail() }) });
    expectError(missing, 415, 'unsupported_media_type');
  });

  it('takes a body of exactly 1 MiB and refuses one byte more with 413, before 415', async () => {
    const json = JSON.stringify({ full_name: 'Big Body', email: uniqueEmail() });
    const exact = await api.call('POST', CANDIDATES, {
      rawBody: json + ' '.repeat(MiB - Buffer.byteLength(json)),
      headers: { 'content-type': 'application/json' },
    });
    expect(exact.status, exact.text).toBe(201);
    const over = await api.call('POST', CANDIDATES, {
      rawBody: json + ' '.repeat(MiB + 1 - Buffer.byteLength(json)),
      headers: { 'content-type': 'application/json' },
    });
    expectError(over, 413, 'payload_too_large');
    const overPlain = await api.call('POST', CANDIDATES, {
      rawBody: 'x'.repeat(MiB + 1),
      headers: { 'content-type': 'text/plain' },
    });
    expectError(overPlain, 413, 'payload_too_large');
  });

  it('counts a chunked body without Content-Length against the 1 MiB limit too', async () => {
    const over = await postChunked(['{"full_name":"', 'x'.repeat(MiB), '"}']);
    expect(over.status).toBe(413);
    expect(over.json.error.code).toBe('payload_too_large');
    const small = await postChunked(['{"full_name":"Chunked",', `"email":"${uniqueEmail()}"}`]);
    expect(small.status).toBe(201);
  });

  it('answers 404 before 413 for an unknown id', async () => {
    const res = await api.call('PUT', `${CANDIDATES}/${randomUUID()}`, {
      rawBody: `{"location":"${'x'.repeat(MiB + 1)}"}`,
      headers: { 'content-type': 'text/plain' },
    });
    expectError(res, 404, 'not_found');
  });

  it('answers 404 in the envelope for unknown routes, ids and methods', async () => {
    const id = (await create()).id;
    expectError(await api.call('GET', '/api/v1/nothing-here'), 404, 'not_found');
    expectError(await api.call('GET', `${CANDIDATES}/${randomUUID()}`), 404, 'not_found');
    expectError(await api.call('GET', `${CANDIDATES}/not-a-uuid`), 404, 'not_found');
    expectError(await api.call('DELETE', `${CANDIDATES}/${id}`), 404, 'not_found');
    expectError(await api.call('PATCH', `${CANDIDATES}/${id}`, { body: { location: 'X' } }), 404, 'not_found');
    expectError(await api.call('DELETE', CANDIDATES), 404, 'not_found');
    expectError(await api.call('PUT', CANDIDATES, { body: { location: 'X' } }), 404, 'not_found');
    expectError(await api.call('POST', `${CANDIDATES}/${id}`, { body: { location: 'X' } }), 404, 'not_found');
    expect((await get(id)).location).toBeNull();
  });

  it('answers invalid_json for unparseable and empty bodies, and 404 first for an unknown id', async () => {
    expectError(await api.call('POST', CANDIDATES, { rawBody: '{"full_name":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    expectError(await api.call('POST', CANDIDATES, { rawBody: '', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    expectError(await api.call('POST', CANDIDATES, { rawBody: '{"full_name":"A"} x', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    const id = (await create()).id;
    expectError(await api.call('PUT', `${CANDIDATES}/${id}`, { rawBody: "{'a':1}", headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    expectError(
      await api.call('PUT', `${CANDIDATES}/${randomUUID()}`, { rawBody: '{', headers: { 'content-type': 'application/json' } }),
      404,
      'not_found',
    );
  });

  it('treats a byte-order mark as either accepted or invalid_json, never a crash', async () => {
    const res = await api.call('POST', CANDIDATES, {
      rawBody: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ full_name: 'Bom', email: uniqueEmail() }))]),
      headers: { 'content-type': 'application/json' },
    });
    if (res.status === 201) expect(res.json.data.full_name).toBe('Bom');
    else expectError(res, 400, 'invalid_json');
  });

  it('answers a body that parses but is not an object with validation_error at ""', async () => {
    for (const raw of ['[]', '[{"full_name":"A"}]', '"text"', '42', 'null', 'true']) {
      const res = await api.call('POST', CANDIDATES, { rawBody: raw, headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'validation_error', ['']);
    }
    const id = (await create()).id;
    expectError(await api.call('PUT', `${CANDIDATES}/${id}`, { rawBody: '[]', headers: { 'content-type': 'application/json' } }), 400, 'validation_error', ['']);
  });
});

describe('validation details', () => {
  it('lists one entry per offending field, in dotted paths, several at once', async () => {
    const res = await post({
      full_name: '',
      email: 'not-an-email',
      notice_period_days: 400,
      current_ctc: '18',
      primary_skills: ['React', 5, 'Go', 7],
      unknown_field: 1,
      application: { job_id: 'nope', status: 'Nope', extra: true },
    });
    expectError(res, 400, 'validation_error', [
      'full_name', 'email', 'notice_period_days', 'current_ctc', 'primary_skills.1', 'primary_skills.3', 'unknown_field',
      'application.job_id', 'application.status', 'application.extra',
    ]);
  });

  it('names both missing required fields on POST', async () => {
    expectError(await post({}), 400, 'validation_error', ['full_name', 'email']);
    expectError(await post({ full_name: 'Only Name' }), 400, 'validation_error', ['email']);
  });

  it('gives one entry for a field that breaks several rules', async () => {
    const res = await post({ full_name: 'A', email: uniqueEmail(), notice_period_days: -1.5 });
    expectError(res, 400, 'validation_error', ['notice_period_days']);
    const long = await post({ full_name: 'A', email: `${'x'.repeat(300)} spaces`, location: 'x'.repeat(501) });
    expectError(long, 400, 'validation_error', ['email', 'location']);
  });

  it('names list query parameters by name, both at once', async () => {
    expectError(await list('?limit=0&offset=-1'), 400, 'validation_error', ['limit', 'offset']);
    expectError(await list('?job_id=abc'), 400, 'validation_error', ['job_id']);
  });
});

describe('field rules', () => {
  it('trims strings, stores the email as given after trimming, and turns empty strings into null', async () => {
    const email = uniqueEmail('MixedCase');
    const c = await create({
      full_name: '  Jane  Doe \t',
      email: `  ${email.toUpperCase()}  `,
      location: '   ',
      preferred_location: '',
      current_company: ' Acme ',
      last_working_day: ' 2024-02-29 ',
      resume_url: ' https://example.com/cv.pdf ',
      phone_number: '',
    });
    expect(c.full_name).toBe('Jane  Doe');
    expect(c.email).toBe(email.toUpperCase());
    expect(c.location).toBeNull();
    expect(c.preferred_location).toBeNull();
    expect(c.current_company).toBe('Acme');
    expect(c.last_working_day).toBe('2024-02-29');
    expect(c.resume_url).toBe('https://example.com/cv.pdf');
    expect(c.phone_number).toBeNull();
    expectCandidateShape(c, true);
  });

  it('counts full_name length in code points after trimming: 1 to 200', async () => {
    expect((await create({ full_name: `  ${'😀'.repeat(200)}  ` })).full_name).toBe('😀'.repeat(200));
    expect((await create({ full_name: 'x'.repeat(200) })).full_name).toHaveLength(200);
    expectError(await post({ full_name: '😀'.repeat(201), email: uniqueEmail() }), 400, 'validation_error', ['full_name']);
    expectError(await post({ full_name: 'x'.repeat(201), email: uniqueEmail() }), 400, 'validation_error', ['full_name']);
    expectError(await post({ full_name: '  ', email: uniqueEmail() }), 400, 'validation_error', ['full_name']);
    expectError(await post({ full_name: null, email: uniqueEmail() }), 400, 'validation_error', ['full_name']);
    expectError(await post({ full_name: 5, email: uniqueEmail() }), 400, 'validation_error', ['full_name']);
  });

  it('limits other strings to 500 code points and application.notes to 5,000', async () => {
    const job = randomUUID();
    const c = await create({
      location: '😀'.repeat(500),
      resume_url: `https://example.com/${'a'.repeat(500 - 20)}`,
      application: { job_id: job, notes: '😀'.repeat(5000) },
    });
    expect([...c.location]).toHaveLength(500);
    expect(c.resume_url).toHaveLength(500);
    expect([...c.applications[0].notes]).toHaveLength(5000);
    expectError(await put(c.id, { location: '😀'.repeat(501) }), 400, 'validation_error', ['location']);
    expectError(await put(c.id, { resume_url: `https://example.com/${'a'.repeat(501 - 20)}` }), 400, 'validation_error', ['resume_url']);
    expectError(await put(c.id, { application: { job_id: job, notes: 'n'.repeat(5001) } }), 400, 'validation_error', ['application.notes']);
    expectError(await put(c.id, { primary_skills: ['x'.repeat(501)] }), 400, 'validation_error', ['primary_skills.0']);
  });

  it('checks the email shape and its 254-character limit', async () => {
    const at254 = (prefix: string) => {
      const local = `${prefix}${'l'.repeat(40)}`.slice(0, 40);
      const domainLength = 254 - local.length - 1 - '.com'.length;
      const labels: string[] = [];
      let left = domainLength;
      while (left > 0) {
        const size = Math.min(50, left);
        labels.push('d'.repeat(size));
        left -= size + 1;
      }
      const address = `${local}@${labels.join('.')}.com`;
      return address.slice(0, 254);
    };
    counter += 1;
    const email254 = at254(`u${counter}x`);
    expect(email254).toHaveLength(254);
    expect(email254).toMatch(/^[^@]+@[^@]+\.com$/);
    expect((await create({ email: email254 })).email).toBe(email254);
    const email255 = `a${email254}`;
    expectError(await post({ full_name: 'A', email: email255 }), 400, 'validation_error', ['email']);
    const controlCharacters = ['a@example.com\u0000', 'a\u0007b@example.com', 'a@exa\u007fmple.com', 'a\u0085@example.com'];
    for (const bad of ['plain', 'a@b', '@example.com', 'a@.com', 'a b@example.com', 'a@exa mple.com', 'a@@example.com', '', ...controlCharacters]) {
      expectError(await post({ full_name: 'A', email: bad }), 400, 'validation_error', ['email']);
    }
  });

  it('dedupes skills case-insensitively keeping the first spelling, drops empties, and builds skill_array', async () => {
    const c = await create({
      primary_skills: [' React ', 'react', '', '   ', 'TypeScript', 'REACT'],
      secondary_skills: ['typescript', 'Docker', 'docker ', 'Go'],
    });
    expect(c.primary_skills).toEqual(['React', 'TypeScript']);
    expect(c.secondary_skills).toEqual(['typescript', 'Docker', 'Go']);
    expect(c.skill_array).toEqual(['React', 'TypeScript', 'Docker', 'Go']);
    const secondaryOnly = await put(c.id, { secondary_skills: ['react', 'Rust'] });
    expect(secondaryOnly.json.data.skill_array).toEqual(['React', 'TypeScript', 'Rust']);
    const bare = await create();
    expect(bare.primary_skills).toEqual([]);
    expect(bare.secondary_skills).toEqual([]);
    expect(bare.skill_array).toEqual([]);
    expectError(await put(c.id, { primary_skills: 'React' }), 400, 'validation_error', ['primary_skills']);
    expectError(await put(c.id, { primary_skills: null }), 400, 'validation_error', ['primary_skills']);
    expectError(await put(c.id, { secondary_skills: null }), 400, 'validation_error', ['secondary_skills']);
    expectError(await put(c.id, { secondary_skills: [null] }), 400, 'validation_error', ['secondary_skills.0']);
  });

  it('takes numbers only as finite JSON numbers of 0 or more', async () => {
    const c = await create({ total_experience_years: 6.5, current_ctc: 0, expected_ctc: 24.75 });
    expect(c.total_experience_years).toBe(6.5);
    expect(c.current_ctc).toBe(0);
    expect(c.expected_ctc).toBe(24.75);
    for (const field of ['total_experience_years', 'current_ctc', 'expected_ctc']) {
      for (const value of ['18', -0.5, true, [], {}]) {
        expectError(await put(c.id, { [field]: value }), 400, 'validation_error', [field]);
      }
      const infinite = await api.call('PUT', `${CANDIDATES}/${c.id}`, {
        rawBody: `{"${field}": 1e400}`,
        headers: { 'content-type': 'application/json' },
      });
      expectError(infinite, 400, 'validation_error', [field]);
      expect((await put(c.id, { [field]: null })).json.data[field]).toBeNull();
    }
  });

  it('takes notice_period_days as an integer from 0 to 365', async () => {
    const c = await create();
    for (const [raw, value] of [['0', 0], ['365', 365], ['365.0', 365], ['1e2', 100]] as const) {
      const res = await api.call('PUT', `${CANDIDATES}/${c.id}`, {
        rawBody: `{"notice_period_days": ${raw}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, raw).toBe(200);
      expect(res.json.data.notice_period_days).toBe(value);
    }
    for (const bad of [366, -1, 30.5, '30', true]) {
      expectError(await put(c.id, { notice_period_days: bad }), 400, 'validation_error', ['notice_period_days']);
    }
    expect((await put(c.id, { notice_period_days: null })).json.data.notice_period_days).toBeNull();
  });

  it('takes in_notice_period as a boolean or null', async () => {
    const c = await create({ in_notice_period: true });
    expect(c.in_notice_period).toBe(true);
    for (const bad of ['true', 0, 1, '']) {
      expectError(await put(c.id, { in_notice_period: bad }), 400, 'validation_error', ['in_notice_period']);
    }
    expect((await put(c.id, { in_notice_period: false })).json.data.in_notice_period).toBe(false);
    expect((await put(c.id, { in_notice_period: null })).json.data.in_notice_period).toBeNull();
  });

  it('takes last_working_day as a real YYYY-MM-DD date or null', async () => {
    const c = await create();
    for (const good of ['2024-02-29', '2026-12-31', '2000-02-29']) {
      expect((await put(c.id, { last_working_day: good })).json.data.last_working_day).toBe(good);
    }
    for (const bad of ['2025-02-29', '1900-02-29', '2024-13-01', '2024-04-31', '2024-2-1', '2024-02-29T00:00:00Z', '29/02/2024', 20240229]) {
      expectError(await put(c.id, { last_working_day: bad }), 400, 'validation_error', ['last_working_day']);
    }
    expect((await put(c.id, { last_working_day: '' })).json.data.last_working_day).toBeNull();
  });

  it('takes resume_url as an http or https URL or null', async () => {
    const c = await create();
    for (const good of ['http://example.com/cv', 'https://example.com/cv.pdf?x=1', 'HTTPS://EXAMPLE.COM/CV']) {
      expect((await put(c.id, { resume_url: good })).status, good).toBe(200);
    }
    for (const bad of ['ftp://example.com/cv', 'javascript:alert(1)', 'example.com/cv', 'not a url', 'file:///etc/passwd', 'mailto:a@b.com']) {
      expectError(await put(c.id, { resume_url: bad }), 400, 'validation_error', ['resume_url']);
    }
    expect((await put(c.id, { resume_url: null })).json.data.resume_url).toBeNull();
  });

  it('accepts resume_path on POST only, and never returns it', async () => {
    const c = await create({ resume_path: '/resumes/jane.pdf' });
    expect(c).not.toHaveProperty('resume_path');
    expect(await get(c.id)).not.toHaveProperty('resume_path');
    expectError(await put(c.id, { resume_path: '/resumes/other.pdf' }), 400, 'validation_error', ['resume_path']);
    expectError(await put(c.id, { resume_path: null }), 400, 'validation_error', ['resume_path']);
  });

  it('takes metadata as an object of at most 16 KiB of compact UTF-8 JSON', async () => {
    const c = await create();
    // {"k":"…"} is 8 bytes around the value; é is two bytes in UTF-8.
    const exact = { k: 'é'.repeat(8188) };
    expect(Buffer.byteLength(JSON.stringify(exact))).toBe(16384);
    expect((await put(c.id, { metadata: exact })).status).toBe(200);
    const over = { k: `${'é'.repeat(8188)}x` };
    expectError(await put(c.id, { metadata: over }), 400, 'validation_error', ['metadata']);
    // Whitespace in the request does not count: the size is of compact JSON.
    const spaced = await api.call('PUT', `${CANDIDATES}/${c.id}`, {
      rawBody: `{ "metadata" :   {   "k"   :   "${'x'.repeat(16376)}"   }   }`,
      headers: { 'content-type': 'application/json' },
    });
    expect(spaced.status, spaced.text).toBe(200);
    for (const bad of [[], ['a'], 'text', 5, true]) {
      expectError(await put(c.id, { metadata: bad }), 400, 'validation_error', ['metadata']);
    }
  });

  it('takes metadata at most 32 levels deep, the object itself being level 1', async () => {
    const c = await create();
    const nested = (levels: number, arrays: boolean) => {
      let value: unknown = {};
      for (let level = 1; level < levels; level++) value = arrays ? { a: [value] } : { a: value };
      return value;
    };
    const objects = (levels: number) => {
      let value: Record<string, unknown> = { leaf: 1 };
      for (let level = 1; level < levels; level++) value = { a: value };
      return value;
    };
    expect((await put(c.id, { metadata: objects(32) })).status).toBe(200);
    expectError(await put(c.id, { metadata: objects(33) }), 400, 'validation_error', ['metadata']);
    // {a:[{a:[…]}]}: every array adds a level too. 2k-1 levels for k objects around k-1 arrays.
    const mixed31 = nested(16, true);
    const mixed33 = nested(17, true);
    expect((await put(c.id, { metadata: mixed31 })).status).toBe(200);
    expectError(await put(c.id, { metadata: mixed33 }), 400, 'validation_error', ['metadata']);
    const arrays32: Record<string, unknown> = { a: JSON.parse(`${'['.repeat(31)}${']'.repeat(31)}`) };
    expect((await put(c.id, { metadata: arrays32 })).status).toBe(200);
    const arrays33: Record<string, unknown> = { a: JSON.parse(`${'['.repeat(32)}${']'.repeat(32)}`) };
    expectError(await put(c.id, { metadata: arrays33 }), 400, 'validation_error', ['metadata']);
  });

  it('replaces metadata as a whole on PUT and clears it with null', async () => {
    const c = await create({ metadata: { a: 1, b: { c: 2 } } });
    expect(c.metadata).toEqual({ a: 1, b: { c: 2 } });
    const keys = await api.call('PUT', `${CANDIDATES}/${c.id}`, {
      rawBody: '{"metadata":{"__proto__":{"x":1},"constructor":{"prototype":1}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(keys.status).toBe(200);
    expect(keys.text).toContain('"metadata":{"__proto__":{"x":1},"constructor":{"prototype":1}}');
    const infinite = await api.call('PUT', `${CANDIDATES}/${c.id}`, {
      rawBody: '{"metadata":{"x":1e400}}',
      headers: { 'content-type': 'application/json' },
    });
    expectError(infinite, 400, 'validation_error', ['metadata']);
    expect((await put(c.id, { metadata: { b: 3 } })).json.data.metadata).toEqual({ b: 3 });
    expect((await put(c.id, { metadata: null })).json.data.metadata).toBeNull();
  });

  it('refuses null for application and application.status, and unknown keys inside application', async () => {
    const c = await create();
    const job = randomUUID();
    expectError(await put(c.id, { application: null }), 400, 'validation_error', ['application']);
    expectError(await put(c.id, { application: { job_id: job, status: null } }), 400, 'validation_error', ['application.status']);
    expectError(await put(c.id, { application: { job_id: job, stage: 'Applied' } }), 400, 'validation_error', ['application.stage']);
    expectError(await put(c.id, { application: { status: 'Applied' } }), 400, 'validation_error', ['application.job_id']);
    expectError(await put(c.id, { application: [] }), 400, 'validation_error', ['application']);
    expect((await get(c.id)).applications).toEqual([]);
  });

  it('defaults source to api on POST (missing, null or empty) and lets PUT clear it', async () => {
    expect((await create()).source).toBe('api');
    expect((await create({ source: null })).source).toBe('api');
    expect((await create({ source: '' })).source).toBe('api');
    expect((await create({ source: '   ' })).source).toBe('api');
    const c = await create({ source: ' referral ' });
    expect(c.source).toBe('referral');
    expect((await put(c.id, { source: null })).json.data.source).toBeNull();
    const d = await create({ source: 'x' });
    expect((await put(d.id, { source: '' })).json.data.source).toBeNull();
  });

  it('refuses unknown fields by name', async () => {
    expectError(await post({ full_name: 'A', email: uniqueEmail(), nickname: 'x' }), 400, 'validation_error', ['nickname']);
    // It parses, so it is JSON: a field named __proto__ is an unknown field, not a parse error.
    const proto = await api.call('POST', CANDIDATES, {
      rawBody: `{"full_name":"A","email":"${uniqueEmail()}","__proto__":{"x":1}}`,
      headers: { 'content-type': 'application/json' },
    });
    expectError(proto, 400, 'validation_error', ['__proto__']);
    const c = await create();
    expectError(await put(c.id, { Email: 'x@example.com', resume_text: 'x' }), 400, 'validation_error', ['Email', 'resume_text']);
  });

  it('ignores read-only fields, so a GET can be sent straight back without changing anything', async () => {
    const c = await create({
      primary_skills: ['React'],
      secondary_skills: ['react', 'Go'],
      metadata: { x: 1 },
      last_working_day: '2024-02-29',
      application: { job_id: randomUUID(), status: 'shortlisted', notes: 'n' },
    });
    tick();
    const before = await get(c.id);
    const res = await put(c.id, before);
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toEqual(before);
    const ignored = await put(c.id, {
      id: randomUUID(),
      skill_array: ['Other'],
      screening_score: 99,
      talent_pool_status: 'revealed',
      created_at: '2000-01-01T00:00:00.000Z',
      updated_at: '2000-01-01T00:00:00.000Z',
      applications: [],
    });
    expect(ignored.status, ignored.text).toBe(200);
    expect(ignored.json.data).toEqual(before);
    const posted = await post({ ...before, email: uniqueEmail(), id: randomUUID() });
    expect(posted.status, posted.text).toBe(201);
    expect(posted.json.data.id).not.toBe(before.id);
  });
});

describe('list', () => {
  it('defaults limit to 50 and offset to 0, echoes them in meta, and carries no applications', async () => {
    await create({ application: { job_id: randomUUID() } });
    const res = await list('');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['data', 'meta']);
    expect(Object.keys(res.json.meta).sort()).toEqual(['limit', 'offset', 'total']);
    expect(res.json.meta.limit).toBe(50);
    expect(res.json.meta.offset).toBe(0);
    for (const item of res.json.data) expectCandidateShape(item, false);
  });

  it('takes limit 1..100 and offset 0.. as decimal digits only, anything else a validation_error', async () => {
    for (const good of ['?limit=1', '?limit=100', '?limit=05', '?offset=0', '?offset=100000']) {
      expect((await list(good)).status, good).toBe(200);
    }
    expect((await list('?limit=05')).json.meta.limit).toBe(5);
    for (const bad of ['0', '101', '-1', '+5', '%205', '5%20', '5.0', '0x10', '1e1', '', 'five', '5&limit=6']) {
      expectError(await list(`?limit=${bad}`), 400, 'validation_error', ['limit']);
    }
    for (const bad of ['-1', '+0', '1.0', '', '0x1', 'abc', '%2010']) {
      expectError(await list(`?offset=${bad}`), 400, 'validation_error', ['offset']);
    }
  });

  it('orders newest first, created_at then id descending, and counts every match in meta.total', async () => {
    const tag = uniqueTag();
    const stamp = '2026-10-01T00:00:00.000Z';
    for (let i = 0; i < 3; i++) insertStored({ full_name: `Tie ${tag}`, created_at: stamp, updated_at: stamp });
    insertStored({ full_name: `Old ${tag}`, created_at: '2026-09-01T00:00:00.000Z', updated_at: stamp });
    insertStored({ full_name: `New ${tag}`, created_at: '2026-10-02T00:00:00.000Z', updated_at: stamp });
    const all = await list(`?search=${tag}`);
    expect(all.json.meta.total).toBe(5);
    const names = all.json.data.map((c: any) => c.full_name);
    expect(names[0]).toBe(`New ${tag}`);
    expect(names[4]).toBe(`Old ${tag}`);
    const tieIds = all.json.data.slice(1, 4).map((c: any) => c.id);
    expect(tieIds).toEqual([...tieIds].sort().reverse());
    const page = await list(`?search=${tag}&limit=2&offset=2`);
    expect(page.json.meta).toEqual({ total: 5, limit: 2, offset: 2 });
    expect(page.json.data.map((c: any) => c.id)).toEqual(all.json.data.slice(2, 4).map((c: any) => c.id));
    const past = await list(`?search=${tag}&offset=10`);
    expect(past.json).toMatchObject({ data: [], meta: { total: 5, limit: 50, offset: 10 } });
  });

  it('orders candidates created in the same millisecond by id descending', async () => {
    const tag = uniqueTag();
    for (let i = 0; i < 6; i++) await create({ full_name: `Same ${tag}` });
    const res = await list(`?search=${tag}`);
    const ids = res.json.data.map((c: any) => c.id);
    expect(ids).toHaveLength(6);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('searches name or email, trimmed, case-insensitive, as a plain substring', async () => {
    const tag = uniqueTag();
    const byName = await create({ full_name: `Élodie ${tag.toUpperCase()} Ünal` });
    const byEmail = await create({ email: `${tag}.mail@Example.com` });
    await create({ full_name: 'Nobody Here' });
    const ids = async (query: string) => (await list(query)).json.data.map((c: any) => c.id).sort();
    expect(await ids(`?search=${encodeURIComponent(`  ${tag}  `)}`)).toEqual([byName.id, byEmail.id].sort());
    expect(await ids(`?search=${encodeURIComponent(`élodie ${tag}`)}`)).toEqual([byName.id]);
    expect(await ids(`?search=${encodeURIComponent(`ÉLODIE ${tag.toUpperCase()} üNAL`)}`)).toEqual([byName.id]);
    expect(await ids(`?search=${encodeURIComponent(`${tag}.MAIL@EXAMPLE`)}`)).toEqual([byEmail.id]);
    // Form encoding, as Python's requests sends params: + is a space.
    expect(await ids(`?search=${tag}+%C3%BCnal`)).toEqual([byName.id]);
    // Short fragments and characters with meaning in SQL or full-text syntax are plain text.
    expect(await ids(`?search=${encodeURIComponent(`${tag.slice(-2)} Ü`)}`)).toEqual([byName.id]);
    for (const odd of ['%', '_', '"', "'", '*', 'OR', 'a" OR "b', '(', 'NEAR(', '-x', '\\']) {
      const res = await list(`?search=${encodeURIComponent(odd)}`);
      expect(res.status, odd).toBe(200);
    }
    const under = uniqueTag();
    const literal = await create({ full_name: `Lit ${under}_x%y` });
    await create({ full_name: `Lit ${under}ax_y` });
    expect(await ids(`?search=${encodeURIComponent(`${under}_x%`)}`)).toEqual([literal.id]);
  });

  it('finds exactly the candidates whose name or unmasked email contains the term, for short and odd terms', async () => {
    insertMasked({ full_name: 'Masked Oracle', email: 'oracle.masked@example.com' });
    await create({ full_name: 'Ünal Ölçer 😀 O\'Brien', email: uniqueEmail('oracle') });
    await create({ full_name: '100% under_score', email: uniqueEmail('pct') });
    const everyone: any[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = (await list(`?limit=100&offset=${offset}`)).json;
      everyone.push(...page.data);
      if (everyone.length >= page.meta.total) break;
    }
    for (const term of ['a', 'Z', 'ja', 'ÜN', 'öl', '😀', "'", '%', '_', '.', '@', 'oracle', 'masked', 'example.com', '1', '0%', 'r_s']) {
      const expected = everyone
        .filter((c) => c.full_name.toLowerCase().includes(term.toLowerCase()) || c.email.toLowerCase().includes(term.toLowerCase()))
        .map((c) => c.id);
      const found = (await list(`?limit=100&search=${encodeURIComponent(term)}`)).json;
      expect(found.meta.total, term).toBe(expected.length);
      if (expected.length <= 100) expect(found.data.map((c: any) => c.id), term).toEqual(expected);
    }
  });

  it('treats an empty or blank search as no filter', async () => {
    const total = (await list('')).json.meta.total;
    expect((await list('?search=')).json.meta.total).toBe(total);
    expect((await list('?search=%20%20')).json.meta.total).toBe(total);
  });

  it('does not find a masked candidate by its email, only by its name', async () => {
    const tag = uniqueTag();
    const masked = insertMasked({ full_name: `Masked ${tag}`, email: `${tag}.hidden@example.com` });
    expect((await list(`?search=${tag}.hidden`)).json.meta.total).toBe(0);
    const byName = await list(`?search=Masked%20${tag}`);
    expect(byName.json.data.map((c: any) => c.id)).toEqual([masked.id]);
    expect(byName.json.data[0].email).toBe('');
  });

  it('filters by job_id, a UUID compared case-insensitively', async () => {
    const job = randomUUID();
    const a = await create({ application: { job_id: job } });
    const b = await create({ application: { job_id: job.toUpperCase(), status: 'Interview' } });
    await create({ application: { job_id: randomUUID() } });
    for (const query of [job, job.toUpperCase()]) {
      const res = await list(`?job_id=${query}`);
      expect(res.json.meta.total).toBe(2);
      expect(res.json.data.map((c: any) => c.id).sort()).toEqual([a.id, b.id].sort());
      for (const item of res.json.data) expectCandidateShape(item, false);
    }
    for (const bad of ['abc', '', `${job}x`, job.replace(/-/g, ''), '1', `{${job}}`]) {
      expectError(await list(`?job_id=${encodeURIComponent(bad)}`), 400, 'validation_error', ['job_id']);
    }
  });

  it('ignores unknown query parameters', async () => {
    const res = await list('?foo=bar&sort=name&page=3&limit=1');
    expect(res.status).toBe(200);
    expect(res.json.meta.limit).toBe(1);
  });
});

describe('create or match', () => {
  it('answers 201 for a new email and 200 with the existing candidate, unchanged, for a known one', async () => {
    const email = uniqueEmail('match');
    const first = await post({ full_name: 'Original Name', email, location: 'Pune', primary_skills: ['Go'] });
    expect(first.status).toBe(201);
    expectCandidateShape(first.json.data, true);
    tick();
    const again = await post({ full_name: 'Other Name', email: `  ${email.toUpperCase()} `, location: 'Delhi', primary_skills: ['Rust'] });
    expect(again.status).toBe(200);
    expect(again.json.data).toEqual(first.json.data);
    expect(await get(first.json.data.id)).toEqual(first.json.data);
  });

  it('still applies the nested application of a matching POST, moving updated_at only when it changes', async () => {
    const email = uniqueEmail('apply');
    const job = randomUUID();
    const first = (await post({ full_name: 'A', email })).json.data;
    tick();
    const applied = await post({ full_name: 'B', email, application: { job_id: job, status: 'screening', notes: 'x' } });
    expect(applied.status).toBe(200);
    expect(applied.json.data.full_name).toBe('A');
    expect(applied.json.data.applications).toHaveLength(1);
    expect(applied.json.data.applications[0]).toMatchObject({ job_id: job, status: 'Screening', notes: 'x', status_date: clock.iso() });
    expect(applied.json.data.updated_at).toBe(clock.iso());
    expect(applied.json.data.updated_at).not.toBe(first.updated_at);
    const movedAt = clock.iso();
    tick();
    const same = await post({ full_name: 'C', email, application: { job_id: job.toUpperCase(), status: 'SCREENING', notes: 'x' } });
    expect(same.status).toBe(200);
    expect(same.json.data.updated_at).toBe(movedAt);
    expect(same.json.data.applications[0].status_date).toBe(movedAt);
    expect(same.json.data.applications[0].updated_at).toBe(movedAt);
    const noApp = await post({ full_name: 'D', email });
    expect(noApp.json.data.updated_at).toBe(movedAt);
  });

  it('validates a matching POST like any other, changing nothing when it fails', async () => {
    const email = uniqueEmail('matchbad');
    const first = (await post({ full_name: 'A', email })).json.data;
    const job = randomUUID();
    expectError(await post({ full_name: 'A', email, notice_period_days: 999, application: { job_id: job } }), 400, 'validation_error', ['notice_period_days']);
    expectError(await post({ full_name: 'A', email, application: { job_id: job, status: 'Unknown' } }), 400, 'validation_error', ['application.status']);
    expect(await get(first.id)).toEqual(first);
  });

  it('matches a masked candidate by its stored email and shows it masked', async () => {
    const masked = insertMasked();
    tick();
    const res = await post({ full_name: 'Someone', email: ` ${masked.email!.toUpperCase()} `, phone_number: '+1 555' });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({
      id: masked.id,
      full_name: masked.full_name,
      email: '',
      phone_number: null,
      whatsapp_number: null,
      current_ctc: null,
      expected_ctc: null,
      talent_pool_status: 'masked',
      updated_at: masked.updated_at,
    });
    expect(findCandidateById(api.database.db, masked.id)).toEqual(masked);
  });

  it('makes one candidate from concurrent POSTs of one email: one 201, the rest 200', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post({ full_name: `Racer ${i}`, email: i % 2 ? email.toUpperCase() : email })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json.data.id)).size).toBe(1);
  });

  it('compares emails case-insensitively beyond ASCII', async () => {
    counter += 1;
    const first = await post({ full_name: 'Ümit', email: `Ümit.${counter}@example.com` });
    expect(first.status).toBe(201);
    const again = await post({ full_name: 'Ümit', email: `ümit.${counter}@EXAMPLE.com` });
    expect(again.status).toBe(200);
    expect(again.json.data.id).toBe(first.json.data.id);
  });

  it('applies every application of concurrent POSTs of one email to the one candidate', async () => {
    const email = uniqueEmail('race-apply');
    const jobs = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const results = await Promise.all(jobs.map((job) => post({ full_name: 'Racer', email, application: { job_id: job } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    const stored = await get(results[0]!.json.data.id);
    expect(stored.applications.map((a: any) => a.job_id).sort()).toEqual([...jobs].sort());
  });

  it('creates a new application with status Applied and lower-case ids', async () => {
    const job = randomUUID().toUpperCase();
    const c = await create({ application: { job_id: job } });
    expect(c.applications).toHaveLength(1);
    const application = c.applications[0];
    expect(application).toMatchObject({ job_id: job.toLowerCase(), candidate_id: c.id, status: 'Applied', notes: null, shortlisted_at: null });
    expect(application.status_date).toBe(clock.iso());
    expect(application.organization_id === null || LOWER_UUID.test(application.organization_id)).toBe(true);
  });
});

describe('partial update', () => {
  it('changes only the fields sent, and null clears a nullable field', async () => {
    const c = await create({ location: 'Pune', phone_number: '+91 1', current_ctc: 10, primary_skills: ['Go'], metadata: { a: 1 } });
    tick();
    const res = await put(c.id, { location: 'Delhi', phone_number: null });
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ ...c, location: 'Delhi', phone_number: null, updated_at: clock.iso() });
    expect(await get(c.id)).toEqual(res.json.data);
  });

  it('cannot clear full_name or email', async () => {
    const c = await create();
    for (const body of [{ full_name: null }, { full_name: '' }, { full_name: '   ' }]) {
      expectError(await put(c.id, body), 400, 'validation_error', ['full_name']);
    }
    for (const body of [{ email: null }, { email: '' }, { email: '  ' }]) {
      expectError(await put(c.id, body), 400, 'validation_error', ['email']);
    }
    expect(await get(c.id)).toEqual(c);
  });

  it('leaves updated_at alone for a PUT that changes nothing', async () => {
    const c = await create({ location: 'Pune', primary_skills: ['Go', 'Rust'], metadata: { a: [1, 2] } });
    tick();
    for (const body of [{}, { location: ' Pune ' }, { primary_skills: ['Go', ' go', '', 'Rust', 'RUST'] }, { metadata: { a: [1, 2] } }, { email: c.email }, { source: 'api' }]) {
      const res = await put(c.id, body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.json.data.updated_at, JSON.stringify(body)).toBe(c.updated_at);
    }
    // Skills keep the first spelling of a new list: a respelling is a change.
    const respelled = await put(c.id, { primary_skills: ['GO', 'Rust'] });
    expect(respelled.json.data.primary_skills).toEqual(['GO', 'Rust']);
    expect(respelled.json.data.updated_at).toBe(clock.iso());
  });

  it('lets a candidate respell its own email, and refuses another candidate\'s with 409, nothing applied', async () => {
    const other = await create();
    const c = await create({ location: 'Pune' });
    tick();
    const respelled = await put(c.id, { email: ` ${c.email.toUpperCase()} ` });
    expect(respelled.status).toBe(200);
    expect(respelled.json.data.email).toBe(c.email.toUpperCase());
    const taken = await put(c.id, { email: other.email.toUpperCase(), location: 'Delhi', application: { job_id: randomUUID() } });
    expectError(taken, 409, 'email_taken');
    const after = await get(c.id);
    expect(after.location).toBe('Pune');
    expect(after.applications).toEqual([]);
    const masked = insertMasked();
    expectError(await put(c.id, { email: masked.email }), 409, 'email_taken');
  });

  it('lets only one of two concurrent PUTs take a free email', async () => {
    const [a, b] = [await create(), await create()];
    const email = uniqueEmail('wanted');
    const results = await Promise.all([put(a.id, { email }), put(b.id, { email: email.toUpperCase() })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('answers validation_error before 409, and applies nothing on any failure', async () => {
    const other = await create();
    const c = await create({ location: 'Pune' });
    expectError(await put(c.id, { email: other.email, notice_period_days: 400 }), 400, 'validation_error', ['notice_period_days']);
    expectError(await put(c.id, { location: 'Delhi', application: { job_id: randomUUID(), status: 'Nope' } }), 400, 'validation_error', ['application.status']);
    expectError(await put(c.id, { location: 'Delhi', primary_skills: [1], application: { job_id: randomUUID() } }), 400, 'validation_error', ['primary_skills.0']);
    expect(await get(c.id)).toEqual(c);
  });

  it('upserts the application: stored status spelling, status_date on change, shortlisted_at the first time only', async () => {
    const c = await create();
    const job = randomUUID();
    tick();
    const created = await put(c.id, { application: { job_id: job.toUpperCase(), status: 'shortlisted', notes: 'Strong' } });
    expect(created.status).toBe(200);
    const first = created.json.data.applications[0];
    const shortlistedAt = clock.iso();
    expect(first).toMatchObject({ job_id: job, status: 'Shortlisted', notes: 'Strong', status_date: shortlistedAt, shortlisted_at: shortlistedAt });
    expect(created.json.data.updated_at).toBe(shortlistedAt);

    tick();
    const notes = await put(c.id, { application: { job_id: job, notes: 'Stronger' } });
    expect(notes.json.data.applications).toHaveLength(1);
    expect(notes.json.data.applications[0]).toMatchObject({ id: first.id, status: 'Shortlisted', notes: 'Stronger', status_date: shortlistedAt });
    expect(notes.json.data.updated_at).toBe(clock.iso());

    tick();
    const kept = await put(c.id, { application: { job_id: job, status: 'Interview' } });
    const interviewAt = clock.iso();
    expect(kept.json.data.applications[0]).toMatchObject({ status: 'Interview', notes: 'Stronger', status_date: interviewAt, shortlisted_at: shortlistedAt });

    tick();
    const back = await put(c.id, { application: { job_id: job, status: 'SHORTLISTED' } });
    expect(back.json.data.applications[0]).toMatchObject({ status: 'Shortlisted', status_date: clock.iso(), shortlisted_at: shortlistedAt });
    const backAt = clock.iso();

    tick();
    const same = await put(c.id, { application: { job_id: job, status: 'shortlisted', notes: 'Stronger' } });
    expect(same.json.data.applications[0]).toMatchObject({ status_date: backAt, updated_at: backAt });
    expect(same.json.data.updated_at).toBe(backAt);

    const cleared = await put(c.id, { application: { job_id: job, notes: null } });
    expect(cleared.json.data.applications[0].notes).toBeNull();
    const emptied = await put(c.id, { application: { job_id: job, notes: 'x' } });
    expect(emptied.json.data.applications[0].notes).toBe('x');
    expect((await put(c.id, { application: { job_id: job, notes: '' } })).json.data.applications[0].notes).toBeNull();
  });

  it('shows an application change in the list page\'s updated_at', async () => {
    const tag = uniqueTag();
    const c = await create({ full_name: `Listed ${tag}` });
    tick();
    await put(c.id, { application: { job_id: randomUUID(), status: 'Offered' } });
    const page = await list(`?search=${tag}`);
    expect(page.json.data[0].updated_at).toBe(clock.iso());
    expect(page.json.data[0].updated_at).not.toBe(c.updated_at);
  });

  it('accepts every default pipeline status in any case, and refuses others', async () => {
    const c = await create();
    for (const status of ['Applied', 'shortlisted', 'SCREENING', 'interview', 'Offered', 'hired', 'rejected']) {
      const res = await put(c.id, { application: { job_id: randomUUID(), status } });
      expect(res.status, status).toBe(200);
    }
    const stored = (await get(c.id)).applications.map((a: any) => a.status).sort();
    expect(stored).toEqual(['Applied', 'Hired', 'Interview', 'Offered', 'Rejected', 'Screening', 'Shortlisted']);
    for (const bad of ['Unknown', 'Applied,', '', 5]) {
      expectError(await put(c.id, { application: { job_id: randomUUID(), status: bad } }), 400, 'validation_error', ['application.status']);
    }
  });

  it('refuses a non-UUID job_id at application.job_id, after trimming', async () => {
    const c = await create();
    const job = randomUUID();
    expect((await put(c.id, { application: { job_id: ` ${job} ` } })).json.data.applications[0].job_id).toBe(job);
    for (const bad of ['abc', '', 5, null, `${randomUUID()}x`]) {
      expectError(await put(c.id, { application: { job_id: bad } }), 400, 'validation_error', ['application.job_id']);
    }
  });
});

describe('talent-pool masking', () => {
  it('shows a masked candidate masked in GET, list and PUT responses', async () => {
    const tag = uniqueTag();
    const masked = insertMasked({ full_name: `Hidden ${tag}` });
    const view = await get(masked.id);
    expect(view).toMatchObject({
      email: '', phone_number: null, whatsapp_number: null, current_ctc: null, expected_ctc: null,
      talent_pool_status: 'masked', location: masked.location, total_experience_years: masked.total_experience_years,
    });
    const listed = (await list(`?search=${tag}`)).json.data[0];
    const { applications: _applications, ...withoutApplications } = view;
    expect(listed).toEqual(withoutApplications);
    tick();
    const res = await put(masked.id, { location: 'Chennai' });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ email: '', phone_number: null, current_ctc: null, location: 'Chennai', updated_at: clock.iso() });
  });

  it('answers 403 with one detail per locked field the PUT would change, and applies nothing', async () => {
    const masked = insertMasked({ current_ctc: 18 });
    const before = findCandidateById(api.database.db, masked.id);
    const res = await put(masked.id, { phone_number: '+1 555', current_ctc: 18, email: masked.email, location: 'Delhi', application: { job_id: randomUUID() } });
    expectError(res, 403, 'talent_pool_reveal_required', ['phone_number', 'current_ctc', 'email']);
    const one = await put(masked.id, { expected_ctc: 0, whatsapp_number: null });
    expectError(one, 403, 'talent_pool_reveal_required', ['expected_ctc']);
    expect(findCandidateById(api.database.db, masked.id)).toEqual(before);
    expect((await get(masked.id)).applications).toEqual([]);
  });

  it('does not count the masked view\'s own values as a change', async () => {
    const masked = insertMasked();
    tick();
    const view = await get(masked.id);
    const back = await put(masked.id, view);
    expect(back.status, back.text).toBe(200);
    expect(back.json.data).toEqual(view);
    const explicit = await put(masked.id, { email: '', phone_number: null, whatsapp_number: '', current_ctc: null, expected_ctc: null, location: 'Goa' });
    expect(explicit.status, explicit.text).toBe(200);
    expect(explicit.json.data.location).toBe('Goa');
    expect(findCandidateById(api.database.db, masked.id)).toMatchObject({
      email: masked.email, phone_number: masked.phone_number, whatsapp_number: masked.whatsapp_number,
      current_ctc: masked.current_ctc, expected_ctc: masked.expected_ctc, location: 'Goa',
    });
  });

  it('treats blank strings for locked fields as the masked view, and locks a never-seen email too', async () => {
    const masked = insertMasked();
    const blank = await put(masked.id, { email: '  ', phone_number: ' ', expected_ctc: null });
    expect(blank.status, blank.text).toBe(200);
    expect(blank.json.data.updated_at).toBe(masked.updated_at);
    const unseen = insertMasked({ email: null });
    expect((await get(unseen.id)).email).toBe('');
    expect((await put(unseen.id, { email: '', location: 'Goa' })).json.data.location).toBe('Goa');
    expectError(await put(unseen.id, { email: uniqueEmail() }), 403, 'talent_pool_reveal_required', ['email']);
  });

  it('orders 400 before 409 before 403 on a masked candidate', async () => {
    const other = await create();
    const masked = insertMasked();
    expectError(await put(masked.id, { email: other.email, phone_number: '1', notice_period_days: 'x' }), 400, 'validation_error', ['notice_period_days']);
    expectError(await put(masked.id, { email: other.email, phone_number: '1' }), 409, 'email_taken');
    expectError(
      await api.call('PUT', `${CANDIDATES}/${masked.id}`, { rawBody: '{"phone_number":', headers: { 'content-type': 'application/json' } }),
      400,
      'invalid_json',
    );
    expectError(
      await api.call('PUT', `${CANDIDATES}/${masked.id}`, { rawBody: '{"phone_number":"1"}', headers: { 'content-type': 'text/plain; charset=utf-8' } }),
      415,
      'unsupported_media_type',
    );
  });

  it('lets a revealed candidate\'s contact fields be edited and shows them', async () => {
    const revealed = insertStored({ talent_pool_status: 'revealed' });
    const view = await get(revealed.id);
    expect(view).toMatchObject({ email: revealed.email, phone_number: revealed.phone_number, talent_pool_status: 'revealed' });
    const res = await put(revealed.id, { phone_number: '+1 555', current_ctc: 30 });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ phone_number: '+1 555', current_ctc: 30 });
  });
});

describe('timestamps', () => {
  it('writes every timestamp as YYYY-MM-DDTHH:MM:SS.mmmZ', async () => {
    const c = await create({ application: { job_id: randomUUID(), status: 'Shortlisted' } });
    expectCandidateShape(await get(c.id), true);
    expect(c.created_at).toBe(clock.iso());
    expectTimestamps(c.applications[0], ['shortlisted_at', 'status_date']);
  });
});




