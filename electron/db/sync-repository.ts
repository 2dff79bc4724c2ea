import type { Database } from 'better-sqlite3';
import type { PushFailure, SyncConflict } from '@shared/local-api-schema';
import { statement } from './statement-cache';

/** Candidate rows are addressed by their local id; this subquery turns it into the row number. */
const SEQ_OF = '(SELECT seq FROM candidates WHERE id = ?)';

// ---- Links to the cloud -------------------------------------------------------------

export function setRemoteId(db: Database, candidateId: string, remoteId: string): void {
  statement(db, 'UPDATE candidates SET remote_id = ? WHERE id = ?').run(remoteId, candidateId);
}

export function findCandidateIdByRemoteId(db: Database, remoteId: string): string | undefined {
  return statement(db, 'SELECT id FROM candidates WHERE remote_id = ?').pluck().get(remoteId) as string | undefined;
}

export function remoteIdOf(db: Database, candidateId: string): string | null {
  return (statement(db, 'SELECT remote_id FROM candidates WHERE id = ?').pluck().get(candidateId) as string | null | undefined) ?? null;
}

/** Local candidates the cloud has never seen, oldest first. */
export function listUnlinkedCandidateIds(db: Database): string[] {
  return statement(db, 'SELECT id FROM candidates WHERE remote_id IS NULL ORDER BY seq').pluck().all() as string[];
}

// ---- Merge bases --------------------------------------------------------------------

export interface StoredSyncBase {
  remoteUpdatedAt: string;
  fields: unknown;
  applications: unknown;
}

export function readSyncBase(db: Database, candidateId: string): StoredSyncBase | undefined {
  const row = statement(db, `SELECT remote_updated_at, fields, applications FROM sync_bases WHERE candidate_seq = ${SEQ_OF}`).get(
    candidateId,
  ) as { remote_updated_at: string; fields: string; applications: string } | undefined;
  return row && { remoteUpdatedAt: row.remote_updated_at, fields: JSON.parse(row.fields), applications: JSON.parse(row.applications) };
}

export function writeSyncBase(db: Database, candidateId: string, base: StoredSyncBase): void {
  statement(
    db,
    `INSERT INTO sync_bases (candidate_seq, remote_updated_at, fields, applications) VALUES (${SEQ_OF}, ?, ?, ?)
     ON CONFLICT (candidate_seq) DO UPDATE SET remote_updated_at = excluded.remote_updated_at,
       fields = excluded.fields, applications = excluded.applications`,
  ).run(candidateId, base.remoteUpdatedAt, JSON.stringify(base.fields), JSON.stringify(base.applications));
}

/** remote id → the remote `updated_at` last synced, for every linked candidate. */
export function readRemoteVersions(db: Database): Map<string, string> {
  const rows = statement(
    db,
    'SELECT c.remote_id, b.remote_updated_at FROM candidates c JOIN sync_bases b ON b.candidate_seq = c.seq WHERE c.remote_id IS NOT NULL',
  )
    .raw()
    .all() as [string, string][];
  return new Map(rows);
}

// ---- POSTs sent before a link ------------------------------------------------------

/** Adds a POST body sent for a candidate not linked yet to those sent before (each body once). */
export function recordSentCreate(db: Database, candidateId: string, body: unknown): void {
  const bodies = readSentCreates(db, candidateId);
  if (bodies.some((sent) => JSON.stringify(sent) === JSON.stringify(body))) return;
  statement(
    db,
    `INSERT INTO sync_sent_creates (candidate_seq, bodies) VALUES (${SEQ_OF}, ?)
     ON CONFLICT (candidate_seq) DO UPDATE SET bodies = excluded.bodies`,
  ).run(candidateId, JSON.stringify([...bodies, body]));
}

/** Every POST body sent for the candidate since it was last linked; [] when none. */
export function readSentCreates(db: Database, candidateId: string): unknown[] {
  const bodies = statement(db, `SELECT bodies FROM sync_sent_creates WHERE candidate_seq = ${SEQ_OF}`).pluck().get(candidateId) as string | undefined;
  return bodies === undefined ? [] : (JSON.parse(bodies) as unknown[]);
}

export function clearSentCreates(db: Database, candidateId: string): void {
  statement(db, `DELETE FROM sync_sent_creates WHERE candidate_seq = ${SEQ_OF}`).run(candidateId);
}

// ---- Outbox -------------------------------------------------------------------------

/** The outbox names an application change by its job: `application:<job_id>`. */
export const APPLICATION_ENTRY_PREFIX = 'application:';

export function applicationEntry(jobId: string): string {
  return APPLICATION_ENTRY_PREFIX + jobId;
}

/** The outbox entry of a candidate created locally, which the push sends whole (POST). */
export const CREATED_ENTRY = 'created';

/** Fields that stay on this machine and are never recorded for the cloud. */
const LOCAL_ONLY_FIELDS: ReadonlySet<string> = new Set(['resume_path']);

export interface OutboxEntry {
  id: number;
  field: string;
}

/**
 * Records local changes; a field already pending is replaced by a newer entry
 * (a higher id). Delete then insert rather than INSERT OR REPLACE: with foreign
 * keys on, SQLite's REPLACE path cost ten times as much, a sixth of a POST.
 */
export function recordOutbox(db: Database, candidateId: string, fields: readonly string[], changedAt: string): void {
  const remove = statement(db, `DELETE FROM sync_outbox WHERE candidate_seq = ${SEQ_OF} AND field = ?`);
  const insert = statement(db, `INSERT INTO sync_outbox (candidate_seq, field, changed_at) VALUES (${SEQ_OF}, ?, ?)`);
  for (const field of fields) {
    if (LOCAL_ONLY_FIELDS.has(field)) continue;
    remove.run(candidateId, field);
    insert.run(candidateId, field, changedAt);
  }
}

export function listOutbox(db: Database, candidateId: string): OutboxEntry[] {
  return statement(db, `SELECT id, field FROM sync_outbox WHERE candidate_seq = ${SEQ_OF} ORDER BY id`).all(candidateId) as OutboxEntry[];
}

/** Local ids of candidates with pending changes, in the order they were first changed. */
export function listCandidateIdsWithOutbox(db: Database): string[] {
  return statement(
    db,
    'SELECT c.id FROM sync_outbox o JOIN candidates c ON c.seq = o.candidate_seq GROUP BY o.candidate_seq ORDER BY min(o.id)',
  )
    .pluck()
    .all() as string[];
}

/** Clears what a push sent: entries replaced by a later change (a higher id) stay. */
export function clearOutbox(db: Database, candidateId: string, sent: readonly OutboxEntry[]): void {
  const remove = statement(db, `DELETE FROM sync_outbox WHERE candidate_seq = ${SEQ_OF} AND field = ? AND id <= ?`);
  for (const entry of sent) remove.run(candidateId, entry.field, entry.id);
}

export function countOutboxCandidates(db: Database): number {
  return statement(db, 'SELECT count(DISTINCT candidate_seq) FROM sync_outbox').pluck().get() as number;
}

// ---- Conflicts ----------------------------------------------------------------------

export type ConflictRow = SyncConflict;

type ConflictDbRow = Omit<ConflictRow, 'base' | 'local' | 'remote' | 'resolved_value'> & {
  base: string | null;
  local: string | null;
  remote: string | null;
  resolved_value: string | null;
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const parse = (text: string | null) => (text === null ? null : JSON.parse(text));

function fromConflictRow(row: ConflictDbRow): ConflictRow {
  return { ...row, base: parse(row.base), local: parse(row.local), remote: parse(row.remote), resolved_value: parse(row.resolved_value) };
}

const CONFLICT_SELECT = `SELECT k.id, c.id AS candidate_id, k.field, k.base, k.local, k.remote, k.status, k.resolution,
  k.resolved_value, k.detected_at, k.resolved_at FROM sync_conflicts k JOIN candidates c ON c.seq = k.candidate_seq`;

export interface NewConflict {
  field: string;
  base: unknown;
  local: unknown;
  remote: unknown;
  /** Set when a policy decided at once; the conflict is then history, not a question. */
  resolution: 'local' | 'remote' | null;
}

/** Stores a conflict; an open one on the same field is updated to the latest values. */
export function recordConflict(db: Database, candidateId: string, conflict: NewConflict, at: string): void {
  if (conflict.resolution === null) {
    statement(
      db,
      `INSERT INTO sync_conflicts (candidate_seq, field, base, local, remote, status, detected_at)
       VALUES (${SEQ_OF}, ?, ?, ?, ?, 'open', ?)
       ON CONFLICT (candidate_seq, field) WHERE status = 'open'
       DO UPDATE SET base = excluded.base, local = excluded.local, remote = excluded.remote, detected_at = excluded.detected_at`,
    ).run(candidateId, conflict.field, json(conflict.base), json(conflict.local), json(conflict.remote), at);
    return;
  }
  const winner = conflict.resolution === 'local' ? conflict.local : conflict.remote;
  statement(
    db,
    `INSERT INTO sync_conflicts (candidate_seq, field, base, local, remote, status, resolution, resolved_value, detected_at, resolved_at)
     VALUES (${SEQ_OF}, ?, ?, ?, ?, 'resolved', ?, ?, ?, ?)`,
  ).run(candidateId, conflict.field, json(conflict.base), json(conflict.local), json(conflict.remote), conflict.resolution, json(winner), at, at);
}

export function listConflicts(db: Database, options: { status?: 'open' | 'resolved'; candidateId?: string } = {}): ConflictRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.status) {
    where.push('k.status = ?');
    params.push(options.status);
  }
  if (options.candidateId) {
    where.push('c.id = ?');
    params.push(options.candidateId);
  }
  const sql = `${CONFLICT_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY k.id`;
  return (statement(db, sql).all(...params) as ConflictDbRow[]).map(fromConflictRow);
}

export function findConflict(db: Database, id: number): ConflictRow | undefined {
  const row = statement(db, `${CONFLICT_SELECT} WHERE k.id = ?`).get(id) as ConflictDbRow | undefined;
  return row && fromConflictRow(row);
}

export function markConflictResolved(
  db: Database,
  id: number,
  resolution: 'local' | 'remote' | 'value',
  value: unknown,
  at: string,
): void {
  statement(db, "UPDATE sync_conflicts SET status = 'resolved', resolution = ?, resolved_value = ?, resolved_at = ? WHERE id = ?").run(
    resolution,
    json(value),
    at,
    id,
  );
}

export function countOpenConflicts(db: Database): number {
  return statement(db, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'").pluck().get() as number;
}

// ---- Failed pushes ------------------------------------------------------------------


export function recordPushFailure(db: Database, failure: PushFailure): void {
  statement(
    db,
    `INSERT OR REPLACE INTO sync_failures (candidate_seq, operation, status, code, message, details, failed_at)
     VALUES (${SEQ_OF}, ?, ?, ?, ?, ?, ?)`,
  ).run(failure.candidate_id, failure.operation, failure.status, failure.code, failure.message, JSON.stringify(failure.details), failure.failed_at);
}

export function clearPushFailure(db: Database, candidateId: string): void {
  statement(db, `DELETE FROM sync_failures WHERE candidate_seq = ${SEQ_OF}`).run(candidateId);
}

export function listPushFailures(db: Database): PushFailure[] {
  const rows = statement(
    db,
    'SELECT c.id AS candidate_id, f.operation, f.status, f.code, f.message, f.details, f.failed_at FROM sync_failures f JOIN candidates c ON c.seq = f.candidate_seq ORDER BY f.failed_at',
  ).all() as (Omit<PushFailure, 'details'> & { details: string })[];
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) }));
}

// ---- The lease: one sync at a time per data folder, across processes ------------------

/** Who holds the lease: a run (owner), and the process it runs in, so a killed holder can be told from a live one. */
export interface LeaseHolder {
  owner: string;
  host: string;
  pid: number;
}

export type LeaseAttempt = { acquired: true } | { acquired: false; owner: string; expiresAt: number };

/**
 * Takes the lease if it is free, expired, already ours, or held by a process
 * `holderGone` says no longer exists (killed before it could release it),
 * until `now + ttlMs`. IMMEDIATE so two processes cannot both take it.
 */
export function acquireSyncLease(
  db: Database,
  holder: LeaseHolder,
  now: number,
  ttlMs: number,
  holderGone: (held: LeaseHolder) => boolean = () => false,
): LeaseAttempt {
  return db
    .transaction((): LeaseAttempt => {
      const held = statement(db, 'SELECT owner, host, pid, expires_at FROM sync_lease WHERE id = 1').get() as
        | (LeaseHolder & { expires_at: number })
        | undefined;
      if (held && held.owner !== holder.owner && held.expires_at > now && !holderGone(held)) {
        return { acquired: false, owner: held.owner, expiresAt: held.expires_at };
      }
      statement(db, 'INSERT OR REPLACE INTO sync_lease (id, owner, host, pid, expires_at) VALUES (1, ?, ?, ?, ?)').run(
        holder.owner,
        holder.host,
        holder.pid,
        now + ttlMs,
      );
      return { acquired: true };
    })
    .immediate();
}

export function releaseSyncLease(db: Database, owner: string): void {
  statement(db, 'DELETE FROM sync_lease WHERE id = 1 AND owner = ?').run(owner);
}
