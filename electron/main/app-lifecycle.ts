import type { App, BrowserWindow, PowerMonitor } from 'electron';

/**
 * Takes the single-instance lock. The first instance gets `onSecondInstance`
 * whenever the app is launched again; a later one quits at once and returns false.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondInstance: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}

/** Brings a window to the front, from the dock or taskbar if need be. */
export function focusWindow(window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Quitting waits for `close` (a sync in flight, requests in flight, the
 * database checkpointed and closed). It starts on will-quit, once every window
 * has closed: before that a page with unsaved changes can still cancel the
 * quit (Stay), and must find the service running. The first will-quit is held
 * back, and the app quits for real once `close` has settled, whether or not it failed.
 * `quitting` says whether that has begun: the windows are gone and cannot come back.
 */
export function quitAfterClosing(
  app: Pick<App, 'on' | 'quit'>,
  close: () => Promise<void>,
  reportError: (error: unknown) => void,
): { closed: Promise<void>; quitting: () => boolean } {
  let state: 'running' | 'closing' | 'closed' = 'running';
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch(reportError)
      .finally(() => {
        state = 'closed';
        // On a later task: Electron ignores a quit asked for in the same task as the
        // will-quit it follows while the last window is still being removed (electron/electron#33643).
        setImmediate(() => {
          app.quit();
          markClosed();
        });
      });
  });
  return { closed, quitting: () => state !== 'running' };
}

export interface ConnectivityOptions {
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>;
  /** Electron's net.isOnline(): the OS's view, no page needed. */
  isOnline: () => boolean;
  onReconnect: () => void;
  /** How often to look; the OS sends no event main can listen to. */
  pollMs: number;
}

/**
 * Calls `onReconnect` when the machine comes back online and when it wakes
 * from sleep or its screen is unlocked: the moments a pending sync can run.
 * Returns a function that stops watching.
 */
export function watchConnectivity({ powerMonitor, isOnline, onReconnect, pollMs }: ConnectivityOptions): () => void {
  let online = isOnline();
  const poll = setInterval(() => {
    const now = isOnline();
    if (now && !online) onReconnect();
    online = now;
  }, pollMs);
  poll.unref();
  const onWake = () => {
    online = isOnline();
    if (online) onReconnect();
  };
  powerMonitor.on('resume', onWake);
  powerMonitor.on('unlock-screen', onWake);
  return () => {
    clearInterval(poll);
    powerMonitor.off('resume', onWake);
    powerMonitor.off('unlock-screen', onWake);
  };
}
