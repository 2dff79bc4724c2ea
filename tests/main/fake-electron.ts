import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A small stand-in for the parts of the `electron` module the main process and
 * preload use (the real one needs the Electron binary). Tests install it with
 * `vi.mock('electron', () => import('./fake-electron'))` and call
 * resetFakeElectron() before each test.
 */

export class FakeEvent {
  defaultPrevented = false;
  returnValue: unknown = undefined;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: unknown[][] = [];
  mainFrame: FakeFrame = { url: 'about:blank', parent: null };

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }

  /** How many times the page was reloaded. */
  reloads = 0;
  reload(): void {
    this.reloads += 1;
  }

  /** As Electron: the page's process is ended, which emits render-process-gone (killed). */
  forcefullyCrashRenderer(): void {
    this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
  }

  /** Every window's contents use the default session here. */
  get session(): FakeSession {
    return session.defaultSession;
  }

  readonly replacedMisspellings: string[] = [];
  replaceMisspelling(word: string): void {
    this.replacedMisspellings.push(word);
  }
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static windows: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  bounds: Bounds;
  minimized = false;
  maximized = false;
  focused = false;
  visible = false;
  destroyed = false;

  constructor(readonly options: Record<string, any>) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
    FakeBrowserWindow.windows.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.windows.filter((window) => !window.destroyed);
  }

  static fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null {
    return FakeBrowserWindow.windows.find((window) => window.webContents === contents) ?? null;
  }

  /** Set to make the next loadURL fail, as Chromium does for a refused connection. */
  static failNextLoad: Error | undefined;

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame = { url, parent: null };
    const failure = FakeBrowserWindow.failNextLoad;
    FakeBrowserWindow.failNextLoad = undefined;
    return failure ? Promise.reject(failure) : Promise.resolve();
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
  /** Set for a page whose beforeunload refuses to unload (a form with unsaved changes). */
  refusesUnload = false;
  /**
   * What the user closing the window does: close, then beforeunload, where a
   * refusing page keeps the window open unless main's will-prevent-unload
   * handler overrides it; otherwise the window is gone.
   */
  close(): void {
    const close = new FakeEvent();
    this.emit('close', close);
    if (close.defaultPrevented) return;
    if (this.refusesUnload) {
      const unload = new FakeEvent();
      this.webContents.emit('will-prevent-unload', unload);
      if (!unload.defaultPrevented) return;
    }
    this.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Recruiter Desk';
  userData = '';
  appPath = process.cwd();
  hasSingleInstanceLock = true;
  /** Set once a quit went through: before-quit, every window closed, will-quit, none of them prevented. */
  quitted = false;
  exitCode: number | undefined;
  private markReady: () => void = () => undefined;
  private ready = this.notReady();

  private notReady(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.markReady = resolve;
    });
  }
  /** Back to before 'ready', for the next test. */
  restart(): void {
    this.ready = this.notReady();
  }

  sandboxEnabled = false;
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  appUserModelId: string | undefined;
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasSingleInstanceLock;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app has no path ${name}`);
    return this.userData;
  }
  getAppPath(): string {
    return this.appPath;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  becomeReady(): void {
    this.markReady();
  }
  /** As Electron: before-quit, then every window is closed (any of them can cancel the quit), then will-quit. */
  quit(): void {
    const beforeQuit = new FakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of FakeBrowserWindow.getAllWindows()) window.close();
    if (FakeBrowserWindow.getAllWindows().length > 0) return;
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (!willQuit.defaultPrevented) this.quitted = true;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  /** The options of each app.relaunch(): every call starts one more instance once this one exits. */
  relaunches: ({ args?: string[]; execPath?: string } | undefined)[] = [];
  relaunch(options?: { args?: string[]; execPath?: string }): void {
    this.relaunches.push(options);
  }
}

type IpcListener = (event: any, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, IpcListener>();
  readonly listeners = new Map<string, IpcListener>();
  handle(channel: string, listener: IpcListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: IpcListener): this {
    this.listeners.set(channel, listener);
    return this;
  }
  /** As ipcRenderer.invoke arrives: the handler's result or rejection. */
  async invoke(channel: string, event: object, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
  /** As ipcRenderer.sendSync arrives: what the listener put in returnValue. */
  sendSync(channel: string, event: { returnValue?: unknown }, ...args: unknown[]): unknown {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No listener for '${channel}'`);
    listener(event, ...args);
    return event.returnValue;
  }
}

/** Reversible and visibly not plaintext: a marker, then the bytes reversed and flipped. */
class FakeSafeStorage {
  available = true;
  backend: string = 'gnome_libsecret';
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    const bytes = Buffer.from(plain, 'utf8').reverse().map((byte) => byte ^ 0xa5);
    return Buffer.concat([Buffer.from('v10'), bytes]);
  }
  decryptString(encrypted: Buffer): string {
    if (!encrypted.subarray(0, 3).equals(Buffer.from('v10'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((byte) => byte ^ 0xa5)).reverse().toString('utf8');
  }
}

class FakeSession {
  headersListener: ((details: any, callback: (response: any) => void) => void) | undefined;
  permissionRequestHandler:
    | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void)
    | undefined;
  permissionCheckHandler: ((contents: unknown, permission: string, requestingOrigin: string) => boolean) | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: (details: any, callback: (response: any) => void) => void) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  readonly dictionaryWords: string[] = [];
  addWordToSpellCheckerDictionary(word: string): boolean {
    this.dictionaryWords.push(word);
    return true;
  }
  /** The system's proxy settings, as a PAC answer: none unless a test says otherwise. */
  resolveProxy = vi.fn(async (_url: string) => 'DIRECT');
}

const primaryWorkArea = { x: 0, y: 0, width: 1920, height: 1050 };

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;
export const ipcMain = new FakeIpcMain();
export const safeStorage = new FakeSafeStorage();
export const session = { defaultSession: new FakeSession() };
export const powerMonitor = new EventEmitter();
export const net = { isOnline: vi.fn(() => true) };
export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showErrorBox: vi.fn((_title: string, _content: string) => undefined),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  /** The index of the button the user picks; Stay (1) unless a test says otherwise. */
  showMessageBoxSync: vi.fn((..._args: unknown[]) => 1),
};
export const screen = {
  displays: [{ workArea: primaryWorkArea }],
  getPrimaryDisplay: () => screen.displays[0] ?? { workArea: primaryWorkArea },
  getAllDisplays: () => screen.displays,
};
interface FakeMenu {
  template: unknown[];
  popup: (options: { window: FakeBrowserWindow }) => void;
}
export const Menu = {
  applicationMenu: undefined as FakeMenu | undefined,
  /** The last menu shown with popup() (a context menu), and the window it was shown over. */
  poppedUp: undefined as { template: unknown[]; window: FakeBrowserWindow } | undefined,
  buildFromTemplate: (template: unknown[]): FakeMenu => ({
    template,
    popup: ({ window }) => {
      Menu.poppedUp = { template, window };
    },
  }),
  setApplicationMenu: (menu: FakeMenu) => {
    Menu.applicationMenu = menu;
  },
};
export const contextBridge = { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) };
class FakeIpcRenderer extends EventEmitter {
  sendSync = vi.fn((_channel: string, ..._args: unknown[]): unknown => null);
  invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined);
}
export const ipcRenderer = new FakeIpcRenderer();

/** Fresh state for a test: no windows, handlers, listeners or recorded calls. */
export function resetFakeElectron(): void {
  app.removeAllListeners();
  app.restart();
  Object.assign(app, {
    sandboxEnabled: false,
    appUserModelId: undefined,
    isPackaged: false,
    userData: '',
    appPath: process.cwd(),
    hasSingleInstanceLock: true,
    quitted: false,
    exitCode: undefined,
    relaunches: [],
  });
  FakeBrowserWindow.windows = [];
  FakeBrowserWindow.failNextLoad = undefined;
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  Object.assign(safeStorage, { available: true, backend: 'gnome_libsecret' });
  session.defaultSession = new FakeSession();
  powerMonitor.removeAllListeners();
  net.isOnline.mockReset().mockReturnValue(true);
  shell.openExternal.mockClear();
  dialog.showOpenDialog.mockClear();
  dialog.showErrorBox.mockClear();
  dialog.showMessageBox.mockReset();
  dialog.showMessageBoxSync.mockReset().mockReturnValue(1);
  screen.displays = [{ workArea: primaryWorkArea }];
  Menu.applicationMenu = undefined;
  Menu.poppedUp = undefined;
  contextBridge.exposeInMainWorld.mockClear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.sendSync.mockReset().mockReturnValue(null);
  ipcRenderer.invoke.mockReset().mockResolvedValue(undefined);
}
