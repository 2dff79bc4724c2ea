import { z } from 'zod';
import type { MenuCommand } from './desktop-ipc';

// The constants live in desktop-ipc.ts, free of zod, so the sandboxed preload can bundle them.
export { IPC_CHANNELS, MENU_COMMANDS, type MenuCommand } from './desktop-ipc';

/**
 * What the Electron preload exposes to the renderer as `window.recruiterDesk`.
 * In an ordinary browser it is absent and the page trades a one-time code for
 * the token instead (renderer/lib/api-connection.ts).
 */
export interface DesktopBridge {
  /** The local API's origin, e.g. http://127.0.0.1:4319 */
  apiBaseUrl: string;
  apiToken: string;
  appVersion: string;
  /** Opens an http(s) URL in the system browser. */
  openExternal: (url: string) => Promise<void>;
  /** Shows the system file picker; the chosen file's name and bytes, or null when cancelled. */
  chooseResumeFile: () => Promise<ChosenFile | null>;
  /** Subscribes to the application menu's commands; returns the unsubscribe. */
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
}

export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

/** What the preload learns from main at start-up: kept off the command line, where other users could read the token. */
export type BridgeConfig = Pick<DesktopBridge, 'apiBaseUrl' | 'apiToken' | 'appVersion'>;

export const OpenExternalPayloadSchema = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { error: 'must be an http(s) URL' });
