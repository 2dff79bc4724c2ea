import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, powerMonitor, safeStorage, session, shell } from 'electron';
import { IPC_CHANNELS, type MenuCommand } from '@shared/desktop-bridge';
import { APP_VERSION } from '../app-version';
import { explainDataFolderError } from '../cli/data-dir';
import { type LocalService, startLocalService } from '../cli/local-service';
import { claimSingleInstance, focusWindow, quitAfterClosing, watchConnectivity } from './app-lifecycle';
import { applicationMenuTemplate } from './app-menu';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow } from './main-window';
import { electronNativeBindingPath } from './native-binding';
import { chooseResumeFile } from './resume-file';
import { SafeStorageRemoteStore } from './safe-storage-remote-store';
import { trustSystemCertificates } from './system-certificates';
import { windowStatePath } from './window-state';
import { contentSecurityPolicy, guardWebContents, installContentSecurityPolicy, installPermissionPolicy } from './window-security';

/**
 * electron-builder.yml's appId, which the Windows installer sets as the
 * AppUserModelID of the shortcuts it makes. The app's windows must carry the
 * same one (Electron's default is electron.app.<name>) for the taskbar to put
 * a running window on its pinned shortcut instead of beside it.
 */
const APP_USER_MODEL_ID = 'com.recruiterdesk.app';

/** The port `serve` uses too; when it is taken (say, by `npm run serve`) the app takes any free one. */
export const DEFAULT_API_PORT = 4319;
const CONNECTIVITY_POLL_MS = 15_000;

export interface DesktopApp {
  service: LocalService;
  /** Settles once a quit has closed the service. */
  closed: Promise<void>;
}

/** The one app window, once opened; macOS may close it and open another while the app runs. */
interface MainWindowSlot {
  current: BrowserWindow | undefined;
  /** Opens a new window; set once the service runs. */
  open: (() => void) | undefined;
  /** Whether the app is on its way out: the windows are closed and the service is closing. */
  quitting: () => boolean;
  /** Set once a start after this instance's exit has been asked for: each app.relaunch() starts one more. */
  relaunching: boolean;
}

function openMainWindow(slot: MainWindowSlot): BrowserWindow | undefined {
  return slot.current && !slot.current.isDestroyed() ? slot.current : undefined;
}

/** Whether 127.0.0.1:port can be listened on right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function reportError(error: unknown): void {
  // Never the error object itself: a request's error can carry its headers, the cloud's key among them.
  console.error(`[recruiter-desk] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

async function startDesktop(mainWindow: MainWindowSlot): Promise<DesktopApp> {
  const dataDir = app.getPath('userData');
  const port = (await isPortFree(DEFAULT_API_PORT)) ? DEFAULT_API_PORT : 0;
  const nativeBinding = electronNativeBindingPath({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    platform: process.platform,
    arch: process.arch,
  });
  if (!existsSync(nativeBinding)) {
    throw new Error(
      `better-sqlite3 built for Electron is missing at ${nativeBinding}. ` +
        (app.isPackaged ? 'Reinstall Recruiter Desk.' : '`npm start` builds it; so does `npm run build:native-electron`.'),
    );
  }
  try {
    trustSystemCertificates();
  } catch (error) {
    // The cloud stays reachable wherever Node's own authorities suffice; a sync through TLS inspection says what failed.
    reportError(error);
  }
  let service: LocalService;
  try {
    service = await startLocalService({
      dataDir,
      port,
      reportError,
      remoteStore: new SafeStorageRemoteStore(dataDir, safeStorage),
      // The API serves the built page too: one origin for the page and its data, no CORS to open.
      rendererDir: join(__dirname, '../renderer'),
      nativeBinding,
      // Started from a dock or menu, the app has no proxy variables: it follows the system's settings, as Chromium does.
      systemProxy: (url) => session.defaultSession.resolveProxy(url),
    });
  } catch (error) {
    // In the words serve uses, less its --data-dir: the app's folder is the system's, not a choice.
    throw new Error(explainDataFolderError(error, dataDir));
  }

  const stopWatching = watchConnectivity({
    powerMonitor,
    isOnline: () => net.isOnline(),
    onReconnect: () => service.requestSync(),
    pollMs: CONNECTIVITY_POLL_MS,
  });
  const { closed, quitting } = quitAfterClosing(
    app,
    async () => {
      stopWatching();
      await service.close();
    },
    reportError,
  );
  mainWindow.quitting = quitting;

  const appOrigin = new URL(service.url).origin;
  installContentSecurityPolicy(session.defaultSession, contentSecurityPolicy(appOrigin));
  installPermissionPolicy(session.defaultSession, appOrigin);

  const openExternal = (url: string) => shell.openExternal(url);
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { appOrigin, openExternal, reportError });
  });
  registerIpcHandlers(ipcMain, {
    appOrigin,
    bridgeConfig: () => ({ apiBaseUrl: service.url, apiToken: service.credentials.token(), appVersion: APP_VERSION }),
    openExternal,
    chooseResumeFile: (sender) => chooseResumeFile(dialog, BrowserWindow.fromWebContents(sender) ?? undefined),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        platform: process.platform,
        appName: app.name,
        isPackaged: app.isPackaged,
        sendCommand: (command) => sendMenuCommand(mainWindow, command),
      }),
    ),
  );

  const openWindow = () => {
    mainWindow.current = createMainWindow({
      url: `${appOrigin}/`,
      preloadPath: join(__dirname, '../preload/index.js'),
      isPackaged: app.isPackaged,
      windowStateFile: windowStatePath(dataDir),
      // Packaged, the icon comes from the .desktop entry (Linux) or the bundle (macOS, Windows).
      ...(process.platform === 'linux' && !app.isPackaged ? { iconPath: join(app.getAppPath(), 'resources', 'icon.png') } : {}),
      reportError,
    });
  };
  mainWindow.open = openWindow;
  openWindow();
  // macOS keeps the app running with no window; clicking the dock icon opens one again, and
  // brings back a minimized one, which Electron leaves in the Dock unless the app restores it.
  app.on('activate', (_event, hasVisibleWindows) => {
    if (!hasVisibleWindows) showMainWindow(mainWindow);
  });
  return { service, closed };
}

/**
 * For a second launch or a click on the dock icon: the window to the front,
 * or a new one where none is open (macOS). While the app is quitting the
 * service is closing under any new window, so the app starts again once it
 * has exited instead; a launch is never silently dropped.
 */
function showMainWindow(mainWindow: MainWindowSlot): void {
  if (mainWindow.quitting()) {
    if (mainWindow.relaunching) return;
    mainWindow.relaunching = true;
    // An AppImage's own executable lives in a mount that goes away with this process: start the image again.
    const appImage = process.env.APPIMAGE;
    app.relaunch(appImage ? { execPath: appImage, args: process.argv.slice(1) } : undefined);
    return;
  }
  const window = openMainWindow(mainWindow);
  if (window) focusWindow(window);
  else mainWindow.open?.();
}

/**
 * A menu command for the page, in its window brought to the front. With no
 * window open (macOS keeps the menu bar without one) a window is opened and
 * gets the command once its page has loaded; the preload keeps it until the
 * page listens.
 */
function sendMenuCommand(mainWindow: MainWindowSlot, command: MenuCommand): void {
  const window = openMainWindow(mainWindow);
  if (window) {
    focusWindow(window);
    window.webContents.send(IPC_CHANNELS.menuCommand, command);
    return;
  }
  if (mainWindow.quitting()) return;
  mainWindow.open?.();
  const opened = openMainWindow(mainWindow);
  opened?.webContents.once('did-finish-load', () => opened.webContents.send(IPC_CHANNELS.menuCommand, command));
}

/**
 * The composition root: one instance, the local service in-process, one
 * window. Resolves undefined when another instance already runs (this one
 * quits) or when starting failed (shown in a dialog; the app exits).
 */
export function runDesktopApp(): Promise<DesktopApp | undefined> {
  // Every renderer sandboxed, whatever a window's own preferences say; must precede 'ready'.
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  const mainWindow: MainWindowSlot = { current: undefined, open: undefined, quitting: () => false, relaunching: false };
  if (!claimSingleInstance(app, () => showMainWindow(mainWindow))) return Promise.resolve(undefined);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  return app
    .whenReady()
    .then(() => startDesktop(mainWindow))
    .catch((error: unknown) => {
      dialog.showErrorBox('Recruiter Desk could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
      return undefined;
    });
}
