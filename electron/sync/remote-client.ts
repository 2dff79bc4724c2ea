import type { CandidateWithApplications } from '@shared/candidate-schema';
import { LIMITS } from '@shared/contract';
import { emailKey } from '@shared/field-rules';
import { ErrorEnvelopeSchema } from '@shared/errors';
import { request as httpRequest } from 'undici';
import { z } from 'zod';
import { ProxySettingsError, RemoteConnections, type SystemProxyLookup } from './remote-connections';
import { CandidateEmailPageSchema, type CandidateVersionPage, CandidateVersionPageSchema, RemoteCandidateSchema } from './remote-schemas';
import { askedWait, backoffDelay, isRetryableStatus } from './retry-policy';
import { Semaphore } from './semaphore';

export interface RemoteClientOptions {
  /** The server's origin, e.g. https://cloud.example.com; one ending in /api/v1 (with or without trailing slash) is accepted too. */
  remoteUrl: string;
  apiKey: string;
  /** At most this many requests in flight, across all methods (default 4). */
  concurrency?: number;
  /** Per attempt, body included (default 30 000). */
  timeoutMs?: number;
  /** Attempts per request, the first included (default 5). */
  maxAttempts?: number;
  /** Backoff before attempt n+1: full jitter below min(maxBackoffMs, backoffBaseMs * 2^(n-1)) (default 500). */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /**
   * The longest Retry-After waited out within a sync (default 300 000, the
   * sync interval): a longer one ends the request at once, never retried
   * sooner than asked, and a later sync asks again.
   */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Epoch milliseconds; turns a Retry-After HTTP date into a delay (default Date.now). */
  now?: () => number;
  /** The computer's proxy settings (the desktop app's); without them, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are followed. */
  systemProxy?: SystemProxyLookup;
  /**
   * Where a wait longer than maxRetryAfterMs is kept beyond this client: one
   * read at construction is waited out as if just asked, so a new process
   * (the next `npm run sync`, the app after a restart) does not ask again first.
   */
  pauseStore?: RemotePauseStore;
}

/** A wait the remote asked for: until when (epoch milliseconds), and the status that asked (429 or 503). */
export interface RemotePause {
  until: number;
  status: number;
}

export interface RemotePauseStore {
  read: () => RemotePause | undefined;
  write: (pause: RemotePause) => void;
}

export type RemoteFailure = { status: number; code: string; message: string; details: { path: string; message: string }[] };

export interface RemoteStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests that failed for good: unavailable after their retries (a RemoteUnavailableError), or refused the key (401). */
  errors: number;
}

export class RemoteAuthError extends Error {
  constructor() {
    super('The remote rejected the API key.');
    this.name = 'RemoteAuthError';
  }
}

/** Retries exhausted. Carries no cause: a transport error object is no place to trust with what a request held. */
export class RemoteUnavailableError extends Error {
  readonly attempts: number;
  /** The status of the last attempt, or null when it got no answer (timeout, dropped connection). */
  readonly lastStatus: number | null;

  constructor(message: string, attempts: number, lastStatus: number | null) {
    super(message);
    this.name = 'RemoteUnavailableError';
    this.attempts = attempts;
    this.lastStatus = lastStatus;
  }
}

/** The remote answered in a way the contract does not allow: a 2xx body off the schema, or an error where none is expected. */
export class RemoteProtocolError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'RemoteProtocolError';
    this.status = status;
  }
}

/** A 3xx: the remote URL names the wrong address. `advice` says where it points, for a recruiter. */
export class RemoteRedirectError extends RemoteProtocolError {
  readonly advice: string;

  constructor(message: string, status: number, advice: string) {
    super(message, status);
    this.name = 'RemoteRedirectError';
    this.advice = advice;
  }
}

const API_PATH = '/api/v1';

/** The base that '/api/v1/...' is appended to: the origin, plus any path a proxy mounts the API under. */
export function normalizeRemoteUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error('The remote URL is not a valid URL; expected an address such as https://cloud.example.com.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`The remote URL must start with https:// or http://, not ${parsed.protocol}//.`);
  }
  // Not echoed: a URL with credentials or a query may hold a secret.
  if (parsed.username !== '' || parsed.password !== '') throw new Error('The remote URL must not contain a user name or password; the API key is set separately.');
  if (parsed.search !== '' || parsed.hash !== '') throw new Error('The remote URL must not contain a query (?) or fragment (#).');
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path !== '' && !path.endsWith(API_PATH)) {
    throw new Error(`The remote URL must be the server's address (https://cloud.example.com) or end in ${API_PATH}.`);
  }
  return parsed.origin + path.slice(0, path.length - (path.endsWith(API_PATH) ? API_PATH.length : 0));
}

/** The error envelope with any code string: a remote newer than this app may use codes the app does not list. */
const RemoteErrorEnvelopeSchema = z.object({ error: ErrorEnvelopeSchema.shape.error.extend({ code: z.string() }) });
const CandidateEnvelopeSchema = z.object({ data: RemoteCandidateSchema });

interface RemoteRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** From /api/v1 on; also how the request is named in messages (never the base URL or headers). */
  path: string;
  /** Serialized once, before the first attempt: every retry sends the same bytes, and a body JSON cannot hold throws at once. */
  body?: string;
}

/** How one attempt ended. */
type Attempt =
  | { kind: 'answer'; status: number; text: string; location: string | null }
  /** `asked`: the wait its Retry-After asked for, or null. */
  | { kind: 'retryable-status'; status: number; asked: number | null }
  | { kind: 'timeout' }
  | { kind: 'network'; reason: string };

type Answer = Extract<Attempt, { kind: 'answer' }>;

const DEFAULTS = { concurrency: 4, timeoutMs: 30_000, maxAttempts: 5, backoffBaseMs: 500, maxBackoffMs: 30_000, maxRetryAfterMs: 300_000 };

/** How long the cloud may take to say whether it takes a key being saved. */
const KEY_CHECK_TIMEOUT_MS = 5_000;

/** What the cloud said of a key about to be saved. */
export type KeyCheck = { outcome: 'accepted' } | { outcome: 'rejected' } | { outcome: 'unreachable'; reason: string };

/**
 * Asks the cloud whether it takes this key (one list request: 401 is a
 * refusal). A cloud that cannot be reached cannot tell: `unreachable`, with
 * why, and the sync says later. Throws, as the client does, for a key that
 * cannot be sent at all, and with a RemoteRedirectError for a URL that answers
 * with a redirect.
 */
export async function checkKeyWithCloud(remoteUrl: string, apiKey: string, systemProxy?: SystemProxyLookup): Promise<KeyCheck> {
  const client = new RemoteClient({ remoteUrl, apiKey, maxAttempts: 1, timeoutMs: KEY_CHECK_TIMEOUT_MS, systemProxy });
  try {
    await client.listCandidateVersions(0, 1);
    return { outcome: 'accepted' };
  } catch (error) {
    // A redirect can tell: the URL is wrong, whatever the key.
    if (error instanceof RemoteRedirectError) throw error;
    if (error instanceof RemoteAuthError) return { outcome: 'rejected' };
    return { outcome: 'unreachable', reason: (error as Error).message };
  } finally {
    await client.close();
  }
}

export class RemoteClient {
  readonly stats: RemoteStats = { requests: 0, errors: 0 };

  private readonly baseUrl: string;
  private readonly apiKey: string;
  /** Its own connection pools: keep-alive connections to this remote, closed by close(). */
  private readonly connections: RemoteConnections;
  private readonly slots: Semaphore;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly backoff: { baseMs: number; maxMs: number; random: () => number };
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  /**
   * A wait the remote asked for (429 or 503 with Retry-After): it holds every
   * request of this client, not just the one answered, across syncs. `over`
   * is its one sleep, which every waiting request shares: started at the
   * answer when the answered request retries, else by the first to wait.
   */
  private pause: (RemotePause & { over?: Promise<void> }) | null = null;
  private readonly pauseStore: RemotePauseStore | undefined;
  /** Aborted by stop(): requests out end at once, and no retry waits. */
  private readonly stopping = new AbortController();
  private readonly stopped = new Promise<void>((resolve) => this.stopping.signal.addEventListener('abort', () => resolve(), { once: true }));

  constructor(options: RemoteClientOptions) {
    this.baseUrl = normalizeRemoteUrl(options.remoteUrl);
    this.apiKey = options.apiKey.trim();
    if (this.apiKey === '') throw new Error('The API key is empty.');
    // The HTTP client would reject a bad header value with an error that quotes it, key and all.
    if (!/^[\x21-\x7e]+$/.test(this.apiKey)) throw new Error('The API key contains characters that cannot be sent in an HTTP header.');
    this.slots = new Semaphore(positiveInteger('concurrency', options.concurrency ?? DEFAULTS.concurrency));
    this.timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULTS.timeoutMs);
    this.maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? DEFAULTS.maxAttempts);
    this.maxRetryAfterMs = nonNegative('maxRetryAfterMs', options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs);
    this.backoff = {
      baseMs: nonNegative('backoffBaseMs', options.backoffBaseMs ?? DEFAULTS.backoffBaseMs),
      maxMs: nonNegative('maxBackoffMs', options.maxBackoffMs ?? DEFAULTS.maxBackoffMs),
      random: options.random ?? Math.random,
    };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.pauseStore = options.pauseStore;
    const kept = this.pauseStore?.read();
    if (kept && kept.until > this.now()) this.pause = { until: kept.until, status: kept.status };
    this.connections = new RemoteConnections(this.baseUrl, { systemProxy: options.systemProxy, now: this.now });
  }

  /** One page of the newest-first list, as id and updated_at per row. */
  async listCandidateVersions(offset: number, limit: number): Promise<CandidateVersionPage> {
    const request: RemoteRequest = { method: 'GET', path: `${API_PATH}/candidates?limit=${limit}&offset=${offset}` };
    const answer = await this.send(request);
    if (!isSuccess(answer.status)) throw this.unexpectedStatus(request, answer);
    return this.parseBody(request, answer, CandidateVersionPageSchema);
  }

  async getCandidate(id: string): Promise<CandidateWithApplications | null> {
    const request: RemoteRequest = { method: 'GET', path: candidatePath(id) };
    const answer = await this.send(request);
    if (answer.status === 404) return null;
    if (!isSuccess(answer.status)) throw this.unexpectedStatus(request, answer);
    return this.parseBody(request, answer, CandidateEnvelopeSchema).data;
  }

  /**
   * The candidate the remote holds under this email (trimmed, any case), or
   * null. A read: the remote's search finds it among names and emails, then its
   * detail is fetched. Where a POST would make the candidate, this only looks.
   */
  async findCandidateByEmail(email: string): Promise<CandidateWithApplications | null> {
    const key = emailKey(email);
    const limit = LIMITS.pageSizeMax;
    // Stepped by the rows each page held: a remote may serve fewer than asked for.
    let offset = 0;
    for (;;) {
      const request: RemoteRequest = {
        method: 'GET',
        path: `${API_PATH}/candidates?search=${encodeURIComponent(email.trim())}&limit=${limit}&offset=${offset}`,
      };
      const answer = await this.send(request);
      if (!isSuccess(answer.status)) throw this.unexpectedStatus(request, answer);
      const page = this.parseBody(request, answer, CandidateEmailPageSchema);
      const match = page.data.find((row) => row.email !== null && emailKey(row.email) === key);
      if (match) return this.getCandidate(match.id);
      offset += page.data.length;
      if (page.data.length === 0 || offset >= page.meta.total) return null;
    }
  }

  /** Safe to retry: the remote matches a POST by email, so a repeat answers 200 with the candidate the first one made. */
  async createCandidate(
    body: Record<string, unknown>,
  ): Promise<{ created: boolean; candidate: CandidateWithApplications } | { failure: RemoteFailure }> {
    const request: RemoteRequest = { method: 'POST', path: `${API_PATH}/candidates`, body: JSON.stringify(body) };
    const answer = await this.send(request);
    if (!isSuccess(answer.status)) return { failure: this.failure(answer) };
    return { created: answer.status === 201, candidate: this.parseBody(request, answer, CandidateEnvelopeSchema).data };
  }

  /** Safe to retry: a PUT sets fields to values, so a repeat changes nothing more. */
  async updateCandidate(
    id: string,
    body: Record<string, unknown>,
  ): Promise<{ candidate: CandidateWithApplications } | { failure: RemoteFailure }> {
    const request: RemoteRequest = { method: 'PUT', path: candidatePath(id), body: JSON.stringify(body) };
    const answer = await this.send(request);
    if (!isSuccess(answer.status)) return { failure: this.failure(answer) };
    return { candidate: this.parseBody(request, answer, CandidateEnvelopeSchema).data };
  }

  /**
   * Ends every request in flight and every retry waiting, and refuses new
   * requests: Recruiter Desk is closing, or its cloud settings changed. The
   * sync stops as after any failed request, and its outbox keeps the rest.
   */
  stop(): void {
    this.stopping.abort();
  }

  /** Closes the kept-alive connections to the remote, once requests in flight have ended. */
  async close(): Promise<void> {
    await this.connections.close();
  }

  /** Attempts until an answer that is not worth retrying, or until maxAttempts. */
  private async send(request: RemoteRequest): Promise<Answer> {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attemptOutsidePause(request, attempt);
      if (this.stopping.signal.aborted) throw this.stoppedError(request, attempt);
      if (outcome.kind === 'answer') {
        if (outcome.status === 401) {
          this.stats.errors += 1;
          throw new RemoteAuthError();
        }
        return outcome;
      }
      if (attempt >= this.maxAttempts) {
        this.stats.errors += 1;
        const tries = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
        throw new RemoteUnavailableError(
          this.redact(`The remote ${this.describe(outcome)} after ${tries}: ${request.method} ${request.path}`),
          attempt,
          outcome.kind === 'retryable-status' ? outcome.status : null,
        );
      }
      if (outcome.kind === 'retryable-status' && outcome.asked !== null) {
        if (outcome.asked > this.maxRetryAfterMs) {
          this.stats.errors += 1;
          throw new RemoteUnavailableError(
            this.redact(
              `The remote answered ${outcome.status} and asked to wait ${formatDuration(outcome.asked)} before trying again: ${request.method} ${request.path}`,
            ),
            attempt,
            outcome.status,
          );
        }
        // The next attempt waits the pause out, with every other request.
        continue;
      }
      // Sleeping outside the semaphore: a request waiting to retry does not hold a slot others could use.
      await Promise.race([this.sleep(backoffDelay(attempt, this.backoff)), this.stopped]);
      if (this.stopping.signal.aborted) throw this.stoppedError(request, attempt);
    }
  }

  /**
   * Holds every request until `ms` from now, unless a pause already lasts
   * longer. `waitNow`: the answered request will wait it out, so the sleep
   * starts at the answer, exactly as long as asked. One longer than a sync
   * waits is kept in the pause store.
   */
  private pauseFor(ms: number, status: number, waitNow: boolean): void {
    const until = this.now() + ms;
    if (this.pause !== null && until <= this.pause.until) return;
    this.pause = { until, status, ...(waitNow ? { over: this.sleep(ms) } : {}) };
    if (ms > this.maxRetryAfterMs) this.pauseStore?.write({ until, status });
  }

  /**
   * One attempt, sent once any pause the remote asked for is over. A request
   * that was waiting for a slot when a pause began goes back to wait it out,
   * so none goes out during one.
   */
  private async attemptOutsidePause(request: RemoteRequest, attempt: number): Promise<Attempt> {
    for (;;) {
      await this.untilPauseOver(request, attempt - 1);
      const outcome = await this.slots.run(async () => (this.pause === null ? this.attempt(request, attempt >= this.maxAttempts) : null));
      if (outcome !== null) return outcome;
    }
  }

  private async untilPauseOver(request: RemoteRequest, attemptsSoFar: number): Promise<void> {
    const pause = this.pause;
    if (pause === null) return;
    const left = Math.max(0, pause.until - this.now());
    if (left > this.maxRetryAfterMs) {
      // Longer than a sync waits: this sync ends without sending anything, and a later one asks again once it is over.
      this.stats.errors += 1;
      throw new RemoteUnavailableError(
        this.redact(`The remote asked to wait ${formatDuration(left)} before the next request (it answered ${pause.status}): ${request.method} ${request.path}`),
        attemptsSoFar,
        pause.status,
      );
    }
    pause.over ??= this.sleep(left);
    await Promise.race([pause.over, this.stopped]);
    if (this.stopping.signal.aborted) throw this.stoppedError(request, attemptsSoFar);
    if (this.pause === pause) this.pause = null;
  }

  private stoppedError(request: RemoteRequest, attempts: number): RemoteUnavailableError {
    this.stats.errors += 1;
    return new RemoteUnavailableError(`The sync was stopped before the remote answered: ${request.method} ${request.path}`, attempts, null);
  }

  /** One HTTP request. The timeout covers the body too: a remote can send headers and then stall. */
  private async attempt(request: RemoteRequest, last: boolean): Promise<Attempt> {
    this.stats.requests += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      const url = this.baseUrl + request.path;
      const signal = AbortSignal.any([controller.signal, this.stopping.signal]);
      // undici's request rather than fetch: the same client without the WHATWG Request,
      // Response and stream objects around every call, which cost the sync about a
      // millisecond of CPU per request. Redirects are not followed, as fetch would.
      const response = await httpRequest(url, {
        method: request.method,
        headers,
        body: request.body,
        signal,
        dispatcher: await untilAborted(this.connections.dispatcherFor(url), signal),
      });
      if (isRetryableStatus(response.statusCode)) {
        // The body is not needed; destroying it frees the connection without waiting for a
        // slow proxy page. Destroying makes the stream emit an abort error, expected here.
        response.body.on('error', () => undefined).destroy();
        const status = response.statusCode;
        const asked = askedWait({ status, retryAfter: headerValue(response.headers['retry-after']) }, this.now());
        // Set while this request still holds its slot: the request given the slot next must see the pause.
        // A last attempt, or a wait longer than a sync waits, starts no sleep: nothing may be waiting for it.
        if (asked !== null) this.pauseFor(asked, status, !last && asked <= this.maxRetryAfterMs);
        return { kind: 'retryable-status', status, asked };
      }
      return { kind: 'answer', status: response.statusCode, text: await response.body.text(), location: headerValue(response.headers.location) };
    } catch (error) {
      this.connections.forgetRoute();
      if (controller.signal.aborted) return { kind: 'timeout' };
      return { kind: 'network', reason: networkReason(error, this.connections.proxySource) };
    } finally {
      clearTimeout(timer);
    }
  }

  private describe(outcome: Exclude<Attempt, Answer>): string {
    switch (outcome.kind) {
      case 'timeout':
        return `did not answer (timeout after ${formatDuration(this.timeoutMs)})`;
      case 'network':
        return outcome.reason;
      case 'retryable-status':
        return outcome.status === 429 ? 'kept rate limiting (429)' : `answered ${outcome.status}`;
    }
  }

  private parseBody<T>(request: RemoteRequest, answer: Answer, schema: z.ZodType<T>): T {
    const name = `${request.method} ${request.path}`;
    const json = parseJson(answer.text);
    if (json === undefined) throw new RemoteProtocolError(`The remote answered ${name} with ${answer.status} and a body that is not JSON.`, answer.status);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
      const more = parsed.error.issues.length > 3 ? `; and ${parsed.error.issues.length - 3} more` : '';
      throw new RemoteProtocolError(
        this.redact(`The remote answered ${name} with ${answer.status} and a body that does not match the contract (${issues.join('; ')}${more}).`),
        answer.status,
      );
    }
    return parsed.data;
  }

  /** A non-2xx answer as a value. Its text comes from the remote, so it is redacted like everything else. */
  private failure(answer: Answer): RemoteFailure {
    if (isRedirect(answer.status)) {
      return { status: answer.status, code: `http_${answer.status}`, message: this.redact(redirectMessage(this.baseUrl, answer.location)), details: [] };
    }
    const parsed = RemoteErrorEnvelopeSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      return { status: answer.status, code: `http_${answer.status}`, message: `The remote answered ${answer.status} without an error envelope.`, details: [] };
    }
    const { code, message, details = [] } = parsed.data.error;
    return {
      status: answer.status,
      code,
      message: this.redact(message),
      details: details.map((detail) => ({ path: this.redact(detail.path), message: this.redact(detail.message) })),
    };
  }

  private unexpectedStatus(request: RemoteRequest, answer: Answer): RemoteProtocolError {
    const failure = this.failure(answer);
    if (isRedirect(answer.status)) {
      return new RemoteRedirectError(
        `The remote answered ${request.method} ${request.path} with ${answer.status} ${failure.code}: ${failure.message}`,
        answer.status,
        failure.message,
      );
    }
    const hint = answer.status === 404 ? ' Is the remote URL right?' : '';
    return new RemoteProtocolError(
      `The remote answered ${request.method} ${request.path} with ${answer.status} ${failure.code}: ${failure.message}${hint}`,
      answer.status,
    );
  }

  /** Whatever a message quotes (remote text, transport errors), the key must not reach a log through it. */
  private redact(text: string): string {
    return text.split(this.apiKey).join('[redacted]');
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function candidatePath(id: string): string {
  return `${API_PATH}/candidates/${encodeURIComponent(id)}`;
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/**
 * Redirects are not followed: the key would go to whatever address the
 * answer names. Most often it is http:// sent on to https://, which the
 * recruiter fixes by setting the URL it points to.
 */
function redirectMessage(baseUrl: string, location: string | null): string {
  if (location === null) return 'The remote answered with a redirect and no address to go to; redirects are not followed. Is the remote URL right?';
  let target: URL;
  try {
    target = new URL(location, baseUrl);
  } catch {
    return `The remote redirects to "${location}", which is not an address; redirects are not followed. Is the remote URL right?`;
  }
  return (
    `The remote redirects to ${target.href}; redirects are not followed, so that the key goes only to the remote URL set. ` +
    `If ${target.origin} is your cloud, set the remote URL to it.`
  );
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What a transport failure says about the remote, from the error code undici or the socket reports. */
function networkReason(error: unknown, proxySource: RemoteConnections['proxySource']): string {
  if (error instanceof ProxySettingsError) return `could not be reached (${error.message})`;
  const proxyStatus = proxyTunnelStatus(error);
  if (proxyStatus === 407) {
    return proxySource === 'environment'
      ? 'could not be reached (the proxy answered 407: it wants a user name and password, in its URL as http://user:password@host:port)'
      : "could not be reached (the proxy in this computer's settings answered 407: it wants a user name and password, which the sync cannot give it; " +
          "ask your IT team to let the cloud's address through without one)";
  }
  if (proxyStatus !== undefined) return `could not be reached (the proxy answered ${proxyStatus} instead of connecting)`;
  const code = errorCode(error);
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return `dropped the connection (${code})`;
    case 'ECONNREFUSED':
      return 'refused the connection (ECONNREFUSED)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not be found (${code})`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      // Most often a network that inspects TLS with its own certificate authority.
      return (
        `could not be trusted (${code}: its TLS certificate is not signed by an authority this computer trusts; ` +
        "where your organisation inspects TLS, the desktop app trusts its authority once it is installed in the computer's certificates, " +
        'and npm run serve and sync trust its certificate file named in NODE_EXTRA_CA_CERTS)'
      );
    case 'CERT_HAS_EXPIRED':
      return `could not be trusted (${code}: its TLS certificate has expired)`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `could not be trusted (${code}: its TLS certificate is for another name; is the remote URL right?)`;
    case undefined:
      return `could not be reached (${error instanceof Error ? error.message : 'network error'})`;
    default:
      return `could not be reached (${code})`;
  }
}

/** The status a proxy refused a CONNECT with: undici says so only in its message. */
function proxyTunnelStatus(error: unknown): number | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const match = /^Proxy response \((\d{3})\)/.exec(current.message);
    if (match) return Number(match[1]);
    current = current.cause;
  }
  return undefined;
}

/** Rejects as soon as `signal` aborts: the proxy settings may wait on a PAC file that does not come. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A socket error may come wrapped in `cause`; a connection tried on several addresses nests an AggregateError. */
function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Object && depth < 4; depth += 1) {
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') return code;
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return undefined;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`RemoteClient option ${name} must be a whole number of at least 1, not ${value}.`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`RemoteClient option ${name} must be 0 or more, not ${value}.`);
  return value;
}
