import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, saveScreenshot, sharedBrowser, type Workspace } from './helpers/workspace';

describe('connecting a browser to serve', () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = await openWorkspace();
  });

  afterAll(async () => {
    await workspace?.close();
  });

  it('trades the one-time code for the token and opens the workspace', async () => {
    const { page } = workspace;
    await page.getByRole('heading', { name: 'Candidates' }).waitFor();
    // The code leaves the address bar once used.
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
    expect(await page.evaluate(() => sessionStorage.getItem('recruiter-desk.api-token'))).toBe(workspace.token);
    // A new data folder: the list says what to do next rather than showing an empty table.
    await page.getByText('No candidates yet').waitFor();
    expect(await page.getByRole('button', { name: 'Import a CSV' }).count()).toBe(1);
    await saveScreenshot(page, 'candidates-list-empty-1280x800-light');
  });

  it('asks for the token when the code was already spent, and a wrong token is refused at the field', async () => {
    const context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const linkRefused = page.getByRole('status').filter({ hasText: /^That sign-in link was used already/ });
      // Opened without a link, nothing failed: no word of one.
      await page.goto(new URL(workspace.openUrl).origin);
      const tokenField = page.getByLabel('API token');
      await tokenField.waitFor();
      expect(await linkRefused.count()).toBe(0);

      await page.goto(workspace.openUrl);
      await linkRefused.waitFor();
      await saveScreenshot(page, 'connect');

      // Each refusal takes the focus back to the field it describes, so a screen reader says it and the token is typed again.
      const focusedIsTokenField = () => tokenField.evaluate((input) => input === document.activeElement);
      await page.getByRole('button', { name: 'Connect' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Paste the token from the api-token file.').waitFor();
      await expect.poll(focusedIsTokenField).toBe(true);
      await tokenField.fill('not-the-token');
      await page.getByRole('button', { name: 'Connect' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('That token was not accepted.', { exact: false }).waitFor();
      expect(await tokenField.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(focusedIsTokenField).toBe(true);

      await tokenField.fill(workspace.token);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.getByRole('heading', { name: 'Candidates' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('button').allTextContents()).toEqual([
        'Candidates',
        'Needs attention',
        'Import',
        'Settings',
      ]);
    } finally {
      await context.close();
    }
  });

  it('asks for the new token when the one in use was regenerated elsewhere, over the workspace as it was', async () => {
    const page = await workspace.newPage();
    await page.getByRole('heading', { name: 'Candidates' }).waitFor();
    await page.getByRole('button', { name: 'New candidate' }).first().click();
    await page.getByLabel('Full name', { exact: true }).fill('Typed Before The Token Changed');
    const { status, body } = await workspace.api('POST', '/api/local/token/regenerate');
    expect(status).toBe(200);
    await page.getByText('The API token changed', { exact: false }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('recruiter-desk.api-token'))).toBeNull();

    // The sync bar's status polls, still sent with the old token, are held until the new one is in.
    const oldTokenPolls = heldRequests(page, '**/api/local/sync', `Bearer ${workspace.token}`);
    await oldTokenPolls.first;
    const prompt = page.getByRole('dialog', { name: 'Connect to your workspace' });
    await prompt.getByLabel('API token').fill(body.data.token);
    await prompt.getByRole('button', { name: 'Connect' }).click();
    await prompt.waitFor({ state: 'detached' });
    // Their late 401s must not bring the prompt back: the token in use now is fine.
    await oldTokenPolls.release();
    await page.waitForResponse((response) => response.url().endsWith('/api/local/sync') && response.status() === 200);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await prompt.count()).toBe(0);
    expect(await page.getByLabel('Full name', { exact: true }).inputValue()).toBe('Typed Before The Token Changed');
    await page.getByLabel('Email', { exact: true }).fill('typed.before@example.com');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Candidate created.').waitFor();
  });
});

/**
 * Holds the page's requests to `url` sent with this Authorization header, from
 * now until release(), which lets them go on and waits for their answers.
 */
function heldRequests(page: Page, url: string, authorization: string) {
  const held: Route[] = [];
  let holding = true;
  let firstHeld!: () => void;
  const first = new Promise<void>((resolve) => {
    firstHeld = resolve;
  });
  void page.route(url, async (route) => {
    if (!holding || route.request().headers().authorization !== authorization) return route.continue();
    held.push(route);
    firstHeld();
  });
  const release = async () => {
    holding = false;
    const answered = held.map((route) => page.waitForResponse((response) => response.request() === route.request()));
    for (const route of held) await route.continue();
    await Promise.all(answered);
  };
  return { first, release };
}
