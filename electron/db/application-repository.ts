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

type ApplicationRow = Omit<ApplicationRecord, 'metadata'> & { metadata: string | null };

const COLUMNS = [
  'id', 'candidate_id', 'job_id', 'organization_id', 'status', 'screening_score', 'match_score', 'notes',
  'shortlisted_at', 'screening_started_at', 'screening_completed_at', 'status_date', 'outreach_sent_at',
  'interest_clicked_at', 'video_interview_invite_sent_at', 'metadata', 'created_at', 'updated_at',
] as const;

const INSERT_SQL = `INSERT INTO applications (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`;
const UPDATE_SQL = `UPDATE applications SET ${COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = @${c}`)
  .join(', ')} WHERE id = @id`;

function toRow(record: ApplicationRecord): ApplicationRow {
  return { ...record, metadata: record.metadata === null ? null : JSON.stringify(record.metadata) };
}

function fromRow(row: ApplicationRow): ApplicationRecord {
  return { ...row, metadata: row.metadata === null ? null : (JSON.parse(row.metadata) as Record<string, unknown>) };
}

export function insertApplication(db: Database, record: ApplicationRecord): void {
  statement(db, INSERT_SQL).run(toRow(record));
}

export function updateApplication(db: Database, record: ApplicationRecord): void {
  statement(db, UPDATE_SQL).run(toRow(record));
}

/** A candidate's applications, oldest first. */
export function listApplicationsOfCandidate(db: Database, candidateId: string): ApplicationRecord[] {
  const rows = statement(db, 'SELECT * FROM applications WHERE candidate_id = ? ORDER BY created_at, id').all(
    candidateId,
  ) as ApplicationRow[];
  return rows.map(fromRow);
}

export function findApplication(db: Database, candidateId: string, jobId: string): ApplicationRecord | undefined {
  const row = statement(db, 'SELECT * FROM applications WHERE candidate_id = ? AND job_id = ?').get(candidateId, jobId) as
    | ApplicationRow
    | undefined;
  return row && fromRow(row);
}
