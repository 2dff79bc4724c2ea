import type { Migration } from './migration';

/**
 * What a recruiter has typed into a candidate's form and not saved, kept as
 * they type: a crash, a power cut or a flat battery loses none of it, and the
 * form offers it back. One draft per candidate, and one for the form of a new
 * candidate (candidate_seq NULL).
 */
export const editorDrafts: Migration = {
  version: 5,
  name: 'editor drafts',
  up(db) {
    db.exec(`
      CREATE TABLE editor_drafts (
        id INTEGER PRIMARY KEY,
        candidate_seq INTEGER REFERENCES candidates (seq) ON DELETE CASCADE,
        -- The candidate's updated_at when the draft began: a later one means it changed since.
        base_updated_at TEXT,
        form TEXT NOT NULL CHECK (json_valid(form) AND json_type(form) = 'object'),
        saved_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX editor_drafts_one_per_form ON editor_drafts (ifnull(candidate_seq, 0));
    `);
  },
};
