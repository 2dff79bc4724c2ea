import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { IPC_CHANNELS } from '@shared/desktop-bridge';
import packageJson from '../../package.json';
import { DATABASE_FILE } from '../../electron/cli/data-dir';
import { type DesktopApp, isPortFree, runDesktopApp } from '../../electron/main/desktop-app';
import { electronNativeBindingPath } from '../../electron/main/native-binding';
import { contentSecurityPolicy } from '../../electron/main/window-security';
import { makeTempDir } from '../helpers/temp-dir';
import { startHttpProxy } from '../helpers/test-proxies';
import { remoteServers } from '../tools/remote-harness';
import { app, BrowserWindow, dialog, FakeEvent, ipcMain, Menu, powerMonitor, resetFakeElectron, safeStorage, session } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('the desktop app', () => {
  const remotes = remoteServers();
  let userData: ReturnType<typeof makeTempDir>;
  let appRoot: ReturnType<typeof makeTempDir>;
  let desktop: DesktopApp | undefined;

  beforeEach(() => {
    resetFakeElectron();
    userData = makeTempDir('recruiter-desk-userdata-');
    appRoot = makeTempDir('recruiter-desk-approot-');
    app.userData = userData.dir;
    app.appPath = appRoot.dir;
    // Under vitest the "Electron-ABI" build is Node's own: what matters is that
    // the database is opened from the path main computes, not from node_modules.
    const binding = electronNativeBindingPath({ isPackaged: false, appPath: appRoot.dir, resourcesPath: '', platform: process.platform, arch: process.arch });
    mkdirSync(join(binding, '..'), { recursive: true });
    copyFileSync(join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
  });

  afterEach(async () => {
    if (desktop && !app.quitted) {
      app.quit();
      await desktop.closed;
    }
    desktop = undefined;
    await remotes.closeAll();
    userData.remove();
    appRoot.remove();
  });

  async function start(): Promise<DesktopApp> {
    const running = runDesktopApp();
    app.becomeReady();
    const started = await running;
    if (!started) throw new Error(`the app did not start: ${JSON.stringify(dialog.showErrorBox.mock.calls)}`);
    desktop = started;
    return started;
  }

  const onlyWindow = () => {
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    return BrowserWindow.getAllWindows()[0]!;
  };

  it('quits at once, starting nothing, when another instance holds the lock', async () => {
    app.hasSingleInstanceLock = false;
    const running = runDesktopApp();
    app.becomeReady();
    await expect(running).resolves.toBeUndefined();
    expect(app.quitted).toBe(true);
    expect(BrowserWindow.getAllWindows()).toEqual([]);
    expect(existsSync(join(userData.dir, DATABASE_FILE))).toBe(false);
  });

  it("gives its windows, on Windows, the AppUserModelID the installer's shortcuts carry", async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'win32' });
    try {
      app.hasSingleInstanceLock = false;
      await runDesktopApp();
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(app.appUserModelId).toBe(parse(readFileSync('electron-builder.yml', 'utf8')).appId);
  });

  it('serves the store from userData and opens one secure window on it', async () => {
    const { service } = await start();
    expect(existsSync(join(userData.dir, DATABASE_FILE))).toBe(true);
    const window = onlyWindow();
    expect(window.loadedUrl).toBe(`${service.url}/`);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: true,
    });
    expect(window.options.webPreferences.preload).toMatch(/preload[/\\]index\.js$/);
    expect(window.options.show).toBe(false);
    expect(app.sandboxEnabled).toBe(true);

    const health = await fetch(`${service.url}/api/local/health`);
    expect(health.status).toBe(200);
  });

  it('puts the CSP for the API it started on every response, and denies permissions', async () => {
    const { service } = await start();
    const callback = vi.fn();
    session.defaultSession.headersListener?.({ url: `${service.url}/`, responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy(service.url)] } });
    const permission = vi.fn();
    session.defaultSession.permissionRequestHandler?.({}, 'media', permission, { requestingUrl: `${service.url}/` });
    expect(permission).toHaveBeenCalledWith(false);
  });

  it("hands the app's page its bridge configuration, and a foreign page nothing", async () => {
    const { service } = await start();
    const window = onlyWindow();
    const fromWindow = Object.assign(new FakeEvent(), { senderFrame: window.webContents.mainFrame, sender: window.webContents });
    expect(ipcMain.sendSync(IPC_CHANNELS.bridgeConfig, fromWindow)).toEqual({
      apiBaseUrl: service.url,
      apiToken: readFileSync(service.tokenFile, 'utf8').trim(),
      appVersion: packageJson.version,
    });
    const foreign = Object.assign(new FakeEvent(), { senderFrame: { url: 'https://evil.example/', parent: null }, sender: window.webContents });
    expect(ipcMain.sendSync(IPC_CHANNELS.bridgeConfig, foreign)).toBeNull();
  });

  async function setCloud(service: DesktopApp['service'], remoteUrl: string, apiKey: string) {
    return fetch(`${service.url}/api/local/remote`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${service.credentials.token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ remote_url: remoteUrl, api_key: apiKey }),
    });
  }
  const filesHolding = (text: string) =>
    readdirSync(userData.dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && readFileSync(join(entry.parentPath, entry.name)).includes(Buffer.from(text)))
      .map((entry) => entry.name);

  it('keeps the cloud key set in Settings encrypted by safeStorage, never in remote.json', async () => {
    const remote = await remotes.start();
    const { service } = await start();
    const response = await setCloud(service, remote.server.url, remote.server.apiKey);
    expect(response.status).toBe(200);
    expect(existsSync(join(userData.dir, 'remote-settings.enc'))).toBe(true);
    expect(existsSync(join(userData.dir, 'remote.json'))).toBe(false);
    expect(filesHolding(remote.server.apiKey)).toEqual([]);
  });

  it("reaches the cloud through the proxy the computer's settings name", async () => {
    const remote = await remotes.start();
    const proxy = await startHttpProxy();
    try {
      const { service } = await start();
      session.defaultSession.resolveProxy.mockResolvedValue(`PROXY ${proxy.address}; DIRECT`);
      const port = new URL(remote.server.url).port;
      const response = await setCloud(service, `http://cloud.example:${port}`, remote.server.apiKey);
      expect(response.status).toBe(200);
      expect(session.defaultSession.resolveProxy).toHaveBeenCalledWith(`http://cloud.example:${port}/api/v1/candidates?limit=1&offset=0`);
      expect(proxy.tunnels[0]).toBe(`cloud.example:${port}`);
      app.quit();
      await desktop?.closed;
    } finally {
      await proxy.stop();
    }
  });

  it('refuses to set the cloud when there is no keychain, and says why', async () => {
    safeStorage.available = false;
    const { service } = await start();
    const response = await setCloud(service, 'https://cloud.example.com', 'sk_live_never-on-disk-1234567890');
    expect(response.status).toBe(503);
    expect(((await response.json()) as any).error.message).toMatch(/not saved: the system keychain is not available.*never stores the key unencrypted/);
    expect(filesHolding('sk_live_never-on-disk')).toEqual([]);
  });

  it("keeps the window on the app's origin", async () => {
    await start();
    const window = onlyWindow();
    const away = new FakeEvent();
    window.webContents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.defaultPrevented).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  const menuItem = (label: string) =>
    (Menu.applicationMenu?.template as any[]).flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : [])).find((item) => item.label === label);

  it('sends menu commands to the window', async () => {
    await start();
    menuItem('Sync Now').click();
    expect(onlyWindow().webContents.sent).toEqual([[IPC_CHANNELS.menuCommand, 'sync-now']]);
  });

  it('brings a minimized window up for a menu command', async () => {
    await start();
    const window = onlyWindow();
    window.minimized = true;
    menuItem('Sync Now').click();
    expect(window.minimized).toBe(false);
    expect(window.webContents.sent).toEqual([[IPC_CHANNELS.menuCommand, 'sync-now']]);
  });

  it('opens a window for a menu command when none is open (macOS), and sends it once the page has loaded', async () => {
    const { service } = await start();
    onlyWindow().close();
    menuItem('New Candidate').click();
    const window = onlyWindow();
    expect(window.loadedUrl).toBe(`${service.url}/`);
    expect(window.webContents.sent).toEqual([]);
    window.webContents.emit('did-finish-load');
    expect(window.webContents.sent).toEqual([[IPC_CHANNELS.menuCommand, 'new-candidate']]);
  });

  it('shows the window even when its page fails to load', async () => {
    BrowserWindow.failNextLoad = new Error('ERR_CONNECTION_REFUSED (-102) loading http://127.0.0.1:4319/');
    await start();
    const window = onlyWindow();
    await vi.waitFor(() => expect([window.visible, window.focused]).toEqual([true, true]));
  });

  it('asks before closing over unsaved changes: Stay keeps the page, Leave lets it go', async () => {
    await start();
    const window = onlyWindow();
    const stay = new FakeEvent();
    window.webContents.emit('will-prevent-unload', stay);
    expect(dialog.showMessageBoxSync).toHaveBeenCalledWith(window, expect.objectContaining({ buttons: ['Leave', 'Stay'], cancelId: 1 }));
    expect(stay.defaultPrevented).toBe(false);

    dialog.showMessageBoxSync.mockReturnValueOnce(0);
    const leave = new FakeEvent();
    window.webContents.emit('will-prevent-unload', leave);
    expect(leave.defaultPrevented).toBe(true);
  });

  it('brings a minimized window up before asking about its unsaved changes', async () => {
    await start();
    const window = onlyWindow();
    window.minimized = true;
    window.visible = false;
    const shownWhenAsked: boolean[] = [];
    dialog.showMessageBoxSync.mockImplementationOnce(() => {
      shownWhenAsked.push(!window.minimized && window.visible);
      return 1;
    });
    window.webContents.emit('will-prevent-unload', new FakeEvent());
    expect(shownWhenAsked).toEqual([true]);
  });

  it('keeps serving when the recruiter stays over unsaved changes on quit, and closes once they leave', async () => {
    const { service, closed } = await start();
    const window = onlyWindow();
    window.refusesUnload = true;
    const close = vi.spyOn(service, 'close');

    app.quit();
    expect(dialog.showMessageBoxSync).toHaveBeenCalledOnce();
    expect([app.quitted, window.isDestroyed()]).toEqual([false, false]);
    expect(close).not.toHaveBeenCalled();
    expect((await fetch(`${service.url}/api/local/health`)).status).toBe(200);

    dialog.showMessageBoxSync.mockReturnValueOnce(0);
    app.quit();
    await closed;
    expect(close).toHaveBeenCalledOnce();
    expect([app.quitted, window.isDestroyed()]).toEqual([true, true]);
  });

  it('offers to reload a window whose page crashed, and reloads it', async () => {
    await start();
    const window = onlyWindow();
    window.visible = false;
    window.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    expect(dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ buttons: ['Reload', 'Quit'], cancelId: 0 }));
    expect(window.visible).toBe(true);
    await vi.waitFor(() => expect(window.webContents.reloads).toBe(1));
    expect(app.quitted).toBe(false);
  });

  it('quits when the recruiter chooses Quit over a crashed page', async () => {
    const { closed } = await start();
    const window = onlyWindow();
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    window.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'oom', exitCode: 0 });
    await closed;
    expect(app.quitted).toBe(true);
    expect(window.webContents.reloads).toBe(0);
  });

  it('asks nothing when the page ends cleanly with its window', async () => {
    await start();
    onlyWindow().webContents.emit('render-process-gone', new FakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('offers to reload a window whose page hangs, ending the stuck page first', async () => {
    await start();
    const window = onlyWindow();
    const crashRenderer = vi.spyOn(window.webContents, 'forcefullyCrashRenderer');
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    window.emit('unresponsive');
    expect(dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({ buttons: ['Wait', 'Reload'], cancelId: 0 }));
    await vi.waitFor(() => expect(window.webContents.reloads).toBe(1));
    expect(crashRenderer).toHaveBeenCalledOnce();
    expect(dialog.showMessageBox).toHaveBeenCalledOnce();

    window.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
  });

  it('takes the question away when the hung page answers again, reloading nothing', async () => {
    await start();
    const window = onlyWindow();
    const dismissed = new Promise<void>((resolve) => {
      dialog.showMessageBox.mockImplementationOnce(
        (_window, options) =>
          new Promise((answer) => {
            (options as { signal: AbortSignal }).signal.addEventListener('abort', () => {
              answer({ response: 0, checkboxChecked: false });
              resolve();
            });
          }),
      );
    });
    window.emit('unresponsive');
    window.emit('responsive');
    await dismissed;
    expect(window.webContents.reloads).toBe(0);
    expect(window.listenerCount('responsive')).toBe(0);
  });

  it('shows the edit menu on a right-click in a field, over the window', async () => {
    await start();
    const window = onlyWindow();
    const editFlags = { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: true, canSelectAll: false, canDelete: false, canEditRichly: false };
    window.webContents.emit('context-menu', new FakeEvent(), { isEditable: true, selectionText: '', editFlags, misspelledWord: '', dictionarySuggestions: [] });
    expect(Menu.poppedUp?.window).toBe(window);
    expect(Menu.poppedUp?.template).toContainEqual({ role: 'paste', enabled: true });
  });

  it("adds a word the spell checker underlines to the session's dictionary from the right-click menu", async () => {
    await start();
    const window = onlyWindow();
    const editFlags = { canUndo: false, canRedo: false, canCut: false, canCopy: false, canPaste: true, canSelectAll: true, canDelete: false, canEditRichly: false };
    window.webContents.emit('context-menu', new FakeEvent(), { isEditable: true, selectionText: '', editFlags, misspelledWord: 'Oyelaran', dictionarySuggestions: [] });
    const addToDictionary = (Menu.poppedUp?.template as any[]).find((item) => item.label === 'Add to Dictionary');
    addToDictionary.click();
    expect(session.defaultSession.dictionaryWords).toEqual(['Oyelaran']);
  });

  it('focuses its window when launched a second time', async () => {
    await start();
    const window = onlyWindow();
    window.minimized = true;
    window.focused = false;
    app.emit('second-instance', new FakeEvent(), [], '/');
    expect([window.minimized, window.focused]).toEqual([false, true]);
  });

  it('opens a window when launched again with none open (macOS keeps running without one)', async () => {
    const { service } = await start();
    onlyWindow().close();
    app.emit('second-instance', new FakeEvent(), [], '/');
    expect(onlyWindow().loadedUrl).toBe(`${service.url}/`);
  });

  it('starts again once it has closed when launched a second time while quitting', async () => {
    const { closed } = await start();
    app.quit();
    expect(app.quitted).toBe(false);
    app.emit('second-instance', new FakeEvent(), [], '/');
    app.emit('second-instance', new FakeEvent(), [], '/');
    await closed;
    expect(app.quitted).toBe(true);
    expect(app.relaunches).toEqual([undefined]);
  });

  it('starts the AppImage again, not the executable inside its mount', async () => {
    vi.stubEnv('APPIMAGE', '/home/recruiter/Recruiter-Desk.AppImage');
    try {
      const { closed } = await start();
      app.quit();
      app.emit('second-instance', new FakeEvent(), [], '/');
      await closed;
      expect(app.relaunches).toEqual([{ execPath: '/home/recruiter/Recruiter-Desk.AppImage', args: process.argv.slice(1) }]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('opens no window onto the closing service when the dock icon is clicked while quitting, and starts again instead', async () => {
    const { closed } = await start();
    app.quit();
    app.emit('activate', new FakeEvent(), false);
    expect(BrowserWindow.getAllWindows()).toEqual([]);
    await closed;
    expect(app.relaunches).toHaveLength(1);
  });

  it('brings a minimized window back when the dock icon is clicked (macOS)', async () => {
    await start();
    const window = onlyWindow();
    window.minimized = true;
    window.focused = false;
    app.emit('activate', new FakeEvent(), false);
    expect(onlyWindow()).toBe(window);
    expect([window.minimized, window.focused]).toEqual([false, true]);
  });

  it('opens a window again when the dock icon is clicked with none open (macOS)', async () => {
    const { service } = await start();
    onlyWindow().close();
    app.emit('activate', new FakeEvent(), false);
    expect(onlyWindow().loadedUrl).toBe(`${service.url}/`);
  });

  it('asks for a sync on waking from sleep', async () => {
    const { service } = await start();
    const requestSync = vi.spyOn(service, 'requestSync');
    powerMonitor.emit('resume');
    expect(requestSync).toHaveBeenCalledOnce();
  });

  it('on quit, saves the window, closes the service and leaves a database that reopens intact', async () => {
    const { service, closed } = await start();
    const close = vi.spyOn(service, 'close');
    onlyWindow().close();
    app.emit('window-all-closed');
    await closed;
    expect(close).toHaveBeenCalledOnce();
    expect(app.quitted).toBe(true);
    expect(existsSync(join(userData.dir, 'window-state.json'))).toBe(true);
    await expect(fetch(`${service.url}/api/local/health`)).rejects.toThrow();
    const db = new Database(join(userData.dir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('reopens the window where it was left', async () => {
    await start();
    const first = onlyWindow();
    first.bounds = { x: 100, y: 80, width: 1000, height: 700 };
    first.maximized = true;
    first.close();
    app.quit();
    await desktop?.closed;

    resetFakeElectron();
    app.userData = userData.dir;
    app.appPath = appRoot.dir;
    await start();
    const second = onlyWindow();
    expect(second.options).toMatchObject({ x: 100, y: 80, width: 1000, height: 700 });
    second.emit('ready-to-show');
    expect(second.maximized).toBe(true);
  });

  it('opens the database with the Electron-ABI build beside node_modules, and says so when it is missing', async () => {
    appRoot.remove();
    const running = runDesktopApp();
    app.becomeReady();
    await expect(running).resolves.toBeUndefined();
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Recruiter Desk could not start',
      expect.stringMatching(/better-sqlite3 built for Electron is missing at .*better_sqlite3\.node\. `npm start` builds it/),
    );
    expect(app.exitCode).toBe(1);
  });

  it('says what to do with a data folder it cannot open, without the command line’s --data-dir', async () => {
    writeFileSync(join(userData.dir, DATABASE_FILE), 'a spreadsheet export, not SQLite\n'.repeat(200));
    const running = runDesktopApp();
    app.becomeReady();
    await expect(running).resolves.toBeUndefined();
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Recruiter Desk could not start',
      `${join(userData.dir, DATABASE_FILE)} is not a Recruiter Desk database: move it away.`,
    );
    expect(app.exitCode).toBe(1);
    expect(readFileSync(join(userData.dir, DATABASE_FILE), 'utf8')).toMatch(/^a spreadsheet export/);
  });
});

describe('isPortFree', () => {
  it('tells a taken port from a free one', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await isPortFree(port)).toBe(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isPortFree(port)).toBe(true);
  });
});
