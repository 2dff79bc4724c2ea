/** Statuses worth another attempt: the remote, or a proxy in front of it, is overloaded or restarting. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** The statuses whose Retry-After the client honours (the contract's rate limit, and maintenance). */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
  /** Uniform in [0, 1), like Math.random. */
  random: () => number;
}

/**
 * "Full jitter": a uniform delay below min(max, base * 2^(attempt-1)), so many
 * clients retrying together spread out instead of arriving in waves.
 * `attempt` is the 1-based number of the attempt that just failed.
 */
export function backoffDelay(attempt: number, settings: BackoffSettings): number {
  // The exponent is capped so a zero base never meets an infinite power (0 * Infinity is NaN).
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.floor(settings.random() * ceiling);
}

const HTTP_DATE_START = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s/i;

/**
 * Milliseconds a Retry-After value asks for: delta-seconds (a fraction is
 * read too) or an HTTP date, which may lie in the past and give a negative
 * delay. Null when absent or unreadable. Only values that look like an HTTP
 * date go to Date.parse, which would otherwise read "1.5" as a day in 2001.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!HTTP_DATE_START.test(text)) return null;
  // asctime dates carry no zone; HTTP dates are always GMT, and Date.parse would take local time.
  const at = Date.parse(/gmt$/i.test(text) ? text : `${text} GMT`);
  return Number.isFinite(at) ? at - nowMs : null;
}

/**
 * The wait the remote asked for with Retry-After on a 429 or 503 (however
 * long, never negative), or null when it asked for none it can be held to.
 */
export function askedWait(failed: { status: number | null; retryAfter: string | null }, nowMs: number): number | null {
  if (failed.status === null || !RETRY_AFTER_STATUSES.has(failed.status)) return null;
  const asked = parseRetryAfter(failed.retryAfter, nowMs);
  return asked === null ? null : Math.max(0, asked);
}
