import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../helpers/test-api';

const JOB = '6f1b3c0e-2d4a-4b8e-9c1d-0a2b3c4d5e6f';

describe('/api/local/jobs and /api/local/pipeline-statuses', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('adds, renames and removes jobs, listed by title; ids are UUIDs, kept lowercase', async () => {
    expect((await api.call('GET', '/api/local/jobs')).json).toEqual({ data: [] });
    const added = await api.call('PUT', `/api/local/jobs/${JOB.toUpperCase()}`, { body: { title: '  Backend engineer ' } });
    expect(added.status).toBe(200);
    expect(added.json).toEqual({ data: { id: JOB, title: 'Backend engineer' } });
    await api.call('PUT', '/api/local/jobs/0a0a0a0a-0000-4000-8000-000000000001', { body: { title: 'Analyst' } });
    await api.call('PUT', `/api/local/jobs/${JOB}`, { body: { title: 'Platform engineer' } });
    expect((await api.call('GET', '/api/local/jobs')).json.data.map((job: { title: string }) => job.title)).toEqual(['Analyst', 'Platform engineer']);

    expect((await api.call('DELETE', `/api/local/jobs/${JOB}`)).status).toBe(204);
    expect((await api.call('DELETE', `/api/local/jobs/${JOB}`)).json.error.code).toBe('not_found');
    expect((await api.call('GET', '/api/local/jobs')).json.data).toHaveLength(1);
  });

  it('lists the job ids applications carry without a title, the most applied-to first, until one is given', async () => {
    const [busy, quiet] = ['1b1b1b1b-0000-4000-8000-00000000000b', '2c2c2c2c-0000-4000-8000-00000000000c'];
    for (const [n, jobs] of [[1, [busy, quiet]], [2, [busy]], [3, [busy.toUpperCase()]]] as const) {
      for (const job of jobs) {
        const response = await api.call('POST', '/api/v1/candidates', { body: { full_name: `Untitled ${n}`, email: `untitled.${n}@example.com`, application: { job_id: job } } });
        expect(response.status, response.text).toBeLessThan(300);
      }
    }
    expect((await api.call('GET', '/api/local/jobs/untitled')).json).toEqual({
      data: [
        { id: busy, applications: 3 },
        { id: quiet, applications: 1 },
      ],
    });
    await api.call('PUT', `/api/local/jobs/${busy}`, { body: { title: 'Data engineer' } });
    expect((await api.call('GET', '/api/local/jobs/untitled')).json.data).toEqual([{ id: quiet, applications: 1 }]);
    expect((await api.call('GET', '/api/local/jobs/untitled', { headers: { authorization: '' } })).status).toBe(401);
    await api.call('DELETE', `/api/local/jobs/${busy}`);
  });

  it('refuses a title another job has, in any case, and changes nothing; a job keeps its own title', async () => {
    const [first, second] = ['3d3d3d3d-0000-4000-8000-00000000000d', '4e4e4e4e-0000-4000-8000-00000000000e'];
    expect((await api.call('PUT', `/api/local/jobs/${first}`, { body: { title: 'Site Reliability Engineer' } })).status).toBe(200);
    expect((await api.call('PUT', `/api/local/jobs/${second}`, { body: { title: 'Designer' } })).status).toBe(200);
    const before = (await api.call('GET', '/api/local/jobs')).json;
    for (const id of [second, '5f5f5f5f-0000-4000-8000-00000000000f']) {
      const response = await api.call('PUT', `/api/local/jobs/${id}`, { body: { title: ' site reliability engineer ' } });
      expect(response.status).toBe(400);
      expect(response.json.error).toMatchObject({
        code: 'validation_error',
        details: [{ path: 'title', message: `Another job (${first}) is already called “Site Reliability Engineer”: add what tells them apart, such as a place or a level.` }],
      });
    }
    expect((await api.call('GET', '/api/local/jobs')).json).toEqual(before);
    expect((await api.call('PUT', `/api/local/jobs/${first}`, { body: { title: 'Site reliability engineer' } })).json.data.title).toBe('Site reliability engineer');
    for (const id of [first, second]) await api.call('DELETE', `/api/local/jobs/${id}`);
  });

  it.each([
    ['a job id that is not a UUID', '/api/local/jobs/backend', { title: 'X' }, 'id'],
    ['an empty title', `/api/local/jobs/${JOB}`, { title: '  ' }, 'title'],
    ['an unknown key', `/api/local/jobs/${JOB}`, { title: 'X', salary: 1 }, 'salary'],
  ])('refuses %s with a validation error and changes nothing', async (_what, path, body, detailPath) => {
    const before = (await api.call('GET', '/api/local/jobs')).json;
    const response = await api.call('PUT', path, { body });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_error');
    expect(response.json.error.details.map((d: { path: string }) => d.path)).toContain(detailPath);
    expect((await api.call('GET', '/api/local/jobs')).json).toEqual(before);
  });

  it('replaces the pipeline in order, and applications are then checked against it', async () => {
    const defaults = (await api.call('GET', '/api/local/pipeline-statuses')).json.data;
    expect(defaults[0]).toBe('Applied');

    const replaced = await api.call('PUT', '/api/local/pipeline-statuses', { body: { statuses: ['Applied', ' Phone screen ', 'Offer'] } });
    expect(replaced.json).toEqual({ data: ['Applied', 'Phone screen', 'Offer'] });

    const candidate = (await api.call('POST', '/api/v1/candidates', { body: { full_name: 'Pipeline Person', email: 'pipe@example.com' } })).json.data;
    const moved = await api.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { application: { job_id: JOB, status: 'phone SCREEN' } } });
    expect(moved.status).toBe(200);
    expect(moved.json.data.applications[0].status).toBe('Phone screen');
    const refused = await api.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { application: { job_id: JOB, status: 'Interview' } } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details[0].path).toBe('application.status');

    await api.call('PUT', '/api/local/pipeline-statuses', { body: { statuses: defaults } });
  });

  it.each([
    [{ statuses: [] }, 'statuses'],
    [{ statuses: ['Applied', 'applied'] }, 'statuses.1'],
    [{ statuses: ['Applied', ''] }, 'statuses.1'],
    [{ statuses: 'Applied' }, 'statuses'],
  ])('refuses the pipeline %j and keeps the old one', async (body, detailPath) => {
    const before = (await api.call('GET', '/api/local/pipeline-statuses')).json;
    const response = await api.call('PUT', '/api/local/pipeline-statuses', { body });
    expect(response.status).toBe(400);
    expect(response.json.error.details.map((d: { path: string }) => d.path)).toContain(detailPath);
    expect((await api.call('GET', '/api/local/pipeline-statuses')).json).toEqual(before);
  });
});
