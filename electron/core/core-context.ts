import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { GroupCommit } from '../db/group-commit';
import { CandidateListCache } from './candidate-list-cache';

/** What every use-case needs, built once by a composition root and passed down. */
export interface CoreContext {
  db: Database;
  /** Injected so tests control time; timestamps are its ISO strings. */
  now: () => Date;
  newId: () => string;
  listCache: CandidateListCache;
  /** Where concurrent writes from the API meet to share a commit. */
  writes: GroupCommit;
}

export function createCoreContext(db: Database, options: { now?: () => Date; newId?: () => string } = {}): CoreContext {
  return {
    db,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
    listCache: new CandidateListCache(db),
    writes: new GroupCommit(db),
  };
}
