import type { FaultKind } from './faults';
import { API_ROUTE_KINDS, type RouteKind } from './route-kinds';

/**
 * How a request ended: its HTTP status, or `dropped` / `hung` (a fault gave
 * no answer), or `aborted` (the client went away before the answer).
 */
export type RequestOutcome = number | 'dropped' | 'hung' | 'aborted';

export interface RequestLogEntry {
  method: string;
  /** Path and query string, as sent. */
  path: string;
  kind: RouteKind;
  status: RequestOutcome;
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
}

export interface RemoteStats {
  total: number;
  byKind: Record<RouteKind, number>;
  /** By status code (`"200"`, `"503"`) or outcome (`"dropped"`, `"hung"`, `"aborted"`). */
  byStatus: Record<string, number>;
  /** The last requests, oldest first. */
  recent: RequestLogEntry[];
}

const RECENT_LIMIT = 500;

function emptyByKind(): Record<RouteKind, number> {
  return Object.fromEntries([...API_ROUTE_KINDS, 'other'].map((kind) => [kind, 0])) as Record<RouteKind, number>;
}

/** Counts of the requests the server has finished, test-only endpoints excluded. */
export class RequestStats {
  private total = 0;
  private byKind = emptyByKind();
  private byStatus: Record<string, number> = {};
  private recent: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.total += 1;
    this.byKind[entry.kind] += 1;
    const status = String(entry.status);
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    this.recent.push(entry);
    if (this.recent.length > RECENT_LIMIT) this.recent.shift();
  }

  snapshot(): RemoteStats {
    return {
      total: this.total,
      byKind: { ...this.byKind },
      byStatus: { ...this.byStatus },
      recent: this.recent.map((entry) => ({ ...entry })),
    };
  }

  reset(): void {
    this.total = 0;
    this.byKind = emptyByKind();
    this.byStatus = {};
    this.recent = [];
  }
}
