import type { Migration } from './migration';

/**
 * Candidates, their applications (the cloud's candidate_jobs), jobs, the
 * organisation's pipeline statuses and settings, plus a trigram index for
 * substring search over name and email.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE candidates (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        -- NULL only for a masked candidate whose address this copy has never seen.
        email TEXT,
        -- Trimmed, lower-cased email: makes emails unique case-insensitively.
        email_key TEXT UNIQUE,
        phone_number TEXT,
        whatsapp_number TEXT,
        location TEXT,
        preferred_location TEXT,
        primary_skills TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(primary_skills)),
        secondary_skills TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(secondary_skills)),
        total_experience_years REAL,
        current_company TEXT,
        current_designation TEXT,
        current_ctc REAL,
        expected_ctc REAL,
        notice_period_days INTEGER,
        in_notice_period INTEGER CHECK (in_notice_period IN (0, 1)),
        last_working_day TEXT,
        resume_url TEXT,
        resume_path TEXT,
        source TEXT,
        screening_score REAL,
        talent_pool_status TEXT NOT NULL DEFAULT 'not_linked'
          CHECK (talent_pool_status IN ('not_linked', 'masked', 'revealed')),
        metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- Case-folded copies searched by the API; search_email is '' while masked.
        search_name TEXT NOT NULL,
        search_email TEXT NOT NULL
      ) STRICT;

      CREATE INDEX candidates_newest_first ON candidates (created_at DESC, id DESC);

      -- Maintained by candidate-repository (not triggers) so bulk loads can rebuild it in one pass.
      CREATE VIRTUAL TABLE candidate_search USING fts5(
        search_name, search_email,
        content = 'candidates', content_rowid = 'seq',
        tokenize = 'trigram case_sensitive 1'
      );

      -- Clustered by candidate: a candidate's applications sit together, and
      -- loading candidates in order appends instead of scattering.
      CREATE TABLE applications (
        candidate_seq INTEGER NOT NULL REFERENCES candidates (seq) ON DELETE CASCADE,
        job_id TEXT NOT NULL,
        id TEXT NOT NULL,
        organization_id TEXT,
        status TEXT NOT NULL,
        screening_score REAL,
        match_score REAL,
        notes TEXT,
        shortlisted_at TEXT,
        screening_started_at TEXT,
        screening_completed_at TEXT,
        status_date TEXT,
        outreach_sent_at TEXT,
        interest_clicked_at TEXT,
        video_interview_invite_sent_at TEXT,
        metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (candidate_seq, job_id)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX applications_by_job ON applications (job_id, candidate_seq);

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE pipeline_statuses (
        position INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);

    const insertStatus = db.prepare('INSERT INTO pipeline_statuses (position, name, name_key) VALUES (?, ?, ?)');
    ['Applied', 'Shortlisted', 'Screening', 'Interview', 'Offered', 'Hired', 'Rejected'].forEach((name, index) =>
      insertStatus.run(index + 1, name, name.toLowerCase()),
    );
    db.prepare("INSERT INTO settings (key, value) VALUES ('organization_id', json_quote(?))").run(crypto.randomUUID());
  },
};
