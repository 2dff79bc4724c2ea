import type { FastifyInstance } from 'fastify';
import { buildApiServer, listenOnLoopback } from '../../electron/api/api-server';
import { createApiCredentials } from '../../electron/api/api-credentials';
import { loadOrCreateApiToken, replaceApiToken } from '../../electron/api/api-token';
import type { SyncService } from '../../electron/api/routes/sync-routes';
import { createOrMatchCandidate } from '../../electron/core/candidates';
import { listConflicts } from '../../electron/db/sync-repository';
import type { ConflictPolicy } from '../../electron/sync/merge';
import type { RemoteClient } from '../../electron/sync/remote-client';
import type { SyncOutcome, SyncSummary } from '../../electron/sync/sync-engine';
import type { RemoteServer, RemoteServerOptions } from '../../tools/remote-server/remote-server';
import { type HttpRequestOptions, type HttpResponse, sendHttp } from './http-client';
import { startSyncHarness } from './sync-harness';
import type { TestDatabase } from './test-database';

/**
 * A remote test server and a local store synced by the real engine, for tests
 * that need real sync state (links, bases, conflicts, parked values) without
 * writing it row by row. Retries do not wait.
 */
export interface SyncSides {
  remote: RemoteServer;
  local: TestDatabase;
  client: RemoteClient;
  /** Errors the engine and the remote server reported; a test expects none unless it says so. */
  reported: { engine: unknown[]; server: unknown[] };
  sync: (policy?: ConflictPolicy) => Promise<SyncOutcome>;
  /** A sync that must complete; its summary. */
  syncOk: (policy?: ConflictPolicy) => Promise<SyncSummary>;
  /** A candidate created on the remote (as another recruiter would) and pulled: its id on both sides. */
  pulledCandidate: (fields: Record<string, unknown>) => Promise<string>;
  /** Edits `id` differently on both sides and syncs under `ask`: the open conflicts of that candidate. */
  conflicting: (id: string, local: Record<string, unknown>, remote: Record<string, unknown>) => Promise<ReturnType<typeof listConflicts>>;
  close: () => Promise<void>;
}

/** Built on the sync harness, with a client timeout roomy enough for the API and core tests' larger runs. */
export async function startSyncSides(options: { remote?: RemoteServerOptions; local?: TestDatabase } = {}): Promise<SyncSides> {
  const harness = await startSyncHarness({ ...options, client: { timeoutMs: 5_000 } });
  const { remote, local, client } = harness;
  const sync = (policy?: ConflictPolicy) => harness.sync(policy ? { policy } : {});
  const syncOk = (policy?: ConflictPolicy) => harness.syncOk(policy ? { policy } : {});
  return {
    remote,
    local,
    client,
    reported: harness.reported,
    sync,
    syncOk,
    pulledCandidate: async (fields) => {
      const { candidate } = remote.controls.addCandidate(fields);
      await syncOk();
      return candidate.id;
    },
    conflicting: async (id, localChanges, remoteChanges) => {
      harness.editLocal(id, localChanges);
      remote.controls.editAsRecruiter(id, remoteChanges);
      await syncOk('ask');
      return listConflicts(local.db, { status: 'open', candidateId: id });
    },
    close: harness.close,
  };
}

/** A local-only candidate created as the local API would (outbox recorded); its id. */
export function createLocalCandidate(local: TestDatabase, fields: Record<string, unknown>): string {
  return createOrMatchCandidate(local.ctx, fields).candidate.id;
}

export interface SyncTestApi {
  url: string;
  token: string;
  app: FastifyInstance;
  /** Every call of onLocalChange so far. */
  localChanges: () => number;
  call: (method: string, path: string, options?: HttpRequestOptions) => Promise<HttpResponse>;
  /** Also fails the test if the API reported unexpected errors. */
  close: () => Promise<void>;
}

/**
 * The real API over `local`, like startTestApi, but with the sync service and
 * an onLocalChange that counts its calls, both of which `serve` passes in.
 */
export async function startSyncTestApi(local: TestDatabase, options: { sync?: SyncService } = {}): Promise<SyncTestApi> {
  const token = loadOrCreateApiToken(local.dir);
  const errors: unknown[] = [];
  let changes = 0;
  const app = buildApiServer({
    ctx: local.ctx,
    credentials: createApiCredentials(token, () => replaceApiToken(local.dir)),
    version: 'test',
    reportError: (error) => errors.push(error),
    ...(options.sync ? { sync: () => options.sync } : {}),
    onLocalChange: () => {
      changes += 1;
    },
  });
  const url = await listenOnLoopback(app, 0);
  return {
    url,
    token,
    app,
    localChanges: () => changes,
    call: (method, path, requestOptions = {}) =>
      sendHttp(url, path, { ...requestOptions, method, headers: { authorization: `Bearer ${token}`, ...requestOptions.headers } }),
    close: async () => {
      await app.close();
      if (errors.length > 0) throw new Error(`The API reported unexpected errors: ${errors.map(String).join('; ')}`);
    },
  };
}
