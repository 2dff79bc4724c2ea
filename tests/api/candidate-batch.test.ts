import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATE_BATCH_MAX } from '@shared/local-api-schema';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { makeCandidateRecord } from '../helpers/candidate-factory';
import type { HttpResponse } from '../helpers/http-client';
import { type TestApi, startTestApi } from '../helpers/test-api';

const BATCH = '/api/local/candidates/batch';
const JOB = '7a7a7a7a-0000-4000-8000-00000000000a';

describe('POST /api/local/candidates/batch', () => {
  let api: TestApi;
  let oneByOne: TestApi;
  beforeAll(async () => {
    [api, oneByOne] = await Promise.all([startTestApi(), startTestApi()]);
  });
  afterAll(async () => {
    await Promise.all([api.close(), oneByOne.close()]);
  });

  const listTotal = async (target: TestApi) => (await target.call('GET', '/api/v1/candidates?limit=1')).json.meta.total as number;

  it('answers each body as its own POST would, in order; a refused one changes nothing and stops no other', async () => {
    insertCandidate(api.database.db, makeCandidateRecord({ full_name: 'Masked Mira', email: 'mira@hidden.example', talent_pool_status: 'masked' }));
    const existing = await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Existing Esha', email: 'esha@batch.example' } });
    const before = await listTotal(api);

    const response = await api.call('POST', BATCH, {
      body: {
        candidates: [
          { full_name: 'New Nikhil', email: 'nikhil@batch.example', application: { job_id: JOB, status: 'interview' } },
          { full_name: 'Other name', email: ' ESHA@batch.example ', application: { job_id: JOB } },
          { full_name: 'Bad Bina', email: 'not an address', total_experience_years: '7' },
          { full_name: 'Nikhil again', email: 'Nikhil@Batch.Example' },
          { full_name: 'Mira typed again', email: 'MIRA@hidden.example' },
          'not an object',
        ],
      },
    });

    expect(response.status, response.text).toBe(200);
    const answers = response.json.data;
    expect(answers.map((answer: { status: number }) => answer.status)).toEqual([201, 200, 400, 200, 200, 400]);
    expect(answers[0].data).toMatchObject({ full_name: 'New Nikhil', applications: [{ job_id: JOB, status: 'Interview' }] });
    expect(answers[1].data).toMatchObject({ id: existing.json.data.id, full_name: 'Existing Esha', applications: [{ job_id: JOB, status: 'Applied' }] });
    expect(answers[2].error).toEqual({
      code: 'validation_error',
      message: 'The request has invalid fields.',
      details: expect.arrayContaining([expect.objectContaining({ path: 'email' }), expect.objectContaining({ path: 'total_experience_years' })]),
    });
    expect(answers[3].data).toMatchObject({ id: answers[0].data.id, full_name: 'New Nikhil' });
    expect(answers[4].data).toMatchObject({ full_name: 'Masked Mira', email: '', talent_pool_status: 'masked' });
    expect(answers[5].error).toMatchObject({ code: 'validation_error', details: [{ path: '' }] });

    expect(await listTotal(api)).toBe(before + 1);
    expect((await api.call('GET', '/api/v1/candidates?search=bina')).json.meta.total).toBe(0);
    const saved = await api.call('GET', `/api/v1/candidates/${answers[0].data.id}`);
    expect(saved.json.data).toEqual(answers[0].data);
  });

  it('matches POST one by one, answer for answer and in what is stored, for any batch', async () => {
    const pipeline = fc.constantFrom('Applied', 'shortlisted', 'HIRED', 'Maybe later');
    const body = fc.record(
      {
        full_name: fc.constantFrom('Asha', '  Ravi  ', 'Meena', '', 'x'.repeat(201)),
        email: fc.constantFrom('a@one.example', 'A@ONE.example ', 'b@two.example', 'c@three.example', 'broken@'),
        current_ctc: fc.constantFrom(12, 0, -1, '12'),
        primary_skills: fc.constantFrom(['Go', 'go', ' SQL '], [], null),
        application: fc.record({ job_id: fc.constantFrom(JOB, JOB.toUpperCase(), 'not-a-uuid'), status: pipeline }, { requiredKeys: ['job_id'] }),
      },
      { requiredKeys: ['full_name', 'email'] },
    );
    const statusesSeen = new Set<number>();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 12 }), async (bodies) => {
        // Each run's emails are its own, so earlier runs' candidates are never matched.
        const domain = `run${++run}`;
        const ownEmails = bodies.map((item) => (typeof item.email === 'string' ? { ...item, email: item.email.replace('example', domain) } : item));
        const batch = await api.call('POST', BATCH, { body: { candidates: ownEmails } });
        expect(batch.status, batch.text).toBe(200);
        for (const answer of batch.json.data) statusesSeen.add(answer.status);
        const sequential: HttpResponse[] = [];
        for (const item of ownEmails) sequential.push(await oneByOne.call('POST', '/api/v1/candidates', { body: item }));
        expect(batch.json.data.map(comparable)).toEqual(sequential.map((answer) => comparable({ status: answer.status, ...answer.json })));
        // In order too: newest first, a batch's candidates as much as ones posted one by one.
        const stored = async (target: TestApi) =>
          (await target.call('GET', `/api/v1/candidates?search=${domain}&limit=100`)).json.data.map((candidate: unknown) => JSON.stringify(comparable(candidate)));
        expect(await stored(api)).toEqual(await stored(oneByOne));
      }),
      { numRuns: 40 },
    );
    expect([...statusesSeen].sort()).toEqual([200, 201, 400]);
  });

  it('lists a batch newest first, the last body on top, though its candidates share a millisecond', async () => {
    const bodies = Array.from({ length: 100 }, (_, i) => ({ full_name: `Row ${i}`, email: `row.${i}@order.example` }));
    const response = await api.call('POST', BATCH, { body: { candidates: bodies } });
    expect(response.status, response.text).toBe(200);
    const createdAt = new Set(response.json.data.map((answer: { data: { created_at: string } }) => answer.data.created_at));
    expect(createdAt.size).toBeLessThan(bodies.length);

    const listed = await api.call('GET', '/api/v1/candidates?search=order.example&limit=100');
    expect(listed.json.data.map((candidate: { full_name: string }) => candidate.full_name)).toEqual(bodies.map((body) => body.full_name).reverse());
  });

  it('refuses a batch that is not a list of 1 to the most bodies, and changes nothing', async () => {
    const before = await listTotal(api);
    const tooMany = Array.from({ length: CANDIDATE_BATCH_MAX + 1 }, (_, i) => ({ full_name: `Over ${i}`, email: `over.${i}@batch.example` }));
    for (const [body, message] of [
      [{ candidates: [] }, 'must hold at least one candidate'],
      [{ candidates: tooMany }, `must hold at most ${CANDIDATE_BATCH_MAX} candidates; send more in further requests`],
      [{ candidates: { full_name: 'One', email: 'one@batch.example' } }, 'must be a list of candidate bodies, as POST /api/v1/candidates takes them'],
    ] as const) {
      const response = await api.call('POST', BATCH, { body });
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({ code: 'validation_error', details: [{ path: 'candidates', message }] });
    }
    const unknownKey = await api.call('POST', BATCH, { body: { candidates: [{ full_name: 'A', email: 'a@batch.example' }], dry_run: true } });
    expect(unknownKey.json.error).toMatchObject({ code: 'validation_error', details: [{ path: 'dry_run' }] });
    expect((await api.call('POST', BATCH, { rawBody: '{"candidates": [', headers: { 'content-type': 'application/json' } })).json.error.code).toBe('invalid_json');
    expect((await api.call('POST', BATCH, { rawBody: 'full_name,email', headers: { 'content-type': 'text/csv' } })).json.error.code).toBe('unsupported_media_type');
    const huge = { candidates: [{ full_name: 'Huge', email: 'huge@batch.example', location: 'x'.repeat(1024 * 1024) }] };
    expect((await api.call('POST', BATCH, { body: huge })).status).toBe(413);
    expect((await api.call('POST', BATCH, { body: { candidates: [{ full_name: 'No token', email: 'nt@batch.example' }] }, headers: { authorization: '' } })).status).toBe(401);
    expect(await listTotal(api)).toBe(before);
  });
});

/** An answer or a stored candidate without what differs between two databases: ids (the organisation's too) and timestamps. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['id', 'candidate_id', 'organization_id', 'created_at', 'updated_at', 'status_date', 'shortlisted_at'].includes(key))
      .map(([key, item]) => [key, comparable(item)]),
  );
}
