import { emailKey } from '@shared/field-rules';
import { LOCKED_FIELDS } from '@shared/contract';
import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import { createOrMatchCandidate, updateCandidate } from '../../electron/core/candidates';
import type { CoreContext } from '../../electron/core/core-context';
import { sameJson } from '../../electron/core/values';
import { type ApplicationRecord, listApplicationsOfCandidate } from '../../electron/db/application-repository';
import { type CandidateRecord, findCandidateById } from '../../electron/db/candidate-repository';
import { listConflicts, readSyncBase, remoteIdOf } from '../../electron/db/sync-repository';
import type { ConflictPolicy } from '../../electron/sync/merge';
import { RemoteClient, type RemoteClientOptions } from '../../electron/sync/remote-client';
import { runSync, type SyncOutcome, type SyncRemote, type SyncSummary } from '../../electron/sync/sync-engine';
import { listParkedValues } from '../../electron/sync/sync-status';
import { SCALAR_FIELDS, SKILL_FIELDS } from '../../electron/sync/synced-fields';
import { type RemoteServer, type RemoteServerOptions, createRemoteServer } from '../../tools/remote-server/remote-server';
import type { RemoteCandidate } from '../../tools/remote-server/remote-store';
import { type DatabaseDump, dumpDatabase } from './database-dump';
import { openTestDatabase, type TestDatabase } from './test-database';

const LOCKED: ReadonlySet<string> = new Set(LOCKED_FIELDS);

/**
 * Per attempt: small, so a hung request costs little, yet large enough that a
 * busy 2-core box answers a plain request in time (a spurious timeout would
 * add a retry to the request counts scenario tests assert). Fault runs pass
 * a smaller one.
 */
export const HARNESS_TIMEOUT_MS = 2000;

export interface SyncHarnessOptions {
  remote?: RemoteServerOptions;
  /** Overrides for the engine's client; by default short timeouts and retries that do not wait. */
  client?: Partial<RemoteClientOptions>;
  /** An existing database to sync (the crash runs' data folder); by default a fresh one in a temp folder. */
  local?: TestDatabase;
}

export interface SyncHarness {
  remote: RemoteServer;
  local: TestDatabase;
  client: RemoteClient;
  /** Everything the engine and the remote server reported while the harness ran. */
  reported: { engine: unknown[]; server: unknown[] };
  /** One sync run through `remote` (the client by default; a test may wrap it to act between requests). */
  sync: (options?: { policy?: ConflictPolicy; remote?: SyncRemote; concurrency?: number }) => Promise<SyncOutcome>;
  /** A sync that must complete; its summary. */
  syncOk: (options?: { policy?: ConflictPolicy; remote?: SyncRemote }) => Promise<SyncSummary>;
  /** A local create through the core, as the local API would make it (outbox recorded). */
  createLocal: (body: Record<string, unknown>) => CandidateRecord;
  /** A local edit through the core, as the local API would make it (outbox recorded). */
  editLocal: (candidateId: string, body: Record<string, unknown>) => CandidateRecord;
  localRecord: (candidateId: string) => CandidateRecord;
  localApplications: (candidateId: string) => ApplicationRecord[];
  remoteIdOf: (candidateId: string) => string | null;
  /** The remote's stored candidate (real values, applications). */
  remoteRecord: (remoteId: string) => RemoteCandidate;
  close: () => Promise<void>;
}

/**
 * Two sides of a sync in one test: the remote test server, a real migrated
 * local database, and the engine's RemoteClient pointed at the server with
 * small timeouts and a sleep that does not wait, so retries cost no time.
 */
export async function startSyncHarness(options: SyncHarnessOptions = {}): Promise<SyncHarness> {
  const reported = { engine: [] as unknown[], server: [] as unknown[] };
  const remote = await createRemoteServer({ reportError: (error) => reported.server.push(error), ...options.remote });
  const local = options.local ?? openTestDatabase();
  const client = new RemoteClient({
    remoteUrl: remote.url,
    apiKey: remote.apiKey,
    timeoutMs: HARNESS_TIMEOUT_MS,
    sleep: async () => undefined,
    random: () => 0.5,
    ...options.client,
  });
  const { ctx } = local;

  const sync: SyncHarness['sync'] = (runOptions = {}) =>
    runSync({
      ctx,
      remote: runOptions.remote ?? client,
      ...(runOptions.policy ? { policy: runOptions.policy } : {}),
      ...(runOptions.concurrency ? { concurrency: runOptions.concurrency } : {}),
      reportError: (error) => reported.engine.push(error),
    });

  return {
    remote,
    local,
    client,
    reported,
    sync,
    syncOk: async (runOptions) => {
      const outcome = await sync(runOptions);
      if (!outcome.ok) throw outcome.error;
      return outcome.summary;
    },
    createLocal: (body) => {
      const { candidate } = createOrMatchCandidate(ctx, body);
      return findCandidateById(ctx.db, candidate.id)!;
    },
    editLocal: (candidateId, body) => {
      updateCandidate(ctx, candidateId, body);
      return findCandidateById(ctx.db, candidateId)!;
    },
    localRecord: (candidateId) => {
      const record = findCandidateById(ctx.db, candidateId);
      if (!record) throw new Error(`No local candidate ${candidateId}`);
      return record;
    },
    localApplications: (candidateId) => listApplicationsOfCandidate(ctx.db, candidateId),
    remoteIdOf: (candidateId) => remoteIdOf(ctx.db, candidateId),
    remoteRecord: (remoteId) => {
      const found = remote.controls.snapshot().find((candidate) => candidate.id === remoteId);
      if (!found) throw new Error(`No remote candidate ${remoteId}`);
      return found;
    },
    close: async () => {
      await remote.close();
      if (!options.local) local.close();
    },
  };
}

/**
 * A client with the harness's usual timeout and no fault-shortened one, for
 * the syncs that check a result once a test's faults are over: a slow moment
 * of a loaded machine is then not taken for a cloud that does not answer.
 * Close it after.
 */
export function patientClient(harness: SyncHarness): RemoteClient {
  return new RemoteClient({ remoteUrl: harness.remote.url, apiKey: harness.remote.apiKey, timeoutMs: HARNESS_TIMEOUT_MS, sleep: async () => undefined });
}

/** Starts harnesses for a test file and closes each; closing fails the test if the remote server reported errors. */
export function syncHarnesses() {
  const started: SyncHarness[] = [];
  return {
    start: async (options: SyncHarnessOptions = {}) => {
      const harness = await startSyncHarness(options);
      started.push(harness);
      return harness;
    },
    closeAll: async () => {
      const harnesses = started.splice(0);
      await Promise.all(harnesses.map((harness) => harness.close()));
      expect(harnesses.flatMap((harness) => harness.reported.server.map(String))).toEqual([]);
    },
  };
}

export function allLocalCandidateIds(db: Database): string[] {
  return db.prepare('SELECT id FROM candidates ORDER BY seq').pluck().all() as string[];
}

const blank = (value: unknown) => value === null || value === undefined || value === '';

/** A metadata object with some keys left out (those in open conflict). */
function withoutKeys(metadata: Record<string, unknown> | null, keys: ReadonlySet<string>): Record<string, unknown> | null {
  if (metadata === null || keys.size === 0) return metadata;
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !keys.has(key)));
}

/**
 * How the two sides differ, as readable lines; [] when they agree: every
 * local candidate is linked to exactly one remote candidate and every remote
 * candidate to one local one, no email is held twice on either side, and each
 * pair has equal synced fields, talent-pool status and applications (status
 * and notes per job). Allowed to differ: fields with an open conflict (the
 * local side keeps its value until the recruiter picks), locked fields of a
 * masked candidate that the local side does not know, holds parked, or holds
 * as last shown before the mask.
 */
/** The two sides to compare: a remote test server and a local database with its core context. */
export interface SyncSides {
  remote: RemoteServer;
  local: { db: Database; ctx: CoreContext };
}

export function compareSides(harness: SyncSides): string[] {
  const { db } = harness.local;
  const ctx = harness.local.ctx;
  const differences: string[] = [];
  const remoteCandidates = harness.remote.controls.snapshot();
  const remoteById = new Map(remoteCandidates.map((candidate) => [candidate.id, candidate]));
  const parked = new Set(listParkedValues(ctx).map((p) => `${p.candidate_id}/${p.field}`));

  const duplicates = (emails: (string | null)[], side: string) => {
    const seen = new Set<string>();
    for (const email of emails) {
      if (blank(email)) continue;
      const key = emailKey(email!);
      if (seen.has(key)) differences.push(`${side}: email ${key} is held by more than one candidate`);
      seen.add(key);
    }
  };
  duplicates(
    remoteCandidates.map((c) => c.email),
    'remote',
  );

  const localIds = allLocalCandidateIds(db);
  const localRecords = localIds.map((id) => findCandidateById(db, id)!);
  duplicates(
    localRecords.map((c) => c.email),
    'local',
  );

  const linkedRemoteIds = new Set<string>();
  for (const record of localRecords) {
    const remoteId = remoteIdOf(db, record.id);
    if (remoteId === null) {
      differences.push(`local ${record.id} (${record.email}) is not linked`);
      continue;
    }
    if (linkedRemoteIds.has(remoteId)) differences.push(`remote ${remoteId} is linked by more than one local candidate`);
    linkedRemoteIds.add(remoteId);
    const remote = remoteById.get(remoteId);
    if (!remote) {
      differences.push(`local ${record.id} is linked to ${remoteId}, which the remote does not have`);
      continue;
    }
    const open = listConflicts(db, { status: 'open', candidateId: record.id }).map((c) => c.field);
    const openFields = new Set(open.map((field) => field.split('.')[0]!));
    const openMetadataKeys = new Set(open.filter((f) => f.startsWith('metadata.')).map((f) => f.slice('metadata.'.length)));
    const masked = remote.talent_pool_status === 'masked';
    const where = `candidate ${record.id} (remote ${remoteId})`;

    for (const field of [...SCALAR_FIELDS, ...SKILL_FIELDS]) {
      if (openFields.has(field)) continue;
      const [l, r] = [record[field], remote[field]];
      if (masked && LOCKED.has(field)) {
        // The value last shown before the mask is all this copy can know: the cloud may have changed it since, unseen.
        const lastShown = (readSyncBase(db, record.id)?.fields as Record<string, unknown> | undefined)?.[field];
        if (blank(l) || sameJson(l, r) || sameJson(l, lastShown) || parked.has(`${record.id}/${field}`)) continue;
        differences.push(`${where}: locked ${field} is ${JSON.stringify(l)} locally, neither unknown nor parked (remote ${JSON.stringify(r)})`);
        continue;
      }
      if (!sameJson(l, r)) differences.push(`${where}: ${field} local ${JSON.stringify(l)} remote ${JSON.stringify(r)}`);
    }
    if (!openFields.has('metadata') || openMetadataKeys.size > 0) {
      const [l, r] = [withoutKeys(record.metadata, openMetadataKeys), withoutKeys(remote.metadata, openMetadataKeys)];
      if (!sameJson(l, r)) differences.push(`${where}: metadata local ${JSON.stringify(l)} remote ${JSON.stringify(r)}`);
    }
    if (record.talent_pool_status !== remote.talent_pool_status) {
      differences.push(`${where}: talent_pool_status local ${record.talent_pool_status} remote ${remote.talent_pool_status}`);
    }

    const localApplications = new Map(listApplicationsOfCandidate(db, record.id).map((a) => [a.job_id, a]));
    const remoteApplications = new Map(remote.applications.map((a) => [a.job_id, a]));
    for (const job of new Set([...localApplications.keys(), ...remoteApplications.keys()])) {
      const [l, r] = [localApplications.get(job), remoteApplications.get(job)];
      if (!l || !r) {
        differences.push(`${where}: application to ${job} only ${l ? 'local' : 'remote'}`);
        continue;
      }
      for (const part of ['status', 'notes'] as const) {
        if (open.includes(`applications.${job}.${part}`)) continue;
        if (l[part] !== r[part]) differences.push(`${where}: application ${job} ${part} local ${JSON.stringify(l[part])} remote ${JSON.stringify(r[part])}`);
      }
    }
  }
  for (const candidate of remoteCandidates) {
    if (!linkedRemoteIds.has(candidate.id)) differences.push(`remote ${candidate.id} (${candidate.email}) has no local candidate`);
  }
  return differences;
}

/**
 * Everything stored locally but the run's own bookkeeping (the settings row
 * that records the last run, and the lease): two dumps compare equal with
 * toEqual only if no candidate, application, search-index entry, merge base,
 * outbox row or conflict was written in between.
 */
export function dumpCandidateData(db: Database): DatabaseDump['tables'] {
  const { tables } = dumpDatabase(db);
  delete tables.settings;
  delete tables.sync_lease;
  return tables;
}

/** Counts of one run's requests the remote saw, by route: list, detail, post, put. */
export function requestsByKind(remote: RemoteServer): Record<string, number> {
  return remote.controls.stats().byKind;
}
