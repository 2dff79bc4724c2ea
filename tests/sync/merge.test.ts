import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCKED_FIELDS } from '@shared/contract';
import { normalizeSkills } from '@shared/field-rules';
import { sameJson } from '../../electron/core/values';
import {
  type ApplicationsByJob,
  CONFLICT_POLICIES,
  type CandidateMergeResult,
  type ConflictPolicy,
  type FieldConflict,
  mergeApplications,
  mergeCandidate,
  mergeSkills,
} from '../../electron/sync/merge';
import {
  type CandidateFields,
  isEmptyValue,
  pickSyncedFields,
  SCALAR_FIELDS,
  SKILL_FIELDS,
  type SyncedField,
  SYNCED_FIELDS,
} from '../../electron/sync/synced-fields';
import { makeCandidateRecord } from '../helpers/candidate-factory';

const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const runs = (numRuns: number) => ({ numRuns, ...(FUZZ_SEED === undefined ? {} : { seed: FUZZ_SEED }) });

function candidate(overrides: Partial<CandidateFields> = {}): CandidateFields {
  return { ...pickSyncedFields(makeCandidateRecord({ email: 'asha@example.com' })), ...overrides };
}

interface MergeCase {
  base: CandidateFields | null;
  local: CandidateFields;
  remote: CandidateFields;
  policy?: ConflictPolicy;
  masked?: readonly SyncedField[];
}

function merge({ base, local, remote, policy = 'ask', masked = [] }: MergeCase): CandidateMergeResult {
  return mergeCandidate({ base, local, remote, policy, remoteUnknown: new Set(masked) });
}

const pushed = (result: { toPush: Iterable<string> }) => [...result.toPush].sort();
const fieldsOf = (conflicts: readonly FieldConflict[]) => conflicts.map((c) => c.field).sort();
const skillKeys = (skills: readonly string[]) => [...new Set(skills.map((s) => s.toLowerCase()))].sort();

/** A metadata key's value, an absent key reading as null (the way conflicts report it). */
function metadataAt(metadata: Record<string, unknown> | null, key: string): unknown {
  return metadata && Object.hasOwn(metadata, key) ? metadata[key] : null;
}

/** The merged value a conflict is about: a top-level field or `metadata.<key>`. */
function mergedAt(merged: CandidateFields, field: string): unknown {
  if (field.startsWith('metadata.')) return metadataAt(merged.metadata, field.slice('metadata.'.length));
  return merged[field as SyncedField];
}

// ------------------------------------------------------------------ scalars

describe('mergeCandidate: scalar fields with a base', () => {
  const kinds: { field: SyncedField; before: unknown; a: unknown; b: unknown }[] = [
    { field: 'full_name', before: 'Asha Rao', a: 'Asha R.', b: 'Asha Rao Menon' },
    { field: 'location', before: 'Bangalore', a: null, b: 'Pune' },
    { field: 'last_working_day', before: null, a: '2026-12-31', b: '2027-01-15' },
    { field: 'total_experience_years', before: 6.5, a: 7, b: 0 },
    { field: 'notice_period_days', before: null, a: 0, b: 60 },
    { field: 'in_notice_period', before: false, a: true, b: null },
    { field: 'in_notice_period', before: null, a: false, b: true },
    { field: 'source', before: 'cloud', a: 'referral', b: 'linkedin' },
  ];

  describe.each(kinds)('$field: $before, $a, $b', ({ field, before, a, b }) => {
    const base = candidate({ [field]: before });
    const at = (value: unknown) => candidate({ [field]: value });

    it('takes a local-only change and pushes it', () => {
      const result = merge({ base, local: at(a), remote: base });
      expect(result.merged[field]).toEqual(a);
      expect(pushed(result)).toEqual([field]);
      expect(result.conflicts).toEqual([]);
    });

    it('takes a remote-only change and pushes nothing', () => {
      const result = merge({ base, local: base, remote: at(b) });
      expect(result.merged[field]).toEqual(b);
      expect(pushed(result)).toEqual([]);
      expect(result.conflicts).toEqual([]);
    });

    it('sees the same change on both sides as no conflict', () => {
      const result = merge({ base, local: at(a), remote: at(a) });
      expect(result.merged[field]).toEqual(a);
      expect(pushed(result)).toEqual([]);
      expect(result.conflicts).toEqual([]);
    });

    it('reports different changes on both sides as a conflict with the three values', () => {
      const result = merge({ base, local: at(a), remote: at(b) });
      expect(result.conflicts).toEqual([{ field, base: before, local: a, remote: b, resolution: null }]);
      expect(result.merged[field]).toEqual(a);
      expect(pushed(result)).toEqual([]);
    });
  });

  it('leaves an untouched candidate alone', () => {
    const base = candidate();
    const result = merge({ base, local: candidate(), remote: candidate() });
    expect(result.merged).toEqual(base);
    expect(pushed(result)).toEqual([]);
    expect(result.conflicts).toEqual([]);
  });

  it('merges changes to different fields from both sides without conflict', () => {
    const base = candidate();
    const result = merge({
      base,
      local: candidate({ location: 'Pune', current_ctc: 20 }),
      remote: candidate({ full_name: 'Asha Menon', in_notice_period: true }),
    });
    expect(result.merged).toEqual(candidate({ location: 'Pune', current_ctc: 20, full_name: 'Asha Menon', in_notice_period: true }));
    expect(pushed(result)).toEqual(['current_ctc', 'location']);
    expect(result.conflicts).toEqual([]);
  });

  it('treats an email change in case only as a change once there is a base', () => {
    const base = candidate({ email: 'asha@example.com' });
    const remoteOnly = merge({ base, local: base, remote: candidate({ email: 'Asha@Example.com' }) });
    expect(remoteOnly.merged.email).toBe('Asha@Example.com');
    expect(remoteOnly.conflicts).toEqual([]);

    const both = merge({ base, local: candidate({ email: 'ASHA@example.com' }), remote: candidate({ email: 'Asha@Example.com' }) });
    expect(fieldsOf(both.conflicts)).toEqual(['email']);
  });

  it('reports every conflicting field, not only the first', () => {
    const base = candidate();
    const result = merge({
      base,
      local: candidate({ full_name: 'L', current_company: 'Local Co', notice_period_days: 15 }),
      remote: candidate({ full_name: 'R', current_company: 'Remote Co', notice_period_days: 15 }),
    });
    expect(fieldsOf(result.conflicts)).toEqual(['current_company', 'full_name']);
    expect(pushed(result)).toEqual([]);
  });
});

describe('mergeCandidate: scalar fields on first link', () => {
  it('fills a field empty locally (null or "") with the remote value, without pushing', () => {
    const result = merge({
      base: null,
      local: candidate({ location: null, current_company: '', notice_period_days: null, in_notice_period: null }),
      remote: candidate({ location: 'Pune', current_company: 'Remote Co', notice_period_days: 0, in_notice_period: false }),
    });
    expect(result.merged).toMatchObject({ location: 'Pune', current_company: 'Remote Co', notice_period_days: 0, in_notice_period: false });
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual([]);
  });

  it('keeps a local value where the remote is empty, and pushes it', () => {
    const result = merge({
      base: null,
      local: candidate({ location: 'Pune', current_ctc: 0, in_notice_period: false, resume_url: 'https://example.com/cv.pdf' }),
      remote: candidate({ location: null, current_ctc: null, in_notice_period: null, resume_url: '' }),
    });
    expect(result.merged).toMatchObject({ location: 'Pune', current_ctc: 0, in_notice_period: false, resume_url: 'https://example.com/cv.pdf' });
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual(['current_ctc', 'in_notice_period', 'location', 'resume_url']);
  });

  it('does not count 0 or false as empty: they conflict with another value', () => {
    const result = merge({
      base: null,
      local: candidate({ notice_period_days: 0, in_notice_period: false }),
      remote: candidate({ notice_period_days: 30, in_notice_period: true }),
    });
    expect(result.conflicts).toEqual([
      { field: 'notice_period_days', base: null, local: 0, remote: 30, resolution: null },
      { field: 'in_notice_period', base: null, local: false, remote: true, resolution: null },
    ]);
  });

  it('reports a field set differently on both sides as a conflict with a null base', () => {
    const result = merge({ base: null, local: candidate({ full_name: 'Asha R.' }), remote: candidate({ full_name: 'Asha Rao' }) });
    expect(result.conflicts).toEqual([{ field: 'full_name', base: null, local: 'Asha R.', remote: 'Asha Rao', resolution: null }]);
    expect(result.merged.full_name).toBe('Asha R.');
    expect(pushed(result)).toEqual([]);
  });

  it('takes the remote email when the two differ only in case or spacing', () => {
    const result = merge({ base: null, local: candidate({ email: '  ASHA@example.COM ' }), remote: candidate({ email: 'Asha@Example.com' }) });
    expect(result.merged.email).toBe('Asha@Example.com');
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual([]);
  });

  it('reports two really different emails as a conflict', () => {
    const result = merge({ base: null, local: candidate({ email: 'asha@example.com' }), remote: candidate({ email: 'asha.rao@example.com' }) });
    expect(result.conflicts).toEqual([
      { field: 'email', base: null, local: 'asha@example.com', remote: 'asha.rao@example.com', resolution: null },
    ]);
  });

  it('fills an empty email from either side', () => {
    const fromRemote = merge({ base: null, local: candidate({ email: '' }), remote: candidate({ email: 'a@example.com' }) });
    expect(fromRemote.merged.email).toBe('a@example.com');
    expect(pushed(fromRemote)).toEqual([]);
    const fromLocal = merge({ base: null, local: candidate({ email: 'a@example.com' }), remote: candidate({ email: '' }) });
    expect(fromLocal.merged.email).toBe('a@example.com');
    expect(pushed(fromLocal)).toEqual(['email']);
    expect([...fromRemote.conflicts, ...fromLocal.conflicts]).toEqual([]);
  });

  it('takes the remote source when both sides set a different one', () => {
    const result = merge({ base: null, local: candidate({ source: 'api' }), remote: candidate({ source: 'naukri' }) });
    expect(result.merged.source).toBe('naukri');
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual([]);
  });

  it('keeps the local source when the remote has none, and pushes it', () => {
    for (const empty of [null, '']) {
      const result = merge({ base: null, local: candidate({ source: 'referral' }), remote: candidate({ source: empty }) });
      expect(result.merged.source).toBe('referral');
      expect(pushed(result)).toEqual(['source']);
    }
  });

  it('takes the remote source when the local one is empty', () => {
    const result = merge({ base: null, local: candidate({ source: null }), remote: candidate({ source: 'naukri' }) });
    expect(result.merged.source).toBe('naukri');
    expect(pushed(result)).toEqual([]);
  });
});

// ------------------------------------------------------------------ policies

describe('conflict policies', () => {
  const base = candidate({ current_designation: 'Engineer' });
  const local = candidate({ current_designation: 'Lead' });
  const remote = candidate({ current_designation: 'Manager' });
  const expected = {
    ask: { value: 'Lead', resolution: null, pushed: [] },
    'prefer-local': { value: 'Lead', resolution: 'local', pushed: ['current_designation'] },
    'prefer-remote': { value: 'Manager', resolution: 'remote', pushed: [] },
  } as const;

  describe.each(CONFLICT_POLICIES)('%s', (policy) => {
    const want = expected[policy];

    it('resolves a three-way conflict and still reports it with all three values', () => {
      const result = merge({ base, local, remote, policy });
      expect(result.merged.current_designation).toBe(want.value);
      expect(result.conflicts).toEqual([
        { field: 'current_designation', base: 'Engineer', local: 'Lead', remote: 'Manager', resolution: want.resolution },
      ]);
      expect(pushed(result)).toEqual(want.pushed);
    });

    it('resolves a first-link conflict the same way', () => {
      const result = merge({ base: null, local, remote, policy });
      expect(result.merged.current_designation).toBe(want.value);
      expect(result.conflicts).toEqual([
        { field: 'current_designation', base: null, local: 'Lead', remote: 'Manager', resolution: want.resolution },
      ]);
      expect(pushed(result)).toEqual(want.pushed);
    });

    it('holds back only the conflicting field, other local changes are pushed', () => {
      const result = merge({ base, local: { ...local, location: 'Pune' }, remote, policy });
      expect(pushed(result)).toEqual([...want.pushed, 'location'].sort());
    });
  });
});

// ------------------------------------------------------------------ skills

describe('mergeSkills', () => {
  it('applies additions from both sides: remote order, then local additions', () => {
    expect(mergeSkills(['React'], ['React', 'Go', 'SQL'], ['Kotlin', 'React'])).toEqual(['Kotlin', 'React', 'Go', 'SQL']);
  });

  it('drops a skill removed on the local side and untouched remotely', () => {
    expect(mergeSkills(['React', 'Go'], ['React'], ['React', 'Go'])).toEqual(['React']);
  });

  it('drops a skill removed on the remote side and untouched locally', () => {
    expect(mergeSkills(['React', 'Go'], ['React', 'Go'], ['Go'])).toEqual(['Go']);
  });

  it('drops a skill removed on one side even if the other side re-spelled it', () => {
    expect(mergeSkills(['React', 'Go'], ['react', 'Go'], ['Go'])).toEqual(['Go']);
    expect(mergeSkills(['React', 'Go'], ['Go'], ['REACT', 'Go'])).toEqual(['Go']);
  });

  it('drops a skill both sides removed', () => {
    expect(mergeSkills(['React', 'Go'], ['Go'], ['Go'])).toEqual(['Go']);
  });

  it('keeps a skill both sides added once, in the remote spelling', () => {
    expect(mergeSkills(['Go'], ['Go', 'postgresql'], ['Go', 'PostgreSQL'])).toEqual(['Go', 'PostgreSQL']);
  });

  it('applies a removal on one side together with an addition on the other', () => {
    expect(mergeSkills(['React', 'Go'], ['Go', 'Rust'], ['React', 'Go', 'SQL'])).toEqual(['Go', 'SQL', 'Rust']);
  });

  it('removes case-insensitive duplicates within and across lists, keeping the first spelling', () => {
    expect(mergeSkills([], ['go', 'Go', 'SQL'], ['GO', 'sql', 'Sql'])).toEqual(['GO', 'sql']);
  });

  it('unions the two lists when there is no base (first link)', () => {
    expect(mergeSkills([], ['React', 'Go'], ['SQL', 'react'])).toEqual(['SQL', 'react', 'Go']);
  });

  it('does not mutate its inputs', () => {
    const [base, local, remote] = [['React'], ['Go'], ['SQL']];
    mergeSkills(base, local, remote);
    expect([base, local, remote]).toEqual([['React'], ['Go'], ['SQL']]);
  });
});

describe('mergeCandidate: skill lists', () => {
  it.each(SKILL_FIELDS)('%s: merges as sets, never conflicts, pushes what the remote lacks', (field) => {
    const base = candidate({ [field]: ['React', 'Go'] });
    const result = merge({ base, local: candidate({ [field]: ['React', 'Go', 'Rust'] }), remote: candidate({ [field]: ['Go', 'SQL'] }) });
    expect(result.merged[field]).toEqual(['Go', 'SQL', 'Rust']);
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual([field]);
  });

  it('takes a remote-only skill change without pushing', () => {
    const base = candidate({ primary_skills: ['React'] });
    const result = merge({ base, local: base, remote: candidate({ primary_skills: ['React', 'Go'] }) });
    expect(result.merged.primary_skills).toEqual(['React', 'Go']);
    expect(pushed(result)).toEqual([]);
  });

  it('keeps a local reorder or re-spelling the remote has not touched, and pushes it', () => {
    const base = candidate({ primary_skills: ['React', 'Go'] });
    const result = merge({ base, local: candidate({ primary_skills: ['go', 'React'] }), remote: candidate({ ...base, location: 'Pune' }) });
    expect(result.merged.primary_skills).toEqual(['go', 'React']);
    expect(result.merged.location).toBe('Pune');
    expect(pushed(result)).toEqual(['primary_skills']);
  });

  it('takes a remote reorder the local side has not touched, without pushing', () => {
    const base = candidate({ primary_skills: ['React', 'Go'] });
    const result = merge({ base, local: base, remote: candidate({ primary_skills: ['GO', 'React'] }) });
    expect(result.merged.primary_skills).toEqual(['GO', 'React']);
    expect(pushed(result)).toEqual([]);
  });

  it('merges lists both sides changed as sets: a local reorder gives way to the remote order', () => {
    const base = candidate({ primary_skills: ['React', 'Go'] });
    const result = merge({ base, local: candidate({ primary_skills: ['go', 'React'] }), remote: candidate({ primary_skills: ['React', 'Go', 'SQL'] }) });
    expect(result.merged.primary_skills).toEqual(['React', 'Go', 'SQL']);
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual([]);
  });

  it('unions skills on first link, remote order first, without a conflict', () => {
    const result = merge({
      base: null,
      local: candidate({ primary_skills: ['React', 'Go'], secondary_skills: [] }),
      remote: candidate({ primary_skills: ['SQL', 'REACT'], secondary_skills: ['Docker'] }),
    });
    expect(result.merged.primary_skills).toEqual(['SQL', 'REACT', 'Go']);
    expect(result.merged.secondary_skills).toEqual(['Docker']);
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual(['primary_skills']);
  });
});

// ------------------------------------------------------------------ metadata

describe('mergeCandidate: metadata key by key', () => {
  const base = candidate({ metadata: { ats_id: 'A1', stage: 'new' } });
  const at = (metadata: Record<string, unknown> | null) => candidate({ metadata });

  it('takes a key added locally and pushes metadata', () => {
    const result = merge({ base, local: at({ ats_id: 'A1', stage: 'new', owner: 'kiran' }), remote: base });
    expect(result.merged.metadata).toEqual({ ats_id: 'A1', stage: 'new', owner: 'kiran' });
    expect(pushed(result)).toEqual(['metadata']);
  });

  it('takes a key added remotely without pushing', () => {
    const result = merge({ base, local: base, remote: at({ ats_id: 'A1', stage: 'new', owner: 'kiran' }) });
    expect(result.merged.metadata).toEqual({ ats_id: 'A1', stage: 'new', owner: 'kiran' });
    expect(pushed(result)).toEqual([]);
  });

  it('applies changes, additions and removals of different keys from both sides', () => {
    const result = merge({
      base,
      local: at({ ats_id: 'A2', stage: 'new', owner: 'kiran' }),
      remote: at({ ats_id: 'A1', rating: 4 }),
    });
    expect(result.merged.metadata).toEqual({ ats_id: 'A2', owner: 'kiran', rating: 4 });
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual(['metadata']);
  });

  it('drops a key removed on one side and untouched on the other', () => {
    const localRemoved = merge({ base, local: at({ ats_id: 'A1' }), remote: at({ ats_id: 'A1', stage: 'new', rating: 4 }) });
    expect(localRemoved.merged.metadata).toEqual({ ats_id: 'A1', rating: 4 });
    const remoteRemoved = merge({ base, local: at({ ats_id: 'A1', stage: 'new', owner: 'kiran' }), remote: at({ stage: 'new' }) });
    expect(remoteRemoved.merged.metadata).toEqual({ stage: 'new', owner: 'kiran' });
  });

  it('sees the same key change on both sides as no conflict', () => {
    const result = merge({ base, local: at({ ats_id: 'A1', stage: 'screen', x: 1 }), remote: at({ ats_id: 'A1', stage: 'screen', y: 2 }) });
    expect(result.merged.metadata).toEqual({ ats_id: 'A1', stage: 'screen', x: 1, y: 2 });
    expect(result.conflicts).toEqual([]);
  });

  it('compares nested values structurally, whatever the key order', () => {
    const nested = candidate({ metadata: { links: { a: 1, b: 2 } } });
    const result = merge({ base: nested, local: at({ links: { b: 2, a: 1 } }), remote: at({ links: { a: 1, b: 3 } }) });
    expect(result.merged.metadata).toEqual({ links: { a: 1, b: 3 } });
    expect(result.conflicts).toEqual([]);
  });

  it('reports a key changed differently on both sides at metadata.<key> and holds metadata back under ask', () => {
    const result = merge({
      base,
      local: at({ ats_id: 'A1', stage: 'screen', owner: 'kiran' }),
      remote: at({ ats_id: 'A1', stage: 'offer' }),
    });
    expect(result.conflicts).toEqual([{ field: 'metadata.stage', base: 'new', local: 'screen', remote: 'offer', resolution: null }]);
    expect(result.merged.metadata).toEqual({ ats_id: 'A1', stage: 'screen', owner: 'kiran' });
    expect(pushed(result)).toEqual([]);
  });

  it('resolves a key conflict with prefer-remote and pushes the other local keys', () => {
    const result = merge({
      base,
      local: at({ ats_id: 'A1', stage: 'screen', owner: 'kiran' }),
      remote: at({ ats_id: 'A1', stage: 'offer' }),
      policy: 'prefer-remote',
    });
    expect(result.merged.metadata).toEqual({ ats_id: 'A1', stage: 'offer', owner: 'kiran' });
    expect(result.conflicts).toEqual([{ field: 'metadata.stage', base: 'new', local: 'screen', remote: 'offer', resolution: 'remote' }]);
    expect(pushed(result)).toEqual(['metadata']);
  });

  it('resolves a key conflict with prefer-local and pushes metadata', () => {
    const result = merge({ base, local: at({ ats_id: 'A1', stage: 'screen' }), remote: at({ ats_id: 'A1', stage: 'offer' }), policy: 'prefer-local' });
    expect(result.merged.metadata).toEqual({ ats_id: 'A1', stage: 'screen' });
    expect(result.conflicts[0]?.resolution).toBe('local');
    expect(pushed(result)).toEqual(['metadata']);
  });

  it('reports a key removed on one side and changed on the other as a conflict with null for the missing side', () => {
    const localRemoved = merge({ base, local: at({ ats_id: 'A1' }), remote: at({ ats_id: 'A1', stage: 'offer' }) });
    expect(localRemoved.conflicts).toEqual([{ field: 'metadata.stage', base: 'new', local: null, remote: 'offer', resolution: null }]);
    expect(localRemoved.merged.metadata).toEqual({ ats_id: 'A1' });

    const remoteRemoved = merge({ base, local: at({ ats_id: 'A1', stage: 'screen' }), remote: at({ ats_id: 'A1' }), policy: 'prefer-remote' });
    expect(remoteRemoved.conflicts).toEqual([{ field: 'metadata.stage', base: 'new', local: 'screen', remote: null, resolution: 'remote' }]);
    expect(remoteRemoved.merged.metadata).toEqual({ ats_id: 'A1' });
  });

  it('reports a key added on both sides with different values with a null base', () => {
    const result = merge({ base, local: at({ ats_id: 'A1', stage: 'new', owner: 'kiran' }), remote: at({ ats_id: 'A1', stage: 'new', owner: 'meera' }) });
    expect(result.conflicts).toEqual([{ field: 'metadata.owner', base: null, local: 'kiran', remote: 'meera', resolution: null }]);
  });

  it('sees removing a key on one side and setting it to null on the other as the same edit', () => {
    const result = merge({ base, local: at({ ats_id: 'A1' }), remote: at({ ats_id: 'A1', stage: null }) });
    expect(result.conflicts).toEqual([]);
  });

  it('keeps a key whose value is null', () => {
    const result = merge({ base, local: at({ ats_id: 'A2', stage: 'new', closed: null }), remote: at({ ats_id: 'A1', stage: 'screen' }) });
    expect(result.merged.metadata).toEqual({ ats_id: 'A2', stage: 'screen', closed: null });
    expect(result.conflicts).toEqual([]);
  });

  it('takes a whole metadata object cleared on one side when the other left it alone', () => {
    expect(merge({ base, local: at(null), remote: base }).merged.metadata).toBeNull();
    expect(merge({ base, local: base, remote: at(null) }).merged.metadata).toBeNull();
  });

  it('pushes nothing when both sides emptied metadata, one to null and one to {}', () => {
    const result = merge({ base, local: at(null), remote: at({}) });
    expect(result.merged.metadata).toEqual({});
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual([]);
  });

  it('reports a cleared metadata object against a remote key change as a key conflict', () => {
    const result = merge({ base, local: at(null), remote: at({ ats_id: 'A1', stage: 'offer' }) });
    expect(result.conflicts).toEqual([{ field: 'metadata.stage', base: 'new', local: null, remote: 'offer', resolution: null }]);
    expect(pushed(result)).toEqual([]);
  });

  it('treats __proto__ as an ordinary key', () => {
    const withProto = (value: unknown) => JSON.parse(`{"ats_id":"A1","__proto__":${JSON.stringify(value)}}`) as Record<string, unknown>;
    const result = merge({ base: at(withProto('x')), local: at(withProto('y')), remote: at({ ...withProto('x'), ats_id: 'A2' }) });
    expect(Object.getPrototypeOf(result.merged.metadata)).toBe(Object.prototype);
    expect(Object.hasOwn(result.merged.metadata!, '__proto__')).toBe(true);
    expect(result.merged.metadata!['__proto__']).toBe('y');
    expect(result.merged.metadata!.ats_id).toBe('A2');
  });
});

describe('mergeCandidate: metadata on first link', () => {
  const at = (metadata: Record<string, unknown> | null) => candidate({ metadata });

  it('keeps keys present on one side only, pushes when the remote lacks some', () => {
    const result = merge({ base: null, local: at({ owner: 'kiran', stage: 'new' }), remote: at({ ats_id: 'A1', stage: 'new' }) });
    expect(result.merged.metadata).toEqual({ owner: 'kiran', stage: 'new', ats_id: 'A1' });
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual(['metadata']);
  });

  it('keeps a one-sided key even when its value is empty', () => {
    const result = merge({ base: null, local: at({ note: '', tags: [], closed: null }), remote: at({ ats_id: 'A1', extra: {} }) });
    expect(result.merged.metadata).toEqual({ note: '', tags: [], closed: null, ats_id: 'A1', extra: {} });
  });

  it('fills a key empty on one side from the other', () => {
    const result = merge({ base: null, local: at({ owner: null, stage: 'new' }), remote: at({ owner: 'meera', stage: '' }) });
    expect(result.merged.metadata).toEqual({ owner: 'meera', stage: 'new' });
    expect(result.conflicts).toEqual([]);
  });

  it('reports a key with different values on both sides at metadata.<key>, and holds metadata back', () => {
    const result = merge({ base: null, local: at({ owner: 'kiran', x: 1 }), remote: at({ owner: 'meera' }) });
    expect(result.conflicts).toEqual([{ field: 'metadata.owner', base: null, local: 'kiran', remote: 'meera', resolution: null }]);
    expect(result.merged.metadata).toEqual({ owner: 'kiran', x: 1 });
    expect(pushed(result)).toEqual([]);
  });

  it('pushes nothing when neither side holds a key, whichever empty value each has', () => {
    const localEmpty = merge({ base: null, local: at({}), remote: at(null) });
    expect(localEmpty.merged.metadata).toBeNull();
    expect(pushed(localEmpty)).toEqual([]);
    const remoteEmpty = merge({ base: null, local: at(null), remote: at({}) });
    expect(remoteEmpty.merged.metadata).toEqual({});
    expect(pushed(remoteEmpty)).toEqual([]);
  });

  it('takes the whole object from the side that has one', () => {
    expect(merge({ base: null, local: at(null), remote: at({ a: 1 }) }).merged.metadata).toEqual({ a: 1 });
    const localOnly = merge({ base: null, local: at({ a: 1 }), remote: at(null) });
    expect(localOnly.merged.metadata).toEqual({ a: 1 });
    expect(pushed(localOnly)).toEqual(['metadata']);
    expect(merge({ base: null, local: at(null), remote: at(null) }).merged.metadata).toBeNull();
  });
});

// ------------------------------------------------------------------ masking

describe('mergeCandidate: talent-pool masking', () => {
  const known = {
    email: 'asha@example.com',
    phone_number: '+91 90000 12345',
    whatsapp_number: '+91 90000 54321',
    current_ctc: 18,
    expected_ctc: 24,
  };
  const maskedView = { email: '', phone_number: null, whatsapp_number: null, current_ctc: null, expected_ctc: null };

  it('never lets a masked remote overwrite known values, and never reports it as an edit (with a base)', () => {
    const base = candidate(known);
    const result = merge({ base, local: candidate(known), remote: candidate(maskedView), masked: LOCKED_FIELDS });
    expect(result.merged).toEqual(candidate(known));
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual([]);
  });

  it('keeps and pushes a local change to a masked field without a conflict', () => {
    const base = candidate(known);
    const result = merge({ base, local: candidate({ ...known, expected_ctc: 30 }), remote: candidate(maskedView), masked: LOCKED_FIELDS });
    expect(result.merged.expected_ctc).toBe(30);
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual(['expected_ctc']);
  });

  it('pushes known values when the base itself was masked', () => {
    const base = candidate(maskedView);
    const result = merge({ base, local: candidate(known), remote: candidate(maskedView), masked: LOCKED_FIELDS, policy: 'prefer-remote' });
    expect(result.merged).toEqual(candidate(known));
    expect(result.conflicts).toEqual([]);
    expect(pushed(result)).toEqual([...LOCKED_FIELDS].sort());
  });

  it('keeps known values on first link and pushes them, whatever the policy', () => {
    for (const policy of CONFLICT_POLICIES) {
      const result = merge({ base: null, local: candidate(known), remote: candidate(maskedView), masked: LOCKED_FIELDS, policy });
      expect(result.merged).toEqual(candidate(known));
      expect(result.conflicts).toEqual([]);
      expect(pushed(result)).toEqual([...LOCKED_FIELDS].sort());
    }
  });

  it('pushes nothing for a masked field nobody knows', () => {
    const result = merge({ base: null, local: candidate(maskedView), remote: candidate(maskedView), masked: LOCKED_FIELDS });
    expect(result.merged).toEqual(candidate(maskedView));
    expect(pushed(result)).toEqual([]);
  });

  it('merges the unmasked fields of a masked candidate normally', () => {
    const base = candidate(known);
    const result = merge({
      base,
      local: candidate({ ...known, location: 'Pune' }),
      remote: candidate({ ...maskedView, location: 'Delhi', full_name: 'Asha Menon' }),
      masked: LOCKED_FIELDS,
    });
    expect(result.merged).toEqual(candidate({ ...known, location: 'Pune', full_name: 'Asha Menon' }));
    expect(fieldsOf(result.conflicts)).toEqual(['location']);
  });

  it('reads an unmasked remote value of a locked field as an edit', () => {
    const base = candidate(known);
    const result = merge({ base, local: base, remote: candidate({ ...known, phone_number: '+91 1' }) });
    expect(result.merged.phone_number).toBe('+91 1');
  });
});

// ------------------------------------------------------------------ robustness

describe('mergeCandidate: what it returns', () => {
  it('merges and pushes only synced fields, even when the candidate carries more', () => {
    const record = makeCandidateRecord({ resume_path: '/home/asha/cv.pdf' });
    const local = { ...record, email: record.email ?? '' };
    const remote = { ...makeCandidateRecord({ resume_path: null }), email: record.email ?? '' };
    const result = mergeCandidate({ base: null, local, remote, policy: 'ask', remoteUnknown: new Set() });
    expect(Object.keys(result.merged).sort()).toEqual([...SYNCED_FIELDS].sort());
    for (const field of result.toPush) expect(SYNCED_FIELDS).toContain(field);
  });

  it('does not mutate its inputs', () => {
    const base = candidate({ metadata: { a: 1 } });
    const local = candidate({ metadata: { a: 2, b: 1 }, primary_skills: ['Go'] });
    const remote = candidate({ metadata: { a: 3 }, email: '' });
    const copies = structuredClone([base, local, remote]);
    merge({ base, local, remote, masked: ['email'] });
    expect([base, local, remote]).toEqual(copies);
  });
});

// ------------------------------------------------------------------ applications

describe('mergeApplications', () => {
  const app = (status: string, notes: string | null = null) => ({ status, notes });

  it('pushes a job only the local side has', () => {
    const result = mergeApplications({}, { j1: app('Applied') }, {}, 'ask');
    expect(result).toEqual({ merged: { j1: app('Applied') }, toPush: ['j1'], conflicts: [] });
  });

  it('takes a job only the remote side has', () => {
    const result = mergeApplications({}, {}, { j1: app('Screening', 'call') }, 'ask');
    expect(result).toEqual({ merged: { j1: app('Screening', 'call') }, toPush: [], conflicts: [] });
  });

  it.each([
    ['status', app('Applied'), app('Interview'), app('Applied')],
    ['notes', app('Applied'), app('Applied', 'good fit'), app('Applied')],
  ])('takes a local-only %s change and pushes the job', (_name, base, local, remote) => {
    const result = mergeApplications({ j1: base }, { j1: local }, { j1: remote }, 'ask');
    expect(result).toEqual({ merged: { j1: local }, toPush: ['j1'], conflicts: [] });
  });

  it.each([
    ['status', app('Applied'), app('Applied'), app('Hired')],
    ['notes', app('Applied', 'x'), app('Applied', 'x'), app('Applied', null)],
  ])('takes a remote-only %s change without pushing', (_name, base, local, remote) => {
    const result = mergeApplications({ j1: base }, { j1: local }, { j1: remote }, 'ask');
    expect(result).toEqual({ merged: { j1: remote }, toPush: [], conflicts: [] });
  });

  it('merges a status change on one side with a notes change on the other', () => {
    const result = mergeApplications({ j1: app('Applied') }, { j1: app('Interview') }, { j1: app('Applied', 'strong') }, 'ask');
    expect(result).toEqual({ merged: { j1: app('Interview', 'strong') }, toPush: ['j1'], conflicts: [] });
  });

  it('sees the same change on both sides as no conflict', () => {
    const result = mergeApplications({ j1: app('Applied') }, { j1: app('Offered', 'n') }, { j1: app('Offered', 'n') }, 'ask');
    expect(result).toEqual({ merged: { j1: app('Offered', 'n') }, toPush: [], conflicts: [] });
  });

  it('names a status conflict applications.<job>.status and holds the job back under ask', () => {
    const result = mergeApplications({ j1: app('Applied') }, { j1: app('Interview') }, { j1: app('Rejected') }, 'ask');
    expect(result.conflicts).toEqual([{ field: 'applications.j1.status', base: 'Applied', local: 'Interview', remote: 'Rejected', resolution: null }]);
    expect(result.merged).toEqual({ j1: app('Interview') });
    expect(result.toPush).toEqual([]);
  });

  it('holds the whole job back while its notes await a choice, even with a status change', () => {
    const result = mergeApplications({ j1: app('Applied', 'a') }, { j1: app('Interview', 'b') }, { j1: app('Applied', 'c') }, 'ask');
    expect(result.conflicts).toEqual([{ field: 'applications.j1.notes', base: 'a', local: 'b', remote: 'c', resolution: null }]);
    expect(result.merged).toEqual({ j1: app('Interview', 'b') });
    expect(result.toPush).toEqual([]);
  });

  it.each([
    ['prefer-remote', app('Rejected'), [], 'remote'],
    ['prefer-local', app('Interview'), ['j1'], 'local'],
  ] as const)('resolves a status conflict with %s', (policy, merged, toPush, resolution) => {
    const result = mergeApplications({ j1: app('Applied') }, { j1: app('Interview') }, { j1: app('Rejected') }, policy);
    expect(result.merged).toEqual({ j1: merged });
    expect(result.toPush).toEqual(toPush);
    expect(result.conflicts).toEqual([{ field: 'applications.j1.status', base: 'Applied', local: 'Interview', remote: 'Rejected', resolution }]);
  });

  it('uses the first-link rules for a job without a base', () => {
    for (const base of [null, {}]) {
      const result = mergeApplications(base, { j1: app('Applied', 'local note') }, { j1: app('Screening', null) }, 'ask');
      expect(result.conflicts).toEqual([{ field: 'applications.j1.status', base: null, local: 'Applied', remote: 'Screening', resolution: null }]);
      expect(result.merged).toEqual({ j1: app('Applied', 'local note') });
      expect(result.toPush).toEqual([]);
    }
    const filled = mergeApplications(null, { j1: app('Applied', 'local note') }, { j1: app('Applied', null) }, 'ask');
    expect(filled).toEqual({ merged: { j1: app('Applied', 'local note') }, toPush: ['j1'], conflicts: [] });
  });

  it('merges several jobs independently', () => {
    const result = mergeApplications(
      { j1: app('Applied'), j2: app('Applied') },
      { j1: app('Interview'), j2: app('Applied'), j3: app('Applied') },
      { j1: app('Applied'), j2: app('Rejected'), j4: app('Hired') },
      'ask',
    );
    expect(result.merged).toEqual({ j1: app('Interview'), j2: app('Rejected'), j3: app('Applied'), j4: app('Hired') });
    expect([...result.toPush].sort()).toEqual(['j1', 'j3']);
    expect(result.conflicts).toEqual([]);
  });
});

// ------------------------------------------------------------------ properties

/** A small domain per field, so the three sides often agree or collide. */
const text = fc.constantFrom(null, '', 'a', 'b', 'A');
const number = fc.constantFrom(null, 0, 1, 2.5);
const skillList = fc.array(fc.constantFrom('React', 'react', 'Go', 'SQL', 'sql', 'Rust'), { maxLength: 5 });
const metadataKey = fc.constantFrom('ats_id', 'stage', 'owner', '__proto__');
const metadataValue = fc.constantFrom<unknown>(null, '', 'x', 'y', 0, 1, {}, [], { n: 1 }, { n: 2 });
const metadata = fc.oneof(
  fc.constant(null),
  fc.array(fc.tuple(metadataKey, metadataValue), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
);
/** Keys a side sets (or removes, when `removed`), so that key-level conflicts are frequent. */
const metadataEdits = fc.array(fc.record({ key: metadataKey, removed: fc.boolean(), value: metadataValue }), { maxLength: 3 });
type MetadataEdits = { key: string; removed: boolean; value: unknown }[];

function editMetadata(from: Record<string, unknown> | null, edits: MetadataEdits): Record<string, unknown> | null {
  if (edits.length === 0) return from;
  const entries = new Map(Object.entries(from ?? {}));
  for (const { key, removed, value } of edits) {
    if (removed) entries.delete(key);
    else entries.set(key, value);
  }
  return Object.fromEntries(entries);
}

const fieldArbitraries: { [F in SyncedField]: fc.Arbitrary<CandidateFields[F]> } = {
  full_name: fc.constantFrom('Asha', 'asha', 'Ravi'),
  email: fc.constantFrom('', 'a@x.com', ' A@X.com', 'b@x.com'),
  phone_number: text,
  whatsapp_number: text,
  location: text,
  preferred_location: text,
  total_experience_years: number,
  current_company: text,
  current_designation: text,
  current_ctc: number,
  expected_ctc: number,
  notice_period_days: number,
  in_notice_period: fc.constantFrom(null, true, false),
  last_working_day: fc.constantFrom(null, '2026-12-31', '2027-01-15'),
  resume_url: text,
  source: text,
  // Stored lists are normalized; the case variants still meet across sides.
  primary_skills: skillList.map(normalizeSkills),
  secondary_skills: skillList.map(normalizeSkills),
  metadata,
};
const anyCandidate = fc.record(fieldArbitraries) as fc.Arbitrary<CandidateFields>;

/** A copy of `from` with some fields replaced from `other`. */
function edited(from: CandidateFields, other: CandidateFields, changed: readonly boolean[]): CandidateFields {
  const result = { ...from } as Record<SyncedField, unknown>;
  SYNCED_FIELDS.forEach((field, i) => {
    if (changed[i]) result[field] = other[field];
  });
  return result as CandidateFields;
}
const changedFields = fc.array(fc.boolean(), { minLength: SYNCED_FIELDS.length, maxLength: SYNCED_FIELDS.length });

/** base, local and remote where each side edits some fields of the base, and some keys of its metadata. */
const threeSides = fc
  .tuple(anyCandidate, anyCandidate, anyCandidate, changedFields, changedFields, metadataEdits, metadataEdits, fc.boolean())
  .map(([base, a, b, localChanges, remoteChanges, localKeys, remoteKeys, firstLink]) => {
    const local = edited(base, a, localChanges);
    const remote = edited(base, b, remoteChanges);
    return {
      base: firstLink ? null : base,
      local: { ...local, metadata: editMetadata(local.metadata, localKeys) },
      remote: { ...remote, metadata: editMetadata(remote.metadata, remoteKeys) },
    };
  });
const policy = fc.constantFrom(...CONFLICT_POLICIES);
const masked = fc.subarray([...LOCKED_FIELDS]);

/** The remote as a masked candidate shows it. */
function maskRemote(remote: CandidateFields, fields: readonly SyncedField[]): CandidateFields {
  const result = { ...remote } as Record<SyncedField, unknown>;
  for (const field of fields) result[field] = field === 'email' ? '' : null;
  return result as CandidateFields;
}

describe('mergeCandidate properties', () => {
  it('merge(base, base, remote) takes the remote entirely, with no conflicts and nothing to push', () => {
    fc.assert(
      fc.property(anyCandidate, anyCandidate, policy, (base, remote, policy) => {
        const result = merge({ base, local: base, remote, policy });
        expect(result.merged).toEqual(remote);
        expect(result.conflicts).toEqual([]);
        expect(pushed(result)).toEqual([]);
      }),
      runs(400),
    );
  });

  it('merge(base, local, base) keeps local and pushes exactly the fields where local differs from base', () => {
    fc.assert(
      fc.property(anyCandidate, anyCandidate, policy, (base, local, policy) => {
        const result = merge({ base, local, remote: base, policy });
        const differs = (field: SyncedField) => !sameJson(local[field], base[field]);
        expect(result.merged).toEqual(local);
        expect(result.conflicts).toEqual([]);
        expect(pushed(result)).toEqual(SYNCED_FIELDS.filter(differs).sort());
      }),
      runs(400),
    );
  });

  it('merge(x, y, y) = y with no conflicts and nothing to push, with or without a base', () => {
    fc.assert(
      fc.property(fc.option(anyCandidate), anyCandidate, policy, (base, both, policy) => {
        const result = merge({ base, local: both, remote: structuredClone(both), policy });
        expect(result.merged).toEqual(both);
        expect(result.conflicts).toEqual([]);
        expect(pushed(result)).toEqual([]);
      }),
      runs(400),
    );
  });

  it('never reports a conflict whose local and remote values agree', () => {
    fc.assert(
      fc.property(threeSides, policy, masked, ({ base, local, remote }, policy, masked) => {
        const result = merge({ base, local, remote: maskRemote(remote, masked), policy, masked });
        for (const conflict of result.conflicts) expect(sameJson(conflict.local, conflict.remote)).toBe(false);
      }),
      runs(600),
    );
  });

  it('reports each conflict with the base, local and remote values it came from', () => {
    fc.assert(
      fc.property(threeSides, policy, ({ base, local, remote }, policy) => {
        const result = merge({ base, local, remote, policy });
        for (const conflict of result.conflicts) {
          const side = (fields: CandidateFields | null) => (fields ? mergedAt(fields, conflict.field) : null);
          expect(conflict.base).toEqual(side(base));
          expect(conflict.local).toEqual(side(local));
          expect(conflict.remote).toEqual(side(remote));
        }
      }),
      runs(600),
    );
  });

  it('under ask, a conflicted field keeps the local value and is not pushed', () => {
    fc.assert(
      fc.property(threeSides, masked, ({ base, local, remote }, masked) => {
        const result = merge({ base, local, remote: maskRemote(remote, masked), policy: 'ask', masked });
        for (const conflict of result.conflicts) {
          expect(conflict.resolution).toBeNull();
          expect(mergedAt(result.merged, conflict.field)).toEqual(conflict.local);
          expect(result.toPush.has(conflict.field.split('.')[0] as SyncedField)).toBe(false);
        }
      }),
      runs(600),
    );
  });

  it('under prefer-remote, a conflicted field takes the remote value', () => {
    fc.assert(
      fc.property(threeSides, ({ base, local, remote }) => {
        const result = merge({ base, local, remote, policy: 'prefer-remote' });
        for (const conflict of result.conflicts) {
          expect(conflict.resolution).toBe('remote');
          expect(mergedAt(result.merged, conflict.field)).toEqual(conflict.remote);
        }
      }),
      runs(600),
    );
  });

  it('under prefer-local, a conflicted field keeps the local value and is pushed', () => {
    fc.assert(
      fc.property(threeSides, ({ base, local, remote }) => {
        const result = merge({ base, local, remote, policy: 'prefer-local' });
        for (const conflict of result.conflicts) {
          expect(conflict.resolution).toBe('local');
          expect(mergedAt(result.merged, conflict.field)).toEqual(conflict.local);
          expect(result.toPush.has(conflict.field.split('.')[0] as SyncedField)).toBe(true);
        }
      }),
      runs(600),
    );
  });

  it('finds the same conflicts whichever side is local', () => {
    fc.assert(
      fc.property(threeSides, ({ base, local, remote }) => {
        const forward = merge({ base, local, remote });
        const backward = merge({ base, local: remote, remote: local });
        expect(fieldsOf(backward.conflicts)).toEqual(fieldsOf(forward.conflicts));
      }),
      runs(600),
    );
  });

  it('merges every scalar field to a value one of the sides had', () => {
    fc.assert(
      fc.property(threeSides, policy, ({ base, local, remote }, policy) => {
        const { merged } = merge({ base, local, remote, policy });
        for (const field of SCALAR_FIELDS) {
          expect([base?.[field], local[field], remote[field]]).toContainEqual(merged[field]);
        }
      }),
      runs(400),
    );
  });

  it('on first link, never reports a conflict where one side is empty', () => {
    fc.assert(
      fc.property(anyCandidate, anyCandidate, policy, masked, (local, remote, policy, masked) => {
        const result = merge({ base: null, local, remote: maskRemote(remote, masked), policy, masked });
        for (const conflict of result.conflicts) {
          expect(isEmptyValue(conflict.local)).toBe(false);
          expect(isEmptyValue(conflict.remote)).toBe(false);
        }
      }),
      runs(600),
    );
  });

  it('pushes only fields whose merged value the remote lacks, and never one awaiting a choice', () => {
    fc.assert(
      fc.property(threeSides, policy, masked, ({ base, local, remote }, policy, masked) => {
        const shown = maskRemote(remote, masked);
        const result = merge({ base, local, remote: shown, policy, masked });
        const awaiting = new Set(result.conflicts.filter((c) => c.resolution === null).map((c) => c.field.split('.')[0]));
        for (const field of SYNCED_FIELDS) {
          if (awaiting.has(field)) expect(result.toPush.has(field)).toBe(false);
          else if (!(masked as readonly string[]).includes(field)) {
            expect(result.toPush.has(field)).toBe(!sameJson(result.merged[field], shown[field]));
          }
        }
      }),
      runs(600),
    );
  });

  it('never lets a masked field take the masked value, count as an edit, or hide a known value from toPush', () => {
    fc.assert(
      fc.property(threeSides, policy, masked, ({ base, local, remote }, policy, masked) => {
        const result = merge({ base, local, remote: maskRemote(remote, masked), policy, masked });
        for (const field of masked) {
          expect(result.merged[field]).toEqual(local[field]);
          expect(result.conflicts.map((c) => c.field)).not.toContain(field);
          const remoteMayLack = base === null || !sameJson(base[field], local[field]);
          if (!isEmptyValue(local[field]) && remoteMayLack) expect(result.toPush.has(field)).toBe(true);
          if (isEmptyValue(local[field])) expect(result.toPush.has(field)).toBe(false);
        }
      }),
      runs(600),
    );
  });

  it('leaves its inputs untouched', () => {
    fc.assert(
      fc.property(threeSides, policy, masked, ({ base, local, remote }, policy, masked) => {
        const sides = { base, local, remote: maskRemote(remote, masked) };
        const before = structuredClone(sides);
        merge({ ...sides, policy, masked });
        expect(sides).toEqual(before);
      }),
      runs(200),
    );
  });
});

describe('mergeSkills properties', () => {
  const rawList = fc.array(fc.constantFrom('React', 'react', 'REACT', 'Go', 'go', 'SQL', 'Rust'), { maxLength: 6 });
  const has = (list: readonly string[], key: string) => list.some((s) => s.toLowerCase() === key);

  it('never loses a skill both sides have that the base did not', () => {
    fc.assert(
      fc.property(rawList, rawList, rawList, (base, local, remote) => {
        const merged = mergeSkills(base, local, remote);
        for (const key of skillKeys([...local, ...remote])) {
          if (has(local, key) && has(remote, key) && !has(base, key)) expect(has(merged, key)).toBe(true);
        }
      }),
      runs(500),
    );
  });

  it('drops a skill removed on one side and untouched on the other', () => {
    fc.assert(
      fc.property(rawList, rawList, rawList, (base, local, remote) => {
        const merged = mergeSkills(base, local, remote);
        for (const key of skillKeys(base)) {
          if (has(local, key) !== has(remote, key)) expect(has(merged, key)).toBe(false);
        }
      }),
      runs(500),
    );
  });

  it('is the set (local ∪ remote) minus what either side removed, in remote order then local additions', () => {
    fc.assert(
      fc.property(rawList, rawList, rawList, (base, local, remote) => {
        const merged = mergeSkills(base, local, remote);
        const keep = (s: string) => !has(base, s.toLowerCase()) || (has(local, s.toLowerCase()) && has(remote, s.toLowerCase()));
        expect(merged).toEqual(normalizeSkills([...remote, ...local].filter(keep)));
      }),
      runs(500),
    );
  });

  it('never returns case-insensitive duplicates', () => {
    fc.assert(
      fc.property(rawList, rawList, rawList, (base, local, remote) => {
        const merged = mergeSkills(base, local, remote);
        expect(skillKeys(merged)).toHaveLength(merged.length);
      }),
      runs(500),
    );
  });
});

describe('mergeApplications properties', () => {
  const application = fc.record({ status: fc.constantFrom('Applied', 'Interview', 'Rejected', ''), notes: fc.constantFrom(null, '', 'n1', 'n2') });
  const jobs = fc.dictionary(fc.constantFrom('j1', 'j2', 'j3'), application, { maxKeys: 3 }) as fc.Arbitrary<ApplicationsByJob>;

  it('keeps every job, pushes one-sided local jobs, resolves conflicts by policy and pushes what the remote lacks', () => {
    fc.assert(
      fc.property(fc.option(jobs), jobs, jobs, policy, (base, local, remote, policy) => {
        const result = mergeApplications(base, local, remote, policy);
        expect(Object.keys(result.merged).sort()).toEqual([...new Set([...Object.keys(local), ...Object.keys(remote)])].sort());
        const awaiting = new Set(result.conflicts.filter((c) => c.resolution === null).map((c) => c.field.split('.')[1]));
        for (const conflict of result.conflicts) {
          const [, job, name] = conflict.field.split('.') as [string, string, 'status' | 'notes'];
          expect(sameJson(conflict.local, conflict.remote)).toBe(false);
          expect(result.merged[job]?.[name]).toEqual(policy === 'prefer-remote' ? conflict.remote : conflict.local);
          if (base?.[job] === undefined) {
            expect(isEmptyValue(conflict.local) || isEmptyValue(conflict.remote)).toBe(false);
          }
        }
        for (const job of Object.keys(result.merged)) {
          const expectPush = !awaiting.has(job) && !sameJson(result.merged[job], remote[job]);
          expect(result.toPush.includes(job)).toBe(expectPush);
        }
      }),
      runs(600),
    );
  });

  it('mergeApplications(x, y, y) = y with no conflicts and nothing to push', () => {
    fc.assert(
      fc.property(fc.option(jobs), jobs, policy, (base, both, policy) => {
        expect(mergeApplications(base, both, structuredClone(both), policy)).toEqual({ merged: both, toPush: [], conflicts: [] });
      }),
      runs(300),
    );
  });
});
