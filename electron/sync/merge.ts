import { emailKey } from '@shared/field-rules';
import { sameJson } from '../core/values';
import {
  type CandidateFields,
  isEmptyValue,
  SCALAR_FIELDS,
  SKILL_FIELDS,
  type SyncedField,
  SYNCED_FIELDS,
} from './synced-fields';

export const CONFLICT_POLICIES = ['ask', 'prefer-remote', 'prefer-local'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

/** A field both sides changed to different values. `field` is dotted for metadata keys (`metadata.ats_id`). */
export interface FieldConflict {
  field: string;
  base: unknown;
  local: unknown;
  remote: unknown;
  /** Which side won under the policy; null while the recruiter has to pick (`ask`). */
  resolution: 'local' | 'remote' | null;
}

export interface CandidateMergeInput {
  /**
   * The remote version last synced; null on a first link, when there is no common base. A base may know some
   * fields only (those this copy wrote before the link): the others merge as on a first link.
   */
  base: Partial<CandidateFields> | null;
  local: CandidateFields;
  remote: CandidateFields;
  /** Locked fields the remote shows masked: its value there is unknown, never an edit. */
  remoteUnknown: ReadonlySet<SyncedField>;
  policy: ConflictPolicy;
}

export interface CandidateMergeResult {
  /** What the local copy holds after the merge. */
  merged: CandidateFields;
  /** Fields whose merged value the remote does not have yet. */
  toPush: Set<SyncedField>;
  conflicts: FieldConflict[];
}

/** A metadata key one side does not have; conflicts show it as null. */
const ABSENT = Symbol('absent');
const shown = (value: unknown) => (value === ABSENT ? null : value);

function winnerOf(policy: ConflictPolicy): 'local' | 'remote' | null {
  return policy === 'prefer-remote' ? 'remote' : policy === 'prefer-local' ? 'local' : null;
}

/** Three-way merge of one value; a conflict keeps the local value unless the policy says remote. */
function mergeValue(
  field: string,
  base: unknown,
  local: unknown,
  remote: unknown,
  policy: ConflictPolicy,
  conflicts: FieldConflict[],
): unknown {
  if (sameJson(local, base)) return remote;
  // Removing a metadata key and setting it to null leave the same nothing: no conflict.
  if (sameJson(remote, base) || sameJson(shown(local), shown(remote))) return local;
  const resolution = winnerOf(policy);
  conflicts.push({ field, base: shown(base), local: shown(local), remote: shown(remote), resolution });
  return resolution === 'remote' ? remote : local;
}

/** First link, no base: an empty side takes the other's value; two different values conflict. */
function linkValue(field: string, local: unknown, remote: unknown, policy: ConflictPolicy, conflicts: FieldConflict[]): unknown {
  if (sameJson(local, remote) || isEmptyValue(local)) return remote;
  if (isEmptyValue(remote)) return local;
  const resolution = winnerOf(policy);
  conflicts.push({ field, base: null, local, remote, resolution });
  return resolution === 'remote' ? remote : local;
}

/**
 * Skills as case-insensitive sets: additions and removals from both sides
 * apply; the result keeps the remote's order, then local additions.
 */
export function mergeSkills(base: readonly string[], local: readonly string[], remote: readonly string[]): string[] {
  const key = (skill: string) => skill.toLowerCase();
  const baseKeys = new Set(base.map(key));
  const localKeys = new Set(local.map(key));
  const remoteKeys = new Set(remote.map(key));
  const removed = new Set([...baseKeys].filter((k) => !localKeys.has(k) || !remoteKeys.has(k)));
  const result: string[] = [];
  const seen = new Set<string>();
  for (const skill of [...remote, ...local]) {
    const k = key(skill);
    if (seen.has(k) || removed.has(k)) continue;
    seen.add(k);
    result.push(skill);
  }
  return result;
}

type Metadata = Record<string, unknown> | null;

/** metadata key by key; a key both sides set differently is a conflict at `metadata.<key>`. */
function mergeMetadata(
  base: Metadata,
  local: Metadata,
  remote: Metadata,
  firstLink: boolean,
  policy: ConflictPolicy,
  conflicts: FieldConflict[],
): Metadata {
  if (sameJson(local, remote)) return remote;
  if (!firstLink && sameJson(local, base)) return remote;
  if (!firstLink && sameJson(remote, base)) return local;
  const keys = new Set([...Object.keys(base ?? {}), ...Object.keys(local ?? {}), ...Object.keys(remote ?? {})]);
  const result: Record<string, unknown> = {};
  const valueAt = (object: Metadata, k: string) => (object && Object.hasOwn(object, k) ? object[k] : ABSENT);
  for (const k of keys) {
    const [b, l, r] = [valueAt(base, k), valueAt(local, k), valueAt(remote, k)];
    let merged: unknown;
    if (!firstLink) merged = mergeValue(`metadata.${k}`, b, l, r, policy, conflicts);
    // On first link a key on one side only is kept, whatever its value.
    else if (l === ABSENT || r === ABSENT) merged = l === ABSENT ? r : l;
    else merged = linkValue(`metadata.${k}`, l, r, policy, conflicts);
    if (merged !== ABSENT) Object.defineProperty(result, k, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(result).length > 0) return result;
  // Nothing left: the remote's own empty value (or local's null) wins, so an empty object is not pushed over it.
  return isEmptyValue(remote) ? remote : local === null ? null : result;
}

/** First link: the remote's spelling of the same email, and the remote's source, win without a conflict. */
function remoteWinsLink(field: SyncedField, local: unknown, remote: unknown): boolean {
  if (isEmptyValue(local) || isEmptyValue(remote)) return false;
  return field === 'source' || (field === 'email' && emailKey(local as string) === emailKey(remote as string));
}

/**
 * Merges a candidate's local and remote versions against their common base.
 * Pure: the sync engine stores the result, the conflicts and the new base.
 */
export function mergeCandidate(input: CandidateMergeInput): CandidateMergeResult {
  const { local, policy, remoteUnknown } = input;
  const base = (input.base ?? {}) as CandidateFields;
  const known = (field: SyncedField) => Object.hasOwn(base, field);
  // A masked value says nothing: count the remote as unchanged there.
  const remote = { ...input.remote };
  for (const field of remoteUnknown) (remote as Record<string, unknown>)[field] = known(field) ? base[field] : local[field];

  const conflicts: FieldConflict[] = [];
  // Only synced fields: a caller passing a whole record must not get resume_path or id back to push.
  const merged = {} as Record<SyncedField, unknown>;

  for (const field of SCALAR_FIELDS) {
    const [l, r] = [local[field], remote[field]];
    // A base that never knew the email (the candidate was masked when linked) is no base for it: when the
    // email shows after a reveal, it is compared as on a first link.
    const linking = !known(field) || (field === 'email' && isEmptyValue(base.email));
    if (linking && remoteWinsLink(field, l, r)) merged[field] = r;
    else merged[field] = known(field) ? mergeValue(field, base[field], l, r, policy, conflicts) : linkValue(field, l, r, policy, conflicts);
  }
  for (const field of SKILL_FIELDS) {
    // A list only one side changed is that side's, its order and spelling too; lists both changed merge as sets.
    const [l, r] = [local[field], remote[field]];
    if (known(field) && sameJson(r, base[field])) merged[field] = l;
    else if (known(field) && sameJson(l, base[field])) merged[field] = r;
    else merged[field] = mergeSkills(known(field) ? base[field] : [], l, r);
  }
  merged.metadata = mergeMetadata(known('metadata') ? base.metadata : null, local.metadata, remote.metadata, !known('metadata'), policy, conflicts);

  const awaitingChoice = new Set(conflicts.filter((c) => c.resolution === null).map((c) => c.field.split('.')[0]));
  const toPush = new Set<SyncedField>();
  for (const field of SYNCED_FIELDS) {
    if (awaitingChoice.has(field)) continue;
    const remoteHas = remoteUnknown.has(field) ? (known(field) ? base[field] : null) : input.remote[field];
    // Where the remote's value is masked, only a value the local side really holds is worth sending.
    if (remoteUnknown.has(field) && isEmptyValue(merged[field])) continue;
    if (!sameJson(merged[field], remoteHas)) toPush.add(field);
  }
  return { merged: merged as CandidateFields, toPush, conflicts };
}

/** An application's synced part, per job. */
export interface ApplicationFields {
  status: string;
  notes: string | null;
}
export type ApplicationsByJob = Record<string, ApplicationFields>;

export interface ApplicationsMergeResult {
  merged: ApplicationsByJob;
  /** Jobs whose merged application the remote does not have yet. */
  toPush: string[];
  conflicts: FieldConflict[];
}

/**
 * Applications matched by job: one side alone keeps what it has (nothing is
 * dropped), both sides merge status and notes like candidate fields.
 * Conflicts are named `applications.<job_id>.status` / `.notes`.
 */
export function mergeApplications(
  base: ApplicationsByJob | null,
  local: ApplicationsByJob,
  remote: ApplicationsByJob,
  policy: ConflictPolicy,
): ApplicationsMergeResult {
  const merged: ApplicationsByJob = {};
  const toPush: string[] = [];
  const conflicts: FieldConflict[] = [];
  const jobs = new Set([...Object.keys(local), ...Object.keys(remote)]);
  for (const job of [...jobs].sort()) {
    const [b, l, r] = [base?.[job], local[job], remote[job]];
    if (!l || !r) {
      merged[job] = (l ?? r)!;
      if (l) toPush.push(job);
      continue;
    }
    const before = conflicts.length;
    const field = (name: string) => `applications.${job}.${name}`;
    const pick = (name: keyof ApplicationFields) =>
      b ? mergeValue(field(name), b[name], l[name], r[name], policy, conflicts) : linkValue(field(name), l[name], r[name], policy, conflicts);
    const result = { status: pick('status') as string, notes: pick('notes') as string | null };
    merged[job] = result;
    const awaiting = conflicts.slice(before).some((c) => c.resolution === null);
    if (!awaiting && (result.status !== r.status || result.notes !== r.notes)) toPush.push(job);
  }
  return { merged, toPush, conflicts };
}
