import { z } from 'zod';
import { AppError } from '@shared/errors';
import { envelope, internalError } from '../../electron/api/error-envelope';
import { Prng } from './prng';
import { API_ROUTE_KINDS, type ApiRouteKind } from './route-kinds';

/**
 * What a request can be made to suffer:
 * - `500`: the service's own error, in the contract's envelope (`internal_error`);
 * - `502`, `503`, `504`: a gateway's answer, an HTML page and not JSON (503 with Retry-After);
 * - `429`: `rate_limited` in the envelope, with Retry-After;
 * - `drop`: the socket is destroyed without an answer;
 * - `slow`: the answer comes `delayMs` late;
 * - `hang`: no answer at all until the client gives up or the server closes.
 */
export const FAULT_KINDS = ['500', '502', '503', '504', '429', 'drop', 'slow', 'hang'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * `before`: the fault strikes before the request is read, so nothing is
 * applied. `after`: the request is fully handled and committed, then the
 * client gets the fault instead of the answer: the case where a retry must
 * not duplicate anything.
 */
export const FAULT_PHASES = ['before', 'after'] as const;
export type FaultPhase = (typeof FAULT_PHASES)[number];

const faultShape = {
  kind: z.enum(FAULT_KINDS),
  routes: z.array(z.enum(API_ROUTE_KINDS)).min(1).default([...API_ROUTE_KINDS]),
  phase: z.enum(FAULT_PHASES).default('before'),
  /** How late a `slow` answer comes. */
  delayMs: z.number().int().min(0).default(1000),
  /** The Retry-After of a `429` or `503`. */
  retryAfterSeconds: z.number().int().min(0).default(1),
};

export const FaultRuleSchema = z.strictObject({
  ...faultShape,
  /** The share of the matching requests it strikes, drawn from the seeded generator. */
  rate: z.number().min(0).max(1).default(1),
  /** Strikes at most this many requests, then is gone; unlimited when absent. */
  times: z.number().int().min(1).optional(),
});
export type FaultRule = z.input<typeof FaultRuleSchema>;

export const FaultSettingsSchema = z.strictObject({
  rules: z.array(FaultRuleSchema),
  /** Restarts the rate generator; the server's seed when absent. */
  seed: z.number().int().optional(),
});
export type FaultSettings = z.input<typeof FaultSettingsSchema>;

/** "Fail the next `count` requests (of these routes) with `kind`": deterministic, whatever the rates. */
export const FailNextSchema = z.strictObject({ ...faultShape, count: z.number().int().min(1) });
export type FailNext = z.input<typeof FailNextSchema>;

type ActiveRule = z.output<typeof FaultRuleSchema>;

/** The fault chosen for one request. */
export interface Fault {
  kind: FaultKind;
  phase: FaultPhase;
  delayMs: number;
  retryAfterSeconds: number;
}

/**
 * Decides, request by request, which fault (if any) strikes. Rules are tried
 * in order against one draw per request: the rates of the rules that match a
 * route add up, so each kind strikes at its own rate. `failNext` rules go
 * first and have rate 1, so they strike whatever else is configured.
 */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private prng: Prng;

  constructor(private readonly defaultSeed: number) {
    this.prng = new Prng(defaultSeed);
  }

  configure(settings: z.output<typeof FaultSettingsSchema>): void {
    this.rules = settings.rules.map((rule) => ({ ...rule }));
    this.prng = new Prng(settings.seed ?? this.defaultSeed);
  }

  failNext(next: z.output<typeof FailNextSchema>): void {
    const { count, ...fault } = next;
    this.rules.unshift({ ...fault, rate: 1, times: count });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for a request to `route`, if one strikes; a counted rule is spent by one. */
  decide(route: ApiRouteKind): Fault | undefined {
    const matching = this.rules.filter((rule) => rule.routes.includes(route));
    if (matching.length === 0) return undefined;
    const draw = this.prng.next();
    let threshold = 0;
    for (const rule of matching) {
      threshold += rule.rate;
      if (draw >= threshold) continue;
      if (rule.times !== undefined) {
        rule.times -= 1;
        if (rule.times === 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return { kind: rule.kind, phase: rule.phase, delayMs: rule.delayMs, retryAfterSeconds: rule.retryAfterSeconds };
    }
    return undefined;
  }
}

/** An answer a fault sends instead of the real one. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

function gatewayPage(status: number, title: string): string {
  return `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center><hr><center>gateway</center></body></html>\n`;
}

/** The answer of a status fault (`500`, `502`, `503`, `504`, `429`); undefined for the others. */
export function faultAnswer(fault: Fault): FaultAnswer | undefined {
  const retryAfter = { 'retry-after': String(fault.retryAfterSeconds) };
  switch (fault.kind) {
    case '500':
      return { status: 500, headers: {}, contentType: JSON_TYPE, body: JSON.stringify(envelope(internalError())) };
    case '429': {
      const error = new AppError('rate_limited', `Too many requests: retry after ${fault.retryAfterSeconds} seconds.`);
      return { status: 429, headers: retryAfter, contentType: JSON_TYPE, body: JSON.stringify(envelope(error)) };
    }
    case '502':
      return { status: 502, headers: {}, contentType: HTML_TYPE, body: gatewayPage(502, 'Bad Gateway') };
    case '503':
      return { status: 503, headers: retryAfter, contentType: HTML_TYPE, body: gatewayPage(503, 'Service Temporarily Unavailable') };
    case '504':
      return { status: 504, headers: {}, contentType: HTML_TYPE, body: gatewayPage(504, 'Gateway Time-out') };
    default:
      return undefined;
  }
}
