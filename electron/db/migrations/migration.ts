import type { Database } from 'better-sqlite3';

/** One forward-only schema step. Released migrations are never edited: add a new one. */
export interface Migration {
  /** The `user_version` the database has once this step is applied; 1, 2, 3… in order. */
  version: number;
  name: string;
  up(db: Database): void;
}
