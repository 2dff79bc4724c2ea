import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, saveScreenshot, type Workspace } from './helpers/workspace';

describe('the sync bar', () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = await openWorkspace({ withCloud: true, cloudSeed: 12 });
  });

  afterAll(async () => {
    await workspace?.close();
  });

  const count = (name: string) => workspace.page.locator(`[aria-label="Sync status"] [data-count="${name}"]`).textContent();

  it('shows the first sync done and the cloud’s candidates in step', async () => {
    const { page } = workspace;
    const bar = page.getByRole('contentinfo', { name: 'Sync status' });
    await bar.getByText(/Last synced/).waitFor();
    expect(await bar.getByText('Online').count()).toBe(1);
    expect(await count('pending')).toBe('0 pending');
    // The list shows what that sync brought in, each candidate in step with the cloud.
    await expect.poll(() => page.getByRole('grid', { name: 'Candidates' }).getAttribute('aria-rowcount')).toBe('13');
    await expect.poll(() => page.getByRole('gridcell', { name: 'Synced' }).count()).toBeGreaterThan(5);
    // The cloud masks some of its candidates: marked, their contact details shown as locked, not as blanks.
    const masked = page.getByRole('grid', { name: 'Candidates' }).getByRole('row').filter({ has: page.getByRole('img', { name: 'Masked' }) });
    expect(await masked.count()).toBeGreaterThan(0);
    expect((await masked.first().getByRole('gridcell').allTextContents()).slice(1, 3)).toEqual(['Locked', 'Locked']);
  });

  it('counts a local edit as pending while the cloud is down, and Sync now sends it once the cloud is back', async () => {
    const { page, cloud } = workspace;
    cloud!.controls.setFaults({ rules: [{ kind: '503' }] });
    const { body } = await workspace.api('GET', '/api/v1/candidates?limit=1');
    const candidate = body.data[0];
    expect((await workspace.api('PUT', `/api/v1/candidates/${candidate.id}`, { location: 'Nagpur' })).status).toBe(200);

    await expect.poll(() => count('pending'), { timeout: 15_000 }).toBe('1 pending');
    const row = page.getByRole('grid', { name: 'Candidates' }).getByRole('row').filter({ hasText: candidate.full_name });
    await expect.poll(() => row.getByRole('gridcell').last().textContent()).toBe('Pending');
    await saveScreenshot(page, 'sync-bar-pending-1280x800-light');

    // The failure is said in a line that always fits, even at 900 px; the reason in full is one click away.
    const bar = page.getByRole('contentinfo', { name: 'Sync status' });
    await bar.getByText(/^Last sync failed\. Last synced /).waitFor({ timeout: 15_000 });
    await bar.getByRole('button', { name: 'Why?' }).click();
    const dialog = page.getByRole('dialog', { name: 'The last sync failed' });
    expect(await dialog.locator('.sync-failure-reason').textContent()).toMatch(/503/);
    await dialog.getByText('Nothing made on this computer is lost', { exact: false }).waitFor();
    await saveScreenshot(page, 'sync-failure-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Why?');
    const narrow = await workspace.newPage({ viewport: { width: 900, height: 700 } });
    const narrowBar = narrow.getByRole('contentinfo', { name: 'Sync status' });
    await narrowBar.getByRole('button', { name: 'Why?' }).waitFor({ timeout: 15_000 });
    for (const control of [narrowBar.getByRole('button', { name: 'Why?' }), narrowBar.getByRole('button', { name: 'Sync now' })]) {
      const box = await control.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(900);
    }
    const summary = narrowBar.locator('.sync-bar-summary');
    expect(await summary.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await saveScreenshot(narrow, 'sync-bar-failed-900x700-light');
    await narrow.close();

    cloud!.controls.clearFaults();
    // The dialog's Sync now takes the Why? that opened it away: the focus goes to the bar's Sync now, and stays there
    // through the sync, which ends said to a screen reader as the bar's text changes elsewhere.
    await bar.getByRole('button', { name: 'Why?' }).click();
    await dialog.getByRole('button', { name: 'Sync now' }).click();
    await bar.getByRole('status').getByText(/^Synced\.$/).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.activeElement?.closest('footer') !== null && document.activeElement?.textContent === 'Sync now')).toBe(true);
    await expect.poll(() => count('pending'), { timeout: 15_000 }).toBe('0 pending');
    await expect.poll(() => row.getByRole('gridcell').last().textContent()).toBe('Synced');
    const remote = cloud!.controls.snapshot().find((known) => known.full_name === candidate.full_name);
    expect(remote?.location).toBe('Nagpur');
    expect(await page.getByText('Last synced just now').count()).toBe(1);
  }, 60_000);

  it('says when the computer is offline, and when it is back', async () => {
    const { page } = workspace;
    const bar = page.getByRole('contentinfo', { name: 'Sync status' });
    await page.context().setOffline(true);
    await bar.getByText('Offline', { exact: true }).waitFor();
    await page.context().setOffline(false);
    await bar.getByText('Online', { exact: true }).waitFor();
  });

  it('says the local API did not answer a Sync now only until it answers again', async () => {
    const { page } = workspace;
    const bar = page.getByRole('contentinfo', { name: 'Sync status' });
    await page.route('**/api/local/**', (route) => route.abort('connectionrefused'));
    await bar.getByRole('button', { name: 'Sync now', exact: true }).click();
    const alert = bar.getByRole('alert').getByText('The local API did not answer. Is Recruiter Desk still running?');
    await alert.waitFor();
    await bar.getByText('Local API not answering', { exact: true }).waitFor();
    await page.unroute('**/api/local/**');
    await bar.getByText('Online', { exact: true }).waitFor();
    await alert.waitFor({ state: 'detached' });
  });

  it('opens Needs attention from its counts', async () => {
    const { page } = workspace;
    await page.getByRole('button', { name: /open Needs attention/ }).click();
    await page.getByRole('heading', { name: 'Needs attention', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Needs attention' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true);
    await saveScreenshot(page, 'needs-attention-1280x800-light');
    const dark = await workspace.newPage({ viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
    await dark.getByRole('contentinfo', { name: 'Sync status' }).getByText(/Last synced/).waitFor();
    await saveScreenshot(dark, 'sync-bar-1920x1080-dark');
  });
});
