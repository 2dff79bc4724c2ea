import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { REMOTE_JOB_IDS } from '../../tools/remote-server/candidate-generator';
import { RemoteControlError, connectRemoteControls } from '../../tools/remote-server/controls-client';
import { DEFAULT_ORGANIZATION_ID } from '../../tools/remote-server/remote-server';
import { CANDIDATE_FIELDS, expectError, expectValidationError } from '../helpers/contract-expectations';
import { sendHttp } from '../helpers/http-client';
import { TestClock } from '../helpers/test-clock';
import { type TestRemote, remoteServers } from './remote-harness';

const JOB = REMOTE_JOB_IDS[0];
const OTHER_JOB = '550e8400-e29b-41d4-a716-446655440000';
const MINUTE = 60_000;
const EXTRA_FIELDS = ['organization_id', 'owner_name'];

let emails = 0;
const freshEmail = () => `person.${++emails}@remote.test`;

const servers = remoteServers();
afterEach(servers.closeAll);

/** Contract fields in order, then the remote's extras. */
const expectCandidateShape = (candidate: Record<string, unknown>, withApplications: boolean) => {
  const expected = [...CANDIDATE_FIELDS, ...(withApplications ? ['applications'] : []), ...EXTRA_FIELDS];
  expect(Object.keys(candidate)).toEqual(expected);
  expect(candidate.organization_id).toBe(DEFAULT_ORGANIZATION_ID);
  expect(candidate.owner_name).toEqual(expect.any(String));
};

/** Newest first as the contract orders: created_at descending, then id descending. */
const newestFirst = (a: { created_at: string; id: string }, b: { created_at: string; id: string }) =>
  a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1;

async function post(remote: TestRemote, body: unknown) {
  return remote.call('POST', '/api/v1/candidates', { body });
}

async function getData(remote: TestRemote, id: string) {
  const response = await remote.call('GET', `/api/v1/candidates/${id}`);
  expect(response.status, response.text).toBe(200);
  return response.json.data;
}

function fullCandidate(extra: Record<string, unknown> = {}) {
  return {
    full_name: 'Jane Doe',
    email: freshEmail(),
    phone_number: '+91 90000 12345',
    whatsapp_number: '+91 90000 54321',
    location: 'Bangalore',
    current_ctc: 18,
    expected_ctc: 24,
    primary_skills: ['React'],
    ...extra,
  };
}

describe('remote server: auth and error order', () => {
  it('refuses a missing, wrong or non-bearer key with 401 on every route, test controls included', async () => {
    const remote = await servers.start({ apiKey: 'the-org-key' });
    const { url } = remote.server;
    const cases: [string, string, Record<string, string>][] = [
      ['GET', '/api/v1/candidates', {}],
      ['GET', '/api/v1/candidates', { authorization: 'Bearer not-the-key' }],
      ['GET', '/api/v1/candidates', { authorization: 'Basic the-org-key' }],
      ['GET', '/api/v1/candidates/00000000-0000-4000-8000-000000000000', {}],
      ['POST', '/api/v1/candidates', {}],
      ['PUT', '/api/v1/candidates/00000000-0000-4000-8000-000000000000', {}],
      ['GET', '/no/such/route', {}],
      ['GET', '/_test/stats', { authorization: 'Bearer not-the-key' }],
    ];
    for (const [method, path, headers] of cases) {
      expectError(await sendHttp(url, path, { method, headers }), 401, 'unauthorized');
    }
    const ok = await sendHttp(url, '/api/v1/candidates', { headers: { authorization: 'Bearer the-org-key' } });
    expect(ok.status).toBe(200);
  });

  it('generates a random key when none is given, and has no Host check', async () => {
    const remote = await servers.start();
    expect(remote.server.apiKey.length).toBeGreaterThanOrEqual(32);
    const response = await remote.call('GET', '/api/v1/candidates', { headers: { host: 'cloud.example.com' } });
    expect(response.status).toBe(200);
  });

  it('answers in the contract order: 404 before 413/415/invalid JSON, validation before 409 before 403', async () => {
    const remote = await servers.start();
    expectError(await remote.call('GET', '/api/v1/nothing'), 404, 'not_found');
    expectError(await remote.call('DELETE', '/api/v1/candidates'), 404, 'not_found');
    expectError(await remote.call('GET', '/api/v1/candidates/%E0%A4%A'), 404, 'not_found');
    expectError(await sendHttp(remote.server.url, '/api/v1/candidates/%E0%A4%A'), 401, 'unauthorized');
    const unknownId = '/api/v1/candidates/00000000-0000-4000-8000-000000000000';
    expectError(await remote.call('PUT', unknownId, { rawBody: '{oops', headers: { 'content-type': 'text/plain' } }), 404, 'not_found');
    expectError(await remote.call('POST', '/api/v1/candidates', { rawBody: 'x'.repeat(1024 * 1024 + 1), headers: { 'content-type': 'text/plain' } }), 413, 'payload_too_large');
    expectError(await remote.call('POST', '/api/v1/candidates', { rawBody: '{}', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    expectError(await remote.call('POST', '/api/v1/candidates', { rawBody: '{oops', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');

    const taken = (await post(remote, fullCandidate())).json.data;
    const masked = (await post(remote, fullCandidate())).json.data;
    remote.server.controls.mask(masked.id);
    const path = `/api/v1/candidates/${masked.id}`;
    expectValidationError(await remote.call('PUT', path, { body: { phone_number: '+1 555', notice_period_days: -1 } }), ['notice_period_days']);
    expectError(await remote.call('PUT', path, { body: { email: taken.email, phone_number: '+1 555' } }), 409, 'email_taken');
    expectError(await remote.call('PUT', path, { body: { phone_number: '+1 555' } }), 403, 'talent_pool_reveal_required');
  });
});

describe('remote server: list', () => {
  it('pages newest first with meta.total, without applications, with the extra fields', async () => {
    const remote = await servers.start();
    remote.server.controls.seed(25);
    const expected = remote.server.controls.snapshot().sort(newestFirst).map((c) => c.id);

    const seen: string[] = [];
    for (const [offset, size] of [[0, 10], [10, 10], [20, 5]] as const) {
      const response = await remote.call('GET', `/api/v1/candidates?limit=10&offset=${offset}`);
      expect(response.status, response.text).toBe(200);
      expect(response.json.meta).toEqual({ total: 25, limit: 10, offset });
      expect(response.json.data).toHaveLength(size);
      for (const candidate of response.json.data) expectCandidateShape(candidate, false);
      seen.push(...response.json.data.map((c: { id: string }) => c.id));
    }
    expect(seen).toEqual(expected);

    const defaults = await remote.call('GET', '/api/v1/candidates');
    expect(defaults.json.meta).toEqual({ total: 25, limit: 50, offset: 0 });
  });

  it('checks limit and offset strictly and ignores unknown parameters, the local-only format among them', async () => {
    const remote = await servers.start({ initialCandidates: 3 });
    expectValidationError(await remote.call('GET', '/api/v1/candidates?limit=0'), ['limit']);
    expectValidationError(await remote.call('GET', '/api/v1/candidates?limit=101&offset=-1'), ['limit', 'offset']);
    expectValidationError(await remote.call('GET', '/api/v1/candidates?job_id=nope'), ['job_id']);
    for (const format of ['csv', 'xml']) {
      const response = await remote.call('GET', `/api/v1/candidates?format=${format}&colour=blue`);
      expect(response.status, response.text).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json.meta.total).toBe(3);
    }
  });

  it('searches name and email, not a masked email, and filters by job', async () => {
    const remote = await servers.start({ initialCandidates: 20 });
    const { controls } = remote.server;
    const visible = controls.addCandidate({ full_name: 'Thirunavukkarasu Visible', email: 'zebra.visible@remote.test', application: { job_id: OTHER_JOB } });
    const hidden = controls.addCandidate({ full_name: 'Hidden Person', email: 'zebra.hidden@remote.test' });
    controls.mask(hidden.candidate.id);

    const byName = await remote.call('GET', '/api/v1/candidates?search=thirunavukkarasu');
    expect(byName.json.data.map((c: { id: string }) => c.id)).toEqual([visible.candidate.id]);
    const byEmail = await remote.call('GET', '/api/v1/candidates?search=ZEBRA');
    expect(byEmail.json.data.map((c: { id: string }) => c.id)).toEqual([visible.candidate.id]);
    const byJob = await remote.call('GET', `/api/v1/candidates?job_id=${OTHER_JOB.toUpperCase()}`);
    expect(byJob.json.meta.total).toBe(1);
    expect(byJob.json.data[0].id).toBe(visible.candidate.id);

    const seededForJob = controls.snapshot().filter((c) => c.applications.some((a) => a.job_id === JOB));
    const byGeneratedJob = await remote.call('GET', `/api/v1/candidates?job_id=${JOB}&limit=100`);
    expect(byGeneratedJob.json.meta.total).toBe(seededForJob.length);
  });
});

describe('remote server: get, create or match, update', () => {
  it('GET by id answers the candidate with applications and the extra fields; an unknown id is 404', async () => {
    const remote = await servers.start();
    const created = (await post(remote, fullCandidate({ application: { job_id: JOB, notes: 'Portal' } }))).json.data;
    const data = await getData(remote, created.id.toUpperCase());
    expectCandidateShape(data, true);
    expect(data).toEqual(created);
    expect(data.applications).toHaveLength(1);
    expect(data.applications[0]).toMatchObject({ job_id: JOB, status: 'Applied', notes: 'Portal', organization_id: DEFAULT_ORGANIZATION_ID });
    expectError(await remote.call('GET', '/api/v1/candidates/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });

  it('POST creates (201), then matches by email trimmed and case-insensitively (200) without changing fields', async () => {
    const clock = new TestClock();
    const remote = await servers.start({ now: clock.now });
    const body = fullCandidate({ source: null });
    const created = await post(remote, body);
    expect(created.status, created.text).toBe(201);
    expect(created.json.data).toMatchObject({ email: body.email, source: 'api', talent_pool_status: 'not_linked', created_at: clock.iso() });

    clock.advance(MINUTE);
    const again = await post(remote, { ...body, email: `  ${body.email.toUpperCase()} `, full_name: 'Someone Else' });
    expect(again.status, again.text).toBe(200);
    expect(again.json.data).toEqual(created.json.data);

    clock.advance(MINUTE);
    const withApplication = await post(remote, { full_name: 'X', email: body.email, application: { job_id: JOB, status: 'shortlisted' } });
    expect(withApplication.status).toBe(200);
    expect(withApplication.json.data.full_name).toBe('Jane Doe');
    expect(withApplication.json.data.updated_at).toBe(clock.iso());
    expect(withApplication.json.data.applications[0]).toMatchObject({ status: 'Shortlisted', shortlisted_at: clock.iso() });
    expect(remote.server.controls.snapshot()).toHaveLength(1);

    expectValidationError(await post(remote, { full_name: 'No Email' }), ['email']);

    const racing = { full_name: 'Race', email: freshEmail() };
    const statuses = (await Promise.all([post(remote, racing), post(remote, racing)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 201]);
    expect(remote.server.controls.snapshot().filter((c) => c.email === racing.email)).toHaveLength(1);
  });

  it('POST matches a masked candidate by its real email and answers the masked view', async () => {
    const remote = await servers.start();
    const { controls } = remote.server;
    const body = fullCandidate();
    const { candidate } = controls.addCandidate(body);
    controls.mask(candidate.id);

    const matched = await post(remote, { full_name: 'Jane', email: body.email.toUpperCase(), phone_number: '+1 555 0100' });
    expect(matched.status, matched.text).toBe(200);
    expect(matched.json.data).toMatchObject({
      id: candidate.id,
      talent_pool_status: 'masked',
      email: '',
      phone_number: null,
      whatsapp_number: null,
      current_ctc: null,
      expected_ctc: null,
      location: 'Bangalore',
    });
    const stored = controls.snapshot();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ email: body.email, phone_number: body.phone_number, current_ctc: 18 });
  });

  it('PUT changes only the fields sent and moves updated_at; a PUT that changes nothing does not', async () => {
    const clock = new TestClock();
    const remote = await servers.start({ now: clock.now });
    const before = (await post(remote, fullCandidate())).json.data;

    clock.advance(MINUTE);
    const changed = await remote.call('PUT', `/api/v1/candidates/${before.id}`, { body: { location: ' Pune ', current_ctc: null } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.data).toEqual({ ...before, location: 'Pune', current_ctc: null, updated_at: clock.iso() });

    clock.advance(MINUTE);
    const same = await remote.call('PUT', `/api/v1/candidates/${before.id}`, { body: { location: 'Pune' } });
    expect(same.json.data.updated_at).toBe(changed.json.data.updated_at);

    // A GET's data, extra fields and all, goes straight back as a PUT.
    const roundTrip = await remote.call('PUT', `/api/v1/candidates/${before.id}`, { body: await getData(remote, before.id) });
    expect(roundTrip.status, roundTrip.text).toBe(200);
    expect(roundTrip.json.data).toEqual(changed.json.data);
  });

  it('PUT upserts an application in the pipeline spelling and refuses an email another candidate has', async () => {
    const clock = new TestClock();
    const remote = await servers.start({ now: clock.now });
    const first = (await post(remote, fullCandidate())).json.data;
    const second = (await post(remote, fullCandidate())).json.data;

    clock.advance(MINUTE);
    const applied = await remote.call('PUT', `/api/v1/candidates/${first.id}`, { body: { application: { job_id: JOB, status: 'INTERVIEW' } } });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.json.data.updated_at).toBe(clock.iso());
    expect(applied.json.data.applications).toEqual([expect.objectContaining({ job_id: JOB, status: 'Interview', status_date: clock.iso() })]);
    expectValidationError(
      await remote.call('PUT', `/api/v1/candidates/${first.id}`, { body: { application: { job_id: JOB, status: 'Sourced' } } }),
      ['application.status'],
    );

    const taken = await remote.call('PUT', `/api/v1/candidates/${first.id}`, { body: { email: second.email.toUpperCase() } });
    expect(expectError(taken, 409, 'email_taken').map((d) => d.path)).toEqual(['email']);
  });

  it('PUT on a masked candidate: 403 with one detail per locked field changed and nothing applied; the masked view is accepted', async () => {
    const remote = await servers.start();
    const { controls } = remote.server;
    const { candidate } = controls.addCandidate(fullCandidate());
    const masked = controls.mask(candidate.id);
    const path = `/api/v1/candidates/${candidate.id}`;

    const refused = await remote.call('PUT', path, { body: { phone_number: '+1 555 0100', current_ctc: 30, email: 'new@remote.test', location: 'Pune' } });
    const details = expectError(refused, 403, 'talent_pool_reveal_required');
    expect(details.map((d) => d.path).sort()).toEqual(['current_ctc', 'email', 'phone_number']);
    expect(controls.snapshot()[0]).toEqual(masked);

    const view = await getData(remote, candidate.id);
    const accepted = await remote.call('PUT', path, { body: { ...view, location: 'Pune' } });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.data).toMatchObject({ location: 'Pune', email: '', phone_number: null, talent_pool_status: 'masked' });
    expect(controls.snapshot()[0]).toMatchObject({ location: 'Pune', email: candidate.email, phone_number: candidate.phone_number });
  });

  it('reveal moves updated_at and shows the real values, which a PUT may then change', async () => {
    const remote = await servers.start();
    const { controls } = remote.server;
    const { candidate } = controls.addCandidate(fullCandidate());
    controls.mask(candidate.id);
    const maskedView = await getData(remote, candidate.id);
    expect(maskedView).toMatchObject({ email: '', phone_number: null, expected_ctc: null });

    controls.reveal(candidate.id);
    const revealed = await getData(remote, candidate.id);
    expect(revealed).toMatchObject({
      talent_pool_status: 'revealed',
      email: candidate.email,
      phone_number: candidate.phone_number,
      whatsapp_number: candidate.whatsapp_number,
      current_ctc: 18,
      expected_ctc: 24,
    });
    expect(revealed.updated_at > maskedView.updated_at).toBe(true);
    const list = await remote.call('GET', '/api/v1/candidates');
    expect(list.json.data[0].updated_at).toBe(revealed.updated_at);

    const put = await remote.call('PUT', `/api/v1/candidates/${candidate.id}`, { body: { phone_number: '+1 555 0100' } });
    expect(put.status, put.text).toBe(200);
  });
});

describe('remote server: data controls', () => {
  it('seed makes realistic candidates, the same ones for the same seed and clock', async () => {
    const clock = new TestClock();
    const one = await servers.start({ now: clock.now, randomSeed: 7 });
    const two = await servers.start({ now: clock.now, randomSeed: 7 });
    const other = await servers.start({ now: clock.now, randomSeed: 8 });
    const ids = one.server.controls.seed(200);
    two.server.controls.seed(200);
    other.server.controls.seed(200);

    const snapshot = one.server.controls.snapshot();
    expect(two.server.controls.snapshot()).toEqual(snapshot);
    expect(other.server.controls.snapshot()).not.toEqual(snapshot);
    expect(new Set(ids).size).toBe(200);
    expect(new Set(snapshot.map((c) => c.email?.toLowerCase())).size).toBe(200);

    const masked = snapshot.filter((c) => c.talent_pool_status === 'masked');
    expect(masked.length).toBeGreaterThan(5);
    expect(masked.every((c) => typeof c.email === 'string' && c.email.includes('@'))).toBe(true);
    expect(snapshot.some((c) => c.talent_pool_status === 'revealed')).toBe(true);
    expect(snapshot.every((c) => c.created_at < clock.iso() && c.updated_at >= c.created_at)).toBe(true);
    const applicationCounts = new Set(snapshot.map((c) => c.applications.length));
    expect([...applicationCounts].sort()).toEqual([0, 1, 2, 3]);
    const jobs = new Set<string>(REMOTE_JOB_IDS);
    expect(snapshot.every((c) => c.applications.every((a) => jobs.has(a.job_id) && a.candidate_id === c.id))).toBe(true);

    const page = await one.call('GET', `/api/v1/candidates/${masked[0]!.id}`);
    expect(page.json.data).toMatchObject({ email: '', phone_number: null, current_ctc: null, talent_pool_status: 'masked' });
  });

  it('seeds ten thousand candidates in one go', async () => {
    const remote = await servers.start();
    remote.server.controls.seed(10_000, { maskedShare: 0.2, revealedShare: 0 });
    const response = await remote.call('GET', '/api/v1/candidates?offset=9990&limit=100');
    expect(response.json.meta.total).toBe(10_000);
    expect(response.json.data).toHaveLength(10);
    expect(() => remote.server.controls.seed(1, { maskedShare: 0.8, revealedShare: 0.5 })).toThrow(AppError);
  });

  it('addCandidate creates as another recruiter would, matching an existing email', async () => {
    const remote = await servers.start();
    const { controls } = remote.server;
    const body = fullCandidate({ resume_path: 'resumes/jane.pdf' });
    const added = controls.addCandidate(body);
    expect(added.created).toBe(true);
    expect(added.candidate).toMatchObject({ email: body.email, resume_path: 'resumes/jane.pdf', applications: [] });
    expect(controls.addCandidate({ ...body, full_name: 'Other' })).toEqual({ created: false, candidate: added.candidate });
    expect(() => controls.addCandidate({ full_name: 'No Email' })).toThrow(AppError);
    expect((await getData(remote, added.candidate.id)).full_name).toBe('Jane Doe');
  });

  it('editAsRecruiter changes the real values of a masked candidate, moving updated_at only on a real change', async () => {
    const clock = new TestClock();
    const remote = await servers.start({ now: clock.now });
    const { controls } = remote.server;
    const { candidate } = controls.addCandidate(fullCandidate());
    clock.advance(MINUTE);
    const masked = controls.mask(candidate.id);

    clock.advance(MINUTE);
    const edited = controls.editAsRecruiter(candidate.id, { phone_number: '+1 555 0100', expected_ctc: 40, location: 'Pune' });
    expect(edited).toEqual({ ...masked, phone_number: '+1 555 0100', expected_ctc: 40, location: 'Pune', updated_at: clock.iso() });
    const view = await getData(remote, candidate.id);
    expect(view).toMatchObject({ talent_pool_status: 'masked', phone_number: null, expected_ctc: null, email: '', location: 'Pune' });
    const search = await remote.call('GET', `/api/v1/candidates?search=${encodeURIComponent(candidate.email!)}`);
    expect(search.json.meta.total).toBe(0);

    clock.advance(MINUTE);
    expect(controls.editAsRecruiter(candidate.id, { location: 'Pune', expected_ctc: 40 })).toEqual(edited);

    clock.advance(MINUTE);
    const withApplication = controls.editAsRecruiter(candidate.id, { application: { job_id: JOB, status: 'screening' } });
    expect(withApplication.updated_at).toBe(clock.iso());
    expect(withApplication.applications).toEqual([expect.objectContaining({ job_id: JOB, status: 'Screening' })]);
  });

  it('editAsRecruiter applies PUT rules and, refused, changes nothing', async () => {
    const remote = await servers.start();
    const { controls } = remote.server;
    const { candidate } = controls.addCandidate(fullCandidate());
    const other = controls.addCandidate(fullCandidate()).candidate;
    const masked = controls.mask(candidate.id);

    const refusal = (changes: Record<string, unknown>, id = candidate.id) => {
      try {
        controls.editAsRecruiter(id, changes);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('the edit was not refused');
    };
    expect(refusal({ phone_number: '+1', notice_period_days: 999 }).code).toBe('validation_error');
    expect(refusal({ phone_number: '+1', email: '' }).code).toBe('validation_error');
    expect(refusal({ phone_number: '+1', email: other.email }).code).toBe('email_taken');
    expect(refusal({ location: 'X' }, '00000000-0000-4000-8000-000000000000').code).toBe('not_found');
    expect(controls.snapshot().find((c) => c.id === candidate.id)).toEqual(masked);
  });

  it('mask and reveal set the status and move updated_at; setting the same status again changes nothing', async () => {
    const clock = new TestClock();
    const remote = await servers.start({ now: clock.now });
    const { controls } = remote.server;
    const { candidate } = controls.addCandidate(fullCandidate());
    const masked = controls.mask(candidate.id);
    expect(masked.talent_pool_status).toBe('masked');
    expect(masked.updated_at > candidate.updated_at).toBe(true);
    expect(controls.mask(candidate.id)).toEqual(masked);
    clock.advance(MINUTE);
    const revealed = controls.reveal(candidate.id);
    expect(revealed).toEqual({ ...masked, talent_pool_status: 'revealed', updated_at: clock.iso() });
    expect(() => controls.reveal('00000000-0000-4000-8000-000000000000')).toThrow(AppError);
  });

  it('setPipeline replaces the statuses applications must use; the first is the default without Applied', async () => {
    const remote = await servers.start();
    const { controls } = remote.server;
    expect(controls.pipeline()).toEqual(['Applied', 'Shortlisted', 'Screening', 'Interview', 'Offered', 'Hired', 'Rejected']);
    expect(controls.setPipeline(['Sourced', 'Phone Screen', 'Hired'])).toEqual(['Sourced', 'Phone Screen', 'Hired']);

    const created = await post(remote, fullCandidate({ application: { job_id: JOB } }));
    expect(created.json.data.applications[0].status).toBe('Sourced');
    const update = await remote.call('PUT', `/api/v1/candidates/${created.json.data.id}`, { body: { application: { job_id: JOB, status: 'phone screen' } } });
    expect(update.json.data.applications[0].status).toBe('Phone Screen');
    expectValidationError(await post(remote, fullCandidate({ application: { job_id: JOB, status: 'Applied' } })), ['application.status']);

    expect(() => controls.setPipeline(['Sourced', 'SOURCED'])).toThrow(AppError);
    expect(() => controls.setPipeline([])).toThrow(AppError);
  });
});

describe('remote server: paging shift and stats', () => {
  it('inserts new candidates at the top when a list page at the set offset is asked for, once', async () => {
    const remote = await servers.start({ initialCandidates: 30 });
    const { controls } = remote.server;
    controls.setPagingShift({ atOffset: 10, insert: 3 });
    const page = async (offset: number) => (await remote.call('GET', `/api/v1/candidates?limit=10&offset=${offset}`)).json;

    const first = await page(0);
    expect(first.meta.total).toBe(30);
    const second = await page(10);
    expect(second.meta.total).toBe(33);
    const firstIds = first.data.map((c: { id: string }) => c.id);
    const repeated = second.data.filter((c: { id: string }) => firstIds.includes(c.id));
    expect(repeated.map((c: { id: string }) => c.id)).toEqual(firstIds.slice(7));

    const third = await page(20);
    expect(third.meta.total).toBe(33);
    const top = await page(0);
    const inserted = top.data.slice(0, 3).map((c: { id: string }) => c.id);
    expect(inserted.some((id: string) => firstIds.includes(id))).toBe(false);
    expect(top.data.slice(3).map((c: { id: string }) => c.id)).toEqual(firstIds.slice(0, 7));
  });

  it('shifts as many times as asked, and not at all once disarmed', async () => {
    const remote = await servers.start({ initialCandidates: 10 });
    const { controls } = remote.server;
    const total = async (offset: number) => (await remote.call('GET', `/api/v1/candidates?offset=${offset}`)).json.meta.total;
    controls.setPagingShift({ atOffset: 5, insert: 2, times: 2 });
    expect(await total(0)).toBe(10);
    expect(await total(5)).toBe(12);
    expect(await total(6)).toBe(14);
    expect(await total(7)).toBe(14);
    controls.setPagingShift({ atOffset: 0, insert: 1 });
    controls.setPagingShift(null);
    expect(await total(0)).toBe(14);
    expect(() => controls.setPagingShift({ atOffset: -1, insert: 1 })).toThrow(AppError);
  });

  it('counts requests by kind and status, logs the last ones, leaves out /_test/, and resets', async () => {
    const remote = await servers.start();
    const { controls } = remote.server;
    const created = await post(remote, fullCandidate());
    const id = created.json.data.id;
    await remote.call('GET', '/api/v1/candidates?limit=5');
    await remote.call('GET', `/api/v1/candidates/${id}`);
    await remote.call('PUT', `/api/v1/candidates/${id}`, { body: { location: 'Pune' } });
    await remote.call('PUT', `/api/v1/candidates/${id}`, { body: { notice_period_days: -1 } });
    await remote.call('GET', '/nowhere');
    await sendHttp(remote.server.url, '/api/v1/candidates');
    await remote.call('GET', '/_test/stats');

    const stats = controls.stats();
    expect(stats.total).toBe(7);
    expect(stats.byKind).toEqual({ list: 2, detail: 1, post: 1, put: 2, other: 1 });
    expect(stats.byStatus).toEqual({ '200': 3, '201': 1, '400': 1, '401': 1, '404': 1 });
    expect(stats.recent.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/api/v1/candidates', 201],
      ['GET', '/api/v1/candidates?limit=5', 200],
      ['GET', `/api/v1/candidates/${id}`, 200],
      ['PUT', `/api/v1/candidates/${id}`, 200],
      ['PUT', `/api/v1/candidates/${id}`, 400],
      ['GET', '/nowhere', 404],
      ['GET', '/api/v1/candidates', 401],
    ]);

    controls.resetStats();
    expect(controls.stats()).toEqual({ total: 0, byKind: { list: 0, detail: 0, post: 0, put: 0, other: 0 }, byStatus: {}, recent: [] });
  });
});

describe('remote server: controls over HTTP', () => {
  it('offers every control under /_test/ with the API key', async () => {
    const clock = new TestClock();
    const remote = await servers.start({ now: clock.now });
    const client = connectRemoteControls(remote.server.url, remote.server.apiKey);

    const ids = await client.seed(5, { maskedShare: 1, revealedShare: 0 });
    expect(ids).toHaveLength(5);
    const added = await client.addCandidate(fullCandidate());
    expect(added.created).toBe(true);
    expect((await client.addCandidate({ full_name: 'Again', email: added.candidate.email })).created).toBe(false);
    const id = added.candidate.id;
    expect((await client.mask(id)).talent_pool_status).toBe('masked');
    clock.advance(MINUTE);
    const edited = await client.editAsRecruiter(id, { phone_number: '+1 555 0199' });
    expect(edited).toMatchObject({ phone_number: '+1 555 0199', updated_at: clock.iso() });
    expect((await client.reveal(id)).talent_pool_status).toBe('revealed');
    const snapshot = await client.snapshot();
    expect(snapshot).toEqual(remote.server.controls.snapshot());
    expect(snapshot.filter((c) => c.talent_pool_status === 'masked')).toHaveLength(5);

    expect(await client.setPipeline(['New', 'Done'])).toEqual(['New', 'Done']);
    expect(await client.pipeline()).toEqual(['New', 'Done']);

    await client.failNext(1, '503', { routes: ['list'] });
    expect((await remote.call('GET', '/api/v1/candidates')).status).toBe(503);
    await client.setFaults({ rules: [{ kind: '500', routes: ['detail'] }] });
    expect((await remote.call('GET', `/api/v1/candidates/${id}`)).status).toBe(500);
    await client.clearFaults();
    expect((await remote.call('GET', `/api/v1/candidates/${id}`)).status).toBe(200);

    await client.setPagingShift({ atOffset: 1, insert: 2 });
    expect((await remote.call('GET', '/api/v1/candidates?offset=1')).json.meta.total).toBe(8);
    await client.setPagingShift({ atOffset: 1, insert: 2 });
    await client.setPagingShift(null);
    expect((await remote.call('GET', '/api/v1/candidates?offset=1')).json.meta.total).toBe(8);

    await client.setLatency(1);
    await client.setLatency(0);

    const stats = await client.stats();
    expect(stats.byKind).toEqual({ list: 3, detail: 2, post: 0, put: 0, other: 0 });
    expect(stats.byStatus).toEqual({ '200': 3, '500': 1, '503': 1 });
    expect(stats.recent[0]).toEqual({ method: 'GET', path: '/api/v1/candidates', kind: 'list', status: 503, fault: '503' });
    await client.resetStats();
    expect((await client.stats()).total).toBe(0);
  });

  it('answers a refused control with the error envelope', async () => {
    const remote = await servers.start();
    const client = connectRemoteControls(remote.server.url, remote.server.apiKey);
    const refusal = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(RemoteControlError);
      return error as RemoteControlError;
    };

    const badSeed = await refusal(client.seed(0));
    expect(badSeed.status).toBe(400);
    expect(badSeed.body).toMatchObject({ error: { code: 'validation_error', details: [{ path: 'count' }] } });
    expect((await refusal(client.mask('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await refusal(client.setFaults({ rules: [{ kind: 'boom' as never }] }))).status).toBe(400);
    expect((await refusal(client.failNext(1, '503', { routes: ['everything' as never] }))).status).toBe(400);
    expect((await refusal(client.setLatency(-5))).status).toBe(400);
    expect((await refusal(client.editAsRecruiter('00000000-0000-4000-8000-000000000000', { location: 'X' }))).status).toBe(404);
    const notObject = await remote.call('POST', '/_test/candidates', { body: ['a'] });
    expectValidationError(notObject, ['']);
    expect((await refusal(connectRemoteControls(remote.server.url, 'wrong').stats())).status).toBe(401);
  });
});

describe('remote server: lifecycle', () => {
  it('keeps its database in a temp folder that close() removes; close() twice is fine', async () => {
    const remote = await servers.start({ port: 0 });
    const { dataDir } = remote.server;
    expect(existsSync(dataDir)).toBe(true);
    expect(remote.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await remote.server.close();
    await remote.server.close();
    expect(existsSync(dataDir)).toBe(false);
    await expect(sendHttp(remote.server.url, '/api/v1/candidates')).rejects.toThrow();
  });
});
