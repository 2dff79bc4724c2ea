import type { Migration } from './migration';

/**
 * The search columns become NFC, as searchKey now writes them: "é" typed as
 * one character or as "e" and an accent, and Devanagari letters with a nukta
 * written either way, then find each other. Only rows whose keys change are
 * rewritten, each with its search index entry.
 */
export const searchKeysInNfc: Migration = {
  version: 6,
  name: 'search keys in NFC',
  up(db) {
    db.function('nfc', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.normalize('NFC') : text));
    const changed = db
      .prepare('SELECT seq, search_name, search_email FROM candidates WHERE search_name <> nfc(search_name) OR search_email <> nfc(search_email)')
      .raw()
      .all() as [number, string, string][];
    const unindex = db.prepare("INSERT INTO candidate_search (candidate_search, rowid, search_name, search_email) VALUES ('delete', ?, ?, ?)");
    const rewrite = db.prepare('UPDATE candidates SET search_name = ?, search_email = ? WHERE seq = ?');
    const index = db.prepare('INSERT INTO candidate_search (rowid, search_name, search_email) VALUES (?, ?, ?)');
    for (const [seq, name, email] of changed) {
      const [nfcName, nfcEmail] = [name.normalize('NFC'), email.normalize('NFC')];
      unindex.run(seq, name, email);
      rewrite.run(nfcName, nfcEmail, seq);
      index.run(seq, nfcName, nfcEmail);
    }
  },
};
