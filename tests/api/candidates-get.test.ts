import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApplication } from '../../electron/db/application-repository';
import { insertCandidate, mergeCandidateRowInto } from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { APPLICATION_FIELDS, CANDIDATE_FIELDS, expectError } from '../helpers/contract-expectations';
import { type TestApi, startTestApi } from '../helpers/test-api';

describe('GET /api/v1/candidates/{id}', () => {
  let api: TestApi;
  const get = (id: string) => api.call('GET', `/api/v1/candidates/${id}`);

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers the stored candidate with its applications, exactly the contract fields', async () => {
    const record = makeCandidateRecord({
      email: 'stored.candidate@example.com',
      primary_skills: ['React', 'Node'],
      secondary_skills: ['node', 'AWS', 'react', 'Terraform'],
      last_working_day: '2026-12-31',
      in_notice_period: true,
      resume_path: 'internal/resume.pdf',
    });
    insertCandidate(api.database.db, record);
    const older = makeApplicationRecord(record.id, {
      status: 'Shortlisted',
      shortlisted_at: '2026-11-02T10:00:00.000Z',
      notes: 'Good fit',
      metadata: { source: 'ats' },
      created_at: '2026-11-02T10:00:00.000Z',
      updated_at: '2026-11-02T10:00:00.000Z',
    });
    const newer = makeApplicationRecord(record.id, {
      status: 'Interview',
      screening_score: 88.5,
      match_score: 71,
      screening_started_at: '2026-11-03T10:00:00.000Z',
      screening_completed_at: '2026-11-03T11:00:00.000Z',
      outreach_sent_at: '2026-11-03T12:00:00.000Z',
      interest_clicked_at: '2026-11-03T13:00:00.000Z',
      video_interview_invite_sent_at: '2026-11-03T14:00:00.000Z',
      created_at: '2026-11-03T10:00:00.000Z',
      updated_at: '2026-11-03T14:00:00.000Z',
    });
    insertApplication(api.database.db, newer);
    insertApplication(api.database.db, older);

    const response = await get(record.id);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(response.json)).toEqual(['data']);
    const data = response.json.data;
    expect(Object.keys(data).sort()).toEqual([...CANDIDATE_FIELDS, 'applications'].sort());
    const { resume_path: _hidden, ...visible } = record;
    expect(data).toEqual({
      ...visible,
      skill_array: ['React', 'Node', 'AWS', 'Terraform'],
      applications: expect.any(Array),
    });
    for (const application of data.applications) {
      expect(Object.keys(application).sort()).toEqual([...APPLICATION_FIELDS].sort());
    }
    expect(data.applications).toHaveLength(2);
    expect(data.applications).toContainEqual(older);
    expect(data.applications).toContainEqual(newer);
  });

  it('answers an empty applications list for a candidate with none', async () => {
    const record = makeCandidateRecord({ email: 'no.applications@example.com' });
    insertCandidate(api.database.db, record);
    const response = await get(record.id);
    expect(response.json.data.applications).toEqual([]);
  });

  it('shows only its own applications', async () => {
    const mine = makeCandidateRecord({ email: 'mine.only@example.com' });
    const theirs = makeCandidateRecord({ email: 'theirs.only@example.com' });
    insertCandidate(api.database.db, mine);
    insertCandidate(api.database.db, theirs);
    const shared = '550e8400-e29b-41d4-a716-446655440000';
    const myApplication = makeApplicationRecord(mine.id, { job_id: shared });
    insertApplication(api.database.db, myApplication);
    insertApplication(api.database.db, makeApplicationRecord(theirs.id, { job_id: shared }));
    expect((await get(mine.id)).json.data.applications).toEqual([myApplication]);
  });

  it('takes the id in any case and answers it in lower case', async () => {
    const record = makeCandidateRecord({ email: 'case.id@example.com' });
    insertCandidate(api.database.db, record);
    const response = await get(record.id.toUpperCase());
    expect(response.status).toBe(200);
    expect(response.json.data.id).toBe(record.id);
  });

  it('answers a created candidate the same as the POST did', async () => {
    const created = await api.call('POST', '/api/v1/candidates', {
      body: { full_name: 'Round Trip', email: 'round.trip@example.com', application: { job_id: '550e8400-e29b-41d4-a716-446655440000' } },
    });
    expect((await get(created.json.data.id)).json.data).toEqual(created.json.data);
  });

  it('answers an id merged into another candidate with that candidate, for GET, PUT and its sync state', async () => {
    const kept = makeCandidateRecord({ full_name: 'Rahul Singh' });
    const merged = makeCandidateRecord({ full_name: 'Rahul S.' });
    insertCandidate(api.database.db, kept);
    insertCandidate(api.database.db, merged);
    mergeCandidateRowInto(api.database.db, merged.id, kept.id);

    const read = await get(merged.id.toUpperCase());
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual((await get(kept.id)).json.data);
    expect(read.json.data.id).toBe(kept.id);
    const updated = await api.call('PUT', `/api/v1/candidates/${merged.id}`, { body: { current_company: 'Zoho' } });
    expect(updated.status).toBe(200);
    expect(updated.json.data).toMatchObject({ id: kept.id, full_name: 'Rahul Singh', current_company: 'Zoho' });
    expect((await get(kept.id)).json.data.current_company).toBe('Zoho');
    const syncState = await api.call('GET', `/api/local/candidates/${merged.id}/sync`);
    expect(syncState.status).toBe(200);
    expect(syncState.json.data.candidate_id).toBe(kept.id);
  });

  it.each([
    ['an unknown UUID', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    ['something that is not a UUID', 'not-a-uuid'],
    ['a numeric id', '12345'],
    ['an id longer than any UUID', 'a'.repeat(150)],
    ['a broken percent-escape', '%E0%A4%A'],
    ['an escaped path separator', '..%2F..%2Fapi-token'],
  ])('answers 404 not_found for %s', async (_label, id) => {
    expectError(await get(id), 404, 'not_found');
  });
});
