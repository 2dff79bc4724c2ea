import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { createOrMatchCandidate, getCandidate, updateCandidate } from '../../electron/core/candidates';
import { insertApplication } from '../../electron/db/application-repository';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { dumpDatabase } from '../helpers/database-dump';
import { TestClock } from '../helpers/test-clock';
import { type TestDatabase, openTestDatabase } from '../helpers/test-database';

function failure(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('a failing write changes nothing', () => {
  let clock: TestClock;
  let database: TestDatabase;
  let aliceId: string;
  let bobId: string;
  const maskedRecord = makeCandidateRecord({
    full_name: 'Masked Person',
    email: 'masked.person@example.com',
    phone_number: '+91 98888 77777',
    current_ctc: 30,
    talent_pool_status: 'masked',
  });
  const maskedJob = randomUUID();

  beforeEach(() => {
    clock = new TestClock();
    database = openTestDatabase({ now: clock.now });
    const { ctx, db } = database;
    aliceId = createOrMatchCandidate(ctx, {
      full_name: 'Alice Menon',
      email: 'alice@example.com',
      location: 'Chennai',
      primary_skills: ['SQL'],
      application: { job_id: randomUUID(), status: 'Screening' },
    }).candidate.id;
    bobId = createOrMatchCandidate(ctx, { full_name: 'Bob Das', email: 'bob@example.com' }).candidate.id;
    insertCandidate(db, maskedRecord);
    insertApplication(db, makeApplicationRecord(maskedRecord.id, { job_id: maskedJob }));
    // Anything written after this would carry a later timestamp.
    clock.advance(60_000);
  });
  afterEach(() => database.close());

  function expectUnchangedBy(action: () => unknown, code: string): AppError {
    const before = dumpDatabase(database.db);
    const views = [aliceId, bobId, maskedRecord.id].map((id) => getCandidate(database.ctx, id));
    const error = failure(action);
    expect(error.code).toBe(code);
    expect(dumpDatabase(database.db)).toEqual(before);
    expect([aliceId, bobId, maskedRecord.id].map((id) => getCandidate(database.ctx, id))).toEqual(views);
    return error;
  }

  it('the dump does see a successful update (so the comparisons below can fail)', () => {
    const before = dumpDatabase(database.db);
    updateCandidate(database.ctx, aliceId, { location: 'Madurai' });
    expect(dumpDatabase(database.db)).not.toEqual(before);
  });

  describe('validation_error', () => {
    it('one bad field among good ones: none of them is applied', () => {
      expectUnchangedBy(
        () => updateCandidate(database.ctx, aliceId, { full_name: 'Alice M', location: 'Delhi', notice_period_days: -1 }),
        'validation_error',
      );
    });

    it('a bad application status with a good name change and a new application', () => {
      expectUnchangedBy(
        () =>
          updateCandidate(database.ctx, aliceId, {
            full_name: 'Alice Renamed',
            application: { job_id: randomUUID(), status: 'Promoted' },
          }),
        'validation_error',
      );
    });

    it('an unknown field beside valid ones', () => {
      expectUnchangedBy(() => updateCandidate(database.ctx, bobId, { location: 'Goa', favourite_colour: 'blue' }), 'validation_error');
    });

    it('a POST that would match an existing candidate but has an invalid application', () => {
      expectUnchangedBy(
        () =>
          createOrMatchCandidate(database.ctx, {
            full_name: 'Bob Das',
            email: 'BOB@example.com',
            application: { job_id: 'not-a-uuid' },
          }),
        'validation_error',
      );
    });

    it('a POST of a new candidate with one invalid field', () => {
      expectUnchangedBy(
        () => createOrMatchCandidate(database.ctx, { full_name: 'New Person', email: 'new@example.com', current_ctc: '18' }),
        'validation_error',
      );
    });
  });

  describe('email_taken (409)', () => {
    it('taking another candidate\u2019s email (other case) also drops the name change and the application', () => {
      expectUnchangedBy(
        () =>
          updateCandidate(database.ctx, aliceId, {
            full_name: 'Alice Changed',
            email: 'BOB@Example.com',
            application: { job_id: randomUUID() },
          }),
        'email_taken',
      );
    });

    it('outranks 403 on a masked candidate', () => {
      expectUnchangedBy(
        () => updateCandidate(database.ctx, maskedRecord.id, { email: 'alice@example.com', location: 'Agra' }),
        'email_taken',
      );
    });
  });

  describe('talent_pool_reveal_required (403) on a masked candidate', () => {
    it('a locked-field change makes the whole PUT a no-op: its other fields are not applied', () => {
      const error = expectUnchangedBy(
        () =>
          updateCandidate(database.ctx, maskedRecord.id, {
            full_name: 'Unmasked Name',
            location: 'Kochi',
            primary_skills: ['Kotlin'],
            phone_number: '+91 90000 00000',
            application: { job_id: randomUUID(), status: 'Interview' },
          }),
        'talent_pool_reveal_required',
      );
      expect(error.details).toEqual([{ path: 'phone_number', message: expect.any(String) }]);
    });

    it('names every locked field the request would change, and still writes nothing', () => {
      const error = expectUnchangedBy(
        () =>
          updateCandidate(database.ctx, maskedRecord.id, {
            email: 'different@example.com',
            whatsapp_number: '123',
            current_ctc: 31,
            expected_ctc: 0,
            phone_number: null,
            application: { job_id: maskedJob, status: 'Hired' },
          }),
        'talent_pool_reveal_required',
      );
      expect(error.details?.map((d) => d.path).sort()).toEqual(['current_ctc', 'email', 'expected_ctc', 'whatsapp_number']);
    });

    it('sending the candidate\u2019s real (hidden) values is still a change from the masked view', () => {
      expectUnchangedBy(
        () => updateCandidate(database.ctx, maskedRecord.id, { email: maskedRecord.email, location: 'Somewhere' }),
        'talent_pool_reveal_required',
      );
    });

    it('while the masked view sent back unchanged is accepted and the other fields apply', () => {
      const view = getCandidate(database.ctx, maskedRecord.id);
      const updated = updateCandidate(database.ctx, maskedRecord.id, { ...view, location: 'Kochi' });
      expect(updated.location).toBe('Kochi');
      expect(updated.updated_at).toBe(clock.iso());
      const stored = database.db.prepare('SELECT email, phone_number, current_ctc FROM candidates WHERE id = ?').get(maskedRecord.id);
      expect(stored).toEqual({ email: maskedRecord.email, phone_number: maskedRecord.phone_number, current_ctc: maskedRecord.current_ctc });
    });
  });

  it('in one group commit, a refused PUT writes nothing while the writes beside it commit', async () => {
    const maskedBefore = database.db.prepare('SELECT * FROM candidates WHERE id = ?').get(maskedRecord.id);
    const maskedApplicationsBefore = getCandidate(database.ctx, maskedRecord.id).applications;
    const outcomes = await Promise.allSettled([
      database.ctx.writes.run(() => updateCandidate(database.ctx, aliceId, { location: 'Madurai' })),
      database.ctx.writes.run(() =>
        updateCandidate(database.ctx, maskedRecord.id, {
          location: 'Kochi',
          expected_ctc: 50,
          application: { job_id: randomUUID() },
        }),
      ),
      database.ctx.writes.run(() => createOrMatchCandidate(database.ctx, { full_name: 'Carol', email: 'carol@example.com' })),
      database.ctx.writes.run(() => updateCandidate(database.ctx, bobId, { email: 'alice@example.com', full_name: 'Bob Renamed' })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(database.db.prepare('SELECT * FROM candidates WHERE id = ?').get(maskedRecord.id)).toEqual(maskedBefore);
    expect(getCandidate(database.ctx, maskedRecord.id).applications).toEqual(maskedApplicationsBefore);
    expect(getCandidate(database.ctx, bobId).full_name).toBe('Bob Das');
    expect(getCandidate(database.ctx, aliceId).location).toBe('Madurai');
    expect(createOrMatchCandidate(database.ctx, { full_name: 'x', email: 'CAROL@example.com' }).created).toBe(false);
    database.db.prepare("INSERT INTO candidate_search (candidate_search) VALUES ('integrity-check')").run();
  });

  it('not_found writes nothing', () => {
    expectUnchangedBy(() => updateCandidate(database.ctx, randomUUID(), { full_name: 'Ghost' }), 'not_found');
  });
});
