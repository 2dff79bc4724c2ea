import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCandidateById, insertCandidate } from '../../electron/db/candidate-repository';
import { replacePipelineStatuses } from '../../electron/db/pipeline-repository';
import { makeCandidateRecord } from '../helpers/candidate-factory';
import {
  APPLICATION_FIELDS,
  CANDIDATE_FIELDS,
  ISO_TIMESTAMP,
  LOWER_UUID,
  expectValidationError,
} from '../helpers/contract-expectations';
import { type TestApi, startTestApi } from '../helpers/test-api';
import { TestClock } from '../helpers/test-clock';

const JOB_ID = '550e8400-e29b-41d4-a716-446655440000';

let emails = 0;
/** A fresh address per request, so tests sharing one API never match each other's candidates. */
const freshEmail = () => `person.${++emails}@create.test`;
const validBody = (extra: Record<string, unknown> = {}) => ({ full_name: 'Jane Doe', email: freshEmail(), ...extra });

describe('POST /api/v1/candidates', () => {
  const clock = new TestClock();
  let api: TestApi;
  const post = (body: unknown) => api.call('POST', '/api/v1/candidates', { body });
  const postRaw = (rawBody: string) =>
    api.call('POST', '/api/v1/candidates', { rawBody, headers: { 'content-type': 'application/json' } });
  /** Posts `validBody` plus `field: value` and answers the stored (shown) value, failing unless created. */
  const created = async (field: string, value: unknown) => {
    const response = await post(validBody({ [field]: value }));
    expect(response.status, response.text).toBe(201);
    return response.json.data[field];
  };

  beforeAll(async () => {
    api = await startTestApi({ now: clock.now });
  });
  afterAll(async () => {
    await api.close();
  });

  describe('creating', () => {
    it("answers 201 with the new candidate and its application, given the seed's example", async () => {
      const body = {
        full_name: 'Jane Doe',
        email: 'jane.seed@example.com',
        phone_number: '+91 90000 12345',
        whatsapp_number: '+91 90000 12345',
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
        in_notice_period: false,
        resume_url: 'https://example.com/resume.pdf',
        metadata: { external_id: 'ATS-9912' },
        application: { job_id: JOB_ID, status: 'Applied', notes: 'Imported from ATS' },
      };
      const response = await post(body);
      expect(response.status, response.text).toBe(201);
      const data = response.json.data;
      expect(Object.keys(response.json)).toEqual(['data']);
      expect(Object.keys(data).sort()).toEqual([...CANDIDATE_FIELDS, 'applications'].sort());
      expect(data.id).toMatch(LOWER_UUID);
      const { application: _application, ...fields } = body;
      expect(data).toEqual({
        ...fields,
        id: data.id,
        skill_array: ['React', 'TypeScript', 'Docker'],
        last_working_day: null,
        source: 'api',
        screening_score: null,
        talent_pool_status: 'not_linked',
        created_at: clock.iso(),
        updated_at: clock.iso(),
        applications: [expect.any(Object)],
      });
      const application = data.applications[0];
      expect(Object.keys(application).sort()).toEqual([...APPLICATION_FIELDS].sort());
      expect(application).toEqual({
        id: expect.any(String),
        candidate_id: data.id,
        job_id: JOB_ID,
        organization_id: expect.any(String),
        status: 'Applied',
        screening_score: null,
        match_score: null,
        notes: 'Imported from ATS',
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
      });

      const fetched = await api.call('GET', `/api/v1/candidates/${data.id}`);
      expect(fetched.json.data).toEqual(data);
    });

    it('fills every optional field with its default', async () => {
      const body = validBody();
      const response = await post(body);
      expect(response.status).toBe(201);
      expect(response.json.data).toEqual({
        id: expect.stringMatching(LOWER_UUID),
        full_name: 'Jane Doe',
        email: body.email,
        phone_number: null,
        whatsapp_number: null,
        location: null,
        preferred_location: null,
        primary_skills: [],
        secondary_skills: [],
        skill_array: [],
        total_experience_years: null,
        current_company: null,
        current_designation: null,
        current_ctc: null,
        expected_ctc: null,
        notice_period_days: null,
        in_notice_period: null,
        last_working_day: null,
        resume_url: null,
        source: 'api',
        screening_score: null,
        talent_pool_status: 'not_linked',
        metadata: null,
        created_at: clock.iso(),
        updated_at: clock.iso(),
        applications: [],
      });
    });

    it('gives each new candidate its own id and timestamps from the clock', async () => {
      const first = await post(validBody());
      clock.advance(1234);
      const second = await post(validBody());
      expect(first.json.data.id).not.toBe(second.json.data.id);
      expect(second.json.data.created_at).toBe(clock.iso());
      expect(second.json.data.created_at).toMatch(ISO_TIMESTAMP);
    });

    it('ignores read-only fields in the body', async () => {
      const response = await post(
        validBody({
          id: '00000000-0000-4000-8000-000000000001',
          skill_array: ['Cobol'],
          screening_score: 99,
          talent_pool_status: 'masked',
          created_at: '2001-01-01T00:00:00.000Z',
          updated_at: '2001-01-01T00:00:00.000Z',
          applications: [{ job_id: JOB_ID, status: 'Hired' }],
          primary_skills: ['Go'],
        }),
      );
      expect(response.status, response.text).toBe(201);
      const data = response.json.data;
      expect(data.id).not.toBe('00000000-0000-4000-8000-000000000001');
      expect(data.skill_array).toEqual(['Go']);
      expect(data.screening_score).toBeNull();
      expect(data.talent_pool_status).toBe('not_linked');
      expect(data.created_at).toBe(clock.iso());
      expect(data.updated_at).toBe(clock.iso());
      expect(data.applications).toEqual([]);
    });

    it('stores resume_path but never returns it', async () => {
      const response = await post(validBody({ resume_path: '  resumes/jane.pdf  ' }));
      expect(response.status).toBe(201);
      const id = response.json.data.id;
      expect(response.json.data).not.toHaveProperty('resume_path');
      expect(findCandidateById(api.database.db, id)?.resume_path).toBe('resumes/jane.pdf');
      expect((await api.call('GET', `/api/v1/candidates/${id}`)).json.data).not.toHaveProperty('resume_path');
      expect((await api.call('GET', '/api/v1/candidates')).text).not.toContain('resume_path');
    });
  });

  describe('required fields', () => {
    it('needs full_name and email', async () => {
      expectValidationError(await post({}), ['full_name', 'email']);
      expectValidationError(await post({ full_name: 'Jane Doe' }), ['email']);
      expectValidationError(await post({ email: freshEmail() }), ['full_name']);
    });

    it('says a field left out "is required", and a field sent with the wrong type what it must be', async () => {
      const missing = expectValidationError(await post({}), ['full_name', 'email']);
      expect(missing.map((detail) => detail.message)).toEqual(['is required', 'is required']);
      const [wrongType] = expectValidationError(await post(validBody({ full_name: 42 })), ['full_name']);
      expect(wrongType?.message).toBe('must be a string');
      const [noJob] = expectValidationError(await post(validBody({ application: { status: 'Applied' } })), ['application.job_id']);
      expect(noJob?.message).toBe('is required');
    });

    it.each([null, '', '   ', 42, ['Jane'], { first: 'Jane' }, true])('refuses full_name %j', async (value) => {
      expectValidationError(await post(validBody({ full_name: value })), ['full_name']);
    });

    it('trims full_name and counts its length in code points, up to 200', async () => {
      expect(await created('full_name', '  Jane   Doe \n')).toBe('Jane   Doe');
      expect(await created('full_name', 'x'.repeat(200))).toBe('x'.repeat(200));
      expect(await created('full_name', '😀'.repeat(200))).toBe('😀'.repeat(200));
      expect(await created('full_name', ` ${'x'.repeat(200)} `)).toBe('x'.repeat(200));
      expectValidationError(await post(validBody({ full_name: 'x'.repeat(201) })), ['full_name']);
      expectValidationError(await post(validBody({ full_name: '😀'.repeat(201) })), ['full_name']);
    });

    it('trims email and keeps its spelling', async () => {
      expect(await created('email', '  Jane.Doe+Tag@Example.COM \t')).toBe('Jane.Doe+Tag@Example.COM');
    });

    it.each([
      null,
      '',
      '   ',
      'jane',
      'jane@',
      '@example.com',
      'jane@example',
      'jane@@example.com',
      'ja ne@example.com',
      'jane@exa mple.com',
      'jane@.example.com',
      'jane@example..com',
      'jane@example.com.',
      42,
      ['jane@example.com'],
    ])('refuses email %j', async (value) => {
      expectValidationError(await post({ full_name: 'Jane Doe', email: value }), ['email']);
    });

    it('takes an email of up to 254 characters', async () => {
      const at254 = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
      expect(at254).toHaveLength(254);
      expect(await created('email', at254)).toBe(at254);
      const at255 = `${'a'.repeat(64)}@${'b'.repeat(186)}.com`;
      expectValidationError(await post({ full_name: 'Jane Doe', email: at255 }), ['email']);
    });
  });

  describe('text fields', () => {
    const textFields = [
      'phone_number',
      'whatsapp_number',
      'location',
      'preferred_location',
      'current_company',
      'current_designation',
    ];

    it.each(textFields)('%s: trimmed, "" and blanks become null, null kept', async (field) => {
      expect(await created(field, '  Some value\t')).toBe('Some value');
      expect(await created(field, '')).toBeNull();
      expect(await created(field, '   ')).toBeNull();
      expect(await created(field, null)).toBeNull();
    });

    it.each(textFields)('%s: at most 500 characters, counted in code points', async (field) => {
      expect(await created(field, 'x'.repeat(500))).toBe('x'.repeat(500));
      expect(await created(field, '😀'.repeat(500))).toBe('😀'.repeat(500));
      expect(await created(field, `  ${'é'.repeat(500)}  `)).toBe('é'.repeat(500));
      expectValidationError(await post(validBody({ [field]: 'x'.repeat(501) })), [field]);
      expectValidationError(await post(validBody({ [field]: '😀'.repeat(501) })), [field]);
    });

    it.each(textFields)('%s: must be a string or null', async (field) => {
      for (const value of [42, true, ['a'], { a: 1 }]) {
        expectValidationError(await post(validBody({ [field]: value })), [field]);
      }
    });

    it('keeps phone numbers as text, leading zeros and all', async () => {
      expect(await created('phone_number', '0044 20 7946 0000')).toBe('0044 20 7946 0000');
      expectValidationError(await post(validBody({ phone_number: 4420794600 })), ['phone_number']);
    });

    it('applies the text rules to resume_path too', async () => {
      expectValidationError(await post(validBody({ resume_path: 'x'.repeat(501) })), ['resume_path']);
      expectValidationError(await post(validBody({ resume_path: 7 })), ['resume_path']);
      const response = await post(validBody({ resume_path: '' }));
      expect(response.status).toBe(201);
      expect(findCandidateById(api.database.db, response.json.data.id)?.resume_path).toBeNull();
    });
  });

  describe('source', () => {
    it.each([
      ['absent', undefined],
      ['null', null],
      ['""', ''],
      ['blank', '   '],
    ])('defaults to "api" when %s', async (_label, value) => {
      const body = value === undefined ? validBody() : validBody({ source: value });
      const response = await post(body);
      expect(response.status).toBe(201);
      expect(response.json.data.source).toBe('api');
    });

    it('keeps a given source, trimmed', async () => {
      expect(await created('source', '  LinkedIn ')).toBe('LinkedIn');
      expectValidationError(await post(validBody({ source: 'x'.repeat(501) })), ['source']);
      expectValidationError(await post(validBody({ source: 3 })), ['source']);
    });
  });

  describe('skills', () => {
    it('trims, drops empties and case-insensitive duplicates, keeping the first spelling', async () => {
      const response = await post(
        validBody({
          primary_skills: [' React ', 'react', '', '   ', 'TypeScript', 'REACT', 'Go', 'typescript '],
          secondary_skills: ['go', 'Docker', 'docker', 'react', ' Kubernetes'],
        }),
      );
      expect(response.status).toBe(201);
      const data = response.json.data;
      expect(data.primary_skills).toEqual(['React', 'TypeScript', 'Go']);
      expect(data.secondary_skills).toEqual(['go', 'Docker', 'react', 'Kubernetes']);
      expect(data.skill_array).toEqual(['React', 'TypeScript', 'Go', 'Docker', 'Kubernetes']);
    });

    it('treats non-ASCII case variants as duplicates', async () => {
      expect(await created('primary_skills', ['Ärzte-Software', 'ärzte-software', 'ÄRZTE-SOFTWARE'])).toEqual([
        'Ärzte-Software',
      ]);
    });

    it('builds skill_array from secondary skills alone', async () => {
      const response = await post(validBody({ secondary_skills: ['SQL', 'sql', 'Excel'] }));
      expect(response.json.data.skill_array).toEqual(['SQL', 'Excel']);
      expect(response.json.data.primary_skills).toEqual([]);
    });

    it.each(['primary_skills', 'secondary_skills'])('%s: refuses anything but an array of strings', async (field) => {
      expectValidationError(await post(validBody({ [field]: null })), [field]);
      expectValidationError(await post(validBody({ [field]: 'React' })), [field]);
      expectValidationError(await post(validBody({ [field]: { 0: 'React' } })), [field]);
      expectValidationError(await post(validBody({ [field]: ['React', 5] })), [`${field}.1`]);
      expectValidationError(await post(validBody({ [field]: ['React', null, 'Go', ['x']] })), [`${field}.1`, `${field}.3`]);
      expectValidationError(await post(validBody({ [field]: ['ok', 'x'.repeat(501)] })), [`${field}.1`]);
      expect(await created(field, ['😀'.repeat(500)])).toEqual(['😀'.repeat(500)]);
    });
  });

  describe('numbers', () => {
    it.each(['total_experience_years', 'current_ctc', 'expected_ctc'])('%s: a finite JSON number, 0 or more, or null', async (field) => {
      expect(await created(field, 0)).toBe(0);
      expect(await created(field, 6.5)).toBe(6.5);
      expect(await created(field, 18)).toBe(18);
      expect(await created(field, 1234567.25)).toBe(1234567.25);
      expect(await created(field, null)).toBeNull();
      for (const value of ['18', '', -1, -0.01, true, [18], { value: 18 }]) {
        expectValidationError(await post(validBody({ [field]: value })), [field]);
      }
      expectValidationError(
        await postRaw(`{"full_name":"Jane Doe","email":"${freshEmail()}","${field}":1e400}`),
        [field],
      );
    });

    it('notice_period_days: an integer from 0 to 365, or null', async () => {
      expect(await created('notice_period_days', 0)).toBe(0);
      expect(await created('notice_period_days', 365)).toBe(365);
      expect(await created('notice_period_days', null)).toBeNull();
      const raw = await postRaw(`{"full_name":"Jane Doe","email":"${freshEmail()}","notice_period_days":30.0}`);
      expect(raw.status).toBe(201);
      expect(raw.json.data.notice_period_days).toBe(30);
      for (const value of [366, -1, 30.5, '30', true, 1e9]) {
        expectValidationError(await post(validBody({ notice_period_days: value })), ['notice_period_days']);
      }
    });

    it('in_notice_period: true, false or null', async () => {
      expect(await created('in_notice_period', true)).toBe(true);
      expect(await created('in_notice_period', false)).toBe(false);
      expect(await created('in_notice_period', null)).toBeNull();
      for (const value of ['true', 'false', 1, 0, '']) {
        expectValidationError(await post(validBody({ in_notice_period: value })), ['in_notice_period']);
      }
    });
  });

  describe('last_working_day', () => {
    it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '1999-01-01', '0050-06-15'])(
      'takes the calendar date %s',
      async (date) => {
        expect(await created('last_working_day', date)).toBe(date);
      },
    );

    it('trims, and takes "" or null as no date', async () => {
      expect(await created('last_working_day', ' 2026-03-01 ')).toBe('2026-03-01');
      expect(await created('last_working_day', '')).toBeNull();
      expect(await created('last_working_day', null)).toBeNull();
    });

    it.each([
      '2026-02-29',
      '2026-02-30',
      '2100-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-5',
      '26-01-05',
      '28/02/2026',
      '2026/02/28',
      '2026-02-28T00:00:00Z',
      '2026-02-28 x',
      'tomorrow',
      20260228,
    ])('refuses %j', async (value) => {
      expectValidationError(await post(validBody({ last_working_day: value })), ['last_working_day']);
    });
  });

  describe('resume_url', () => {
    it.each([
      'https://example.com/resume.pdf',
      'http://example.com',
      'HTTPS://EXAMPLE.COM/CV',
      'https://drive.example.com/file?id=1&x=%20y#page=2',
    ])('takes %s', async (url) => {
      expect(await created('resume_url', url)).toBe(url);
    });

    it('trims, and takes "" or null as no URL', async () => {
      expect(await created('resume_url', '  https://example.com/cv  ')).toBe('https://example.com/cv');
      expect(await created('resume_url', '')).toBeNull();
      expect(await created('resume_url', null)).toBeNull();
    });

    it.each([
      'ftp://example.com/cv.pdf',
      'javascript:alert(1)',
      'mailto:jane@example.com',
      'file:///etc/passwd',
      'data:text/html,hi',
      'example.com/cv.pdf',
      '/resumes/cv.pdf',
      'https://',
      'not a url',
      42,
    ])('refuses %j', async (value) => {
      expectValidationError(await post(validBody({ resume_url: value })), ['resume_url']);
    });

    it('holds URLs to 500 characters', async () => {
      const base = 'https://example.com/';
      expect(await created('resume_url', base + 'a'.repeat(500 - base.length))).toHaveLength(500);
      expectValidationError(await post(validBody({ resume_url: base + 'a'.repeat(501 - base.length) })), ['resume_url']);
    });
  });

  describe('metadata', () => {
    it('keeps a JSON object exactly as sent', async () => {
      const metadata = {
        external_id: 'ATS-9912',
        nested: { list: [1, 'two', null, true, { three: 3.5 }], empty: {} },
        unicode: 'Zoë 😀',
        constructor: 'kept',
      };
      expect(await created('metadata', metadata)).toEqual(metadata);
      expect(await created('metadata', {})).toEqual({});
      expect(await created('metadata', null)).toBeNull();
    });

    it('keeps a __proto__ key as data', async () => {
      const response = await postRaw(
        `{"full_name":"Jane Doe","email":"${freshEmail()}","metadata":{"__proto__":{"polluted":true},"a":1}}`,
      );
      expect(response.status, response.text).toBe(201);
      expect(response.text).toContain('"__proto__":{"polluted":true}');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([[['ATS-9912']], 'ATS-9912', 42, true])('refuses %j, which is not an object', async (value) => {
      expectValidationError(await post(validBody({ metadata: value })), ['metadata']);
    });

    it('takes up to 16 KiB as compact UTF-8 JSON', async () => {
      // {"k":"…"} is 8 bytes around the value; "é" is 2 bytes in UTF-8.
      const exact = { k: 'é'.repeat((16 * 1024 - 8) / 2) };
      expect(Buffer.byteLength(JSON.stringify(exact))).toBe(16 * 1024);
      expect(await created('metadata', exact)).toEqual(exact);
      const over = { k: `${'é'.repeat((16 * 1024 - 8) / 2 - 1)}abc` };
      expect(Buffer.byteLength(JSON.stringify(over))).toBe(16 * 1024 + 1);
      expectValidationError(await post(validBody({ metadata: over })), ['metadata']);
    });

    it('measures the compact form, whatever whitespace the body has', async () => {
      const value = 'x'.repeat(16 * 1024 - 8);
      const spaced = `{"full_name":"Jane Doe","email":"${freshEmail()}","metadata":  {  "k"  :  "${value}"  }  }`;
      expect((await postRaw(spaced)).status).toBe(201);
    });

    it('takes 32 levels of nesting and refuses 33', async () => {
      const nested = (levels: number): Record<string, unknown> => {
        let value: Record<string, unknown> = {};
        for (let level = 1; level < levels; level++) value = level % 2 ? { a: value } : { b: [value] };
        return value;
      };
      // Counting as the contract does: the object is level 1, every nested object or array one more.
      const depthOf = (value: unknown): number =>
        value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
      const at32 = { a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] };
      expect(depthOf(at32)).toBe(32);
      expect(await created('metadata', at32)).toEqual(at32);
      expectValidationError(await post(validBody({ metadata: { a: at32 } })), ['metadata']);
      expect(depthOf(nested(60))).toBeGreaterThan(32);
      expectValidationError(await post(validBody({ metadata: nested(60) })), ['metadata']);
    });

    it('refuses a number too large for JSON anywhere in metadata, as the amount fields do, rather than storing null', async () => {
      for (const metadata of ['{"x":1e400}', '{"a":{"b":[1,-1e999]}}']) {
        const raw = `{"full_name":"Jane Doe","email":"${freshEmail()}","metadata":${metadata}}`;
        const details = expectValidationError(await postRaw(raw), ['metadata']);
        expect(details[0]?.message).toContain('1e400');
      }
      expectValidationError(await postRaw(`{"full_name":"Jane Doe","email":"${freshEmail()}","current_ctc":1e400}`), ['current_ctc']);
      expect(await created('metadata', { big: 1.7976931348623157e308, small: 5e-324 })).toEqual({ big: 1.7976931348623157e308, small: 5e-324 });
    });

    it('refuses absurdly deep metadata as a validation error, not a crash', async () => {
      const depth = 100_000;
      const raw = `{"full_name":"Jane Doe","email":"${freshEmail()}","metadata":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      expectValidationError(await postRaw(raw), ['metadata']);
      const objects = `{"full_name":"Jane Doe","email":"${freshEmail()}","metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      expectValidationError(await postRaw(objects), ['metadata']);
    });

    it('refuses absurdly deep values in any other field as a validation error too', async () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const raw = `{"full_name":${deep},"email":"${freshEmail()}","primary_skills":[${deep}],"application":{"job_id":"${JOB_ID}","notes":${deep}},"extra":${deep}}`;
      expectValidationError(await postRaw(raw), ['full_name', 'primary_skills.0', 'application.notes', 'extra']);
    });
  });

  describe('application', () => {
    it('lower-cases the job id and stores the status in the organisation spelling', async () => {
      const response = await post(validBody({ application: { job_id: JOB_ID.toUpperCase(), status: 'shortlisted' } }));
      expect(response.status).toBe(201);
      const [application] = response.json.data.applications;
      expect(application.job_id).toBe(JOB_ID);
      expect(application.status).toBe('Shortlisted');
      expect(application.shortlisted_at).toBe(clock.iso());
      expect(application.status_date).toBe(clock.iso());
    });

    it.each([
      ['APPLIED', 'Applied'],
      ['  interview ', 'Interview'],
      ['oFfErEd', 'Offered'],
      ['hired', 'Hired'],
      ['Rejected', 'Rejected'],
      ['screening', 'Screening'],
    ])('matches status %j as %j', async (status, stored) => {
      const response = await post(validBody({ application: { job_id: JOB_ID, status } }));
      expect(response.status).toBe(201);
      expect(response.json.data.applications[0].status).toBe(stored);
      expect(response.json.data.applications[0].shortlisted_at).toBeNull();
    });

    it('defaults the status to Applied, notes to null', async () => {
      const response = await post(validBody({ application: { job_id: JOB_ID } }));
      expect(response.json.data.applications[0]).toMatchObject({ status: 'Applied', notes: null, shortlisted_at: null });
    });

    it('trims notes, takes "" as null and up to 5,000 characters', async () => {
      const notesOf = async (notes: unknown) => {
        const response = await post(validBody({ application: { job_id: JOB_ID, notes } }));
        expect(response.status, response.text).toBe(201);
        return response.json.data.applications[0].notes;
      };
      expect(await notesOf('  Strong React background ')).toBe('Strong React background');
      expect(await notesOf('')).toBeNull();
      expect(await notesOf(null)).toBeNull();
      expect(await notesOf('😀'.repeat(5000))).toBe('😀'.repeat(5000));
      expectValidationError(await post(validBody({ application: { job_id: JOB_ID, notes: 'x'.repeat(5001) } })), [
        'application.notes',
      ]);
    });

    it.each([
      [{ job_id: JOB_ID, status: 'Ghosted' }, ['application.status']],
      [{ job_id: JOB_ID, status: '' }, ['application.status']],
      [{ job_id: JOB_ID, status: null }, ['application.status']],
      [{ job_id: JOB_ID, status: 3 }, ['application.status']],
      [{ job_id: JOB_ID, notes: 5 }, ['application.notes']],
      [{}, ['application.job_id']],
      [{ job_id: null }, ['application.job_id']],
      [{ job_id: 'job-42' }, ['application.job_id']],
      [{ job_id: JOB_ID.replaceAll('-', '') }, ['application.job_id']],
      [{ job_id: JOB_ID, stage: 'Applied' }, ['application.stage']],
      [{ job_id: JOB_ID, status: 'Nope', stage: 1, owner: 2 }, ['application.status', 'application.stage', 'application.owner']],
    ])('refuses application %j', async (application, paths) => {
      expectValidationError(await post(validBody({ application })), paths);
    });

    it.each([null, [], [{ job_id: JOB_ID }], 'job', 1])('refuses application %j, which is not an object', async (application) => {
      expectValidationError(await post(validBody({ application })), ['application']);
    });
  });

  describe('the body as a whole', () => {
    it.each([
      ['an empty array', []],
      ['an array of candidates', [{ full_name: 'Jane Doe', email: 'a@b.co' }]],
      ['a string', 'Jane'],
      ['a number', 42],
      ['a null', null],
      ['a boolean', true],
    ])(
      'refuses %s as the body, with the path ""',
      async (_label, body) => {
        const response = await postRaw(JSON.stringify(body));
        const [detail] = expectValidationError(response, ['']);
        expect(detail?.message).toBeTruthy();
      },
    );

    it('names each unknown field', async () => {
      const details = expectValidationError(await post(validBody({ resume_text: 'x', tags: [], 'candidate.name': 1 })), [
        'resume_text',
        'tags',
        'candidate.name',
      ]);
      expect(details.every((detail) => detail.message.length > 0)).toBe(true);
    });

    it('names unknown fields whose names are also Object.prototype members', async () => {
      const response = await postRaw(
        `{"full_name":"Jane Doe","email":"${freshEmail()}","constructor":1,"toString":2,"__proto__":{"a":1},"application":{"job_id":"${JOB_ID}","hasOwnProperty":3}}`,
      );
      expectValidationError(response, ['constructor', 'toString', '__proto__', 'application.hasOwnProperty']);
    });

    it('reports one entry per offending field, with dotted paths', async () => {
      const response = await post({
        full_name: '',
        email: 'not-an-email',
        phone_number: 5,
        primary_skills: ['ok', 1, 'x'.repeat(501)],
        secondary_skills: 'Docker',
        current_ctc: '18',
        notice_period_days: 400,
        last_working_day: '2026-02-30',
        resume_url: 'ftp://x.example',
        metadata: [],
        application: { job_id: 'nope', status: 'Ghosted', extra: true },
        favourite_colour: 'blue',
      });
      expectValidationError(response, [
        'full_name',
        'email',
        'phone_number',
        'primary_skills.1',
        'primary_skills.2',
        'secondary_skills',
        'current_ctc',
        'notice_period_days',
        'last_working_day',
        'resume_url',
        'metadata',
        'application.job_id',
        'application.status',
        'application.extra',
        'favourite_colour',
      ]);
    });

    it('writes nothing when any field is wrong', async () => {
      const email = freshEmail();
      expectValidationError(await post({ full_name: 'Jane Doe', email, application: { job_id: JOB_ID, status: 'Ghosted' } }), [
        'application.status',
      ]);
      const found = await api.call('GET', `/api/v1/candidates?search=${encodeURIComponent(email)}`);
      expect(found.json.meta.total).toBe(0);
    });
  });
});

describe('POST /api/v1/candidates: create or match', () => {
  const clock = new TestClock();
  let api: TestApi;
  const post = (body: unknown) => api.call('POST', '/api/v1/candidates', { body });
  const countWithEmail = async (email: string) =>
    (await api.call('GET', `/api/v1/candidates?search=${encodeURIComponent(email)}`)).json.meta.total as number;

  beforeAll(async () => {
    api = await startTestApi({ now: clock.now });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 200 with the existing candidate, unchanged, for a known email in any case and spacing', async () => {
    const first = await post({ full_name: 'Jane Doe', email: 'Jane.Match@Example.com', location: 'Pune', primary_skills: ['Go'] });
    expect(first.status).toBe(201);
    clock.advance(60_000);

    const again = await post({
      full_name: 'Someone Else',
      email: '  jane.match@EXAMPLE.COM ',
      location: 'Delhi',
      primary_skills: ['Rust'],
      metadata: { other: true },
    });
    expect(again.status, again.text).toBe(200);
    expect(again.json.data).toEqual(first.json.data);
    expect(await countWithEmail('jane.match@example.com')).toBe(1);
    expect((await api.call('GET', `/api/v1/candidates/${first.json.data.id}`)).json.data).toEqual(first.json.data);
  });

  it('still applies the nested application, and moves updated_at only when it changed something', async () => {
    const created = await post({ full_name: 'Ravi Kumar', email: 'ravi.match@example.com' });
    const id = created.json.data.id;
    const createdAt = clock.iso();

    clock.advance(60_000);
    const applied = await post({
      full_name: 'Ignored Name',
      email: 'RAVI.MATCH@example.com',
      application: { job_id: JOB_ID, status: 'shortlisted', notes: 'Strong React background' },
    });
    expect(applied.status).toBe(200);
    expect(applied.json.data.full_name).toBe('Ravi Kumar');
    expect(applied.json.data.created_at).toBe(createdAt);
    expect(applied.json.data.updated_at).toBe(clock.iso());
    expect(applied.json.data.applications).toEqual([
      expect.objectContaining({
        candidate_id: id,
        job_id: JOB_ID,
        status: 'Shortlisted',
        notes: 'Strong React background',
        shortlisted_at: clock.iso(),
        status_date: clock.iso(),
      }),
    ]);
    const afterApply = applied.json.data;

    clock.advance(60_000);
    const same = await post({
      full_name: 'Ravi Kumar',
      email: 'ravi.match@example.com',
      application: { job_id: JOB_ID.toUpperCase(), status: 'SHORTLISTED', notes: ' Strong React background ' },
    });
    expect(same.status).toBe(200);
    expect(same.json.data).toEqual(afterApply);

    clock.advance(60_000);
    const moved = await post({ full_name: 'Ravi Kumar', email: 'ravi.match@example.com', application: { job_id: JOB_ID, status: 'Interview' } });
    expect(moved.status).toBe(200);
    expect(moved.json.data.updated_at).toBe(clock.iso());
    expect(moved.json.data.applications[0]).toMatchObject({
      status: 'Interview',
      notes: 'Strong React background',
      status_date: clock.iso(),
      shortlisted_at: afterApply.applications[0].shortlisted_at,
    });
    expect((await api.call('GET', `/api/v1/candidates/${id}`)).json.data).toEqual(moved.json.data);
  });

  it('validates the whole body before matching, and then applies nothing', async () => {
    const created = await post({ full_name: 'Asha Rao', email: 'asha.match@example.com' });
    const response = await post({
      full_name: 'Asha Rao',
      email: 'asha.match@example.com',
      notice_period_days: -5,
      application: { job_id: JOB_ID },
    });
    expectValidationError(response, ['notice_period_days']);
    const fetched = await api.call('GET', `/api/v1/candidates/${created.json.data.id}`);
    expect(fetched.json.data).toEqual(created.json.data);
  });

  it('matches a masked candidate by the email it hides, and answers it masked', async () => {
    const masked = makeCandidateRecord({
      full_name: 'Masked Meera',
      email: 'Meera.Hidden@Example.com',
      talent_pool_status: 'masked',
      created_at: '2026-10-01T08:00:00.000Z',
      updated_at: '2026-10-01T08:00:00.000Z',
    });
    insertCandidate(api.database.db, masked);

    const response = await post({ full_name: 'Meera', email: ' meera.hidden@example.com ', phone_number: '+1 555 0100' });
    expect(response.status, response.text).toBe(200);
    expect(response.json.data).toMatchObject({
      id: masked.id,
      full_name: 'Masked Meera',
      email: '',
      phone_number: null,
      whatsapp_number: null,
      current_ctc: null,
      expected_ctc: null,
      location: masked.location,
      talent_pool_status: 'masked',
      updated_at: '2026-10-01T08:00:00.000Z',
    });
    expect(findCandidateById(api.database.db, masked.id)?.phone_number).toBe(masked.phone_number);

    clock.advance(60_000);
    const applied = await post({ full_name: 'Meera', email: 'MEERA.HIDDEN@example.com', application: { job_id: JOB_ID } });
    expect(applied.status).toBe(200);
    expect(applied.json.data.email).toBe('');
    expect(applied.json.data.updated_at).toBe(clock.iso());
    expect(applied.json.data.applications).toHaveLength(1);
    expect((await api.call('GET', '/api/v1/candidates?search=meera')).json.meta.total).toBe(1);
  });

  it('makes one candidate from 20 concurrent POSTs of one email: one 201, the rest 200', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post({ full_name: `Racer ${i}`, email: i % 2 ? 'racer@example.com' : 'RACER@example.com ' }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(19);
    const ids = new Set(responses.map((response) => response.json.data.id));
    expect(ids.size).toBe(1);
    expect(await countWithEmail('racer@example.com')).toBe(1);
  });

  it('applies each of many concurrent applications to the one matched candidate', async () => {
    const jobs = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const responses = await Promise.all(
      jobs.map((job_id) => post({ full_name: 'Busy Bee', email: 'busy.bee@example.com', application: { job_id } })),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    const id = responses[0]?.json.data.id;
    const fetched = await api.call('GET', `/api/v1/candidates/${id}`);
    expect(fetched.json.data.applications.map((a: { job_id: string }) => a.job_id).sort()).toEqual(jobs);
  });
});

describe("POST /api/v1/candidates: the organisation's own pipeline", () => {
  let api: TestApi;
  const post = (body: unknown) => api.call('POST', '/api/v1/candidates', { body });

  beforeAll(async () => {
    api = await startTestApi();
    replacePipelineStatuses(api.database.db, ['Applied', 'Phone Screen', 'Shortlisted', 'Tech Round', 'Offer']);
  });
  afterAll(async () => {
    await api.close();
  });

  it('matches its statuses case-insensitively and stores its spelling', async () => {
    const response = await post(validBody({ application: { job_id: JOB_ID, status: 'PHONE screen' } }));
    expect(response.status, response.text).toBe(201);
    expect(response.json.data.applications[0].status).toBe('Phone Screen');
  });

  it('refuses a default status the organisation does not use', async () => {
    expectValidationError(await post(validBody({ application: { job_id: JOB_ID, status: 'Interview' } })), ['application.status']);
  });
});
