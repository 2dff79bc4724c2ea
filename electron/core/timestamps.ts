/**
 * The `updated_at` of a change to a row stamped `previous`: `now`, or 1 ms past
 * `previous` when the clock has not passed it (two changes in one millisecond
 * or one group commit, a clock set back, a cloud clock ahead). Every change
 * then moves `updated_at`, so a client can always tell from it that the row
 * changed, as the contract promises.
 */
export function nextUpdatedAt(previous: string, now: string): string {
  const justAfter = Date.parse(previous) + 1;
  const at = Date.parse(now);
  return Number.isNaN(justAfter) || at >= justAfter ? now : new Date(justAfter).toISOString();
}
