import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApplication } from '../../electron/db/application-repository';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { expectValidationError } from '../helpers/contract-expectations';
import { type TestApi, startTestApi } from '../helpers/test-api';

const JOB_ID = '550e8400-e29b-41d4-a716-446655440000';

const HEADER =
  'id,full_name,email,phone_number,whatsapp_number,location,preferred_location,primary_skills,secondary_skills,' +
  'skill_array,total_experience_years,current_company,current_designation,current_ctc,expected_ctc,' +
  'notice_period_days,in_notice_period,last_working_day,resume_url,source,screening_score,talent_pool_status,' +
  'metadata,created_at,updated_at\r\n';

/** A candidate whose values need every kind of CSV quoting. */
const tricky = makeCandidateRecord({
  id: '00000000-0000-4000-8000-000000000003',
  full_name: 'Doe, Jane "JD"',
  email: 'jane.csv@example.com',
  phone_number: '+91 90000 12345',
  whatsapp_number: null,
  location: 'Line one\nLine two',
  preferred_location: 'Remote',
  primary_skills: ['React', 'C, C++'],
  secondary_skills: ['Docker', 'react'],
  total_experience_years: 6.5,
  current_company: 'Acme\rCorp',
  current_designation: 'Engineer',
  current_ctc: 18,
  expected_ctc: 24.75,
  notice_period_days: 30,
  in_notice_period: false,
  last_working_day: '2026-12-31',
  resume_url: 'https://example.com/cv?a=1,2',
  source: 'api',
  screening_score: null,
  talent_pool_status: 'not_linked',
  metadata: { k: 'v, "w"' },
  created_at: '2026-11-03T09:00:00.000Z',
  updated_at: '2026-11-04T10:30:00.000Z',
});
const TRICKY_ROW =
  '00000000-0000-4000-8000-000000000003,"Doe, Jane ""JD""",jane.csv@example.com,+91 90000 12345,,"Line one\nLine two",' +
  'Remote,"React; C, C++",Docker; react,"React; C, C++; Docker",6.5,"Acme\rCorp",Engineer,18,24.75,30,false,2026-12-31,' +
  '"https://example.com/cv?a=1,2",api,,not_linked,"{""k"":""v, \\""w\\""""}",2026-11-03T09:00:00.000Z,2026-11-04T10:30:00.000Z\r\n';

const masked = makeCandidateRecord({
  id: '00000000-0000-4000-8000-000000000002',
  full_name: 'Masked Mona',
  email: 'mona.secret@hidden.example',
  phone_number: '+91 99999 00000',
  whatsapp_number: '+91 99999 11111',
  location: 'Pune',
  preferred_location: null,
  primary_skills: [],
  secondary_skills: [],
  total_experience_years: null,
  current_company: null,
  current_designation: null,
  current_ctc: 50,
  expected_ctc: 60,
  notice_period_days: null,
  in_notice_period: true,
  last_working_day: null,
  resume_url: null,
  source: null,
  screening_score: 91,
  talent_pool_status: 'masked',
  metadata: null,
  created_at: '2026-11-02T09:00:00.000Z',
  updated_at: '2026-11-02T09:00:00.000Z',
});
const MASKED_ROW =
  '00000000-0000-4000-8000-000000000002,Masked Mona,,,,Pune,,,,,,,,,,,true,,,,91,masked,,2026-11-02T09:00:00.000Z,2026-11-02T09:00:00.000Z\r\n';

const plain = makeCandidateRecord({
  id: '00000000-0000-4000-8000-000000000001',
  full_name: 'Plain Person',
  email: 'plain@example.com',
  created_at: '2026-11-01T09:00:00.000Z',
});

const PLAIN_ROW =
  '00000000-0000-4000-8000-000000000001,Plain Person,plain@example.com,+91 90000 12345,+91 90000 12345,Bangalore,Remote,' +
  'React; TypeScript,Docker,React; TypeScript; Docker,6.5,Acme Inc,Senior Engineer,18,24,30,false,,' +
  'https://example.com/resume.pdf,cloud,72.5,not_linked,"{""external_id"":""ATS-9912""}",' +
  '2026-11-01T09:00:00.000Z,2026-11-01T09:00:00.000Z\r\n';

describe('GET /api/v1/candidates as CSV', () => {
  let api: TestApi;
  const csv = (query = '', headers: Record<string, string> = {}) => api.call('GET', `/api/v1/candidates${query}`, { headers });

  beforeAll(async () => {
    api = await startTestApi();
    for (const record of [plain, masked, tricky]) insertCandidate(api.database.db, record);
    insertApplication(api.database.db, makeApplicationRecord(tricky.id, { job_id: JOB_ID }));
  });
  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['?format=csv', {}],
    ['', { accept: 'text/csv' }],
    ['', { accept: 'text/csv; charset=utf-8' }],
    ['', { accept: 'application/json;q=0.5, text/csv' }],
    ['', { accept: 'text/*, application/json;q=0.9' }],
    ['?format=CSV', {}],
    ['?format=%20csv%20', { accept: 'application/json' }],
  ])('answers %s %j as text/csv with one header row and a row per candidate', async (query, headers) => {
    const response = await csv(query, headers);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['x-total-count']).toBe('3');
    expect(response.text).toBe(HEADER + TRICKY_ROW + MASKED_ROW + PLAIN_ROW);
  });

  it('quotes commas, quotes and line breaks, joins arrays with "; " and hides masked values', async () => {
    const response = await csv('?format=csv&limit=2');
    expect(response.text).toBe(HEADER + TRICKY_ROW + MASKED_ROW);
    expect(response.text).not.toContain('mona.secret');
    expect(response.text).not.toContain('99999');
  });

  it('writes numbers, booleans and metadata as text', async () => {
    expect((await csv('?format=csv&search=plain')).text).toBe(HEADER + PLAIN_ROW);
  });

  it('pages and filters as the JSON list does, with the total in X-Total-Count', async () => {
    const page = await csv('?format=csv&limit=1&offset=1');
    expect(page.text).toBe(HEADER + MASKED_ROW);
    expect(page.headers['x-total-count']).toBe('3');

    const searched = await csv('?search=JANE.CSV', { accept: 'text/csv' });
    expect(searched.text).toBe(HEADER + TRICKY_ROW);
    expect(searched.headers['x-total-count']).toBe('1');

    const byJob = await csv(`?format=csv&job_id=${JOB_ID}`);
    expect(byJob.text).toBe(HEADER + TRICKY_ROW);
    expect(byJob.headers['x-total-count']).toBe('1');

    expect((await csv('?format=csv&search=mona.secret')).text).toBe(HEADER);
  });

  it('answers only the header row when nothing matches', async () => {
    const response = await csv('?format=csv&search=nobody-at-all');
    expect(response.status).toBe(200);
    expect(response.text).toBe(HEADER);
    expect(response.headers['x-total-count']).toBe('0');
  });

  it('answers JSON without a CSV request, or when format=json says so', async () => {
    for (const response of [await csv(), await csv('?format=json', { accept: 'text/csv' }), await csv('', { accept: 'application/json' })]) {
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json.meta.total).toBe(3);
    }
  });

  it.each(['text/csv;q=0', 'application/json;q=1.0, text/csv;q=0.5', '*/*', 'text/html,application/xhtml+xml,*/*;q=0.8', 'text/plain'])(
    'answers JSON to Accept: %s, weighing q-values as HTTP does',
    async (accept) => {
      const response = await csv('', { accept });
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json.meta.total).toBe(3);
    },
  );

  it('answers errors in the JSON envelope', async () => {
    expectValidationError(await csv('?format=csv&limit=0'), ['limit']);
    expectValidationError(await csv('?limit=abc', { accept: 'text/csv' }), ['limit']);
    expect(expectValidationError(await csv('?format=xml'), ['format'])[0]?.message).toBe('must be json or csv');
  });
});
