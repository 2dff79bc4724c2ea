import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS } from '@shared/desktop-bridge';
import { applicationMenuTemplate } from '../../electron/main/app-menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const menuFor = (platform: NodeJS.Platform, isPackaged = true) => {
  const sendCommand = vi.fn();
  const items = flatten(applicationMenuTemplate({ platform, appName: 'Recruiter Desk', isPackaged, sendCommand }));
  return { items, sendCommand, byLabel: (label: string) => items.find((item) => item.label === label) };
};

describe('applicationMenuTemplate', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('on %s, every app command is there once and sends its command', (platform) => {
    const { items, sendCommand } = menuFor(platform);
    const commandItems = items.filter((item) => item.click);
    expect(commandItems).toHaveLength(MENU_COMMANDS.length);
    for (const item of commandItems) item.click?.({} as any, undefined, {} as any);
    expect(sendCommand.mock.calls.map(([command]) => command).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('uses CmdOrCtrl shortcuts, with no two alike', () => {
    const { items, byLabel } = menuFor('linux');
    expect(byLabel('New Candidate')?.accelerator).toBe('CmdOrCtrl+N');
    expect(byLabel('Import CSV…')?.accelerator).toBe('CmdOrCtrl+I');
    expect(byLabel('Export CSV…')?.accelerator).toBe('CmdOrCtrl+E');
    expect(byLabel('Sync Now')?.accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(byLabel('Settings')?.accelerator).toBe('CmdOrCtrl+,');
    const accelerators = items.map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('puts Settings… and Quit in the app menu on macOS, and in File elsewhere', () => {
    const mac = applicationMenuTemplate({ platform: 'darwin', appName: 'Recruiter Desk', isPackaged: true, sendCommand: vi.fn() });
    expect(mac[0]?.label).toBe('Recruiter Desk');
    expect(flatten([mac[0]!]).map((item) => item.label ?? item.role)).toEqual(expect.arrayContaining(['Settings…', 'quit', 'about']));
    const linux = applicationMenuTemplate({ platform: 'linux', appName: 'Recruiter Desk', isPackaged: true, sendCommand: vi.fn() });
    expect(linux[0]?.label).toBe('&File');
    expect(flatten([linux[0]!]).map((item) => item.label ?? item.role)).toEqual(expect.arrayContaining(['Settings', 'quit']));
  });

  it.each(['darwin', 'win32', 'linux'] as const)('on %s, zooms in on CmdOrCtrl+= and the keypad, as browsers do', (platform) => {
    const { items } = menuFor(platform);
    const zoomKeys = (role: string) => items.filter((item) => item.role === role).map((item) => item.accelerator ?? 'default');
    expect(zoomKeys('zoomIn')).toEqual(['default', 'CmdOrCtrl+=', 'CmdOrCtrl+numadd']);
    expect(zoomKeys('zoomOut')).toEqual(['default', 'CmdOrCtrl+numsub']);
    expect(items.filter((item) => item.accelerator?.startsWith('CmdOrCtrl+num') || item.accelerator === 'CmdOrCtrl+=').every((item) => item.visible === false)).toBe(true);
  });

  it('keeps the standard roles, and devtools and reload only in development', () => {
    const roles = (isPackaged: boolean) => menuFor('win32', isPackaged).items.map((item) => item.role).filter(Boolean);
    expect(roles(true)).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'zoomIn', 'togglefullscreen']));
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
