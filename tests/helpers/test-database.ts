import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { type CoreContext, createCoreContext } from '../../electron/core/core-context';
import { closeDatabase, openDatabase } from '../../electron/db/connection';
import { makeTempDir } from './temp-dir';

export interface TestDatabase {
  dir: string;
  file: string;
  db: Database;
  ctx: CoreContext;
  close: () => void;
}

/** A real, migrated SQLite file in a temp folder, with a core context over it. */
export function openTestDatabase(options: { now?: () => Date } = {}): TestDatabase {
  const temp = makeTempDir();
  const file = join(temp.dir, 'test.sqlite');
  const db = openDatabase(file);
  const ctx = createCoreContext(db, options.now ? { now: options.now } : {});
  return {
    dir: temp.dir,
    file,
    db,
    ctx,
    close: () => {
      closeDatabase(db);
      temp.remove();
    },
  };
}
