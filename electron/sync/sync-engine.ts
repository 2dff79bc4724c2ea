import { randomUUID } from 'node:crypto';
import { acquireSyncLease, releaseSyncLease } from '../db/sync-repository';
import type { CoreContext } from '../core/core-context';
import type { ConflictPolicy } from './merge';
import { pullRemoteChanges } from './pull';
import { pushNewCandidates, pushPendingChanges, type PushCounts } from './push';
import { RemoteAuthError, type RemoteClient } from './remote-client';
import { readConflictPolicy } from './sync-settings';
import { countPending, readSyncRunRecord, writeSyncRunRecord } from './sync-status';

/** The lease outlives a crashed holder by at most this long. */
export const LEASE_TTL_MS = 60_000;
const LEASE_RENEW_MS = 15_000;

export type SyncRemote = Pick<RemoteClient, 'listCandidates' | 'getCandidate' | 'createCandidate' | 'updateCandidate' | 'stats'>;

export interface SyncOptions {
  ctx: CoreContext;
  remote: SyncRemote;
  /** Defaults to the policy in settings. */
  policy?: ConflictPolicy;
  /** Candidates pushed at once; the remote client bounds requests in flight as well. */
  concurrency?: number;
  /** Who holds the lease; unique per process and run by default. */
  owner?: string;
  reportError?: (error: unknown) => void;
}

/** The summary `npm run sync` prints as its last line. */
export interface SyncSummary {
  pulled: number;
  pushed: number;
  created: number;
  linked: number;
  conflicts: number;
  parked: number;
  requests: number;
  errors: number;
}

/** Another process (or run) holds the lease. */
export class SyncAlreadyRunningError extends Error {
  constructor(readonly holder: string, readonly until: Date) {
    super(`A sync is already running for this data folder (${holder}, lease until ${until.toISOString()}).`);
    this.name = 'SyncAlreadyRunningError';
  }
}

/**
 * One sync run: send candidates the cloud has never seen (linking by email),
 * pull and merge what changed remotely, then send local changes. One at a
 * time per data folder through a lease in the database that a killed process
 * holds for at most LEASE_TTL_MS. Every step commits as it goes, so a run
 * that fails part way leaves its progress for the next one.
 */
export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const { ctx, remote } = options;
  const owner = options.owner ?? `pid ${process.pid} run ${randomUUID()}`;
  const reportError = options.reportError ?? ((error: unknown) => console.error(error));
  const width = options.concurrency ?? 4;
  const now = () => ctx.now().getTime();

  const lease = acquireSyncLease(ctx.db, owner, now(), LEASE_TTL_MS);
  if (!lease.acquired) throw new SyncAlreadyRunningError(lease.owner, new Date(lease.expiresAt));
  const renewal = setInterval(() => acquireSyncLease(ctx.db, owner, now(), LEASE_TTL_MS), LEASE_RENEW_MS);
  renewal.unref();

  const startedAt = ctx.now().toISOString();
  const requestsBefore = remote.stats.requests;
  const errorsBefore = remote.stats.errors;
  const policy = options.policy ?? readConflictPolicy(ctx);
  const pushCounts: PushCounts = { created: 0, linked: 0, pushed: 0, failed: 0 };
  const previous = readSyncRunRecord(ctx);
  try {
    await pushNewCandidates(ctx, remote, policy, pushCounts, width);
    const pulled = await pullRemoteChanges(ctx, remote, policy, reportError);
    await pushPendingChanges(ctx, remote, policy, pushCounts, width);
    const counts = countPending(ctx);
    writeSyncRunRecord(ctx, { state: 'idle', last_attempt_at: startedAt, last_success_at: ctx.now().toISOString(), last_error: null });
    return {
      pulled: pulled.created + pulled.updated,
      pushed: pushCounts.pushed,
      created: pushCounts.created,
      linked: pushCounts.linked + pulled.linked,
      conflicts: counts.conflicts,
      parked: counts.parked,
      requests: remote.stats.requests - requestsBefore,
      errors: remote.stats.errors - errorsBefore,
    };
  } catch (error) {
    const rejected = error instanceof RemoteAuthError;
    writeSyncRunRecord(ctx, {
      state: rejected ? 'api_key_rejected' : 'failed',
      last_attempt_at: startedAt,
      last_success_at: previous.last_success_at,
      last_error: rejected ? 'API key rejected' : (error as Error).message,
    });
    throw error;
  } finally {
    clearInterval(renewal);
    releaseSyncLease(ctx.db, owner);
  }
}
