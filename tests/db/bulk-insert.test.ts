import SqliteDatabase from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCandidatesInBulk, listCandidateSeqs } from '../../electron/db/candidate-repository';
import type { Database } from '../../electron/db/connection';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { type TestDatabase, openTestDatabase } from '../helpers/test-database';

const walBytes = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

const schemaOf = (db: Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

function entries(count: number, jobId: string) {
  return Array.from({ length: count }, (_, i) => {
    const candidate = makeCandidateRecord({ full_name: `Bulk Person ${i}`, created_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() });
    return { candidate, applications: [makeApplicationRecord(candidate.id, { job_id: jobId })] };
  });
}

describe('insertCandidatesInBulk', () => {
  let database: TestDatabase;
  beforeEach(() => {
    database = openTestDatabase();
  });
  afterEach(() => database.close());

  it('into an empty store leaves the schema exactly as the migrations made it, indexes rebuilt and used', () => {
    const before = schemaOf(database.db);
    const jobId = '11111111-2222-4333-8444-555555555555';
    insertCandidatesInBulk(database.db, entries(2500, jobId));
    expect(schemaOf(database.db)).toEqual(before);
    expect(database.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const newestFirst = listCandidateSeqs(database.db, { search: '', jobId: undefined });
    expect(newestFirst).toHaveLength(2500);
    expect(listCandidateSeqs(database.db, { search: '', jobId })).toEqual(newestFirst);
    const plan = database.db.prepare('EXPLAIN QUERY PLAN SELECT seq FROM candidates ORDER BY created_at DESC, id DESC').all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('candidates_newest_first');
  });

  it('into an empty store writes through a rollback journal, then goes back to the WAL', () => {
    insertCandidatesInBulk(database.db, entries(2500, '11111111-2222-4333-8444-555555555555'));
    // Every page went straight into the file: none waits in the WAL for a checkpoint.
    expect(walBytes(database.file)).toBe(0);
    expect(existsSync(`${database.file}-journal`)).toBe(false);
    expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const reader = new SqliteDatabase(database.file, { readonly: true });
    try {
      expect(reader.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(2500);
    } finally {
      reader.close();
    }
    insertCandidatesInBulk(database.db, entries(5, '11111111-2222-4333-8444-555555555555'));
    expect(walBytes(database.file)).toBeGreaterThan(0);
  });

  it('into an empty store that another connection has open stays in the WAL', () => {
    const other = new SqliteDatabase(database.file);
    try {
      other.prepare('SELECT count(*) FROM candidates').get();
      insertCandidatesInBulk(database.db, entries(2500, '11111111-2222-4333-8444-555555555555'));
      expect(walBytes(database.file)).toBeGreaterThan(0);
      expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(other.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(2500);
    } finally {
      other.close();
    }
  });

  it('into a store that has candidates keeps its indexes and adds to them', () => {
    const jobId = '11111111-2222-4333-8444-555555555555';
    insertCandidatesInBulk(database.db, entries(10, jobId));
    insertCandidatesInBulk(database.db, entries(2100, jobId));
    expect(listCandidateSeqs(database.db, { search: '', jobId })).toHaveLength(2110);
    expect(listCandidateSeqs(database.db, { search: 'bulk person 2099', jobId: undefined })).toHaveLength(1);
  });

  it('rolls back whole, indexes included, when one row is refused', () => {
    const before = schemaOf(database.db);
    const rows = entries(2100, '11111111-2222-4333-8444-555555555555');
    rows[2050]!.candidate.email = rows[3]!.candidate.email;
    expect(() => insertCandidatesInBulk(database.db, rows)).toThrow(/UNIQUE/);
    expect(schemaOf(database.db)).toEqual(before);
    expect(database.db.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(0);
    expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
