import SqliteDatabase from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCandidatesInBulk, listCandidateSeqs } from '../../electron/db/candidate-repository';
import { closeDatabase, type Database, openDatabase } from '../../electron/db/connection';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { startScript } from '../helpers/script-process';
import { makeTempDir } from '../helpers/temp-dir';
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

describe('insertCandidatesInBulk killed part way', () => {
  it('leaves an empty store, whole and back in the WAL, when the process dies mid-load', async () => {
    const temp = makeTempDir();
    const file = join(temp.dir, 'store.sqlite');
    const fresh = openDatabase(file);
    const before = schemaOf(fresh);
    closeDatabase(fresh);
    const child = startScript('tests/helpers/bulk-load-child.ts', [file, '40000', '5000']);
    try {
      await child.waitForStdout(/loading/);
      // Mid-transaction: whatever of the load reached the file, the rollback journal left behind undoes.
      await child.kill();
      expect(child.stdout()).not.toContain('loaded');
      expect(existsSync(`${file}-journal`)).toBe(true);
      const reopened = openDatabase(file);
      try {
        expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(reopened.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(0);
        expect(reopened.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
        expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(schemaOf(reopened)).toEqual(before);
      } finally {
        closeDatabase(reopened);
      }
    } finally {
      await child.kill();
      temp.remove();
    }
  }, 120_000);
});
