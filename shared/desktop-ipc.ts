/**
 * The desktop bridge's runtime constants. No imports: the sandboxed preload
 * bundles this file and may require nothing but 'electron'.
 */

/** Application-menu items the renderer carries out. */
export const MENU_COMMANDS = ['new-candidate', 'import-csv', 'export-csv', 'sync-now', 'settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The IPC channels behind the bridge; main validates every payload (schemas in desktop-bridge.ts). */
export const IPC_CHANNELS = {
  /** renderer -> main, synchronous, no payload: answered with a BridgeConfig (or null for a foreign frame) */
  bridgeConfig: 'recruiter-desk:bridge-config',
  openExternal: 'recruiter-desk:open-external',
  chooseResumeFile: 'recruiter-desk:choose-resume-file',
  /** main -> renderer */
  menuCommand: 'recruiter-desk:menu-command',
} as const;
