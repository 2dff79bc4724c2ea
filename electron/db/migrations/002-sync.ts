import type { Migration } from './migration';

/**
 * What the sync engine needs: the cloud id of each linked candidate, the last
 * synced remote version (the merge base), the outbox of local changes, the
 * conflicts (open and resolved), failed pushes, and the cross-process lease.
 */
export const syncTables: Migration = {
  version: 2,
  name: 'sync',
  up(db) {
    db.exec(`
      ALTER TABLE candidates ADD COLUMN remote_id TEXT;
      CREATE UNIQUE INDEX candidates_by_remote_id ON candidates (remote_id) WHERE remote_id IS NOT NULL;

      CREATE TABLE sync_bases (
        candidate_seq INTEGER PRIMARY KEY REFERENCES candidates (seq) ON DELETE CASCADE,
        remote_updated_at TEXT NOT NULL,
        fields TEXT NOT NULL CHECK (json_valid(fields)),
        applications TEXT NOT NULL CHECK (json_valid(applications))
      ) STRICT;

      -- One row per changed field (or 'application:<job_id>') of a candidate; a
      -- newer change replaces the row with a higher id, so a push clears only
      -- what it sent.
      CREATE TABLE sync_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        candidate_seq INTEGER NOT NULL REFERENCES candidates (seq) ON DELETE CASCADE,
        field TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        UNIQUE (candidate_seq, field)
      ) STRICT;

      CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        candidate_seq INTEGER NOT NULL REFERENCES candidates (seq) ON DELETE CASCADE,
        field TEXT NOT NULL,
        base TEXT CHECK (base IS NULL OR json_valid(base)),
        local TEXT CHECK (local IS NULL OR json_valid(local)),
        remote TEXT CHECK (remote IS NULL OR json_valid(remote)),
        status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
        resolution TEXT CHECK (resolution IN ('local', 'remote', 'value')),
        resolved_value TEXT CHECK (resolved_value IS NULL OR json_valid(resolved_value)),
        detected_at TEXT NOT NULL,
        resolved_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX sync_conflicts_open ON sync_conflicts (candidate_seq, field) WHERE status = 'open';

      CREATE TABLE sync_failures (
        candidate_seq INTEGER PRIMARY KEY REFERENCES candidates (seq) ON DELETE CASCADE,
        operation TEXT NOT NULL CHECK (operation IN ('create', 'update')),
        status INTEGER NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        details TEXT NOT NULL CHECK (json_valid(details)),
        failed_at TEXT NOT NULL
      ) STRICT;

      -- host and pid name the holder's process: one killed on this machine frees the lease at once.
      CREATE TABLE sync_lease (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        owner TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
