import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '@shared/contract';
import { validationError } from '@shared/errors';
import type { RemoteDescription } from '@shared/local-api-schema';
import { type ApiCredentials, createApiCredentials } from '../api/api-credentials';
import { buildApiServer, listenOnLoopback } from '../api/api-server';
import { apiTokenPath, loadOrCreateApiToken, replaceApiToken } from '../api/api-token';
import { registerRendererStatic } from '../api/renderer-static';
import type { RemoteControl } from '../api/routes/remote-routes';
import type { SyncService } from '../api/routes/sync-routes';
import { APP_VERSION } from '../app-version';
import { listCandidatesAsJson } from '../core/candidates';
import { type CoreContext, createCoreContext } from '../core/core-context';
import { closeDatabase, openDatabase } from '../db/connection';
import { checkKeyWithCloud, type KeyCheck, normalizeRemoteUrl, RemoteClient, RemoteRedirectError } from '../sync/remote-client';
import type { SystemProxyLookup } from '../sync/remote-connections';
import { remotePauseStore } from '../sync/remote-pause-store';
import { runSync } from '../sync/sync-engine';
import { SyncScheduler } from '../sync/sync-scheduler';
import { readSyncIntervalMinutes } from '../sync/sync-settings';
import { DATABASE_FILE, ensureDataDir } from './data-dir';
import { acquireInstanceLock, type InstanceLock } from './instance-lock';
import { fileRemoteSettingsStore, type RemoteSettings, type RemoteSettingsStore } from './remote-settings';

export interface LocalServiceOptions {
  dataDir: string;
  port: number;
  /** The cloud given on the command line; it wins over the saved one and is not saved. */
  remote?: { url: string; token: string };
  /** Where the cloud set from the app is kept (default: DATA/remote.json). */
  remoteStore?: RemoteSettingsStore;
  /** The built renderer to serve at `/`; without it only the API is served. */
  rendererDir?: string;
  /** Passed to better-sqlite3: the desktop app loads its Electron-ABI build. */
  nativeBinding?: string;
  /** How long a sync in progress and requests in flight may take to finish on close (default 15 s); then they are ended. */
  drainLimitMs?: number;
  /** The computer's proxy settings, which the desktop app can read; without them the sync follows HTTPS_PROXY and the like. */
  systemProxy?: SystemProxyLookup;
  reportError: (error: unknown) => void;
}

/** The store, its API on 127.0.0.1 and, with a remote, the sync scheduler: what `serve` and the desktop app run. */
export interface LocalService {
  url: string;
  tokenFile: string;
  ctx: CoreContext;
  app: FastifyInstance;
  credentials: ApiCredentials;
  /** The sync engine of the moment: it changes when the recruiter sets or forgets the cloud. */
  sync: () => SyncService | undefined;
  /** The workspace's address with a fresh one-time code, or undefined when no renderer is served. */
  issueWorkspaceUrl: () => string | undefined;
  /** Starts a sync soon (network back, woken from sleep); nothing without a remote. */
  requestSync: () => void;
  /** Lets a sync in progress and requests in flight finish (within drainLimitMs), then closes the database cleanly. */
  close: () => Promise<void>;
}

/** A sync service and the client it owns, whose connections close with it. */
interface RunningSync extends SyncService {
  client: RemoteClient;
}

function createSyncService(ctx: CoreContext, remote: RemoteSettings, options: LocalServiceOptions): RunningSync {
  const { reportError, systemProxy } = options;
  const client = new RemoteClient({
    remoteUrl: remote.remote_url,
    apiKey: remote.remote_token,
    systemProxy,
    pauseStore: remotePauseStore(ctx, remote.remote_url, reportError),
  });
  const scheduler = new SyncScheduler({
    run: () => runSync({ ctx, remote: client, reportError }),
    intervalMs: () => readSyncIntervalMinutes(ctx) * 60_000,
    reportError,
  });
  return { scheduler, remoteUrl: normalizeRemoteUrl(remote.remote_url), client };
}

/**
 * Stops the scheduler and lets a run in progress finish within `limitMs`;
 * past that (a cloud that stopped answering, retries waiting) the run is
 * ended, its outbox keeping what it had not sent. Then closes the client.
 */
async function stopSync(sync: RunningSync | undefined, limitMs: number): Promise<void> {
  if (!sync) return;
  const runEnded = sync.scheduler.stop();
  const endRun = setTimeout(() => sync.client.stop(), limitMs);
  try {
    await runEnded;
  } finally {
    clearTimeout(endRun);
  }
  await sync.client.close();
}

/** How long a sync in progress and requests in flight may take to finish when the service closes or the cloud changes. */
const DRAIN_LIMIT_MS = 15_000;

/** Opens the data folder and starts serving; sync (if any) starts once the API answers. */
export async function startLocalService(options: LocalServiceOptions): Promise<LocalService> {
  ensureDataDir(options.dataDir);
  const lock = acquireInstanceLock(options.dataDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    return await startHoldingLock(options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startHoldingLock(options: LocalServiceOptions, lock: InstanceLock): Promise<LocalService> {
  const credentials = createApiCredentials(loadOrCreateApiToken(options.dataDir), () => replaceApiToken(options.dataDir));
  const db = openDatabase(join(options.dataDir, DATABASE_FILE), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const ctx = createCoreContext(db);
  const remoteStore = options.remoteStore ?? fileRemoteSettingsStore(options.dataDir);
  const drainLimitMs = options.drainLimitMs ?? DRAIN_LIMIT_MS;

  let remote: RemoteSettings | undefined = options.remote
    ? { remote_url: options.remote.url, remote_token: options.remote.token }
    : remoteStore.load();
  let sync: RunningSync | undefined;
  let listening = false;
  // Replacing the engine waits for the old one's run, so two never sync at once;
  // replacements queue behind each other for the same reason.
  let replacing: Promise<void> = Promise.resolve();
  const replaceSync = (next: RemoteSettings | undefined): Promise<void> => {
    const replacement = replacing.then(async () => {
      const previous = sync;
      sync = undefined;
      await stopSync(previous, drainLimitMs);
      remote = next;
      sync = next ? createSyncService(ctx, next, options) : undefined;
      if (listening) sync?.scheduler.start();
    });
    replacing = replacement.catch(() => undefined);
    return replacement;
  };
  await replaceSync(remote);

  const describeRemote = (): RemoteDescription => ({
    remote_url: sync?.remoteUrl ?? null,
    has_api_key: remote !== undefined,
  });
  const remoteControl: RemoteControl = {
    describe: describeRemote,
    connect: async (remoteUrl, apiKey) => {
      let normalized: string;
      try {
        normalized = normalizeRemoteUrl(remoteUrl);
      } catch (error) {
        throw validationError([{ path: 'remote_url', message: (error as Error).message }]);
      }
      let check: KeyCheck;
      try {
        check = await checkKeyWithCloud(normalized, apiKey, options.systemProxy);
      } catch (error) {
        if (error instanceof RemoteRedirectError) throw validationError([{ path: 'remote_url', message: `${error.advice} Nothing was saved.` }]);
        throw validationError([{ path: 'api_key', message: (error as Error).message }]);
      }
      if (check.outcome === 'rejected') {
        throw validationError([{ path: 'api_key', message: 'The cloud refused this API key (401). Nothing was saved: check the key and enter it again.' }]);
      }
      const settings = { remote_url: normalized, remote_token: apiKey };
      remoteStore.save(settings);
      await replaceSync(settings);
      return {
        ...describeRemote(),
        cloud_reached: check.outcome === 'accepted',
        cloud_error: check.outcome === 'unreachable' ? check.reason : null,
      };
    },
    disconnect: async () => {
      remoteStore.clear();
      await replaceSync(undefined);
    },
  };

  const app = buildApiServer({
    ctx,
    credentials,
    version: APP_VERSION,
    reportError: options.reportError,
    sync: () => sync,
    remote: remoteControl,
    onLocalChange: () => sync?.scheduler.noteLocalChange(),
    dataDir: options.dataDir,
  });
  const rendererDir = options.rendererDir && existsSync(join(options.rendererDir, 'index.html')) ? options.rendererDir : undefined;
  if (rendererDir) await registerRendererStatic(app, rendererDir);

  let url: string;
  try {
    url = await listenOnLoopback(app, options.port);
  } catch (error) {
    await stopSync(sync, 0);
    closeDatabase(db);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} on 127.0.0.1 is already in use (is Recruiter Desk already running?). Choose another with --port.`,
      );
    }
    throw error;
  }
  listening = true;
  lock.setUrl(url);
  sync?.scheduler.start();
  // The workspace opens on the newest candidates: read them once now, while
  // nobody waits, so its first list request finds their order cached and
  // their pages in SQLite's cache. With 100,000 candidates that request took
  // 150-550 ms while a browser was starting beside it, and 20-65 ms after this.
  setImmediate(() => {
    if (!db.open) return;
    try {
      listCandidatesAsJson(ctx, { search: '', limit: LIMITS.pageSizeMax, offset: 0 });
    } catch (error) {
      options.reportError(error);
    }
  });

  return {
    url,
    tokenFile: apiTokenPath(options.dataDir),
    ctx,
    app,
    credentials,
    sync: () => sync,
    issueWorkspaceUrl: () => (rendererDir ? `${url}/?code=${credentials.issueOneTimeCode()}` : undefined),
    requestSync: () => void sync?.scheduler.runNow(),
    close: async () => {
      // Writes are synchronous, so none is half-done here. New requests are refused
      // at once; one that stalls (a client that stopped sending) is cut off in the end.
      const cutOff = setTimeout(() => app.server.closeAllConnections(), drainLimitMs);
      try {
        await Promise.all([stopSync(sync, drainLimitMs), app.close()]);
      } finally {
        clearTimeout(cutOff);
      }
      closeDatabase(db);
      lock.release();
    },
  };
}
