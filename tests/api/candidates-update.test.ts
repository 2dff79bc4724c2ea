import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApplication } from '../../electron/db/application-repository';
import { type CandidateRecord, findCandidateById, insertCandidate } from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { expectError, expectValidationError } from '../helpers/contract-expectations';
import { type TestApi, startTestApi } from '../helpers/test-api';
import { TestClock } from '../helpers/test-clock';

const JOB_A = '550e8400-e29b-41d4-a716-446655440000';
const JOB_B = '7d3f6a52-1c2b-4e8f-9a0d-3b5c7e9f1a2b';
const MINUTE = 60_000;

let emails = 0;
const freshEmail = () => `person.${++emails}@update.test`;

describe('PUT /api/v1/candidates/{id}', () => {
  const clock = new TestClock();
  let api: TestApi;

  const put = (id: string, body: unknown) => api.call('PUT', `/api/v1/candidates/${id}`, { body });
  const get = async (id: string) => {
    const response = await api.call('GET', `/api/v1/candidates/${id}`);
    expect(response.status).toBe(200);
    return response.json.data;
  };
  /** A candidate with something in every field, created through the API. */
  const create = async (extra: Record<string, unknown> = {}) => {
    const response = await api.call('POST', '/api/v1/candidates', {
      body: {
        full_name: 'Jane Doe',
        email: freshEmail(),
        phone_number: '+91 90000 12345',
        whatsapp_number: '+91 90000 54321',
        location: 'Bangalore',
        preferred_location: 'Remote',
        primary_skills: ['React', 'TypeScript'],
        secondary_skills: ['Docker'],
        total_experience_years: 6,
        current_company: 'Acme Inc',
        current_designation: 'Senior Engineer',
        current_ctc: 18,
        expected_ctc: 24,
        notice_period_days: 30,
        in_notice_period: true,
        last_working_day: '2026-12-31',
        resume_url: 'https://example.com/resume.pdf',
        resume_path: 'resumes/jane.pdf',
        source: 'referral',
        metadata: { external_id: 'ATS-9912', tags: ['a', 'b'] },
        ...extra,
      },
    });
    expect(response.status, response.text).toBe(201);
    return response.json.data;
  };
  const stored = (id: string) => findCandidateById(api.database.db, id);
  const seed = (overrides: Partial<CandidateRecord> = {}) => {
    const record = makeCandidateRecord({ email: freshEmail(), ...overrides });
    insertCandidate(api.database.db, record);
    return record;
  };

  beforeAll(async () => {
    api = await startTestApi({ now: clock.now });
  });
  afterAll(async () => {
    await api.close();
  });

  describe('partial update', () => {
    it('changes only the fields sent and moves updated_at', async () => {
      const before = await create();
      clock.advance(MINUTE);
      const response = await put(before.id, { location: '  Pune ', notice_period_days: 60 });
      expect(response.status, response.text).toBe(200);
      expect(Object.keys(response.json)).toEqual(['data']);
      expect(response.json.data).toEqual({ ...before, location: 'Pune', notice_period_days: 60, updated_at: clock.iso() });
      expect(await get(before.id)).toEqual(response.json.data);
    });

    it('moves updated_at on every change, even several within one millisecond, and not on a PUT that changes nothing', async () => {
      const before = await create({ application: { job_id: JOB_A } });
      clock.advance(MINUTE);
      const later = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
      // The clock stands still: as for PUTs that share one commit, or a clock set back.
      const stamps = [];
      for (const body of [{ location: 'Pune' }, { location: 'Delhi' }, { application: { job_id: JOB_A, status: 'Interview' } }, { application: { job_id: JOB_A, notes: 'call back' } }]) {
        const response = await put(before.id, body);
        expect(response.status, response.text).toBe(200);
        stamps.push([response.json.data.updated_at, response.json.data.applications[0].updated_at]);
      }
      expect(stamps).toEqual([
        [clock.iso(), before.applications[0].updated_at],
        [later(1), before.applications[0].updated_at],
        [later(2), clock.iso()],
        [later(3), later(1)],
      ]);
      const unchanged = await put(before.id, { location: 'Delhi', application: { job_id: JOB_A, notes: 'call back' } });
      expect(unchanged.json.data.updated_at).toBe(later(3));
    });

    it('moves updated_at forward from a time ahead of this clock (pulled from a cloud whose clock runs ahead)', async () => {
      const ahead = new Date(clock.now().getTime() + MINUTE).toISOString();
      const record = seed({ updated_at: ahead });
      const response = await put(record.id, { location: 'Chennai' });
      expect(response.json.data.updated_at).toBe(new Date(Date.parse(ahead) + 1).toISOString());
    });

    it('applies the field rules on PUT as on POST', async () => {
      const before = await create();
      clock.advance(MINUTE);
      const response = await put(before.id, {
        full_name: '  Jane Q. Doe ',
        email: '  Jane.Q@Example.com ',
        phone_number: '',
        primary_skills: ['Go', 'go', ' Rust ', ''],
        secondary_skills: ['rust', 'SQL'],
        last_working_day: '2024-02-29',
        resume_url: 'http://cv.example.org/jane',
        total_experience_years: 7.5,
        in_notice_period: false,
        application: { job_id: JOB_A.toUpperCase(), status: 'SCREENING', notes: '  first call  ' },
      });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toMatchObject({
        full_name: 'Jane Q. Doe',
        email: 'Jane.Q@Example.com',
        phone_number: null,
        primary_skills: ['Go', 'Rust'],
        secondary_skills: ['rust', 'SQL'],
        skill_array: ['Go', 'Rust', 'SQL'],
        last_working_day: '2024-02-29',
        resume_url: 'http://cv.example.org/jane',
        total_experience_years: 7.5,
        in_notice_period: false,
        updated_at: clock.iso(),
      });
      expect(response.json.data.applications).toEqual([
        expect.objectContaining({ job_id: JOB_A, status: 'Screening', notes: 'first call' }),
      ]);
    });

    it.each([
      [{ current_ctc: '18' }, ['current_ctc']],
      [{ notice_period_days: 366 }, ['notice_period_days']],
      [{ last_working_day: '2026-02-30' }, ['last_working_day']],
      [{ resume_url: 'ftp://example.com/cv' }, ['resume_url']],
      [{ metadata: ['a'] }, ['metadata']],
      [{ metadata: { k: 'x'.repeat(16 * 1024) } }, ['metadata']],
      [{ metadata: { a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] } }, ['metadata']],
      [{ location: 'x'.repeat(501) }, ['location']],
      [{ primary_skills: null }, ['primary_skills']],
      [{ secondary_skills: ['ok', 7] }, ['secondary_skills.1']],
      [{ in_notice_period: 'yes' }, ['in_notice_period']],
      [{ email: 'not-an-email' }, ['email']],
      [{ full_name: 'x'.repeat(201) }, ['full_name']],
      [{ application: null }, ['application']],
      [{ application: { job_id: JOB_A, status: null } }, ['application.status']],
      [{ application: { job_id: JOB_A, status: 'Ghosted' } }, ['application.status']],
      [{ application: { job_id: JOB_A, priority: 1 } }, ['application.priority']],
      [{ application: { status: 'Applied' } }, ['application.job_id']],
      [{ nickname: 'JD', rating: 5 }, ['nickname', 'rating']],
    ])('refuses %j', async (body, paths) => {
      const before = await create();
      expectValidationError(await put(before.id, body), paths);
      expect(await get(before.id)).toEqual(before);
    });

    it.each([[[]], ['text'], [42], [null]])('refuses a body that is not an object: %j', async (body) => {
      const before = await create();
      const response = await api.call('PUT', `/api/v1/candidates/${before.id}`, {
        rawBody: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      expectValidationError(response, ['']);
    });

    it('clears every nullable field with null', async () => {
      const before = await create();
      clock.advance(MINUTE);
      const cleared = {
        phone_number: null,
        whatsapp_number: null,
        location: null,
        preferred_location: null,
        total_experience_years: null,
        current_company: null,
        current_designation: null,
        current_ctc: null,
        expected_ctc: null,
        notice_period_days: null,
        in_notice_period: null,
        last_working_day: null,
        resume_url: null,
        source: null,
        metadata: null,
      };
      const response = await put(before.id, cleared);
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toEqual({ ...before, ...cleared, updated_at: clock.iso() });
    });

    it('clears the skill lists with []', async () => {
      const before = await create();
      const response = await put(before.id, { primary_skills: [], secondary_skills: [] });
      expect(response.json.data).toMatchObject({ primary_skills: [], secondary_skills: [], skill_array: [] });
    });

    it('takes "" as null for text fields, source included', async () => {
      const before = await create();
      const response = await put(before.id, { location: '', source: '', current_company: '   ' });
      expect(response.json.data).toMatchObject({ location: null, source: null, current_company: null });
    });

    it('replaces metadata as a whole', async () => {
      const before = await create();
      const response = await put(before.id, { metadata: { other: { deep: [1, 2] } } });
      expect(response.json.data.metadata).toEqual({ other: { deep: [1, 2] } });
      expect((await put(before.id, { metadata: {} })).json.data.metadata).toEqual({});
    });

    it.each([null, '', '   ', 7])('never clears full_name: refuses %j', async (value) => {
      const before = await create();
      expectValidationError(await put(before.id, { full_name: value }), ['full_name']);
      expect(await get(before.id)).toEqual(before);
    });

    it.each([null, '', '   ', 7])('never clears email: refuses %j', async (value) => {
      const before = await create();
      expectValidationError(await put(before.id, { email: value }), ['email']);
      expect(await get(before.id)).toEqual(before);
    });

    it('reports an empty email alongside every other offending field', async () => {
      const before = await create();
      expectValidationError(await put(before.id, { email: '', notice_period_days: -1, full_name: '' }), [
        'email',
        'notice_period_days',
        'full_name',
      ]);
    });

    it('refuses resume_path, which only a POST may set', async () => {
      const before = await create();
      expectValidationError(await put(before.id, { resume_path: 'other.pdf' }), ['resume_path']);
      expectValidationError(await put(before.id, { resume_path: null, location: 'Pune' }), ['resume_path']);
      expect(stored(before.id)?.resume_path).toBe('resumes/jane.pdf');
      expect(await get(before.id)).toEqual(before);
    });

    it('ignores read-only fields, even when they differ from the stored ones', async () => {
      const other = await create();
      const record = seed({ talent_pool_status: 'masked' });
      const before = await get(record.id);
      clock.advance(MINUTE);
      const response = await put(record.id, {
        id: other.id,
        skill_array: ['Cobol'],
        screening_score: 1,
        talent_pool_status: 'revealed',
        created_at: '2001-01-01T00:00:00.000Z',
        updated_at: '2001-01-01T00:00:00.000Z',
        applications: [{ job_id: JOB_A, status: 'Hired' }],
      });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toEqual(before);
      expect(await get(other.id)).toEqual(other);
      expect(stored(record.id)).toEqual(record);
    });

    it('takes the id in any case', async () => {
      const before = await create();
      const response = await put(before.id.toUpperCase(), { location: 'Chennai' });
      expect(response.status).toBe(200);
      expect(response.json.data.id).toBe(before.id);
      expect((await get(before.id)).location).toBe('Chennai');
    });
  });

  describe('updated_at', () => {
    it('stays put for an empty body', async () => {
      const before = await create();
      clock.advance(MINUTE);
      const response = await put(before.id, {});
      expect(response.status).toBe(200);
      expect(response.json.data).toEqual(before);
    });

    it('stays put when every value sent is the stored one, however it is spelled', async () => {
      const before = await create({ metadata: { a: 1, b: { c: [1, 2] } } });
      clock.advance(MINUTE);
      const response = await put(before.id, {
        full_name: '  Jane Doe ',
        email: ` ${before.email} `,
        location: 'Bangalore  ',
        primary_skills: ['React', 'react', ' TypeScript', ''],
        total_experience_years: 6.0,
        current_ctc: 18,
        in_notice_period: true,
        metadata: { b: { c: [1, 2] }, a: 1 },
        source: 'referral',
      });
      expect(response.status).toBe(200);
      expect(response.json.data).toEqual(before);
      expect(await get(before.id)).toEqual(before);
    });

    it('moves for a reordered skill list, which is a change', async () => {
      const before = await create();
      clock.advance(MINUTE);
      const response = await put(before.id, { primary_skills: ['TypeScript', 'React'] });
      expect(response.json.data.primary_skills).toEqual(['TypeScript', 'React']);
      expect(response.json.data.updated_at).toBe(clock.iso());
    });

    it('moves when only the case of the email changes, which is allowed', async () => {
      const before = await create({ email: 'case.change@example.com' });
      clock.advance(MINUTE);
      const response = await put(before.id, { email: 'Case.Change@EXAMPLE.com' });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data.email).toBe('Case.Change@EXAMPLE.com');
      expect(response.json.data.updated_at).toBe(clock.iso());
    });
  });

  describe('application upsert', () => {
    it('creates the application as Applied, with status_date now and no shortlisted_at', async () => {
      const before = await create();
      clock.advance(MINUTE);
      const response = await put(before.id, { application: { job_id: JOB_A } });
      expect(response.status).toBe(200);
      expect(response.json.data.updated_at).toBe(clock.iso());
      expect(response.json.data.applications).toEqual([
        {
          id: expect.any(String),
          candidate_id: before.id,
          job_id: JOB_A,
          organization_id: expect.any(String),
          status: 'Applied',
          screening_score: null,
          match_score: null,
          notes: null,
          shortlisted_at: null,
          screening_started_at: null,
          screening_completed_at: null,
          status_date: clock.iso(),
          outreach_sent_at: null,
          interest_clicked_at: null,
          video_interview_invite_sent_at: null,
          metadata: null,
          created_at: clock.iso(),
          updated_at: clock.iso(),
        },
      ]);
    });

    it('sets shortlisted_at when the application is created Shortlisted', async () => {
      const before = await create();
      clock.advance(MINUTE);
      const response = await put(before.id, { application: { job_id: JOB_A, status: 'shortlisted' } });
      expect(response.json.data.applications[0]).toMatchObject({
        status: 'Shortlisted',
        shortlisted_at: clock.iso(),
        status_date: clock.iso(),
      });
    });

    it('moves status_date on each status change and sets shortlisted_at only the first time', async () => {
      const { id } = await create();
      const applicationOf = async (body: unknown) => {
        const response = await put(id, body);
        expect(response.status, response.text).toBe(200);
        return { candidate: response.json.data, application: response.json.data.applications[0] };
      };

      clock.advance(MINUTE);
      const created = await applicationOf({ application: { job_id: JOB_A, notes: 'Imported' } });
      const createdAt = clock.iso();
      expect(created.application).toMatchObject({ status: 'Applied', status_date: createdAt, shortlisted_at: null });

      clock.advance(MINUTE);
      const shortlisted = await applicationOf({ application: { job_id: JOB_A, status: 'Shortlisted' } });
      const shortlistedAt = clock.iso();
      expect(shortlisted.application).toMatchObject({
        id: created.application.id,
        status: 'Shortlisted',
        notes: 'Imported',
        status_date: shortlistedAt,
        shortlisted_at: shortlistedAt,
        created_at: createdAt,
        updated_at: shortlistedAt,
      });
      expect(shortlisted.candidate.updated_at).toBe(shortlistedAt);

      clock.advance(MINUTE);
      const interview = await applicationOf({ application: { job_id: JOB_A, status: 'interview' } });
      expect(interview.application).toMatchObject({ status: 'Interview', status_date: clock.iso(), shortlisted_at: shortlistedAt });

      clock.advance(MINUTE);
      const backAgain = await applicationOf({ application: { job_id: JOB_A, status: 'SHORTLISTED' } });
      const backAt = clock.iso();
      expect(backAgain.application).toMatchObject({ status: 'Shortlisted', status_date: backAt, shortlisted_at: shortlistedAt });

      clock.advance(MINUTE);
      const notesOnly = await applicationOf({ application: { job_id: JOB_A, notes: 'Second round booked' } });
      const notesAt = clock.iso();
      expect(notesOnly.application).toMatchObject({
        status: 'Shortlisted',
        notes: 'Second round booked',
        status_date: backAt,
        shortlisted_at: shortlistedAt,
        updated_at: notesAt,
      });
      expect(notesOnly.candidate.updated_at).toBe(notesAt);

      clock.advance(MINUTE);
      const same = await applicationOf({ application: { job_id: JOB_A.toUpperCase(), status: 'shortlisted', notes: ' Second round booked ' } });
      expect(same.candidate).toEqual(notesOnly.candidate);

      clock.advance(MINUTE);
      const statusOnlySame = await applicationOf({ application: { job_id: JOB_A } });
      expect(statusOnlySame.candidate).toEqual(notesOnly.candidate);

      clock.advance(MINUTE);
      const notesCleared = await applicationOf({ application: { job_id: JOB_A, notes: null } });
      expect(notesCleared.application).toMatchObject({ notes: null, status_date: backAt, updated_at: clock.iso() });
      expect(notesCleared.candidate.updated_at).toBe(clock.iso());
      expect(await get(id)).toEqual(notesCleared.candidate);
    });

    it('keeps one application per job and leaves the others alone', async () => {
      const { id } = await create();
      clock.advance(MINUTE);
      const first = await put(id, { application: { job_id: JOB_A, status: 'Interview' } });
      const firstApplication = first.json.data.applications[0];
      clock.advance(MINUTE);
      const second = await put(id, { application: { job_id: JOB_B } });
      expect(second.json.data.applications).toHaveLength(2);
      expect(second.json.data.applications).toContainEqual(firstApplication);
      expect(second.json.data.applications).toContainEqual(expect.objectContaining({ job_id: JOB_B, status: 'Applied' }));
      const again = await put(id, { application: { job_id: JOB_A.toUpperCase(), status: 'Interview' } });
      expect(again.json.data.applications).toHaveLength(2);
    });

    it('updates an application that arrived through sync, keeping its own fields', async () => {
      const record = seed();
      const synced = makeApplicationRecord(record.id, {
        job_id: JOB_A,
        status: 'Screening',
        screening_score: 81,
        match_score: 64.5,
        notes: 'From the cloud',
        screening_started_at: '2026-10-02T09:00:00.000Z',
        metadata: { round: 1 },
      });
      insertApplication(api.database.db, synced);
      clock.advance(MINUTE);
      const response = await put(record.id, { application: { job_id: JOB_A, status: 'Offered' } });
      expect(response.json.data.applications).toEqual([
        {
          ...synced,
          status: 'Offered',
          status_date: clock.iso(),
          updated_at: clock.iso(),
        },
      ]);
      expect(response.json.data.updated_at).toBe(clock.iso());
    });
  });

  describe('email_taken', () => {
    it('refuses another candidate\'s email, compared case-insensitively, and applies nothing', async () => {
      const holder = await create({ email: 'taken@example.com' });
      const before = await create();
      clock.advance(MINUTE);
      const details = expectError(
        await put(before.id, { email: '  TAKEN@example.COM ', location: 'Goa', application: { job_id: JOB_A } }),
        409,
        'email_taken',
      );
      expect(details.map((detail) => detail.path)).toEqual(details.length ? ['email'] : []);
      expect(await get(before.id)).toEqual(before);
      expect(await get(holder.id)).toEqual(holder);
    });

    it('refuses the email a masked candidate hides', async () => {
      seed({ email: 'hidden.owner@example.com', talent_pool_status: 'masked' });
      const before = await create();
      expectError(await put(before.id, { email: 'Hidden.Owner@example.com' }), 409, 'email_taken');
      expect(await get(before.id)).toEqual(before);
    });

    it('lets a candidate keep its own email', async () => {
      const before = await create({ email: 'mine@example.com' });
      const response = await put(before.id, { email: 'mine@example.com', location: 'Delhi' });
      expect(response.status).toBe(200);
      expect(response.json.data.email).toBe('mine@example.com');
    });

    it('frees the old email once a candidate moves to a new one', async () => {
      const mover = await create({ email: 'old.home@example.com' });
      expect((await put(mover.id, { email: 'new.home@example.com' })).status).toBe(200);
      const other = await create();
      expect((await put(other.id, { email: 'old.home@example.com' })).status).toBe(200);
      const clash = await api.call('POST', '/api/v1/candidates', { body: { full_name: 'X', email: 'new.home@example.com' } });
      expect(clash.status).toBe(200);
      expect(clash.json.data.id).toBe(mover.id);
    });
  });

  describe('round trip', () => {
    it("takes a GET's data back as a PUT and changes nothing", async () => {
      const { id } = await create({ application: { job_id: JOB_A, status: 'Shortlisted', notes: 'n' } });
      const data = await get(id);
      clock.advance(MINUTE);
      const response = await put(id, data);
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toEqual(data);
      expect(await get(id)).toEqual(data);
    });

    it.each(['not_linked', 'masked', 'revealed'] as const)('does so for a %s candidate that came from sync', async (status) => {
      const record = seed({ talent_pool_status: status, last_working_day: '2026-12-31', in_notice_period: true });
      insertApplication(api.database.db, makeApplicationRecord(record.id, { job_id: JOB_B }));
      const data = await get(record.id);
      clock.advance(MINUTE);
      const response = await put(record.id, data);
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toEqual(data);
      expect(stored(record.id)).toEqual(record);
    });
  });

  describe('unknown id', () => {
    const unknown = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

    it.each([
      ['a valid body', { body: { location: 'Pune' } }],
      ['an invalid body', { body: { notice_period_days: 'soon', nickname: 1 } }],
      ['a body that is not an object', { body: [1, 2] }],
      ['broken JSON', { rawBody: '{"location":', headers: { 'content-type': 'application/json' } }],
      ['a non-JSON content type', { rawBody: 'location=Pune', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      ['no body at all', {}],
      ['a body over 1 MiB', { rawBody: `{"location":"${'x'.repeat(2 * 1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } }],
    ])('answers 404 for %s', async (_label, options) => {
      for (const id of [unknown, unknown.toUpperCase(), 'not-a-uuid']) {
        expectError(await api.call('PUT', `/api/v1/candidates/${id}`, options), 404, 'not_found');
      }
    });
  });

  describe('atomicity', () => {
    it('writes nothing when one field of many is wrong', async () => {
      const before = await create();
      clock.advance(MINUTE);
      expectValidationError(
        await put(before.id, { location: 'Pune', primary_skills: ['Go'], expected_ctc: -1, application: { job_id: JOB_A } }),
        ['expected_ctc'],
      );
      expect(await get(before.id)).toEqual(before);
    });

    it('writes nothing when the application is wrong', async () => {
      const { id } = await create({ application: { job_id: JOB_A } });
      const before = await get(id);
      clock.advance(MINUTE);
      expectValidationError(
        await put(id, { location: 'Pune', application: { job_id: JOB_B, status: 'Ghosted' } }),
        ['application.status'],
      );
      expectValidationError(await put(id, { location: 'Pune', application: { job_id: JOB_A, notes: 'x'.repeat(5001) } }), [
        'application.notes',
      ]);
      expect(await get(id)).toEqual(before);
    });

    it('writes nothing, applications included, on a 409', async () => {
      await create({ email: 'atomic.holder@example.com' });
      const { id } = await create({ application: { job_id: JOB_A } });
      const before = await get(id);
      clock.advance(MINUTE);
      expectError(
        await put(id, {
          email: 'atomic.holder@example.com',
          full_name: 'Changed',
          application: { job_id: JOB_A, status: 'Hired' },
        }),
        409,
        'email_taken',
      );
      expect(await get(id)).toEqual(before);
    });
  });
});
