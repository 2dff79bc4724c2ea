import type { ErrorCode, ErrorDetail } from '@shared/errors';
import type { ApiConnection } from './api-connection';

/** An answer in the API's error envelope, or a network failure (`code: 'network_error'`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network_error';
  readonly details: ErrorDetail[];

  constructor(status: number, code: ErrorCode | 'network_error', message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The error's message with what the API said of each offending field, for a banner. */
export function messageWithDetails(error: unknown): string {
  const message = (error as Error).message;
  if (!(error instanceof ApiError) || error.details.length === 0) return message;
  return `${message} (${error.details.map((detail) => detail.message).join('; ')})`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Query parameters; undefined and '' values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON unless it is a Blob or Uint8Array (sent as bytes). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClient {
  readonly connection: ApiConnection;
  /** Goes on with a new token (the old one was regenerated elsewhere), so every screen keeps its state. */
  switchToken: (token: string) => void;
  /** The parsed JSON body of a 2xx answer; throws ApiError otherwise. */
  request: <T>(path: string, options?: RequestOptions) => Promise<{ status: number; body: T; headers: Headers }>;
  /** The raw response of a 2xx answer (CSV, files); throws ApiError otherwise. */
  requestRaw: (path: string, options?: RequestOptions) => Promise<Response>;
}

export interface ApiClientOptions {
  /** Called when the API refuses the token (regenerated elsewhere, say): the connection is no longer any use. */
  onUnauthorized?: () => void;
}

export function createApiClient(initial: ApiConnection, clientOptions: ApiClientOptions = {}): ApiClient {
  let connection = initial;
  const requestRaw = async (path: string, options: RequestOptions = {}): Promise<Response> => {
    const url = new URL(path, connection.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${connection.token}`, ...options.headers };
    let body: BodyInit | undefined;
    if (options.body instanceof Blob || options.body instanceof Uint8Array) {
      body = options.body as BodyInit;
      headers['Content-Type'] ??= 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, { method: options.method ?? 'GET', headers, body, signal: options.signal ?? null });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'network_error', 'The local API did not answer. Is Recruiter Desk still running?');
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (error.code === 'unauthorized') clientOptions.onUnauthorized?.();
      throw error;
    }
    return response;
  };

  return {
    get connection() {
      return connection;
    },
    switchToken: (token) => {
      connection = { ...connection, token };
    },
    requestRaw,
    request: async <T>(path: string, options?: RequestOptions) => {
      const response = await requestRaw(path, options);
      return { status: response.status, body: (await response.json()) as T, headers: response.headers };
    },
  };
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  try {
    const envelope = (await response.json()) as { error?: { code?: ErrorCode; message?: string; details?: ErrorDetail[] } };
    if (envelope.error?.code && envelope.error.message) {
      return new ApiError(response.status, envelope.error.code, envelope.error.message, envelope.error.details ?? []);
    }
  } catch {
    // Not an envelope: fall through to a generic message.
  }
  return new ApiError(response.status, 'internal_error', `The local API answered ${response.status}.`);
}
