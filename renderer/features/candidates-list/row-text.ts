import type { Candidate } from '@shared/candidate-schema';

/** Years of experience as the list shows them: "1 yr", "3.5 yrs", nothing when not given. */
export function experience(years: number | null): string {
  if (years === null) return '';
  return `${Number.isInteger(years) ? years : years.toFixed(1)} ${years === 1 ? 'yr' : 'yrs'}`;
}

/** Serving a notice (till when, if known), or the notice period in days. */
export function noticePeriod(candidate: Pick<Candidate, 'in_notice_period' | 'last_working_day' | 'notice_period_days'>): string {
  if (candidate.in_notice_period) return candidate.last_working_day ? `Serving, till ${candidate.last_working_day}` : 'Serving';
  const days = candidate.notice_period_days;
  return days === null ? '' : `${days} ${days === 1 ? 'day' : 'days'}`;
}

export function currentRole(candidate: Pick<Candidate, 'current_designation' | 'current_company'>): string {
  return [candidate.current_designation, candidate.current_company].filter(Boolean).join(' · ');
}
