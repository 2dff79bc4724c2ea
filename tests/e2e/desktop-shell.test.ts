import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, sharedBrowser, type Workspace } from './helpers/workspace';

/**
 * The renderer as Electron runs it: the preload's bridge (here a stand-in
 * with the same shape) hands over the API's address and token, and the
 * application menu sends its commands through it.
 */
describe('the workspace inside the desktop shell', () => {
  let workspace: Workspace;
  let page: Page;

  beforeAll(async () => {
    workspace = await openWorkspace();
    expect((await workspace.api('POST', '/api/v1/candidates', { full_name: 'Nisha Rao', email: 'nisha.rao@example.com' })).status).toBe(201);
    const context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await context.addInitScript(
      ([apiBaseUrl, apiToken]) => {
        const listeners: ((command: string) => void)[] = [];
        Object.assign(window, {
          recruiterDesk: {
            apiBaseUrl,
            apiToken,
            appVersion: 'test',
            openExternal: async () => undefined,
            chooseResumeFile: async () => null,
            onMenuCommand: (listener: (command: string) => void) => {
              listeners.push(listener);
              return () => listeners.splice(listeners.indexOf(listener), 1);
            },
          },
          sendMenuCommand: (command: string) => listeners.forEach((listener) => listener(command)),
        });
      },
      [workspace.baseUrl, workspace.token] as const,
    );
    page = await context.newPage();
    // No code and no saved token: only the bridge can connect this page.
    await page.goto(`${workspace.baseUrl}/`);
  });

  afterAll(async () => {
    await page?.context().close();
    await workspace?.close();
  });

  const menu = (command: string) => page.evaluate((name) => (window as unknown as { sendMenuCommand: (command: string) => void }).sendMenuCommand(name), command);

  it('connects through the bridge', async () => {
    await page.getByRole('grid', { name: 'Candidates' }).getByText('Nisha Rao').waitFor();
  });

  it('carries out the application menu’s commands', async () => {
    await menu('settings');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await menu('import-csv');
    await page.getByRole('heading', { name: 'Import and export', level: 1 }).waitFor();
    await menu('new-candidate');
    await expect.poll(() => page.getByLabel('Full name').inputValue()).toBe('');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Candidates' }).click();
    await page.getByRole('grid', { name: 'Candidates' }).getByText('Nisha Rao').waitFor();
    const download = page.waitForEvent('download');
    await menu('export-csv');
    const csv = await (await download).createReadStream();
    let text = '';
    for await (const chunk of csv) text += String(chunk);
    expect(text).toContain('nisha.rao@example.com');
  });

  it('opens a new candidate with Ctrl+N and the Search box with Ctrl+F', async () => {
    await page.getByRole('heading', { name: 'Candidates', level: 1 }).click();
    await page.keyboard.press('Control+n');
    await expect.poll(() => page.getByLabel('Full name').isVisible()).toBe(true);
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search');
  });
});
