import { afterEach, describe, expect, it } from 'vitest';
import { emailKey } from '@shared/field-rules';
import { sameJson } from '../../electron/core/values';
import { findCandidateIdByRemoteId, listConflicts, listPushFailures } from '../../electron/db/sync-repository';
import { REMOTE_JOB_IDS } from '../../tools/remote-server/candidate-generator';
import { FAULT_KINDS, type FaultRule } from '../../tools/remote-server/faults';
import { Prng } from '../../tools/remote-server/prng';
import { compareSides, dumpCandidateData, patientClient, type SyncHarness, syncHarnesses } from '../helpers/sync-harness';

/** Set SYNC_FAULT_SEED to replay a run; every failure message names the seed it ran with. */
const SEED = Number(process.env.SYNC_FAULT_SEED ?? 20261129);
const MAX_RUNS = 40;
/** Batches of edits, each followed by syncs until one completes. */
const ROUNDS = 3;
const FAULT_RATE = 0.3;
/** The client's timeout per attempt: a `hang` costs this much, and `slow` faults fall either side of it. */
const TIMEOUT_MS = 300;

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

/** Every fault kind, in both phases, adding up to FAULT_RATE; `slow` both under and over the client's timeout (TIMEOUT_MS). */
function faultRules(): FaultRule[] {
  const kinds: FaultRule[] = FAULT_KINDS.flatMap((kind): FaultRule[] =>
    kind === 'slow' ? [{ kind, delayMs: 40 }, { kind, delayMs: 450 }] : [{ kind }],
  );
  const share = FAULT_RATE / (kinds.length * 2);
  return kinds.flatMap((rule) => (['before', 'after'] as const).map((phase) => ({ ...rule, phase, rate: share, retryAfterSeconds: 2 })));
}

/**
 * Edits on both sides, in batches made between sync runs: creates, field
 * edits, skills, metadata and applications, and the cloud masking and
 * revealing candidates. A (candidate, field) pair is edited once in the whole
 * test, except for pairs both sides edit in one batch (before either can see
 * the other's): those must end as open conflicts. Locked fields are left
 * alone; they have scenario tests of their own.
 */
class EditMaker {
  readonly edits: Edit[] = [];
  private readonly used = new Set<string>();
  /** Candidates that stand for one person on both sides before they are linked: not edited further. */
  private readonly excluded = new Set<string>();
  private creates = 0;
  private collisions = 0;

  constructor(
    private readonly harness: SyncHarness,
    private readonly prng: Prng,
  ) {}

  /** One identity per person, whichever side names it: the local id where there is one. */
  private key(id: string, field: string): string {
    return `${findCandidateIdByRemoteId(this.harness.local.db, id) ?? id}/${field}`;
  }

  private claim(id: string, field: string): boolean {
    const key = this.key(id, field);
    if (this.used.has(key) || this.excluded.has(id)) return false;
    this.used.add(key);
    return true;
  }

  private localIds(): string[] {
    return this.harness.local.db.prepare('SELECT id FROM candidates ORDER BY seq').pluck().all() as string[];
  }

  private edit(side: 'local' | 'remote', id: string, body: Record<string, unknown>): void {
    if (side === 'local') this.harness.editLocal(id, body);
    else this.harness.remote.controls.editAsRecruiter(id, body);
  }

  private current(side: 'local' | 'remote', id: string) {
    return side === 'local' ? this.harness.localRecord(id) : this.harness.remoteRecord(id);
  }

  /** A change to one candidate on one side: a field, a skill, a metadata key or an application. */
  private change(side: 'local' | 'remote', id: string, tag: string): void {
    const { prng } = this;
    switch (prng.int(4)) {
      case 0: {
        const field = prng.pick(EDITABLE);
        if (!this.claim(id, field)) return;
        const value = field === 'notice_period_days' ? 100 + prng.int(200) : `${tag} ${field}`;
        this.edit(side, id, { [field]: value });
        this.edits.push({ side, id, kind: 'field', field, value });
        return;
      }
      case 1: {
        const skill = `${tag}-skill`;
        this.edit(side, id, { primary_skills: [...this.current(side, id).primary_skills, skill] });
        this.edits.push({ side, id, kind: 'skill', value: skill });
        return;
      }
      case 2: {
        const key = `${tag.replaceAll(' ', '_')}_key`;
        this.edit(side, id, { metadata: { ...(this.current(side, id).metadata ?? {}), [key]: `${tag} value` } });
        this.edits.push({ side, id, kind: 'metadata', key, value: `${tag} value` });
        return;
      }
      default: {
        const job = prng.pick(REMOTE_JOB_IDS);
        if (!this.claim(id, `application:${job}`)) return;
        const status = prng.pick(PIPELINE);
        this.edit(side, id, { application: { job_id: job, status } });
        this.edits.push({ side, id, kind: 'application', job, status });
      }
    }
  }

  private createLocal(tag: string, sharedEmail?: string): void {
    const job = this.prng.pick(REMOTE_JOB_IDS);
    const record = this.harness.createLocal({
      full_name: `Local Person ${tag}`,
      email: sharedEmail?.toUpperCase() ?? `local.${tag}.${SEED}@example.com`,
      location: `Local city ${tag}`,
      primary_skills: ['Go'],
      application: { job_id: job, status: this.prng.pick(PIPELINE) },
    });
    for (const field of ['full_name', 'email', 'location'] as const) {
      this.used.add(`${record.id}/${field}`);
      this.edits.push({ side: 'local', id: record.id, kind: 'field', field, value: record[field] });
    }
    this.used.add(`${record.id}/application:${job}`);
    this.edits.push({ side: 'local', id: record.id, kind: 'skill', value: 'Go' });
    this.edits.push({ side: 'local', id: record.id, kind: 'application', job, status: this.harness.localApplications(record.id)[0]!.status });
    if (sharedEmail) this.excluded.add(record.id);
  }

  private createRemote(tag: string, sharedEmail?: string): void {
    const job = this.prng.pick(REMOTE_JOB_IDS);
    const { candidate } = this.harness.remote.controls.addCandidate({
      full_name: `Remote Person ${tag}`,
      email: sharedEmail ?? `remote.${tag}.${SEED}@example.com`,
      current_company: `Remote company ${tag}`,
      primary_skills: ['Rust'],
      application: { job_id: job, status: 'Shortlisted' },
    });
    this.edits.push(
      { side: 'remote', id: candidate.id, kind: 'field', field: 'current_company', value: `Remote company ${tag}` },
      { side: 'remote', id: candidate.id, kind: 'skill', value: 'Rust' },
    );
    if (sharedEmail) {
      // Matched by the local candidate's POST: a first link, where both sides' values meet without a base.
      this.excluded.add(candidate.id);
      this.edits.push({ side: 'remote', id: candidate.id, kind: 'application', job, status: 'Shortlisted' });
    } else {
      this.used.add(`${candidate.id}/current_company`);
      this.used.add(`${candidate.id}/application:${job}`);
      this.edits.push({ side: 'remote', id: candidate.id, kind: 'application', job, status: 'Shortlisted' });
    }
  }

  /** `size` changes a side, a few creates, a collision or two, and now and then a mask or a reveal. */
  batch(size: number, round: string): void {
    const { prng } = this;
    for (let i = 0; i < Math.max(1, size / 8); i++) {
      const tag = `${round}.${this.creates++}`;
      if (prng.chance(0.15)) {
        const shared = `shared.${tag}.${SEED}@example.com`;
        this.createLocal(tag, shared);
        this.createRemote(`${tag}r`, shared);
      } else {
        this.createLocal(tag);
        this.createRemote(tag);
      }
    }
    const localIds = this.localIds();
    const remoteIds = this.harness.remote.controls.snapshot().map((c) => c.id);
    for (let i = 0; i < size; i++) {
      this.change('local', prng.pick(localIds), `local ${round}.${i}`);
      this.change('remote', prng.pick(remoteIds), `remote ${round}.${i}`);
    }
    // Both sides edit one field of one linked candidate: a conflict.
    for (let i = 0; i < Math.max(1, size / 6); i++) {
      const id = prng.pick(remoteIds);
      const field = prng.pick(EDITABLE);
      if (findCandidateIdByRemoteId(this.harness.local.db, id) !== id || !this.claim(id, field)) continue;
      this.collisions += 1;
      for (const side of ['local', 'remote'] as const) {
        // Values neither side has had: a change to the value a side already holds is no change.
        const value = field === 'notice_period_days' ? (side === 'local' ? 300 : 333) + (this.collisions % 30) : `${side} both ${round}.${i} ${field}`;
        this.edit(side, id, { [field]: value });
        this.edits.push({ side, id, kind: 'field', field, value });
      }
    }
    if (prng.chance(0.5)) {
      const id = prng.pick(remoteIds);
      if (!this.excluded.has(id)) {
        if (this.harness.remoteRecord(id).talent_pool_status === 'masked') this.harness.remote.controls.reveal(id);
        else this.harness.remote.controls.mask(id);
      }
    }
  }
}

/** Why an edit counts as lost, or undefined when it is on both sides or is an open conflict holding it. */
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

/** Syncs until a run completes (at most MAX_RUNS), making a few more edits now and then after a failed run. */
async function syncUntilOk(harness: SyncHarness, editsBetween?: () => void): Promise<{ completed: boolean; outcomes: string[] }> {
  const outcomes: string[] = [];
  for (let run = 1; run <= MAX_RUNS; run++) {
    const outcome = await harness.sync();
    outcomes.push(outcome.ok ? 'ok' : outcome.error.message);
    if (outcome.ok) return { completed: true, outcomes };
    if (run <= MAX_RUNS / 2) editsBetween?.();
  }
  return { completed: false, outcomes };
}

describe(`fault runs (seed ${SEED})`, { timeout: 120_000 }, () => {
  // With 5 attempts a request rarely runs out of retries; with 2 most runs fail part way and the next must resume.
  it.each([5, 2])('under faults of every kind with %i attempts per request, syncs converge: sides equal, no duplicate, no lost edit', async (maxAttempts) => {
    const harness = await harnesses.start({ remote: { randomSeed: SEED }, client: { maxAttempts, timeoutMs: TIMEOUT_MS } });
    const { controls } = harness.remote;
    controls.seed(90);
    controls.setFaults({ rules: faultRules(), seed: SEED });

    // The first sync of an empty app, under faults too.
    const first = await syncUntilOk(harness);
    expect(first.completed, `seed ${SEED}; first sync: ${JSON.stringify(first.outcomes, null, 1)}`).toBe(true);
    expect(compareSides(harness), `seed ${SEED}`).toEqual([]);

    const prng = new Prng(SEED + maxAttempts);
    const maker = new EditMaker(harness, prng);
    const outcomes: string[] = [];
    let between = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      maker.batch(round === 1 ? 24 : 6, `r${round}`);
      const result = await syncUntilOk(harness, () => {
        if (prng.chance(0.5)) maker.batch(3, `r${round}b${between++}`);
      });
      outcomes.push(...result.outcomes, `(round ${round} ${result.completed ? 'done' : 'NOT DONE'})`);
      if (!result.completed) break;
    }
    const stats = controls.stats();
    controls.clearFaults();
    const context = `seed ${SEED}; runs: ${JSON.stringify(outcomes, null, 1)}`;
    expect(outcomes.filter((o) => o.includes('NOT DONE')), context).toEqual([]);
    // The faults really struck, of most kinds (the request log keeps the last 500).
    const struck = new Set(stats.recent.flatMap((entry) => (entry.fault ? [entry.fault] : [])));
    expect(struck.size, context).toBeGreaterThanOrEqual(6);

    expect(compareSides(harness), context).toEqual([]);
    expect(maker.edits.map((edit) => lostEdit(harness, edit)).filter(Boolean), context).toEqual([]);
    expect(listPushFailures(harness.local.db), context).toEqual([]);

    // Converged: one more sync, without faults (nor their short timeout), has nothing to fetch, send or write.
    controls.resetStats();
    const before = dumpCandidateData(harness.local.db);
    const patient = patientClient(harness);
    const summary = await harness.syncOk({ remote: patient }).finally(() => patient.close());
    expect(summary, context).toMatchObject({ pulled: 0, pushed: 0, created: 0, linked: 0 });
    expect(controls.stats().byKind, context).toMatchObject({ detail: 0, post: 0, put: 0 });
    expect(dumpCandidateData(harness.local.db), context).toEqual(before);
  });
});
