import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/desktop-bridge';

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Devtools and reload only in development: a packaged app has no use for them. */
  isPackaged: boolean;
  sendCommand: (command: MenuCommand) => void;
}

/**
 * The usual roles plus the app's own commands, which the renderer carries out.
 * CmdOrCtrl gives Cmd on macOS and Ctrl elsewhere; Settings sits in the app
 * menu on macOS (Cmd+,) and in the File menu elsewhere.
 */
export function applicationMenuTemplate({ platform, appName, isPackaged, sendCommand }: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendCommand(name),
  });
  const settings = command(isMac ? 'Settings…' : 'Settings', 'settings', 'CmdOrCtrl+,');

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const closeWindow: MenuItemConstructorOptions[] = [separator, { role: 'close' }];
  const settingsAndQuit: MenuItemConstructorOptions[] = [separator, settings, separator, { role: 'quit' }];
  const developerTools: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New Candidate', 'new-candidate', 'CmdOrCtrl+N'),
      { type: 'separator' },
      command('Import CSV…', 'import-csv', 'CmdOrCtrl+I'),
      command('Export CSV…', 'export-csv', 'CmdOrCtrl+E'),
      { type: 'separator' },
      command('Sync Now', 'sync-now', 'CmdOrCtrl+Shift+S'),
      ...(isMac ? closeWindow : settingsAndQuit),
    ],
  };

  // zoomIn's own CmdOrCtrl+Plus needs Shift on most layouts (Ctrl+Shift+=) and ignores the keypad (electron/electron#15496);
  // browsers also zoom on Ctrl+= and the keypad's + and -. Hidden, their accelerators still work.
  const zoomKeysBrowsersAccept: MenuItemConstructorOptions[] = [
    { role: 'zoomIn', accelerator: 'CmdOrCtrl+=', visible: false },
    { role: 'zoomIn', accelerator: 'CmdOrCtrl+numadd', visible: false },
    { role: 'zoomOut', accelerator: 'CmdOrCtrl+numsub', visible: false },
  ];
  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(isPackaged ? [] : developerTools),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      ...zoomKeysBrowsersAccept,
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  return [...appMenu, fileMenu, { role: 'editMenu' }, viewMenu, { role: 'windowMenu' }];
}
