import type { Database } from 'better-sqlite3';
import type { UntitledJob } from '@shared/local-api-schema';
import { statement } from './statement-cache';

export interface JobRecord {
  id: string;
  title: string;
}

/** Every known job, by title, so the app can show titles where applications name job ids. */
export function listJobs(db: Database): JobRecord[] {
  return statement(db, 'SELECT id, title FROM jobs ORDER BY title COLLATE NOCASE, id').all() as JobRecord[];
}

/** Job ids applications carry that no job here gives a title, the most applied-to first. */
export function listUntitledJobs(db: Database): UntitledJob[] {
  return statement(
    db,
    `SELECT job_id AS id, count(*) AS applications FROM applications
     WHERE job_id NOT IN (SELECT id FROM jobs)
     GROUP BY job_id ORDER BY applications DESC, job_id`,
  ).all() as UntitledJob[];
}

export function upsertJob(db: Database, job: JobRecord, at: string): void {
  statement(
    db,
    `INSERT INTO jobs (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at`,
  ).run(job.id, job.title, at, at);
}

/** True when a job was removed; applications naming it keep its id. */
export function deleteJob(db: Database, id: string): boolean {
  return statement(db, 'DELETE FROM jobs WHERE id = ?').run(id).changes > 0;
}
