import type { Database } from 'better-sqlite3';
import { statement } from './statement-cache';

/** The organisation's pipeline statuses in pipeline order, in the organisation's spelling. */
export function listPipelineStatuses(db: Database): string[] {
  return statement(db, 'SELECT name FROM pipeline_statuses ORDER BY position').pluck().all() as string[];
}

/** Replaces the pipeline; names must be unique case-insensitively (the table enforces it). */
export function replacePipelineStatuses(db: Database, names: readonly string[]): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM pipeline_statuses').run();
    const insert = statement(db, 'INSERT INTO pipeline_statuses (position, name, name_key) VALUES (?, ?, ?)');
    names.forEach((name, index) => insert.run(index + 1, name, name.toLowerCase()));
  }).immediate();
}

/** Adds statuses at the end of the pipeline, in the order given; one it has (compared case-insensitively) is skipped. */
export function appendPipelineStatuses(db: Database, names: readonly string[]): void {
  const insert = statement(
    db,
    'INSERT OR IGNORE INTO pipeline_statuses (position, name, name_key) SELECT COALESCE(MAX(position), 0) + 1, ?, ? FROM pipeline_statuses',
  );
  for (const name of names) insert.run(name, name.toLowerCase());
}

/** Gives the pipeline status with this name, compared case-insensitively, the spelling given. */
export function respellPipelineStatus(db: Database, name: string): void {
  statement(db, 'UPDATE pipeline_statuses SET name = ? WHERE name_key = ?').run(name, name.toLowerCase());
}
