/** A timestamp as a recruiter reads it: "29 Nov 2026, 22:46" in their own locale. */
export function formatWhen(timestamp: string): string {
  return new Date(timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
