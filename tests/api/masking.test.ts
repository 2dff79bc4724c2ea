import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertApplication } from '../../electron/db/application-repository';
import {
  type CandidateRecord,
  findCandidateById,
  insertCandidate,
  updateCandidate,
} from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { expectError, expectValidationError } from '../helpers/contract-expectations';
import { type TestApi, startTestApi } from '../helpers/test-api';
import { TestClock } from '../helpers/test-clock';

const JOB_ID = '550e8400-e29b-41d4-a716-446655440000';
const MINUTE = 60_000;
const MASKED_VIEW = { email: '', phone_number: null, whatsapp_number: null, current_ctc: null, expected_ctc: null };

let emails = 0;

describe('talent-pool masking', () => {
  const clock = new TestClock();
  let api: TestApi;

  const get = async (id: string) => {
    const response = await api.call('GET', `/api/v1/candidates/${id}`);
    expect(response.status).toBe(200);
    return response.json.data;
  };
  const put = (id: string, body: unknown) => api.call('PUT', `/api/v1/candidates/${id}`, { body });
  const seed = (overrides: Partial<CandidateRecord> = {}) => {
    const record = makeCandidateRecord({
      full_name: 'Masked Meera',
      email: `meera.${++emails}@hidden.example`,
      phone_number: '+91 98765 43210',
      whatsapp_number: '+91 98765 00000',
      current_ctc: 32,
      expected_ctc: 40,
      talent_pool_status: 'masked',
      ...overrides,
    });
    insertCandidate(api.database.db, record);
    return record;
  };
  const stored = (id: string) => findCandidateById(api.database.db, id);

  beforeAll(async () => {
    api = await startTestApi({ now: clock.now });
  });
  afterAll(async () => {
    await api.close();
  });

  describe('what responses show', () => {
    it('hides the five locked fields in GET, and nothing else', async () => {
      const record = seed();
      const { resume_path: _hidden, ...visible } = record;
      expect(await get(record.id)).toEqual({
        ...visible,
        ...MASKED_VIEW,
        skill_array: ['React', 'TypeScript', 'Docker'],
        applications: [],
      });
    });

    it('hides them in the list', async () => {
      const record = seed({ full_name: 'Listed Masked Person' });
      const response = await api.call('GET', `/api/v1/candidates?search=${encodeURIComponent('listed masked')}`);
      expect(response.json.data).toHaveLength(1);
      expect(response.json.data[0]).toMatchObject({ id: record.id, ...MASKED_VIEW, location: record.location });
      expect(response.text).not.toContain(record.email);
      expect(response.text).not.toContain(record.phone_number);
    });

    it('hides them in the answer to a POST that matches the candidate', async () => {
      const record = seed();
      const response = await api.call('POST', '/api/v1/candidates', {
        body: { full_name: 'Anyone', email: record.email?.toUpperCase(), current_ctc: 99 },
      });
      expect(response.status).toBe(200);
      expect(response.json.data).toMatchObject({ id: record.id, ...MASKED_VIEW, talent_pool_status: 'masked' });
      expect(response.text).not.toContain('98765');
      expect(stored(record.id)).toEqual(record);
    });

    it('hides them in the answer to a PUT, and keeps the real values stored', async () => {
      const record = seed();
      clock.advance(MINUTE);
      const response = await put(record.id, { location: 'Hyderabad' });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toMatchObject({ ...MASKED_VIEW, location: 'Hyderabad', updated_at: clock.iso() });
      expect(stored(record.id)).toEqual({ ...record, location: 'Hyderabad', updated_at: clock.iso() });
    });

    it('shows "" for the email of a masked candidate this copy has never seen an address for', async () => {
      const record = seed({ email: null });
      expect((await get(record.id)).email).toBe('');
    });

    it.each(['not_linked', 'revealed'] as const)('shows the real values of a %s candidate', async (status) => {
      const record = seed({ talent_pool_status: status });
      expect(await get(record.id)).toMatchObject({
        email: record.email,
        phone_number: record.phone_number,
        whatsapp_number: record.whatsapp_number,
        current_ctc: record.current_ctc,
        expected_ctc: record.expected_ctc,
        talent_pool_status: status,
      });
    });

    it('shows the real values once the candidate is revealed, and makes the email searchable', async () => {
      const record = seed({ full_name: 'Soon Revealed' });
      const search = `/api/v1/candidates?search=${encodeURIComponent(record.email ?? '')}`;
      expect((await api.call('GET', search)).json.meta.total).toBe(0);
      updateCandidate(api.database.db, { ...record, talent_pool_status: 'revealed', updated_at: '2026-11-20T00:00:00.000Z' });
      expect(await get(record.id)).toMatchObject({
        email: record.email,
        phone_number: record.phone_number,
        current_ctc: record.current_ctc,
        talent_pool_status: 'revealed',
      });
      const found = await api.call('GET', search);
      expect(found.json.data.map((c: { id: string }) => c.id)).toEqual([record.id]);
    });
  });

  describe('PUT on a masked candidate', () => {
    it('takes the masked view values back as "no change"', async () => {
      const record = seed();
      const before = await get(record.id);
      clock.advance(MINUTE);
      const response = await put(record.id, { ...MASKED_VIEW, whatsapp_number: '', phone_number: '   ' });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toEqual(before);
      expect(stored(record.id)).toEqual(record);
    });

    it('applies unlocked fields and applications alongside masked view values', async () => {
      const record = seed();
      clock.advance(MINUTE);
      const response = await put(record.id, {
        ...MASKED_VIEW,
        current_designation: 'Staff Engineer',
        application: { job_id: JOB_ID, status: 'shortlisted' },
      });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toMatchObject({ ...MASKED_VIEW, current_designation: 'Staff Engineer', updated_at: clock.iso() });
      expect(response.json.data.applications).toEqual([expect.objectContaining({ status: 'Shortlisted', shortlisted_at: clock.iso() })]);
      expect(stored(record.id)).toEqual({ ...record, current_designation: 'Staff Engineer', updated_at: clock.iso() });
    });

    it.each([
      ['email', 'someone.new@example.com'],
      ['phone_number', '+1 555 0100'],
      ['whatsapp_number', '+1 555 0101'],
      ['current_ctc', 20],
      ['expected_ctc', 0],
    ])('refuses a change to %s with 403 talent_pool_reveal_required', async (field, value) => {
      const record = seed();
      const details = expectError(await put(record.id, { [field]: value }), 403, 'talent_pool_reveal_required');
      expect(details.map((detail) => detail.path)).toEqual([field]);
      expect(stored(record.id)).toEqual(record);
    });

    it('refuses even the stored real value, which differs from what the candidate shows', async () => {
      const record = seed();
      const details = expectError(
        await put(record.id, { email: record.email, current_ctc: record.current_ctc }),
        403,
        'talent_pool_reveal_required',
      );
      expect(details.map((detail) => detail.path).sort()).toEqual(['current_ctc', 'email']);
    });

    it('names every locked field the request would change, and applies nothing of it', async () => {
      const record = seed();
      const before = await get(record.id);
      clock.advance(MINUTE);
      const details = expectError(
        await put(record.id, {
          full_name: 'New Name',
          location: 'Kochi',
          primary_skills: ['Elixir'],
          metadata: { changed: true },
          email: 'meera.real@example.com',
          phone_number: '+91 11111 11111',
          whatsapp_number: null,
          current_ctc: 35,
          expected_ctc: 45,
          application: { job_id: JOB_ID, status: 'Hired' },
        }),
        403,
        'talent_pool_reveal_required',
      );
      expect(details.map((detail) => detail.path).sort()).toEqual(['current_ctc', 'email', 'expected_ctc', 'phone_number']);
      expect(await get(record.id)).toEqual(before);
      expect(stored(record.id)).toEqual(record);
    });

    it('takes null for a locked field as the masked view: the stored value stays', async () => {
      const record = seed();
      const response = await put(record.id, { phone_number: null, current_ctc: null });
      expect(response.status).toBe(200);
      expect(stored(record.id)?.phone_number).toBe(record.phone_number);
      expect(stored(record.id)?.current_ctc).toBe(record.current_ctc);
    });

    it('answers validation errors before 403', async () => {
      const record = seed();
      expectValidationError(await put(record.id, { phone_number: '+1 555', notice_period_days: -1 }), ['notice_period_days']);
      expectValidationError(await put(record.id, { email: 'broken' }), ['email']);
    });

    it('lets a revealed candidate change its contact and salary fields', async () => {
      const record = seed({ talent_pool_status: 'revealed' });
      clock.advance(MINUTE);
      const response = await put(record.id, {
        email: 'meera.public@example.com',
        phone_number: '+91 22222 22222',
        whatsapp_number: null,
        current_ctc: 36,
        expected_ctc: 48,
      });
      expect(response.status, response.text).toBe(200);
      expect(response.json.data).toMatchObject({
        email: 'meera.public@example.com',
        phone_number: '+91 22222 22222',
        whatsapp_number: null,
        current_ctc: 36,
        expected_ctc: 48,
        talent_pool_status: 'revealed',
        updated_at: clock.iso(),
      });
    });

    it('keeps a masked candidate masked after its application changes', async () => {
      const record = seed();
      insertApplication(api.database.db, makeApplicationRecord(record.id, { job_id: JOB_ID }));
      clock.advance(MINUTE);
      const response = await put(record.id, { application: { job_id: JOB_ID, status: 'Interview' } });
      expect(response.json.data).toMatchObject({ ...MASKED_VIEW, updated_at: clock.iso() });
    });
  });
});
