import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { closeDatabase, openDatabase, readInOneSnapshot } from '../../electron/db/connection';
import { DatabaseTooNewError, latestSchemaVersion, schemaVersion } from '../../electron/db/migrate';
import { makeCandidateRecord } from '../helpers/candidate-factory';
import { writeNewerDatabase, writeNewerDatabaseWithPendingWal } from '../helpers/database-at-version';
import { sha256OfFile } from '../helpers/file-hash';
import { PROJECT_ROOT } from '../helpers/project-root';
import { makeTempDir } from '../helpers/temp-dir';

describe('openDatabase', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  const opened: Database.Database[] = [];

  const open = (path = file) => {
    const db = openDatabase(path);
    opened.push(db);
    return db;
  };

  beforeEach(() => {
    temp = makeTempDir();
    file = join(temp.dir, 'store.sqlite');
  });
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    temp.remove();
  });

  it('sets the pragmas the design requires', () => {
    const db = open();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    // Savepoint journals in memory, not a temporary file per write.
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('makes a new file with 8 KB pages, and opens an existing file with the pages it has', () => {
    expect(open().pragma('page_size', { simple: true })).toBe(8192);
    const older = join(temp.dir, 'older.sqlite');
    const plain = new Database(older);
    plain.exec("CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES ('still here')");
    const pageSize = plain.pragma('page_size', { simple: true });
    plain.close();
    expect(pageSize).not.toBe(8192);
    const reopened = open(older);
    expect(reopened.pragma('page_size', { simple: true })).toBe(pageSize);
    expect(reopened.prepare('SELECT value FROM kept').pluck().get()).toBe('still here');
    insertCandidate(reopened, makeCandidateRecord());
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('enforces foreign keys, not just reports the pragma', () => {
    const db = open();
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent (id))');
    expect(() => db.prepare('INSERT INTO child (parent_id) VALUES (42)').run()).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare('INSERT INTO parent (id) VALUES (42)').run();
    db.prepare('INSERT INTO child (parent_id) VALUES (42)').run();
    expect(() => db.prepare('DELETE FROM parent').run()).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('keeps WAL mode for the next opener, since the mode is stored in the file', () => {
    closeDatabase(open());
    const plain = new Database(file, { readonly: true });
    try {
      expect(plain.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      plain.close();
    }
  });

  it('lets a second connection read while the first holds a write transaction', () => {
    const writer = open();
    const reader = open();
    writer.prepare('BEGIN IMMEDIATE').run();
    try {
      insertCandidate(writer, makeCandidateRecord());
      expect(reader.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(0);
    } finally {
      writer.prepare('COMMIT').run();
    }
    expect(reader.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(1);
  });

  it('loads the native binding from an explicit path when told to', () => {
    const binding = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const db = openDatabase(file, { nativeBinding: binding });
    opened.push(db);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
  });

  it('closeDatabase folds the WAL back into the main file and may be called twice', () => {
    const db = open();
    insertCandidate(db, makeCandidateRecord());
    expect(existsSync(`${file}-wal`)).toBe(true);
    closeDatabase(db);
    closeDatabase(db);
    expect(db.open).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    // With the WAL gone, the candidate must be in the main file itself.
    const plain = new Database(file, { readonly: true });
    try {
      expect(plain.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(1);
    } finally {
      plain.close();
    }
  });

  describe('a database written by a newer Recruiter Desk', () => {
    const newerVersion = latestSchemaVersion() + 5;

    it('is refused with DatabaseTooNewError and a message that says what to do', () => {
      writeNewerDatabase(file, newerVersion);
      let caught: unknown;
      try {
        open();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DatabaseTooNewError);
      const error = caught as DatabaseTooNewError;
      expect(error.name).toBe('DatabaseTooNewError');
      expect(error.databaseVersion).toBe(newerVersion);
      expect(error.supportedVersion).toBe(latestSchemaVersion());
      expect(error.message).toContain(file);
      expect(error.message).toContain('newer version of Recruiter Desk');
      expect(error.message).toContain(`schema ${newerVersion}`);
      expect(error.message).toContain(`up to ${latestSchemaVersion()}`);
      expect(error.message).toMatch(/Update Recruiter Desk/);
    });

    it('leaves the file byte-for-byte as it was and creates no -wal or -shm file', () => {
      writeNewerDatabase(file, newerVersion);
      const before = sha256OfFile(file);
      const filesBefore = readdirSync(temp.dir).sort();
      expect(() => open()).toThrow(DatabaseTooNewError);
      expect(() => open()).toThrow(DatabaseTooNewError);
      expect(sha256OfFile(file)).toBe(before);
      expect(readdirSync(temp.dir).sort()).toEqual(filesBefore);
      expect(existsSync(`${file}-wal`)).toBe(false);
      expect(existsSync(`${file}-shm`)).toBe(false);
    });

    it('leaves a newer build\u2019s unfinished WAL alone: neither folded into the main file nor deleted', () => {
      writeNewerDatabaseWithPendingWal(file, newerVersion);
      const mainBefore = sha256OfFile(file);
      const walBefore = sha256OfFile(`${file}-wal`);
      expect(() => open()).toThrow(DatabaseTooNewError);
      expect(sha256OfFile(file)).toBe(mainBefore);
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect(sha256OfFile(`${file}-wal`)).toBe(walBefore);
    });

    it('is refused in rollback-journal mode too, with no journal left behind', () => {
      const db = new Database(file);
      db.exec('CREATE TABLE something (x TEXT)');
      db.pragma(`user_version = ${newerVersion}`);
      db.close();
      const before = sha256OfFile(file);
      expect(() => open()).toThrow(DatabaseTooNewError);
      expect(sha256OfFile(file)).toBe(before);
      expect(readdirSync(temp.dir)).toEqual(['store.sqlite']);
    });

    it('is still readable by a newer build afterwards: nothing of it was lost', () => {
      writeNewerDatabase(file, newerVersion);
      expect(() => open()).toThrow(DatabaseTooNewError);
      const plain = new Database(file, { readonly: true });
      try {
        expect(plain.pragma('user_version', { simple: true })).toBe(newerVersion);
        expect(plain.prepare('SELECT note FROM from_the_future').pluck().all()).toEqual(['keep me']);
        expect(plain.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        plain.close();
      }
    });
  });

  it.skipIf(process.platform === 'win32')('creates the database, its WAL and shared memory readable by the owner only, in a folder others may read', () => {
    chmodSync(temp.dir, 0o755);
    const db = open();
    insertCandidate(db, makeCandidateRecord());
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(path).mode & 0o777, path).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('takes group and other access off an existing database and leaves a read-only one read-only', () => {
    closeDatabase(open());
    chmodSync(file, 0o644);
    closeDatabase(open());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o444);
    closeDatabase(open());
    expect(statSync(file).mode & 0o777).toBe(0o400);
  });

  it('opens at once while another connection holds a write transaction: busy is not read-only', () => {
    closeDatabase(open());
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      const before = performance.now();
      const db = open();
      expect(performance.now() - before).toBeLessThan(1_000);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  // Root may write to any file: the check is made as nobody, in a child process.
  it.skipIf(process.platform === 'win32' || process.getuid?.() !== 0)('refuses a database it may not write, at open, saying so', () => {
    closeDatabase(open());
    chmodSync(temp.dir, 0o777);
    chmodSync(file, 0o444);
    const script = `const { openDatabase } = require(${JSON.stringify(join(PROJECT_ROOT, 'electron/db/connection.ts'))});
try { openDatabase(${JSON.stringify(file)}); console.log('opened'); } catch (error) { console.log(error.message); }`;
    const child = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(child.stdout.trim(), child.stderr).toBe(`The database ${file} cannot be written: check that you may write to it and to its folder.`);
  });

  it('refuses a file that is not a database without changing it', () => {
    writeFileSync(file, 'this is a spreadsheet export, not SQLite\n'.repeat(200));
    const before = sha256OfFile(file);
    expect(() => open()).toThrow(/not a database/);
    expect(sha256OfFile(file)).toBe(before);
  });
});

describe('readInOneSnapshot', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let reader: Database.Database;
  let writer: Database.Database;
  const count = (db: Database.Database) => db.prepare('SELECT count(*) FROM candidates').pluck().get();

  beforeEach(() => {
    temp = makeTempDir();
    reader = openDatabase(join(temp.dir, 'store.sqlite'));
    writer = openDatabase(join(temp.dir, 'store.sqlite'));
  });
  afterEach(() => {
    reader.close();
    writer.close();
    temp.remove();
  });

  it('lets every read see the same state while another connection commits between them', () => {
    insertCandidate(writer, makeCandidateRecord());
    const seen = readInOneSnapshot(reader, () => {
      const before = count(reader);
      insertCandidate(writer, makeCandidateRecord());
      return [before, count(reader)];
    });
    expect(seen).toEqual([1, 1]);
    expect(count(reader)).toBe(2);
    expect(reader.inTransaction).toBe(false);
  });

  it('ends its transaction when the read throws, and runs inside one already open', () => {
    expect(() => readInOneSnapshot(reader, () => {
      count(reader);
      throw new Error('not found');
    })).toThrow('not found');
    expect(reader.inTransaction).toBe(false);
    reader.transaction(() => {
      insertCandidate(reader, makeCandidateRecord());
      expect(readInOneSnapshot(reader, () => count(reader))).toBe(1);
    })();
    expect(count(writer)).toBe(1);
  });
});
