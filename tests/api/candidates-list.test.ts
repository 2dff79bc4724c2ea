import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApplication } from '../../electron/db/application-repository';
import { type CandidateRecord, insertCandidate } from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { CANDIDATE_FIELDS, expectValidationError } from '../helpers/contract-expectations';
import { type TestApi, startTestApi } from '../helpers/test-api';

const list = (api: TestApi, query: Record<string, string> | string = '') =>
  api.call('GET', `/api/v1/candidates${typeof query === 'string' ? query : `?${new URLSearchParams(query)}`}`);

/** Minutes after a fixed instant, so rows have a known newest-first order. */
const minute = (n: number) => new Date(Date.UTC(2026, 10, 1, 9, 0, 0) + n * 60_000).toISOString();

let seeded = 0;

function seed(api: TestApi, overrides: Partial<CandidateRecord>): CandidateRecord {
  seeded += 1;
  const record = makeCandidateRecord({ email: `seeded.${seeded}@list.test`, ...overrides });
  insertCandidate(api.database.db, record);
  return record;
}

const names = (response: { json: any }) => response.json.data.map((c: { full_name: string }) => c.full_name);
const ids = (response: { json: any }) => response.json.data.map((c: { id: string }) => c.id);

describe('GET /api/v1/candidates: paging', () => {
  let api: TestApi;
  let newestFirst: string[];
  beforeAll(async () => {
    api = await startTestApi();
    const seeded = Array.from({ length: 120 }, (_, i) => seed(api, { full_name: `Person ${i}`, created_at: minute(i) }));
    newestFirst = seeded.reverse().map((record) => record.id);
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers the first 50, newest first, with the total, by default', async () => {
    const response = await list(api);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(response.json).sort()).toEqual(['data', 'meta']);
    expect(response.json.meta).toEqual({ total: 120, limit: 50, offset: 0 });
    expect(ids(response)).toEqual(newestFirst.slice(0, 50));
  });

  it('sends names in any script exactly, as UTF-8, with a content-length that counts bytes', async () => {
    const names = ['अनन्या शर्मा', 'கார்த்திக் சுப்பிரமணியன்', 'Łukasz D\u2019Souza', 'Nguyễn Ngọc'];
    const scratch = await startTestApi();
    try {
      for (const [i, full_name] of names.entries()) seed(scratch, { full_name, created_at: minute(i) });
      const response = await list(scratch);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.text));
      expect(response.json.data.map((c: { full_name: string }) => c.full_name)).toEqual([...names].reverse());
    } finally {
      await scratch.close();
    }
  });

  it.each([
    [{ limit: '1' }, 1, 0],
    [{ limit: '100' }, 100, 0],
    [{ limit: '10', offset: '30' }, 10, 30],
    [{ limit: '100', offset: '100' }, 100, 100],
    [{ offset: '0' }, 50, 0],
    [{ limit: '007' }, 7, 0],
  ])('pages with %o', async (query, limit, offset) => {
    const response = await list(api, query);
    expect(response.status).toBe(200);
    expect(response.json.meta).toEqual({ total: 120, limit, offset });
    expect(ids(response)).toEqual(newestFirst.slice(offset, offset + limit));
  });

  it('answers an empty page, still with the total, past the end', async () => {
    const response = await list(api, { offset: '500' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: [], meta: { total: 120, limit: 50, offset: 500 } });
  });

  it.each(['', 'abc', '1.5', '-1', '101', '0', '1e2', '+5', ' 5', '5 ', '0x10', '١٠', '１０', '1000000'])(
    'refuses limit=%j rather than clamping it',
    async (value) => {
      const details = expectValidationError(await list(api, `?limit=${encodeURIComponent(value)}`), ['limit']);
      expect(details[0]?.message).toBeTruthy();
    },
  );

  it('pages as far as an offset a JSON number holds exactly, and echoes it', async () => {
    const response = await list(api, { offset: String(Number.MAX_SAFE_INTEGER) });
    expect(response.json).toEqual({ data: [], meta: { total: 120, limit: 50, offset: Number.MAX_SAFE_INTEGER } });
  });

  it.each(['', 'abc', '1.5', '-1', '1e2', '+1', ' 1', '0x1', '9007199254740992', '9'.repeat(400)])('refuses offset=%j', async (value) => {
    expectValidationError(await list(api, `?offset=${encodeURIComponent(value)}`), ['offset']);
  });

  it('refuses a bare parameter with no value', async () => {
    expectValidationError(await list(api, '?limit'), ['limit']);
    expectValidationError(await list(api, '?offset'), ['offset']);
  });

  it('refuses a repeated limit or offset', async () => {
    expectValidationError(await list(api, '?limit=5&limit=5'), ['limit']);
    expectValidationError(await list(api, '?offset=1&offset=2'), ['offset']);
  });

  it('names both parameters when both are wrong', async () => {
    expectValidationError(await list(api, '?limit=0&offset=-3'), ['limit', 'offset']);
  });

  it('ignores unknown query parameters', async () => {
    const response = await list(api, '?sort=full_name&page=3&foo=bar&limit=5');
    expect(response.status).toBe(200);
    expect(response.json.meta).toEqual({ total: 120, limit: 5, offset: 0 });
    expect(ids(response)).toEqual(newestFirst.slice(0, 5));
  });
});

describe('GET /api/v1/candidates: order and shape', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers an empty list when there are no candidates', async () => {
    const response = await list(api);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: [], meta: { total: 0, limit: 50, offset: 0 } });
  });

  it('orders by created_at descending, then id descending', async () => {
    const sameInstant = minute(10);
    // Inserted out of order so neither insertion order nor seq can pass for the tie-break.
    const middle = seed(api, { id: '00000000-0000-4000-8000-00000000000b', created_at: sameInstant });
    const oldest = seed(api, { id: '00000000-0000-4000-8000-0000000000ff', created_at: minute(1) });
    const highest = seed(api, { id: '00000000-0000-4000-8000-00000000000c', created_at: sameInstant });
    const newest = seed(api, { id: '00000000-0000-4000-8000-000000000001', created_at: minute(20) });
    const lowest = seed(api, { id: '00000000-0000-4000-8000-00000000000a', created_at: sameInstant });

    const response = await list(api);
    expect(ids(response)).toEqual([newest.id, highest.id, middle.id, lowest.id, oldest.id]);

    const secondPage = await list(api, { limit: '2', offset: '2' });
    expect(ids(secondPage)).toEqual([middle.id, lowest.id]);
  });

  it('lists each candidate with exactly the contract fields and no applications', async () => {
    const record = seed(api, { created_at: minute(30), metadata: { external_id: 'ATS-1' } });
    insertApplication(api.database.db, makeApplicationRecord(record.id));
    const response = await list(api, { limit: '100' });
    expect(response.status).toBe(200);
    for (const candidate of response.json.data) {
      expect(Object.keys(candidate).sort()).toEqual([...CANDIDATE_FIELDS].sort());
    }
    const item = response.json.data.find((c: { id: string }) => c.id === record.id);
    expect(item).toEqual({
      id: record.id,
      full_name: record.full_name,
      email: record.email,
      phone_number: record.phone_number,
      whatsapp_number: record.whatsapp_number,
      location: record.location,
      preferred_location: record.preferred_location,
      primary_skills: record.primary_skills,
      secondary_skills: record.secondary_skills,
      skill_array: ['React', 'TypeScript', 'Docker'],
      total_experience_years: record.total_experience_years,
      current_company: record.current_company,
      current_designation: record.current_designation,
      current_ctc: record.current_ctc,
      expected_ctc: record.expected_ctc,
      notice_period_days: record.notice_period_days,
      in_notice_period: record.in_notice_period,
      last_working_day: record.last_working_day,
      resume_url: record.resume_url,
      source: record.source,
      screening_score: record.screening_score,
      talent_pool_status: 'not_linked',
      metadata: { external_id: 'ATS-1' },
      created_at: record.created_at,
      updated_at: record.updated_at,
    });
  });
});

describe('GET /api/v1/candidates: search', () => {
  let api: TestApi;
  let all: string[];
  beforeAll(async () => {
    api = await startTestApi();
    const people: [string, string, Partial<CandidateRecord>?][] = [
      ['Élodie Martin', 'elodie.martin@example.com'],
      ['Jane Doe', 'jane.doe@acme.io'],
      ['Dana "The Rock" Smith', 'dana@rock.example'],
      ['Star * Person', 'star@example.org'],
      ['Bella Orwell', 'bella@orwell.example'],
      ['Kim (Sales)', 'kim_sales@example.net'],
      ['Masked Mona', 'mona.secret@hidden.example', { talent_pool_status: 'masked' }],
      ['Zoë Quartz', 'zq@example.com'],
    ];
    people.forEach(([full_name, email, extra], i) => seed(api, { full_name, email, created_at: minute(i), ...extra }));
    all = people.map(([name]) => name).reverse();
  });
  afterAll(async () => {
    await api.close();
  });

  it.each([
    // Three or more characters.
    ['jane', ['Jane Doe']],
    ['JANE DOE', ['Jane Doe']],
    ['  jane  ', ['Jane Doe']],
    ['ACME.IO', ['Jane Doe']],
    ['ne.doe@ac', ['Jane Doe']],
    ['odie mar', ['Élodie Martin']],
    ['ÉLODIE', ['Élodie Martin']],
    ['élodie', ['Élodie Martin']],
    ['ZOË', ['Zoë Quartz']],
    ['example', ['Zoë Quartz', 'Kim (Sales)', 'Bella Orwell', 'Star * Person', 'Dana "The Rock" Smith', 'Élodie Martin']],
    // One and two characters.
    ['z', ['Zoë Quartz']],
    ['Z', ['Zoë Quartz']],
    ['oë', ['Zoë Quartz']],
    ['É', ['Élodie Martin']],
    ['é', ['Élodie Martin']],
    ['jd', []],
    ['io', ['Jane Doe']],
    // Characters that mean something to a query language are plain text.
    ['"', ['Dana "The Rock" Smith']],
    ['"the rock"', ['Dana "The Rock" Smith']],
    ['the rock', ['Dana "The Rock" Smith']],
    ['*', ['Star * Person']],
    ['r * p', ['Star * Person']],
    ['(', ['Kim (Sales)']],
    ['(sales)', ['Kim (Sales)']],
    ['OR', ['Bella Orwell', 'Star * Person']],
    ['la OR', ['Bella Orwell']],
    ['jane OR bella', []],
    ['jane AND doe', []],
    ['jane NOT doe', []],
    ['NEAR(jane doe)', []],
    ['full_name:jane', []],
    ['search_name:jane', []],
    ['-jane', []],
    ['^jan', []],
    ['jan*', []],
    ['_', ['Kim (Sales)']],
    ['%', []],
    ['\\', []],
    ["'", []],
    ['nobody-has-this', []],
  ])('search=%j finds %j', async (search, expected) => {
    const response = await list(api, { search });
    expect(response.status, response.text).toBe(200);
    expect(names(response)).toEqual(expected);
    expect(response.json.meta.total).toBe(expected.length);
  });

  it.each(['', '   ', '\t'])('treats search=%j as no filter', async (search) => {
    const response = await list(api, { search });
    expect(response.status).toBe(200);
    expect(names(response)).toEqual(all);
    expect(response.json.meta.total).toBe(all.length);
  });

  it("finds a masked candidate by name but never by the email it hides", async () => {
    expect(names(await list(api, { search: 'masked mona' }))).toEqual(['Masked Mona']);
    expect(names(await list(api, { search: 'mona' }))).toEqual(['Masked Mona']);
    for (const search of ['mona.secret', 'secret', 'hidden.example', 'mona.secret@hidden.example', 'cr', 'hi']) {
      const response = await list(api, { search });
      expect(names(response), search).toEqual([]);
      expect(response.json.meta.total).toBe(0);
    }
  });

  it('counts every match in meta.total while paging through them', async () => {
    const first = await list(api, { search: 'example', limit: '2' });
    expect(first.json.meta).toEqual({ total: 6, limit: 2, offset: 0 });
    expect(names(first)).toEqual(['Zoë Quartz', 'Kim (Sales)']);
    const last = await list(api, { search: 'example', limit: '4', offset: '4' });
    expect(last.json.meta).toEqual({ total: 6, limit: 4, offset: 4 });
    expect(names(last)).toEqual(['Dana "The Rock" Smith', 'Élodie Martin']);
  });

  it('finds a name whichever way its accents are written (precomposed or combining)', async () => {
    for (const term of ['\u00c9lodie', 'E\u0301lodie', 'e\u0301']) {
      expect(names(await list(api, { search: term })), JSON.stringify(term)).toEqual(['Élodie Martin']);
    }
  });

  it('refuses a repeated search', async () => {
    expectValidationError(await list(api, '?search=jane&search=bella'), ['search']);
  });

  it('refuses a term percent-encoded in another encoding than UTF-8, rather than finding nothing', async () => {
    const [detail] = expectValidationError(await list(api, '?search=Zo%EB'), ['search']);
    expect(detail?.message).toContain('UTF-8');
    expect(names(await list(api, '?search=Zo%C3%AB'))).toEqual(['Zoë Quartz']);
    // A literal percent sign, sent as %25, is a term like any other.
    expect((await list(api, '?search=Zo%25EB')).json.meta.total).toBe(0);
    expectValidationError(await list(api, '?limit=5&search=%E9t%E9&job_id=%ZZ'), ['search', 'job_id']);
    // Unknown parameters are ignored, however they are encoded.
    expect((await list(api, '?search=Zo%C3%AB&lang=fran%E7ais')).status).toBe(200);
  });
});

describe('GET /api/v1/candidates: job_id', () => {
  const jobA = '550e8400-e29b-41d4-a716-446655440000';
  const jobB = '7d3f6a52-1c2b-4e8f-9a0d-3b5c7e9f1a2b';
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const ann = seed(api, { full_name: 'Ann Applied', created_at: minute(1) });
    const bob = seed(api, { full_name: 'Bob Both', created_at: minute(2) });
    const cat = seed(api, { full_name: 'Cat OnlyB', created_at: minute(3) });
    seed(api, { full_name: 'Dan Nothing', created_at: minute(4) });
    const eve = seed(api, { full_name: 'Eve Applied', created_at: minute(5) });
    for (const record of [ann, bob, eve]) insertApplication(api.database.db, makeApplicationRecord(record.id, { job_id: jobA }));
    for (const record of [bob, cat]) insertApplication(api.database.db, makeApplicationRecord(record.id, { job_id: jobB }));
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists only candidates with an application to that job', async () => {
    const response = await list(api, { job_id: jobA });
    expect(response.status).toBe(200);
    expect(names(response)).toEqual(['Eve Applied', 'Bob Both', 'Ann Applied']);
    expect(response.json.meta).toEqual({ total: 3, limit: 50, offset: 0 });
    expect(names(await list(api, { job_id: jobB }))).toEqual(['Cat OnlyB', 'Bob Both']);
  });

  it('compares the job id case-insensitively', async () => {
    expect(names(await list(api, { job_id: jobA.toUpperCase() }))).toEqual(['Eve Applied', 'Bob Both', 'Ann Applied']);
  });

  it('answers an empty page for a job nobody applied to', async () => {
    const response = await list(api, { job_id: '00000000-0000-4000-8000-000000000000' });
    expect(response.json).toEqual({ data: [], meta: { total: 0, limit: 50, offset: 0 } });
  });

  it('combines with search and paging', async () => {
    const response = await list(api, { job_id: jobA, search: 'applied', limit: '1', offset: '1' });
    expect(response.json.meta).toEqual({ total: 2, limit: 1, offset: 1 });
    expect(names(response)).toEqual(['Ann Applied']);
  });

  it.each(['', 'abc', '550e8400e29b41d4a716446655440000', `${jobA}0`, `{${jobA}}`, ` ${jobA}`])(
    'refuses job_id=%j, which is not a UUID',
    async (jobId) => {
      expectValidationError(await list(api, `?job_id=${encodeURIComponent(jobId)}`), ['job_id']);
    },
  );

  it('refuses a repeated job_id', async () => {
    expectValidationError(await list(api, `?job_id=${jobA}&job_id=${jobB}`), ['job_id']);
  });
});

describe('GET /api/v1/candidates: follows every write', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('shows created, renamed and re-addressed candidates at once', async () => {
    expect((await list(api, { search: 'original' })).json.meta.total).toBe(0);
    const created = await api.call('POST', '/api/v1/candidates', {
      body: { full_name: 'Original Name', email: 'first.address@example.com' },
    });
    expect(created.status).toBe(201);
    const id = created.json.data.id;
    expect(ids(await list(api, { search: 'original' }))).toEqual([id]);
    expect(ids(await list(api, { search: 'or' }))).toEqual([id]);
    expect((await list(api)).json.meta.total).toBe(1);

    const renamed = await api.call('PUT', `/api/v1/candidates/${id}`, {
      body: { full_name: 'Renamed Person', email: 'second.address@example.com' },
    });
    expect(renamed.status).toBe(200);
    expect(ids(await list(api, { search: 'original' }))).toEqual([]);
    expect(ids(await list(api, { search: 'first.address' }))).toEqual([]);
    expect(ids(await list(api, { search: 'renamed' }))).toEqual([id]);
    expect(ids(await list(api, { search: 'second.address' }))).toEqual([id]);
    expect(names(await list(api))).toEqual(['Renamed Person']);
  });

  it('lists a new application under its job at once', async () => {
    const jobId = '11111111-2222-4333-8444-555555555555';
    const created = await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Job Seeker', email: 'seeker@example.com' } });
    expect((await list(api, { job_id: jobId })).json.meta.total).toBe(0);
    await api.call('PUT', `/api/v1/candidates/${created.json.data.id}`, { body: { application: { job_id: jobId } } });
    expect(ids(await list(api, { job_id: jobId }))).toEqual([created.json.data.id]);
  });
});
