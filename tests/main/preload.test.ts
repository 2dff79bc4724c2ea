import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type DesktopBridge, IPC_CHANNELS } from '@shared/desktop-bridge';
import { contextBridge, ipcRenderer, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const config = { apiBaseUrl: 'http://127.0.0.1:4319', apiToken: 'token-abcdefghijklmnopqrstuv', appVersion: '0.1.0' };

let pageLoads = 0;
/** Runs the preload script afresh, as a new page load does (a new query makes a new module instance). */
async function loadPreload(): Promise<DesktopBridge | undefined> {
  pageLoads += 1;
  await import(/* @vite-ignore */ `../../electron/preload/index.ts?page-load=${pageLoads}`);
  const call = contextBridge.exposeInMainWorld.mock.calls.at(-1);
  return call?.[1] as DesktopBridge | undefined;
}

beforeEach(() => resetFakeElectron());

describe('preload', () => {
  it('exposes only window.recruiterDesk, with the configuration main gave', async () => {
    ipcRenderer.sendSync.mockReturnValue(config);
    const bridge = await loadPreload();
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('recruiterDesk');
    expect(ipcRenderer.sendSync).toHaveBeenCalledWith(IPC_CHANNELS.bridgeConfig);
    expect(Object.keys(bridge ?? {}).sort()).toEqual(['apiBaseUrl', 'apiToken', 'appVersion', 'chooseResumeFile', 'onMenuCommand', 'openExternal']);
    expect(bridge).toMatchObject(config);
  });

  it('exposes nothing when main refuses (a page that is not the app)', async () => {
    ipcRenderer.sendSync.mockReturnValue(null);
    expect(await loadPreload()).toBeUndefined();
    ipcRenderer.sendSync.mockReturnValue({ apiBaseUrl: 'http://127.0.0.1:4319' });
    expect(await loadPreload()).toBeUndefined();
    expect(contextBridge.exposeInMainWorld).not.toHaveBeenCalled();
  });

  it('sends openExternal and chooseResumeFile to main over their channels', async () => {
    ipcRenderer.sendSync.mockReturnValue(config);
    const bridge = await loadPreload();
    ipcRenderer.invoke.mockResolvedValueOnce(undefined).mockResolvedValueOnce({ name: 'cv.pdf', bytes: new Uint8Array([7]) });
    await expect(bridge?.openExternal('https://example.com')).resolves.toBeUndefined();
    await expect(bridge?.chooseResumeFile()).resolves.toEqual({ name: 'cv.pdf', bytes: new Uint8Array([7]) });
    expect(ipcRenderer.invoke.mock.calls).toEqual([[IPC_CHANNELS.openExternal, 'https://example.com'], [IPC_CHANNELS.chooseResumeFile]]);
  });

  it('passes on menu commands (never the IPC event), drops unknown ones, and unsubscribes', async () => {
    ipcRenderer.sendSync.mockReturnValue(config);
    const bridge = await loadPreload();
    const listener = vi.fn();
    const unsubscribe = bridge?.onMenuCommand(listener);
    ipcRenderer.emit(IPC_CHANNELS.menuCommand, { sender: 'event' }, 'new-candidate');
    ipcRenderer.emit(IPC_CHANNELS.menuCommand, { sender: 'event' }, 'format-disk');
    unsubscribe?.();
    ipcRenderer.emit(IPC_CHANNELS.menuCommand, { sender: 'event' }, 'sync-now');
    expect(listener.mock.calls).toEqual([['new-candidate']]);
    bridge?.onMenuCommand(vi.fn())();
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.menuCommand)).toBe(1);
  });

  it('keeps the latest command that came before the page listened, for its first listener', async () => {
    ipcRenderer.sendSync.mockReturnValue(config);
    const bridge = await loadPreload();
    ipcRenderer.emit(IPC_CHANNELS.menuCommand, { sender: 'event' }, 'sync-now');
    ipcRenderer.emit(IPC_CHANNELS.menuCommand, { sender: 'event' }, 'settings');
    const first = vi.fn();
    bridge?.onMenuCommand(first);
    const second = vi.fn();
    bridge?.onMenuCommand(second);
    expect(first.mock.calls).toEqual([['settings']]);
    expect(second).not.toHaveBeenCalled();
  });

  it('listens to main only for the app: a refused page gets no menu commands', async () => {
    await loadPreload();
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.menuCommand)).toBe(0);
  });
});
