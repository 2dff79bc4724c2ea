import type { RemoteControls } from './controls';
import { CONTROL_PREFIX } from './route-kinds';

/** The remote's controls as seen from another process: the same methods, over /_test/, each a promise. */
export type RemoteControlsClient = {
  [K in keyof RemoteControls]: (...args: Parameters<RemoteControls[K]>) => Promise<ReturnType<RemoteControls[K]>>;
};

/** A control request the server refused; `body` is its answer (the error envelope). */
export class RemoteControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'RemoteControlError';
  }
}

/** Drives a remote server's controls over HTTP, for a test or demo running it in another process. */
export function connectRemoteControls(url: string, apiKey: string): RemoteControlsClient {
  // The server's answers are taken as the in-process controls' return types: both sides are this code.
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(`${CONTROL_PREFIX}${path}`, url), {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new RemoteControlError(response.status, parsed, `${method} ${CONTROL_PREFIX}${path}`);
    return (parsed as { data?: T } | undefined)?.data as T;
  };
  const id = (candidateId: string) => `candidates/${encodeURIComponent(candidateId)}`;

  return {
    seed: async (count, options = {}) => (await call<{ ids: string[] }>('POST', 'seed', { count, ...options })).ids,
    addCandidate: (fields) => call('POST', 'candidates', fields),
    editAsRecruiter: (candidateId, changes) => call('PATCH', id(candidateId), changes),
    mask: (candidateId) => call('POST', `${id(candidateId)}/mask`),
    reveal: (candidateId) => call('POST', `${id(candidateId)}/reveal`),
    snapshot: () => call('GET', 'snapshot'),
    pipeline: () => call('GET', 'pipeline'),
    setPipeline: (statuses) => call('PUT', 'pipeline', { statuses }),
    setFaults: (settings) => call('PUT', 'faults', settings),
    failNext: (count, kind, options = {}) => call('POST', 'faults/next', { ...options, count, kind }),
    clearFaults: () => call('DELETE', 'faults'),
    setLatency: (ms) => call('PUT', 'latency', { ms }),
    setPagingShift: (shift) => (shift === null ? call('DELETE', 'paging-shift') : call('PUT', 'paging-shift', shift)),
    stats: () => call('GET', 'stats'),
    resetStats: () => call('DELETE', 'stats'),
  };
}
