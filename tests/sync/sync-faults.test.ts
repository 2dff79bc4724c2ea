import { afterEach, describe, expect, it } from 'vitest';
import { LOCKED_FIELDS } from '@shared/contract';
import { emailKey } from '@shared/field-rules';
import { sameJson } from '../../electron/core/values';
import { findCandidateIdByRemoteId, listConflicts, listPushFailures } from '../../electron/db/sync-repository';
import { REMOTE_JOB_IDS } from '../../tools/remote-server/candidate-generator';
import { FAULT_KINDS, type FaultRule } from '../../tools/remote-server/faults';
import { Prng } from '../../tools/remote-server/prng';
import { compareSides, dumpCandidateData, type SyncHarness, syncHarnesses } from '../helpers/sync-harness';

/** Set SYNC_FAULT_SEED to replay a run; every failure message names the seed it ran with. */
const SEED = Number(process.env.SYNC_FAULT_SEED ?? 20261129);
const MAX_RUNS = 40;
const FAULT_RATE = 0.3;

const harnesses = syncHarnesses();
afterEach(() => harnesses.closeAll());

/** One edit made on one side, and how to find it again on both. */
type Edit = {
  side: 'local' | 'remote';
  /** The candidate as that side knows it: a local id, or a remote id. */
  id: string;
} & (
  | { kind: 'field'; field: string; value: unknown }
  | { kind: 'skill'; value: string }
  | { kind: 'metadata'; key: string; value: string }
  | { kind: 'application'; job: string; status: string }
);

const PIPELINE = ['Applied', 'Shortlisted', 'Screening', 'Interview', 'Offered', 'Hired', 'Rejected'];
const EDITABLE = ['location', 'current_company', 'current_designation', 'notice_period_days'] as const;
const LOCKED: ReadonlySet<string> = new Set(LOCKED_FIELDS);

/** Every fault kind, in both phases, adding up to FAULT_RATE; `slow` both under and over the client's timeout. */
function faultRules(): FaultRule[] {
  const kinds = FAULT_KINDS.flatMap((kind) => (kind === 'slow' ? [{ kind, delayMs: 40 }, { kind, delayMs: 450 }] : [{ kind }]));
  const share = FAULT_RATE / (kinds.length * 2);
  return kinds.flatMap((rule) => (['before', 'after'] as const).map((phase) => ({ ...rule, phase, rate: share, retryAfterSeconds: 2 })));
}

/** Edits on both sides before the faulty syncs: creates, field edits, skills, metadata, applications; some collide. */
function makeEdits(harness: SyncHarness, prng: Prng): Edit[] {
  const edits: Edit[] = [];
  const { controls } = harness.remote;
  const linked = controls.snapshot();
  const targets = prng.shuffled(linked).slice(0, 40);

  const fieldValue = (field: (typeof EDITABLE)[number], tag: string) => (field === 'notice_period_days' ? 100 + prng.int(200) : `${tag} ${field}`);

  // Candidates both sides create: mostly distinct, two with one email on both sides (the POST's 200, first-link rules).
  for (let i = 0; i < 12; i++) {
    const shared = i < 2;
    const email = shared ? `shared.${i}.${SEED}@example.com` : `local.${i}.${SEED}@example.com`;
    const job = prng.pick(REMOTE_JOB_IDS);
    const record = harness.createLocal({
      full_name: `Local Person ${i}`,
      email: i === 1 ? email.toUpperCase() : email,
      location: `Local city ${i}`,
      primary_skills: ['Go'],
      application: { job_id: job, status: prng.pick(PIPELINE) },
    });
    edits.push(
      { side: 'local', id: record.id, kind: 'field', field: 'full_name', value: record.full_name },
      { side: 'local', id: record.id, kind: 'field', field: 'email', value: record.email },
      { side: 'local', id: record.id, kind: 'field', field: 'location', value: record.location },
      { side: 'local', id: record.id, kind: 'skill', value: 'Go' },
      { side: 'local', id: record.id, kind: 'application', job, status: harness.localApplications(record.id)[0]!.status },
    );
    if (prng.chance(0.5)) {
      const second = REMOTE_JOB_IDS.find((j) => j !== job)!;
      harness.editLocal(record.id, { application: { job_id: second, status: 'Screening' } });
      edits.push({ side: 'local', id: record.id, kind: 'application', job: second, status: 'Screening' });
    }
    if (shared) {
      const { candidate } = controls.addCandidate({ full_name: `Local Person ${i}`, email, location: `Remote city ${i}`, primary_skills: ['Rust'] });
      edits.push(
        { side: 'remote', id: candidate.id, kind: 'field', field: 'location', value: `Remote city ${i}` },
        { side: 'remote', id: candidate.id, kind: 'skill', value: 'Rust' },
      );
    }
  }
  for (let i = 0; i < 10; i++) {
    const job = prng.pick(REMOTE_JOB_IDS);
    const { candidate } = controls.addCandidate({
      full_name: `Remote Person ${i}`,
      email: `remote.${i}.${SEED}@example.com`,
      current_company: `Remote company ${i}`,
      application: { job_id: job, status: 'Shortlisted' },
    });
    edits.push(
      { side: 'remote', id: candidate.id, kind: 'field', field: 'current_company', value: `Remote company ${i}` },
      { side: 'remote', id: candidate.id, kind: 'application', job, status: 'Shortlisted' },
    );
  }

  // Updates to linked candidates; a field is edited at most once per side, and some on both sides (conflicts).
  targets.forEach((target, i) => {
    const id = target.id;
    const sides: ('local' | 'remote')[] = i % 3 === 0 ? ['local', 'remote'] : [i % 3 === 1 ? 'local' : 'remote'];
    const field = prng.pick(EDITABLE);
    for (const side of sides) {
      const value = fieldValue(field, `${side} ${i}`);
      if (side === 'local') harness.editLocal(id, { [field]: value });
      else controls.editAsRecruiter(id, { [field]: value });
      edits.push({ side, id, kind: 'field', field, value });
    }
    const side = prng.chance(0.5) ? 'local' : 'remote';
    const current = side === 'local' ? harness.localRecord(id) : controls.snapshot().find((c) => c.id === id)!;
    const edit = (body: Record<string, unknown>) => (side === 'local' ? harness.editLocal(id, body) : controls.editAsRecruiter(id, body));
    switch (prng.int(3)) {
      case 0: {
        const skill = `${side}-skill-${i}`;
        edit({ primary_skills: [...current.primary_skills, skill] });
        edits.push({ side, id, kind: 'skill', value: skill });
        break;
      }
      case 1: {
        const key = `${side}_key_${i}`;
        edit({ metadata: { ...(current.metadata ?? {}), [key]: `value ${i}` } });
        edits.push({ side, id, kind: 'metadata', key, value: `value ${i}` });
        break;
      }
      default: {
        const job = REMOTE_JOB_IDS[(i + (side === 'local' ? 0 : 3)) % REMOTE_JOB_IDS.length]!;
        const status = prng.pick(PIPELINE);
        edit({ application: { job_id: job, status } });
        edits.push({ side, id, kind: 'application', job, status });
      }
    }
  });
  return edits;
}

/** Where an edit stands on both sides: [] when it is on both, or is an open conflict holding it. */
function lostEdit(harness: SyncHarness, edit: Edit): string | undefined {
  const { db } = harness.local;
  const localId = edit.side === 'local' ? edit.id : findCandidateIdByRemoteId(db, edit.id);
  const remoteId = edit.side === 'remote' ? edit.id : harness.remoteIdOf(edit.id);
  if (!localId || !remoteId) return `${JSON.stringify(edit)}: not linked (local ${localId}, remote ${remoteId})`;
  const local = harness.localRecord(localId);
  const remote = harness.remoteRecord(remoteId);
  const sides = { local: { record: local, applications: harness.localApplications(localId) }, remote: { record: remote, applications: remote.applications } };

  let conflictField: string;
  let valueOn: (side: 'local' | 'remote') => unknown;
  let holds: (value: unknown) => boolean;
  switch (edit.kind) {
    case 'field':
      conflictField = edit.field;
      valueOn = (side) => (sides[side].record as unknown as Record<string, unknown>)[edit.field];
      holds = (value) => (edit.field === 'email' ? emailKey(String(value)) === emailKey(String(edit.value)) : sameJson(value, edit.value));
      break;
    case 'skill':
      conflictField = 'primary_skills';
      valueOn = (side) => sides[side].record.primary_skills;
      holds = (value) => (value as string[]).some((skill) => skill.toLowerCase() === edit.value.toLowerCase());
      break;
    case 'metadata':
      conflictField = `metadata.${edit.key}`;
      valueOn = (side) => sides[side].record.metadata?.[edit.key];
      holds = (value) => value === edit.value;
      break;
    case 'application':
      conflictField = `applications.${edit.job}.status`;
      valueOn = (side) => sides[side].applications.find((a) => a.job_id === edit.job)?.status;
      holds = (value) => value === edit.status;
      break;
  }
  if (holds(valueOn('local')) && holds(valueOn('remote'))) return undefined;
  const conflict = listConflicts(db, { status: 'open', candidateId: localId }).find((c) => c.field === conflictField);
  if (conflict && holds(valueOn(edit.side)) && holds(conflict[edit.side])) return undefined;
  return `${JSON.stringify(edit)}: local ${JSON.stringify(valueOn('local'))}, remote ${JSON.stringify(valueOn('remote'))}, conflict ${JSON.stringify(conflict ?? null)}`;
}

describe(`fault runs (seed ${SEED})`, { timeout: 120_000 }, () => {
  // With 5 attempts a request rarely runs out of retries; with 2 most runs fail part way and the next must resume.
  it.each([5, 2])('with 30%% faults of every kind and %i attempts per request, repeated syncs converge: both sides equal, no duplicate, no lost edit', async (maxAttempts) => {
    const harness = await harnesses.start({ remote: { randomSeed: SEED }, client: { maxAttempts } });
    const { controls } = harness.remote;
    controls.seed(90);
    await harness.syncOk();
    expect(compareSides(harness), `seed ${SEED}`).toEqual([]);

    const prng = new Prng(SEED);
    const edits = makeEdits(harness, prng);
    expect(edits.filter((e) => e.kind === 'field' && LOCKED.has(e.field) && e.field !== 'email')).toEqual([]);
    const remoteBefore = controls.snapshot().length;

    controls.setFaults({ rules: faultRules(), seed: SEED });
    controls.resetStats();
    const outcomes: string[] = [];
    let completed = false;
    for (let run = 1; run <= MAX_RUNS && !completed; run++) {
      const outcome = await harness.sync();
      completed = outcome.ok;
      outcomes.push(outcome.ok ? 'ok' : outcome.error.message);
    }
    const stats = controls.stats();
    controls.clearFaults();
    const context = `seed ${SEED}; runs: ${JSON.stringify(outcomes, null, 1)}`;
    console.log(context, stats.byStatus, stats.total, [...new Set(stats.recent.map((e) => e.fault))]);
    expect(completed, context).toBe(true);
    // The faults really struck, of every kind.
    const struck = new Set(stats.recent.map((entry) => entry.fault).filter(Boolean));
    expect(struck.size, context).toBeGreaterThanOrEqual(6);

    expect(compareSides(harness), context).toEqual([]);
    // The two shared emails made no second candidate anywhere.
    expect(controls.snapshot().length, context).toBe(remoteBefore + 10);
    expect(edits.map((edit) => lostEdit(harness, edit)).filter(Boolean), context).toEqual([]);
    expect(listPushFailures(harness.local.db), context).toEqual([]);

    // Converged: one more sync, without faults, has nothing to fetch, send or write.
    controls.resetStats();
    const before = dumpCandidateData(harness.local.db);
    const summary = await harness.syncOk();
    expect(summary, context).toMatchObject({ pulled: 0, pushed: 0, created: 0, linked: 0 });
    expect(controls.stats().byKind, context).toMatchObject({ detail: 0, post: 0, put: 0 });
    expect(dumpCandidateData(harness.local.db), context).toEqual(before);
  });
});
