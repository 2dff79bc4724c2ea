/** A timestamp as a recruiter reads it: "29 Nov 2026, 22:46" in their own locale. */
export function formatWhen(timestamp: string): string {
  return new Date(timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A timestamp's day alone, where the hour would be noise: "29 Nov 2026" in the recruiter's locale. */
export function formatDay(timestamp: string): string {
  return new Date(timestamp).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}
