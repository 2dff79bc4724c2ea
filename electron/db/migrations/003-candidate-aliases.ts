import type { Migration } from './migration';

/**
 * Ids of candidates merged into another: a local candidate the cloud turned
 * out to know already (under a masked email) is folded into the copy this
 * store holds, and the id the local API handed out for it keeps answering.
 */
export const candidateAliases: Migration = {
  version: 3,
  name: 'candidate aliases',
  up(db) {
    db.exec(`
      CREATE TABLE candidate_aliases (
        id TEXT PRIMARY KEY,
        candidate_seq INTEGER NOT NULL REFERENCES candidates (seq) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX candidate_aliases_by_candidate ON candidate_aliases (candidate_seq);
    `);
  },
};
