import { z } from 'zod';

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

/** Application-menu items the renderer carries out. */
export const MENU_COMMANDS = ['new-candidate', 'import-csv', 'export-csv', 'sync-now', 'settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

/** The IPC channels behind the bridge; main validates every payload with these schemas. */
export const IPC_CHANNELS = {
  openExternal: 'recruiter-desk:open-external',
  chooseResumeFile: 'recruiter-desk:choose-resume-file',
  /** main -> renderer */
  menuCommand: 'recruiter-desk:menu-command',
} as const;

export const OpenExternalPayloadSchema = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { error: 'must be an http(s) URL' });
