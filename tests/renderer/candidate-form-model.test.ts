import { describe, expect, it } from 'vitest';
import type { CandidateWithApplications } from '@shared/candidate-schema';
import {
  addSkill,
  changedFields,
  createBody,
  emptyFormValues,
  fieldErrorsFromDetails,
  formValueErrors,
  formValuesFromCandidate,
  implausibleValueWarnings,
  validateBody,
  valuesAfterSave,
} from '../../renderer/features/candidate-editor/candidate-form-model';

const stored: CandidateWithApplications = {
  id: '7d1f2f43-5a9c-4a57-9b51-0f0e7c1f4a11',
  full_name: 'Jane Doe',
  email: 'jane@example.com',
  phone_number: '+91 90000 12345',
  whatsapp_number: '+91 90000 12345',
  location: 'Bangalore',
  preferred_location: null,
  primary_skills: ['React', 'TypeScript'],
  secondary_skills: [],
  skill_array: ['React', 'TypeScript'],
  total_experience_years: 6.5,
  current_company: 'Acme Inc',
  current_designation: null,
  current_ctc: 18,
  expected_ctc: null,
  notice_period_days: 30,
  in_notice_period: false,
  last_working_day: null,
  resume_url: null,
  source: 'api',
  screening_score: null,
  talent_pool_status: 'not_linked',
  metadata: { external_id: 'ATS-9912', score: 7 },
  created_at: '2026-11-28T10:00:00.000Z',
  updated_at: '2026-11-28T10:00:00.000Z',
  applications: [],
};

describe('the PUT body of an edit', () => {
  it('is empty when nothing changed, whatever the loaded values were', () => {
    const values = formValuesFromCandidate(stored);
    expect(changedFields(values, { ...values })).toEqual({});
  });

  it('holds only the fields that changed, as the API takes them', () => {
    const initial = formValuesFromCandidate(stored);
    const edited = { ...initial, location: '  Pune ', total_experience_years: '7.25', current_company: '', primary_skills: ['React'] };
    expect(changedFields(initial, edited)).toEqual({
      location: 'Pune',
      total_experience_years: 7.25,
      current_company: null,
      primary_skills: ['React'],
    });
  });

  it('includes a skill still being typed, unless the list already has it', () => {
    const initial = formValuesFromCandidate(stored);
    expect(changedFields(initial, { ...initial, skill_drafts: { primary_skills: ' Go ', secondary_skills: 'react' } })).toEqual({
      primary_skills: ['React', 'TypeScript', 'Go'],
      secondary_skills: ['react'],
    });
    expect(changedFields(initial, { ...initial, skill_drafts: { primary_skills: 'REACT', secondary_skills: '' } })).toEqual({});
  });

  it('keeps a non-text metadata value a value, and sends the whole object when one key changes', () => {
    const initial = formValuesFromCandidate(stored);
    expect(initial.metadata).toEqual([
      { key: 'external_id', value: 'ATS-9912', isJson: false },
      { key: 'score', value: '7', isJson: true },
    ]);
    const edited = { ...initial, metadata: [initial.metadata[0]!, { key: 'score', value: '8', isJson: true }] };
    expect(changedFields(initial, edited)).toEqual({ metadata: { external_id: 'ATS-9912', score: 8 } });
  });

  it('follows "Same as phone" for the WhatsApp number', () => {
    const initial = formValuesFromCandidate(stored);
    expect(initial.whatsapp_same_as_phone).toBe(true);
    expect(changedFields(initial, { ...initial, phone_number: '+91 1' })).toEqual({ phone_number: '+91 1', whatsapp_number: '+91 1' });
  });

  it('drops the last working day when the notice toggle is switched off', () => {
    const inNotice = { ...formValuesFromCandidate(stored), in_notice_period: true, last_working_day: '2026-12-31' };
    expect(changedFields(inNotice, { ...inNotice, in_notice_period: false })).toEqual({ in_notice_period: false, last_working_day: null });
  });

  it('never sends a masked candidate’s locked fields back', () => {
    const masked = { ...stored, talent_pool_status: 'masked' as const, email: '', phone_number: null, whatsapp_number: null, current_ctc: null };
    const initial = formValuesFromCandidate(masked);
    expect(changedFields(initial, { ...initial, location: 'Delhi' })).toEqual({ location: 'Delhi' });
  });
});

describe('validation with the shared schemas', () => {
  it('puts a bad email on Email and a non-number on its field, with the API’s messages', () => {
    const body = createBody({ ...emptyFormValues(), full_name: 'A', email: 'not-an-email', current_ctc: 'twelve' });
    expect(body).toEqual({ full_name: 'A', email: 'not-an-email', current_ctc: 'twelve' });
    const errors = validateBody('create', body);
    expect(errors.email).toMatch(/must be an email address/);
    expect(errors.current_ctc).toMatch(/must be a number/);
  });

  it('asks for a full name on create', () => {
    expect(validateBody('create', createBody({ ...emptyFormValues(), email: 'a@b.co' })).full_name).toBeDefined();
  });

  it('refuses a notice period over 365 and an impossible date', () => {
    const errors = validateBody('update', { notice_period_days: 400, last_working_day: '2026-02-30' });
    expect(errors.notice_period_days).toMatch(/at most 365/);
    expect(errors.last_working_day).toMatch(/calendar date/);
  });

  it('passes a full, valid candidate', () => {
    expect(validateBody('create', createBody(formValuesFromCandidate(stored)))).toEqual({});
  });
});

describe('API error details on fields', () => {
  it('maps dotted paths to their field and keeps the first message per field', () => {
    expect(
      fieldErrorsFromDetails([
        { path: 'primary_skills.1', message: 'must be at most 500 characters' },
        { path: 'email', message: 'taken' },
        { path: 'email', message: 'second' },
        { path: '', message: 'must be a JSON object' },
      ]),
    ).toEqual({ primary_skills: 'must be at most 500 characters (item 2)', email: 'taken', form: 'must be a JSON object' });
  });

  it('says a rule without "or null": an empty field is how the form leaves a value out', () => {
    expect(
      fieldErrorsFromDetails([
        { path: 'current_ctc', message: 'must be a number or null' },
        { path: 'notice_period_days', message: 'must be an integer or null' },
        { path: 'in_notice_period', message: 'must be true, false or null' },
      ]),
    ).toEqual({ current_ctc: 'must be a number', notice_period_days: 'must be an integer', in_notice_period: 'must be true, false or null' });
  });
});

describe('skill tags', () => {
  it('refuses a duplicate case-insensitively, as the API de-duplicates', () => {
    expect(addSkill(['React'], ' react ')).toEqual({ skills: ['React'], refused: 'duplicate' });
    expect(addSkill(['React'], '  ')).toEqual({ skills: ['React'], refused: 'empty' });
    expect(addSkill(['React'], ' Go ')).toEqual({ skills: ['React', 'Go'], refused: null });
  });
});

describe('numbers as typed', () => {
  const sent = (typed: string) => createBody({ ...emptyFormValues(), full_name: 'A', email: 'a@b.co', current_ctc: typed }).current_ctc;

  it('reads a decimal point, a decimal comma before one or two digits, and nothing else', () => {
    expect([sent('18'), sent('24.5'), sent('22,5'), sent('0,75'), sent('.5'), sent(' 7 ')]).toEqual([18, 24.5, 22.5, 0.75, 0.5, 7]);
    // Text stays text, for the API's own "must be a number" rather than a guess.
    expect([sent('1,200'), sent('12,00,000'), sent('0x10'), sent('1e3'), sent('twelve')]).toEqual(['1,200', '12,00,000', '0x10', '1e3', 'twelve']);
  });

  it('says how to write a number that has a separator the API could read two ways', () => {
    const errors = formValueErrors({ ...emptyFormValues(), current_ctc: '1,200', expected_ctc: '22,5', total_experience_years: '12,00,000' });
    expect(errors.current_ctc).toMatch(/without separators, like 1200 or 12.5/);
    expect(errors.total_experience_years).toMatch(/without separators/);
    expect(errors.expected_ctc).toBeUndefined();
  });
});

describe('metadata keys', () => {
  it('refuses a key typed twice rather than keep only the last value', () => {
    const rows = [
      { key: 'ats', value: '42', isJson: false },
      { key: ' ats ', value: 'other', isJson: false },
    ];
    expect(formValueErrors({ ...emptyFormValues(), metadata: rows }).metadata).toBe('has the key "ats" twice: each key holds one value');
    expect(formValueErrors({ ...emptyFormValues(), metadata: [rows[0]!, { key: '', value: '', isJson: false }] })).toEqual({});
  });

  it('refuses a value typed without its key rather than keep it under the key ""', () => {
    const rows = [{ key: '  ', value: 'ATS-991', isJson: false }];
    expect(formValueErrors({ ...emptyFormValues(), metadata: rows }).metadata).toBe('has a value without a key: give each value a key, or clear it');
  });
});

describe('the form after a save', () => {
  it('takes the saved values but keeps a field edited while the request was out', () => {
    const sent = { ...formValuesFromCandidate(stored), current_company: 'Globex' };
    const current = { ...sent, current_designation: 'Typed during save' };
    const saved = { ...sent, current_company: 'Globex', location: 'Pune (changed elsewhere)' };
    expect(valuesAfterSave(sent, current, saved)).toEqual({ ...saved, current_designation: 'Typed during save' });
  });
});

describe('likely typos', () => {
  const typed = (values: Partial<ReturnType<typeof emptyFormValues>>) => implausibleValueWarnings({ ...emptyFormValues(), ...values });

  it('says a CTC typed in rupees is one, with what it would be in lakhs', () => {
    expect(typed({ current_ctc: '1200000', expected_ctc: '1850000.50' })).toEqual({
      current_ctc: 'Counted in lakhs a year: if this is rupees, it is 12 LPA.',
      expected_ctc: 'Counted in lakhs a year: if this is rupees, it is 18.5 LPA.',
    });
  });

  it('says decades of experience and a notice of months are worth a second look', () => {
    expect(typed({ total_experience_years: '65', notice_period_days: '270' })).toEqual({
      total_experience_years: '65 years of experience: check it is not a typo.',
      notice_period_days: 'Counted in days: 270 days is about 9 months.',
    });
  });

  it('says nothing of usual values, the limits themselves, empty fields or what is not a number', () => {
    expect(typed({ current_ctc: '5000', expected_ctc: '24,5', total_experience_years: '55', notice_period_days: '180' })).toEqual({});
    expect(typed({ current_ctc: '', expected_ctc: 'a lot', total_experience_years: '1,200' })).toEqual({});
  });
});
