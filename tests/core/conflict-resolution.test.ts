import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { updateCandidate } from '../../electron/core/candidates';
import { resolveConflict } from '../../electron/core/conflict-resolution';
import { findApplication } from '../../electron/db/application-repository';
import { findCandidateById } from '../../electron/db/candidate-repository';
import { type ConflictRow, findConflict, listConflicts, listOutbox } from '../../electron/db/sync-repository';
import { dumpDatabase } from '../helpers/database-dump';
import { type SyncSides, startSyncSides } from '../helpers/sync-test-api';
import { TestClock } from '../helpers/test-clock';
import { openTestDatabase } from '../helpers/test-database';

const JOB = '7d3f2a10-4b6c-4e8d-9f01-23456789abcd';

/** The AppError a call throws, or a failure when it throws nothing (or something else). */
function appErrorOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

describe('resolveConflict', () => {
  let sides: SyncSides;
  let clock: TestClock;

  beforeEach(async () => {
    // A day ahead of the stand-in cloud's real clock: a local change is stamped with this clock's time,
    // not just past the cloud's updated_at.
    clock = new TestClock(new Date(Date.now() + 86_400_000).toISOString());
    sides = await startSyncSides({ local: openTestDatabase({ now: clock.now }) });
  });
  afterEach(async () => {
    const local = sides.local;
    await sides.close();
    local.close();
    expect([...sides.reported.engine, ...sides.reported.server].map(String)).toEqual([]);
  });

  const ctx = () => sides.local.ctx;
  const record = (id: string) => findCandidateById(sides.local.db, id)!;
  const remoteOf = (id: string) => sides.remote.controls.snapshot().find((c) => c.id === id)!;
  const outboxFields = (id: string) => listOutbox(sides.local.db, id).map((entry) => entry.field);

  async function locationConflict(): Promise<{ id: string; conflict: ConflictRow }> {
    const id = await sides.pulledCandidate({ full_name: 'Kiran Rao', email: 'kiran@example.com', location: 'Chennai' });
    const conflicts = await sides.conflicting(id, { location: 'Pune' }, { location: 'Hyderabad' });
    expect(conflicts.map((c) => [c.field, c.base, c.local, c.remote])).toEqual([['location', 'Chennai', 'Pune', 'Hyderabad']]);
    return { id, conflict: conflicts[0]! };
  }

  describe('a plain field', () => {
    it('take local: keeps the local value, records it for the cloud, and the next sync sends it', async () => {
      const { id, conflict } = await locationConflict();
      clock.advance(60_000);
      const resolved = resolveConflict(ctx(), conflict.id, { take: 'local' });

      expect(resolved).toMatchObject({ id: conflict.id, status: 'resolved', resolution: 'local', resolved_value: 'Pune', resolved_at: clock.iso() });
      // The history keeps every value the recruiter chose between.
      expect(resolved).toMatchObject({ base: 'Chennai', local: 'Pune', remote: 'Hyderabad' });
      expect(record(id).location).toBe('Pune');
      expect(outboxFields(id)).toContain('location');

      await sides.syncOk();
      expect(remoteOf(id).location).toBe('Pune');
      expect(listConflicts(sides.local.db, { status: 'open' })).toEqual([]);
      expect(outboxFields(id)).toEqual([]);
    });

    it('take remote: writes the remote value locally and sends nothing back', async () => {
      const { id, conflict } = await locationConflict();
      const remoteBefore = remoteOf(id);
      const resolved = resolveConflict(ctx(), conflict.id, { take: 'remote' });

      expect(resolved).toMatchObject({ status: 'resolved', resolution: 'remote', resolved_value: 'Hyderabad' });
      expect(record(id).location).toBe('Hyderabad');
      const summary = await sides.syncOk();
      expect(summary.pushed).toBe(0);
      expect(remoteOf(id).updated_at).toBe(remoteBefore.updated_at);
      expect(outboxFields(id)).toEqual([]);
    });

    it('take value: validates and normalises it like a PUT, writes it and sends it', async () => {
      const { id, conflict } = await locationConflict();
      const resolved = resolveConflict(ctx(), conflict.id, { take: 'value', value: '  Pune and Hyderabad  ' });

      expect(resolved).toMatchObject({ status: 'resolved', resolution: 'value', resolved_value: 'Pune and Hyderabad' });
      expect(record(id).location).toBe('Pune and Hyderabad');
      await sides.syncOk();
      expect(remoteOf(id).location).toBe('Pune and Hyderabad');
    });

    it('moves the candidate updated_at, as an edit does', async () => {
      const { id, conflict } = await locationConflict();
      clock.advance(60_000);
      resolveConflict(ctx(), conflict.id, { take: 'remote' });
      expect(record(id).updated_at).toBe(clock.iso());
    });

    it('refuses an invalid value at path "value" and changes nothing', async () => {
      const { conflict } = await locationConflict();
      const before = dumpDatabase(sides.local.db);
      for (const value of [42, ['Pune'], { city: 'Pune' }, 'x'.repeat(501)]) {
        const error = appErrorOf(() => resolveConflict(ctx(), conflict.id, { take: 'value', value }));
        expect(error.code).toBe('validation_error');
        expect(error.details?.map((d) => d.path)).toEqual(['value']);
      }
      expect(dumpDatabase(sides.local.db)).toEqual(before);
      expect(findConflict(sides.local.db, conflict.id)!.status).toBe('open');
    });

    it('refuses null for a field that cannot be cleared', async () => {
      const id = await sides.pulledCandidate({ full_name: 'Kiran Rao', email: 'kiran@example.com' });
      const [conflict] = await sides.conflicting(id, { full_name: 'Kiran R.' }, { full_name: 'K. Rao' });
      const error = appErrorOf(() => resolveConflict(ctx(), conflict!.id, { take: 'value', value: null }));
      expect(error.code).toBe('validation_error');
      expect(record(id).full_name).toBe('Kiran R.');
    });

    it('refuses an empty email (it would clear the email of a candidate that is not masked)', async () => {
      const id = await sides.pulledCandidate({ full_name: 'Kiran Rao', email: 'kiran@example.com' });
      const [conflict] = await sides.conflicting(id, { email: 'kiran.rao@example.com' }, { email: 'k.rao@example.com' });
      expect(conflict!.field).toBe('email');
      for (const value of ['', '   ']) {
        const error = appErrorOf(() => resolveConflict(ctx(), conflict!.id, { take: 'value', value }));
        expect(error.code).toBe('validation_error');
        expect(error.details?.map((d) => d.path)).toEqual(['value']);
      }
      expect(record(id).email).toBe('kiran.rao@example.com');
    });

    it('refuses an email another local candidate has (email_taken)', async () => {
      await sides.pulledCandidate({ full_name: 'Other One', email: 'other@example.com' });
      const id = await sides.pulledCandidate({ full_name: 'Kiran Rao', email: 'kiran@example.com' });
      const [conflict] = await sides.conflicting(id, { email: 'kiran.rao@example.com' }, { email: 'k.rao@example.com' });
      expect(appErrorOf(() => resolveConflict(ctx(), conflict!.id, { take: 'value', value: 'OTHER@example.com' })).code).toBe('email_taken');
      expect(findConflict(sides.local.db, conflict!.id)!.status).toBe('open');
    });
  });

  describe('a metadata key', () => {
    async function metadataConflicts() {
      const id = await sides.pulledCandidate({
        full_name: 'Meera Iyer',
        email: 'meera@example.com',
        metadata: { ats: 'A-1', stage: 'new', kept: true },
      });
      const conflicts = await sides.conflicting(
        id,
        { metadata: { ats: 'A-2', stage: 'new', kept: true, local_only: 1 } },
        { metadata: { ats: 'A-3', stage: 'new', kept: true } },
      );
      expect(conflicts.map((c) => c.field)).toEqual(['metadata.ats']);
      return { id, conflict: conflicts[0]! };
    }

    it('take remote: sets only that key; the other local keys stay and go to the cloud', async () => {
      const { id, conflict } = await metadataConflicts();
      resolveConflict(ctx(), conflict.id, { take: 'remote' });
      expect(record(id).metadata).toEqual({ ats: 'A-3', stage: 'new', kept: true, local_only: 1 });
      expect(outboxFields(id)).toContain('metadata');
      await sides.syncOk();
      expect(remoteOf(id).metadata).toEqual({ ats: 'A-3', stage: 'new', kept: true, local_only: 1 });
    });

    it('take value: any JSON value; null removes the key', async () => {
      const { id, conflict } = await metadataConflicts();
      resolveConflict(ctx(), conflict.id, { take: 'value', value: { system: 'ats', id: 7 } });
      expect(record(id).metadata).toEqual({ ats: { system: 'ats', id: 7 }, stage: 'new', kept: true, local_only: 1 });

      const [again] = await sides.conflicting(id, { metadata: { ...record(id).metadata, ats: 'L' } }, { metadata: { ...remoteOf(id).metadata, ats: 'R' } });
      resolveConflict(ctx(), again!.id, { take: 'value', value: null });
      expect(record(id).metadata).toEqual({ stage: 'new', kept: true, local_only: 1 });
      await sides.syncOk();
      expect(remoteOf(id).metadata).toEqual({ stage: 'new', kept: true, local_only: 1 });
    });

    it('resolves a key whose name has a dot in it, and that key only', async () => {
      const id = await sides.pulledCandidate({ full_name: 'Meera Iyer', email: 'meera@example.com', metadata: { 'ats.id': 'A-1', ats: 'keep' } });
      const [conflict] = await sides.conflicting(id, { metadata: { 'ats.id': 'A-2', ats: 'keep' } }, { metadata: { 'ats.id': 'A-3', ats: 'keep' } });
      expect(conflict!.field).toBe('metadata.ats.id');
      resolveConflict(ctx(), conflict!.id, { take: 'remote' });
      expect(record(id).metadata).toEqual({ 'ats.id': 'A-3', ats: 'keep' });
    });

    it('refuses a value that would make metadata too large', async () => {
      const { id, conflict } = await metadataConflicts();
      const before = record(id).metadata;
      const error = appErrorOf(() => resolveConflict(ctx(), conflict.id, { take: 'value', value: 'x'.repeat(17_000) }));
      expect(error.code).toBe('validation_error');
      expect(error.details?.map((d) => d.path)).toEqual(['value']);
      expect(record(id).metadata).toEqual(before);
    });
  });

  describe('an application', () => {
    async function applicationConflicts(local: Record<string, unknown>, remote: Record<string, unknown>) {
      const id = await sides.pulledCandidate({
        full_name: 'Arjun Menon',
        email: 'arjun@example.com',
        application: { job_id: JOB, status: 'Applied', notes: 'first call' },
      });
      const conflicts = await sides.conflicting(id, { application: { job_id: JOB, ...local } }, { application: { job_id: JOB, ...remote } });
      return { id, conflicts };
    }

    it('status, take value: matched case-insensitively, stored in the pipeline spelling, shortlisted_at set, sent', async () => {
      const { id, conflicts } = await applicationConflicts({ status: 'Interview' }, { status: 'Rejected' });
      expect(conflicts.map((c) => c.field)).toEqual([`applications.${JOB}.status`]);
      clock.advance(60_000);
      const resolved = resolveConflict(ctx(), conflicts[0]!.id, { take: 'value', value: ' shortlisted ' });

      expect(resolved).toMatchObject({ resolution: 'value', resolved_value: 'Shortlisted' });
      const application = findApplication(sides.local.db, id, JOB)!;
      expect(application).toMatchObject({ status: 'Shortlisted', status_date: clock.iso(), shortlisted_at: clock.iso() });
      expect(record(id).updated_at).toBe(clock.iso());
      expect(outboxFields(id)).toContain(`application:${JOB}`);
      await sides.syncOk();
      expect(remoteOf(id).applications.find((a) => a.job_id === JOB)!.status).toBe('Shortlisted');
    });

    it('status, take remote: takes the remote status and sends nothing back', async () => {
      const { id, conflicts } = await applicationConflicts({ status: 'Interview' }, { status: 'Rejected' });
      resolveConflict(ctx(), conflicts[0]!.id, { take: 'remote' });
      expect(findApplication(sides.local.db, id, JOB)!.status).toBe('Rejected');
      expect((await sides.syncOk()).pushed).toBe(0);
    });

    it('status: refuses one that is not in the pipeline', async () => {
      const { id, conflicts } = await applicationConflicts({ status: 'Interview' }, { status: 'Rejected' });
      for (const value of ['Ghosted', null, 3]) {
        const error = appErrorOf(() => resolveConflict(ctx(), conflicts[0]!.id, { take: 'value', value }));
        expect(error.code).toBe('validation_error');
        expect(error.details?.map((d) => d.path)).toEqual(['value']);
      }
      expect(findApplication(sides.local.db, id, JOB)!.status).toBe('Interview');
    });

    it('notes, take local: keeps them and sends them', async () => {
      const { id, conflicts } = await applicationConflicts({ notes: 'local note' }, { notes: 'remote note' });
      expect(conflicts.map((c) => c.field)).toEqual([`applications.${JOB}.notes`]);
      resolveConflict(ctx(), conflicts[0]!.id, { take: 'local' });
      expect(findApplication(sides.local.db, id, JOB)!.notes).toBe('local note');
      await sides.syncOk();
      expect(remoteOf(id).applications.find((a) => a.job_id === JOB)!.notes).toBe('local note');
    });

    it('notes, take value: trimmed, "" clears them, over 5,000 characters refused', async () => {
      const { id, conflicts } = await applicationConflicts({ notes: 'local note' }, { notes: 'remote note' });
      const conflictId = conflicts[0]!.id;
      const error = appErrorOf(() => resolveConflict(ctx(), conflictId, { take: 'value', value: 'n'.repeat(5001) }));
      expect(error.code).toBe('validation_error');
      expect(error.details?.map((d) => d.path)).toEqual(['value']);
      expect(findApplication(sides.local.db, id, JOB)!.notes).toBe('local note');

      resolveConflict(ctx(), conflictId, { take: 'value', value: '  both notes  ' });
      expect(findApplication(sides.local.db, id, JOB)!.notes).toBe('both notes');

      const [again] = await sides.conflicting(id, { application: { job_id: JOB, notes: 'L' } }, { application: { job_id: JOB, notes: 'R' } });
      resolveConflict(ctx(), again!.id, { take: 'value', value: '' });
      expect(findApplication(sides.local.db, id, JOB)!.notes).toBeNull();
    });
  });

  describe('refusals', () => {
    it('an unknown id is not_found', () => {
      expect(appErrorOf(() => resolveConflict(ctx(), 999, { take: 'local' })).code).toBe('not_found');
    });

    it('a conflict already resolved is already_resolved, and keeps its first answer', async () => {
      const { id, conflict } = await locationConflict();
      resolveConflict(ctx(), conflict.id, { take: 'remote' });
      expect(appErrorOf(() => resolveConflict(ctx(), conflict.id, { take: 'local' })).code).toBe('already_resolved');
      expect(findConflict(sides.local.db, conflict.id)).toMatchObject({ resolution: 'remote', resolved_value: 'Hyderabad' });
      expect(record(id).location).toBe('Hyderabad');
    });

    it('a conflict decided by a policy is history, not a question', async () => {
      const id = await sides.pulledCandidate({ full_name: 'Kiran Rao', email: 'kiran@example.com', location: 'Chennai' });
      await sides.syncOk();
      updateCandidate(ctx(), id, { location: 'Pune' });
      sides.remote.controls.editAsRecruiter(id, { location: 'Hyderabad' });
      await sides.syncOk('prefer-remote');
      const [decided] = listConflicts(sides.local.db, { candidateId: id });
      expect(decided).toMatchObject({ status: 'resolved', resolution: 'remote' });
      expect(appErrorOf(() => resolveConflict(ctx(), decided!.id, { take: 'local' })).code).toBe('already_resolved');
    });
  });
});
