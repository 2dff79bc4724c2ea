/** A field value as a recruiter reads it: lists joined, nothing shown as "(empty)". */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Digits with a decimal point, or a decimal comma before one or two digits ("22,5"). */
const PLAIN_NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;
const DECIMAL_COMMA = /^-?\d+,\d{1,2}$/;

/**
 * A number as a recruiter types it, or undefined for anything else: "1,200"
 * could be 1200 or 1.2, and "0x10" or "1e3" are no way to write a salary.
 */
export function typedNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (PLAIN_NUMBER.test(trimmed)) return Number(trimmed);
  if (DECIMAL_COMMA.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return undefined;
}

/** Text with a comma that typedNumber does not read as a decimal mark. */
export function hasAmbiguousSeparator(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.includes(',') && !DECIMAL_COMMA.test(trimmed);
}

/** A score as the cloud gave it, with at most two decimals in the recruiter's locale ("72.5"). */
export function formatScore(score: number): string {
  return score.toLocaleString(undefined, { maximumFractionDigits: 2 });
}
