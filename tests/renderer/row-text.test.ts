import { describe, expect, it } from 'vitest';
import { currentRole, experience, noticePeriod } from '../../renderer/features/candidates-list/row-text';

describe("the candidate list's cell texts", () => {
  it('says years of experience in the singular for exactly one', () => {
    expect([1, 0, 3, 3.5, 1.25, null].map(experience)).toEqual(['1 yr', '0 yrs', '3 yrs', '3.5 yrs', '1.3 yrs', '']);
  });

  it('says a notice period in days, a day in the singular, or that it is being served', () => {
    const notice = (notice_period_days: number | null, in_notice_period: boolean | null = false, last_working_day: string | null = null) =>
      noticePeriod({ notice_period_days, in_notice_period, last_working_day });
    expect([notice(1), notice(0), notice(30), notice(null)]).toEqual(['1 day', '0 days', '30 days', '']);
    expect([notice(30, true), notice(30, true, '2026-12-31')]).toEqual(['Serving', 'Serving, till 2026-12-31']);
  });

  it('joins designation and company, leaving out what is missing', () => {
    expect(currentRole({ current_designation: 'Engineer', current_company: 'Acme' })).toBe('Engineer · Acme');
    expect(currentRole({ current_designation: null, current_company: 'Acme' })).toBe('Acme');
  });
});
