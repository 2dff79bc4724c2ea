/**
 * The contract's JSON of candidates and their applications, written by
 * SQLite. Reads are most of the local API's work, and through JavaScript
 * they cost twice what these expressions do: every column became a value,
 * the stored skill lists and metadata were parsed, and all of it was
 * stringified again. They show exactly what toCandidateView and
 * toApplicationView (core/candidate-view.ts) show, masking included, in the
 * same key order; tests/db/candidate-json.test.ts holds the two together.
 * Typed by the contract's types, so a field added there must be added here.
 */
import type { Database } from 'better-sqlite3';
import type { Application, Candidate } from '@shared/candidate-schema';
import { statement } from './statement-cache';

const MASKED = "talent_pool_status = 'masked'";

const text = (column: string) => `json_quote(${column})`;
/** Whole numbers as JavaScript writes them (3, not SQLite's 3.0); others exactly, in SQLite's round-trip form. */
const number = (column: string) =>
  `CASE WHEN ${column} = CAST(${column} AS INTEGER) AND abs(${column}) < 9007199254740992 ` +
  `THEN CAST(CAST(${column} AS INTEGER) AS TEXT) ELSE json_quote(${column}) END`;
/** Stored as JSON text already, checked by json_valid: written out as it is. */
const json = (column: string) => `coalesce(${column}, 'null')`;
const locked = (expression: string) => `CASE WHEN ${MASKED} THEN 'null' ELSE ${expression} END`;

const CANDIDATE_FIELDS: { readonly [field in keyof Candidate]: string } = {
  id: text('id'),
  full_name: text('full_name'),
  email: `CASE WHEN ${MASKED} OR email IS NULL THEN '""' ELSE json_quote(email) END`,
  phone_number: locked(text('phone_number')),
  whatsapp_number: locked(text('whatsapp_number')),
  location: text('location'),
  preferred_location: text('preferred_location'),
  primary_skills: json('primary_skills'),
  secondary_skills: json('secondary_skills'),
  skill_array: json('skill_array'),
  total_experience_years: number('total_experience_years'),
  current_company: text('current_company'),
  current_designation: text('current_designation'),
  current_ctc: locked(number('current_ctc')),
  expected_ctc: locked(number('expected_ctc')),
  notice_period_days: text('notice_period_days'),
  in_notice_period: "CASE in_notice_period WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END",
  last_working_day: text('last_working_day'),
  resume_url: text('resume_url'),
  source: text('source'),
  screening_score: number('screening_score'),
  talent_pool_status: text('talent_pool_status'),
  metadata: json('metadata'),
  created_at: text('created_at'),
  updated_at: text('updated_at'),
};

/** Inside the subquery over applications, where unqualified names are the application's. */
const APPLICATION_FIELDS: { readonly [field in keyof Application]: string } = {
  id: text('id'),
  candidate_id: text('candidates.id'),
  job_id: text('job_id'),
  organization_id: text('organization_id'),
  status: text('status'),
  screening_score: number('screening_score'),
  match_score: number('match_score'),
  notes: text('notes'),
  shortlisted_at: text('shortlisted_at'),
  screening_started_at: text('screening_started_at'),
  screening_completed_at: text('screening_completed_at'),
  status_date: text('status_date'),
  outreach_sent_at: text('outreach_sent_at'),
  interest_clicked_at: text('interest_clicked_at'),
  video_interview_invite_sent_at: text('video_interview_invite_sent_at'),
  metadata: json('metadata'),
  created_at: text('created_at'),
  updated_at: text('updated_at'),
};

/** The arguments of concat() that write `{"field":value,…` (no closing brace): concat() builds it in one piece, `||` once per field. */
function objectParts(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields)
    .map(([field, expression], index) => `'${index === 0 ? '{' : ','}"${field}":', ${expression}`)
    .join(', ');
}

const CANDIDATE_JSON = `concat(${objectParts(CANDIDATE_FIELDS)}, '}')`;
/** A candidate's applications, oldest first, as listApplicationsOfCandidate reads them. */
const APPLICATIONS_JSON = `(SELECT concat('[', group_concat(concat(${objectParts(APPLICATION_FIELDS)}, '}'), ',' ORDER BY created_at, id), ']')
  FROM applications WHERE candidate_seq = candidates.seq)`;
const CANDIDATE_WITH_APPLICATIONS_JSON = `concat(${objectParts(CANDIDATE_FIELDS)}, ',"applications":', coalesce(${APPLICATIONS_JSON}, '[]'), '}')`;

const BY_SEQS_SQL = `SELECT seq, ${CANDIDATE_JSON} FROM candidates WHERE seq IN (SELECT value FROM json_each(?))`;
// As a BLOB: the UTF-8 bytes SQLite wrote, with no JavaScript string made of them and encoded again to send.
const withApplicationsWhere = (condition: string) => `SELECT CAST(${CANDIDATE_WITH_APPLICATIONS_JSON} AS BLOB) FROM candidates WHERE ${condition}`;
const WITH_APPLICATIONS_BY_ID_SQL = withApplicationsWhere('id = ?');
const WITH_APPLICATIONS_BY_ALIAS_SQL = withApplicationsWhere('seq = (SELECT candidate_seq FROM candidate_aliases WHERE id = ?)');

/** Each candidate's contract JSON, in the order of the row numbers given; row numbers no longer there are skipped. */
export function findCandidateJsonBySeqs(db: Database, seqs: ArrayLike<number>): string[] {
  if (seqs.length === 0) return [];
  const ordered = Array.from(seqs);
  const rows = statement(db, BY_SEQS_SQL).raw().all(JSON.stringify(ordered)) as [number, string][];
  const bySeq = new Map(rows);
  return ordered.flatMap((seq) => {
    const json = bySeq.get(seq);
    return json === undefined ? [] : [json];
  });
}

/**
 * The contract JSON, as UTF-8 bytes, of the candidate with this id, or of the
 * one it was merged into (as findCandidateByIdOrAlias), with its applications.
 * Each statement reads one snapshot, so the candidate and its applications
 * always agree.
 */
export function findCandidateWithApplicationsJson(db: Database, id: string): Buffer | undefined {
  const byId = statement(db, WITH_APPLICATIONS_BY_ID_SQL).pluck().get(id) as Buffer | undefined;
  return byId ?? (statement(db, WITH_APPLICATIONS_BY_ALIAS_SQL).pluck().get(id) as Buffer | undefined);
}
