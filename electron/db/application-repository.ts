import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache';

/** One row of the cloud's candidate_jobs: a candidate's application to a job. */
export interface ApplicationRecord {
  id: string;
  candidate_id: string;
  job_id: string;
  organization_id: string | null;
  status: string;
  screening_score: number | null;
  match_score: number | null;
  notes: string | null;
  shortlisted_at: string | null;
  screening_started_at: string | null;
  screening_completed_at: string | null;
  status_date: string | null;
  outreach_sent_at: string | null;
  interest_clicked_at: string | null;
  video_interview_invite_sent_at: string | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = [
  'id', 'job_id', 'organization_id', 'status', 'screening_score', 'match_score', 'notes',
  'shortlisted_at', 'screening_started_at', 'screening_completed_at', 'status_date', 'outreach_sent_at',
  'interest_clicked_at', 'video_interview_invite_sent_at', 'metadata', 'created_at', 'updated_at',
] as const;

// Rows hang off the candidate's row number; candidate_id is the candidate's id, looked up by these statements.
const CANDIDATE_SEQ = '(SELECT seq FROM candidates WHERE id = ?)';
const INSERT_SQL = `INSERT INTO applications (candidate_seq, ${COLUMNS.join(', ')}) VALUES (${CANDIDATE_SEQ}, ${COLUMNS.map(() => '?').join(', ')})`;
const UPDATE_SQL = `UPDATE applications SET ${COLUMNS.filter((c) => c !== 'job_id')
  .map((c) => `${c} = ?`)
  .join(', ')} WHERE candidate_seq = ${CANDIDATE_SEQ} AND job_id = ?`;
/**
 * Reads select COLUMNS as arrays (raw): far cheaper than row objects. No join
 * back to candidates for its id: the id asked for is the one matched (= compares exactly).
 */
const OF_CANDIDATE = `SELECT ${COLUMNS.join(', ')} FROM applications WHERE candidate_seq = ${CANDIDATE_SEQ}`;
const LIST_OF_CANDIDATE_SQL = `${OF_CANDIDATE} ORDER BY created_at, id`;
const FIND_SQL = `${OF_CANDIDATE} AND job_id = ?`;

/** The stored columns of a record, in COLUMNS order, built directly: bulk loads make 200,000 of them. */
function storedValues(record: ApplicationRecord): unknown[] {
  return [
    record.id,
    record.job_id,
    record.organization_id,
    record.status,
    record.screening_score,
    record.match_score,
    record.notes,
    record.shortlisted_at,
    record.screening_started_at,
    record.screening_completed_at,
    record.status_date,
    record.outreach_sent_at,
    record.interest_clicked_at,
    record.video_interview_invite_sent_at,
    record.metadata === null ? null : JSON.stringify(record.metadata),
    record.created_at,
    record.updated_at,
  ];
}

const JOB_ID_AT = COLUMNS.indexOf('job_id');

const at = Object.fromEntries(COLUMNS.map((column, index) => [column, index])) as Record<(typeof COLUMNS)[number], number>;

/**
 * One object literal in the record's own field order, each column read
 * through a named index (`at.status`, a monomorphic load): built column by
 * column through a helper and then spread, a detail read spent more here
 * than in SQLite.
 */
function fromRaw(candidateId: string, raw: unknown[]): ApplicationRecord {
  const metadata = raw[at.metadata] as string | null;
  return {
    id: raw[at.id] as string,
    candidate_id: candidateId,
    job_id: raw[at.job_id] as string,
    organization_id: raw[at.organization_id] as string | null,
    status: raw[at.status] as string,
    screening_score: raw[at.screening_score] as number | null,
    match_score: raw[at.match_score] as number | null,
    notes: raw[at.notes] as string | null,
    shortlisted_at: raw[at.shortlisted_at] as string | null,
    screening_started_at: raw[at.screening_started_at] as string | null,
    screening_completed_at: raw[at.screening_completed_at] as string | null,
    status_date: raw[at.status_date] as string | null,
    outreach_sent_at: raw[at.outreach_sent_at] as string | null,
    interest_clicked_at: raw[at.interest_clicked_at] as string | null,
    video_interview_invite_sent_at: raw[at.video_interview_invite_sent_at] as string | null,
    metadata: metadata === null ? null : (JSON.parse(metadata) as Record<string, unknown>),
    created_at: raw[at.created_at] as string,
    updated_at: raw[at.updated_at] as string,
  };
}

const INSERT_BY_SEQ_SQL = `INSERT INTO applications (candidate_seq, ${COLUMNS.join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')})`;

export function insertApplication(db: Database, record: ApplicationRecord): void {
  statement(db, INSERT_SQL).run(record.candidate_id, ...storedValues(record));
}

/** Inserts an application for the candidate at row number `candidateSeq` (bulk loads know it already). */
export function insertApplicationOfSeq(db: Database, candidateSeq: number, record: ApplicationRecord): void {
  statement(db, INSERT_BY_SEQ_SQL).run(candidateSeq, ...storedValues(record));
}

/** Rewrites the application of record.candidate_id to record.job_id. */
export function updateApplication(db: Database, record: ApplicationRecord): void {
  // UPDATE_SQL sets every column but job_id, which the WHERE matches.
  const stored = storedValues(record);
  stored.splice(JOB_ID_AT, 1);
  statement(db, UPDATE_SQL).run(...stored, record.candidate_id, record.job_id);
}

/** A candidate's applications, oldest first. */
export function listApplicationsOfCandidate(db: Database, candidateId: string): ApplicationRecord[] {
  const rows = statement(db, LIST_OF_CANDIDATE_SQL).raw().all(candidateId) as unknown[][];
  return rows.map((raw) => fromRaw(candidateId, raw));
}

export function findApplication(db: Database, candidateId: string, jobId: string): ApplicationRecord | undefined {
  const raw = statement(db, FIND_SQL).raw().get(candidateId, jobId) as unknown[] | undefined;
  return raw && fromRaw(candidateId, raw);
}

export interface ApplicationStatusRow {
  candidate_id: string;
  /** null on the one row of a candidate without applications. */
  job_id: string | null;
  status: string | null;
}

export function moveApplicationsToOrganisation(db: Database, from: string, to: string): void {
  statement(db, 'UPDATE applications SET organization_id = ? WHERE organization_id = ?').run(to, from);
}

/** Every application with status `from` takes the spelling `to`: bookkeeping, so no updated_at or status_date moves. */
export function respellApplicationStatus(db: Database, from: string, to: string): void {
  statement(db, 'UPDATE applications SET status = ? WHERE status = ?').run(to, from);
}

/**
 * The job and status of every application of the given (existing) candidates,
 * each candidate's oldest first. An id a merged candidate had answers for the
 * one it was merged into, under the id asked for.
 */
export function listApplicationStatuses(db: Database, candidateIds: readonly string[]): ApplicationStatusRow[] {
  return statement(
    db,
    `SELECT asked.value AS candidate_id, a.job_id, a.status
     FROM (SELECT DISTINCT value FROM json_each(?)) asked
     JOIN candidates c ON c.seq = coalesce(
       (SELECT seq FROM candidates WHERE id = asked.value),
       (SELECT candidate_seq FROM candidate_aliases WHERE id = asked.value))
     LEFT JOIN applications a ON a.candidate_seq = c.seq
     ORDER BY c.seq, asked.value, a.created_at, a.id`,
  ).all(JSON.stringify(candidateIds)) as ApplicationStatusRow[];
}
