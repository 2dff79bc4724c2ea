import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { GroupCommit } from '../db/group-commit';
import { CandidateListCache } from './candidate-list-cache';

/** What every use-case needs, built once by a composition root and passed down. */
export interface CoreContext {
  db: Database;
  /** Injected so tests control time; timestamps are its ISO strings. */
  now: () => Date;
  /**
   * Time-ordered (UUIDv7, monotonic within the process): candidates created in the same millisecond, as a batch's
   * are, still list newest first, as the order's tie-break on id needs.
   */
  newId: () => string;
  listCache: CandidateListCache;
  /** Where concurrent writes from the API meet to share a commit. */
  writes: GroupCommit;
}

export function createCoreContext(db: Database, options: { now?: () => Date; newId?: () => string } = {}): CoreContext {
  return {
    db,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? uuidv7,
    listCache: new CandidateListCache(db),
    writes: new GroupCommit(db),
  };
}
