import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandidateWithApplicationsSchema } from '@shared/candidate-schema';
import { insertApplication } from '../../electron/db/application-repository';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import type { HttpResponse } from '../helpers/http-client';
import { type TestApi, startTestApi } from '../helpers/test-api';

// The contract's table, written out here rather than imported, so a code
// mapped to the wrong status is caught.
const STATUS_OF_CODE: Record<string, number> = {
  invalid_json: 400,
  validation_error: 400,
  unauthorized: 401,
  talent_pool_reveal_required: 403,
  host_not_allowed: 403,
  origin_not_allowed: 403,
  not_found: 404,
  email_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

const CANDIDATE_FIELDS = [
  'id', 'full_name', 'email', 'phone_number', 'whatsapp_number', 'location', 'preferred_location', 'primary_skills',
  'secondary_skills', 'skill_array', 'total_experience_years', 'current_company', 'current_designation', 'current_ctc',
  'expected_ctc', 'notice_period_days', 'in_notice_period', 'last_working_day', 'resume_url', 'source', 'screening_score',
  'talent_pool_status', 'metadata', 'created_at', 'updated_at',
];
const WRITABLE_FIELDS = [
  'full_name', 'email', 'phone_number', 'whatsapp_number', 'location', 'preferred_location', 'primary_skills',
  'secondary_skills', 'total_experience_years', 'current_company', 'current_designation', 'current_ctc', 'expected_ctc',
  'notice_period_days', 'in_notice_period', 'last_working_day', 'resume_url', 'resume_path', 'source', 'metadata',
  'application',
];
const READ_ONLY_FIELDS = ['id', 'skill_array', 'screening_score', 'talent_pool_status', 'created_at', 'updated_at', 'applications'];
/** Keys that are not candidate fields but exist on every JS object, or look almost like a field. */
const TRICKY_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' full_name', 'FULL_NAME', 'email\u0000'];
const PIPELINE = ['Applied', 'Shortlisted', 'Screening', 'Interview', 'Offered', 'Hired', 'Rejected'];
const BODY_LIMIT = 1024 * 1024;

const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const runs = (numRuns: number) => ({ numRuns, ...(FUZZ_SEED === undefined ? {} : { seed: FUZZ_SEED }) });

const JOB_IDS = [randomUUID(), randomUUID(), randomUUID()];
const KNOWN_EMAILS = ['fuzz.one@example.com', 'Fuzz.Two@Example.COM', 'masked.fuzz@example.com', 'a@b.co'];

// ---------------------------------------------------------------- values

const whitespace = fc.constantFrom('', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', '\r\n');
const unicodeText = fc.string({ unit: 'binary', maxLength: 40 });
const paddedText = fc.tuple(whitespace, unicodeText, whitespace).map(([a, s, b]) => a + s + b);
/** Lengths around the contract's limits (200, 254, 500, 5,000), in characters of 1 to 4 bytes. */
const longText = fc
  .tuple(
    fc.constantFrom(1, 199, 200, 201, 254, 255, 499, 500, 501, 4_999, 5_000, 5_001, 20_000),
    fc.constantFrom('x', 'é', '中', '😀', ' '),
  )
  .map(([n, ch]) => ch.repeat(n));
/** Half a surrogate pair: valid in JSON text (`"\\ud800"`), not valid Unicode. */
const loneSurrogateText = fc
  .tuple(unicodeText, fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'), unicodeText)
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  { weight: 6, arbitrary: paddedText },
  { weight: 2, arbitrary: longText },
  { weight: 1, arbitrary: loneSurrogateText },
);

const numberLike = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1.5, 365, 366, 1e308, -1e308, 2 ** 53, 5e-324),
  fc.integer().map(String),
  fc.constantFrom('18', ' 18 ', '1e3', 'NaN', 'Infinity'),
);

const emailLike = fc.oneof(
  fc.tuple(fc.constantFrom(...KNOWN_EMAILS), fc.boolean(), whitespace).map(([e, upper, pad]) => pad + (upper ? e.toUpperCase() : e) + pad),
  fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,12}$/), fc.constantFrom('example.com', 'b.co', 'exämple.org')).map(([l, d]) => `${l}@${d}`),
  fc.constantFrom('', ' ', 'no-at-sign', 'a@b', '@b.co', 'a@@b.co', 'a b@c.co', `${'x'.repeat(250)}@b.co`),
  anyText,
);

const dateLike = fc.oneof(
  fc.constantFrom('2026-11-28', '2024-02-29', '2026-02-29', '2026-13-01', '0000-01-01', '2026-1-1', ' 2026-11-28 ', ''),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  anyText,
);

const urlLike = fc.oneof(
  fc.constantFrom('https://example.com/cv.pdf', 'http://x', 'ftp://example.com/cv', 'javascript:alert(1)', 'https://', 'http://例え.jp/パス', '//example.com', ''),
  fc.webUrl(),
  anyText,
);

const uuidLike = fc.oneof(
  fc.constantFrom(...JOB_IDS),
  fc.constantFrom(...JOB_IDS).map((id) => id.toUpperCase()),
  fc.uuid(),
  fc.constantFrom('', 'not-a-uuid', `{${JOB_IDS[0]}}`, ` ${JOB_IDS[0]} `),
  anyText,
);

const statusLike = fc.oneof(
  fc.tuple(fc.constantFrom(...PIPELINE), fc.constantFrom('lower', 'upper', 'same'), whitespace).map(([s, c, pad]) =>
    pad + (c === 'lower' ? s.toLowerCase() : c === 'upper' ? s.toUpperCase() : s) + pad,
  ),
  anyText,
);

/**
 * JSON text standing in for a value: lets a nested object carry `__proto__`
 * and repeated keys, and nest deeper than this process's own stack allows.
 */
class RawJson {
  constructor(readonly text: string) {}
}

/** `depth` levels of objects or arrays around 1, built as text. */
function nested(depth: number, asArray: boolean): RawJson {
  return new RawJson(asArray ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const deepValue = fc
  .tuple(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1_000, max: 20_000 })), fc.boolean())
  .map(([depth, asArray]) => nested(depth, asArray));
const bigObject = fc.integer({ min: 1, max: 40 }).map((kib) => ({ blob: 'm'.repeat(kib * 1024) }));

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: jsonValue },
  { weight: 3, arbitrary: anyText },
  { weight: 2, arbitrary: numberLike },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: deepValue },
);

function serialize(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${serialize(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** JSON text of an object given as entries: keeps `__proto__` as data, and repeats keys when asked to. */
function entriesText(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${serialize(value)}`).join(',')}}`;
}

const applicationEntries = fc.array(
  fc.oneof(
    uuidLike.map((v) => ['job_id', v] as const),
    statusLike.map((v) => ['status', v] as const),
    fc.oneof(anyText, fc.constant(null)).map((v) => ['notes', v] as const),
    fc.tuple(fc.oneof(fc.constantFrom(...TRICKY_KEYS, 'id', 'candidate_id', 'Status'), fc.string({ maxLength: 8 })), anyValue),
  ),
  { maxLength: 5 },
);
const applicationLike = fc.oneof(
  { weight: 4, arbitrary: applicationEntries.map((entries) => new RawJson(entriesText(entries))) },
  { weight: 1, arbitrary: anyValue },
);

function valueFor(field: string): fc.Arbitrary<unknown> {
  switch (field) {
    case 'email':
      return emailLike;
    case 'full_name':
      return anyText;
    case 'primary_skills':
    case 'secondary_skills':
      return fc.oneof(fc.array(anyText, { maxLength: 6 }), fc.array(anyValue, { maxLength: 3 }), anyValue);
    case 'total_experience_years':
    case 'current_ctc':
    case 'expected_ctc':
    case 'notice_period_days':
      return numberLike;
    case 'in_notice_period':
      return fc.constantFrom(true, false, null, 'true', 0, 1);
    case 'last_working_day':
      return dateLike;
    case 'resume_url':
      return urlLike;
    case 'metadata':
      return fc.oneof(fc.object({ maxDepth: 3 }), deepValue, bigObject, jsonValue);
    case 'application':
      return applicationLike;
    case 'talent_pool_status':
      return fc.constantFrom('not_linked', 'masked', 'revealed', 'anything');
    default:
      return fc.oneof(anyText, fc.constant(null));
  }
}

const fieldEntry = fc
  .oneof(
    { weight: 8, arbitrary: fc.constantFrom(...WRITABLE_FIELDS) },
    { weight: 2, arbitrary: fc.constantFrom(...READ_ONLY_FIELDS) },
    { weight: 1, arbitrary: fc.constantFrom(...TRICKY_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  )
  .chain((key) => fc.tuple(fc.constant(key), fc.oneof({ weight: 4, arbitrary: valueFor(key) }, { weight: 1, arbitrary: anyValue })));

/** A body that is likely to be accepted, so success paths (201, 200, 409, 403) are exercised too. */
const plausibleBody = fc
  .record(
    {
      full_name: fc.oneof(fc.constantFrom('Fuzz Person', ' Zoë 中文 😀 '), fc.string({ minLength: 1, maxLength: 30 })),
      email: fc.oneof(fc.constantFrom(...KNOWN_EMAILS), fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,6}\.(com|org)$/)),
      location: fc.oneof(fc.constant(null), fc.string({ maxLength: 20 })),
      phone_number: fc.oneof(fc.constant(null), fc.constant(''), fc.stringMatching(/^\+?[0-9 ]{3,14}$/)),
      current_ctc: fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e6, noNaN: true })),
      primary_skills: fc.array(fc.constantFrom('Go', 'go', ' Rust ', 'SQL', ''), { maxLength: 4 }),
      notice_period_days: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 365 })),
      metadata: fc.oneof(fc.constant(null), fc.object({ maxDepth: 2 })),
      application: fc.record(
        { job_id: fc.constantFrom(...JOB_IDS), status: fc.constantFrom(...PIPELINE, 'shortlisted '), notes: fc.string({ maxLength: 20 }) },
        { requiredKeys: ['job_id'] },
      ),
    },
    { requiredKeys: [] },
  )
  .map((record) => Object.entries(record));

interface FuzzBody {
  bytes: Buffer;
  contentType: string | undefined;
}

const jsonContentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8');
const otherContentType = fc.oneof(
  fc.constantFrom(
    undefined,
    '',
    'text/plain',
    'text/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=----fuzz',
    'application/jsonp',
    'application/vnd.api+json',
    'application/json-patch+json',
    '*/*',
    'application/*',
    'application/json x',
    'application/json,text/plain',
    'application/json; charset',
    ';application/json',
  ),
  fc.stringMatching(/^[\x20-\x7e]{0,30}$/),
);

const objectBody = fc.oneof(
  { weight: 4, arbitrary: fc.array(fieldEntry, { maxLength: 10 }) },
  { weight: 3, arbitrary: plausibleBody },
  {
    weight: 1,
    arbitrary: fc.tuple(plausibleBody, fc.array(fieldEntry, { minLength: 1, maxLength: 3 })).map(([a, b]) => [...a, ...b]),
  },
);

const jsonText = fc.oneof(
  { weight: 6, arbitrary: objectBody.map(entriesText) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: deepValue.map(serialize) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1_000, max: 30_000 }).map((depth) => `{"metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
  },
);

const notJsonText = fc.oneof(
  objectBody.map(entriesText).chain((text) => fc.nat({ max: Math.max(text.length - 1, 0) }).map((n) => text.slice(0, n))),
  fc.tuple(objectBody, fc.constantFrom('}', ',', ' x', 'null')).map(([entries, tail]) => entriesText(entries) + tail),
  fc.constantFrom("{'full_name': 'x'}", '{full_name: "x"}', '{"a":1,}', 'NaN', 'undefined', '\ufeff{}', '{"a":"\\x41"}', '[1,]'),
  fc.string({ maxLength: 60 }),
);

// Bodies around the 1 MiB limit are few: each costs a megabyte or two on the wire.
const bodyBytes: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 80, arbitrary: jsonText.map((t) => Buffer.from(t, 'utf8')) },
  { weight: 12, arbitrary: notJsonText.map((t) => Buffer.from(t, 'utf8')) },
  { weight: 5, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
  // A JSON string whose bytes are not UTF-8.
  { weight: 2, arbitrary: fc.constant(Buffer.concat([Buffer.from('{"full_name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","email":"u@b.co"}')])) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(BODY_LIMIT - 64, BODY_LIMIT + 1, 2 * BODY_LIMIT)
      .map((size) => Buffer.from(`{"full_name":"x","email":"big@b.co","location":"${'y'.repeat(size - 48)}"}`)),
  },
);

const fuzzBody: fc.Arbitrary<FuzzBody> = fc.record({
  bytes: bodyBytes,
  contentType: fc.oneof({ weight: 9, arbitrary: jsonContentType }, { weight: 1, arbitrary: otherContentType }),
});

// ---------------------------------------------------------------- oracles

function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

type BodyOutcome = { kind: 'error'; status: number; code: string; path?: string } | { kind: 'object' };

/** What the contract says about a body before any field rule applies. */
function expectedForBody(body: FuzzBody): BodyOutcome {
  if (body.bytes.length > BODY_LIMIT) return { kind: 'error', status: 413, code: 'payload_too_large' };
  if (!isJsonMediaType(body.contentType)) return { kind: 'error', status: 415, code: 'unsupported_media_type' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
  } catch {
    return { kind: 'error', status: 400, code: 'invalid_json' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'error', status: 400, code: 'validation_error', path: '' };
  }
  return { kind: 'object' };
}

function describeResponse(response: HttpResponse): string {
  return `${response.status} ${response.text.slice(0, 600)}`;
}

/** Every non-2xx answer: the contract's envelope, a known code, the code's status, nothing internal. */
function expectEnvelope(response: HttpResponse): { code: string; details: { path: string; message: string }[] } {
  const context = describeResponse(response);
  expect(response.status, context).toBeLessThan(500);
  expect(response.headers['content-type'], context).toMatch(/^application\/json/);
  const body = response.json;
  expect(body, context).toBeTypeOf('object');
  expect(Object.keys(body ?? {}), context).toEqual(['error']);
  const error = body.error;
  expect(Object.keys(error).every((k) => ['code', 'message', 'details'].includes(k)), context).toBe(true);
  expect(Object.keys(STATUS_OF_CODE), context).toContain(error.code);
  expect(response.status, context).toBe(STATUS_OF_CODE[error.code]);
  expect(error.message, context).toBeTypeOf('string');
  expect(error.message.length, context).toBeGreaterThan(0);
  expect(error.message, context).not.toMatch(/SQLITE|sqlite|\n\s+at |TypeError|RangeError/);
  if (error.details !== undefined) {
    expect(Array.isArray(error.details), context).toBe(true);
    for (const detail of error.details) {
      expect(Object.keys(detail).sort(), context).toEqual(['message', 'path']);
      expect(detail.path, context).toBeTypeOf('string');
      expect(detail.message, context).toBeTypeOf('string');
      expect(detail.message.length, context).toBeGreaterThan(0);
    }
  }
  if (error.code === 'validation_error') {
    expect(error.details?.length ?? 0, context).toBeGreaterThan(0);
    const paths = error.details.map((d: { path: string }) => d.path);
    expect(new Set(paths).size, `one entry per offending field: ${context}`).toBe(paths.length);
  }
  return { code: error.code, details: error.details ?? [] };
}

function expectCandidateBody(response: HttpResponse): any {
  const context = describeResponse(response);
  expect(response.headers['content-type'], context).toMatch(/^application\/json/);
  expect(Object.keys(response.json ?? {}), context).toEqual(['data']);
  const candidate = response.json.data;
  expect(Object.keys(candidate).sort(), context).toEqual([...CANDIDATE_FIELDS, 'applications'].sort());
  const parsed = CandidateWithApplicationsSchema.safeParse(candidate);
  expect(parsed.success, `${parsed.error?.message} in ${context}`).toBe(true);
  if (candidate.talent_pool_status === 'masked') {
    expect(candidate.email, context).toBe('');
    for (const locked of ['phone_number', 'whatsapp_number', 'current_ctc', 'expected_ctc']) expect(candidate[locked], context).toBeNull();
  }
  return candidate;
}

function expectBodyOutcome(response: HttpResponse, expected: BodyOutcome, allowed: readonly number[]): void {
  const context = describeResponse(response);
  if (response.status >= 200 && response.status < 300) {
    expect(expected.kind, `accepted a body the contract refuses: ${context}`).toBe('object');
    expect(allowed, context).toContain(response.status);
    expectCandidateBody(response);
    return;
  }
  const { code, details } = expectEnvelope(response);
  if (expected.kind === 'error') {
    expect({ status: response.status, code }, context).toEqual({ status: expected.status, code: expected.code });
    if (expected.path !== undefined) expect(details.map((d) => d.path), context).toEqual([expected.path]);
  } else {
    expect(allowed, context).toContain(response.status);
    expect(['validation_error', 'email_taken', 'talent_pool_reveal_required'], context).toContain(code);
  }
}

// ---------------------------------------------------------------- the API under test

// Thousands of real HTTP requests: a ceiling for a loaded 2-core box, not a measurement.
describe('fuzzing /api/v1/candidates', { timeout: 90_000 }, () => {
  let api: TestApi;
  const existingIds: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    const { db } = api.database;
    const masked = makeCandidateRecord({ email: 'masked.fuzz@example.com', talent_pool_status: 'masked' });
    const revealed = makeCandidateRecord({ email: 'fuzz.one@example.com', talent_pool_status: 'revealed' });
    const plain = makeCandidateRecord({ email: 'Fuzz.Two@Example.com', full_name: 'Ñandú "Quoted" OR *' });
    const unknownEmail = makeCandidateRecord({ email: null, talent_pool_status: 'masked', full_name: 'No Email Known' });
    for (const record of [masked, revealed, plain, unknownEmail]) {
      insertCandidate(db, record);
      existingIds.push(record.id);
    }
    insertApplication(db, makeApplicationRecord(masked.id, { job_id: JOB_IDS[0]! }));
  });

  afterAll(async () => {
    // close() throws when the API reported unexpected (500) errors: they are failures too.
    await api?.close();
  });

  function send(method: 'POST' | 'PUT', path: string, body: FuzzBody): Promise<HttpResponse> {
    const headers: Record<string, string> = body.contentType === undefined ? {} : { 'content-type': body.contentType };
    return api.call(method, path, { rawBody: body.bytes, headers });
  }

  function checkPost(body: FuzzBody, response: HttpResponse): void {
    expectBodyOutcome(response, expectedForBody(body), [200, 201, 400]);
    if (response.status === 201) existingIds.push(response.json.data.id);
  }

  interface Target {
    /** The path segment as sent, already escaped (or deliberately broken). */
    segment: string;
    /** The candidate it names, or undefined for none. */
    id: string | undefined;
  }

  const targetArb: fc.Arbitrary<Target> = fc.oneof(
    { weight: 12, arbitrary: fc.nat().map((n) => existingIds[n % existingIds.length]!).map((id) => ({ segment: id, id })) },
    { weight: 2, arbitrary: fc.nat().map((n) => existingIds[n % existingIds.length]!).map((id) => ({ segment: id.toUpperCase(), id })) },
    { weight: 2, arbitrary: fc.uuid().map((id) => ({ segment: id, id: undefined })) },
    {
      weight: 2,
      arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((s) => ({ segment: encodeURIComponent(s), id: undefined })),
    },
    // Escapes the router cannot decode, and ids longer than any route allows.
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%', '%E0%A4%A', '%zz', '%C3%28', '%ED%A0%80', 'a%2', '%%', 'x'.repeat(5_000))
        .map((segment) => ({ segment, id: undefined })),
    },
  );

  function checkPut(target: Target, body: FuzzBody, response: HttpResponse): void {
    if (target.id === undefined) {
      expect(expectEnvelope(response).code, describeResponse(response)).toBe('not_found');
      return;
    }
    expectBodyOutcome(response, expectedForBody(body), [200, 400, 403, 409]);
    if (response.status === 200) expect(response.json.data.id, describeResponse(response)).toBe(target.id);
  }

  /** What a write answered is what a read then shows: nothing is altered on the way into the store. */
  async function expectReadBack(response: HttpResponse): Promise<void> {
    if (response.status < 200 || response.status >= 300) return;
    const read = await api.call('GET', `/api/v1/candidates/${response.json.data.id}`);
    expect(read.status, describeResponse(read)).toBe(200);
    expect(read.json.data, `read back after ${describeResponse(response)}`).toEqual(response.json.data);
  }

  it('POST: any body gives 201/200 or the right error envelope, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzBody, async (body) => {
        const response = await send('POST', '/api/v1/candidates', body);
        checkPost(body, response);
        await expectReadBack(response);
      }),
      runs(800),
    );
  });

  it('PUT: any body to any id gives 200, 404 first, or the right error envelope, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(targetArb, fuzzBody, async (target, body) => {
        const response = await send('PUT', `/api/v1/candidates/${target.segment}`, body);
        checkPut(target, body, response);
        await expectReadBack(response);
      }),
      runs(700),
    );
  });

  it('concurrent POSTs and PUTs (sharing a group commit) each get their own right answer', async () => {
    const requestArb = fc.oneof(
      fuzzBody.map((body) => ({ method: 'POST' as const, body, target: undefined })),
      fc.tuple(targetArb, fuzzBody).map(([target, body]) => ({ method: 'PUT' as const, body, target })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, { minLength: 2, maxLength: 10 }), async (requests) => {
        const responses = await Promise.all(
          requests.map((r) => send(r.method, r.target ? `/api/v1/candidates/${r.target.segment}` : '/api/v1/candidates', r.body)),
        );
        requests.forEach((r, i) => (r.target ? checkPut(r.target, r.body, responses[i]!) : checkPost(r.body, responses[i]!)));
      }),
      runs(40),
    );
  });

  it('concurrent POSTs of one new email make one candidate: one 201, the rest 200 with its id', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('lower', 'upper', 'padded'), fc.option(fc.constantFrom(...JOB_IDS), { nil: undefined })), {
          minLength: 2,
          maxLength: 8,
        }),
        async (variants) => {
          round += 1;
          const email = `same.${round}.${randomUUID().slice(0, 8)}@example.com`;
          const responses = await Promise.all(
            variants.map(([spelling, jobId]) =>
              api.call('POST', '/api/v1/candidates', {
                body: {
                  full_name: `Racer ${round}`,
                  email: spelling === 'upper' ? email.toUpperCase() : spelling === 'padded' ? `  ${email} ` : email,
                  ...(jobId === undefined ? {} : { application: { job_id: jobId } }),
                },
              }),
            ),
          );
          const ids = new Set(responses.map((r) => r.json?.data?.id));
          existingIds.push(...[...ids].filter((id): id is string => typeof id === 'string'));
          const statuses = responses.map((r) => r.status).sort((a, b) => a - b);
          expect(statuses, responses.map(describeResponse).join('\n')).toEqual([...Array(variants.length - 1).fill(200), 201]);
          expect(ids.size).toBe(1);
          const applied = new Set(variants.flatMap(([, jobId]) => (jobId === undefined ? [] : [jobId])));
          const last = await api.call('GET', `/api/v1/candidates/${[...ids][0]}`);
          expect(last.json.data.applications.map((a: { job_id: string }) => a.job_id).sort()).toEqual([...applied].sort());
        },
      ),
      runs(20),
    );
  });

  // ------------------------------------------------------------ list queries

  const LIST_PARAMS = ['limit', 'offset', 'search', 'job_id', 'format'] as const;
  const paramValue = fc.oneof(
    fc.constantFrom('0', '1', '50', '100', '101', '007', '-1', '+1', '1.0', '1e2', ' 5', '', '18446744073709551616', 'json', 'csv', 'CSV', 'xml'),
    fc.nat({ max: 200 }).map(String),
    fc.constantFrom(...JOB_IDS, JOB_IDS[0]!.toUpperCase()),
    fc.uuid(),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('"', '*', 'OR', 'NEAR(', 'a OR b', 'fuzz', 'FUZZ', '@', 'ñ', '😀', '%', '_', ' '),
    // Control characters, NUL among them, inside otherwise ordinary text.
    fc.tuple(fc.string({ maxLength: 4 }), fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f'), fc.string({ maxLength: 4 })).map((p) => p.join('')),
  );
  const queryPairs = fc.array(
    fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...LIST_PARAMS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), paramValue),
    { maxLength: 6 },
  );

  function expectedListProblems(pairs: readonly (readonly [string, string])[]): string[] {
    const values = new Map<string, string[]>();
    for (const [key, value] of pairs) values.set(key, [...(values.get(key) ?? []), value]);
    const problems: string[] = [];
    for (const name of LIST_PARAMS) {
      const given = values.get(name);
      if (given === undefined) continue;
      if (given.length > 1) {
        problems.push(name);
        continue;
      }
      const value = given[0]!;
      const ok =
        name === 'search'
          ? true
          : name === 'job_id'
            ? /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
            : name === 'format'
              ? ['json', 'csv'].includes(value.trim().toLowerCase())
              : /^\d+$/.test(value) && (name === 'offset' ? Number(value) <= Number.MAX_SAFE_INTEGER : Number(value) >= 1 && Number(value) <= 100);
      if (!ok) problems.push(name);
    }
    return problems.sort();
  }

  it('GET list: any query gives a page (or CSV) or a validation_error naming exactly the bad parameters', async () => {
    await fc.assert(
      fc.asyncProperty(queryPairs, async (pairs) => {
        const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const response = await api.call('GET', `/api/v1/candidates${query ? '?' + query : ''}`);
        const context = `?${query} → ${describeResponse(response)}`;
        const problems = expectedListProblems(pairs);
        if (problems.length > 0) {
          const { code, details } = expectEnvelope(response);
          expect(code, context).toBe('validation_error');
          expect(details.map((d) => d.path).sort(), context).toEqual(problems);
          return;
        }
        expect(response.status, context).toBe(200);
        const single = (name: string) => pairs.find(([k]) => k === name)?.[1];
        if (single('format')?.trim().toLowerCase() === 'csv') {
          expect(response.headers['content-type'], context).toMatch(/^text\/csv/);
          expect(Number(response.headers['x-total-count']), context).toBeGreaterThanOrEqual(0);
          return;
        }
        expect(Object.keys(response.json).sort(), context).toEqual(['data', 'meta']);
        const { data, meta } = response.json;
        const limit = single('limit') === undefined ? 50 : Number(single('limit'));
        const offset = single('offset') === undefined ? 0 : Number(single('offset'));
        expect(meta, context).toEqual({ total: expect.any(Number), limit, offset });
        expect(Array.isArray(data), context).toBe(true);
        expect(data.length, context).toBeLessThanOrEqual(limit);
        expect(data.length, context).toBe(Math.max(0, Math.min(limit, meta.total - offset)));
        const term = (single('search') ?? '').trim().toLowerCase();
        for (const candidate of data) {
          expect(Object.keys(candidate).sort(), context).toEqual([...CANDIDATE_FIELDS].sort());
          if (term !== '') {
            const hit = candidate.full_name.toLowerCase().includes(term) || candidate.email.toLowerCase().includes(term);
            expect(hit, `${candidate.full_name} / ${candidate.email} does not contain ${JSON.stringify(term)}: ${context}`).toBe(true);
          }
        }
        for (let i = 1; i < data.length; i += 1) {
          const [a, b] = [data[i - 1], data[i]];
          expect(a.created_at > b.created_at || (a.created_at === b.created_at && a.id > b.id), context).toBe(true);
        }
      }),
      runs(600),
    );
  });

  // Inputs the properties above have turned up, kept as plain examples so each
  // one reads as its own failure and stays fixed.
  describe('inputs found by fuzzing', () => {
    it.each(['\u0000\u0000\u0000', 'ab\u0000cd', 'fuzz\u0000'])('search %j lists (no match), not a 500', async (term) => {
      const response = await api.call('GET', `/api/v1/candidates?search=${encodeURIComponent(term)}`);
      expect(response.status, describeResponse(response)).toBe(200);
      expect(response.json.meta.total).toBe(0);
    });

    it.each(['%E0%A4%A', '%', '%ED%A0%80'])('a path with the broken escape %s is a 404 envelope', async (segment) => {
      for (const method of ['GET', 'PUT'] as const) {
        const response = await api.call(method, `/api/v1/candidates/${segment}`, method === 'PUT' ? { body: {} } : {});
        expect(expectEnvelope(response).code, `${method} ${describeResponse(response)}`).toBe('not_found');
      }
    });

    it.each([5_000, 100_000])('metadata nested %i deep is a validation_error at metadata', async (depth) => {
      const rawBody = `{"full_name":"Deep","email":"deep@example.com","metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      const response = await api.call('POST', '/api/v1/candidates', { rawBody, headers: { 'content-type': 'application/json' } });
      const { code, details } = expectEnvelope(response);
      expect(code).toBe('validation_error');
      expect(details.map((d) => d.path)).toEqual(['metadata']);
    });

    it.each([
      ['full_name', '{"full_name":"Half \\ud800 Pair","email":"half.pair@example.com"}'],
      ['email', '{"full_name":"Half Pair","email":"half.\\udc00@example.com"}'],
      ['location', '{"full_name":"Half Pair","email":"half.location@example.com","location":"x\\udfff"}'],
    ])('a lone surrogate in %s is refused, or stored and read back exactly as answered', async (field, rawBody) => {
      const response = await api.call('POST', '/api/v1/candidates', { rawBody, headers: { 'content-type': 'application/json' } });
      if (response.status === 400) {
        expect(expectEnvelope(response).details.map((d) => d.path)).toEqual([field]);
        return;
      }
      expect(response.status, describeResponse(response)).toBe(201);
      existingIds.push(response.json.data.id);
      await expectReadBack(response);
    });

    it('unknown fields named like Object.prototype members are reported with a message each', async () => {
      const rawBody = '{"full_name":"P","email":"proto@example.com","constructor":1,"toString":2,"__proto__":{"x":1},"valueOf":3}';
      const response = await api.call('POST', '/api/v1/candidates', { rawBody, headers: { 'content-type': 'application/json' } });
      const { code, details } = expectEnvelope(response);
      expect(code).toBe('validation_error');
      expect(details.map((d) => d.path).sort()).toEqual(['__proto__', 'constructor', 'toString', 'valueOf']);
    });
  });

  it('leaves a database that passes every integrity check', () => {
    const { db } = api.database;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("INSERT INTO candidate_search (candidate_search) VALUES ('integrity-check')").run()).not.toThrow();
    expect(db.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(existingIds.length);
  });
});
