import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_STATUSES } from '@shared/contract';
import { AppError } from '@shared/errors';
import { emailKey } from '@shared/field-rules';
import { resolveConflict } from '../../electron/core/conflict-resolution';
import { sameJson } from '../../electron/core/values';
import { listApplicationsOfCandidate } from '../../electron/db/application-repository';
import { type CandidateRecord, findCandidateByIdOrAlias } from '../../electron/db/candidate-repository';
import { findCandidateIdByRemoteId, listConflicts, listPushFailures, remoteIdOf } from '../../electron/db/sync-repository';
import { readBase } from '../../electron/sync/local-state';
import type { ConflictPolicy } from '../../electron/sync/merge';
import type { SyncRemote } from '../../electron/sync/sync-engine';
import { listParkedValues } from '../../electron/sync/sync-status';
import { SCALAR_FIELDS } from '../../electron/sync/synced-fields';
import { REMOTE_JOB_IDS } from '../../tools/remote-server/candidate-generator';
import type { FaultKind } from '../../tools/remote-server/faults';
import { allLocalCandidateIds, compareSides, dumpCandidateData, patientClient, type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

/**
 * A model-based check of the whole engine: random interleavings of local
 * edits (through the core, as the local API makes them), a recruiter's edits
 * and creates in the cloud, masking and revealing, syncs under every policy,
 * some under injected faults or cut short, and conflict resolutions. Once the
 * faults stop and every conflict is resolved, two syncs must leave both sides
 * equal, with nothing a recruiter typed lost, and a further sync quiet.
 *
 * fast-check prints the seed and path of a failure; replay it with
 * CONVERGENCE_SEED=<seed> CONVERGENCE_PATH=<path>. CONVERGENCE_RUNS runs more.
 */
const SEED = process.env.CONVERGENCE_SEED === undefined ? undefined : Number(process.env.CONVERGENCE_SEED);
const PATH = process.env.CONVERGENCE_PATH;
const NUM_RUNS = Number(process.env.CONVERGENCE_RUNS ?? 20);
/** Per attempt; a `slow` fault past it costs this much. Two attempts: faults often fail a sync, and the next must resume. */
const TIMEOUT_MS = 250;

const JOBS = REMOTE_JOB_IDS.slice(0, 3);
/** A few people, so both sides often create the same one. */
const PEOPLE = ['asha', 'ravi', 'neha', 'arjun'];

// ---- Commands ----------------------------------------------------------------------------

const SET_FIELDS = ['full_name', 'location', 'current_company', 'notice_period_days', 'in_notice_period', 'phone_number', 'expected_ctc'] as const;
const CLEARABLE_FIELDS = ['location', 'current_company', 'notice_period_days', 'in_notice_period', 'phone_number', 'expected_ctc'] as const;
type SetField = (typeof SET_FIELDS)[number];

/** Two values both sides may pick (equal edits meet), or one nobody has typed before. */
const VALUE_POOLS: Record<SetField, readonly [unknown, unknown]> = {
  full_name: ['Asha Rao', 'Ravi Kumar'],
  location: ['Pune', 'Chennai'],
  current_company: ['Acme', 'Globex'],
  notice_period_days: [30, 60],
  in_notice_period: [true, false],
  phone_number: ['+91 90000 00001', '+91 90000 00002'],
  expected_ctc: [12, 24.5],
};

type Change =
  | { kind: 'set'; field: SetField; value: 0 | 1 | 'fresh' }
  | { kind: 'clear'; field: (typeof CLEARABLE_FIELDS)[number] }
  | { kind: 'skill'; list: 'primary_skills' | 'secondary_skills'; add: 'React' | 'react' | 'Go' | 'fresh' | null; remove: number }
  | { kind: 'metadata'; key: 'ats' | 'stage' | 'owner'; value: 'x' | 'y' | 'fresh' | null }
  | { kind: 'metadataCleared' }
  | { kind: 'email'; caseOnly: boolean }
  | { kind: 'application'; job: number; status: string | undefined; notes: 'note' | 'fresh' | null | undefined };

type Step =
  | { do: 'createLocal'; person: number; upper: boolean; change: Change; job: number | null }
  | { do: 'editLocal'; pick: number; change: Change }
  | { do: 'createRemote'; person: number | 'unlinkedLocal'; pick: number; change: Change; job: number | null }
  | { do: 'editRemote'; pick: number; change: Change }
  | { do: 'mask' | 'reveal'; pick: number }
  | { do: 'sync'; policy: ConflictPolicy; fault: { kind: FaultKind; phase: 'before' | 'after'; rate: number } | null; cut: CutShort | null; concurrency: 1 | 4 }
  | { do: 'resolve'; pick: number; take: 'local' | 'remote' | 'value' };

/** The sync loses its connection at its `at`-th request: before sending it, or after the remote has applied it. */
interface CutShort {
  at: number;
  phase: 'before' | 'after';
}

const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...SET_FIELDS), value: fc.constantFrom(0 as const, 1 as const, 'fresh' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const), field: fc.constantFrom(...CLEARABLE_FIELDS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('skill' as const),
      list: fc.constantFrom('primary_skills' as const, 'secondary_skills' as const),
      add: fc.constantFrom('React' as const, 'react' as const, 'Go' as const, 'fresh' as const, null),
      remove: fc.integer({ min: -1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('metadata' as const),
      key: fc.constantFrom('ats' as const, 'stage' as const, 'owner' as const),
      value: fc.constantFrom('x' as const, 'y' as const, 'fresh' as const, null),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'metadataCleared' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('email' as const), caseOnly: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('application' as const),
      job: fc.nat({ max: JOBS.length - 1 }),
      status: fc.option(fc.constantFrom(...DEFAULT_PIPELINE_STATUSES, 'shortlisted'), { nil: undefined }),
      notes: fc.constantFrom('note' as const, 'fresh' as const, null, undefined),
    }),
  },
);

const pick = fc.nat({ max: 20 });
const job = fc.option(fc.nat({ max: JOBS.length - 1 }), { nil: null });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ do: fc.constant('createLocal' as const), person: fc.nat({ max: PEOPLE.length - 1 }), upper: fc.boolean(), change, job }) },
  { weight: 6, arbitrary: fc.record({ do: fc.constant('editLocal' as const), pick, change }) },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant('createRemote' as const),
      person: fc.oneof(fc.nat({ max: PEOPLE.length - 1 }), fc.constant('unlinkedLocal' as const)),
      pick,
      change,
      job,
    }),
  },
  { weight: 5, arbitrary: fc.record({ do: fc.constant('editRemote' as const), pick, change }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constantFrom('mask' as const, 'reveal' as const), pick }) },
  {
    weight: 4,
    arbitrary: fc.record({
      do: fc.constant('sync' as const),
      policy: fc.constantFrom<ConflictPolicy>('ask', 'ask', 'prefer-local', 'prefer-remote'),
      fault: fc.option(
        fc.record({
          kind: fc.constantFrom<FaultKind>('500', '503', 'drop', 'slow'),
          phase: fc.constantFrom('before' as const, 'after' as const),
          rate: fc.constantFrom(0.2, 0.5),
        }),
        { freq: 3, nil: null },
      ),
      cut: fc.option(fc.record({ at: fc.integer({ min: 1, max: 8 }), phase: fc.constantFrom('before' as const, 'after' as const) }), { freq: 4, nil: null }),
      concurrency: fc.constantFrom(1 as const, 4 as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('resolve' as const), pick, take: fc.constantFrom('local' as const, 'remote' as const, 'value' as const) }) },
);

// ---- Events: what each side's recruiter wrote, value by value ----------------------------

/**
 * One candidate's synced values, each under the name a conflict would carry:
 * a scalar field by name, `metadata.<key>`, `applications.<job>.<part>`, and
 * each skill as `<list>:<skill in lower case>` (present or not: skills merge
 * as sets and never conflict).
 */
type Values = Map<string, unknown>;

function valuesOf(record: CandidateRecord | undefined, applications: readonly { job_id: string; status: string; notes: string | null }[]): Values {
  const values: Values = new Map();
  if (!record) return values;
  for (const field of SCALAR_FIELDS) values.set(field, field === 'email' && record.email === '' ? null : record[field]);
  for (const list of ['primary_skills', 'secondary_skills'] as const) for (const skill of record[list]) values.set(`${list}:${skill.toLowerCase()}`, true);
  for (const [key, value] of Object.entries(record.metadata ?? {})) values.set(`metadata.${key}`, value);
  for (const application of applications) {
    values.set(`applications.${application.job_id.toLowerCase()}.status`, application.status);
    values.set(`applications.${application.job_id.toLowerCase()}.notes`, application.notes);
  }
  return values;
}

/** What a skill absent, a metadata key absent or a field unset reads as. */
const absent = (target: string) => (/^(primary|secondary)_skills:/.test(target) ? false : null);

interface WrittenValue {
  /** Who wrote it: a recruiter on either side (creating or editing), or a conflict's resolution. */
  by: 'local create' | 'local edit' | 'remote create' | 'remote edit' | 'resolution';
  /** A local id for local writes and resolutions, a remote id for remote ones. */
  id: string;
  target: string;
  value: unknown;
  step: number;
  /**
   * A local edit back to the value last synced: no change for the merge to
   * send, so a cloud edit made meanwhile rightly wins. Before the first link
   * there is no synced value, and an edit back to no value is none: on a
   * first link an empty value takes the other side's, as an empty field of
   * a create does (merge.ts, linkValue). It still supersedes the local edits
   * before it.
   */
  backToSynced?: boolean;
}

function written(before: Values, after: Values, by: WrittenValue['by'], id: string, stepIndex: number): WrittenValue[] {
  const targets = new Set([...before.keys(), ...after.keys()]);
  return [...targets].flatMap((target) => {
    const [was, is] = [before.get(target) ?? absent(target), after.get(target) ?? absent(target)];
    return sameJson(was, is) ? [] : [{ by, id, target, value: is, step: stepIndex }];
  });
}

// ---- Running a command list --------------------------------------------------------------

class Model {
  readonly writes: WrittenValue[] = [];
  readonly log: string[] = [];
  private fresh = 0;

  constructor(private readonly harness: SyncHarness) {}

  private tag(): number {
    return ++this.fresh;
  }

  private localValues(id: string): Values {
    const record = findCandidateByIdOrAlias(this.harness.local.db, id);
    return valuesOf(record, record ? listApplicationsOfCandidate(this.harness.local.db, record.id) : []);
  }

  /** The values of the remote version last synced (the merge's base), or undefined before the first link. */
  private syncedValues(id: string): Values | undefined {
    const base = readBase(this.harness.local.ctx, id);
    if (!base) return undefined;
    const applications = Object.entries(base.applications).map(([job, application]) => ({ job_id: job, ...application }));
    return valuesOf(base.fields as CandidateRecord, applications);
  }

  private remoteValues(id: string): Values {
    const record = this.harness.remote.controls.snapshot().find((candidate) => candidate.id === id);
    return valuesOf(record, record?.applications ?? []);
  }

  /** The body of a PUT making `change` to a candidate now holding `current`; undefined when it does not apply. */
  private body(change: Change, current: CandidateRecord, side: 'l' | 'r'): Record<string, unknown> | undefined {
    const n = this.tag();
    switch (change.kind) {
      case 'set': {
        const { field } = change;
        if (change.value !== 'fresh') return { [field]: VALUE_POOLS[field][change.value] };
        const fresh: Record<SetField, unknown> = {
          full_name: `Name ${side}${n}`,
          location: `City ${side}${n}`,
          current_company: `Company ${side}${n}`,
          notice_period_days: 100 + n,
          in_notice_period: n % 2 === 0,
          phone_number: `+91 98${String(n).padStart(8, '0')}`,
          expected_ctc: 100 + n,
        };
        return { [field]: fresh[field] };
      }
      case 'clear':
        return { [change.field]: null };
      case 'skill': {
        const list = [...current[change.list]];
        if (change.remove >= 0 && list.length > 0) list.splice(change.remove % list.length, 1);
        if (change.add !== null) list.push(change.add === 'fresh' ? `Skill ${side}${n}` : change.add);
        return { [change.list]: list };
      }
      case 'metadata': {
        const metadata: Record<string, unknown> = { ...(current.metadata ?? {}) };
        if (change.value === null) delete metadata[change.key];
        else metadata[change.key] = change.value === 'fresh' ? `${side}${n}` : change.value;
        return { metadata };
      }
      case 'metadataCleared':
        return { metadata: null };
      case 'email': {
        if (!current.email) return undefined;
        if (!change.caseOnly) return { email: `${side}${n}@example.com` };
        const upper = current.email.toUpperCase();
        return { email: upper === current.email ? current.email.toLowerCase() : upper };
      }
      case 'application':
        return {
          application: {
            job_id: JOBS[change.job],
            ...(change.status === undefined ? {} : { status: change.status }),
            ...(change.notes === undefined ? {} : { notes: change.notes === 'fresh' ? `Notes ${side}${n}` : change.notes }),
          },
        };
    }
  }

  /** Runs `work`; a refusal the API would answer with (4xx) means nothing was written. */
  private refusable(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.log.push(`${what}: refused (${error.code})`);
    }
  }

  private localIds(): string[] {
    return allLocalCandidateIds(this.harness.local.db);
  }

  async run(steps: readonly Step[]): Promise<void> {
    for (const [index, command] of steps.entries()) await this.apply(command, index);
  }

  private async apply(command: Step, index: number): Promise<void> {
    const { harness } = this;
    const { controls } = harness.remote;
    switch (command.do) {
      case 'createLocal': {
        const name = PEOPLE[command.person]!;
        const email = `${name}@example.com`;
        const body = {
          full_name: `${name[0]!.toUpperCase()}${name.slice(1)} Local`,
          email: command.upper ? email.toUpperCase() : email,
          location: 'Local city',
          ...this.body(command.change, emptyRecord(), 'l'),
          ...(command.job === null ? {} : { application: { job_id: JOBS[command.job] } }),
        };
        this.refusable(`${index} createLocal`, () => {
          const before = harness.local.db.prepare('SELECT count(*) FROM candidates').pluck().get() as number;
          const existing = allLocalCandidateIds(harness.local.db).find((id) => emailKey(harness.localRecord(id).email ?? '') === emailKey(email));
          const beforeValues = existing ? this.localValues(existing) : new Map();
          const record = harness.createLocal(body);
          const created = (harness.local.db.prepare('SELECT count(*) FROM candidates').pluck().get() as number) > before;
          this.writes.push(...written(beforeValues, this.localValues(record.id), created ? 'local create' : 'local edit', record.id, index));
          this.log.push(`${index} createLocal ${record.id} ${JSON.stringify(body)}${created ? '' : ' (matched)'}`);
        });
        return;
      }
      case 'editLocal': {
        const ids = this.localIds();
        if (ids.length === 0) return;
        const id = ids[command.pick % ids.length]!;
        const body = this.body(command.change, harness.localRecord(id), 'l');
        if (!body) return;
        this.refusable(`${index} editLocal ${id}`, () => {
          const before = this.localValues(id);
          const synced = this.syncedValues(id);
          harness.editLocal(id, body);
          for (const edit of written(before, this.localValues(id), 'local edit', id, index)) {
            const backToSynced = sameValue(edit.target, edit.value, synced?.get(edit.target) ?? absent(edit.target));
            this.writes.push(backToSynced ? { ...edit, backToSynced } : edit);
          }
          this.log.push(`${index} editLocal ${id} ${JSON.stringify(body)}`);
        });
        return;
      }
      case 'createRemote': {
        let email: string;
        if (command.person === 'unlinkedLocal') {
          const unlinked = this.localIds().filter((id) => remoteIdOf(harness.local.db, id) === null && harness.localRecord(id).email);
          if (unlinked.length === 0) return;
          // Spelled differently: matching is trimmed and case-insensitive.
          email = ` ${harness.localRecord(unlinked[command.pick % unlinked.length]!).email!.toUpperCase()} `;
        } else {
          email = `${PEOPLE[command.person]!}@example.com`;
        }
        const body = {
          full_name: `Remote ${email.trim()}`,
          email,
          current_company: 'Remote company',
          ...this.body(command.change, emptyRecord(), 'r'),
          ...(command.job === null ? {} : { application: { job_id: JOBS[command.job], status: 'Shortlisted' } }),
        };
        this.refusable(`${index} createRemote`, () => {
          const holder = controls.snapshot().find((candidate) => emailKey(candidate.email ?? '') === emailKey(email));
          const before = holder ? this.remoteValues(holder.id) : new Map();
          const { created, candidate } = controls.addCandidate(body);
          this.writes.push(...written(before, this.remoteValues(candidate.id), created ? 'remote create' : 'remote edit', candidate.id, index));
          this.log.push(`${index} createRemote ${candidate.id} ${JSON.stringify(body)}${created ? '' : ' (matched)'}`);
        });
        return;
      }
      case 'editRemote': {
        const remoteCandidates = controls.snapshot();
        if (remoteCandidates.length === 0) return;
        const target = remoteCandidates[command.pick % remoteCandidates.length]!;
        const body = this.body(command.change, target, 'r');
        if (!body) return;
        this.refusable(`${index} editRemote ${target.id}`, () => {
          const before = this.remoteValues(target.id);
          controls.editAsRecruiter(target.id, body);
          this.writes.push(...written(before, this.remoteValues(target.id), 'remote edit', target.id, index));
          this.log.push(`${index} editRemote ${target.id} ${JSON.stringify(body)}`);
        });
        return;
      }
      case 'mask':
      case 'reveal': {
        const remoteCandidates = controls.snapshot();
        if (remoteCandidates.length === 0) return;
        const target = remoteCandidates[command.pick % remoteCandidates.length]!;
        controls[command.do](target.id);
        this.log.push(`${index} ${command.do} ${target.id}`);
        return;
      }
      case 'sync': {
        if (command.fault) controls.setFaults({ rules: [{ ...command.fault, delayMs: TIMEOUT_MS + 50 }], seed: index });
        const outcome = await harness.sync({
          policy: command.policy,
          concurrency: command.concurrency,
          ...(command.cut ? { remote: cutShort(harness, command.cut) } : {}),
        });
        controls.clearFaults();
        this.log.push(`${index} sync ${JSON.stringify(command)}: ${outcome.ok ? 'ok' : `failed (${outcome.error.message})`}`);
        return;
      }
      case 'resolve': {
        const open = listConflicts(harness.local.db, { status: 'open' });
        if (open.length === 0) return;
        const conflict = open[command.pick % open.length]!;
        this.resolve(conflict.id, conflict.candidate_id, conflict.field, command.take, index);
        return;
      }
    }
  }

  /** Resolves a conflict as the recruiter would; false when the choice is refused (as the local API would refuse it). */
  resolve(conflictId: number, candidateId: string, field: string, take: 'local' | 'remote' | 'value', index: number): boolean {
    const before = this.localValues(candidateId);
    try {
      const choice = take === 'value' ? { take, value: typedValue(field, this.tag()) } : { take };
      resolveConflict(this.harness.local.ctx, conflictId, choice);
      this.log.push(`${index} resolve ${conflictId} (${candidateId} ${field}) ${JSON.stringify(choice)}`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.log.push(`${index} resolve ${conflictId} (${field}) take ${take}: refused (${error.code})`);
      return false;
    }
    this.writes.push(...written(before, this.localValues(candidateId), 'resolution', candidateId, index));
    return true;
  }
}

/** A value a recruiter might type to settle a conflict on `field`. */
function typedValue(field: string, n: number): unknown {
  if (field.startsWith('metadata.')) return `typed ${n}`;
  if (field.endsWith('.status')) return DEFAULT_PIPELINE_STATUSES[n % DEFAULT_PIPELINE_STATUSES.length];
  if (field.endsWith('.notes')) return `Typed notes ${n}`;
  switch (field) {
    case 'email':
      return `v${n}@example.com`;
    case 'notice_period_days':
    case 'expected_ctc':
      return 200 + n;
    case 'in_notice_period':
      return n % 2 === 0;
    case 'phone_number':
      return `+91 97${String(n).padStart(8, '0')}`;
    default:
      return `Typed ${n}`;
  }
}

function emptyRecord(): CandidateRecord {
  return { primary_skills: [], secondary_skills: [], metadata: null, email: null } as unknown as CandidateRecord;
}

/** The harness's client, until the sync's `at`-th request: that one never answers (sent or not), as when the network drops for good. */
function cutShort(harness: SyncHarness, cut: CutShort): SyncRemote {
  const { client } = harness;
  let requests = 0;
  const through = <T>(send: () => Promise<T>): Promise<T> => {
    requests += 1;
    if (requests < cut.at) return send();
    if (cut.phase === 'before') return Promise.reject(new Error('cut short'));
    return send().then(() => Promise.reject(new Error('cut short')));
  };
  return {
    stats: client.stats,
    listCandidateVersions: (offset, limit) => through(() => client.listCandidateVersions(offset, limit)),
    getCandidate: (id) => through(() => client.getCandidate(id)),
    findCandidateByEmail: (email) => through(() => client.findCandidateByEmail(email)),
    createCandidate: (body) => through(() => client.createCandidate(body)),
    updateCandidate: (id, body) => through(() => client.updateCandidate(id, body)),
  };
}

// ---- Checking the end state --------------------------------------------------------------

/** The local candidate a write was made to, as this copy now knows it (a merged duplicate answers for the one it went into). */
function localIdOf(harness: SyncHarness, write: WrittenValue): string | undefined {
  if (write.by === 'remote create' || write.by === 'remote edit') return findCandidateIdByRemoteId(harness.local.db, write.id);
  return findCandidateByIdOrAlias(harness.local.db, write.id)?.id;
}

const sameValue = (target: string, a: unknown, b: unknown) =>
  target === 'email' && typeof a === 'string' && typeof b === 'string' ? emailKey(a) === emailKey(b) : sameJson(a, b);

/**
 * Why a value a recruiter wrote counts as lost, or undefined: it is what the
 * remote holds, or a later edit or resolution of the same value superseded
 * it, or a conflict keeps it (won or lost), or it is parked for a masked
 * candidate. A create superseding nothing: on a first link values meet
 * without a base and must conflict, not vanish.
 */
function lostWrite(harness: SyncHarness, write: WrittenValue, writes: readonly WrittenValue[]): string | undefined {
  const localId = localIdOf(harness, write);
  const remoteId = localId && remoteIdOf(harness.local.db, localId);
  if (!localId || !remoteId) return `${JSON.stringify(write)}: no linked local candidate`;
  const superseded = writes.some(
    (other) => other.step > write.step && other.target === write.target && !other.by.endsWith('create') && localIdOf(harness, other) === localId,
  );
  if (superseded || write.backToSynced) return undefined;
  const remoteValue = (() => {
    const remote = harness.remoteRecord(remoteId);
    return valuesOf(remote, remote.applications).get(write.target) ?? absent(write.target);
  })();
  if (sameValue(write.target, remoteValue, write.value)) return undefined;
  const conflicts = listConflicts(harness.local.db, { candidateId: localId }).filter((c) => c.field === write.target);
  if (conflicts.some((c) => [c.local, c.remote, c.resolved_value].some((v) => sameValue(write.target, v, write.value)))) return undefined;
  if (listParkedValues(harness.local.ctx).some((p) => p.candidate_id === localId && p.field === write.target && sameJson(p.value, write.value))) {
    return undefined;
  }
  return `${JSON.stringify(write)}: remote holds ${JSON.stringify(remoteValue)}, conflicts ${JSON.stringify(conflicts)}`;
}

async function settleAndCheck(harness: SyncHarness, model: Model): Promise<void> {
  // The faults are over: the syncs that settle both sides do without the 250 ms timeout that makes slow faults quick.
  const patient = patientClient(harness);
  try {
    await settleWith({ ...harness, syncOk: (options) => harness.syncOk({ ...options, remote: patient }) }, model);
  } finally {
    await patient.close();
  }
}

async function settleWith(harness: SyncHarness, model: Model): Promise<void> {
  const context = () => `steps run:\n${model.log.join('\n')}`;
  const { db } = harness.local;
  harness.remote.controls.clearFaults();
  await harness.syncOk();
  // Every open conflict resolved: the local value where it can be written, else the remote's, else one typed.
  for (const conflict of listConflicts(db, { status: 'open' })) {
    const resolved = (['local', 'remote', 'value'] as const).some((take) => model.resolve(conflict.id, conflict.candidate_id, conflict.field, take, Infinity));
    expect(resolved, `conflict ${JSON.stringify(conflict)} cannot be resolved\n${context()}`).toBe(true);
  }
  await harness.syncOk();
  await harness.syncOk();

  expect(listConflicts(db, { status: 'open' }), context()).toEqual([]);
  expect(listPushFailures(db), context()).toEqual([]);
  expect(compareSides(harness), context()).toEqual([]);
  const lost = model.writes.filter((write) => write.by !== 'remote create' && write.by !== 'remote edit').flatMap((write) => lostWrite(harness, write, model.writes) ?? []);
  expect(lost, context()).toEqual([]);

  harness.remote.controls.resetStats();
  const before = dumpCandidateData(db);
  const summary = await harness.syncOk();
  expect(summary, context()).toMatchObject({ pulled: 0, pushed: 0, created: 0, linked: 0, conflicts: 0 });
  expect(harness.remote.controls.stats().byKind, context()).toMatchObject({ detail: 0, post: 0, put: 0 });
  expect(dumpCandidateData(db), context()).toEqual(before);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('sync convergence (model-based)', () => {
  it('random edits on both sides, masking, faults, cut-short syncs and resolutions end with both sides equal and nothing lost', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 24 }), async (steps) => {
        const harness = await startSyncHarness({ remote: { randomSeed: 7301 }, client: { maxAttempts: 2, timeoutMs: TIMEOUT_MS } });
        try {
          harness.remote.controls.seed(3, { maskedShare: 0.3, revealedShare: 0.2 });
          const model = new Model(harness);
          await model.run(steps);
          await settleAndCheck(harness, model);
        } finally {
          await harness.close();
        }
        expect(harness.reported.server.map(String)).toEqual([]);
      }),
      { numRuns: NUM_RUNS, ...(SEED === undefined ? {} : { seed: SEED }), ...(PATH === undefined ? {} : { path: PATH }) },
    );
  });
});
