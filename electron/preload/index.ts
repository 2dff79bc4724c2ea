import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeConfig, DesktopBridge } from '@shared/desktop-bridge';
import { IPC_CHANNELS, MENU_COMMANDS, type MenuCommand } from '@shared/desktop-ipc';

// Sandboxed: only 'electron' can be required here, so nothing is validated with
// zod on this side; main validates every message it receives.

function isMenuCommand(value: unknown): value is MenuCommand {
  return (MENU_COMMANDS as readonly unknown[]).includes(value);
}

function isBridgeConfig(value: unknown): value is BridgeConfig {
  if (typeof value !== 'object' || value === null) return false;
  const config = value as Record<string, unknown>;
  return typeof config.apiBaseUrl === 'string' && typeof config.apiToken === 'string' && typeof config.appVersion === 'string';
}

/** The bridge for this page, or undefined when main refused (a page that is not the app's). */
function createDesktopBridge(): DesktopBridge | undefined {
  const config: unknown = ipcRenderer.sendSync(IPC_CHANNELS.bridgeConfig);
  if (!isBridgeConfig(config)) return undefined;
  return {
    apiBaseUrl: config.apiBaseUrl,
    apiToken: config.apiToken,
    appVersion: config.appVersion,
    openExternal: async (url) => {
      await ipcRenderer.invoke(IPC_CHANNELS.openExternal, url);
    },
    chooseResumeFile: () => ipcRenderer.invoke(IPC_CHANNELS.chooseResumeFile),
    onMenuCommand: relayMenuCommands(),
  };
}

/**
 * Menu commands from main, listened for from the start. One that comes
 * before the page listens (it opened the window, on macOS, or the page is
 * still starting) waits for it; only the latest, as a backlog replayed later
 * would surprise.
 */
function relayMenuCommands(): DesktopBridge['onMenuCommand'] {
  const listeners = new Set<(command: MenuCommand) => void>();
  let waiting: MenuCommand | undefined;
  // The page never sees the IPC event (it carries the sender).
  ipcRenderer.on(IPC_CHANNELS.menuCommand, (_event: IpcRendererEvent, command: unknown) => {
    if (!isMenuCommand(command)) return;
    if (listeners.size === 0) waiting = command;
    for (const listener of listeners) listener(command);
  });
  return (listener) => {
    listeners.add(listener);
    if (waiting !== undefined) {
      const command = waiting;
      waiting = undefined;
      listener(command);
    }
    return () => {
      listeners.delete(listener);
    };
  };
}

const bridge = createDesktopBridge();
if (bridge) contextBridge.exposeInMainWorld('recruiterDesk', bridge);
