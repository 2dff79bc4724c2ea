import { chmodSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { assertSchemaNotNewer, DatabaseTooNewError, latestSchemaVersion, migrate } from './migrate';

export type { Database } from 'better-sqlite3';

export interface OpenDatabaseOptions {
  /**
   * Absolute path of a better_sqlite3.node to load instead of the default one:
   * Electron needs a build for its own ABI, kept beside the Node build.
   */
  nativeBinding?: string;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';
/** Where the file header keeps PRAGMA user_version (big-endian). */
const USER_VERSION_OFFSET = 60;

/**
 * Throws DatabaseTooNewError for a file from a newer build without changing
 * anything on disk: the version is read from the file header, or, when a WAL
 * may hold a newer one, through a read-only connection (a read-write one
 * would fold that WAL into the file on close).
 */
function refuseNewerFile(file: string, binding: { nativeBinding?: string }): void {
  if (!existsSync(file)) return;
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    const probe = new Database(file, { ...binding, readonly: true, fileMustExist: true });
    try {
      assertSchemaNotNewer(probe);
    } finally {
      probe.close();
    }
    return;
  }
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) return;
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== SQLITE_HEADER) return;
  const version = header.readUInt32BE(USER_VERSION_OFFSET);
  if (version > latestSchemaVersion()) throw new DatabaseTooNewError(file, version, latestSchemaVersion());
}

/**
 * The database holds personal data: readable by its owner only, whatever the
 * folder or umask. SQLite gives the -wal and -shm files the database file's
 * mode, so a new file is created 0600 before SQLite opens it; existing ones
 * lose any group and other bits (a read-only file stays read-only).
 */
function keepFilesPrivate(file: string): void {
  if (process.platform === 'win32') return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    const { mode, uid } = statSync(path);
    // Another user's file cannot be changed: opening it says whether it can be used.
    if ((mode & 0o077) !== 0 && uid === process.getuid?.()) chmodSync(path, mode & 0o700);
  }
}

/**
 * A read-only file or folder opens fine and fails at the first write: found
 * out at open instead, with a message that says so. The probe does not wait
 * for another connection's write: a database that is busy is writable.
 */
function assertWritable(db: Database.Database, file: string): void {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    db.pragma(`user_version = ${version}`);
  } catch (error) {
    if (isBusy(error)) return;
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_READONLY')) {
      throw new Error(`The database ${file} cannot be written: check that you may write to it and to its folder.`);
    }
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/**
 * Opens (creating if needed) the database file and brings its schema up to
 * date. A database newer than this code is refused before anything is written.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  refuseNewerFile(file, binding);
  keepFilesPrivate(file);
  const db = new Database(file, binding);
  try {
    assertSchemaNotNewer(db);
    // Takes effect on a new file only; an existing one keeps its pages. An 8 KB
    // page holds twice the candidates of a 4 KB one: a load of 100,000 takes
    // about 7% less time, and reads measured the same.
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    // An edit a recruiter saw saved must survive a power cut: fsync on every commit.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Checkpoint every ~40 MB of WAL rather than every 4 MB: each checkpoint copies and
    // fsyncs pages, and with small frequent writes (each a commit) it ran every few
    // hundred writes. The WAL is folded back on close either way.
    db.pragma('wal_autocheckpoint = 10000');
    // 32 MB of page cache instead of 2 MB: the hot index pages of 100,000 candidates stay in memory.
    db.pragma('cache_size = -32768');
    // Every write runs in a savepoint (see GroupCommit), and a savepoint's undo journal is a
    // temporary file by default: one created and deleted per write. In memory, a POST costs
    // about half as much.
    db.pragma('temp_store = MEMORY');
    migrate(db);
    assertWritable(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
}

/**
 * Runs `work` with a rollback journal instead of the WAL when this is the
 * file's only connection, and simply runs it otherwise. For a load into an
 * empty store: its rollback journal has next to nothing to keep, so every new
 * page is written once, where the WAL writes it to the log and then again
 * into the file at the checkpoint. A commit is as durable either way
 * (synchronous=FULL). The WAL is back before this returns.
 */
export function withRollbackJournal<T>(db: Database.Database, work: () => T): T {
  let switched = false;
  if (!db.inTransaction) {
    // Another connection makes the switch fail at once; waiting out busy_timeout would only delay the load.
    const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      switched = db.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
    } catch (error) {
      if (!isBusy(error)) throw error;
    } finally {
      db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
  try {
    return work();
  } finally {
    if (switched) db.pragma('journal_mode = WAL');
  }
}

const snapshotReaders = new WeakMap<Database.Database, Database.Transaction<(read: () => unknown) => unknown>>();

/**
 * Runs `read` (several SELECTs) in one read transaction: all of them see the
 * same committed state, so a commit by another process between two of them
 * cannot tear what they return (a candidate without the application its
 * list row promised). It is cheaper too: outside a transaction each
 * statement takes and drops SQLite's file locks on its own. Inside a
 * transaction already, `read` simply runs in it.
 */
export function readInOneSnapshot<T>(db: Database.Database, read: () => T): T {
  if (db.inTransaction) return read();
  let reader = snapshotReaders.get(db);
  if (!reader) {
    reader = db.transaction((work: () => unknown) => work());
    snapshotReaders.set(db, reader);
  }
  return reader.deferred(read) as T;
}

/** Folds the WAL back into the main file, then closes. */
export function closeDatabase(db: Database.Database): void {
  if (!db.open) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
