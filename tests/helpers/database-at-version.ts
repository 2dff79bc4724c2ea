import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { migrate } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations';

/**
 * A database file brought up to `version` with the real migrations and left
 * open, so a test can seed it at N-1 and then migrate it to N. Opened the way
 * openDatabase opens, minus the final migrate.
 */
export function openDatabaseAtVersion(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((migration) => migration.version <= version));
  return db;
}

/**
 * A closed database file whose user_version says a later Recruiter Desk wrote
 * it: the current schema plus a table this code has never heard of.
 */
export function writeNewerDatabase(file: string, version: number): void {
  const db = openDatabaseAtVersion(file, MIGRATIONS.at(-1)?.version ?? 0);
  db.exec("CREATE TABLE from_the_future (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO from_the_future (note) VALUES ('keep me')");
  db.pragma(`user_version = ${version}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * Like writeNewerDatabase, but as a newer build leaves the file when it
 * crashed or was killed: the last commits, the version bump among them, still
 * in the -wal file, not yet checkpointed into the main file.
 */
export function writeNewerDatabaseWithPendingWal(file: string, version: number): void {
  const draft = `${file}.draft`;
  const db = openDatabaseAtVersion(draft, MIGRATIONS.at(-1)?.version ?? 0);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
    db.exec("CREATE TABLE from_the_future (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO from_the_future (note) VALUES ('only in the wal')");
    db.pragma(`user_version = ${version}`);
    // Copied while the connection is open, as a crash would leave them.
    copyFileSync(draft, file);
    copyFileSync(`${draft}-wal`, `${file}-wal`);
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${draft}${suffix}`, { force: true });
  }
}
