import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertApplication } from '../../electron/db/application-repository';
import {
  type CandidateRecord,
  findCandidateByEmail,
  findCandidateById,
  findCandidateByIdOrAlias,
  findCandidatesBySeqs,
  insertCandidate,
  insertCandidatesInBulk,
  listCandidateSeqs,
  mergeCandidateRowInto,
  searchKey,
  updateCandidate,
} from '../../electron/db/candidate-repository';
import type { Database } from '../../electron/db/connection';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { type TestDatabase, openTestDatabase } from '../helpers/test-database';

/** What the contract says search means, written the obvious way: a case-insensitive substring, accents however spelt (NFC). */
function referenceSearch(
  records: readonly CandidateRecord[],
  term: string,
  jobId?: string,
  applicants: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): string[] {
  return records
    .filter(
      (r) =>
        term === '' ||
        fold(r.full_name).includes(fold(term)) ||
        (r.talent_pool_status !== 'masked' && r.email !== null && fold(r.email).includes(fold(term))),
    )
    .filter((r) => jobId === undefined || (applicants.get(jobId)?.has(r.id) ?? false))
    .sort((a, b) => (a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? 1 : -1))
    .map((r) => r.id);
}

function idsOf(db: Database, seqs: Iterable<number>): string[] {
  const idBySeq = new Map(
    (db.prepare('SELECT seq, id FROM candidates').all() as { seq: number; id: string }[]).map((r) => [r.seq, r.id]),
  );
  return Array.from(seqs, (seq) => idBySeq.get(seq) ?? `missing seq ${seq}`);
}

const fold = (text: string) => text.toLowerCase().normalize('NFC');

function search(db: Database, term: string, jobId?: string): string[] {
  return idsOf(db, listCandidateSeqs(db, { search: searchKey(term), jobId }));
}

function insertAll(db: Database, records: readonly CandidateRecord[]): void {
  db.transaction(() => records.forEach((record) => insertCandidate(db, record))).immediate();
}

function checkSearchIndex(db: Database): void {
  db.prepare("INSERT INTO candidate_search (candidate_search) VALUES ('integrity-check')").run();
}

// Letters whose case mapping is odd (ß, İ, ı, final sigma), combining marks,
// astral characters, NUL and U+FFFF, and the characters FTS5 and LIKE treat specially.
const NAME_CHARS = [
  'a', 'b', 'n', 'A', 'B', 'N', 'e', 'é', 'É', 'ß', 'ẞ', 'İ', 'ı', 'i', 'I', 'Σ', 'σ', 'ς', 'Я', 'я', '中', '文',
  '😀', '\u0301', ' ', '-', "'", '"', '*', '%', '_', '(', ':', '^', '\u0000', '\uffff',
];
const LOCAL_CHARS = ['a', 'b', 'n', 'x', 'é', 'Ö', 'ø', '1', '.', '+', '_', '-'];
const DOMAINS = ['example.com', 'EXAMPLE.com', 'exämple.org', 'b.co'];
const TIMESTAMPS = ['2026-11-01T09:00:00.000Z', '2026-11-01T09:00:00.001Z', '2026-11-02T10:30:00.000Z', '2027-01-15T00:00:00.000Z'];
const JOB_IDS = [randomUUID(), randomUUID(), randomUUID()];

const nameArb = fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 14 });
const emailArb = fc
  .tuple(fc.string({ unit: fc.constantFrom(...LOCAL_CHARS), minLength: 1, maxLength: 10 }), fc.constantFrom(...DOMAINS))
  .map(([local, domain]) => `${local}@${domain}`);

interface Seed {
  name: string;
  email: string | null;
  masked: boolean;
  createdAt: string;
  jobs: string[];
}

const seedArb: fc.Arbitrary<Seed> = fc
  .record({
    name: nameArb,
    email: emailArb,
    masked: fc.boolean(),
    emailKnown: fc.boolean(),
    createdAt: fc.constantFrom(...TIMESTAMPS),
    jobs: fc.subarray(JOB_IDS),
  })
  .map(({ emailKnown, ...seed }) => ({ ...seed, email: seed.masked && !emailKnown ? null : seed.email }));

/** Records from seeds; an email that repeats (case-insensitively) gets a unique prefix, as the table demands. */
function recordsFrom(seeds: readonly Seed[]): { records: CandidateRecord[]; applicants: Map<string, Set<string>> } {
  const taken = new Set<string>();
  const applicants = new Map<string, Set<string>>();
  const records = seeds.map((seed, index) => {
    let email = seed.email;
    if (email !== null && taken.has(email.toLowerCase())) email = `u${index}.${email}`;
    if (email !== null) taken.add(email.toLowerCase());
    const record = makeCandidateRecord({
      full_name: seed.name,
      email,
      talent_pool_status: seed.masked ? 'masked' : 'not_linked',
      created_at: seed.createdAt,
      updated_at: seed.createdAt,
    });
    for (const job of seed.jobs) {
      const set = applicants.get(job) ?? new Set<string>();
      set.add(record.id);
      applicants.set(job, set);
    }
    return record;
  });
  return { records, applicants };
}

function insertApplications(db: Database, applicants: ReadonlyMap<string, ReadonlySet<string>>): void {
  db.transaction(() => {
    for (const [jobId, ids] of applicants) for (const id of ids) insertApplication(db, makeApplicationRecord(id, { job_id: jobId }));
  }).immediate();
}

/** A code-point-safe piece of text, so no term holds half a surrogate pair. */
function piece(text: string, start: number, length: number): string {
  const chars = [...text];
  const from = start % Math.max(chars.length, 1);
  return chars.slice(from, from + length).join('');
}

describe('candidate repository', () => {
  let database: TestDatabase;
  let db: Database;

  beforeEach(() => {
    database = openTestDatabase();
    db = database.db;
  });
  afterEach(() => database.close());

  describe('storing', () => {
    it('reads back exactly what was written', () => {
      const record = makeCandidateRecord({
        full_name: 'Zoë Ñúñez 中文 😀',
        in_notice_period: true,
        metadata: { nested: { list: [1, 'two', null, { deep: true }] }, ['__proto__']: 'kept as data' },
        primary_skills: ['Go', 'Rust'],
        secondary_skills: [],
        phone_number: '007',
      });
      insertCandidate(db, record);
      expect(findCandidateById(db, record.id)).toEqual(record);
      expect(findCandidateById(db, record.id)?.phone_number).toBe('007');
    });

    it('finds by email trimmed and case-insensitively', () => {
      const record = makeCandidateRecord({ email: 'Meera.Iyer@Example.COM' });
      insertCandidate(db, record);
      expect(findCandidateByEmail(db, '  meera.iyer@example.com ')?.id).toBe(record.id);
      expect(findCandidateByEmail(db, 'MEERA.IYER@EXAMPLE.COM')?.id).toBe(record.id);
      expect(findCandidateByEmail(db, 'meera.iyer@example.co')).toBeUndefined();
    });

    it('returns rows for seqs in the order asked, skipping unknown ones', () => {
      insertAll(db, [makeCandidateRecord(), makeCandidateRecord(), makeCandidateRecord()]);
      const [a, b, c] = Array.from(listCandidateSeqs(db, { search: '', jobId: undefined })) as [number, number, number];
      expect(findCandidatesBySeqs(db, [c, 999_999, a, b]).map((r) => r.id)).toEqual(idsOf(db, [c, a, b]));
      expect(findCandidatesBySeqs(db, [])).toEqual([]);
    });
  });

  describe('email uniqueness', () => {
    it('is case-insensitive in the table itself: the second insert fails with UNIQUE', () => {
      insertCandidate(db, makeCandidateRecord({ email: 'Asha.Rao@Example.com' }));
      expect(() => insertCandidate(db, makeCandidateRecord({ email: 'asha.rao@EXAMPLE.COM' }))).toThrow(
        expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: expect.stringMatching(/UNIQUE constraint failed/) }),
      );
      expect(() => insertCandidate(db, makeCandidateRecord({ email: '  ASHA.RAO@example.com  ' }))).toThrow(
        /UNIQUE constraint failed/,
      );
      expect(db.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(1);
      checkSearchIndex(db);
    });

    it('also holds on update: taking another candidate\u2019s email in other case fails', () => {
      const first = makeCandidateRecord({ email: 'ravi@example.com' });
      const second = makeCandidateRecord({ email: 'someone@example.com' });
      insertAll(db, [first, second]);
      expect(() => updateCandidate(db, { ...second, email: 'RAVI@example.com' })).toThrow(/UNIQUE constraint failed/);
      expect(findCandidateById(db, second.id)?.email).toBe('someone@example.com');
    });

    it('lets masked candidates whose email this copy never saw (null) coexist', () => {
      const masked = [1, 2, 3].map(() => makeCandidateRecord({ email: null, talent_pool_status: 'masked' }));
      insertAll(db, masked);
      expect(db.prepare('SELECT count(*) FROM candidates WHERE email IS NULL').pluck().get()).toBe(3);
      expect(findCandidateByEmail(db, '')).toBeUndefined();
      for (const record of masked) expect(findCandidateById(db, record.id)).toEqual(record);
    });

    it('lets a candidate change only the case of its own email', () => {
      const record = makeCandidateRecord({ email: 'kiran@example.com' });
      insertCandidate(db, record);
      updateCandidate(db, { ...record, email: 'Kiran@Example.com' });
      expect(findCandidateById(db, record.id)?.email).toBe('Kiran@Example.com');
    });
  });

  describe('search', () => {
    it('matches what a plain substring filter finds, over ~300 varied candidates, for many terms', () => {
      const seeds = fc.sample(fc.array(seedArb, { minLength: 300, maxLength: 300 }), { numRuns: 1, seed: 20261128 })[0]!;
      const { records, applicants } = recordsFrom(seeds);
      insertAll(db, records);
      insertApplications(db, applicants);
      checkSearchIndex(db);

      const texts = records.flatMap((r) => [r.full_name, ...(r.email === null ? [] : [r.email])]);
      const termArb = fc
        .oneof(
          fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.integer({ min: 1, max: 6 })).map(([t, s, n]) => piece(t, s, n)),
          fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.integer({ min: 1, max: 6 })).map(([t, s, n]) => piece(t, s, n).toUpperCase()),
          fc.string({ unit: fc.constantFrom(...NAME_CHARS, ...LOCAL_CHARS, '@'), minLength: 1, maxLength: 5 }),
        )
        .map(searchKey)
        .filter((term) => term !== '');

      fc.assert(
        fc.property(termArb, fc.option(fc.constantFrom(...JOB_IDS), { nil: undefined }), (term, jobId) => {
          expect(search(db, term, jobId)).toEqual(referenceSearch(records, term, jobId, applicants));
        }),
        { numRuns: 1500 },
      );
    });

    it('agrees with the reference on small random tables, terms of every length', () => {
      fc.assert(
        fc.property(
          fc.array(seedArb, { maxLength: 25 }),
          fc.array(
            fc.string({ unit: fc.constantFrom(...NAME_CHARS, ...LOCAL_CHARS, '@'), minLength: 1, maxLength: 6 }).map(searchKey),
            { minLength: 1, maxLength: 8 },
          ),
          (seeds, terms) => {
            const fresh = openTestDatabase();
            try {
              const { records, applicants } = recordsFrom(seeds);
              insertAll(fresh.db, records);
              insertApplications(fresh.db, applicants);
              for (const term of terms) {
                expect(search(fresh.db, term)).toEqual(referenceSearch(records, term));
                // Terms built from stored text, to make matches common.
                for (const record of records.slice(0, 3)) {
                  const inner = piece(record.full_name.toLowerCase(), term.length, 3);
                  if (inner !== '') expect(search(fresh.db, inner)).toEqual(referenceSearch(records, inner));
                }
              }
            } finally {
              fresh.close();
            }
          },
        ),
        { numRuns: 60 },
      );
    });

    it.each([50, 2_100])('finds what the reference finds after a bulk insert of %i (row-by-row or rebuilt index)', (count) => {
      const seeds = fc.sample(fc.array(seedArb, { minLength: count, maxLength: count }), { numRuns: 1, seed: count })[0]!;
      // NUL has its own test below; here it would only repeat that failure.
      const { records, applicants } = recordsFrom(seeds.map((seed) => ({ ...seed, name: seed.name.replaceAll('\u0000', '') || 'n' })));
      const byId = new Map<string, string[]>();
      for (const [jobId, ids] of applicants) for (const id of ids) byId.set(id, [...(byId.get(id) ?? []), jobId]);
      // An earlier row, indexed on its own, must survive the rebuild.
      const early = makeCandidateRecord({ full_name: 'Inserted Before The Bulk Load' });
      insertCandidate(db, early);
      insertCandidatesInBulk(
        db,
        records.map((candidate) => ({
          candidate,
          applications: (byId.get(candidate.id) ?? []).map((jobId) => makeApplicationRecord(candidate.id, { job_id: jobId })),
        })),
      );
      checkSearchIndex(db);
      const all = [early, ...records];
      const texts = records.slice(0, 40).flatMap((r) => [r.full_name, r.email ?? '']);
      const terms = ['before the bulk', 'bulk', ...texts.flatMap((t) => [piece(t, 1, 2), piece(t, 0, 3), piece(t, 2, 5)])]
        .map(searchKey)
        .filter((t) => t !== '');
      for (const term of terms) expect(search(db, term), JSON.stringify(term)).toEqual(referenceSearch(all, term));
      for (const jobId of JOB_IDS) expect(search(db, '', jobId)).toEqual(referenceSearch(all, '', jobId, applicants));

      updateCandidate(db, { ...records[0]!, full_name: 'Renamed After Bulk' });
      expect(search(db, 'renamed after')).toEqual([records[0]!.id]);
      checkSearchIndex(db);
    });

    it('after a bulk insert that rebuilds the index, a NUL in a stored name still separates what is around it', () => {
      const withNul = makeCandidateRecord({ full_name: 'Ab\u0000Cd', email: 'x\u0000yz@example.com' });
      const filler = Array.from({ length: 2_100 }, (_, i) => makeCandidateRecord({ full_name: `Filler ${i}`, email: `f${i}@example.com` }));
      insertCandidatesInBulk(db, [withNul, ...filler].map((candidate) => ({ candidate, applications: [] })));
      for (const term of ['abc', 'bcd', 'xyz', 'ab\u0000c', 'b\u0000cd', 'x\u0000yz@']) {
        expect(search(db, term), JSON.stringify(term)).toEqual(referenceSearch([withNul, ...filler], term));
      }
    });

    it.each([3, 2_100])('a bulk insert of %i with one clashing email inserts nothing at all', (count) => {
      const records = Array.from({ length: count }, (_, i) => makeCandidateRecord({ email: `bulk.${i}@example.com` }));
      records.push(makeCandidateRecord({ email: 'BULK.0@example.com' }));
      expect(() => insertCandidatesInBulk(db, records.map((candidate) => ({ candidate, applications: [] })))).toThrow(
        /UNIQUE constraint failed/,
      );
      expect(db.prepare('SELECT count(*) FROM candidates').pluck().get()).toBe(0);
      expect(search(db, 'bulk')).toEqual([]);
      checkSearchIndex(db);
    });

    it('with no term lists everyone, newest first, ties by id descending', () => {
      const records = ['a', 'b', 'c', 'd'].map((name, i) =>
        makeCandidateRecord({ full_name: name, created_at: TIMESTAMPS[i % 2]!, updated_at: TIMESTAMPS[i % 2]! }),
      );
      insertAll(db, records);
      expect(search(db, '')).toEqual(referenceSearch(records, ''));
    });

    it('treats 1 and 2 character terms as substrings too (the fallback path)', () => {
      const records = [
        makeCandidateRecord({ full_name: 'Li Na', email: 'na.li@example.com' }),
        makeCandidateRecord({ full_name: 'Bo', email: 'bo@example.com' }),
        makeCandidateRecord({ full_name: 'Ömer', email: 'x@q.co', talent_pool_status: 'masked' }),
      ];
      insertAll(db, records);
      for (const term of ['l', 'li', 'i ', 'bo', 'o', 'ö', 'öm', 'q', 'q.', '@q', 'x@', '@']) {
        expect(search(db, term), term).toEqual(referenceSearch(records, term));
      }
      expect(search(db, 'x@')).toEqual([]);
      expect(search(db, 'öm')).toEqual([records[2]!.id]);
    });

    it('never finds a masked candidate by email, with 1, 2 or 3+ character terms', () => {
      const masked = makeCandidateRecord({ full_name: 'Hidden Person', email: 'zq@secret.example', talent_pool_status: 'masked' });
      insertCandidate(db, masked);
      for (const term of ['z', 'zq', 'zq@', 'secret', 'zq@secret.example']) expect(search(db, term), term).toEqual([]);
      expect(search(db, 'hidden')).toEqual([masked.id]);
    });

    it('follows a change of name or email (the search index is kept in step)', () => {
      const record = makeCandidateRecord({ full_name: 'Old Name', email: 'old.address@example.com' });
      const other = makeCandidateRecord({ full_name: 'Someone Else', email: 'else@example.com' });
      insertAll(db, [record, other]);
      expect(search(db, 'old name')).toEqual([record.id]);

      updateCandidate(db, { ...record, full_name: 'Brand New', email: 'fresh@sample.org' });
      expect(search(db, 'old')).toEqual([]);
      expect(search(db, 'ol')).toEqual([]);
      expect(search(db, 'old.address')).toEqual([]);
      expect(search(db, 'brand new')).toEqual([record.id]);
      expect(search(db, 'fresh@')).toEqual([record.id]);
      expect(search(db, 'sample')).toEqual([record.id]);
      expect(search(db, 'else')).toEqual([other.id]);
      checkSearchIndex(db);

      updateCandidate(db, { ...record, full_name: 'Brand New', email: 'fresh@sample.org', location: 'Pune' });
      expect(search(db, 'brand')).toEqual([record.id]);

      updateCandidate(db, { ...record, full_name: 'BRAND NEW', email: 'fresh@sample.org' });
      expect(search(db, 'brand new')).toEqual([record.id]);
      checkSearchIndex(db);
    });

    it('drops a masked candidate\u2019s email from search, and restores it once revealed', () => {
      const record = makeCandidateRecord({ full_name: 'Tara', email: 'tara.k@example.com' });
      insertCandidate(db, record);
      expect(search(db, 'tara.k')).toEqual([record.id]);

      updateCandidate(db, { ...record, talent_pool_status: 'masked' });
      expect(search(db, 'tara.k')).toEqual([]);
      expect(search(db, 'k@')).toEqual([]);
      expect(search(db, 'tara')).toEqual([record.id]);

      updateCandidate(db, { ...record, talent_pool_status: 'revealed' });
      expect(search(db, 'tara.k')).toEqual([record.id]);
      checkSearchIndex(db);
    });

    it('takes FTS5 syntax as plain text: quotes, *, OR, NEAR( and the like neither throw nor act as operators', () => {
      const names = ['Ann "Quoted" Lee', 'Star*Power', 'Rock OR Roll', 'NEAR(x y)', 'col:umn', '^caret', 'AND NOT', "O'Brien"];
      const records = names.map((full_name) => makeCandidateRecord({ full_name }));
      insertAll(db, records);
      const terms = [
        '"', '""', '"quoted"', 'ann "', '*', 'star*', 'r*p', 'or', ' or ', 'rock or roll', 'a or b', 'near(', 'near(x y)',
        'near', '(', ')', '()', 'col:', 'search_name:', '{search_name}:', '^', '^ca', 'and', 'and not', 'not', '-', '+',
        "'", "o'b", '\\', '%', '_', ':', 'a"b"c', '"""',
      ];
      for (const term of terms) {
        expect(() => search(db, term), term).not.toThrow();
        expect(search(db, term), term).toEqual(referenceSearch(records, term));
      }
    });

    it('takes a NUL character as plain text, in a term of any length and in stored names', () => {
      const record = makeCandidateRecord({ full_name: 'Nul\u0000Byte Name' });
      insertCandidate(db, record);
      for (const term of ['\u0000', 'l\u0000', 'l\u0000b', '\u0000\u0000\u0000', 'nul\u0000byte', 'by', 'byte name', 'nul']) {
        expect(() => search(db, term), JSON.stringify(term)).not.toThrow();
        expect(search(db, term), JSON.stringify(term)).toEqual(referenceSearch([record], term));
      }
    });
  });

  describe('merging one candidate into another', () => {
    it('removes the merged one with its applications and search entry, and its id answers for the one kept', () => {
      const kept = makeCandidateRecord({ full_name: 'Rahul Singh' });
      const merged = makeCandidateRecord({ full_name: 'Rahul Kumar Singh', email: 'rahul.k@example.com' });
      insertAll(db, [kept, merged]);
      insertApplication(db, makeApplicationRecord(merged.id));
      mergeCandidateRowInto(db, merged.id, kept.id);

      expect(findCandidateById(db, merged.id)).toBeUndefined();
      expect(findCandidateByIdOrAlias(db, merged.id)).toEqual(kept);
      expect(findCandidateByIdOrAlias(db, kept.id)).toEqual(kept);
      expect(findCandidateByEmail(db, 'rahul.k@example.com')).toBeUndefined();
      expect(idsOf(db, listCandidateSeqs(db, { search: 'kumar', jobId: undefined }))).toEqual([]);
      expect(idsOf(db, listCandidateSeqs(db, { search: '', jobId: undefined }))).toEqual([kept.id]);
      expect(db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      checkSearchIndex(db);
    });

    it('carries earlier aliases along: every id ever handed out still answers', () => {
      const [first, second, third] = [makeCandidateRecord(), makeCandidateRecord(), makeCandidateRecord()];
      insertAll(db, [first, second, third]);
      mergeCandidateRowInto(db, first.id, second.id);
      mergeCandidateRowInto(db, second.id, third.id);
      for (const id of [first.id, second.id, third.id]) expect(findCandidateByIdOrAlias(db, id)?.id).toBe(third.id);
      expect(findCandidateByIdOrAlias(db, randomUUID())).toBeUndefined();
    });

    it('refuses to merge a candidate into itself or into one that is not there, changing nothing', () => {
      const record = makeCandidateRecord();
      insertCandidate(db, record);
      expect(() => mergeCandidateRowInto(db, record.id, record.id)).toThrow(/Cannot merge/);
      expect(() => mergeCandidateRowInto(db, record.id, randomUUID())).toThrow(/Cannot merge/);
      expect(findCandidateById(db, record.id)).toEqual(record);
    });
  });
});
