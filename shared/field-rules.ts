import { z } from 'zod';
import { LIMITS } from './contract';

/** Lengths in the contract count Unicode code points, not UTF-16 units. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Control characters (NUL, BEL, DEL, NEL…): never part of an address anyone typed. */
const CONTROL_CHARACTER = /\p{Cc}/u;

export function isEmailAddress(value: string): boolean {
  return EMAIL_PATTERN.test(value) && !CONTROL_CHARACTER.test(value) && codePointLength(value) <= LIMITS.email && isWellFormedText(value);
}

/** Trimmed and lower-cased: the form emails are compared in. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** Trimmed, de-duplicated case-insensitively keeping the first spelling, empties dropped. */
export function normalizeSkills(skills: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of skills) {
    const skill = raw.trim();
    const key = skill.toLowerCase();
    if (skill === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(skill);
  }
  return result;
}

/** The contract's `skill_array`: primary then secondary skills, normalised together (see normalizeSkills). */
export function skillArrayOf(primarySkills: readonly string[], secondarySkills: readonly string[]): string[] {
  return normalizeSkills([...primarySkills, ...secondarySkills]);
}

/**
 * Whether a JSON value nests more than `max` levels deep as the contract counts
 * (an object or array is one level more than its deepest child). It looks no
 * deeper than `max + 1` levels, so a body nested 100,000 deep cannot exhaust
 * the stack here or in the JSON.stringify that measures the value afterwards.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max < 1) return true;
  return Object.values(value).some((child) => nestsDeeperThan(child, max - 1));
}

/** JSON.parse reads 1e400 as Infinity, which JSON.stringify would store as null. */
function holdsNonFiniteNumber(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  return value !== null && typeof value === 'object' && Object.values(value).some(holdsNonFiniteNumber);
}

const utf8 = new TextEncoder();

export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const mustBe = (what: string) => ({ error: `must be ${what}` });

const LONE_SURROGATE = /\p{Surrogate}/u;

/** Text SQLite can store as it came: a lone UTF-16 surrogate has no UTF-8 form and would come back as U+FFFD. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** A string that is valid Unicode text. */
function text(what: string) {
  return z.string(mustBe(what)).refine(isWellFormedText, 'must be valid Unicode text (it has an unpaired surrogate)');
}

/** A trimmed string of at most `max` code points. */
export function boundedText(max: number, what = 'a string') {
  return text(what)
    .trim()
    .refine((s) => codePointLength(s) <= max, `must be at most ${max} characters`);
}

/** Optional text field: trimmed, at most `max` code points, "" becomes null, null allowed. */
export function nullableText(max: number = LIMITS.text) {
  return boundedText(max, 'a string or null')
    .transform((s) => (s === '' ? null : s))
    .nullable();
}

export const FullNameSchema = text('a string')
  .trim()
  .refine((s) => s.length > 0, 'must not be empty')
  .refine((s) => codePointLength(s) <= LIMITS.fullName, `must be at most ${LIMITS.fullName} characters`);

export const EMAIL_RULE = `must be an email address (local@domain.tld) of at most ${LIMITS.email} characters`;

export const EmailSchema = text('a string').trim().refine(isEmailAddress, EMAIL_RULE).meta({ format: 'email' });

export const UuidSchema = z
  .string(mustBe('a UUID'))
  .trim()
  .refine(isUuid, 'must be a UUID')
  .transform((s) => s.toLowerCase())
  .meta({ format: 'uuid' });

export const NullableDateSchema = nullableText()
  .refine((s) => s === null || isCalendarDate(s), 'must be a calendar date as YYYY-MM-DD')
  .meta({ format: 'date' });

export const NullableHttpUrlSchema = nullableText()
  .refine((s) => s === null || isHttpUrl(s), 'must be an http or https URL')
  .meta({ format: 'uri' });

export const NullableAmountSchema = z
  .number(mustBe('a number or null'))
  .min(0, 'must be 0 or more')
  .nullable();

export const SkillListSchema = z
  .array(boundedText(LIMITS.text), mustBe('an array of strings'))
  .transform(normalizeSkills);

/**
 * A JSON object kept exactly as sent: zod's record would copy it and drop a
 * `__proto__` key, and nothing a user entered may be lost.
 */
export const MetadataSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (!isPlainObject(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object or null' });
    } else if (nestsDeeperThan(value, LIMITS.metadataDepth)) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${LIMITS.metadataDepth} levels deep` });
    } else if (holdsNonFiniteNumber(value)) {
      ctx.addIssue({ code: 'custom', message: 'must hold only numbers a JSON number can carry (1e400 is too large)' });
    } else if (utf8Length(JSON.stringify(value)) > LIMITS.metadataBytes) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${LIMITS.metadataBytes} bytes as compact JSON` });
    }
  })
  .transform((value) => value as Record<string, unknown>)
  .meta({ type: 'object', additionalProperties: true });
