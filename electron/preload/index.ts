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
    onMenuCommand: (listener) => {
      // The page never sees the IPC event (it carries the sender).
      const forward = (_event: IpcRendererEvent, command: unknown) => {
        if (isMenuCommand(command)) listener(command);
      };
      ipcRenderer.on(IPC_CHANNELS.menuCommand, forward);
      return () => {
        ipcRenderer.removeListener(IPC_CHANNELS.menuCommand, forward);
      };
    },
  };
}

const bridge = createDesktopBridge();
if (bridge) contextBridge.exposeInMainWorld('recruiterDesk', bridge);
