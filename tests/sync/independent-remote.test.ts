// The real sync engine against a remote written from the contract and the
// seed alone (tests/helpers/independent-remote.ts), not against our own remote
// test server: anything the engine takes from a quirk of ours fails here. The
// remote varies what the seed leaves open (timestamp forms, extra fields,
// masked fields shown as null, upper-case ids, 6.0 for 6).
import { afterEach, describe, expect, it } from 'vitest';
import { listConflicts, listOutbox, listPushFailures, remoteIdOf } from '../../electron/db/sync-repository';
import type { ConflictPolicy } from '../../electron/sync/merge';
import { RemoteClient } from '../../electron/sync/remote-client';
import { runSync, type SyncOutcome, type SyncSummary } from '../../electron/sync/sync-engine';
import { listParkedValues, readSyncRunRecord } from '../../electron/sync/sync-status';
import { dumpCandidateData } from '../helpers/sync-harness';
import { type IndependentRemote, type IndependentRemoteOptions, type LoggedRequest, startIndependentRemote } from '../helpers/independent-remote';
import { startTestApi, type TestApi } from '../helpers/test-api';

const JOB_A = '550e8400-e29b-41d4-a716-446655440000';
const JOB_B = '7d0c6a52-3f1e-4b8a-9c2d-1e5f6a7b8c9d';
const CONTRACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const CANDIDATE_FIELDS = [
  'id',
  'full_name',
  'email',
  'phone_number',
  'whatsapp_number',
  'location',
  'preferred_location',
  'primary_skills',
  'secondary_skills',
  'skill_array',
  'total_experience_years',
  'current_company',
  'current_designation',
  'current_ctc',
  'expected_ctc',
  'notice_period_days',
  'in_notice_period',
  'last_working_day',
  'resume_url',
  'source',
  'screening_score',
  'talent_pool_status',
  'metadata',
  'created_at',
  'updated_at',
].sort();
const APPLICATION_FIELDS = [
  'id',
  'candidate_id',
  'job_id',
  'organization_id',
  'status',
  'screening_score',
  'match_score',
  'notes',
  'shortlisted_at',
  'screening_started_at',
  'screening_completed_at',
  'status_date',
  'outreach_sent_at',
  'interest_clicked_at',
  'video_interview_invite_sent_at',
  'metadata',
  'created_at',
  'updated_at',
].sort();
const APPLICATION_TIMES = [
  'shortlisted_at',
  'screening_started_at',
  'screening_completed_at',
  'status_date',
  'outreach_sent_at',
  'interest_clicked_at',
  'video_interview_invite_sent_at',
  'created_at',
  'updated_at',
];

/** Remote behaviours the seed allows; each scenario runs against the contract's and a cloud-like one. */
const STYLES: [string, IndependentRemoteOptions][] = [
  ['as the contract pins it', { extraFields: true }],
  [
    'as a Postgres-backed cloud (µs +00:00 times, masked strings null, upper-case ids, 6.0)',
    { timestampStyle: 'micro-offset', extraFields: true, maskedStrings: 'null', upperCaseIds: true, decimalPointNumbers: true },
  ],
  ['with second-precision Z times, masked strings "", no extra fields', { timestampStyle: 'seconds-z', maskedStrings: 'empty-string' }],
  ['with +05:30 offset times', { timestampStyle: 'ist-offset', extraFields: true }],
];

interface Rig {
  remote: IndependentRemote;
  api: TestApi;
  client: RemoteClient;
  /** Every wait the client asked for between attempts (it does not actually wait). */
  waits: number[];
  reported: unknown[];
  sync: (policy?: ConflictPolicy) => Promise<SyncOutcome>;
  syncOk: (policy?: ConflictPolicy) => Promise<SyncSummary>;
  /** A local create through the local API: the candidate as the API answered it. */
  createLocal: (body: Record<string, unknown>) => Promise<Record<string, any>>;
  editLocal: (id: string, body: Record<string, unknown>) => Promise<Record<string, any>>;
  getLocal: (id: string) => Promise<Record<string, any>>;
  /** The requests the remote saw since the last call. */
  takeRequests: () => LoggedRequest[];
}

const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((rig) => rig.close()));
});

async function startRig(options: IndependentRemoteOptions = {}): Promise<Rig> {
  const remote = await startIndependentRemote(options);
  const api = await startTestApi();
  const waits: number[] = [];
  const reported: unknown[] = [];
  const client = new RemoteClient({
    remoteUrl: remote.url,
    apiKey: remote.token,
    timeoutMs: 5_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
  });
  open.push({
    close: async () => {
      await client.close();
      await remote.close();
      await api.close();
    },
  });
  let seen = 0;
  const sync = (policy?: ConflictPolicy) =>
    runSync({ ctx: api.database.ctx, remote: client, ...(policy ? { policy } : {}), reportError: (error) => reported.push(error) });
  const ok = async (response: Promise<{ status: number; json: any }>, expected: number[]) => {
    const answer = await response;
    expect(expected, JSON.stringify(answer.json)).toContain(answer.status);
    return answer.json.data as Record<string, any>;
  };
  return {
    remote,
    api,
    client,
    waits,
    reported,
    sync,
    syncOk: async (policy) => {
      const outcome = await sync(policy);
      if (!outcome.ok) throw outcome.error;
      expect(reported).toEqual([]);
      return outcome.summary;
    },
    createLocal: (body) => ok(api.call('POST', '/api/v1/candidates', { body }), [200, 201]),
    editLocal: (id, body) => ok(api.call('PUT', `/api/v1/candidates/${id}`, { body }), [200]),
    getLocal: (id) => ok(api.call('GET', `/api/v1/candidates/${id}`), [200]),
    takeRequests: () => {
      const taken = remote.requests.slice(seen);
      seen = remote.requests.length;
      return taken;
    },
  };
}

function kinds(requests: LoggedRequest[]): string[] {
  return requests.map((r) => (r.method === 'GET' && r.path === '/api/v1/candidates' ? 'GET list' : r.method === 'GET' ? 'GET detail' : r.method));
}

/** Same instant, whatever ISO 8601 form the remote wrote it in. */
function instant(text: string | null): number | null {
  return text === null ? null : Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

/** The local API's answer is the contract's shape: its fields only, ids in lower case, times as ms + Z. */
function expectContractShape(candidate: Record<string, any>): void {
  expect(Object.keys(candidate).sort()).toEqual([...CANDIDATE_FIELDS, 'applications'].sort());
  expect(candidate.id).toBe(candidate.id.toLowerCase());
  expect(candidate.created_at).toMatch(CONTRACT_TIME);
  expect(candidate.updated_at).toMatch(CONTRACT_TIME);
  for (const application of candidate.applications as Record<string, any>[]) {
    expect(Object.keys(application).sort()).toEqual(APPLICATION_FIELDS);
    for (const field of APPLICATION_TIMES) if (application[field] !== null) expect(application[field], field).toMatch(CONTRACT_TIME);
  }
}

/** A remote with a mix: masked, revealed, applications, nulls and empties where the seed allows them. */
function seedRemote(remote: IndependentRemote, count: number) {
  const made = [];
  for (let i = 0; i < count; i++) {
    const masked = i % 7 === 3;
    made.push(
      remote.addCandidate(
        {
          full_name: `Remote Person ${i}`,
          email: `remote.person${i}@example.com`,
          phone_number: i % 2 === 0 ? `+91 90000 ${String(10000 + i)}` : null,
          primary_skills: i % 3 === 0 ? [] : ['React', 'TypeScript'],
          secondary_skills: [],
          total_experience_years: i % 4 === 0 ? 6 : 6.5,
          current_ctc: i % 5 === 0 ? null : 18,
          expected_ctc: 24,
          notice_period_days: 30,
          in_notice_period: i % 2 === 0 ? null : false,
          last_working_day: i % 3 === 1 ? '2026-12-31' : null,
          source: i % 4 === 1 ? null : 'linkedin',
          metadata: i % 3 === 0 ? null : { external_id: `ATS-${i}` },
          ...(i % 2 === 0 ? { application: { job_id: i % 4 === 0 ? JOB_A : JOB_B.toUpperCase(), status: 'shortlisted', notes: 'Imported' } } : {}),
        },
        { talent_pool_status: masked ? 'masked' : i % 7 === 4 ? 'revealed' : 'not_linked' },
      ),
    );
  }
  return made;
}

describe.each(STYLES)('first sync from a remote %s', (_name, style) => {
  it('pulls every candidate with its ids, times and applications; the local API shows them in the contract form; a second sync lists only', async () => {
    const rig = await startRig(style);
    const made = seedRemote(rig.remote, 130);

    const summary = await rig.syncOk();
    expect(summary).toMatchObject({ pulled: 130, pushed: 0, created: 0, linked: 0, conflicts: 0, parked: 0, errors: 0 });
    const first = kinds(rig.takeRequests());
    expect(first.filter((k) => k === 'GET list')).toHaveLength(2);
    expect(first.filter((k) => k === 'GET detail')).toHaveLength(130);
    expect(first.filter((k) => k === 'POST' || k === 'PUT')).toEqual([]);

    for (const remoteCandidate of made) {
      const shown = rig.remote.view(remoteCandidate.id) as Record<string, any>;
      const local = await rig.getLocal(remoteCandidate.id);
      expectContractShape(local);
      expect(local.id).toBe(remoteCandidate.id);
      expect(instant(local.created_at)).toBe(instant(shown.created_at as string));
      expect(instant(local.updated_at)).toBe(instant(shown.updated_at as string));
      const masked = remoteCandidate.talent_pool_status === 'masked';
      expect(local).toMatchObject({
        full_name: remoteCandidate.full_name,
        email: masked ? '' : remoteCandidate.email,
        phone_number: masked ? null : remoteCandidate.phone_number,
        current_ctc: masked ? null : remoteCandidate.current_ctc,
        total_experience_years: remoteCandidate.total_experience_years,
        source: remoteCandidate.source,
        metadata: remoteCandidate.metadata,
        last_working_day: remoteCandidate.last_working_day,
        talent_pool_status: remoteCandidate.talent_pool_status,
      });
      expect(local.applications).toHaveLength(remoteCandidate.applications.length);
      for (const application of remoteCandidate.applications) {
        const localApplication = (local.applications as Record<string, any>[]).find((a) => a.job_id === application.job_id)!;
        const shownApplication = (shown.applications as Record<string, any>[]).find((a) => a.job_id.toLowerCase() === application.job_id)!;
        expect(localApplication).toMatchObject({ id: application.id, candidate_id: remoteCandidate.id, status: 'Shortlisted', notes: 'Imported' });
        for (const field of ['created_at', 'updated_at', 'status_date', 'shortlisted_at']) {
          expect(instant(localApplication[field]), field).toBe(instant(shownApplication[field] as string));
        }
      }
    }

    const before = dumpCandidateData(rig.api.database.db);
    const again = await rig.syncOk();
    expect(again).toMatchObject({ pulled: 0, pushed: 0, created: 0, linked: 0, conflicts: 0, parked: 0 });
    expect(kinds(rig.takeRequests())).toEqual(['GET list', 'GET list']);
    expect(dumpCandidateData(rig.api.database.db)).toEqual(before);
  });
});

/** Scenarios run against the contract's form and a cloud-like one. */
const SCENARIO_STYLES = [STYLES[0]!, STYLES[1]!, STYLES[2]!];

/** A remote with `count` plain candidates, synced into an empty app. */
async function linkedRig(style: IndependentRemoteOptions, count: number) {
  const rig = await startRig(style);
  const made = seedRemote(rig.remote, count).filter((c) => c.talent_pool_status !== 'masked');
  await rig.syncOk();
  rig.takeRequests();
  return { rig, made };
}

/** One more sync sends nothing but list pages and writes nothing. */
async function expectConverged(rig: Rig): Promise<void> {
  rig.takeRequests();
  const before = dumpCandidateData(rig.api.database.db);
  await rig.syncOk();
  expect(kinds(rig.takeRequests()).filter((k) => k !== 'GET list')).toEqual([]);
  expect(dumpCandidateData(rig.api.database.db)).toEqual(before);
}

function puts(requests: LoggedRequest[], remoteId?: string): Record<string, any>[] {
  return requests
    .filter((r) => r.method === 'PUT' && (remoteId === undefined || r.path.toLowerCase().endsWith(remoteId)))
    .map((r) => r.body as Record<string, any>);
}

describe.each(SCENARIO_STYLES)('against a remote %s', (_name, style) => {
  it('offline creates: 201 links a new one, 200 links by email with first-link rules; no duplicate; local ids still answer', async () => {
    const rig = await startRig(style);
    const asha = rig.remote.addCandidate({
      full_name: 'Asha Rao',
      email: 'Asha.Rao@Example.com',
      location: 'Pune',
      source: 'linkedin',
      current_company: 'Infosys',
      primary_skills: ['Java'],
      application: { job_id: JOB_A, status: 'Interview' },
    });
    const farhan = await rig.createLocal({
      full_name: 'Farhan Qureshi',
      email: 'farhan.qureshi@example.com',
      phone_number: '+91 98450 11223',
      total_experience_years: 6,
      primary_skills: ['Go', 'Kafka'],
      metadata: { referrer: 'Meera' },
      application: { job_id: JOB_A, status: 'Shortlisted', notes: 'Strong on systems' },
    });
    await rig.editLocal(farhan.id, { application: { job_id: JOB_B } });
    const localAsha = await rig.createLocal({
      full_name: 'Asha Rao',
      email: '  asha.rao@EXAMPLE.com ',
      phone_number: '+91 98450 99999',
      current_company: 'TCS',
      source: 'referral',
      application: { job_id: JOB_B, notes: 'Referred by Meera' },
    });

    const summary = await rig.syncOk();
    expect(summary).toMatchObject({ created: 1, linked: 1, conflicts: 1, errors: 0 });
    expect(rig.remote.all()).toHaveLength(2);

    const farhanRemoteId = remoteIdOf(rig.api.database.db, farhan.id)!;
    const farhanRemote = rig.remote.candidate(farhanRemoteId)!;
    expect(farhanRemote).toMatchObject({
      full_name: 'Farhan Qureshi',
      email: 'farhan.qureshi@example.com',
      phone_number: '+91 98450 11223',
      primary_skills: ['Go', 'Kafka'],
      metadata: { referrer: 'Meera' },
    });
    expect(farhanRemote.applications.map((a) => [a.job_id, a.status, a.notes]).sort()).toEqual(
      [
        [JOB_A, 'Shortlisted', 'Strong on systems'],
        [JOB_B, 'Applied', null],
      ].sort(),
    );
    const farhanLocal = await rig.getLocal(farhan.id);
    expectContractShape(farhanLocal);
    expect(farhanLocal).toMatchObject({ id: farhan.id, email: 'farhan.qureshi@example.com', total_experience_years: 6 });

    expect(remoteIdOf(rig.api.database.db, localAsha.id)).toBe(asha.id);
    // Case and spacing only: the remote's spelling, no conflict. Source: the remote's. Empty here: the remote's value.
    const ashaLocal = await rig.getLocal(localAsha.id);
    expectContractShape(ashaLocal);
    expect(ashaLocal).toMatchObject({
      email: 'Asha.Rao@Example.com',
      source: 'linkedin',
      location: 'Pune',
      primary_skills: ['Java'],
      current_company: 'TCS',
    });
    expect(rig.remote.candidate(asha.id)).toMatchObject({
      email: 'Asha.Rao@Example.com',
      phone_number: '+91 98450 99999',
      current_company: 'Infosys',
      source: 'linkedin',
    });
    expect(rig.remote.candidate(asha.id)!.applications.map((a) => [a.job_id, a.status, a.notes]).sort()).toEqual(
      [
        [JOB_A, 'Interview', null],
        [JOB_B, 'Applied', 'Referred by Meera'],
      ].sort(),
    );
    expect(listConflicts(rig.api.database.db, { status: 'open' })).toMatchObject([
      { candidate_id: localAsha.id, field: 'current_company', local: 'TCS', remote: 'Infosys' },
    ]);
    expect(listOutbox(rig.api.database.db, farhan.id)).toEqual([]);
    await expectConverged(rig);
  });

  it('local edits coalesce into one PUT with only the changed fields; each changed application goes in a PUT', async () => {
    const { rig, made } = await linkedRig(style, 6);
    const [one, two] = made;
    await rig.editLocal(one!.id, { location: 'Kochi', current_company: 'Zoho' });
    await rig.editLocal(one!.id, { location: 'Mysuru', notice_period_days: 60 });
    await rig.editLocal(one!.id, { application: { job_id: JOB_A, status: 'offered' } });
    await rig.editLocal(one!.id, { application: { job_id: JOB_B, notes: 'Second role' } });
    await rig.editLocal(two!.id, { current_ctc: 21.5 });

    const summary = await rig.syncOk();
    expect(summary).toMatchObject({ pushed: 2, pulled: 0, conflicts: 0 });
    const requests = rig.takeRequests();
    expect(kinds(requests).filter((k) => k === 'GET detail' || k === 'POST')).toEqual([]);
    const onePuts = puts(requests, one!.id);
    expect(onePuts).toHaveLength(2);
    const fieldsSent = onePuts.flatMap((body) => Object.keys(body).filter((key) => key !== 'application'));
    expect(fieldsSent.sort()).toEqual(['current_company', 'location', 'notice_period_days']);
    expect(onePuts.map((body) => body.application).sort((a, b) => a.job_id.localeCompare(b.job_id))).toEqual(
      [
        { job_id: JOB_A, status: 'Offered' },
        { job_id: JOB_B, status: 'Applied', notes: 'Second role' },
      ].sort((a, b) => a.job_id.localeCompare(b.job_id)),
    );
    expect(puts(requests, two!.id)).toEqual([{ current_ctc: 21.5 }]);
    expect(rig.remote.candidate(one!.id)).toMatchObject({ location: 'Mysuru', current_company: 'Zoho', notice_period_days: 60 });
    expect(rig.remote.candidate(one!.id)!.applications.map((a) => [a.job_id, a.status, a.notes]).sort()).toEqual(
      [
        [JOB_A, 'Offered', 'Imported'],
        [JOB_B, 'Applied', 'Second role'],
      ].sort(),
    );
    expect(rig.remote.candidate(two!.id)!.current_ctc).toBe(21.5);
    expectContractShape(await rig.getLocal(one!.id));
    await expectConverged(rig);
  });

  it("an application PUT sends only the parts changed here: a cloud note written since the pull survives", async () => {
    const { rig, made } = await linkedRig(style, 2);
    const target = made[0]!;
    await rig.editLocal(target.id, { application: { job_id: JOB_A, status: 'Rejected' } });
    rig.remote.beforeHandle = (request) => {
      if (request.method === 'PUT') rig.remote.editAsRecruiter(target.id, { application: { job_id: JOB_A, notes: 'Cloud note' } });
    };
    await rig.syncOk();
    rig.remote.beforeHandle = null;
    expect(puts(rig.takeRequests())).toEqual([{ application: { job_id: JOB_A, status: 'Rejected' } }]);
    expect(rig.remote.candidate(target.id)!.applications).toMatchObject([{ job_id: JOB_A, status: 'Rejected', notes: 'Cloud note' }]);
    expect((await rig.getLocal(target.id)).applications).toMatchObject([{ job_id: JOB_A, status: 'Rejected', notes: 'Cloud note' }]);
    expect(listConflicts(rig.api.database.db)).toEqual([]);
    await expectConverged(rig);
  });

  it('edits on both sides: different fields merge, skills as sets, metadata by key; the same field is a conflict per policy', async () => {
    const { rig, made } = await linkedRig(style, 6);
    const [one, two, three] = made;
    for (const candidate of [one, two, three]) {
      rig.remote.editAsRecruiter(candidate!.id, { primary_skills: ['React', 'TypeScript', 'Node'], metadata: { external_id: 'ATS-1' } });
    }
    await rig.syncOk();

    rig.remote.editAsRecruiter(one!.id, {
      location: 'Hyderabad',
      primary_skills: ['TypeScript', 'Node', 'Go'],
      metadata: { external_id: 'ATS-1', stage: 'phone' },
      current_designation: 'Staff Engineer',
      application: { job_id: JOB_A, status: 'Interview' },
    });
    await rig.editLocal(one!.id, {
      current_company: 'Swiggy',
      primary_skills: ['React', 'TypeScript', 'Node', 'Rust'],
      metadata: { external_id: 'ATS-1', owner: 'meera' },
      current_designation: 'Principal Engineer',
      application: { job_id: JOB_A, notes: 'Called' },
    });
    for (const [candidate, value] of [
      [two, 'Remote Two'],
      [three, 'Remote Three'],
    ] as const) {
      rig.remote.editAsRecruiter(candidate!.id, { current_designation: value });
      await rig.editLocal(candidate!.id, { current_designation: `Local ${value}` });
    }

    await rig.syncOk('ask');
    const remoteOne = rig.remote.candidate(one!.id)!;
    const localOne = await rig.getLocal(one!.id);
    expect(remoteOne).toMatchObject({
      location: 'Hyderabad',
      current_company: 'Swiggy',
      primary_skills: ['TypeScript', 'Node', 'Go', 'Rust'],
      metadata: { external_id: 'ATS-1', stage: 'phone', owner: 'meera' },
      current_designation: 'Staff Engineer',
    });
    expect(localOne).toMatchObject({
      location: 'Hyderabad',
      current_company: 'Swiggy',
      primary_skills: ['TypeScript', 'Node', 'Go', 'Rust'],
      metadata: { external_id: 'ATS-1', stage: 'phone', owner: 'meera' },
      current_designation: 'Principal Engineer',
    });
    expect(remoteOne.applications.find((a) => a.job_id === JOB_A)).toMatchObject({ status: 'Interview', notes: 'Called' });
    expect((localOne.applications as Record<string, any>[]).find((a) => a.job_id === JOB_A)).toMatchObject({ status: 'Interview', notes: 'Called' });
    expectContractShape(localOne);
    const open = listConflicts(rig.api.database.db, { status: 'open' });
    expect(open.map((c) => [c.candidate_id, c.field, c.local, c.remote]).sort()).toEqual(
      [
        [one!.id, 'current_designation', 'Principal Engineer', 'Staff Engineer'],
        [two!.id, 'current_designation', 'Local Remote Two', 'Remote Two'],
        [three!.id, 'current_designation', 'Local Remote Three', 'Remote Three'],
      ].sort(),
    );
    await expectConverged(rig);

    // The same kind of conflict decided by policy: the loser is kept in the history.
    rig.remote.editAsRecruiter(one!.id, { location: 'Chennai' });
    await rig.editLocal(one!.id, { location: 'Madurai' });
    await rig.syncOk('prefer-remote');
    expect((await rig.getLocal(one!.id)).location).toBe('Chennai');
    rig.remote.editAsRecruiter(one!.id, { location: 'Vellore' });
    await rig.editLocal(one!.id, { location: 'Salem' });
    await rig.syncOk('prefer-local');
    expect(rig.remote.candidate(one!.id)!.location).toBe('Salem');
    expect((await rig.getLocal(one!.id)).location).toBe('Salem');
    const history = listConflicts(rig.api.database.db, { status: 'resolved', candidateId: one!.id }).filter((c) => c.field === 'location');
    expect(history.map((c) => [c.local, c.remote, c.resolution])).toEqual([
      ['Madurai', 'Chennai', 'remote'],
      ['Salem', 'Vellore', 'local'],
    ]);
  });

  it('masking: masked values never overwrite known ones; locked fields park, the rest goes out; a reveal pushes or conflicts', async () => {
    const rig = await startRig(style);
    const kavya = rig.remote.addCandidate(
      { full_name: 'Kavya Nair', email: 'kavya.nair@example.com', whatsapp_number: '+91 98000 00077', current_ctc: 15, location: 'Chennai' },
      { talent_pool_status: 'masked' },
    );
    const hidden = rig.remote.addCandidate(
      { full_name: 'Rahul Singh', email: 'rahul.singh@example.com', phone_number: '+91 98000 00042', expected_ctc: 30 },
      { talent_pool_status: 'masked' },
    );
    const local = await rig.createLocal({
      full_name: 'Kavya Nair',
      email: 'kavya.nair@example.com',
      phone_number: '+91 98000 00001',
      current_ctc: 20,
      current_designation: 'Data Engineer',
    });

    const summary = await rig.syncOk();
    expect(summary).toMatchObject({ created: 0, linked: 1, parked: 2 });
    expect(rig.remote.all()).toHaveLength(2);
    expect(remoteIdOf(rig.api.database.db, local.id)).toBe(kavya.id);
    const requests = rig.takeRequests();
    expect(requests.filter((r) => r.status === 403)).toEqual([]);
    for (const body of puts(requests)) expect(Object.keys(body)).not.toContain('phone_number');
    expect(rig.remote.candidate(kavya.id)).toMatchObject({ current_designation: 'Data Engineer', phone_number: null, current_ctc: 15, location: 'Chennai' });
    const shown = await rig.getLocal(local.id);
    expectContractShape(shown);
    expect(shown).toMatchObject({ email: '', phone_number: null, whatsapp_number: null, current_ctc: null, talent_pool_status: 'masked', location: 'Chennai' });
    expect(listParkedValues(rig.api.database.ctx).map((p) => [p.field, p.value]).sort()).toEqual([
      ['current_ctc', 20],
      ['phone_number', '+91 98000 00001'],
    ]);
    expect(await rig.getLocal(hidden.id)).toMatchObject({ email: '', phone_number: null, expected_ctc: null, talent_pool_status: 'masked' });
    await expectConverged(rig);

    rig.remote.reveal(kavya.id);
    rig.remote.reveal(hidden.id);
    const revealed = await rig.syncOk();
    expect(revealed.conflicts).toBe(1);
    expect(rig.remote.candidate(kavya.id)).toMatchObject({ phone_number: '+91 98000 00001', current_ctc: 15 });
    expect(await rig.getLocal(local.id)).toMatchObject({
      email: 'kavya.nair@example.com',
      phone_number: '+91 98000 00001',
      whatsapp_number: '+91 98000 00077',
      current_ctc: 20,
      talent_pool_status: 'revealed',
    });
    expect(listConflicts(rig.api.database.db, { status: 'open' })).toMatchObject([{ candidate_id: local.id, field: 'current_ctc', local: 20, remote: 15 }]);
    expect(await rig.getLocal(hidden.id)).toMatchObject({ email: 'rahul.singh@example.com', phone_number: '+91 98000 00042', expected_ctc: 30 });
    expect(listParkedValues(rig.api.database.ctx)).toEqual([]);
    await expectConverged(rig);
  });

  it('403: masked on the remote between pull and push, the locked field parks and the rest goes out; no 403 loop; a reveal sends it', async () => {
    const { rig, made } = await linkedRig(style, 4);
    const target = made[0]!;
    await rig.editLocal(target.id, { phone_number: '+91 90000 40300', current_company: 'Razorpay' });
    rig.remote.beforeHandle = (request) => {
      if (request.method === 'PUT' && rig.remote.candidate(target.id)!.talent_pool_status !== 'masked') rig.remote.mask(target.id);
    };

    const summary = await rig.syncOk();
    rig.remote.beforeHandle = null;
    expect(summary).toMatchObject({ pushed: 1, parked: 1 });
    const requests = rig.takeRequests();
    expect(requests.filter((r) => r.status === 403)).toHaveLength(1);
    expect(rig.remote.candidate(target.id)).toMatchObject({ current_company: 'Razorpay', phone_number: target.phone_number, talent_pool_status: 'masked' });
    expect(listParkedValues(rig.api.database.ctx)).toEqual([{ candidate_id: target.id, field: 'phone_number', value: '+91 90000 40300' }]);
    expect(await rig.getLocal(target.id)).toMatchObject({ phone_number: null, current_company: 'Razorpay', talent_pool_status: 'masked' });
    await expectConverged(rig);

    rig.remote.reveal(target.id);
    await rig.syncOk();
    expect(rig.remote.candidate(target.id)!.phone_number).toBe('+91 90000 40300');
    expect(listParkedValues(rig.api.database.ctx)).toEqual([]);
    await expectConverged(rig);
  });

  it('retries 429/5xx and dropped connections, honours Retry-After, and duplicates nothing', async () => {
    const { rig, made } = await linkedRig(style, 5);
    const remoteCount = rig.remote.all().length;
    const news = [];
    for (let i = 0; i < 3; i++) news.push(await rig.createLocal({ full_name: `New Person ${i}`, email: `new.person${i}@example.com`, location: 'Delhi' }));
    await rig.editLocal(made[0]!.id, { location: 'Noida' });
    await rig.editLocal(made[1]!.id, { application: { job_id: JOB_B, status: 'Screening' } });
    rig.remote.editAsRecruiter(made[2]!.id, { current_company: 'Flipkart' });
    rig.remote.faults.push(
      { method: 'GET', pathPrefix: '/api/v1/candidates', fault: { kind: 'drop' } },
      { method: 'POST', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } },
      { method: 'POST', fault: { kind: 'drop', afterApply: true } },
      { method: 'GET', pathPrefix: '/api/v1/candidates/', fault: { kind: 'status', status: 502 } },
      { method: 'GET', pathPrefix: '/api/v1/candidates/', fault: { kind: 'status', status: 504 } },
      { method: 'PUT', fault: { kind: 'status', status: 503, retryAfterSeconds: 2 } },
      { method: 'PUT', fault: { kind: 'drop', afterApply: true } },
      { method: 'PUT', fault: { kind: 'status', status: 503 } },
    );

    const summary = await rig.syncOk();
    expect(rig.remote.faults).toEqual([]);
    expect(summary.errors).toBe(0);
    expect(rig.waits).toContain(1000);
    expect(rig.waits).toContain(2000);
    expect(rig.remote.all()).toHaveLength(remoteCount + 3);
    for (const created of news) {
      const remoteId = remoteIdOf(rig.api.database.db, created.id);
      expect(rig.remote.candidate(remoteId!)).toMatchObject({ full_name: created.full_name, location: 'Delhi' });
    }
    expect(rig.remote.candidate(made[0]!.id)!.location).toBe('Noida');
    expect(rig.remote.candidate(made[1]!.id)!.applications.filter((a) => a.job_id === JOB_B)).toMatchObject([{ status: 'Screening' }]);
    expect((await rig.getLocal(made[2]!.id)).current_company).toBe('Flipkart');
    await expectConverged(rig);
  });
});

describe("the cloud's own pipeline", () => {
  it('statuses the cloud uses and this copy lacks join its pipeline, so the local API takes them back', async () => {
    const rig = await startRig({ pipeline: ['Applied', 'Phone Screen', 'Take-home', 'Hired', 'Rejected'] });
    const first = rig.remote.addCandidate({ full_name: 'Pipeline One', email: 'pipe.one@example.com', application: { job_id: JOB_A, status: 'Phone Screen' } });
    rig.remote.addCandidate({ full_name: 'Pipeline Two', email: 'pipe.two@example.com', application: { job_id: JOB_B, status: 'take-home' } });
    rig.remote.addCandidate({ full_name: 'Pipeline Three', email: 'pipe.three@example.com', application: { job_id: JOB_A, status: 'phone screen' } });
    await rig.syncOk();

    const pipeline = (await rig.api.call('GET', '/api/local/pipeline-statuses')).json.data;
    expect(pipeline).toEqual(['Applied', 'Shortlisted', 'Screening', 'Interview', 'Offered', 'Hired', 'Rejected', 'Phone Screen', 'Take-home']);
    const local = await rig.editLocal(first.id, { application: { job_id: JOB_A, status: 'take-home' } });
    expect(local.applications).toMatchObject([{ job_id: JOB_A, status: 'Take-home' }]);
    await rig.syncOk();
    expect(rig.remote.candidate(first.id)!.applications).toMatchObject([{ job_id: JOB_A, status: 'Take-home' }]);
    expect((await rig.api.call('GET', '/api/local/pipeline-statuses')).json.data).toEqual(pipeline);
  });

  it("an application status the cloud's pipeline lacks holds back only that application: the edit's fields and other applications go out", async () => {
    const rig = await startRig({ pipeline: ['Applied', 'Phone Screen', 'Hired', 'Rejected'] });
    const cloud = rig.remote.addCandidate({ full_name: 'Status Person', email: 'status.person@example.com' });
    await rig.syncOk();
    await rig.editLocal(cloud.id, { location: 'Kochi', application: { job_id: JOB_A, status: 'Screening' } });
    await rig.editLocal(cloud.id, { application: { job_id: JOB_B, status: 'Applied' } });
    rig.takeRequests();

    const summary = await rig.sync();
    expect(summary.ok).toBe(true);
    expect(summary.summary).toMatchObject({ pushed: 1, errors: 1 });
    const puts = rig.takeRequests().filter((request) => request.method === 'PUT');
    expect(puts.map((put) => [put.status, put.body])).toEqual([
      [400, { location: 'Kochi', application: { job_id: JOB_A, status: 'Screening', notes: null } }],
      [200, { location: 'Kochi', application: { job_id: JOB_B, status: 'Applied', notes: null } }],
    ]);
    expect(rig.remote.candidate(cloud.id)).toMatchObject({ location: 'Kochi', applications: [{ job_id: JOB_B, status: 'Applied' }] });
    expect(listPushFailures(rig.api.database.db)).toEqual([
      expect.objectContaining({ status: 400, code: 'validation_error', details: [expect.objectContaining({ path: `applications.${JOB_A}.status` })] }),
    ]);
    expect((await rig.getLocal(cloud.id)).applications).toMatchObject([
      { job_id: JOB_A, status: 'Screening' },
      { job_id: JOB_B, status: 'Applied' },
    ]);

    // The recruiter picks a status the cloud has: it goes out, and the refusal is gone.
    await rig.editLocal(cloud.id, { application: { job_id: JOB_A, status: 'Hired' } });
    expect(await rig.syncOk()).toMatchObject({ pushed: 1, errors: 0 });
    expect(listPushFailures(rig.api.database.db)).toEqual([]);
    expect(rig.remote.candidate(cloud.id)!.applications.find((a) => a.job_id === JOB_A)?.status).toBe('Hired');
  });

  it("a status the cloud spells in another case takes the cloud's spelling, so syncs agree and a later cloud move is no conflict", async () => {
    const rig = await startRig({ pipeline: ['applied', 'interview', 'hired', 'rejected'] });
    const local = await rig.createLocal({ full_name: 'Case Person', email: 'case.person@example.com', application: { job_id: JOB_A, status: 'Interview' } });
    const bystander = await rig.createLocal({ full_name: 'Other Person', email: 'other.person@example.com', application: { job_id: JOB_B, status: 'INTERVIEW' } });
    expect(bystander.applications).toMatchObject([{ status: 'Interview' }]);
    rig.remote.addCandidate({ full_name: 'Cloud Person', email: 'cloud.person@example.com', application: { job_id: JOB_A, status: 'interview' } });

    await rig.syncOk();
    const pipeline = (await rig.api.call('GET', '/api/local/pipeline-statuses')).json.data;
    expect(pipeline).toEqual(['Applied', 'Shortlisted', 'Screening', 'interview', 'Offered', 'Hired', 'Rejected']);
    expect((await rig.getLocal(local.id)).applications).toMatchObject([{ status: 'interview' }]);
    expect((await rig.getLocal(bystander.id)).applications).toMatchObject([{ status: 'interview' }]);
    rig.takeRequests();
    await rig.syncOk();
    expect(rig.takeRequests().filter((request) => request.method !== 'GET')).toEqual([]);

    const remoteId = remoteIdOf(rig.api.database.db, local.id)!;
    rig.remote.editAsRecruiter(remoteId, { application: { job_id: JOB_A, status: 'hired' } });
    const summary = await rig.syncOk();
    expect(summary.conflicts).toBe(0);
    expect((await rig.getLocal(local.id)).applications).toMatchObject([{ status: 'hired' }]);
  });
});

describe('the remote rejects the key', () => {
  it('stops at the first 401, retries nothing, and says "API key rejected"', async () => {
    const rig = await startRig({ token: 'the-real-key' });
    seedRemote(rig.remote, 3);
    await rig.createLocal({ full_name: 'Offline Person', email: 'offline.person@example.com' });
    const wrongKey = new RemoteClient({ remoteUrl: rig.remote.url, apiKey: 'a-revoked-key', sleep: async () => undefined });
    try {
      const outcome = await runSync({ ctx: rig.api.database.ctx, remote: wrongKey, reportError: (error) => rig.reported.push(error) });
      expect(outcome).toMatchObject({ ok: false, apiKeyRejected: true });
      expect(rig.remote.requests.map((r) => r.status)).toEqual([401]);
      expect(readSyncRunRecord(rig.api.database.ctx)).toMatchObject({ state: 'api_key_rejected', last_error: 'API key rejected' });
      expect(rig.remote.all()).toHaveLength(3);
    } finally {
      await wrongKey.close();
    }
  });
});

describe('a remote that pages smaller than asked', () => {
  it('is walked in the page size its meta.limit names: every candidate is pulled, and an email is found past its first page', async () => {
    const rig = await startRig({ maxPageSize: 40 });
    seedRemote(rig.remote, 250);
    await rig.syncOk();
    const localIds = rig.api.database.db.prepare('SELECT id FROM candidates').pluck().all() as string[];
    expect(localIds.sort()).toEqual(rig.remote.all().map((c) => c.id).sort());

    // Newer candidates whose names hold the email fill the search's first page; the one sought is on the next.
    rig.remote.addCandidate({ full_name: 'Sought Person', email: 'sought@example.com' });
    for (let i = 0; i < 45; i++) rig.remote.addCandidate({ full_name: `Referred by sought@example.com ${i}`, email: `referral.${i}@example.com` });
    const found = await rig.client.findCandidateByEmail('SOUGHT@example.com');
    expect(found).toMatchObject({ full_name: 'Sought Person', email: 'sought@example.com' });
  });
});

describe.each(SCENARIO_STYLES)('paging against a remote %s', (_name, style) => {
  it('candidates added on the remote while the list is walked are neither doubled nor skipped', async () => {
    const rig = await startRig(style);
    seedRemote(rig.remote, 250);
    const isList = (request: LoggedRequest, offset: string) =>
      request.method === 'GET' && request.path === '/api/v1/candidates' && request.query.offset === offset;
    let shifts = 0;
    rig.remote.beforeHandle = async (request) => {
      if (!isList(request, '100') || shifts >= 2) return;
      // The engine asks for pages 100 and 200 together: page 200 is answered first, then three
      // candidates are added at the top, then page 100, so rows 197-199 are on neither page.
      // Bounded, so that an engine walking one page at a time is shifted all the same.
      const walk = rig.remote.requests.filter((r) => isList(r, '0')).length;
      const laterPageAnswered = () => rig.remote.requests.filter((r) => isList(r, '200') && r.status !== 0).length >= walk;
      for (let turn = 0; turn < 10_000 && !laterPageAnswered(); turn++) await new Promise((resolve) => setImmediate(resolve));
      shifts += 1;
      for (let i = 0; i < 3; i++) rig.remote.addCandidate({ full_name: `Late ${shifts}.${i}`, email: `late.${shifts}.${i}@example.com` });
    };

    await rig.syncOk();
    rig.remote.beforeHandle = null;
    expect(shifts).toBe(2);
    // Two shifted walks, then a stable one: everyone, the latecomers too, once.
    const localIds = rig.api.database.db.prepare('SELECT id FROM candidates').pluck().all() as string[];
    expect(localIds.sort()).toEqual(rig.remote.all().map((c) => c.id).sort());
    const details = rig.takeRequests().filter((r) => r.method === 'GET' && r.path !== '/api/v1/candidates').map((r) => r.path.toLowerCase());
    expect(details).toHaveLength(new Set(details).size);
    await expectConverged(rig);
  });
});
