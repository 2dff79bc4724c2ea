import type { Migration } from './migration';

/**
 * The bodies of the POSTs sent for a candidate the cloud has not been linked
 * to yet. A POST whose answer is lost may still have made the candidate; when
 * a later POST (200) or pull links it, the remote values this copy sent are
 * its own, not another recruiter's, and local edits made since win over them.
 */
export const sentCreates: Migration = {
  version: 4,
  name: 'sent creates',
  up(db) {
    db.exec(`
      CREATE TABLE sync_sent_creates (
        candidate_seq INTEGER PRIMARY KEY REFERENCES candidates (seq) ON DELETE CASCADE,
        bodies TEXT NOT NULL CHECK (json_valid(bodies))
      ) STRICT;
    `);
  },
};
