import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { LIMITS } from '@shared/contract';
import { AppError } from '@shared/errors';
import { listenOnLoopback } from '../../electron/api/api-server';
import { fromFrameworkError, internalError, sendError } from '../../electron/api/error-envelope';
import { registerJsonBodyParser } from '../../electron/api/json-body';
import { tokensMatch } from '../../electron/api/api-credentials';
import { bearerToken } from '../../electron/api/request-guards';
import { createCoreContext } from '../../electron/core/core-context';
import { closeDatabase, openDatabase } from '../../electron/db/connection';
import { writeSetting } from '../../electron/db/settings-repository';
import { CandidateGenerator } from './candidate-generator';
import { registerContractRoutes } from './contract-routes';
import { registerControlRoutes } from './control-routes';
import { type RemoteControls, type RemoteState, createRemoteControls } from './controls';
import { FaultInjector } from './faults';
import { PagingShifter } from './paging-shift';
import { insertNewestCandidates } from './remote-store';
import { RequestStats } from './request-stats';
import { registerTrafficHooks } from './traffic-hooks';

export interface RemoteServerOptions {
  /** 0 (the default) picks a free port on 127.0.0.1. */
  port?: number;
  /** The organisation's API key clients send as `Authorization: Bearer <key>`; random by default. */
  apiKey?: string;
  /** Seeds generated data and fault rates: the same seed, the same runs. */
  randomSeed?: number;
  /** Candidates generated at start (as `controls.seed`). */
  initialCandidates?: number;
  /** Fixed latency added to every API request (not to /_test/ ones). */
  latencyMs?: number;
  organizationId?: string;
  /** Injected so tests control time; timestamps are its ISO strings (see strictlyIncreasing). */
  now?: () => Date;
  /** Where unexpected errors are reported; never sent to the client. Default: console.error. */
  reportError?: (error: unknown) => void;
}

export interface RemoteServer {
  /** Base URL, `http://127.0.0.1:<port>`: the candidates are at `${url}/api/v1/candidates`. */
  url: string;
  apiKey: string;
  /** The temp folder holding the server's SQLite file; removed by close(). */
  dataDir: string;
  controls: RemoteControls;
  /** Ends every request in flight (hung ones included), closes the database and removes the folder. */
  close: () => Promise<void>;
}

const DEFAULT_RANDOM_SEED = 20261128;
export const DEFAULT_ORGANIZATION_ID = '0b7c4a9e-3d2f-4e61-8a15-c9d0e7f21b34';

/**
 * The clock's time, nudged 1 ms past the previous reading when the clock has
 * not moved since: every write gets its own, later timestamp, so a client can
 * always tell from updated_at that a candidate changed, however closely two
 * writes follow each other. (A reading that ends up writing nothing still
 * takes its millisecond: tests asserting exact times advance their clock.)
 */
function strictlyIncreasing(clock: () => Date): () => Date {
  let last = -Infinity;
  return () => {
    last = Math.max(clock().getTime(), last + 1);
    return new Date(last);
  };
}

function checkApiKey(request: FastifyRequest, apiKey: string): void {
  const presented = bearerToken(request.headers.authorization);
  if (presented === undefined || !tokensMatch(presented, apiKey)) {
    throw new AppError('unauthorized', "Send the organisation's API key as \"Authorization: Bearer <key>\".");
  }
}

function notFound(): AppError {
  return new AppError('not_found', 'Nothing here: check the path and method.');
}

/**
 * A stand-in for the cloud's /api/v1/candidates, for the sync engine's tests,
 * benchmark and demo: the app's own core over its own SQLite file, behind the
 * organisation's API key instead of the local token (and no Host check), with
 * test-only controls in process and under /_test/.
 */
export async function createRemoteServer(options: RemoteServerOptions = {}): Promise<RemoteServer> {
  const apiKey = options.apiKey ?? randomBytes(24).toString('base64url');
  const randomSeed = options.randomSeed ?? DEFAULT_RANDOM_SEED;
  const organizationId = options.organizationId ?? DEFAULT_ORGANIZATION_ID;
  const reportError = options.reportError ?? ((error: unknown) => console.error(error));
  const clock = options.now ?? (() => new Date());

  const dataDir = mkdtempSync(join(tmpdir(), 'recruiter-desk-remote-'));
  const db = openDatabase(join(dataDir, 'remote.sqlite'));
  // A throwaway file: an fsync per commit would only slow the tests down.
  db.pragma('synchronous = OFF');
  writeSetting(db, 'organization_id', organizationId);

  const ctx = createCoreContext(db, { now: strictlyIncreasing(clock) });
  const state: RemoteState = {
    ctx,
    generator: new CandidateGenerator(randomSeed, organizationId),
    startedAt: clock().getTime(),
    faults: new FaultInjector(randomSeed),
    stats: new RequestStats(),
    pagingShift: new PagingShifter(),
    latencyMs: 0,
  };
  const controls = createRemoteControls(state);
  const closing = new AbortController();
  const pendingWrites = new Set<Promise<unknown>>();

  const app = buildApp();
  try {
    if (options.latencyMs !== undefined) controls.setLatency(options.latencyMs);
    if (options.initialCandidates) controls.seed(options.initialCandidates);
    const url = await listenOnLoopback(app, options.port ?? 0);
    let closed: Promise<void> | undefined;
    return { url, apiKey, dataDir, controls, close: () => (closed ??= close()) };
  } catch (error) {
    await close();
    throw error;
  }

  async function close(): Promise<void> {
    closing.abort();
    // forceCloseConnections destroys every socket, hung and slow ones included.
    await app.close();
    await Promise.allSettled([...pendingWrites]);
    closeDatabase(db);
    rmSync(dataDir, { recursive: true, force: true });
  }

  function write<T>(work: () => T): Promise<T> {
    const pending = ctx.writes.run(work);
    pendingWrites.add(pending);
    const settle = () => pendingWrites.delete(pending);
    pending.then(settle, settle);
    return pending;
  }

  function buildApp(): FastifyInstance {
    const server = Fastify({
      logger: false,
      bodyLimit: LIMITS.bodyBytes,
      forceCloseConnections: true,
      routerOptions: { ignoreTrailingSlash: true },
      // A path the router cannot take apart names nothing here: after the key check, a 404 in the envelope.
      frameworkErrors: (_error, request, reply) => {
        try {
          checkApiKey(request, apiKey);
          sendError(reply, notFound());
        } catch (error) {
          sendError(reply, error instanceof AppError ? error : internalError());
        }
      },
    });

    registerJsonBodyParser(server);

    // The contract's order: 401, then 404, then (below) 413, 415, invalid JSON and the routes' own checks.
    server.addHook('onRequest', async (request) => {
      checkApiKey(request, apiKey);
      if (request.is404) throw notFound();
    });
    registerTrafficHooks(server, { stats: state.stats, faults: state.faults, latencyMs: () => state.latencyMs, closing: closing.signal });

    server.addHook('preParsing', async (request) => {
      if (Number(request.headers['content-length']) > LIMITS.bodyBytes) {
        throw new AppError('payload_too_large', 'The body is larger than 1 MiB.');
      }
    });

    server.setNotFoundHandler((_request, reply) => {
      sendError(reply, notFound());
    });

    server.setErrorHandler((error: FastifyError | AppError, _request, reply) => {
      if (error instanceof AppError) return sendError(reply, error);
      const known = fromFrameworkError(error);
      if (known) return sendError(reply, known);
      reportError(error);
      return sendError(reply, internalError());
    });

    registerContractRoutes(server, {
      ctx,
      organizationId,
      write,
      beforeListPage: (offset) => {
        const due = state.pagingShift.take(offset);
        if (due > 0) insertNewestCandidates(ctx, state.generator, due);
      },
    });
    registerControlRoutes(server, controls);
    return server;
  }
}
