import { describe, expect, it, vi } from 'vitest';
import {
  contentSecurityPolicy,
  guardWebContents,
  installContentSecurityPolicy,
  installPermissionPolicy,
  isSameOrigin,
  navigationGuard,
  secureWebPreferences,
  windowOpenHandler,
  withContentSecurityPolicy,
} from '../../electron/main/window-security';
import { FakeEvent, FakeWebContents, resetFakeElectron, session } from './fake-electron';

const API_ORIGIN = 'http://127.0.0.1:4319';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('lets the page connect to exactly the local API and load only its own scripts', () => {
    const policy = directives(contentSecurityPolicy(API_ORIGIN));
    expect(policy.get('connect-src')).toBe(API_ORIGIN);
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(policy.get('img-src')).toBe("'self' data:");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
  });

  it('follows the port the API actually got', () => {
    expect(directives(contentSecurityPolicy('http://127.0.0.1:51234')).get('connect-src')).toBe('http://127.0.0.1:51234');
  });

  it("replaces a server's own policy whatever its casing, keeping the other headers", () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["connect-src 'self'"], 'Content-Type': ['text/html'] },
      'default-src none',
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['default-src none'] });
  });

  it('is put on every response through webRequest', () => {
    resetFakeElectron();
    const fakeSession = session.defaultSession;
    installContentSecurityPolicy(fakeSession as any, contentSecurityPolicy(API_ORIGIN));
    const callback = vi.fn();
    fakeSession.headersListener?.({ url: `${API_ORIGIN}/`, responseHeaders: { 'Content-Security-Policy': ["default-src *"] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy(API_ORIGIN)] } });
  });
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page, with no Node and no webviews', () => {
    const preferences = secureWebPreferences({ preloadPath: '/app/out/preload/index.js', isPackaged: true });
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('allows devtools only in development', () => {
    expect(secureWebPreferences({ preloadPath: 'p', isPackaged: false }).devTools).toBe(true);
  });
});

describe('isSameOrigin', () => {
  it('compares scheme, host and port', () => {
    expect(isSameOrigin(`${API_ORIGIN}/candidates?id=1`, API_ORIGIN)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:4320/', API_ORIGIN)).toBe(false);
    expect(isSameOrigin('http://localhost:4319/', API_ORIGIN)).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:4319/', API_ORIGIN)).toBe(false);
    expect(isSameOrigin('file:///etc/passwd', 'file:///')).toBe(false);
    expect(isSameOrigin('not a url', API_ORIGIN)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('lets the page move within its own origin', () => {
    const openExternal = vi.fn(async () => undefined);
    const event = new FakeEvent();
    navigationGuard(API_ORIGIN, openExternal, vi.fn())(event, `${API_ORIGIN}/index.html#/candidates`);
    expect(event.defaultPrevented).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks navigation away, sending web links to the system browser and dropping the rest', () => {
    const openExternal = vi.fn(async () => undefined);
    const guard = navigationGuard(API_ORIGIN, openExternal, vi.fn());
    for (const url of ['https://www.linkedin.com/in/someone', 'file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@example.com']) {
      const event = new FakeEvent();
      guard(event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(openExternal.mock.calls).toEqual([['https://www.linkedin.com/in/someone']]);
  });

  it('denies every window.open, opening only http(s) URLs externally', () => {
    const openExternal = vi.fn(async () => undefined);
    const handler = windowOpenHandler(openExternal, vi.fn());
    expect(handler({ url: 'https://example.com/job' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///tmp/x.html' })).toEqual({ action: 'deny' });
    expect(handler({ url: `${API_ORIGIN}/popup` })).toEqual({ action: 'deny' });
    expect(handler({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/job'], ['http://example.com/'], [`${API_ORIGIN}/popup`]]);
  });

  it('reports a failed external open instead of throwing', async () => {
    const reportError = vi.fn();
    windowOpenHandler(() => Promise.reject(new Error('no browser')), reportError)({ url: 'https://example.com' });
    await vi.waitFor(() => expect(reportError).toHaveBeenCalledWith(new Error('no browser')));
  });

  it('guards navigation, redirects, webviews and window.open on a window', () => {
    const contents = new FakeWebContents();
    const openExternal = vi.fn(async () => undefined);
    guardWebContents(contents as any, { appOrigin: API_ORIGIN, openExternal, reportError: vi.fn() });

    const navigation = new FakeEvent();
    contents.emit('will-navigate', navigation, 'https://evil.example/');
    const redirect = new FakeEvent();
    contents.emit('will-redirect', redirect, 'http://192.168.0.1/');
    const webview = new FakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    const inside = new FakeEvent();
    contents.emit('will-navigate', inside, `${API_ORIGIN}/`);

    expect([navigation.defaultPrevented, redirect.defaultPrevented, webview.defaultPrevented, inside.defaultPrevented]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });
});

describe('installPermissionPolicy', () => {
  it('refuses every permission request and check', () => {
    resetFakeElectron();
    const fakeSession = session.defaultSession;
    installPermissionPolicy(fakeSession as any, API_ORIGIN);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'unknown']) {
      const callback = vi.fn();
      fakeSession.permissionRequestHandler?.({}, permission, callback, { requestingUrl: `${API_ORIGIN}/` });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(fakeSession.permissionCheckHandler?.({}, permission, API_ORIGIN), permission).toBe(false);
    }
  });

  it('lets only the app itself write to the clipboard', () => {
    resetFakeElectron();
    const fakeSession = session.defaultSession;
    installPermissionPolicy(fakeSession as any, API_ORIGIN);
    const request = (requestingUrl: string) => {
      const callback = vi.fn();
      fakeSession.permissionRequestHandler?.({}, 'clipboard-sanitized-write', callback, { requestingUrl });
      return callback.mock.calls[0]?.[0];
    };
    expect(request(`${API_ORIGIN}/`)).toBe(true);
    expect(request('https://evil.example/')).toBe(false);
    expect(fakeSession.permissionCheckHandler?.({}, 'clipboard-sanitized-write', API_ORIGIN)).toBe(true);
    expect(fakeSession.permissionCheckHandler?.({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});
