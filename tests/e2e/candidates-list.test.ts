import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, saveScreenshot, type Workspace } from './helpers/workspace';

const BACKEND_JOB = { id: '6f1d7a52-93c4-4b8e-a1f0-2c5d8e9b7a31', title: 'Backend Engineer' };
const DESIGN_JOB = { id: '0c9e2b41-5a7d-4f36-8e21-b4c7d9a0e5f2', title: 'Product Designer' };
const FIRST_NAMES = ['Asha', 'Bilal', 'Chitra', 'Dev', 'Esha', 'Farhan', 'Gauri', 'Hari', 'Ira', 'Jai'];
const SURNAMES = ['Kulkarni', 'Menon', 'Zaveri'];

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Candidates' });
}

/** The names in the grid's rendered rows, top to bottom (the first cell of each data row). */
async function visibleNames(page: Page): Promise<string[]> {
  return grid(page).locator('[role="row"][aria-selected] .candidates-name-text').allTextContents();
}

/** Waits until the grid shows exactly these names first (rows render only what is on screen). */
async function waitForNames(page: Page, expected: string[]): Promise<void> {
  await page.waitForFunction(
    (names) => {
      const shown = [...document.querySelectorAll('[role="grid"] [role="row"][aria-selected] .candidates-name-text')].map((cell) => cell.textContent);
      return JSON.stringify(shown.slice(0, names.length)) === JSON.stringify(names) && (names.length >= shown.length || shown.length > 12);
    },
    expected,
  );
}

describe('the candidates list', () => {
  let workspace: Workspace;
  /** Every candidate's name, oldest first, and the jobs each applied to. */
  const created: { name: string; jobs: string[] }[] = [];

  beforeAll(async () => {
    workspace = await openWorkspace();
    for (const job of [BACKEND_JOB, DESIGN_JOB]) expect((await workspace.api('PUT', `/api/local/jobs/${job.id}`, { title: job.title })).status).toBe(200);
    for (let n = 0; n < 30; n++) {
      const name = `${FIRST_NAMES[n % FIRST_NAMES.length]} ${SURNAMES[n % SURNAMES.length]} ${n}`;
      const jobs = n % 3 === 0 ? [BACKEND_JOB.id] : n % 5 === 0 ? [DESIGN_JOB.id] : [];
      const body = {
        full_name: name,
        email: `candidate${n}@example.com`,
        phone_number: `+91 98450 ${String(n).padStart(5, '0')}`,
        location: 'Pune',
        current_designation: 'Engineer',
        current_company: 'Acme',
        total_experience_years: 3.5,
        notice_period_days: 30,
        primary_skills: ['TypeScript', 'SQL'],
        ...(jobs[0] ? { application: { job_id: jobs[0], status: 'Interview' } } : {}),
      };
      expect((await workspace.api('POST', '/api/v1/candidates', body)).status).toBe(201);
      created.push({ name, jobs });
    }
    await workspace.page.reload();
  });

  afterAll(async () => {
    await workspace?.close();
  });

  it('shows every candidate, newest first, with their details', async () => {
    const { page } = workspace;
    const newestFirst = created.map((candidate) => candidate.name).reverse();
    await waitForNames(page, newestFirst.slice(0, 10));
    expect(await grid(page).getAttribute('aria-rowcount')).toBe(String(created.length + 1));
    await expect.poll(() => page.getByText('30 candidates').count()).toBe(1);
    expect(await page.title()).toBe('Candidates — Recruiter Desk');
    const newest = grid(page).getByRole('row').filter({ hasText: newestFirst[0]! });
    const cells = await newest.getByRole('gridcell').allTextContents();
    expect(cells.slice(1, 8)).toEqual(['candidate29@example.com', '+91 98450 00029', 'Pune', 'Engineer · Acme', '3.5 yrs', '30 days', 'TypeScript, SQL']);
    await saveScreenshot(page, 'candidates-list-1280x800-light');

    const wide = await workspace.newPage({ viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
    await waitForNames(wide, newestFirst.slice(0, 10));
    await wide.getByRole('gridcell', { name: 'Interview' }).first().waitFor();
    await saveScreenshot(wide, 'candidates-list-1920x1080-dark');
  });

  it('keeps Applications and Sync in view in a narrower window, dropping phone and location first', async () => {
    const newestFirst = created.map((candidate) => candidate.name).reverse();
    // A designer in view gets a second application: its cell shows a status and "+1", neither cut short.
    const twoJobs = created[20]!.name;
    const found = await workspace.api('GET', `/api/v1/candidates?search=${encodeURIComponent(twoJobs)}`);
    expect((await workspace.api('PUT', `/api/v1/candidates/${found.body.data[0].id}`, { application: { job_id: BACKEND_JOB.id } })).status).toBe(200);
    const layouts = [
      { width: 1280, headers: ['Name', 'Email', 'Phone', 'Location', 'Current role', 'Experience', 'Notice period', 'Primary skills', 'Applications', 'Sync'] },
      { width: 1024, headers: ['Name', 'Email', 'Current role', 'Experience', 'Notice period', 'Primary skills', 'Applications', 'Sync'] },
      // The window's least width.
      { width: 720, headers: ['Name', 'Email', 'Primary skills', 'Applications', 'Sync'] },
    ];
    for (const { width, headers } of layouts) {
      const page = await workspace.newPage({ viewport: { width, height: 800 } });
      await waitForNames(page, newestFirst.slice(0, 10));
      expect(await grid(page).getByRole('columnheader').allTextContents()).toEqual(headers);
      const fits = await page.locator('.candidates-scroll').evaluate((scroller) => {
        const right = scroller.getBoundingClientRect().right;
        const sync = [...scroller.querySelectorAll('[role="columnheader"]')].at(-1)!.getBoundingClientRect();
        return { overflow: scroller.scrollWidth - scroller.clientWidth, syncInside: sync.right <= right };
      });
      expect(fits).toEqual({ overflow: 0, syncInside: true });
      // Each row's cells line up under the headers shown.
      const row = grid(page).getByRole('row').filter({ hasText: newestFirst[0]! });
      expect(await row.getByRole('gridcell').count()).toBe(headers.length);
      const badges = grid(page).getByRole('row').filter({ hasText: twoJobs }).locator('.candidates-applications .badge');
      await expect.poll(() => badges.count()).toBe(2);
      expect(await badges.evaluateAll((all) => all.filter((badge) => badge.scrollWidth > badge.clientWidth).length), `${width} px`).toBe(0);
      if (headers.includes('Phone')) {
        // A phone number written in full, +91 and spaces, is not cut short; and is there whole on hover anyway.
        const phone = row.getByRole('gridcell').nth(2);
        expect(await phone.evaluate((cell) => cell.scrollWidth <= cell.clientWidth), `${width} px`).toBe(true);
        expect(await phone.getAttribute('title')).toBe('+91 98450 00029');
      }
      await saveScreenshot(page, `candidates-list-${width}x800-light`);
      await page.close();
    }
  });

  it('narrows the list as a search is typed, and shows the newest answer', async () => {
    const { page } = workspace;
    const search = page.getByLabel('Search');
    await search.pressSequentially('zaveri 2', { delay: 30 });
    const matching = created.map((candidate) => candidate.name).filter((name) => name.toLowerCase().includes('zaveri 2')).reverse();
    expect(matching.length).toBeGreaterThan(1);
    await waitForNames(page, matching);
    expect(await visibleNames(page)).toEqual(matching);

    await search.press('Backspace');
    await search.press('Backspace');
    const zaveri = created.map((candidate) => candidate.name).filter((name) => name.includes('Zaveri')).reverse();
    await waitForNames(page, zaveri);
    expect(await visibleNames(page)).toEqual(zaveri);

    await search.fill('nobody-by-this-name');
    await page.getByText('No candidates match').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    // The button went with the empty list: the focus is back in the search box, not on the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search');
    await waitForNames(page, created.map((candidate) => candidate.name).reverse().slice(0, 10));
  });

  it('filters by job, naming jobs by their titles', async () => {
    const { page } = workspace;
    const jobFilter = page.getByLabel('Job', { exact: true });
    expect(await jobFilter.locator('option').allTextContents()).toEqual(['All jobs', 'Backend Engineer', 'Product Designer']);
    await jobFilter.selectOption({ label: 'Product Designer' });
    const designers = created.filter((candidate) => candidate.jobs.includes(DESIGN_JOB.id)).map((candidate) => candidate.name).reverse();
    await waitForNames(page, designers);
    expect(await visibleNames(page)).toEqual(designers);
    // The application column reads each row's detail once the rows have settled.
    await expect.poll(() => grid(page).getByRole('row').filter({ hasText: designers[0]! }).locator('.candidates-applications').textContent()).toBe('Interview');
    await page.getByText(`${designers.length} for this job`).waitFor();
    // Searching within the job says both.
    const search = page.getByLabel('Search', { exact: true });
    await search.fill(designers[0]!);
    await page.getByText(`1 matching “${designers[0]}” for this job`).waitFor();
    await search.fill('');
    await jobFilter.selectOption({ label: 'All jobs' });
  });

  it('offers the jobs applications name without a title, once the filter is reached for', async () => {
    const { page } = workspace;
    // As sync brings them: an application to a job this copy has no title for.
    const target = created[7]!;
    const found = await workspace.api('GET', `/api/v1/candidates?search=${encodeURIComponent(target.name)}`);
    const untitledJob = '3a7c2e90-1b4d-4f8a-9c6e-5d2f8b1a0e47';
    expect((await workspace.api('PUT', `/api/v1/candidates/${found.body.data[0].id}`, { application: { job_id: untitledJob } })).status).toBe(200);

    const jobFilter = page.getByLabel('Job', { exact: true });
    // Read as the pointer comes over the filter: a dropdown opened by the click that follows shows the options it had.
    await jobFilter.hover();
    const label = 'Job 3a7c2e90…, 1 application';
    await jobFilter.locator('optgroup[label="Without a title (name them in Settings)"] > option', { hasText: label }).waitFor({ state: 'attached' });
    expect(await jobFilter.locator('option').allTextContents()).toEqual(['All jobs', 'Backend Engineer', 'Product Designer', label]);
    await jobFilter.selectOption({ label });
    await waitForNames(page, [target.name]);
    await page.getByText('1 for this job').waitFor();
    // The filter shows an untitled job's label whole, not cut off before its count, up to thousands of applications.
    const labelFits = await jobFilter.evaluate((select: HTMLSelectElement) => {
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const longest = select.selectedOptions[0]!.textContent!.replace('1 application', '9,999 applications');
      return context.measureText(longest).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) <= select.clientWidth;
    });
    expect(labelFits).toBe(true);
    await jobFilter.selectOption({ label: 'All jobs' });
  });

  it('moves the selection with the arrow keys and opens the selected candidate with Enter', async () => {
    const { page } = workspace;
    const newestFirst = created.map((candidate) => candidate.name).reverse();
    await waitForNames(page, newestFirst.slice(0, 10));
    await page.getByLabel('Search').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const selected = grid(page).locator('[role="row"][aria-selected="true"]');
    expect(await selected.locator('.candidates-name-text').textContent()).toBe(newestFirst[1]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Full name').inputValue()).toBe(newestFirst[1]);

    // Ctrl+F comes back to the list with the Search box focused.
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search');
  });

  it('opens a candidate on click', async () => {
    const { page } = workspace;
    const newestFirst = created.map((candidate) => candidate.name).reverse();
    await grid(page).getByRole('row').filter({ hasText: newestFirst[4]! }).click();
    await expect.poll(() => page.getByLabel('Full name').inputValue()).toBe(newestFirst[4]);
  });

  it('comes back to the row that was opened', async () => {
    const { page } = workspace;
    const oldest = created[0]!.name;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Candidates' }).click();
    await grid(page).focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Full name').inputValue()).toBe(oldest);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Candidates' }).click();
    const row = grid(page).getByRole('row').filter({ hasText: oldest });
    await row.waitFor();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    expect(await row.isVisible()).toBe(true);
    const inView = await row.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const scroller = element.closest('.candidates-scroll')!.getBoundingClientRect();
      return box.top >= scroller.top && box.bottom <= scroller.bottom;
    });
    expect(inView).toBe(true);
  });

  // Last: it adds a candidate the tests above do not expect.
  it('comes back to the person opened, when rows above them were added meanwhile', async () => {
    const { page } = workspace;
    const newestFirst = created.map((candidate) => candidate.name).reverse();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Candidates' }).click();
    await grid(page).focus();
    await page.keyboard.press('Home');
    await grid(page).getByRole('row').filter({ hasText: newestFirst[5]! }).click();
    await expect.poll(() => page.getByLabel('Full name').inputValue()).toBe(newestFirst[5]);
    // As the editor's New candidate, or a sync, would: a newer candidate, listed above them all.
    expect((await workspace.api('POST', '/api/v1/candidates', { full_name: 'Newest Arrival', email: 'newest.arrival@example.com' })).status).toBe(201);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Candidates' }).click();
    await waitForNames(page, ['Newest Arrival', ...newestFirst.slice(0, 9)]);
    const selected = grid(page).locator('[role="row"][aria-selected="true"] .candidates-name-text');
    await expect.poll(() => selected.textContent()).toBe(newestFirst[5]);
    await grid(page).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Full name').inputValue()).toBe(newestFirst[5]);
  });
});
