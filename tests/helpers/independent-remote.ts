// An in-memory cloud for /api/v1/candidates, written from
// ../shared/api-contract.md and ../shared/seed/candidates-api.txt only. It
// imports nothing from the app: tests run the sync engine against it to catch
// places where the engine relies on a reading of the documents that only our
// own remote test server (built on our core) shares. Options make it behave
// in ways the seed allows but the contract does not pin (or pins for the
// local API only): other timestamp forms, extra fields, masked fields shown
// as null, upper-case ids, Retry-After, dropped connections.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TimestampStyle =
  /** 2026-11-28T10:00:00.123Z, the contract's form. */
  | 'ms-z'
  /** 2026-11-28T10:00:00.123456+00:00, what a Postgres-backed cloud emits. */
  | 'micro-offset'
  /** 2026-11-28T10:00:00Z */
  | 'seconds-z'
  /** 2026-11-28T15:30:00.123+05:30: the same instant in India's offset. */
  | 'ist-offset';

export interface IndependentRemoteOptions {
  token?: string;
  timestampStyle?: TimestampStyle;
  /** How a masked candidate shows its locked string fields (email, phones). */
  maskedStrings?: 'contract' | 'null' | 'empty-string';
  /** Candidates and applications carry the seed's extra fields and some unknown ones. */
  extraFields?: boolean;
  /** Candidate and application ids in responses in upper case (the path accepts either). */
  upperCaseIds?: boolean;
  /** Whole numbers written as `6.0` rather than `6`. */
  decimalPointNumbers?: boolean;
  pipeline?: string[];
  /** Microseconds the clock moves per write, so that every write has its own updated_at. */
  clockStepMicros?: number;
  /** The most rows a list page holds, whatever `limit` asks: meta.limit says what was used. */
  maxPageSize?: number;
}

export type Fault =
  | { kind: 'status'; status: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  /** Destroy the socket without an answer; with `afterApply` the request takes effect first. */
  | { kind: 'drop'; afterApply?: boolean };

export interface FaultRule {
  /** Which requests it hits; the default is any. */
  method?: string;
  pathPrefix?: string;
  /** How many matching requests fail; the default is 1. */
  times?: number;
  fault: Fault;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** The dropped connections of `drop` faults. */
  dropped: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RemoteApplication {
  id: string;
  candidate_id: string;
  job_id: string;
  status: string;
  notes: string | null;
  shortlisted_at: number | null;
  status_date: number;
  created_at: number;
  updated_at: number;
}

/** The cloud's own row: real values, times as microseconds since the epoch. */
export interface RemoteCandidate {
  id: string;
  full_name: string;
  email: string;
  phone_number: string | null;
  whatsapp_number: string | null;
  location: string | null;
  preferred_location: string | null;
  primary_skills: string[];
  secondary_skills: string[];
  total_experience_years: number | null;
  current_company: string | null;
  current_designation: string | null;
  current_ctc: number | null;
  expected_ctc: number | null;
  notice_period_days: number | null;
  in_notice_period: boolean | null;
  last_working_day: string | null;
  resume_url: string | null;
  resume_path: string | null;
  source: string | null;
  metadata: Record<string, Json> | null;
  talent_pool_status: 'not_linked' | 'masked' | 'revealed';
  created_at: number;
  updated_at: number;
  applications: RemoteApplication[];
}

export interface IndependentRemote {
  url: string;
  token: string;
  options: Required<IndependentRemoteOptions>;
  requests: LoggedRequest[];
  faults: FaultRule[];
  /** Runs before an authorised request is answered: a test acts between the engine's requests (adds candidates mid-walk, masks one before a PUT). */
  beforeHandle: ((request: LoggedRequest) => void | Promise<void>) | null;
  addCandidate(
    fields: Record<string, unknown> & { full_name: string; email: string },
    extra?: { talent_pool_status?: RemoteCandidate['talent_pool_status'] },
  ): RemoteCandidate;
  /** A recruiter's edit in the cloud dashboard: the same rules as a PUT, but locked fields too. */
  editAsRecruiter(id: string, patch: Record<string, unknown>): RemoteCandidate;
  mask(id: string): void;
  reveal(id: string): void;
  candidate(id: string): RemoteCandidate | undefined;
  all(): RemoteCandidate[];
  /** What the API shows for one candidate (the masked view, with applications). */
  view(id: string): Record<string, unknown>;
  close(): Promise<void>;
}

const DEFAULT_PIPELINE = ['Applied', 'Shortlisted', 'Screening', 'Interview', 'Offered', 'Hired', 'Rejected'];
const LOCKED = ['email', 'phone_number', 'whatsapp_number', 'current_ctc', 'expected_ctc'] as const;
const READ_ONLY = new Set([
  'id',
  'skill_array',
  'screening_score',
  'talent_pool_status',
  'created_at',
  'updated_at',
  'applications',
]);
const NULLABLE_STRINGS = [
  'phone_number',
  'whatsapp_number',
  'location',
  'preferred_location',
  'current_company',
  'current_designation',
  'resume_url',
  'resume_path',
  'source',
  'last_working_day',
] as const;
const NONNEGATIVE_NUMBERS = ['total_experience_years', 'current_ctc', 'expected_ctc'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ORGANIZATION_ID = '0b6c1d2e-3f40-4a51-8b62-7c8d9e0f1a2b';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

function validation(details: { path: string; message: string }[]): HttpError {
  return new HttpError(400, 'validation_error', 'Invalid request', details);
}

function codePoints(value: string): number {
  return [...value].length;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatMicros(micros: number, style: TimestampStyle): string {
  const offsetMinutes = style === 'ist-offset' ? 330 : 0;
  const shifted = new Date(Math.floor(micros / 1000) + offsetMinutes * 60_000);
  const date = `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  const millis = pad(Math.floor(micros / 1000) % 1000, 3);
  switch (style) {
    case 'ms-z':
      return `${date}T${time}.${millis}Z`;
    case 'micro-offset':
      return `${date}T${time}.${pad(micros % 1_000_000, 6)}+00:00`;
    case 'seconds-z':
      return `${date}T${time}Z`;
    case 'ist-offset':
      return `${date}T${time}.${millis}+05:30`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonDepth(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(jsonDepth));
  if (isPlainObject(value)) return 1 + Math.max(0, ...Object.values(value).map(jsonDepth));
  return 0;
}

function cleanSkills(value: unknown, path: string, errors: { path: string; message: string }[]): string[] | undefined {
  if (!Array.isArray(value)) {
    errors.push({ path, message: 'must be an array of strings' });
    return undefined;
  }
  const seen = new Set<string>();
  const out: string[] = [];
  value.forEach((item, index) => {
    if (typeof item !== 'string') {
      errors.push({ path: `${path}.${index}`, message: 'must be a string' });
      return;
    }
    const trimmed = item.trim();
    if (trimmed === '' || seen.has(trimmed.toLowerCase())) return;
    seen.add(trimmed.toLowerCase());
    out.push(trimmed);
  });
  return out;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

interface CleanApplication {
  job_id: string;
  status?: string;
  notes?: string | null;
}

/** Validates and normalises a POST or PUT body; returns only the fields present. */
function cleanBody(
  body: unknown,
  mode: 'post' | 'put' | 'recruiter',
  pipeline: string[],
): { fields: Partial<RemoteCandidate>; application?: CleanApplication } {
  if (!isPlainObject(body)) throw validation([{ path: '', message: 'body must be an object' }]);
  const errors: { path: string; message: string }[] = [];
  const fields: Record<string, unknown> = {};
  let application: CleanApplication | undefined;
  for (const [key, raw] of Object.entries(body)) {
    if (READ_ONLY.has(key)) continue;
    if (key === 'full_name') {
      const value = typeof raw === 'string' ? raw.trim() : null;
      if (value === null || codePoints(value) < 1 || codePoints(value) > 200) {
        errors.push({ path: key, message: 'must be 1 to 200 characters' });
      } else fields[key] = value;
    } else if (key === 'email') {
      const value = typeof raw === 'string' ? raw.trim() : null;
      if (value === null || !EMAIL.test(value) || codePoints(value) > 254) {
        errors.push({ path: key, message: 'must be an email address' });
      } else fields[key] = value;
    } else if ((NULLABLE_STRINGS as readonly string[]).includes(key)) {
      if (key === 'resume_path' && mode === 'put') {
        errors.push({ path: key, message: 'accepted on create only' });
        continue;
      }
      if (raw !== null && typeof raw !== 'string') {
        errors.push({ path: key, message: 'must be a string or null' });
        continue;
      }
      let value = raw === null ? null : raw.trim() === '' ? null : raw.trim();
      if (value !== null && codePoints(value) > 500) {
        errors.push({ path: key, message: 'at most 500 characters' });
        continue;
      }
      if (key === 'last_working_day' && value !== null && !isCalendarDate(value)) {
        errors.push({ path: key, message: 'must be YYYY-MM-DD' });
        continue;
      }
      if (key === 'resume_url' && value !== null && !/^https?:\/\/\S+$/i.test(value)) {
        errors.push({ path: key, message: 'must be an http(s) URL' });
        continue;
      }
      if (key === 'source' && value === null && mode === 'post') value = 'api';
      fields[key] = value;
    } else if (key === 'primary_skills' || key === 'secondary_skills') {
      const value = cleanSkills(raw, key, errors);
      if (value) fields[key] = value;
    } else if ((NONNEGATIVE_NUMBERS as readonly string[]).includes(key)) {
      if (raw !== null && (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0)) {
        errors.push({ path: key, message: 'must be a number, 0 or more' });
      } else fields[key] = raw;
    } else if (key === 'notice_period_days') {
      if (raw !== null && (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > 365)) {
        errors.push({ path: key, message: 'must be an integer 0 to 365' });
      } else fields[key] = raw;
    } else if (key === 'in_notice_period') {
      if (raw !== null && typeof raw !== 'boolean') errors.push({ path: key, message: 'must be a boolean' });
      else fields[key] = raw;
    } else if (key === 'metadata') {
      if (raw !== null && !isPlainObject(raw)) errors.push({ path: key, message: 'must be an object' });
      else if (raw !== null && (Buffer.byteLength(JSON.stringify(raw)) > 16 * 1024 || jsonDepth(raw) > 32)) {
        errors.push({ path: key, message: 'too large or too deep' });
      } else fields[key] = raw;
    } else if (key === 'application') {
      if (!isPlainObject(raw)) {
        errors.push({ path: key, message: 'must be an object' });
        continue;
      }
      const jobId = raw.job_id;
      if (typeof jobId !== 'string' || !UUID.test(jobId.trim())) {
        errors.push({ path: 'application.job_id', message: 'must be a UUID' });
      }
      const next: CleanApplication = { job_id: typeof jobId === 'string' ? jobId.trim().toLowerCase() : '' };
      for (const [appKey, appRaw] of Object.entries(raw)) {
        if (appKey === 'job_id') continue;
        if (appKey === 'status') {
          const spelled =
            typeof appRaw === 'string'
              ? pipeline.find((status) => status.toLowerCase() === appRaw.trim().toLowerCase())
              : undefined;
          if (spelled === undefined) errors.push({ path: 'application.status', message: 'unknown status' });
          else next.status = spelled;
        } else if (appKey === 'notes') {
          if (appRaw !== null && typeof appRaw !== 'string') {
            errors.push({ path: 'application.notes', message: 'must be a string or null' });
          } else if (appRaw !== null && codePoints(appRaw.trim()) > 5000) {
            errors.push({ path: 'application.notes', message: 'at most 5000 characters' });
          } else next.notes = appRaw === null || appRaw.trim() === '' ? null : appRaw.trim();
        } else {
          errors.push({ path: `application.${appKey}`, message: 'unknown field' });
        }
      }
      application = next;
    } else {
      errors.push({ path: key, message: 'unknown field' });
    }
  }
  if (mode === 'post') {
    if (!('full_name' in body)) errors.push({ path: 'full_name', message: 'required' });
    if (!('email' in body)) errors.push({ path: 'email', message: 'required' });
  }
  if (errors.length > 0) throw validation(errors);
  return { fields: fields as Partial<RemoteCandidate>, application };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function startIndependentRemote(options: IndependentRemoteOptions = {}): Promise<IndependentRemote> {
  const opts: Required<IndependentRemoteOptions> = {
    token: options.token ?? 'independent-remote-key',
    timestampStyle: options.timestampStyle ?? 'ms-z',
    maskedStrings: options.maskedStrings ?? 'contract',
    extraFields: options.extraFields ?? false,
    upperCaseIds: options.upperCaseIds ?? false,
    decimalPointNumbers: options.decimalPointNumbers ?? false,
    pipeline: options.pipeline ?? DEFAULT_PIPELINE,
    clockStepMicros: options.clockStepMicros ?? 1_001_001,
    maxPageSize: options.maxPageSize ?? 100,
  };
  const candidates = new Map<string, RemoteCandidate>();
  let clock = Date.UTC(2026, 10, 28, 10, 0, 0) * 1000 + 123_456;
  const tick = (): number => (clock += opts.clockStepMicros);

  const outId = (id: string): string => (opts.upperCaseIds ? id.toUpperCase() : id);
  const time = (micros: number | null): string | null => (micros === null ? null : formatMicros(micros, opts.timestampStyle));

  function byEmail(email: string): RemoteCandidate | undefined {
    const key = email.trim().toLowerCase();
    for (const candidate of candidates.values()) if (candidate.email.toLowerCase() === key) return candidate;
    return undefined;
  }

  function maskedString(field: 'email' | 'phone_number' | 'whatsapp_number'): string | null {
    if (opts.maskedStrings === 'null') return null;
    if (opts.maskedStrings === 'empty-string') return '';
    return field === 'email' ? '' : null;
  }

  function applicationView(app: RemoteApplication): Record<string, unknown> {
    const base: Record<string, unknown> = {
      id: outId(app.id),
      candidate_id: outId(app.candidate_id),
      job_id: app.job_id,
      status: app.status,
      notes: app.notes,
      shortlisted_at: time(app.shortlisted_at),
      status_date: time(app.status_date),
      created_at: time(app.created_at),
      updated_at: time(app.updated_at),
    };
    if (!opts.extraFields) return base;
    return {
      ...base,
      organization_id: ORGANIZATION_ID,
      screening_score: 72.5,
      match_score: 0.81,
      screening_started_at: time(app.created_at),
      screening_completed_at: null,
      outreach_sent_at: time(app.created_at),
      interest_clicked_at: null,
      video_interview_invite_sent_at: null,
      metadata: { pipeline_stage_id: 3, tags: ['imported'] },
    };
  }

  function candidateView(candidate: RemoteCandidate, withApplications: boolean): Record<string, unknown> {
    const masked = candidate.talent_pool_status === 'masked';
    const skillSeen = new Set<string>();
    const skillArray = [...candidate.primary_skills, ...candidate.secondary_skills].filter((skill) => {
      const key = skill.toLowerCase();
      if (skillSeen.has(key)) return false;
      skillSeen.add(key);
      return true;
    });
    const view: Record<string, unknown> = {
      id: outId(candidate.id),
      full_name: candidate.full_name,
      email: masked ? maskedString('email') : candidate.email,
      phone_number: masked ? maskedString('phone_number') : candidate.phone_number,
      whatsapp_number: masked ? maskedString('whatsapp_number') : candidate.whatsapp_number,
      location: candidate.location,
      preferred_location: candidate.preferred_location,
      primary_skills: candidate.primary_skills,
      secondary_skills: candidate.secondary_skills,
      skill_array: skillArray,
      total_experience_years: candidate.total_experience_years,
      current_company: candidate.current_company,
      current_designation: candidate.current_designation,
      current_ctc: masked ? null : candidate.current_ctc,
      expected_ctc: masked ? null : candidate.expected_ctc,
      notice_period_days: candidate.notice_period_days,
      in_notice_period: candidate.in_notice_period,
      last_working_day: candidate.last_working_day,
      resume_url: candidate.resume_url,
      source: candidate.source,
      screening_score: opts.extraFields ? 64 : null,
      talent_pool_status: candidate.talent_pool_status,
      metadata: candidate.metadata,
      created_at: time(candidate.created_at),
      updated_at: time(candidate.updated_at),
    };
    if (opts.extraFields) {
      Object.assign(view, {
        organization_id: ORGANIZATION_ID,
        created_by: 'c0ffee00-0000-4000-8000-000000000001',
        resume_parsed: true,
        talent_pool_id: masked ? 'tp-481516' : null,
        deleted_at: null,
      });
    }
    if (withApplications) view.applications = candidate.applications.map(applicationView);
    return view;
  }

  function serialize(value: unknown): string {
    const text = JSON.stringify(value);
    if (!opts.decimalPointNumbers) return text;
    // Whole numbers that are values (after ':' or in arrays), not inside strings.
    return text.replace(/("(?:[^"\\]|\\.)*")|([:,[]\s*)(-?\d+)(?=[,}\]])/g, (match, str, lead, num) =>
      str !== undefined ? str : `${lead}${num}.0`,
    );
  }

  /** Applies cleaned fields and an application; returns whether anything changed. */
  function applyChanges(
    candidate: RemoteCandidate,
    fields: Partial<RemoteCandidate>,
    application: CleanApplication | undefined,
  ): boolean {
    let changed = false;
    const now = clock + opts.clockStepMicros;
    for (const [key, value] of Object.entries(fields)) {
      const current = (candidate as unknown as Record<string, unknown>)[key];
      if (!sameJson(current, value)) {
        (candidate as unknown as Record<string, unknown>)[key] = value;
        changed = true;
      }
    }
    if (application) {
      let app = candidate.applications.find((existing) => existing.job_id === application.job_id);
      if (!app) {
        const status = application.status ?? 'Applied';
        app = {
          id: randomUUID(),
          candidate_id: candidate.id,
          job_id: application.job_id,
          status,
          notes: application.notes ?? null,
          shortlisted_at: status === 'Shortlisted' ? now : null,
          status_date: now,
          created_at: now,
          updated_at: now,
        };
        candidate.applications.push(app);
        changed = true;
      } else {
        let appChanged = false;
        if (application.status !== undefined && application.status !== app.status) {
          app.status = application.status;
          app.status_date = now;
          if (app.status === 'Shortlisted' && app.shortlisted_at === null) app.shortlisted_at = now;
          appChanged = true;
        }
        if (application.notes !== undefined && application.notes !== app.notes) {
          app.notes = application.notes;
          appChanged = true;
        }
        if (appChanged) {
          app.updated_at = now;
          changed = true;
        }
      }
    }
    if (changed) candidate.updated_at = tick();
    return changed;
  }

  function findCandidate(id: string): RemoteCandidate {
    const candidate = candidates.get(id.toLowerCase());
    if (!candidate) throw new HttpError(404, 'not_found', 'Candidate not found');
    return candidate;
  }

  function createCandidate(fields: Partial<RemoteCandidate>): RemoteCandidate {
    const now = tick();
    const candidate: RemoteCandidate = {
      id: randomUUID(),
      full_name: '',
      email: '',
      phone_number: null,
      whatsapp_number: null,
      location: null,
      preferred_location: null,
      primary_skills: [],
      secondary_skills: [],
      total_experience_years: null,
      current_company: null,
      current_designation: null,
      current_ctc: null,
      expected_ctc: null,
      notice_period_days: null,
      in_notice_period: null,
      last_working_day: null,
      resume_url: null,
      resume_path: null,
      source: 'api',
      metadata: null,
      talent_pool_status: 'not_linked',
      created_at: now,
      updated_at: now,
      applications: [],
      ...fields,
    };
    candidates.set(candidate.id, candidate);
    return candidate;
  }

  function list(query: Record<string, string>): unknown {
    const errors: { path: string; message: string }[] = [];
    const integer = (name: string, fallback: number, min: number, max: number): number => {
      const raw = query[name];
      if (raw === undefined) return fallback;
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        errors.push({ path: name, message: `must be an integer ${min} to ${max}` });
        return fallback;
      }
      return Number(raw);
    };
    const limit = Math.min(integer('limit', 50, 1, 100), opts.maxPageSize);
    const offset = integer('offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const jobId = query.job_id;
    if (jobId !== undefined && !UUID.test(jobId)) errors.push({ path: 'job_id', message: 'must be a UUID' });
    if (errors.length > 0) throw validation(errors);
    const search = (query.search ?? '').trim().toLowerCase();
    const matches = [...candidates.values()]
      .filter((candidate) => {
        if (jobId !== undefined && !candidate.applications.some((app) => app.job_id === jobId.toLowerCase())) {
          return false;
        }
        if (search === '') return true;
        const email = candidate.talent_pool_status === 'masked' ? '' : candidate.email.toLowerCase();
        return candidate.full_name.toLowerCase().includes(search) || email.includes(search);
      })
      .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return {
      data: matches.slice(offset, offset + limit).map((candidate) => candidateView(candidate, false)),
      meta: { total: matches.length, limit, offset },
    };
  }

  function post(body: unknown): { status: number; body: unknown } {
    const { fields, application } = cleanBody(body, 'post', opts.pipeline);
    if (!('source' in fields)) fields.source = 'api';
    const existing = byEmail(fields.email ?? '');
    if (existing) {
      applyChanges(existing, {}, application);
      return { status: 200, body: { data: candidateView(existing, true) } };
    }
    const candidate = createCandidate(fields);
    if (application) {
      applyChanges(candidate, {}, application);
    }
    return { status: 201, body: { data: candidateView(candidate, true) } };
  }

  function put(id: string, body: unknown): { status: number; body: unknown } {
    const candidate = findCandidate(id);
    const { fields, application } = cleanBody(body, 'put', opts.pipeline);
    if (fields.email !== undefined) {
      const other = byEmail(fields.email);
      if (other && other.id !== candidate.id) throw new HttpError(409, 'email_taken', 'Email belongs to another candidate');
    }
    if (candidate.talent_pool_status === 'masked') {
      const locked: { path: string; message: string }[] = [];
      for (const field of LOCKED) {
        if (!(field in fields)) continue;
        const value = (fields as Record<string, unknown>)[field];
        // The masked view shows "" or null: sending either back changes nothing.
        if (value === null || value === '') {
          delete (fields as Record<string, unknown>)[field];
          continue;
        }
        locked.push({ path: field, message: 'locked until the candidate is revealed' });
      }
      if (locked.length > 0) {
        throw new HttpError(403, 'talent_pool_reveal_required', 'Reveal the candidate to change these fields', locked);
      }
    }
    applyChanges(candidate, fields, application);
    return { status: 200, body: { data: candidateView(candidate, true) } };
  }

  function route(method: string, path: string, query: Record<string, string>, body: unknown): { status: number; body: unknown } {
    const match = /^\/api\/v1\/candidates(?:\/([^/]+))?\/?$/.exec(path);
    if (!match) throw new HttpError(404, 'not_found', 'Not found');
    const id = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
    if (id === undefined && method === 'GET') return { status: 200, body: list(query) };
    if (id === undefined && method === 'POST') return post(body);
    if (id !== undefined && method === 'GET') return { status: 200, body: { data: candidateView(findCandidate(id), true) } };
    if (id !== undefined && method === 'PUT') return put(id, body);
    throw new HttpError(404, 'not_found', 'Not found');
  }

  const requests: LoggedRequest[] = [];
  const faults: FaultRule[] = [];

  function takeFault(method: string, path: string): Fault | undefined {
    const index = faults.findIndex(
      (rule) => (rule.method === undefined || rule.method === method) && (rule.pathPrefix === undefined || path.startsWith(rule.pathPrefix)),
    );
    if (index < 0) return undefined;
    const rule = faults[index]!;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) faults.splice(index, 1);
    return rule.fault;
  }

  function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    const text = serialize(payload);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1024 * 1024) throw new HttpError(413, 'payload_too_large', 'Body over 1 MiB');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://remote');
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    const entry: LoggedRequest = { method, path: url.pathname, query, body: undefined, status: 0, dropped: false };
    requests.push(entry);
    void (async () => {
      let raw: Buffer;
      try {
        raw = await readBody(req);
      } catch (error) {
        const httpError = error as HttpError;
        entry.status = httpError.status;
        send(res, httpError.status, { error: { code: httpError.code, message: httpError.message } });
        return;
      }
      const fault = takeFault(method, url.pathname);
      if (fault?.kind === 'status') {
        entry.status = fault.status;
        const codes: Record<number, string> = { 429: 'rate_limited', 500: 'internal_error' };
        const headers: Record<string, string> =
          fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        send(res, fault.status, { error: { code: codes[fault.status] ?? 'unavailable', message: 'Try again later' } }, headers);
        return;
      }
      if (fault?.kind === 'drop' && !fault.afterApply) {
        entry.dropped = true;
        req.socket.destroy();
        return;
      }
      let result: { status: number; body: unknown };
      try {
        if (req.headers.authorization !== `Bearer ${opts.token}`) {
          throw new HttpError(401, 'unauthorized', 'Missing or wrong API key');
        }
        if (method === 'POST' || method === 'PUT') {
          const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          if (!/^\/api\/v1\/candidates(\/[^/]+)?\/?$/.test(url.pathname)) throw new HttpError(404, 'not_found', 'Not found');
          if (type !== 'application/json') throw new HttpError(415, 'unsupported_media_type', 'Send JSON');
          try {
            entry.body = JSON.parse(raw.toString('utf8'));
          } catch {
            throw new HttpError(400, 'invalid_json', 'Body is not JSON');
          }
        }
        await remote.beforeHandle?.(entry);
        result = route(method, url.pathname, query, entry.body);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        result = {
          status: error.status,
          body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
        };
      }
      entry.status = result.status;
      if (fault?.kind === 'drop') {
        entry.dropped = true;
        req.socket.destroy();
        return;
      }
      send(res, result.status, result.body);
    })().catch(() => {
      entry.status = 500;
      if (!res.headersSent) send(res, 500, { error: { code: 'internal_error', message: 'Internal error' } });
    });
  }

  const remote: IndependentRemote = {
    url: '',
    token: opts.token,
    options: opts,
    requests,
    faults,
    beforeHandle: null,
    addCandidate(fields, extra = {}) {
      const { fields: clean, application } = cleanBody(fields, 'recruiter', opts.pipeline);
      if (byEmail(clean.email ?? '')) throw new Error(`email already on the remote: ${clean.email}`);
      const candidate = createCandidate({ source: 'api', ...clean, talent_pool_status: extra.talent_pool_status ?? 'not_linked' });
      if (application) applyChanges(candidate, {}, application);
      return candidate;
    },
    editAsRecruiter(id, patch) {
      const candidate = findCandidate(id);
      const { fields, application } = cleanBody(patch, 'recruiter', opts.pipeline);
      applyChanges(candidate, fields, application);
      return candidate;
    },
    mask(id) {
      const candidate = findCandidate(id);
      candidate.talent_pool_status = 'masked';
      candidate.updated_at = tick();
    },
    reveal(id) {
      const candidate = findCandidate(id);
      candidate.talent_pool_status = 'revealed';
      candidate.updated_at = tick();
    },
    candidate: (id) => candidates.get(id.toLowerCase()),
    all: () => [...candidates.values()],
    view: (id) => candidateView(findCandidate(id), true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  remote.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return remote;
}
