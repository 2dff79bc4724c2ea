import type { DesktopBridge } from '@shared/desktop-bridge';
import type { ApiClient } from './api-client';

declare global {
  interface Window {
    recruiterDesk?: DesktopBridge;
  }
}

/** Where the local API is and the token that opens it. */
export interface ApiConnection {
  baseUrl: string;
  token: string;
}

const SESSION_TOKEN_KEY = 'recruiter-desk.api-token';

/** The Electron preload's bridge, when the page runs inside the app. */
export function desktopBridge(): DesktopBridge | undefined {
  return window.recruiterDesk;
}

/**
 * In Electron the preload hands over the API's address and token. In a browser
 * the page is served by the API itself: `npm run serve` prints a URL with a
 * one-time `?code=`, which the page trades for the token (the code is then
 * spent) and keeps for this tab's session, the way Jupyter does. Returns
 * undefined when the user must paste the token.
 */
export function establishConnection(): Promise<ApiConnection | undefined> {
  // The code can be spent once per page load, and React (StrictMode in development) may ask twice.
  establishing ??= establish();
  return establishing;
}

let establishing: Promise<ApiConnection | undefined> | undefined;

async function establish(): Promise<ApiConnection | undefined> {
  const bridge = desktopBridge();
  if (bridge) return { baseUrl: bridge.apiBaseUrl, token: bridge.apiToken };

  const baseUrl = window.location.origin;
  const url = new URL(window.location.href);
  const code = url.searchParams.get('code');
  if (code) {
    // The code leaves the address bar (and history) whether or not it works.
    url.searchParams.delete('code');
    window.history.replaceState(null, '', url);
    const token = await exchangeOneTimeCode(baseUrl, code);
    if (token) {
      rememberSessionToken(token);
      return { baseUrl, token };
    }
  }
  const saved = sessionStorage.getItem(SESSION_TOKEN_KEY);
  return saved ? { baseUrl, token: saved } : undefined;
}

async function exchangeOneTimeCode(baseUrl: string, code: string): Promise<string | undefined> {
  const response = await fetch(`${baseUrl}/api/local/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { data?: { token?: unknown } };
  return typeof body.data?.token === 'string' ? body.data.token : undefined;
}

/** A cheap authenticated request, to learn whether the API takes `token`. */
function probeToken(baseUrl: string, token: string): Promise<Response> {
  return fetch(`${baseUrl}/api/local/sync`, { headers: { Authorization: `Bearer ${token}` } });
}

/**
 * Whether the API refuses the token `client` uses now; a network failure is
 * not a refusal. A 401 may answer a request sent with a token the client has
 * since replaced (regenerated elsewhere and pasted in here), so the token in
 * use is probed, and a refusal of one replaced meanwhile does not count.
 */
export async function tokenInUseIsRefused(client: Pick<ApiClient, 'connection'>): Promise<boolean> {
  const { baseUrl, token } = client.connection;
  try {
    return (await probeToken(baseUrl, token)).status === 401 && client.connection.token === token;
  } catch {
    return false;
  }
}

/** Checks a pasted token against the API and keeps it for the session when it opens it. */
export async function connectWithToken(token: string): Promise<ApiConnection | undefined> {
  const baseUrl = window.location.origin;
  if (!(await probeToken(baseUrl, token)).ok) return undefined;
  rememberSessionToken(token);
  return { baseUrl, token };
}

/** Keeps the token for this tab's session: after a one-time code, a pasted token, or a regeneration. */
export function rememberSessionToken(token: string): void {
  sessionStorage.setItem(SESSION_TOKEN_KEY, token);
}

export function forgetSessionToken(): void {
  sessionStorage.removeItem(SESSION_TOKEN_KEY);
}
