import { describe, expect, it } from 'vitest';
import { RemoteCandidateSchema, toContractTimestamp } from '../../electron/sync/remote-schemas';

describe('toContractTimestamp', () => {
  it.each([
    ['2026-11-28T10:00:00.000Z', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28T10:00:00.123456+00:00', '2026-11-28T10:00:00.123Z'],
    ['2026-11-28T10:00:00Z', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28T15:30:00.5+05:30', '2026-11-28T10:00:00.500Z'],
    ['2026-11-28T05:00:00-0500', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28 10:00:00.123+00', '2026-11-28T10:00:00.123Z'],
    ['2026-11-28T10:00:00.123', '2026-11-28T10:00:00.123Z'],
    ['2026-01-01T01:00:00+05:30', '2025-12-31T19:30:00.000Z'],
  ])('%s is %s', (text, expected) => {
    expect(toContractTimestamp(text)).toBe(expected);
  });

  it.each(['', 'yesterday', '2026-02-30T10:00:00Z', '2026-11-28T24:00:00Z', '2026-11-28', '1795860002125'])('%j is no time', (text) => {
    expect(toContractTimestamp(text)).toBeNull();
  });
});

describe('RemoteCandidateSchema', () => {
  const candidate = {
    id: '2965b20a-fdba-4c8d-a78d-bab47f81e338',
    full_name: 'Kavya Nair',
    email: null,
    phone_number: '',
    whatsapp_number: '',
    location: 'Chennai',
    preferred_location: null,
    primary_skills: [],
    secondary_skills: [],
    skill_array: [],
    total_experience_years: 6,
    current_company: null,
    current_designation: null,
    current_ctc: null,
    expected_ctc: null,
    notice_period_days: null,
    in_notice_period: null,
    last_working_day: null,
    resume_url: null,
    source: null,
    talent_pool_status: 'masked',
    metadata: null,
    created_at: '2026-11-28T10:00:00.123456+00:00',
    updated_at: '2026-11-28T10:00:01+00:00',
    applications: [
      {
        id: '4c1aabc7-48da-412d-929b-3a42c007affc',
        candidate_id: '2965b20a-fdba-4c8d-a78d-bab47f81e338',
        job_id: '550e8400-e29b-41d4-a716-446655440000',
        status: 'Applied',
        notes: null,
        status_date: '2026-11-28T10:00:00.5Z',
        created_at: '2026-11-28T10:00:00Z',
        updated_at: '2026-11-28T10:00:00Z',
      },
    ],
  };

  it("reads a masked candidate shown the seed's way into the contract's masked view, times as ms + Z, absent extras as null", () => {
    const parsed = RemoteCandidateSchema.parse(candidate);
    expect(parsed).toMatchObject({ email: '', phone_number: null, whatsapp_number: null, screening_score: null, created_at: '2026-11-28T10:00:00.123Z' });
    expect(parsed.applications[0]).toMatchObject({ organization_id: null, match_score: null, shortlisted_at: null, status_date: '2026-11-28T10:00:00.500Z' });
  });

  it('refuses what is no time, and a candidate without the fields the engine merges', () => {
    expect(RemoteCandidateSchema.safeParse({ ...candidate, updated_at: 'soon' }).success).toBe(false);
    const { location: _location, ...withoutLocation } = candidate;
    expect(RemoteCandidateSchema.safeParse(withoutLocation).success).toBe(false);
  });
});
