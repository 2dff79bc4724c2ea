import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCandidateRowInto } from '../../electron/db/candidate-repository';
import { type TestApi, startTestApi } from '../helpers/test-api';

const JOB_A = '6f1b3c0e-2d4a-4b8e-9c1d-0a2b3c4d5e6f';
const JOB_B = '0a0a0a0a-0000-4000-8000-000000000001';

describe('GET /api/local/application-statuses', () => {
  let api: TestApi;
  let applied: string;
  let none: string;
  beforeAll(async () => {
    api = await startTestApi();
    applied = (await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Two Jobs', email: 'two@example.com', application: { job_id: JOB_A } } })).json.data.id;
    await api.call('PUT', `/api/v1/candidates/${applied}`, { body: { application: { job_id: JOB_B, status: 'interview' } } });
    none = (await api.call('POST', '/api/v1/candidates', { body: { full_name: 'No Jobs', email: 'none@example.com' } })).json.data.id;
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers each known candidate with its jobs and statuses, oldest first; none is an empty list; unknown ids are left out', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const response = await api.call('GET', `/api/local/application-statuses?ids=${applied.toUpperCase()},${none}, ${unknown},${applied}`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      data: {
        [applied]: [
          { job_id: JOB_A, status: 'Applied' },
          { job_id: JOB_B, status: 'Interview' },
        ],
        [none]: [],
      },
    });
  });

  it('answers an id merged into another candidate with that one\'s applications, under the id asked for', async () => {
    const merged = (await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Two Jobs', email: 'two.again@example.com' } })).json.data.id;
    mergeCandidateRowInto(api.database.db, merged, applied);
    const response = await api.call('GET', `/api/local/application-statuses?ids=${merged}`);
    expect(response.json).toEqual({ data: { [merged]: [{ job_id: JOB_A, status: 'Applied' }, { job_id: JOB_B, status: 'Interview' }] } });
  });

  it('refuses a missing list or more than 200 ids, and needs the token', async () => {
    expect((await api.call('GET', '/api/local/application-statuses')).json.error.details[0].path).toBe('ids');
    const tooMany = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',');
    expect((await api.call('GET', `/api/local/application-statuses?ids=${tooMany}`)).status).toBe(400);
    expect((await api.call('GET', `/api/local/application-statuses?ids=${applied}`, { headers: { authorization: '' } })).status).toBe(401);
  });
});
