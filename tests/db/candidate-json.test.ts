import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCandidateView, toCandidateWithApplicationsView } from '../../electron/core/candidate-view';
import { type ApplicationRecord, insertApplication, listApplicationsOfCandidate } from '../../electron/db/application-repository';
import { findCandidateJsonBySeqs, findCandidateWithApplicationsJson } from '../../electron/db/candidate-json';
import {
  type CandidateRecord,
  findCandidateById,
  insertCandidate,
  mergeCandidateRowInto,
  updateCandidate,
} from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { type TestDatabase, openTestDatabase } from '../helpers/test-database';

// Text with what JSON must escape (quotes, backslashes, control characters, NUL) and every script.
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('"\\', 'a\u0000b', '\n\t\u001f\u007f', 'அனன்யா', '😀'));
const optionalText = fc.option(text);
const amount = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constantFrom(0, -0, 3, 0.1 + 0.2, 1e21, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 5e-324, 1234567.891234567),
);
const jsonValue = fc.jsonValue({ maxDepth: 3 });

const record: fc.Arbitrary<CandidateRecord> = fc
  .record({
    full_name: text,
    email: fc.option(text),
    phone_number: optionalText,
    whatsapp_number: optionalText,
    location: optionalText,
    preferred_location: optionalText,
    primary_skills: fc.array(text, { maxLength: 4 }),
    secondary_skills: fc.array(fc.oneof(text, fc.constantFrom('react', ' REACT ', 'Ölçme', 'ölçme')), { maxLength: 4 }),
    total_experience_years: fc.option(amount),
    current_company: optionalText,
    current_designation: optionalText,
    current_ctc: fc.option(amount),
    expected_ctc: fc.option(amount),
    notice_period_days: fc.option(fc.integer({ min: -1e9, max: 1e9 })),
    in_notice_period: fc.option(fc.boolean()),
    last_working_day: optionalText,
    resume_url: optionalText,
    source: optionalText,
    screening_score: fc.option(amount),
    talent_pool_status: fc.constantFrom('not_linked', 'masked', 'revealed'),
    metadata: fc.option(fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), jsonValue, { maxKeys: 4 })),
    created_at: fc.constantFrom('2026-11-01T09:00:00.000Z', '2026-11-30T23:59:59.999Z'),
  })
  .map((fields) => {
    const id = randomUUID();
    // Emails are unique in the store: each run's own id keeps them apart.
    const email = fields.email === null ? null : `${fields.email}${id}`;
    return makeCandidateRecord({ ...fields, id, email, updated_at: fields.created_at });
  });

// Few creation times, so that applications often tie on it and are ordered by id.
const applicationFields = fc.record({
  status: text,
  screening_score: fc.option(amount),
  match_score: fc.option(amount),
  notes: optionalText,
  shortlisted_at: optionalText,
  status_date: optionalText,
  metadata: fc.option(fc.dictionary(fc.string(), jsonValue, { maxKeys: 3 })),
  created_at: fc.constantFrom('2026-11-02T09:00:00.000Z', '2026-11-03T09:00:00.000Z'),
});

function applicationsOf(candidateId: string, fields: readonly Partial<ApplicationRecord>[]): ApplicationRecord[] {
  return fields.map((each) => makeApplicationRecord(candidateId, { ...each, updated_at: each.created_at! }));
}

/** What the JavaScript path would send, through JSON: -0 and 0, and undefined, mean the same on the wire. */
const onTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// A fresh migrated store per test, for both readers.
let t: TestDatabase;
beforeEach(() => {
  t = openTestDatabase();
});
afterEach(() => t.close());

describe('findCandidateJsonBySeqs: the list JSON SQLite writes', () => {
  it('is toCandidateView of the stored candidate, value for value and key for key, masked or not', () => {
    fc.assert(
      fc.property(record, (candidate) => {
        const seq = insertCandidate(t.db, candidate);
        const [json] = findCandidateJsonBySeqs(t.db, [seq]);
        const view = toCandidateView(findCandidateById(t.db, candidate.id)!);
        const parsed = JSON.parse(json!) as Record<string, unknown>;
        expect(Object.keys(parsed)).toEqual(Object.keys(view));
        expect(parsed).toEqual(onTheWire(view));
      }),
      { numRuns: 400 },
    );
  });

  it('writes whole numbers as JavaScript does and keeps every other one exact', () => {
    const candidate = makeCandidateRecord({ current_ctc: 18, expected_ctc: 0.1 + 0.2, total_experience_years: -0, screening_score: 1e21 });
    const [json] = findCandidateJsonBySeqs(t.db, [insertCandidate(t.db, candidate)]);
    expect(json).toContain('"current_ctc":18,');
    expect(json).toContain('"total_experience_years":0,');
    expect((JSON.parse(json!) as { expected_ctc: number }).expected_ctc).toBe(0.1 + 0.2);
    expect((JSON.parse(json!) as { screening_score: number }).screening_score).toBe(1e21);
  });

  it('follows an update: new skills, and the locked fields once the candidate is masked', () => {
    const candidate = makeCandidateRecord({ primary_skills: ['React'], secondary_skills: ['Docker'] });
    const seq = insertCandidate(t.db, candidate);
    updateCandidate(t.db, { ...candidate, secondary_skills: ['react', 'Go'], talent_pool_status: 'masked' });
    const shown = JSON.parse(findCandidateJsonBySeqs(t.db, [seq])[0]!) as Record<string, unknown>;
    expect(shown).toMatchObject({ skill_array: ['React', 'Go'], email: '', phone_number: null, current_ctc: null, expected_ctc: null });
  });

  it('answers in the order of the row numbers given and skips those no longer there', () => {
    const seqs = ['First', 'Second', 'Third'].map((full_name) => insertCandidate(t.db, makeCandidateRecord({ full_name })));
    const names = findCandidateJsonBySeqs(t.db, [seqs[2]!, 999_999, seqs[0]!]).map((json) => (JSON.parse(json) as { full_name: string }).full_name);
    expect(names).toEqual(['Third', 'First']);
    expect(findCandidateJsonBySeqs(t.db, [])).toEqual([]);
  });
});

describe('findCandidateWithApplicationsJson: the detail JSON SQLite writes', () => {
  it('is toCandidateWithApplicationsView of the stored candidate and its applications, oldest first', () => {
    fc.assert(
      fc.property(record, fc.array(applicationFields, { maxLength: 4 }), (candidate, fields) => {
        insertCandidate(t.db, candidate);
        for (const application of applicationsOf(candidate.id, fields)) insertApplication(t.db, application);
        const parsed = JSON.parse(findCandidateWithApplicationsJson(t.db, candidate.id)!.toString('utf8')) as { applications: object[] };
        const view = toCandidateWithApplicationsView(findCandidateById(t.db, candidate.id)!, listApplicationsOfCandidate(t.db, candidate.id));
        expect(Object.keys(parsed)).toEqual(Object.keys(view));
        for (const [index, application] of parsed.applications.entries()) expect(Object.keys(application)).toEqual(Object.keys(view.applications[index]!));
        expect(parsed).toEqual(onTheWire(view));
      }),
      { numRuns: 300 },
    );
  });

  it('answers for a merged candidate\'s old id with the candidate it became, and not for an unknown id', () => {
    const kept = makeCandidateRecord({ full_name: 'Kept' });
    const merged = makeCandidateRecord({ full_name: 'Merged' });
    insertCandidate(t.db, kept);
    insertCandidate(t.db, merged);
    insertApplication(t.db, makeApplicationRecord(kept.id));
    mergeCandidateRowInto(t.db, merged.id, kept.id);
    const shown = JSON.parse(findCandidateWithApplicationsJson(t.db, merged.id)!.toString('utf8')) as { id: string; applications: { candidate_id: string }[] };
    expect(shown.id).toBe(kept.id);
    expect(shown.applications.map((application) => application.candidate_id)).toEqual([kept.id]);
    expect(findCandidateWithApplicationsJson(t.db, randomUUID())).toBeUndefined();
  });
});
