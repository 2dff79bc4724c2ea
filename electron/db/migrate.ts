import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration';
import { MIGRATIONS } from './migrations';

/** The database was written by a newer Recruiter Desk; opening it here could corrupt it. */
export class DatabaseTooNewError extends Error {
  readonly databaseVersion: number;
  readonly supportedVersion: number;

  constructor(file: string, databaseVersion: number, supportedVersion: number) {
    super(
      `The database ${file} was written by a newer version of Recruiter Desk (schema ${databaseVersion}; ` +
        `this version understands up to ${supportedVersion}). Update Recruiter Desk to open it; it was left untouched.`,
    );
    this.name = 'DatabaseTooNewError';
    this.databaseVersion = databaseVersion;
    this.supportedVersion = supportedVersion;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws DatabaseTooNewError, without writing anything, when the file is newer than these migrations. */
export function assertSchemaNotNewer(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  const latest = latestSchemaVersion(migrations);
  if (current > latest) throw new DatabaseTooNewError(db.name, current, latest);
}

/**
 * Applies the pending migrations, each in its own IMMEDIATE transaction that
 * also sets `user_version`, so a crash leaves the database at a whole step.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  assertSchemaNotNewer(db, migrations);
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      // Checked again under the write lock: another process may have applied it while we waited.
      if (migration.version <= schemaVersion(db)) return;
      migration.up(db);
      db.pragma(`user_version = ${Number(migration.version)}`);
    }).immediate();
  }
}
