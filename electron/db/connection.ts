import Database from 'better-sqlite3';
import { assertSchemaNotNewer, migrate } from './migrate';

export type { Database } from 'better-sqlite3';

export interface OpenDatabaseOptions {
  /**
   * Absolute path of a better_sqlite3.node to load instead of the default one:
   * Electron needs a build for its own ABI, kept beside the Node build.
   */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the database file and brings its schema up to
 * date. A database newer than this code is refused before anything is written.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    assertSchemaNotNewer(db);
    db.pragma('journal_mode = WAL');
    // An edit a recruiter saw saved must survive a power cut: fsync on every commit.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Folds the WAL back into the main file, then closes. */
export function closeDatabase(db: Database.Database): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
