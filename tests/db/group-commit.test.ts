import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../electron/db/group-commit';
import { type TestDatabase, openTestDatabase } from '../helpers/test-database';

describe('GroupCommit', () => {
  let database: TestDatabase;
  let writes: GroupCommit;

  beforeEach(() => {
    database = openTestDatabase();
    database.db.exec(`
      CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE) STRICT;
      CREATE TABLE links (note_id INTEGER REFERENCES notes (id) DEFERRABLE INITIALLY DEFERRED) STRICT;
    `);
    writes = new GroupCommit(database.db);
  });
  afterEach(() => database.close());

  const insertNote = (text: string) => () =>
    database.db.transaction(() => database.db.prepare('INSERT INTO notes (text) VALUES (?)').run(text).lastInsertRowid)();
  const notesSeenByAnotherConnection = () => {
    const other = new Database(database.file, { readonly: true });
    try {
      return other.prepare('SELECT text FROM notes ORDER BY id').pluck().all();
    } finally {
      other.close();
    }
  };

  it('commits writes issued together in one transaction, each visible to the next', async () => {
    const results = await Promise.all([
      writes.run(insertNote('a')),
      // Had 'a' been committed on its own, another connection would see it here.
      writes.run(() => ({ committedSoFar: notesSeenByAnotherConnection(), inTransaction: database.db.inTransaction })),
      writes.run(insertNote('b')),
      writes.run(() => database.db.prepare('SELECT count(*) FROM notes').pluck().get()),
    ]);
    expect(results).toEqual([1, { committedSoFar: [], inTransaction: true }, 2, 2]);
    expect(notesSeenByAnotherConnection()).toEqual(['a', 'b']);
  });

  it('rolls back a failing write alone; the rest of its group commits', async () => {
    const outcomes = await Promise.allSettled([
      writes.run(insertNote('a')),
      writes.run(() => {
        insertNote('half-done')();
        throw new Error('refused');
      }),
      writes.run(insertNote('a')),
      writes.run(insertNote('c')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('refused');
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(notesSeenByAnotherConnection()).toEqual(['a', 'c']);
  });

  it('settles nothing as done when the group commit itself fails, and keeps nothing of it', async () => {
    const outcomes = await Promise.allSettled([
      writes.run(insertNote('a')),
      // A deferred foreign key is checked at COMMIT, so this makes the whole commit fail.
      writes.run(() => database.db.prepare('INSERT INTO links (note_id) VALUES (999)').run()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(notesSeenByAnotherConnection()).toEqual([]);
    expect(database.db.inTransaction).toBe(false);
  });

  it('starts a new group for writes issued after a group was flushed', async () => {
    await writes.run(insertNote('first'));
    expect(notesSeenByAnotherConnection()).toEqual(['first']);
    await writes.run(insertNote('second'));
    expect(notesSeenByAnotherConnection()).toEqual(['first', 'second']);
  });

  describe('gathering the next group after concurrent writes', () => {
    // Long enough that a test sees the difference however slow the machine; the app's own are under a millisecond.
    const gathering = { quietMs: 250, maxWaitMs: 600 };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const seenElsewhere = () => writesWith.run(() => notesSeenByAnotherConnection());
    let writesWith: GroupCommit;
    beforeEach(() => {
      writesWith = new GroupCommit(database.db, gathering);
    });

    it('keeps a group open for a write that follows shortly, once writes have come together', async () => {
      await Promise.all([writesWith.run(insertNote('a')), writesWith.run(insertNote('b'))]);
      const first = writesWith.run(insertNote('c'));
      await pause(20);
      // Committed on its own, 'c' would be visible to another connection by now.
      expect(await seenElsewhere()).toEqual(['a', 'b']);
      await first;
      expect(notesSeenByAnotherConnection()).toEqual(['a', 'b', 'c']);
    });

    it('does not keep a lone writer waiting', async () => {
      await writesWith.run(insertNote('a'));
      const second = writesWith.run(insertNote('b'));
      await pause(20);
      expect(await seenElsewhere()).toEqual(['a', 'b']);
      await second;
    });

    it('commits a group by its longest wait, even while writes keep coming', async () => {
      const trickling = new GroupCommit(database.db, { quietMs: 250, maxWaitMs: 60 });
      await Promise.all([trickling.run(insertNote('a')), trickling.run(insertNote('b'))]);
      const issued = [trickling.run(insertNote('c'))];
      for (let i = 0; i < 20; i++) {
        await pause(10);
        issued.push(trickling.run(insertNote(`trickle ${i}`)));
      }
      const seenByTheLast = await trickling.run(() => notesSeenByAnotherConnection());
      await Promise.all(issued);
      expect(seenByTheLast).toContain('c');
    });
  });
});
