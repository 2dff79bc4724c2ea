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
