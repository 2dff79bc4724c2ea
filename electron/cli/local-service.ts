import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApiServer, listenOnLoopback } from '../api/api-server';
import { apiTokenPath, loadOrCreateApiToken } from '../api/api-token';
import type { SyncService } from '../api/routes/sync-routes';
import { APP_VERSION } from '../app-version';
import { type CoreContext, createCoreContext } from '../core/core-context';
import { closeDatabase, openDatabase } from '../db/connection';
import { normalizeRemoteUrl, RemoteClient } from '../sync/remote-client';
import { runSync } from '../sync/sync-engine';
import { SyncScheduler } from '../sync/sync-scheduler';
import { readSyncIntervalMinutes } from '../sync/sync-settings';
import { DATABASE_FILE, ensureDataDir } from './data-dir';

export interface LocalServiceOptions {
  dataDir: string;
  port: number;
  /** The cloud to sync with; without it the store is served alone. */
  remote?: { url: string; token: string };
  reportError: (error: unknown) => void;
}

/** The store, its API on 127.0.0.1 and, with a remote, the sync scheduler: what `serve` runs. */
export interface LocalService {
  url: string;
  tokenFile: string;
  ctx: CoreContext;
  app: FastifyInstance;
  sync: SyncService | undefined;
  /** Waits for a sync in progress and requests in flight, then closes the database cleanly. */
  close: () => Promise<void>;
}

function createSyncService(ctx: CoreContext, remote: { url: string; token: string }, reportError: (error: unknown) => void): SyncService {
  const client = new RemoteClient({ remoteUrl: remote.url, apiKey: remote.token });
  const scheduler = new SyncScheduler({
    run: () => runSync({ ctx, remote: client, reportError }),
    intervalMs: () => readSyncIntervalMinutes(ctx) * 60_000,
    reportError,
  });
  return { scheduler, remoteUrl: normalizeRemoteUrl(remote.url) };
}

/** Opens the data folder and starts serving; sync (if any) starts once the API answers. */
export async function startLocalService(options: LocalServiceOptions): Promise<LocalService> {
  ensureDataDir(options.dataDir);
  const token = loadOrCreateApiToken(options.dataDir);
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const ctx = createCoreContext(db);
  const sync = options.remote ? createSyncService(ctx, options.remote, options.reportError) : undefined;
  const app = buildApiServer({
    ctx,
    token,
    version: APP_VERSION,
    reportError: options.reportError,
    ...(sync ? { sync, onLocalChange: () => sync.scheduler.noteLocalChange() } : {}),
  });

  let url: string;
  try {
    url = await listenOnLoopback(app, options.port);
  } catch (error) {
    closeDatabase(db);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} on 127.0.0.1 is already in use (is Recruiter Desk already running?). Choose another with --port.`,
      );
    }
    throw error;
  }
  sync?.scheduler.start();

  return {
    url,
    tokenFile: apiTokenPath(options.dataDir),
    ctx,
    app,
    sync,
    close: async () => {
      // Writes are synchronous, so none is half-done here; a sync in progress is
      // awaited, and close() lets requests in flight finish.
      await sync?.scheduler.stop();
      await app.close();
      closeDatabase(db);
    },
  };
}
