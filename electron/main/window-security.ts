import type { Event, HandlerDetails, OnHeadersReceivedListenerDetails, Session, WebContents, WebPreferences } from 'electron';

/**
 * The page may run its own scripts, talk to the local API (e.g.
 * http://127.0.0.1:4319, which also serves the page) and nothing else.
 */
export function contentSecurityPolicy(apiOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React's style={...} props are inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${apiOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every response gets our policy; one the server sent (any casing) is replaced, never merged. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}

/** Same scheme, host and port. */
export function isSameOrigin(url: string, origin: string): boolean {
  if (!URL.canParse(url) || !URL.canParse(origin)) return false;
  const a = new URL(url);
  return a.origin !== 'null' && a.origin === new URL(origin).origin;
}

export function isWebUrl(url: string): boolean {
  return URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
}

export interface SecureWebPreferencesOptions {
  preloadPath: string;
  isPackaged: boolean;
}

/** The renderer is an ordinary, sandboxed web page; the preload's bridge is its only way out. */
export function secureWebPreferences({ preloadPath, isPackaged }: SecureWebPreferencesOptions): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: !isPackaged,
  };
}

type OpenExternal = (url: string) => Promise<void>;

/** For will-navigate and will-redirect: stay on the app's origin; a web link goes to the system browser. */
export function navigationGuard(appOrigin: string, openExternal: OpenExternal, reportError: (error: unknown) => void) {
  return (event: Pick<Event, 'preventDefault'>, url: string): void => {
    if (isSameOrigin(url, appOrigin)) return;
    event.preventDefault();
    if (isWebUrl(url)) openExternal(url).catch(reportError);
  };
}

/** window.open and target=_blank never make a window: http(s) goes to the system browser, the rest nowhere. */
export function windowOpenHandler(openExternal: OpenExternal, reportError: (error: unknown) => void) {
  return ({ url }: Pick<HandlerDetails, 'url'>): { action: 'deny' } => {
    if (isWebUrl(url)) openExternal(url).catch(reportError);
    return { action: 'deny' };
  };
}

/** The one permission the page needs: writing text to the clipboard (Settings' copy buttons). */
const PERMISSIONS_FOR_THE_APP: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Camera, notifications, geolocation, clipboard reads…: every request and check
 * is refused, but for clipboard writes from the app's own origin.
 */
export function installPermissionPolicy(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  appOrigin: string,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(PERMISSIONS_FOR_THE_APP.has(permission) && isSameOrigin(details.requestingUrl, appOrigin));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    return PERMISSIONS_FOR_THE_APP.has(permission) && isSameOrigin(requestingOrigin, appOrigin);
  });
}

export function installContentSecurityPolicy(session: Pick<Session, 'webRequest'>, policy: string): void {
  session.webRequest.onHeadersReceived((details: OnHeadersReceivedListenerDetails, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}

export interface GuardWebContentsOptions {
  appOrigin: string;
  openExternal: OpenExternal;
  reportError: (error: unknown) => void;
}

/** Navigation, redirects, new windows and <webview> for one window's contents. */
export function guardWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, options: GuardWebContentsOptions): void {
  const guard = navigationGuard(options.appOrigin, options.openExternal, options.reportError);
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(options.openExternal, options.reportError));
}
