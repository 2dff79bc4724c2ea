import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { startLocalService } from '../../electron/cli/local-service';
import { claimSingleInstance, focusWindow, quitAfterClosing, watchConnectivity } from '../../electron/main/app-lifecycle';
import { remoteServers } from '../tools/remote-harness';
import { makeTempDir } from '../helpers/temp-dir';
import { app, FakeBrowserWindow, FakeEvent, powerMonitor, resetFakeElectron } from './fake-electron';

beforeEach(() => resetFakeElectron());

describe('claimSingleInstance', () => {
  it('focuses the first window when the app is launched again', () => {
    const window = new FakeBrowserWindow({ width: 800, height: 600 });
    window.minimized = true;
    expect(claimSingleInstance(app as any, () => focusWindow(window as any))).toBe(true);
    app.emit('second-instance', {}, ['recruiter-desk'], '/home/someone');
    expect({ minimized: window.minimized, visible: window.visible, focused: window.focused }).toEqual({
      minimized: false,
      visible: true,
      focused: true,
    });
    expect(app.quitted).toBe(false);
  });

  it('quits a second instance that did not get the lock', () => {
    app.hasSingleInstanceLock = false;
    const onSecondInstance = vi.fn();
    expect(claimSingleInstance(app as any, onSecondInstance)).toBe(false);
    expect(app.quitted).toBe(true);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('quitAfterClosing', () => {
  it('holds the quit until close has finished, then quits once', async () => {
    let finishClosing: () => void = () => undefined;
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClosing = resolve)));
    const { closed, quitting } = quitAfterClosing(app as any, close, vi.fn());
    expect(quitting()).toBe(false);

    app.quit();
    app.quit();
    expect(app.quitted).toBe(false);
    expect(quitting()).toBe(true);
    expect(close).toHaveBeenCalledOnce();

    finishClosing();
    await closed;
    expect(app.quitted).toBe(true);
    expect(close).toHaveBeenCalledOnce();
  });

  it('closes nothing while a window can still cancel the quit, and closes once the windows are gone', async () => {
    const window = new FakeBrowserWindow({ width: 800, height: 600 });
    window.refusesUnload = true;
    window.webContents.on('will-prevent-unload', (event: FakeEvent) => {
      if (!window.refusesUnload) event.preventDefault();
    });
    const close = vi.fn(async () => undefined);
    const { closed } = quitAfterClosing(app as any, close, vi.fn());

    app.quit();
    expect(close).not.toHaveBeenCalled();
    expect(window.isDestroyed()).toBe(false);

    window.refusesUnload = false;
    app.quit();
    await closed;
    expect(close).toHaveBeenCalledOnce();
    expect(app.quitted).toBe(true);
  });

  it('still quits, and reports, when closing fails', async () => {
    const reportError = vi.fn();
    const { closed } = quitAfterClosing(app as any, () => Promise.reject(new Error('disk gone')), reportError);
    app.quit();
    await closed;
    expect(reportError).toHaveBeenCalledWith(new Error('disk gone'));
    expect(app.quitted).toBe(true);
  });

  describe('with the real local service', () => {
    const remotes = remoteServers();
    let temp: ReturnType<typeof makeTempDir>;
    beforeEach(() => {
      temp = makeTempDir();
    });
    afterEach(async () => {
      await remotes.closeAll();
      temp.remove();
    });

    function reopenAndCheck(): { integrity: string; candidates: number } {
      const db = new Database(join(temp.dir, DATABASE_FILE), { readonly: true });
      try {
        const integrity = db.pragma('integrity_check', { simple: true }) as string;
        const candidates = (db.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n;
        return { integrity, candidates };
      } finally {
        db.close();
      }
    }

    it('waits for a sync in progress, then closes the database cleanly', async () => {
      const remote = await remotes.start({ initialCandidates: 150, latencyMs: 150 });
      const service = await startLocalService({
        dataDir: temp.dir,
        port: 0,
        remote: { url: remote.server.url, token: remote.server.apiKey },
        reportError: (error) => {
          throw error;
        },
      });
      const scheduler = service.sync()?.scheduler;
      expect(scheduler).toBeDefined();
      await vi.waitFor(() => expect(scheduler?.running).toBe(true), { timeout: 5000 });

      const { closed } = quitAfterClosing(app as any, () => service.close(), vi.fn());
      app.quit();
      expect(app.quitted).toBe(false);
      await closed;

      expect(app.quitted).toBe(true);
      expect(scheduler?.running).toBe(false);
      expect(scheduler?.last).toBeDefined();
      expect(reopenAndCheck()).toMatchObject({ integrity: 'ok', candidates: 150 });
    });

    it('closes a store with local edits so it reopens intact, the WAL folded in', async () => {
      const service = await startLocalService({ dataDir: temp.dir, port: 0, reportError: vi.fn() });
      for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing']) {
        const response = await fetch(`${service.url}/api/v1/candidates`, {
          method: 'POST',
          headers: { authorization: `Bearer ${service.credentials.token()}`, 'content-type': 'application/json' },
          body: JSON.stringify({ full_name: name, email: `${name.split(' ')[0]?.toLowerCase()}@example.com` }),
        });
        expect(response.status).toBe(201);
      }
      const { closed } = quitAfterClosing(app as any, () => service.close(), vi.fn());
      app.quit();
      await closed;
      expect(app.quitted).toBe(true);
      expect(statSync(join(temp.dir, `${DATABASE_FILE}-wal`), { throwIfNoEntry: false })?.size ?? 0).toBe(0);
      expect(reopenAndCheck()).toEqual({ integrity: 'ok', candidates: 3 });
    });
  });
});

describe('watchConnectivity', () => {
  afterEach(() => vi.useRealTimers());

  it('asks for a sync when the machine comes back online, once per return', () => {
    vi.useFakeTimers();
    let online = true;
    const onReconnect = vi.fn();
    const stop = watchConnectivity({ powerMonitor: powerMonitor as any, isOnline: () => online, onReconnect, pollMs: 1000 });
    vi.advanceTimersByTime(3000);
    expect(onReconnect).not.toHaveBeenCalled();
    online = false;
    vi.advanceTimersByTime(3000);
    online = true;
    vi.advanceTimersByTime(3000);
    expect(onReconnect).toHaveBeenCalledOnce();
    stop();
    online = false;
    vi.advanceTimersByTime(1000);
    online = true;
    vi.advanceTimersByTime(1000);
    expect(onReconnect).toHaveBeenCalledOnce();
  });

  it('asks for a sync on waking from sleep and on unlock, when online', () => {
    let online = true;
    const onReconnect = vi.fn();
    const stop = watchConnectivity({ powerMonitor: powerMonitor as any, isOnline: () => online, onReconnect, pollMs: 60_000 });
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    expect(onReconnect).toHaveBeenCalledTimes(2);
    online = false;
    powerMonitor.emit('resume');
    expect(onReconnect).toHaveBeenCalledTimes(2);
    stop();
    online = true;
    powerMonitor.emit('resume');
    expect(onReconnect).toHaveBeenCalledTimes(2);
  });
});
