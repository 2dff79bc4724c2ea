import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@shared/errors';
import { ConflictListQuerySchema, ConflictResolutionSchema, SyncSettingsUpdateSchema } from '@shared/local-api-schema';
import { candidateOrThrow, normalizeCandidateId } from '../../core/candidates';
import { resolveConflict } from '../../core/conflict-resolution';
import type { CoreContext } from '../../core/core-context';
import { clearPushFailure, findConflict, listConflicts, listPushFailures, remoteIdOf } from '../../db/sync-repository';
import { pendingChanges, readLocalState } from '../../sync/local-state';
import type { SyncScheduler } from '../../sync/sync-scheduler';
import {
  readConflictPolicy,
  readSyncIntervalMinutes,
  writeConflictPolicy,
  writeSyncIntervalMinutes,
} from '../../sync/sync-settings';
import { candidateSyncStates, countPending, listParkedValues, readSyncRunRecord } from '../../sync/sync-status';
import { jsonBody } from '../json-body';
import { parseWith } from '../parse-with';

/** The sync engine as the API sees it: absent when no remote is configured. */
export interface SyncService {
  scheduler: SyncScheduler;
  /** The remote's origin, shown to the recruiter; never the key. */
  remoteUrl: string;
}

/**
 * /api/local: sync state for people and programs. Same token and Host rules
 * as /api/v1; these answers are the app's own, outside the contract.
 */
export function registerSyncRoutes(
  app: FastifyInstance,
  ctx: CoreContext,
  currentSync: () => SyncService | undefined,
  onLocalChange: () => void,
): void {
  const status = () => {
    const sync = currentSync();
    const record = readSyncRunRecord(ctx);
    const last = sync?.scheduler.last;
    return {
      configured: sync !== undefined,
      remote_url: sync?.remoteUrl ?? null,
      state: sync?.scheduler.running ? 'syncing' : record.state,
      last_success_at: record.last_success_at,
      last_attempt_at: record.last_attempt_at,
      last_error: record.last_error,
      last_summary: last?.summary ?? null,
      ...countPending(ctx),
      conflict_policy: readConflictPolicy(ctx),
      sync_interval_minutes: readSyncIntervalMinutes(ctx),
    };
  };

  app.get('/api/local/sync', async () => ({ data: status() }));

  // `?wait=true` answers when the run is over, with its summary; otherwise 202 at once.
  app.post('/api/local/sync', async (request: FastifyRequest<{ Querystring: { wait?: string } }>, reply) => {
    const sync = currentSync();
    if (!sync) throw new AppError('sync_not_configured', 'No cloud is configured: set its address and API key in Settings (or run `npm run sync -- --save`).');
    const run = sync.scheduler.runNow();
    if (request.query.wait === 'true') {
      const outcome = await run;
      return { data: { ...status(), outcome: outcome ? { ok: outcome.ok, summary: outcome.summary, error: outcome.ok ? null : outcome.error.message } : null } };
    }
    return reply.code(202).send({ data: status() });
  });

  app.get('/api/local/conflicts', async (request) => {
    const query = parseWith(ConflictListQuerySchema, request.query);
    const statusFilter = query.status ?? 'open';
    return {
      data: listConflicts(ctx.db, {
        ...(statusFilter === 'all' ? {} : { status: statusFilter }),
        ...(query.candidate_id ? { candidateId: normalizeCandidateId(query.candidate_id) } : {}),
      }),
    };
  });

  type ConflictRequest = FastifyRequest<{ Params: { id: string } }>;
  const conflictId = (request: ConflictRequest) => (/^\d+$/.test(request.params.id) ? Number(request.params.id) : NaN);
  app.post(
    '/api/local/conflicts/:id/resolve',
    {
      // As for PUT /api/v1/candidates/:id: an unknown id is a 404 before the body is read (404 outranks 413, 415, bad JSON and validation).
      onRequest: async (request: ConflictRequest) => {
        const id = conflictId(request);
        if (!Number.isSafeInteger(id) || !findConflict(ctx.db, id)) throw new AppError('not_found', 'No conflict has that id.');
      },
    },
    async (request: ConflictRequest) => {
      const id = conflictId(request);
      const choice = parseWith(ConflictResolutionSchema, jsonBody(request));
      const resolved = await ctx.writes.run(() => resolveConflict(ctx, id, choice));
      onLocalChange();
      return { data: resolved };
    },
  );

  app.get('/api/local/parked', async () => ({ data: listParkedValues(ctx) }));

  app.get('/api/local/failures', async () => ({ data: listPushFailures(ctx.db) }));

  // The remote refused this candidate's last push; clearing the failure lets the next run try again.
  app.post('/api/local/failures/:id/retry', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const candidateId = normalizeCandidateId(request.params.id);
    if (!listPushFailures(ctx.db).some((failure) => failure.candidate_id === candidateId)) {
      throw new AppError('not_found', 'That candidate has no failed push.');
    }
    await ctx.writes.run(() => clearPushFailure(ctx.db, candidateId));
    void currentSync()?.scheduler.runNow();
    return reply.code(204).send();
  });

  app.get('/api/local/candidate-sync-states', async () => ({
    data: candidateSyncStates(ctx, { includeLocalOnly: currentSync() !== undefined }),
  }));

  app.get('/api/local/candidates/:id/sync', async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const candidateId = candidateOrThrow(ctx, request.params.id).id;
    const state = readLocalState(ctx, candidateId)!;
    const remoteId = remoteIdOf(ctx.db, candidateId);
    const pending = pendingChanges(ctx, state);
    return {
      data: {
        candidate_id: candidateId,
        remote_id: remoteId,
        linked: remoteId !== null,
        pending_fields: remoteId === null ? ['(not yet in the cloud)'] : [...pending.fields, ...pending.jobs.map((job) => `application:${job}`)],
        parked: listParkedValues(ctx).filter((value) => value.candidate_id === candidateId),
        conflicts: listConflicts(ctx.db, { status: 'open', candidateId }),
        failure: listPushFailures(ctx.db).find((failure) => failure.candidate_id === candidateId) ?? null,
        last_synced_remote_version: state.base?.remoteUpdatedAt ?? null,
      },
    };
  });

  app.get('/api/local/settings', async () => ({
    data: { conflict_policy: readConflictPolicy(ctx), sync_interval_minutes: readSyncIntervalMinutes(ctx) },
  }));

  app.put('/api/local/settings', async (request) => {
    const update = parseWith(SyncSettingsUpdateSchema, jsonBody(request));
    await ctx.writes.run(() => {
      if (update.conflict_policy) writeConflictPolicy(ctx, update.conflict_policy);
      if (update.sync_interval_minutes) writeSyncIntervalMinutes(ctx, update.sync_interval_minutes);
    });
    return { data: { conflict_policy: readConflictPolicy(ctx), sync_interval_minutes: readSyncIntervalMinutes(ctx) } };
  });
}
