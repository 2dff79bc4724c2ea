import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Fault, type FaultInjector, faultAnswer } from './faults';
import type { RequestOutcome, RequestStats } from './request-stats';
import { isControlPath, routeKindOf } from './route-kinds';

export interface TrafficOptions {
  stats: RequestStats;
  faults: FaultInjector;
  /** Added to every request but the test-only ones; read per request, so a change applies at once. */
  latencyMs: () => number;
  /** Aborted when the server closes: every wait (latency, slow, hang) ends then. */
  closing: AbortSignal;
}

interface FaultState {
  fault: Fault;
  /** Set once the fault has struck, so the answer it sends is not struck again. */
  struck: boolean;
}

/** Waits `ms`; false when the server started closing meanwhile. */
async function pause(ms: number, closing: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal: closing });
    return true;
  } catch (error) {
    if (closing.aborted) return false;
    throw error;
  }
}

/** Resolves when the socket is gone (the client gave up, or close() destroyed it); never rejects. */
function untilClosed(socket: Socket): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/**
 * Latency, injected faults and request stats, as Fastify hooks. Register after
 * the API-key check: a refused request is counted but never delayed or faulted.
 * A `before` fault strikes in onRequest, before the body is read; an `after`
 * fault in onSend, once the handler's write has committed.
 */
export function registerTrafficHooks(app: FastifyInstance, options: TrafficOptions): void {
  const faultStates = new WeakMap<FastifyRequest, FaultState>();
  const recorded = new WeakSet<FastifyRequest>();

  const record = (request: FastifyRequest, status: RequestOutcome) => {
    if (recorded.has(request) || isControlPath(request.url)) return;
    recorded.add(request);
    const fault = faultStates.get(request)?.fault;
    options.stats.record({
      method: request.method,
      path: request.url,
      kind: routeKindOf(request.method, request.routeOptions.url),
      status,
      ...(fault ? { fault: fault.kind } : {}),
    });
  };

  /** Answers nothing more: the connection is destroyed (or is being, by close()). */
  const abandon = (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    request.raw.socket.destroy();
  };

  app.addHook('onRequest', async (request, reply) => {
    if (isControlPath(request.url)) return;
    const latency = options.latencyMs();
    if (latency > 0 && !(await pause(latency, options.closing))) return abandon(request, reply);

    const kind = routeKindOf(request.method, request.routeOptions.url);
    if (kind === 'other') return;
    const fault = options.faults.decide(kind);
    if (!fault) return;
    faultStates.set(request, { fault, struck: fault.phase === 'before' });
    if (fault.phase === 'after') return;

    const answer = faultAnswer(fault);
    if (answer) return reply.code(answer.status).headers(answer.headers).type(answer.contentType).send(answer.body);
    switch (fault.kind) {
      case 'slow':
        if (!(await pause(fault.delayMs, options.closing))) abandon(request, reply);
        return;
      case 'drop':
        record(request, 'dropped');
        return abandon(request, reply);
      case 'hang':
        record(request, 'hung');
        reply.hijack();
        return untilClosed(request.raw.socket);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = faultStates.get(request);
    if (!state || state.struck) return payload;
    state.struck = true;
    const { fault } = state;
    const answer = faultAnswer(fault);
    if (answer) {
      reply.code(answer.status).headers(answer.headers).type(answer.contentType);
      return answer.body;
    }
    switch (fault.kind) {
      case 'slow':
        // A server that closes meanwhile never sends it.
        if (!(await pause(fault.delayMs, options.closing))) request.raw.socket.destroy();
        break;
      case 'drop':
        record(request, 'dropped');
        request.raw.socket.destroy();
        break;
      case 'hang':
        record(request, 'hung');
        await untilClosed(request.raw.socket);
        break;
    }
    // After a drop or hang the socket is gone and writing this is a no-op.
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => record(request, reply.statusCode));
  app.addHook('onRequestAbort', async (request) => record(request, 'aborted'));
}
