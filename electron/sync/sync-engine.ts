import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { holderProcessIsGone } from '../core/process-liveness';
import { acquireSyncLease, type LeaseHolder, releaseSyncLease } from '../db/sync-repository';
import type { CoreContext } from '../core/core-context';
import type { ConflictPolicy } from './merge';
import { type PullCounts, pullRemoteChanges } from './pull';
import { pushNewCandidates, pushPendingChanges, type PushCounts } from './push';
import { RemoteAuthError, type RemoteClient } from './remote-client';
import { readConflictPolicy } from './sync-settings';
import { countPending, readSyncRunRecord, writeSyncRunRecord } from './sync-status';

/** The lease outlives a crashed holder by at most this long. */
export const LEASE_TTL_MS = 60_000;
const LEASE_RENEW_MS = 15_000;

export type SyncRemote = Pick<
  RemoteClient,
  'listCandidateVersions' | 'getCandidate' | 'findCandidateByEmail' | 'createCandidate' | 'updateCandidate' | 'stats'
>;

export interface SyncOptions {
  ctx: CoreContext;
  remote: SyncRemote;
  /** Defaults to the policy in settings. */
  policy?: ConflictPolicy;
  /** Candidates fetched or pushed at once; the remote client bounds requests in flight as well. */
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

export type SyncOutcome =
  | { ok: true; summary: SyncSummary }
  | { ok: false; summary: SyncSummary; error: Error; apiKeyRejected: boolean };

/**
 * One sync run: send candidates the cloud has never seen (linking by email),
 * pull and merge what changed remotely, then send local changes. One at a
 * time per data folder through a lease in the database that a killed process
 * holds for at most LEASE_TTL_MS (on this machine, not at all once it is gone). Every step commits as it goes, so a run
 * that fails part way leaves its progress for the next one. A run that could
 * not start (the lease is held) throws SyncAlreadyRunningError; one that
 * failed part way resolves with ok: false and what it did until then.
 */
export async function runSync(options: SyncOptions): Promise<SyncOutcome> {
  const { ctx, remote } = options;
  const owner = options.owner ?? `pid ${process.pid} run ${randomUUID()}`;
  const reportError = options.reportError ?? ((error: unknown) => console.error(error));
  const width = options.concurrency ?? 4;
  const now = () => ctx.now().getTime();

  const holder: LeaseHolder = { owner, host: hostname(), pid: process.pid };
  // A holder on this machine whose process is gone (killed, crashed) is not waited out.
  const lease = acquireSyncLease(ctx.db, holder, now(), LEASE_TTL_MS, holderProcessIsGone);
  if (!lease.acquired) throw new SyncAlreadyRunningError(lease.owner, new Date(lease.expiresAt));
  const renewal = setInterval(() => {
    // A renewal that meets a busy database is retried at the next tick; thrown from a timer it would end the process.
    try {
      acquireSyncLease(ctx.db, holder, now(), LEASE_TTL_MS);
    } catch (error) {
      reportError(error);
    }
  }, LEASE_RENEW_MS);
  renewal.unref();

  const startedAt = ctx.now().toISOString();
  const requestsBefore = remote.stats.requests;
  const errorsBefore = remote.stats.errors;
  const policy = options.policy ?? readConflictPolicy(ctx);
  const pushCounts: PushCounts = { created: 0, linked: 0, linkedAndUpdated: 0, pushed: 0, failed: 0 };
  const pullCounts: PullCounts = { created: 0, updated: 0, linked: 0, failed: 0 };
  const summarize = (): SyncSummary => {
    const counts = countPending(ctx);
    return {
      pulled: pullCounts.created + pullCounts.updated + pushCounts.linkedAndUpdated,
      pushed: pushCounts.pushed,
      created: pushCounts.created,
      linked: pushCounts.linked + pullCounts.linked,
      conflicts: counts.conflicts,
      parked: counts.parked,
      requests: remote.stats.requests - requestsBefore,
      // A push the cloud refused (kept for the recruiter) is a request that failed too.
      errors: remote.stats.errors - errorsBefore + pushCounts.failed,
    };
  };
  const previous = readSyncRunRecord(ctx);
  try {
    await pushNewCandidates(ctx, remote, policy, pushCounts, width);
    await pullRemoteChanges(ctx, remote, policy, pullCounts, reportError, width);
    await pushPendingChanges(ctx, remote, policy, pushCounts, width);
    writeSyncRunRecord(ctx, { state: 'idle', last_attempt_at: startedAt, last_success_at: ctx.now().toISOString(), last_error: null });
    return { ok: true, summary: summarize() };
  } catch (error) {
    const apiKeyRejected = error instanceof RemoteAuthError;
    const failure = error instanceof Error ? error : new Error(String(error));
    writeSyncRunRecord(ctx, {
      state: apiKeyRejected ? 'api_key_rejected' : 'failed',
      last_attempt_at: startedAt,
      last_success_at: previous.last_success_at,
      last_error: apiKeyRejected ? 'API key rejected' : failure.message,
    });
    return { ok: false, summary: summarize(), error: failure, apiKeyRejected };
  } finally {
    clearInterval(renewal);
    releaseSyncLease(ctx.db, owner);
  }
}
