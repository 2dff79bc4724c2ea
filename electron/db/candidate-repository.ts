import type { Database } from 'better-sqlite3';
import type { TalentPoolStatus } from '@shared/contract';
import { emailKey, skillArrayOf } from '@shared/field-rules';
import { type ApplicationRecord, insertApplicationOfSeq } from './application-repository';
import { withRollbackJournal } from './connection';
import { handDraftOn } from './editor-draft-repository';
import { NewestFirstOrder } from './newest-first-order';
import { statement } from './statement-cache';

/** A candidate as stored: the real values, whatever the masking shows. */
export interface CandidateRecord {
  id: string;
  full_name: string;
  /** null only for a masked candidate whose address this copy has never seen. */
  email: string | null;
  phone_number: string | null;
  whatsapp_number: string | null;
  location: string | null;
  preferred_location: string | null;
  primary_skills: string[];
  secondary_skills: string[];
  total_experience_years: number | null;
  current_company: string | null;
  current_designation: string | null;
  current_ctc: number | null;
  expected_ctc: number | null;
  notice_period_days: number | null;
  in_notice_period: boolean | null;
  last_working_day: string | null;
  resume_url: string | null;
  resume_path: string | null;
  source: string | null;
  screening_score: number | null;
  talent_pool_status: TalentPoolStatus;
  metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

interface CandidateRow extends Omit<CandidateRecord, 'primary_skills' | 'secondary_skills' | 'in_notice_period' | 'metadata'> {
  seq: number;
  email_key: string | null;
  primary_skills: string;
  secondary_skills: string;
  in_notice_period: 0 | 1 | null;
  metadata: string | null;
  search_name: string;
  search_email: string;
}

const COLUMNS = [
  'id', 'full_name', 'email', 'email_key', 'phone_number', 'whatsapp_number', 'location', 'preferred_location',
  'primary_skills', 'secondary_skills', 'skill_array', 'total_experience_years', 'current_company', 'current_designation',
  'current_ctc', 'expected_ctc', 'notice_period_days', 'in_notice_period', 'last_working_day', 'resume_url',
  'resume_path', 'source', 'screening_score', 'talent_pool_status', 'metadata', 'created_at', 'updated_at',
  'search_name', 'search_email',
] as const;

// Positional parameters: binding 28 named ones per row costs more than the insert itself in bulk loads.
const INSERT_SQL = `INSERT INTO candidates (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
// Every column but the first (id), which the WHERE matches.
const UPDATE_SQL = `UPDATE candidates SET ${COLUMNS.slice(1)
  .map((c) => `${c} = ?`)
  .join(', ')} WHERE id = ?`;
const INSERT_SEARCH_SQL = 'INSERT INTO candidate_search (rowid, search_name, search_email) VALUES (?, ?, ?)';
const DELETE_SEARCH_SQL =
  "INSERT INTO candidate_search (candidate_search, rowid, search_name, search_email) VALUES ('delete', ?, ?, ?)";

/** Indexes that only speed reads up (no uniqueness): dropped and rebuilt around a bulk load into an empty store. */
const SECONDARY_INDEXES = [
  { name: 'candidates_newest_first', sql: 'CREATE INDEX candidates_newest_first ON candidates (created_at DESC, id DESC)' },
  { name: 'applications_by_job', sql: 'CREATE INDEX applications_by_job ON applications (job_id, candidate_seq)' },
] as const;

/** Above this many rows a bulk insert rebuilds the search index in one pass instead of row by row. */
const SEARCH_REBUILD_THRESHOLD = 2000;

/**
 * Case-folds a search term, as the stored search columns are, in NFC: text
 * spelt with combining marks ("e" and an accent, a nukta) and the same text
 * with precomposed letters find each other.
 */
export function searchKey(text: string): string {
  return text.toLowerCase().normalize('NFC');
}

/**
 * SQLite's text functions, the FTS5 query parser and its index rebuild stop
 * at or drop a NUL, so the stored search columns carry U+FFFF (a Unicode
 * noncharacter) in its place; a term with either character is matched
 * exactly in JS (see listCandidateSeqs).
 */
const NUL_STAND_IN = '\uFFFF';
const NEEDS_EXACT_MATCH = /[\u0000\uFFFF]/;

function storedSearchKey(text: string): string {
  return searchKey(text).replaceAll('\u0000', NUL_STAND_IN);
}

/**
 * The stored columns of a record, in COLUMNS order, built as one array: bulk
 * loads make 100,000 of them, and going through a row object first cost a
 * sixth of the load.
 */
function storedValues(record: CandidateRecord): unknown[] {
  const { email } = record;
  return [
    record.id,
    record.full_name,
    email,
    email === null ? null : emailKey(email),
    record.phone_number,
    record.whatsapp_number,
    record.location,
    record.preferred_location,
    JSON.stringify(record.primary_skills),
    JSON.stringify(record.secondary_skills),
    JSON.stringify(skillArrayOf(record.primary_skills, record.secondary_skills)),
    record.total_experience_years,
    record.current_company,
    record.current_designation,
    record.current_ctc,
    record.expected_ctc,
    record.notice_period_days,
    record.in_notice_period === null ? null : record.in_notice_period ? 1 : 0,
    record.last_working_day,
    record.resume_url,
    record.resume_path,
    record.source,
    record.screening_score,
    record.talent_pool_status,
    record.metadata === null ? null : JSON.stringify(record.metadata),
    record.created_at,
    record.updated_at,
    storedSearchKey(record.full_name),
    record.talent_pool_status === 'masked' || email === null ? '' : storedSearchKey(email),
  ];
}

const SEARCH_NAME_AT = COLUMNS.indexOf('search_name');
const SEARCH_EMAIL_AT = COLUMNS.indexOf('search_email');

/** What reads select, in this order; rows come back as arrays (raw), far cheaper than objects. */
const READ_COLUMNS = [
  'seq', 'id', 'full_name', 'email', 'phone_number', 'whatsapp_number', 'location', 'preferred_location',
  'primary_skills', 'secondary_skills', 'total_experience_years', 'current_company', 'current_designation',
  'current_ctc', 'expected_ctc', 'notice_period_days', 'in_notice_period', 'last_working_day', 'resume_url',
  'resume_path', 'source', 'screening_score', 'talent_pool_status', 'metadata', 'created_at', 'updated_at',
] as const;
const SELECT_CANDIDATES = `SELECT ${READ_COLUMNS.join(', ')} FROM candidates`;
const FIND_BY_ID_SQL = `${SELECT_CANDIDATES} WHERE id = ?`;
const FIND_BY_ALIAS_SQL = `${SELECT_CANDIDATES} WHERE seq = (SELECT candidate_seq FROM candidate_aliases WHERE id = ?)`;
const FIND_BY_EMAIL_SQL = `${SELECT_CANDIDATES} WHERE email_key = ?`;
const at = Object.fromEntries(READ_COLUMNS.map((column, index) => [column, index])) as Record<(typeof READ_COLUMNS)[number], number>;

/**
 * Reads each column through a named index (`at.email`): one monomorphic load.
 * A helper taking the column's name did a megamorphic keyed lookup per
 * column, which cost a detail read more than SQLite's own row decoding.
 */
function fromRaw(raw: unknown[]): CandidateRecord {
  const metadata = raw[at.metadata] as string | null;
  const inNoticePeriod = raw[at.in_notice_period] as number | null;
  return {
    id: raw[at.id] as string,
    full_name: raw[at.full_name] as string,
    email: raw[at.email] as string | null,
    phone_number: raw[at.phone_number] as string | null,
    whatsapp_number: raw[at.whatsapp_number] as string | null,
    location: raw[at.location] as string | null,
    preferred_location: raw[at.preferred_location] as string | null,
    primary_skills: JSON.parse(raw[at.primary_skills] as string) as string[],
    secondary_skills: JSON.parse(raw[at.secondary_skills] as string) as string[],
    total_experience_years: raw[at.total_experience_years] as number | null,
    current_company: raw[at.current_company] as string | null,
    current_designation: raw[at.current_designation] as string | null,
    current_ctc: raw[at.current_ctc] as number | null,
    expected_ctc: raw[at.expected_ctc] as number | null,
    notice_period_days: raw[at.notice_period_days] as number | null,
    in_notice_period: inNoticePeriod === null ? null : inNoticePeriod === 1,
    last_working_day: raw[at.last_working_day] as string | null,
    resume_url: raw[at.resume_url] as string | null,
    resume_path: raw[at.resume_path] as string | null,
    source: raw[at.source] as string | null,
    screening_score: raw[at.screening_score] as number | null,
    talent_pool_status: raw[at.talent_pool_status] as TalentPoolStatus,
    metadata: metadata === null ? null : (JSON.parse(metadata) as Record<string, unknown>),
    created_at: raw[at.created_at] as string,
    updated_at: raw[at.updated_at] as string,
  };
}

/** Inserts the candidate and indexes it for search; returns its row number. */
export function insertCandidate(db: Database, record: CandidateRecord): number {
  const stored = storedValues(record);
  const seq = Number(statement(db, INSERT_SQL).run(stored).lastInsertRowid);
  statement(db, INSERT_SEARCH_SQL).run(seq, stored[SEARCH_NAME_AT], stored[SEARCH_EMAIL_AT]);
  return seq;
}

export interface CandidateWithApplicationRecords {
  candidate: CandidateRecord;
  applications: readonly ApplicationRecord[];
}

/**
 * Inserts many candidates and their applications at once (an import, a first
 * sync), in one transaction. Entries are consumed as they come, so a
 * generator need not hold them all. Past a few thousand rows the search index
 * is rebuilt in one pass at the end, an order of magnitude faster than
 * indexing row by row. Into an empty store it writes through a rollback
 * journal when it can (withRollbackJournal): each page once, not twice.
 */
export function insertCandidatesInBulk(db: Database, entries: Iterable<CandidateWithApplicationRecords>): void {
  const insertAll = db.transaction(() => {
    // Into an empty store, the secondary indexes are built once at the end: a sorted
    // build is far cheaper than inserting every row into them.
    const intoEmptyStore = countCandidates(db) === 0;
    if (intoEmptyStore) for (const index of SECONDARY_INDEXES) db.exec(`DROP INDEX ${index.name}`);
    const insert = statement(db, INSERT_SQL);
    let count = 0;
    for (const { candidate, applications } of entries) {
      count += 1;
      const seq =
        count <= SEARCH_REBUILD_THRESHOLD
          ? insertCandidate(db, candidate)
          : Number(insert.run(storedValues(candidate)).lastInsertRowid);
      for (const application of applications) insertApplicationOfSeq(db, seq, application);
    }
    if (count > SEARCH_REBUILD_THRESHOLD) statement(db, "INSERT INTO candidate_search (candidate_search) VALUES ('rebuild')").run();
    if (intoEmptyStore) for (const index of SECONDARY_INDEXES) db.exec(index.sql);
  });
  // Checked again inside the transaction: the journal mode can only change outside one.
  if (countCandidates(db) === 0) withRollbackJournal(db, () => insertAll.immediate());
  else insertAll.immediate();
}

/** Rewrites the stored candidate with this id, re-indexing its name and email when they changed. */
export function updateCandidate(db: Database, record: CandidateRecord): void {
  const before = statement(db, 'SELECT seq, search_name, search_email FROM candidates WHERE id = ?').get(record.id) as
    | Pick<CandidateRow, 'seq' | 'search_name' | 'search_email'>
    | undefined;
  if (!before) return;
  const stored = storedValues(record);
  // UPDATE_SQL sets every column but the first (id), then matches on id.
  statement(db, UPDATE_SQL).run(...stored.slice(1), record.id);
  const [searchName, searchEmail] = [stored[SEARCH_NAME_AT], stored[SEARCH_EMAIL_AT]];
  if (before.search_name !== searchName || before.search_email !== searchEmail) {
    statement(db, DELETE_SEARCH_SQL).run(before.seq, before.search_name, before.search_email);
    statement(db, INSERT_SEARCH_SQL).run(before.seq, searchName, searchEmail);
  }
}

export function findCandidateById(db: Database, id: string): CandidateRecord | undefined {
  const raw = statement(db, FIND_BY_ID_SQL).raw().get(id) as unknown[] | undefined;
  return raw && fromRaw(raw);
}

/**
 * The candidate with this id, or the one it was merged into: every id the
 * local API has handed out answers for life. Its `id` is the current one.
 */
export function findCandidateByIdOrAlias(db: Database, id: string): CandidateRecord | undefined {
  const found = findCandidateById(db, id);
  if (found) return found;
  const raw = statement(db, FIND_BY_ALIAS_SQL).raw().get(id) as unknown[] | undefined;
  return raw && fromRaw(raw);
}

/**
 * Removes a candidate merged into `into`: its applications, sync state and
 * search entry go with it, its id (and any it answered to) become aliases of
 * `into`, and its unsaved form goes on as `into`'s (see handDraftOn).
 */
export function mergeCandidateRowInto(db: Database, mergedId: string, intoId: string): void {
  const merged = statement(db, 'SELECT seq, search_name, search_email FROM candidates WHERE id = ?').get(mergedId) as
    | Pick<CandidateRow, 'seq' | 'search_name' | 'search_email'>
    | undefined;
  const intoSeq = statement(db, 'SELECT seq FROM candidates WHERE id = ?').pluck().get(intoId) as number | undefined;
  if (!merged || intoSeq === undefined || merged.seq === intoSeq) throw new Error(`Cannot merge candidate ${mergedId} into ${intoId}.`);
  statement(db, 'UPDATE candidate_aliases SET candidate_seq = ? WHERE candidate_seq = ?').run(intoSeq, merged.seq);
  statement(db, 'INSERT INTO candidate_aliases (id, candidate_seq) VALUES (?, ?)').run(mergedId, intoSeq);
  handDraftOn(db, merged.seq, intoSeq);
  statement(db, DELETE_SEARCH_SQL).run(merged.seq, merged.search_name, merged.search_email);
  statement(db, 'DELETE FROM candidates WHERE seq = ?').run(merged.seq);
}

/**
 * Lets go of the candidate's email as the unique key, leaving the email as it
 * is: for a moment inside one transaction, while candidates trade emails.
 * restoreEmailKey (or any write of the candidate) sets it again.
 */
export function releaseEmailKey(db: Database, id: string): void {
  statement(db, 'UPDATE candidates SET email_key = NULL WHERE id = ?').run(id);
}

/** The unique key from the candidate's email as it now is; throws if another candidate holds that email. */
export function restoreEmailKey(db: Database, id: string): void {
  const email = statement(db, 'SELECT email FROM candidates WHERE id = ?').pluck().get(id) as string | null | undefined;
  statement(db, 'UPDATE candidates SET email_key = ? WHERE id = ?').run(typeof email === 'string' ? emailKey(email) : null, id);
}

/** The candidate holding this email, compared trimmed and case-insensitively. */
export function findCandidateByEmail(db: Database, email: string): CandidateRecord | undefined {
  const raw = statement(db, FIND_BY_EMAIL_SQL).raw().get(emailKey(email)) as unknown[] | undefined;
  return raw && fromRaw(raw);
}

export interface CandidateFilter {
  /** Already case-folded with searchKey; '' for no search. */
  search: string;
  jobId: string | undefined;
}

/** The trigram index answers substrings of three or more characters; shorter ones scan. */
const TRIGRAM = 3;

function quoteFtsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * Internal row numbers (seq) of every candidate matching the filter, newest
 * first (created_at, then id, descending). `order` is that order for every
 * candidate, when the caller holds it already (see CandidateListCache).
 */
export function listCandidateSeqs(db: Database, filter: CandidateFilter, order: NewestFirstOrder = NewestFirstOrder.read(db)): Int32Array {
  if (filter.search === '' && filter.jobId === undefined) return order.seqs;
  return order.sort(listMatchingSeqs(db, filter));
}

/**
 * The seqs a filter with a term or a job selects, in no particular order.
 * Read from the search index and the applications' job index alone: only a
 * term too short for the index, or one with a NUL, scans the candidates' rows.
 */
function listMatchingSeqs(db: Database, { search: term, jobId }: CandidateFilter): number[] {
  const ofJob = 'SELECT candidate_seq FROM applications WHERE job_id = ?';
  if (term === '') return statement(db, ofJob).pluck().all(jobId) as number[];
  // With a job, each query below keeps only its applicants.
  const andInJob = (column: string) => (jobId === undefined ? '' : ` AND ${column} IN (${ofJob})`);
  const jobParams = jobId === undefined ? [] : [jobId];
  if (NEEDS_EXACT_MATCH.test(term)) {
    const sql = `SELECT seq, full_name, email, talent_pool_status FROM candidates WHERE TRUE${andInJob('seq')}`;
    const rows = statement(db, sql).raw().all(...jobParams) as [number, string, string | null, string][];
    return rows
      .filter(([, name, email, status]) => searchKey(name).includes(term) || (status !== 'masked' && email !== null && searchKey(email).includes(term)))
      .map(([seq]) => seq);
  }
  if ([...term].length >= TRIGRAM) {
    const sql = `SELECT rowid FROM candidate_search WHERE candidate_search MATCH ?${andInJob('rowid')}`;
    return statement(db, sql).pluck().all(quoteFtsPhrase(term), ...jobParams) as number[];
  }
  const sql = `SELECT seq FROM candidates WHERE (instr(search_name, ?) > 0 OR instr(search_email, ?) > 0)${andInJob('seq')}`;
  return statement(db, sql).pluck().all(term, term, ...jobParams) as number[];
}

/** The candidates with these row numbers, in the order given. */
export function findCandidatesBySeqs(db: Database, seqs: ArrayLike<number>): CandidateRecord[] {
  if (seqs.length === 0) return [];
  const ordered = Array.from(seqs);
  const rows = statement(db, `${SELECT_CANDIDATES} WHERE seq IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(ordered)) as unknown[][];
  const bySeq = new Map(rows.map((raw) => [raw[at.seq] as number, raw]));
  return ordered.flatMap((seq) => {
    const raw = bySeq.get(seq);
    return raw ? [fromRaw(raw)] : [];
  });
}

export function countCandidates(db: Database): number {
  return statement(db, 'SELECT count(*) FROM candidates').pluck().get() as number;
}

/** resume_path is the local copy's own: not a contract field, so neither updated_at nor the outbox moves. */
export function setResumePath(db: Database, id: string, resumePath: string | null): void {
  statement(db, 'UPDATE candidates SET resume_path = ? WHERE id = ?').run(resumePath, id);
}
