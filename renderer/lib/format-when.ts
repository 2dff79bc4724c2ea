/** A timestamp as a recruiter reads it: "29 Nov 2026, 22:46" in their own locale. */
export function formatWhen(timestamp: string): string {
  return new Date(timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/** A timestamp's day alone, where the hour would be noise: "29 Nov 2026" in the recruiter's locale. */
export function formatDay(timestamp: string): string {
  return new Date(timestamp).toLocaleDateString(undefined, DAY);
}

/** A calendar date ("2026-12-14", no hour or zone) in the recruiter's locale: that very day, whatever their time zone. */
export function formatCalendarDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year!, month! - 1, day!).toLocaleDateString(undefined, DAY);
}
