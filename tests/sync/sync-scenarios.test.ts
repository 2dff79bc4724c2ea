import { afterEach, describe, expect, it } from 'vitest';
import { getCandidate, updateCandidate } from '../../electron/core/candidates';
import { resolveConflict } from '../../electron/core/conflict-resolution';
import { listConflicts, listOutbox, listPushFailures } from '../../electron/db/sync-repository';
import type { ConflictPolicy } from '../../electron/sync/merge';
import { listParkedValues } from '../../electron/sync/sync-status';
import type { SyncRemote } from '../../electron/sync/sync-engine';
import { REMOTE_JOB_IDS } from '../../tools/remote-server/candidate-generator';
import { DEFAULT_ORGANIZATION_ID } from '../../tools/remote-server/remote-server';
import {
  allLocalCandidateIds,
  compareSides,
  dumpCandidateData,
  requestsByKind,
  type SyncHarness,
  syncHarnesses,
} from '../helpers/sync-harness';

const harnesses = syncHarnesses();
afterEach(() => harnesses.closeAll());

const [JOB_A, JOB_B, JOB_C] = [REMOTE_JOB_IDS[0], REMOTE_JOB_IDS[1], REMOTE_JOB_IDS[2]];

/** A remote with `count` plain candidates (none masked), and a local copy linked to all of them. */
async function linkedPair(count: number): Promise<SyncHarness> {
  const harness = await harnesses.start({ remote: { randomSeed: 7101 } });
  harness.remote.controls.seed(count, { maskedShare: 0, revealedShare: 0 });
  await harness.syncOk();
  expect(compareSides(harness)).toEqual([]);
  harness.remote.controls.resetStats();
  return harness;
}

/** The candidate as the contract shows it, without the cloud's own extra fields. */
function contractView(candidate: Record<string, unknown>): Record<string, unknown> {
  const { organization_id: _org, owner_name: _owner, ...rest } = candidate;
  return rest;
}

/** The remote's stats since the last reset, with the statuses answered. */
function traffic(harness: SyncHarness) {
  const stats = harness.remote.controls.stats();
  return { ...stats.byKind, statuses: stats.byStatus };
}

/** Converged: one more sync sends no detail, PUT or POST request and writes nothing. */
async function expectAnotherSyncChangesNothing(harness: SyncHarness): Promise<void> {
  harness.remote.controls.resetStats();
  const before = dumpCandidateData(harness.local.db);
  await harness.syncOk();
  expect(traffic(harness)).toMatchObject({ detail: 0, put: 0, post: 0 });
  expect(dumpCandidateData(harness.local.db)).toEqual(before);
}

describe('first sync of an empty app', () => {
  it('brings every remote candidate with its ids and timestamps, masked ones masked, and a second sync changes nothing', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7102, initialCandidates: 250 } });
    const remoteCandidates = harness.remote.controls.snapshot();
    expect(remoteCandidates.some((c) => c.talent_pool_status === 'masked')).toBe(true);

    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ pulled: 250, pushed: 0, created: 0, linked: 0, conflicts: 0, parked: 0, errors: 0 });
    expect(compareSides(harness)).toEqual([]);

    // Local ids are the remote's, and the local API answers each exactly as the remote's API does.
    expect(allLocalCandidateIds(harness.local.db).sort()).toEqual(remoteCandidates.map((c) => c.id).sort());
    for (const remote of remoteCandidates) {
      expect(harness.remoteIdOf(remote.id)).toBe(remote.id);
      const fromRemote = await harness.client.getCandidate(remote.id);
      const local = getCandidate(harness.local.ctx, remote.id);
      expect(local).toEqual(contractView(fromRemote as unknown as Record<string, unknown>));
      if (remote.talent_pool_status === 'masked') {
        expect(local).toMatchObject({ email: '', phone_number: null, whatsapp_number: null, current_ctc: null, expected_ctc: null });
      }
    }

    harness.remote.controls.resetStats();
    const before = dumpCandidateData(harness.local.db);
    const again = await harness.syncOk();
    expect(again).toMatchObject({ pulled: 0, pushed: 0, created: 0, linked: 0 });
    expect(traffic(harness)).toMatchObject({ detail: 0, post: 0, put: 0 });
    expect(dumpCandidateData(harness.local.db)).toEqual(before);
  });
});

describe('offline create, then sync', () => {
  it("applications made here before the first sync take on the cloud's organisation, and so do later ones", async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7102 } });
    harness.remote.controls.seed(3, { maskedShare: 0, revealedShare: 0 });
    const local = harness.createLocal({ full_name: 'Org Person', email: 'org.person@example.com', application: { job_id: JOB_A } });
    const madeUpHere = harness.localApplications(local.id)[0]!.organization_id;
    expect(madeUpHere).not.toBe(DEFAULT_ORGANIZATION_ID);

    await harness.syncOk();
    harness.editLocal(local.id, { application: { job_id: JOB_C } });
    const organisations = () => allLocalCandidateIds(harness.local.db).flatMap((id) => harness.localApplications(id).map((a) => a.organization_id));
    expect(new Set(organisations())).toEqual(new Set([DEFAULT_ORGANIZATION_ID]));
    await harness.syncOk();
    await expectAnotherSyncChangesNothing(harness);
  });

  it('201: the candidate is created remotely with its applications and linked; its local id still answers', async () => {
    const harness = await linkedPair(5);
    const local = harness.createLocal({
      full_name: 'Farhan Qureshi',
      email: 'farhan.qureshi@example.com',
      phone_number: '+91 98450 11223',
      location: 'Pune',
      primary_skills: ['Go', 'Kafka'],
      metadata: { referrer: 'Meera' },
      application: { job_id: JOB_A, status: 'Shortlisted', notes: 'Strong on systems' },
    });
    harness.editLocal(local.id, { application: { job_id: JOB_B } });

    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ created: 1, linked: 0, conflicts: 0, errors: 0 });
    const remoteId = harness.remoteIdOf(local.id);
    expect(remoteId).not.toBeNull();
    expect(remoteId).not.toBe(local.id);
    const remote = harness.remoteRecord(remoteId!);
    expect(remote).toMatchObject({ full_name: 'Farhan Qureshi', phone_number: '+91 98450 11223', metadata: { referrer: 'Meera' } });
    expect(remote.applications.map((a) => [a.job_id, a.status, a.notes]).sort()).toEqual(
      [
        [JOB_A, 'Shortlisted', 'Strong on systems'],
        [JOB_B, 'Applied', null],
      ].sort(),
    );
    expect(getCandidate(harness.local.ctx, local.id)).toMatchObject({ id: local.id, email: 'farhan.qureshi@example.com' });
    expect(compareSides(harness)).toEqual([]);
    expect(listOutbox(harness.local.db, local.id)).toEqual([]);
  });

  it('200: the remote already has the email; linked by first-link rules, no duplicate', async () => {
    const harness = await linkedPair(3);
    const { candidate: remoteOne } = harness.remote.controls.addCandidate({
      full_name: 'Asha Rao',
      email: 'Asha.Rao@Example.com',
      location: 'Pune',
      source: 'linkedin',
      current_company: 'Infosys',
      primary_skills: ['React'],
      metadata: { ats: 'R-1' },
      application: { job_id: JOB_A, status: 'Interview' },
    });
    const local = harness.createLocal({
      full_name: 'Asha Rao',
      email: '  asha.rao@example.com ',
      phone_number: '+91 90000 55555',
      location: 'Pune',
      current_company: 'TCS',
      primary_skills: ['TypeScript'],
      metadata: { referrer: 'Arjun' },
      application: { job_id: JOB_B, status: 'Applied' },
    });

    const summary = await harness.syncOk();
    // Linked, and updated from the remote too (its email spelling, source, skill, application): pulled.
    expect(summary).toMatchObject({ created: 0, linked: 1, pulled: 1, conflicts: 1 });
    expect(harness.remote.controls.snapshot()).toHaveLength(4);
    expect(harness.remoteIdOf(local.id)).toBe(remoteOne.id);

    const after = harness.localRecord(local.id);
    const remote = harness.remoteRecord(remoteOne.id);
    // Email differing only in case and spacing, and source, take the remote's without a conflict.
    expect(after.email).toBe('Asha.Rao@Example.com');
    expect(after.source).toBe('linkedin');
    // An empty side takes the other's value, both ways.
    expect(remote.phone_number).toBe('+91 90000 55555');
    expect(after.primary_skills.sort()).toEqual(['React', 'TypeScript']);
    expect(remote.primary_skills.sort()).toEqual(['React', 'TypeScript']);
    expect(remote.metadata).toEqual({ ats: 'R-1', referrer: 'Arjun' });
    expect(remote.applications.map((a) => [a.job_id, a.status]).sort()).toEqual([
      [JOB_A, 'Interview'],
      [JOB_B, 'Applied'],
    ]);
    // Two different values: a conflict; under `ask` the local value stays local and is not sent.
    expect(after.current_company).toBe('TCS');
    expect(remote.current_company).toBe('Infosys');
    expect(listConflicts(harness.local.db, { status: 'open' })).toMatchObject([
      { candidate_id: local.id, field: 'current_company', base: null, local: 'TCS', remote: 'Infosys' },
    ]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('a refused POST: the pull links the candidate by email instead, and counts it linked and, having taken the remote values, pulled', async () => {
    const harness = await linkedPair(2);
    const { candidate: remoteOne } = harness.remote.controls.addCandidate({ full_name: 'Meera Iyer', email: 'meera.iyer@example.com', location: 'Chennai' });
    const same = harness.remote.controls.addCandidate({ full_name: 'Dev Nair', email: 'dev.nair@example.com' }).candidate;
    const local = harness.createLocal({ full_name: 'Meera Iyer', email: 'Meera.Iyer@example.com' });
    const twin = harness.createLocal({ full_name: 'Dev Nair', email: 'dev.nair@example.com' });
    const refusing: SyncRemote = {
      ...recordingRemote(harness, []),
      createCandidate: async () => ({ failure: { status: 422, code: 'validation_error', message: 'refused for this test', details: [] } }),
    };

    const summary = await harness.syncOk({ remote: refusing });
    expect(harness.remoteIdOf(local.id)).toBe(remoteOne.id);
    expect(harness.remoteIdOf(twin.id)).toBe(same.id);
    expect(harness.localRecord(local.id)).toMatchObject({ email: 'meera.iyer@example.com', location: 'Chennai' });
    // Both linked; only Meera took something of the remote's. The remote's own two are known from the first sync.
    expect(summary).toMatchObject({ created: 0, linked: 2, pulled: 1 });
    // The refusal was of a create the link has made needless: nothing is left failed.
    expect(listPushFailures(harness.local.db)).toEqual([]);
  });

  it("200 after a POST whose answer was lost: the values it sent are this copy's own, and edits made since go out", async () => {
    const harness = await linkedPair(2);
    const local = harness.createLocal({
      full_name: 'Kiran Shah',
      email: 'kiran.shah@example.com',
      location: 'Pune',
      current_company: 'TCS',
      primary_skills: ['Go', 'SQL'],
      metadata: { referrer: 'Arjun' },
    });
    // The POST creates the candidate remotely; its answer never arrives.
    expect((await harness.sync({ remote: answerLostRemote(harness) })).ok).toBe(false);
    expect(harness.remoteIdOf(local.id)).toBeNull();

    harness.editLocal(local.id, { location: null, current_company: 'Wipro', primary_skills: ['Go'], metadata: null });
    const summary = await harness.syncOk();
    // Linked, taking nothing of the remote's (it holds this copy's own values): not pulled.
    expect(summary).toMatchObject({ created: 0, linked: 1, pulled: 0, conflicts: 0 });
    const remote = harness.remoteRecord(harness.remoteIdOf(local.id)!);
    expect(remote).toMatchObject({ location: null, current_company: 'Wipro', primary_skills: ['Go'], metadata: null });
    expect(harness.localRecord(local.id)).toMatchObject({ location: null, current_company: 'Wipro', primary_skills: ['Go'], metadata: null });
    expect(listConflicts(harness.local.db)).toEqual([]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('a POST whose answer was lost, then the email changed here: one candidate in the cloud, under the new email', async () => {
    const harness = await linkedPair(2);
    const local = harness.createLocal({ full_name: 'Lost Answer', email: 'lost.answer@example.com', location: 'Pune' });
    expect((await harness.sync({ remote: answerLostRemote(harness) })).ok).toBe(false);
    const inTheCloud = harness.remote.controls.snapshot().filter((candidate) => candidate.full_name === 'Lost Answer');
    expect(inTheCloud).toHaveLength(1);

    // Offline, the recruiter corrects the email.
    harness.editLocal(local.id, { email: 'Lost.Answer2@example.com ' });
    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ created: 0, linked: 1, conflicts: 0 });
    const named = harness.remote.controls.snapshot().filter((candidate) => candidate.full_name === 'Lost Answer');
    expect(named.map((candidate) => [candidate.id, candidate.email])).toEqual([[inTheCloud[0]!.id, 'Lost.Answer2@example.com']]);
    expect(harness.remoteIdOf(local.id)).toBe(inTheCloud[0]!.id);
    expect(allLocalCandidateIds(harness.local.db).filter((id) => harness.localRecord(id).full_name === 'Lost Answer')).toEqual([local.id]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('a POST that never reached the cloud, then the email changed here: one candidate, under the new email', async () => {
    const harness = await linkedPair(2);
    const local = harness.createLocal({ full_name: 'Never Sent', email: 'never.sent@example.com' });
    expect((await harness.sync({ remote: unreachableRemote(harness) })).ok).toBe(false);
    harness.editLocal(local.id, { email: 'never.sent2@example.com' });
    await harness.syncOk();
    const named = harness.remote.controls.snapshot().filter((candidate) => candidate.full_name === 'Never Sent');
    expect(named.map((candidate) => candidate.email)).toEqual(['never.sent2@example.com']);
    expect(compareSides(harness)).toEqual([]);
  });

  it("a POST that never reached the cloud, then an email the cloud has: matched to the cloud's candidate, nothing made under the old email", async () => {
    const harness = await linkedPair(2);
    const local = harness.createLocal({ full_name: 'Asha Local', email: 'asha.local@example.com', location: 'Pune' });
    expect((await harness.sync({ remote: unreachableRemote(harness) })).ok).toBe(false);
    // Offline, the recruiter changes the email; meanwhile the cloud gets a candidate under it.
    harness.editLocal(local.id, { email: 'asha.rao@example.com' });
    const { candidate: twin } = harness.remote.controls.addCandidate({ full_name: 'Asha Rao', email: ' ASHA.RAO@example.com ', current_company: 'Infosys' });

    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ created: 0, linked: 1 });
    expect(harness.remoteIdOf(local.id)).toBe(twin.id);
    expect(harness.remote.controls.snapshot().filter((candidate) => (candidate.email ?? '').toLowerCase().includes('asha'))).toHaveLength(1);
    expect(listPushFailures(harness.local.db)).toEqual([]);
    expect(compareSides(harness)).toEqual([]);
  });
});

/** The harness's client, whose POSTs never reach the remote. */
function unreachableRemote(harness: SyncHarness): SyncRemote {
  return {
    ...recordingRemote(harness, []),
    createCandidate: async () => {
      throw new Error('connection refused');
    },
  };
}

/** The harness's client, whose POSTs reach the remote and lose their answers. */
function answerLostRemote(harness: SyncHarness): SyncRemote {
  return {
    ...recordingRemote(harness, []),
    createCandidate: async (body) => {
      await harness.client.createCandidate(body);
      throw new Error('connection lost');
    },
  };
}

/** The harness's client, with every PUT body recorded before it is sent. */
function recordingRemote(harness: SyncHarness, puts: { id: string; body: Record<string, unknown> }[]): SyncRemote {
  return {
    stats: harness.client.stats,
    listCandidateVersions: (offset, limit) => harness.client.listCandidateVersions(offset, limit),
    getCandidate: (id) => harness.client.getCandidate(id),
    findCandidateByEmail: (email) => harness.client.findCandidateByEmail(email),
    createCandidate: (body) => harness.client.createCandidate(body),
    updateCandidate: (id, body) => {
      puts.push({ id, body: structuredClone(body) });
      return harness.client.updateCandidate(id, body);
    },
  };
}

describe('pushing local changes', () => {
  it('coalesces edits into one PUT with only the changed fields, and sends each changed application in a PUT', async () => {
    const harness = await linkedPair(5);
    const target = harness.remote.controls.snapshot().find((c) => c.applications.length > 0)!;
    const id = target.id;
    const job = target.applications[0]!.job_id;
    const newJob = REMOTE_JOB_IDS.find((j) => !target.applications.some((a) => a.job_id === j))!;
    harness.editLocal(id, { location: 'Kolkata' });
    harness.editLocal(id, { current_company: 'Freshworks' });
    harness.editLocal(id, { location: 'Mumbai', full_name: target.full_name });
    harness.editLocal(id, { application: { job_id: job, status: 'Hired' } });
    harness.editLocal(id, { application: { job_id: job, notes: 'Joined on the 1st' } });
    harness.editLocal(id, { application: { job_id: newJob } });
    // Edited and edited back: nothing to send.
    harness.editLocal(id, { notice_period_days: (target.notice_period_days ?? 0) + 1 });
    harness.editLocal(id, { notice_period_days: target.notice_period_days });

    const puts: { id: string; body: Record<string, unknown> }[] = [];
    const summary = await harness.syncOk({ remote: recordingRemote(harness, puts) });
    expect(summary.pushed).toBe(1);
    expect(puts.map((put) => put.id)).toEqual([id, id]);
    const [first, second] = puts.map((put) => put.body);
    const applications = [first!.application, second!.application];
    expect({ ...first, application: undefined }).toEqual({ location: 'Mumbai', current_company: 'Freshworks', application: undefined });
    expect(Object.keys(second!)).toEqual(['application']);
    expect(applications).toEqual(
      expect.arrayContaining([
        { job_id: job, status: 'Hired', notes: 'Joined on the 1st' },
        { job_id: newJob, status: 'Applied', notes: null },
      ]),
    );
    expect(compareSides(harness)).toEqual([]);
    expect(listOutbox(harness.local.db, id)).toEqual([]);
  });

  it.each<ConflictPolicy>(['ask', 'prefer-remote'])('an edit made while the previous one is on its way is sent next, not taken for a conflict (%s)', async (policy) => {
    const harness = await linkedPair(5);
    const [target] = harness.remote.controls.snapshot();
    const id = target!.id;
    harness.editLocal(id, { location: 'Pune', application: { job_id: JOB_A, status: 'Screening' } });
    const offline = harness.createLocal({ full_name: 'Neha Iyer', email: 'neha.iyer@example.com', location: 'Hyderabad' });

    // The recruiter keeps typing while the sync's requests are out.
    const typing: SyncRemote = {
      ...recordingRemote(harness, []),
      createCandidate: (body) => {
        const sent = harness.client.createCandidate(body);
        harness.editLocal(offline.id, { location: 'Bengaluru' });
        return sent;
      },
      updateCandidate: (remoteId, body) => {
        const sent = harness.client.updateCandidate(remoteId, body);
        if (remoteId === id && body.location === 'Pune') harness.editLocal(id, { location: 'Chennai', application: { job_id: JOB_A, status: 'Interview' } });
        return sent;
      },
    };
    await harness.syncOk({ policy, remote: typing });
    expect(listConflicts(harness.local.db)).toEqual([]);
    expect(harness.localRecord(id).location).toBe('Chennai');
    expect(harness.remoteRecord(id).location).toBe('Chennai');
    expect(harness.remoteRecord(id).applications.find((a) => a.job_id === JOB_A)?.status).toBe('Interview');
    expect(harness.localRecord(offline.id).location).toBe('Bengaluru');
    expect(harness.remoteRecord(harness.remoteIdOf(offline.id)!).location).toBe('Bengaluru');
    expect(compareSides(harness)).toEqual([]);
  });

  it('a remote change arrives with the remote\'s timestamps: the local API answers exactly as the remote does', async () => {
    const harness = await linkedPair(5);
    const target = harness.remote.controls.snapshot().find((c) => c.applications.length > 0)!;
    harness.remote.controls.editAsRecruiter(target.id, {
      location: 'Kochi',
      application: { job_id: target.applications[0]!.job_id, status: 'Shortlisted', notes: 'Moved up' },
    });
    harness.remote.controls.editAsRecruiter(target.id, { application: { job_id: REMOTE_JOB_IDS[5], status: 'Screening' } });
    await harness.syncOk();
    const fromRemote = await harness.client.getCandidate(target.id);
    expect(getCandidate(harness.local.ctx, target.id)).toEqual(contractView(fromRemote as unknown as Record<string, unknown>));

    // Only an application's notes: the row pulled is the remote's, updated_at and all.
    harness.remote.controls.editAsRecruiter(target.id, { application: { job_id: target.applications[0]!.job_id, notes: 'Call on Monday' } });
    await harness.syncOk();
    const notesChanged = await harness.client.getCandidate(target.id);
    expect(getCandidate(harness.local.ctx, target.id)).toEqual(contractView(notesChanged as unknown as Record<string, unknown>));
  });
});

describe('offline create matching a remote candidate', () => {
  it('its metadata keys go out on a first link even while another key is in conflict', async () => {
    const harness = await linkedPair(2);
    const { candidate: remoteOne } = harness.remote.controls.addCandidate({
      full_name: 'Arjun Nair',
      email: 'arjun.nair@example.com',
      metadata: { stage: 'remote-stage', ats: 'R-7' },
    });
    const local = harness.createLocal({ full_name: 'Arjun Nair', email: 'arjun.nair@example.com', metadata: { stage: 'local-stage', referrer: 'Kiran' } });
    await harness.syncOk();
    expect(harness.remoteRecord(remoteOne.id).metadata).toEqual({ stage: 'remote-stage', ats: 'R-7', referrer: 'Kiran' });
    expect(harness.localRecord(local.id).metadata).toEqual({ stage: 'local-stage', ats: 'R-7', referrer: 'Kiran' });
    expect(listConflicts(harness.local.db, { status: 'open' })).toMatchObject([{ field: 'metadata.stage', base: null, local: 'local-stage', remote: 'remote-stage' }]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('its application to a job the remote one also has is compared as on a first link, not written over', async () => {
    const harness = await linkedPair(2);
    const { candidate: remoteOne } = harness.remote.controls.addCandidate({
      full_name: 'Meera Das',
      email: 'meera.das@example.com',
      application: { job_id: JOB_A, status: 'Interview', notes: 'Panel on Friday' },
    });
    const local = harness.createLocal({
      full_name: 'Meera Das',
      email: 'meera.das@example.com',
      application: { job_id: JOB_A, status: 'Offered', notes: 'Panel on Friday' },
    });
    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ linked: 1, conflicts: 1 });
    expect(harness.remoteRecord(remoteOne.id).applications).toMatchObject([{ job_id: JOB_A, status: 'Interview', notes: 'Panel on Friday' }]);
    expect(harness.localApplications(local.id)).toMatchObject([{ job_id: JOB_A, status: 'Offered' }]);
    expect(listConflicts(harness.local.db, { status: 'open' })).toMatchObject([
      { candidate_id: local.id, field: `applications.${JOB_A}.status`, base: null, local: 'Offered', remote: 'Interview' },
    ]);
    expect(compareSides(harness)).toEqual([]);
  });
});

describe('edits on both sides', () => {
  it('to different fields merge both ways, applications included', async () => {
    const harness = await linkedPair(12);
    const [target] = harness.remote.controls.snapshot();
    const id = target!.id;
    harness.editLocal(id, { location: 'Kochi', application: { job_id: JOB_C, status: 'Screening' } });
    harness.remote.controls.editAsRecruiter(id, { current_company: 'Zoho', application: { job_id: JOB_B, status: 'Offered' } });

    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ pulled: 1, pushed: 1, conflicts: 0 });
    const remote = harness.remoteRecord(id);
    expect(remote).toMatchObject({ location: 'Kochi', current_company: 'Zoho' });
    expect(harness.localRecord(id)).toMatchObject({ location: 'Kochi', current_company: 'Zoho' });
    expect(remote.applications.find((a) => a.job_id === JOB_C)?.status).toBe('Screening');
    expect(harness.localApplications(id).find((a) => a.job_id === JOB_B)?.status).toBe('Offered');
    expect(compareSides(harness)).toEqual([]);
  });

  it.each<[ConflictPolicy, string]>([
    ['ask', 'Local title'],
    ['prefer-remote', 'Remote title'],
    ['prefer-local', 'Local title'],
  ])('to the same field under %s: the rest still syncs, the loser is kept in the history', async (policy, winner) => {
    const harness = await linkedPair(8);
    const [target] = harness.remote.controls.snapshot();
    const id = target!.id;
    const original = target!.current_designation;
    harness.editLocal(id, { current_designation: 'Local title', location: 'Local city' });
    harness.remote.controls.editAsRecruiter(id, { current_designation: 'Remote title', notice_period_days: 45 });

    const summary = await harness.syncOk({ policy });
    const local = harness.localRecord(id);
    const remote = harness.remoteRecord(id);
    expect([local.location, remote.location]).toEqual(['Local city', 'Local city']);
    expect([local.notice_period_days, remote.notice_period_days]).toEqual([45, 45]);
    expect(local.current_designation).toBe(winner);
    const conflicts = listConflicts(harness.local.db, { candidateId: id });
    expect(conflicts).toMatchObject([{ field: 'current_designation', base: original, local: 'Local title', remote: 'Remote title' }]);

    if (policy === 'ask') {
      expect(summary.conflicts).toBe(1);
      expect(conflicts[0]).toMatchObject({ status: 'open', resolution: null });
      expect(remote.current_designation).toBe('Remote title');
      expect(compareSides(harness)).toEqual([]);
      // Not pushed on later syncs either, until the recruiter picks.
      harness.remote.controls.resetStats();
      await harness.syncOk({ policy });
      expect(traffic(harness)).toMatchObject({ detail: 0, put: 0 });
      resolveConflict(harness.local.ctx, conflicts[0]!.id, { take: 'local' });
      await harness.syncOk({ policy });
      expect(harness.remoteRecord(id).current_designation).toBe('Local title');
    } else {
      expect(summary.conflicts).toBe(0);
      expect(conflicts[0]).toMatchObject({ status: 'resolved', resolution: policy === 'prefer-remote' ? 'remote' : 'local' });
      expect(remote.current_designation).toBe(winner);
    }
    expect(compareSides(harness)).toEqual([]);
  });

  it('an application status in conflict holds back only the status; its notes still go out', async () => {
    const harness = await linkedPair(6);
    const target = harness.remote.controls.snapshot().find((c) => c.applications.length > 0)!;
    const job = target.applications[0]!.job_id;
    const [localStatus, remoteStatus] = target.applications[0]!.status === 'Interview' ? ['Offered', 'Rejected'] : ['Interview', 'Rejected'];
    harness.editLocal(target.id, { application: { job_id: job, status: localStatus, notes: 'Called on Monday' } });
    harness.remote.controls.editAsRecruiter(target.id, { application: { job_id: job, status: remoteStatus } });

    await harness.syncOk();
    const remote = harness.remoteRecord(target.id).applications.find((a) => a.job_id === job)!;
    const local = harness.localApplications(target.id).find((a) => a.job_id === job)!;
    expect([local.status, remote.status]).toEqual([localStatus, remoteStatus]);
    expect([local.notes, remote.notes]).toEqual(['Called on Monday', 'Called on Monday']);
    expect(listConflicts(harness.local.db, { status: 'open' })).toMatchObject([
      { field: `applications.${job}.status`, local: localStatus, remote: remoteStatus },
    ]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('an open conflict both sides come to agree on is closed, whichever side gives way', async () => {
    const harness = await linkedPair(6);
    const [first, second] = harness.remote.controls.snapshot();
    for (const target of [first!, second!]) {
      harness.editLocal(target.id, { current_company: 'Local Co' });
      harness.remote.controls.editAsRecruiter(target.id, { current_company: 'Remote Co' });
    }
    await harness.syncOk();
    expect(listConflicts(harness.local.db, { status: 'open' })).toHaveLength(2);

    // The cloud's recruiter types the local value; here, the local recruiter types the cloud's.
    harness.remote.controls.editAsRecruiter(first!.id, { current_company: 'Local Co' });
    harness.editLocal(second!.id, { current_company: 'Remote Co' });
    const summary = await harness.syncOk();
    expect(summary.conflicts).toBe(0);
    expect(listConflicts(harness.local.db, { status: 'open' })).toEqual([]);
    expect(listConflicts(harness.local.db).map((c) => [c.candidate_id, c.status, c.local, c.remote])).toEqual(
      expect.arrayContaining([
        [first!.id, 'resolved', 'Local Co', 'Remote Co'],
        [second!.id, 'resolved', 'Local Co', 'Remote Co'],
      ]),
    );
    expect([harness.remoteRecord(first!.id).current_company, harness.remoteRecord(second!.id).current_company]).toEqual(['Local Co', 'Remote Co']);
    expect(compareSides(harness)).toEqual([]);
  });

  it('skills merge as sets and metadata key by key; a metadata key in conflict (its name dotted) holds back only that key', async () => {
    const harness = await linkedPair(6);
    const [target] = harness.remote.controls.snapshot();
    const id = target!.id;
    harness.remote.controls.editAsRecruiter(id, {
      primary_skills: ['React', 'TypeScript', 'CSS'],
      secondary_skills: ['Docker'],
      metadata: { ats: 'R-1', 'pipeline.stage': 'new' },
    });
    await harness.syncOk();

    harness.editLocal(id, { primary_skills: ['React', 'CSS', 'Go'], metadata: { ats: 'R-1', 'pipeline.stage': 'local-stage', referrer: 'Arjun' } });
    harness.remote.controls.editAsRecruiter(id, {
      primary_skills: ['react', 'TypeScript', 'CSS', 'Rust'],
      secondary_skills: [],
      metadata: { ats: 'R-2', 'pipeline.stage': 'remote-stage' },
    });
    await harness.syncOk();

    const local = harness.localRecord(id);
    const remote = harness.remoteRecord(id);
    const keys = (skills: string[]) => skills.map((s) => s.toLowerCase()).sort();
    expect(keys(local.primary_skills)).toEqual(['css', 'go', 'react', 'rust']);
    expect(keys(remote.primary_skills)).toEqual(['css', 'go', 'react', 'rust']);
    expect([local.secondary_skills, remote.secondary_skills]).toEqual([[], []]);
    expect(local.metadata).toEqual({ ats: 'R-2', 'pipeline.stage': 'local-stage', referrer: 'Arjun' });
    expect(remote.metadata).toEqual({ ats: 'R-2', 'pipeline.stage': 'remote-stage', referrer: 'Arjun' });
    expect(listConflicts(harness.local.db, { status: 'open' })).toMatchObject([
      { field: 'metadata.pipeline.stage', base: 'new', local: 'local-stage', remote: 'remote-stage' },
    ]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('a local reorder and re-spelling of skills reaches the remote while the remote edits another field', async () => {
    const harness = await linkedPair(6);
    const [target] = harness.remote.controls.snapshot();
    const id = target!.id;
    harness.remote.controls.editAsRecruiter(id, { primary_skills: ['PostgreSQL', 'Node.js', 'Go'] });
    await harness.syncOk();

    harness.editLocal(id, { primary_skills: ['NODE.JS', 'PostgreSQL', 'Go'] });
    harness.remote.controls.editAsRecruiter(id, { location: 'Kochi' });
    await harness.syncOk();

    expect(harness.localRecord(id)).toMatchObject({ primary_skills: ['NODE.JS', 'PostgreSQL', 'Go'], location: 'Kochi' });
    expect(harness.remoteRecord(id)).toMatchObject({ primary_skills: ['NODE.JS', 'PostgreSQL', 'Go'], location: 'Kochi' });
    expect(compareSides(harness)).toEqual([]);
  });
});

describe('emails that move between candidates on the remote', () => {
  const localEmails = (harness: SyncHarness) =>
    Object.fromEntries(allLocalCandidateIds(harness.local.db).map((id) => [id, harness.localRecord(id).email]));
  const remoteEmails = (harness: SyncHarness) => Object.fromEntries(harness.remote.controls.snapshot().map((c) => [c.id, c.email]));

  it('two candidates that traded emails trade them here too, in one sync', async () => {
    const harness = await linkedPair(4);
    const [a, b] = harness.remote.controls.snapshot();
    harness.remote.controls.editAsRecruiter(a!.id, { email: 'passing.through@example.com', location: 'Kochi' });
    harness.remote.controls.editAsRecruiter(b!.id, { email: a!.email, location: 'Mysuru' });
    harness.remote.controls.editAsRecruiter(a!.id, { email: b!.email });
    expect(await harness.syncOk()).toMatchObject({ pulled: 2, errors: 0 });
    expect(harness.reported.engine).toEqual([]);
    expect(compareSides(harness)).toEqual([]);
    expect(localEmails(harness)).toEqual(remoteEmails(harness));
    expect(harness.localRecord(a!.id)).toMatchObject({ email: b!.email, location: 'Kochi' });
    await expectAnotherSyncChangesNothing(harness);
  });

  it('an email passed along a chain, and a new candidate taking the last one, arrive in one sync', async () => {
    const harness = await linkedPair(4);
    const [a, b] = harness.remote.controls.snapshot();
    harness.remote.controls.editAsRecruiter(a!.id, { email: 'a.new@example.com' });
    harness.remote.controls.editAsRecruiter(b!.id, { email: a!.email });
    const { candidate: newcomer } = harness.remote.controls.addCandidate({ full_name: 'Newcomer', email: b!.email });
    expect(await harness.syncOk()).toMatchObject({ pulled: 3, errors: 0 });
    expect(harness.reported.engine).toEqual([]);
    expect(compareSides(harness)).toEqual([]);
    expect(harness.localRecord(newcomer.id).email).toBe(b!.email);
    await expectAnotherSyncChangesNothing(harness);
  });

  it('an email a local edit still holds stops only that candidate, saying why, and nothing of it is written', async () => {
    const harness = await linkedPair(3);
    const [a, b] = harness.remote.controls.snapshot();
    harness.editLocal(b!.id, { email: 'wanted@example.com' });
    harness.remote.controls.editAsRecruiter(a!.id, { email: 'wanted@example.com', location: 'Kochi' });
    const before = harness.localRecord(a!.id);
    await harness.syncOk();
    expect(harness.localRecord(a!.id)).toEqual(before);
    expect(harness.localRecord(b!.id).email).toBe('wanted@example.com');
    expect(harness.reported.engine.map(String)).toEqual([
      expect.stringContaining(`The cloud's candidate ${a!.id} now has an email candidate ${b!.id} still holds here`),
    ]);
  });

  it("409 email_taken holds back only the email: the edit's other fields go out, the refusal is kept and counted, and a new email sends it all", async () => {
    const harness = await linkedPair(3);
    const [, b] = harness.remote.controls.snapshot();
    const { candidate: newcomer } = harness.remote.controls.addCandidate({ full_name: 'Newcomer', email: 'wanted@example.com' });
    harness.editLocal(b!.id, { email: 'wanted@example.com', location: 'Noida', application: { job_id: JOB_A, status: 'Screening' } });

    const puts: { id: string; body: Record<string, unknown> }[] = [];
    const refused = await harness.syncOk({ remote: recordingRemote(harness, puts) });
    expect(puts).toHaveLength(2);
    const { email, ...withoutEmail } = puts[0]!.body;
    expect(email).toBe('wanted@example.com');
    expect(withoutEmail).toMatchObject({ location: 'Noida', application: { job_id: JOB_A, status: 'Screening' } });
    expect(puts[1]!.body).toEqual(withoutEmail);
    expect(refused).toMatchObject({ pushed: 1, errors: 1 });
    expect(harness.remoteRecord(b!.id)).toMatchObject({ email: b!.email, location: 'Noida' });
    expect(harness.remoteRecord(b!.id).applications.find((a) => a.job_id === JOB_A)?.status).toBe('Screening');
    expect(harness.localRecord(b!.id)).toMatchObject({ email: 'wanted@example.com', location: 'Noida' });
    expect(listPushFailures(harness.local.db)).toEqual([expect.objectContaining({ candidate_id: b!.id, status: 409, code: 'email_taken' })]);
    expect(listOutbox(harness.local.db, b!.id).map((entry) => entry.field)).toEqual(['email']);

    // The recruiter gives the candidate another email: it goes out, and the cloud's newcomer can now be pulled.
    harness.editLocal(b!.id, { email: 'b.new@example.com' });
    expect(await harness.syncOk()).toMatchObject({ pushed: 1, errors: 0 });
    expect(listPushFailures(harness.local.db)).toEqual([]);
    expect(harness.localRecord(newcomer.id).email).toBe('wanted@example.com');
    expect(compareSides(harness)).toEqual([]);
    await expectAnotherSyncChangesNothing(harness);
  });

  it('an email the cloud changes between the 409 and the PUT without it meets the held-back local email as a conflict', async () => {
    const harness = await linkedPair(3);
    const [, b] = harness.remote.controls.snapshot();
    harness.remote.controls.addCandidate({ full_name: 'Newcomer', email: 'wanted@example.com' });
    harness.editLocal(b!.id, { email: 'wanted@example.com', location: 'Noida' });

    const puts: { id: string; body: Record<string, unknown> }[] = [];
    const recording = recordingRemote(harness, puts);
    const cloudEditsAfterFirstPut: SyncRemote = {
      ...recording,
      updateCandidate: (remoteId, body) => {
        if (puts.length === 1) harness.remote.controls.editAsRecruiter(remoteId, { email: 'cloud.changed@example.com' });
        return recording.updateCandidate(remoteId, body);
      },
    };
    await harness.syncOk({ remote: cloudEditsAfterFirstPut });
    expect(puts.map((put) => Object.keys(put.body).sort())).toEqual([['email', 'location'], ['location']]);
    expect(harness.remoteRecord(b!.id)).toMatchObject({ email: 'cloud.changed@example.com', location: 'Noida' });
    expect(listConflicts(harness.local.db, { status: 'open' })).toMatchObject([
      { candidate_id: b!.id, field: 'email', base: b!.email, local: 'wanted@example.com', remote: 'cloud.changed@example.com' },
    ]);
    expect(harness.localRecord(b!.id).email).toBe('wanted@example.com');
  });
});

describe('masking', () => {
  /** A remote candidate masked in the talent pool, and a local copy that has never seen it. */
  async function maskedRemote(real: Record<string, unknown>) {
    const harness = await harnesses.start({ remote: { randomSeed: 7104 } });
    const { candidate } = harness.remote.controls.addCandidate({ full_name: 'Kavya Nair', location: 'Chennai', ...real });
    harness.remote.controls.mask(candidate.id);
    return { harness, remoteId: candidate.id };
  }

  it('a local candidate matched to a masked remote one keeps its contacts parked: not pushed, no 403, shown masked', async () => {
    const { harness, remoteId } = await maskedRemote({ email: 'kavya.nair@example.com', phone_number: null, current_ctc: 15 });
    const local = harness.createLocal({
      full_name: 'Kavya Nair',
      email: 'kavya.nair@example.com',
      phone_number: '+91 98000 00001',
      current_ctc: 20,
      location: 'Chennai',
      current_designation: 'Data Engineer',
    });

    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ created: 0, linked: 1 });
    expect(harness.remote.controls.snapshot()).toHaveLength(1);
    expect(harness.remoteIdOf(local.id)).toBe(remoteId);
    const stored = harness.localRecord(local.id);
    expect(stored).toMatchObject({ talent_pool_status: 'masked', email: 'kavya.nair@example.com', phone_number: '+91 98000 00001', current_ctc: 20 });
    expect(getCandidate(harness.local.ctx, local.id)).toMatchObject({ email: '', phone_number: null, current_ctc: null, talent_pool_status: 'masked' });
    const parked = listParkedValues(harness.local.ctx).filter((p) => p.candidate_id === local.id);
    // The email is not parked: the cloud matched the candidate by it, so it has it.
    expect(parked).toEqual([
      { candidate_id: local.id, field: 'phone_number', value: '+91 98000 00001' },
      { candidate_id: local.id, field: 'current_ctc', value: 20 },
    ]);
    // The unlocked field went out; the locked ones did not.
    const remote = harness.remoteRecord(remoteId);
    expect(remote).toMatchObject({ current_designation: 'Data Engineer', phone_number: null, current_ctc: 15 });
    expect(traffic(harness).statuses['403']).toBeUndefined();
    expect(compareSides(harness)).toEqual([]);

    await expectAnotherSyncChangesNothing(harness);
  });

  it('after a reveal a parked value is pushed where the remote had none, and is a conflict where it differs', async () => {
    const { harness, remoteId } = await maskedRemote({
      email: 'kavya.nair@example.com',
      phone_number: null,
      whatsapp_number: '+91 98000 00077',
      current_ctc: 15,
    });
    const local = harness.createLocal({ full_name: 'Kavya Nair', email: 'kavya.nair@example.com', phone_number: '+91 98000 00001', current_ctc: 20 });
    await harness.syncOk();
    harness.remote.controls.reveal(remoteId);

    const summary = await harness.syncOk();
    const remote = harness.remoteRecord(remoteId);
    const stored = harness.localRecord(local.id);
    expect(remote.phone_number).toBe('+91 98000 00001');
    expect(stored).toMatchObject({ talent_pool_status: 'revealed', whatsapp_number: '+91 98000 00077', email: 'kavya.nair@example.com' });
    expect(remote.current_ctc).toBe(15);
    expect(stored.current_ctc).toBe(20);
    expect(summary.conflicts).toBe(1);
    expect(listConflicts(harness.local.db, { status: 'open' })).toMatchObject([{ field: 'current_ctc', local: 20, remote: 15 }]);
    expect(listParkedValues(harness.local.ctx)).toEqual([]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('a matched email revealed in another spelling takes the remote spelling without a conflict', async () => {
    const { harness, remoteId } = await maskedRemote({ email: 'Kavya.Nair@Example.com' });
    const local = harness.createLocal({ full_name: 'Kavya Nair', email: 'kavya.nair@example.com', location: 'Chennai' });
    await harness.syncOk();
    harness.remote.controls.reveal(remoteId);
    const summary = await harness.syncOk();
    expect(summary.conflicts).toBe(0);
    expect(harness.localRecord(local.id).email).toBe('Kavya.Nair@Example.com');
    expect(harness.remoteRecord(remoteId).email).toBe('Kavya.Nair@Example.com');
    expect(compareSides(harness)).toEqual([]);
  });

  it('a pull links an unlinked local candidate by email, but never by a masked email', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7109 } });
    const { candidate: plain } = harness.remote.controls.addCandidate({ full_name: 'Sneha Rao', email: 'sneha.rao@example.com', location: 'Pune' });
    const { candidate: hidden } = harness.remote.controls.addCandidate({ full_name: 'Rahul Singh', email: 'rahul.singh@example.com' });
    harness.remote.controls.mask(hidden.id);
    const sneha = harness.createLocal({ full_name: 'Sneha Rao', email: 'Sneha.Rao@example.com', current_company: 'Zoho' });
    const rahul = harness.createLocal({ full_name: 'Rahul Singh', email: 'rahul.singh@example.com' });
    // The cloud refuses both POSTs this time, so the pull meets the local candidates still unlinked.
    const refusing: SyncRemote = {
      ...recordingRemote(harness, []),
      createCandidate: async () => ({ failure: { status: 422, code: 'unprocessable', message: 'Not now.', details: [] } }),
    };
    await harness.syncOk({ remote: refusing });
    expect(harness.remoteIdOf(sneha.id)).toBe(plain.id);
    expect(harness.localRecord(sneha.id)).toMatchObject({ email: 'sneha.rao@example.com', location: 'Pune', current_company: 'Zoho' });
    expect(harness.remoteIdOf(rahul.id)).toBeNull();
    expect(harness.remoteIdOf(hidden.id)).toBe(hidden.id);
    expect(harness.localRecord(hidden.id)).toMatchObject({ email: null, talent_pool_status: 'masked' });
  });

  it('a local candidate the cloud matches by email to a masked one this copy already holds is merged into it; its id still answers', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7110 } });
    const { candidate: hidden } = harness.remote.controls.addCandidate({ full_name: 'Rahul Singh', email: 'rahul.singh@example.com', location: 'Pune' });
    harness.remote.controls.mask(hidden.id);
    await harness.syncOk();
    // Typed in offline: the same person, whose email this copy cannot see on the masked one.
    const rahul = harness.createLocal({
      full_name: 'Rahul Singh',
      email: 'rahul.singh@example.com',
      phone_number: '+91 98000 00042',
      location: 'Mumbai',
      current_designation: 'Data Engineer',
      application: { job_id: JOB_A, notes: 'Met at the meetup' },
    });

    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ created: 0, linked: 1, conflicts: 1, parked: 1 });
    expect(listPushFailures(harness.local.db)).toEqual([]);
    expect(harness.remote.controls.snapshot()).toHaveLength(1);
    expect(allLocalCandidateIds(harness.local.db)).toEqual([hidden.id]);

    // One candidate, under the cloud's id, answering to both ids, shown masked.
    const merged = getCandidate(harness.local.ctx, rahul.id);
    expect(merged).toEqual(getCandidate(harness.local.ctx, hidden.id));
    expect(merged).toMatchObject({ id: hidden.id, email: '', phone_number: null, talent_pool_status: 'masked', current_designation: 'Data Engineer' });
    expect(merged.applications).toMatchObject([{ job_id: JOB_A, notes: 'Met at the meetup' }]);
    expect(harness.localRecord(hidden.id)).toMatchObject({ email: 'rahul.singh@example.com', phone_number: '+91 98000 00042', location: 'Mumbai' });

    // What the cloud lacked went out; the locked phone is parked; the location set differently on both is the recruiter's call.
    const remote = harness.remoteRecord(hidden.id);
    expect(remote).toMatchObject({ current_designation: 'Data Engineer', location: 'Pune', phone_number: null });
    expect(remote.applications).toMatchObject([{ job_id: JOB_A, notes: 'Met at the meetup' }]);
    expect(listParkedValues(harness.local.ctx)).toEqual([{ candidate_id: hidden.id, field: 'phone_number', value: '+91 98000 00042' }]);
    expect(listConflicts(harness.local.db, { status: 'open' })).toMatchObject([{ candidate_id: hidden.id, field: 'location', local: 'Mumbai', remote: 'Pune' }]);
    expect(traffic(harness).statuses['403']).toBeUndefined();

    // The old id keeps working for edits, and the next sync sends them.
    updateCandidate(harness.local.ctx, rahul.id, { current_company: 'Zoho' });
    await harness.syncOk();
    expect(harness.remoteRecord(hidden.id).current_company).toBe('Zoho');
    await expectAnotherSyncChangesNothing(harness);
  });

  it('the same when the cloud moved a candidate this copy holds to the email just typed here', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7111 } });
    const { candidate: remoteOne } = harness.remote.controls.addCandidate({ full_name: 'Divya Menon', email: 'divya.old@example.com' });
    await harness.syncOk();
    harness.remote.controls.editAsRecruiter(remoteOne.id, { email: 'divya.menon@example.com' });
    const typed = harness.createLocal({ full_name: 'Divya Menon', email: 'divya.menon@example.com', current_company: 'Freshworks' });

    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ created: 0, linked: 1, conflicts: 0, errors: 0 });
    expect(allLocalCandidateIds(harness.local.db)).toEqual([remoteOne.id]);
    expect(getCandidate(harness.local.ctx, typed.id)).toMatchObject({ id: remoteOne.id, email: 'divya.menon@example.com', current_company: 'Freshworks' });
    expect(harness.remoteRecord(remoteOne.id)).toMatchObject({ email: 'divya.menon@example.com', current_company: 'Freshworks' });
    expect(compareSides(harness)).toEqual([]);
  });

  it('a candidate first pulled masked, then revealed, takes the revealed values without conflicts', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7105 } });
    harness.remote.controls.seed(30, { maskedShare: 1, revealedShare: 0 });
    await harness.syncOk();
    const ids = harness.remote.controls.snapshot().map((c) => c.id);
    for (const id of ids.slice(0, 10)) harness.remote.controls.reveal(id);

    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ pulled: 10, conflicts: 0, pushed: 0 });
    for (const id of ids.slice(0, 10)) {
      const remote = harness.remoteRecord(id);
      expect(harness.localRecord(id)).toMatchObject({ email: remote.email, phone_number: remote.phone_number, current_ctc: remote.current_ctc });
    }
    expect(compareSides(harness)).toEqual([]);
  });

  it('a linked candidate masked remotely keeps its known contacts locally and is shown masked', async () => {
    const harness = await linkedPair(4);
    const [target] = harness.remote.controls.snapshot();
    const id = target!.id;
    harness.remote.controls.mask(id);
    await harness.syncOk();
    expect(harness.localRecord(id)).toMatchObject({ talent_pool_status: 'masked', email: target!.email, phone_number: target!.phone_number });
    expect(getCandidate(harness.local.ctx, id)).toMatchObject({ email: '', phone_number: null });
    expect(listParkedValues(harness.local.ctx)).toEqual([]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('403: masked remotely after the last pull, an edit to a locked and an unlocked field sends the unlocked one and parks the other', async () => {
    const harness = await linkedPair(4);
    const [target] = harness.remote.controls.snapshot();
    const id = target!.id;
    harness.editLocal(id, { phone_number: '+91 90000 40300', current_company: 'Razorpay' });

    // The cloud masks the candidate between this sync's pull and its push.
    let masked = false;
    const maskingRemote: SyncRemote = {
      stats: harness.client.stats,
      listCandidateVersions: (offset, limit) => harness.client.listCandidateVersions(offset, limit),
      getCandidate: (remoteId) => harness.client.getCandidate(remoteId),
      findCandidateByEmail: (email) => harness.client.findCandidateByEmail(email),
      createCandidate: (body) => harness.client.createCandidate(body),
      updateCandidate: (remoteId, body) => {
        if (!masked) {
          masked = true;
          harness.remote.controls.mask(remoteId);
        }
        return harness.client.updateCandidate(remoteId, body);
      },
    };
    const summary = await harness.syncOk({ remote: maskingRemote });
    expect(summary).toMatchObject({ pushed: 1, parked: 1 });
    const remote = harness.remoteRecord(id);
    expect(remote).toMatchObject({ current_company: 'Razorpay', phone_number: target!.phone_number, talent_pool_status: 'masked' });
    expect(harness.localRecord(id)).toMatchObject({ phone_number: '+91 90000 40300', talent_pool_status: 'masked' });
    expect(listParkedValues(harness.local.ctx)).toEqual([{ candidate_id: id, field: 'phone_number', value: '+91 90000 40300' }]);
    expect(traffic(harness).statuses['403']).toBe(1);
    expect(compareSides(harness)).toEqual([]);

    // No 403 loop: later syncs send nothing for it.
    harness.remote.controls.resetStats();
    await harness.syncOk();
    expect(traffic(harness)).toMatchObject({ put: 0 });
    expect(traffic(harness).statuses['403']).toBeUndefined();

    // Revealed with the phone it had: the parked value goes out.
    harness.remote.controls.reveal(id);
    await harness.syncOk();
    expect(harness.remoteRecord(id).phone_number).toBe('+91 90000 40300');
    expect(listParkedValues(harness.local.ctx)).toEqual([]);
    expect(compareSides(harness)).toEqual([]);
  });

  it('a 409 for the email, then a 403 as the cloud masks the candidate: the unlocked field still goes out in the same sync', async () => {
    const harness = await linkedPair(4);
    const target = harness.remote.controls.snapshot().find((c) => c.applications.length === 0)!;
    harness.remote.controls.addCandidate({ full_name: 'Newcomer', email: 'wanted@example.com' });
    harness.editLocal(target.id, { email: 'wanted@example.com', phone_number: '+91 90000 40900', location: 'Noida' });

    // The cloud masks the candidate once it has refused the email.
    const puts: { id: string; body: Record<string, unknown> }[] = [];
    const recording = recordingRemote(harness, puts);
    const maskingAfterFirstPut: SyncRemote = {
      ...recording,
      updateCandidate: (remoteId, body) => {
        if (puts.length === 1) harness.remote.controls.mask(remoteId);
        return recording.updateCandidate(remoteId, body);
      },
    };
    await harness.syncOk({ remote: maskingAfterFirstPut });
    expect(puts.map((put) => Object.keys(put.body).sort())).toEqual([
      ['email', 'location', 'phone_number'],
      ['location', 'phone_number'],
      ['location'],
    ]);
    expect(harness.remoteRecord(target.id)).toMatchObject({ location: 'Noida', talent_pool_status: 'masked' });
    expect(listOutbox(harness.local.db, target.id).map((entry) => entry.field).sort()).toEqual(['email', 'phone_number']);
    expect(listParkedValues(harness.local.ctx).map((parked) => parked.field).sort()).toEqual(['email', 'phone_number']);

    // Settled in that sync: the next one has nothing to send.
    harness.remote.controls.resetStats();
    await harness.syncOk();
    expect(traffic(harness)).toMatchObject({ put: 0 });
  });
});

describe('paging', () => {
  it.each([1, 2])('candidates added while the list is walked (%i shift(s)) are neither doubled nor skipped', async (times) => {
    const harness = await harnesses.start({ remote: { randomSeed: 7106 } });
    harness.remote.controls.seed(330, { maskedShare: 0 });
    harness.remote.controls.setPagingShift({ atOffset: 100, insert: 7, times });
    const summary = await harness.syncOk();
    expect(harness.remote.controls.snapshot()).toHaveLength(330 + 7 * times);
    expect(summary.pulled).toBe(330 + 7 * times);
    expect(compareSides(harness)).toEqual([]);
    // Pages of 100, newest first.
    const lists = harness.remote.controls.stats().recent.filter((entry) => entry.kind === 'list');
    expect(lists.every((entry) => /[?&]limit=100(&|$)/.test(entry.path))).toBe(true);

    // And once linked: a later pull with a shift brings exactly the new ones.
    harness.remote.controls.setPagingShift({ atOffset: 200, insert: 40, times });
    const again = await harness.syncOk();
    expect(again.pulled).toBe(40 * times);
    expect(compareSides(harness)).toEqual([]);
  });

  it('under a stream of additions, every candidate there when the sync began is pulled once; the newest come next time', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7108 } });
    harness.remote.controls.seed(330, { maskedShare: 0 });
    const before = new Set(harness.remote.controls.snapshot().map((c) => c.id));
    // Every list page from offset 100 on adds 7 more: the list never holds still while it is walked.
    harness.remote.controls.setPagingShift({ atOffset: 100, insert: 7, times: 12 });
    const summary = await harness.syncOk();
    const local = new Set(allLocalCandidateIds(harness.local.db));
    expect([...before].filter((id) => !local.has(id))).toEqual([]);
    expect(summary.pulled).toBe(local.size);
    const unexplained = compareSides(harness).filter((line) => !/^remote (\S+) .*has no local candidate$/.test(line) || before.has(line.split(' ')[1]!));
    expect(unexplained).toEqual([]);

    harness.remote.controls.setPagingShift(null);
    await harness.syncOk();
    expect(compareSides(harness)).toEqual([]);
  });
});

describe('a remote that stops answering', () => {
  it('fails the sync after a bounded number of requests, keeps what was pulled, and the next sync resumes', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7110 }, client: { maxAttempts: 2 } });
    harness.remote.controls.seed(200, { maskedShare: 0 });
    // The first 30 details arrive; then every detail request fails.
    let answered = 0;
    const failing: SyncRemote = {
      ...recordingRemote(harness, []),
      getCandidate: async (id) => {
        const candidate = await harness.client.getCandidate(id);
        if (++answered === 30) harness.remote.controls.setFaults({ rules: [{ kind: '503', routes: ['detail'] }] });
        return candidate;
      },
    };
    const outcome = await harness.sync({ remote: failing, concurrency: 4 });
    expect(outcome.ok).toBe(false);
    const byStatus = harness.remote.controls.stats().byStatus;
    // Four lanes, each giving up after its two attempts: no request is started once one has failed for good.
    expect(byStatus['503']).toBeLessThanOrEqual(4 * 2);
    expect(allLocalCandidateIds(harness.local.db).length).toBeGreaterThanOrEqual(30);

    harness.remote.controls.clearFaults();
    harness.remote.controls.resetStats();
    await harness.syncOk();
    expect(compareSides(harness)).toEqual([]);
    expect(harness.remote.controls.stats().byKind.detail).toBe(200 - outcome.summary.pulled);
  });
});

describe('a sync with nothing changed', () => {
  it('makes no detail requests and writes no candidate data', async () => {
    const harness = await harnesses.start({ remote: { randomSeed: 7107, initialCandidates: 120 } });
    const local = harness.createLocal({ full_name: 'Zoya Khan', email: 'zoya.khan@example.com', application: { job_id: JOB_A } });
    await harness.syncOk();
    harness.editLocal(local.id, { location: 'Noida' });
    harness.remote.controls.editAsRecruiter(harness.remote.controls.snapshot()[5]!.id, { location: 'Gurugram' });
    await harness.syncOk();
    expect(compareSides(harness)).toEqual([]);

    harness.remote.controls.resetStats();
    const before = dumpCandidateData(harness.local.db);
    const summary = await harness.syncOk();
    expect(summary).toMatchObject({ pulled: 0, pushed: 0, created: 0, linked: 0 });
    expect(requestsByKind(harness.remote)).toMatchObject({ list: 2, detail: 0, post: 0, put: 0 });
    expect(dumpCandidateData(harness.local.db)).toEqual(before);
  });
});
