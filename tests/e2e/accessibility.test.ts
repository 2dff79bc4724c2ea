import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type AxeCore from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/project-root';
import { openConnectedWorkspace } from './helpers/connected-workspace';
import { type Workspace, sharedBrowser } from './helpers/workspace';

/**
 * Every screen of the workspace, in the states a recruiter meets, checked with
 * axe-core against WCAG 2.1 A and AA; and the keyboard paths that matter most.
 */

const E2E_TIMEOUT_MS = 150_000;
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const IMPORT_FILE = join(PROJECT_ROOT, 'tests', 'fixtures', 'import-candidates.csv');
const JOBS = [
  { id: '6f1d7a52-93c4-4b8e-a1f0-2c5d8e9b7a31', title: 'Backend Engineer' },
  { id: '0c9e2b41-5a7d-4f36-8e21-b4c7d9a0e5f2', title: 'Product Designer' },
];
const FIRST_NAMES = ['Asha', 'Bilal', 'Chitra', 'Dev', 'Esha', 'Farhan', 'Gauri', 'Hari'];
const SURNAMES = ['Kulkarni', 'Menon', 'Zaveri'];
/** More than the list shows at 1280×800, so it scrolls. */
const NAMES = Array.from({ length: 24 }, (_, n) => `${FIRST_NAMES[n % FIRST_NAMES.length]} ${SURNAMES[n % SURNAMES.length]} ${n}`);

/** Each violation as one line: rule, impact, what it asks for, and the elements that fail it. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the workspace's Content-Security-Policy allows only its own scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (tags) => {
      const { axe } = window as unknown as { axe: typeof AxeCore };
      const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return violations.map((violation) => {
        const targets = violation.nodes.map((node) => {
          const why = [...node.any, ...node.all, ...node.none][0]?.message;
          return `${node.target.join(' ')}${why ? ` [${why}]` : ''}`;
        });
        return `${violation.id} (${violation.impact}): ${violation.help} — ${targets.join('; ')}`;
      });
    },
    WCAG_21_AA,
  );
}

async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `axe-core found WCAG 2.1 A/AA violations in ${state}`).toEqual([]);
}

/** The sync bar's poll has answered, so the page is not audited half-drawn. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('contentinfo', { name: 'Sync status' }).getByText(/Last synced|Never synced|Sync is off/).waitFor();
}

async function openScreen(page: Page, name: string, heading = name): Promise<void> {
  // Needs attention's button carries its count after the name.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

async function openCandidate(page: Page, name: string): Promise<void> {
  await openScreen(page, 'Candidates');
  await page.getByLabel('Search', { exact: true }).fill(name);
  await page.getByRole('row', { name: new RegExp(name) }).first().click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

interface Focused {
  tag: string;
  role: string | null;
  name: string;
  /** Inside the open dialog. */
  inDialog: boolean;
  inEditor: boolean;
  /** :focus-visible, and drawn: an outline or a focus shadow. */
  visible: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    const drawn = (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
    return {
      tag: element.tagName.toLowerCase(),
      role: element.getAttribute('role'),
      name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
      inDialog: element.closest('dialog[open]') !== null,
      inEditor: element.closest('.candidate-editor') !== null,
      visible: element.matches(':focus-visible') && drawn,
    };
  });
}

async function syncNow(workspace: Workspace): Promise<void> {
  expect((await workspace.api('POST', '/api/local/sync?wait=true')).status).toBeLessThan(300);
}

/** Jobs, candidates with applications, a form never saved, and what sync leaves to decide: a conflict, a parked value, a refused change. */
async function seed(workspace: Workspace): Promise<void> {
  const cloud = workspace.cloud!.controls;
  for (const job of JOBS) expect((await workspace.api('PUT', `/api/local/jobs/${job.id}`, { title: job.title })).status).toBe(200);
  for (const [n, name] of NAMES.entries()) {
    const created = await workspace.api('POST', '/api/v1/candidates', {
      full_name: name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
      phone_number: `98450${String(n).padStart(5, '0')}`,
      location: 'Pune',
      current_designation: 'Engineer',
      current_company: 'Acme',
      total_experience_years: 3 + n,
      notice_period_days: 30,
      primary_skills: ['TypeScript', 'SQL'],
      ...(n % 2 === 0 ? { application: { job_id: JOBS[n % 4 === 0 ? 0 : 1]!.id, status: 'Interview', notes: 'Strong on SQL' } } : {}),
    });
    expect(created.status).toBe(201);
    if (n === 0) {
      // A form left unsaved: offered back in the editor, listed in Needs attention.
      const draft = { form: { changed: { location: 'Mumbai' }, note_drafts: {} }, base_updated_at: created.body.data.updated_at };
      expect((await workspace.api('PUT', `/api/local/drafts/${created.body.data.id}`, draft)).status).toBe(200);
    }
  }

  const { candidate: masked } = cloud.addCandidate({ full_name: 'Kavya Nair', email: 'kavya.nair@example.com', current_ctc: 15 });
  cloud.mask(masked.id);
  await workspace.api('POST', '/api/v1/candidates', { full_name: 'Kavya Nair', email: 'kavya.nair@example.com', phone_number: '+91 98000 00001' });
  const { candidate: conflicted } = cloud.addCandidate({ full_name: 'Arjun Mehta', email: 'arjun.mehta@example.com', location: 'Pune', current_company: 'Globex' });
  await syncNow(workspace);
  await workspace.api('PUT', `/api/v1/candidates/${conflicted.id}`, { location: 'Mumbai', current_company: 'Initech' });
  cloud.editAsRecruiter(conflicted.id, { location: 'Delhi', current_company: 'Umbrella' });
  await syncNow(workspace);

  // Her first application names a job no title was given: Settings offers it to be named.
  const refused = await workspace.api('POST', '/api/v1/candidates', {
    full_name: 'Farah Khan',
    email: 'farah@example.com',
    application: { job_id: 'e1d2c3b4-a596-4877-8899-aabbccddeeff' },
  });
  await syncNow(workspace);
  cloud.setPipeline(['Applied', 'Rejected']);
  await workspace.api('PUT', `/api/v1/candidates/${refused.body.data.id}`, { application: { job_id: JOBS[0]!.id, status: 'Interview' } });
  await syncNow(workspace);

  const status = (await workspace.api('GET', '/api/local/sync')).body.data;
  expect(status).toMatchObject({ conflicts: 2, parked: 1, failed: 1 });
}

describe('accessibility', { timeout: E2E_TIMEOUT_MS }, () => {
  let workspace: Workspace;
  let page: Page;

  beforeAll(async () => {
    workspace = await openConnectedWorkspace({ withCloud: true });
    page = workspace.page;
    await seed(workspace);
    await page.reload();
    await settled(page);
  }, E2E_TIMEOUT_MS);

  afterAll(async () => {
    await workspace?.close();
  });

  it('the connect screen, also with a token refused at its field', async () => {
    const context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const connect = await context.newPage();
      await connect.goto(`${workspace.baseUrl}/`);
      await connect.getByLabel('API token').waitFor();
      await expectAccessible(connect, 'the connect screen');
      await connect.getByLabel('API token').fill('not-the-token');
      await connect.getByRole('button', { name: 'Connect' }).click();
      await connect.getByText('That token was not accepted.', { exact: false }).waitFor();
      await expectAccessible(connect, 'the connect screen with a refused token');
    } finally {
      await context.close();
    }
  });

  it('the candidates list with rows, and a search that matches nobody', async () => {
    await openScreen(page, 'Candidates');
    const grid = page.getByRole('grid', { name: 'Candidates' });
    await grid.getByText(NAMES.at(-1)!).waitFor();
    // The application column and the sync column are filled in once the rows settle.
    await grid.getByRole('gridcell', { name: 'Interview' }).first().waitFor();
    await grid.getByRole('img', { name: 'Masked' }).waitFor();
    await expectAccessible(page, 'the candidates list');

    await page.getByLabel('Search', { exact: true }).fill('nobody-by-this-name');
    await page.getByText('No candidates match').waitFor();
    await expectAccessible(page, 'the candidates list with no matches');
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('the candidate editor: a candidate with applications and a form never saved, a new candidate, a validation error', async () => {
    await openCandidate(page, NAMES[0]!);
    await page.getByLabel(`Status for ${JOBS[0]!.title}`).waitFor();
    await page.getByRole('button', { name: 'Restore them' }).waitFor();
    await page.getByRole('region', { name: 'Sync state' }).getByText(/In sync|Not yet sent|Not in the cloud/).waitFor();
    await expectAccessible(page, 'the editor of a candidate with applications');

    await page.getByRole('button', { name: 'New candidate' }).first().click();
    await page.getByRole('heading', { name: 'New candidate', level: 1 }).waitFor();
    await expectAccessible(page, 'the editor of a new candidate');

    await page.getByLabel('Full name', { exact: true }).fill('Bad Email');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#candidate-email[aria-invalid="true"]').waitFor();
    await expectAccessible(page, 'the editor showing a validation error');

    page.once('dialog', (dialog) => void dialog.accept());
    await openScreen(page, 'Candidates');
  });

  it('a masked candidate, with a parked value and a conflict', async () => {
    await openCandidate(page, 'Kavya Nair');
    await page.getByText('Parked: +91 98000 00001', { exact: false }).waitFor();
    await expectAccessible(page, 'the editor of a masked candidate');
    await openCandidate(page, 'Arjun Mehta');
    await page.getByRole('button', { name: 'Resolve in Needs attention' }).waitFor();
    await expectAccessible(page, 'the editor of a candidate with conflicts');
  });

  it('Needs attention with a form never saved, conflicts, a parked value and a change the cloud refused', async () => {
    await openScreen(page, 'Needs attention');
    await page.getByRole('region', { name: 'Never saved (1)' }).waitFor();
    await page.getByRole('article', { name: 'Conflicts for Arjun Mehta' }).waitFor();
    await page.getByRole('region', { name: /Refused by the cloud/ }).waitFor();
    await page.getByRole('region', { name: /Parked until revealed/ }).waitFor();
    await expectAccessible(page, 'Needs attention');

    await page.getByRole('row', { name: 'Location' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('New value for Location').waitFor();
    await expectAccessible(page, 'Needs attention editing a conflict’s value');
    await page.getByRole('row', { name: 'Location' }).getByRole('button', { name: 'Cancel' }).click();
  });

  it('Settings, and its confirmation dialog', async () => {
    await openScreen(page, 'Settings');
    await page.getByRole('region', { name: 'Jobs' }).getByLabel(`Title of job ${JOBS[0]!.id}`).waitFor();
    await page.getByRole('region', { name: 'Without a title (1)' }).waitFor();
    await page.getByRole('region', { name: 'Pipeline statuses' }).getByLabel('Status 1').waitFor();
    await page.getByRole('region', { name: 'Sync', exact: true }).getByLabel('Sync interval (minutes)').waitFor();
    await expectAccessible(page, 'Settings');

    const jobs = page.getByRole('region', { name: 'Jobs' });
    await jobs.getByLabel('Job id').fill('not-a-uuid');
    await jobs.getByRole('button', { name: 'Add job' }).click();
    await jobs.getByText('A job id is a UUID', { exact: false }).waitFor();
    const title = jobs.getByLabel(`Title of job ${JOBS[0]!.id}`);
    await title.fill('');
    await title.press('Enter');
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    // The error is the field's description, read with it.
    const describedBy = await title.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Give the job a title');
    await expectAccessible(page, 'Settings with errors at their fields');
    await title.fill(JOBS[0]!.title);

    await jobs.getByRole('button', { name: `Remove ${JOBS[1]!.title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remove “${JOBS[1]!.title}”?` });
    await dialog.waitFor();
    await expectAccessible(page, 'the confirmation dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('import: choosing a file, matching its columns, the summary', async () => {
    await openScreen(page, 'Import', 'Import and export');
    await expectAccessible(page, 'the import screen');
    await page.getByLabel('CSV file').setInputFiles(IMPORT_FILE);
    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    await expectAccessible(page, 'the column matching');
    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    await page.getByRole('heading', { name: 'Imported import-candidates.csv' }).waitFor();
    await expectAccessible(page, 'the import summary');
  });

  it('the main screens in the dark theme', async () => {
    const dark = await workspace.newPage({ colorScheme: 'dark' });
    await settled(dark);
    await dark.getByRole('grid', { name: 'Candidates' }).getByRole('gridcell', { name: 'Interview' }).first().waitFor();
    await expectAccessible(dark, 'the candidates list (dark)');
    await openCandidate(dark, NAMES[0]!);
    await dark.getByLabel(`Status for ${JOBS[0]!.title}`).waitFor();
    await expectAccessible(dark, 'the candidate editor (dark)');
    await openScreen(dark, 'Needs attention');
    await dark.getByRole('article', { name: 'Conflicts for Arjun Mehta' }).waitFor();
    await expectAccessible(dark, 'Needs attention (dark)');
    await openScreen(dark, 'Settings');
    await dark.getByRole('region', { name: 'Jobs' }).getByLabel(`Title of job ${JOBS[0]!.id}`).waitFor();
    await expectAccessible(dark, 'Settings (dark)');
  });

  it('names Needs attention with its count as a sentence', async () => {
    const button = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Needs attention/ });
    expect(await button.evaluate((element) => element.textContent)).toMatch(/^Needs attention, \d+ to look at$/);
    // Chromium spaces the hidden comma off the name; speech reads it as a pause all the same.
    expect(await button.ariaSnapshot()).toMatch(/^- button "Needs attention ?, \d+ to look at"$/);
  });

  it('works the list with the keyboard alone: Tab to Search, arrows and End in the grid, Enter opens the candidate at its heading', async () => {
    await openScreen(page, 'Candidates');
    const grid = page.getByRole('grid', { name: 'Candidates' });
    // The search of the candidate opened last is still in the box.
    await page.getByLabel('Search', { exact: true }).fill('');
    await grid.getByText(NAMES.at(-1)!).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Candidates' }).focus();
    const stops: Focused[] = [];
    while (stops.length < 10 && stops.at(-1)?.name !== 'Search') {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    expect(stops.at(-1)?.name).toBe('Search');
    expect(stops.filter((stop) => !stop.visible)).toEqual([]);

    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ role: 'grid', name: 'Candidates' });
    const selected = grid.locator('[role="row"][aria-selected="true"]');
    // The grid draws its focus on the selected row.
    expect(await selected.evaluate((row) => getComputedStyle(row).boxShadow)).not.toBe('none');
    await page.keyboard.press('ArrowDown');
    expect(await selected.getAttribute('aria-rowindex')).toBe('3');

    // End reaches the last row and scrolls it into view: the rows below the fold are the keyboard's too.
    await page.keyboard.press('End');
    await expect.poll(() => grid.getAttribute('aria-activedescendant')).toBe(`candidate-row-${Number(await grid.getAttribute('aria-rowcount')) - 2}`);
    const inView = await selected.evaluate((row) => {
      const box = row.getBoundingClientRect();
      const scroller = row.closest('.candidates-scroll')!.getBoundingClientRect();
      return box.top >= scroller.top && box.bottom <= scroller.bottom;
    });
    expect(inView).toBe(true);

    const name = await selected.locator('.candidates-name-text').textContent();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: name!, level: 1 }).waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', name });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ inEditor: true, visible: true });

    // Back by the editor's own Candidates link: the focus goes on in the grid, not to the page.
    await page.getByRole('region', { name: name! }).getByRole('button', { name: 'Candidates' }).focus();
    await page.keyboard.press('Enter');
    await grid.waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ role: 'grid', name: 'Candidates' });
  });

  it('gives the list one Tab stop, its grid: the box the rows scroll in is not another', async () => {
    await openScreen(page, 'Candidates');
    const grid = page.getByRole('grid', { name: 'Candidates' });
    await grid.locator('.candidates-body [role="row"]').first().waitFor();
    await grid.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="grid"]') ?? null)).toBeNull();
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ role: 'grid', name: 'Candidates' });
  });

  it('keeps the column heads over the rows as they scroll, a row the keys reach below them, and the place when the focus comes back', async () => {
    const grid = page.getByRole('grid', { name: 'Candidates' });
    await grid.focus();
    await page.keyboard.press('End');
    for (let step = 0; step < 16; step += 1) await page.keyboard.press('ArrowUp');
    const last = Number(await grid.getAttribute('aria-rowcount')) - 2;
    await expect.poll(() => grid.getAttribute('aria-activedescendant')).toBe(`candidate-row-${last - 16}`);
    const layout = () =>
      page.evaluate(() => {
        const scroller = document.querySelector<HTMLElement>('.candidates-scroll')!;
        const box = scroller.getBoundingClientRect();
        const head = document.querySelector('.candidates-head')!.getBoundingClientRect();
        const row = document.querySelector('[role="row"][aria-selected="true"]')!.getBoundingClientRect();
        return { scrollTop: scroller.scrollTop, headTop: head.top - box.top, rowBelowHead: row.top - head.bottom };
      });
    const scrolled = await layout();
    expect(scrolled.scrollTop).toBeGreaterThan(0);
    expect(scrolled.headTop).toBe(0);
    expect(scrolled.rowBelowHead).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ role: 'grid', name: 'Candidates' });
    expect(await layout()).toEqual(scrolled);
  });

  it('moves the focus to the first field to fix when a save is refused', async () => {
    await page.keyboard.press('Control+n');
    await page.getByRole('heading', { name: 'New candidate', level: 1 }).waitFor();
    await page.getByLabel('Full name', { exact: true }).fill('Bad Email');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Full name', { exact: true }).focus();
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('candidate-email');
    page.once('dialog', (dialog) => void dialog.accept());
    await openScreen(page, 'Settings');
  });

  it('gives a dialog the focus when it opens, and the button that opened it the focus when it closes', async () => {
    const jobs = page.getByRole('region', { name: 'Jobs' });
    const remove = jobs.getByRole('button', { name: `Remove ${JOBS[1]!.title}` });
    await remove.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Remove “${JOBS[1]!.title}”?` });
    await dialog.waitFor();
    expect(await focused(page)).toMatchObject({ inDialog: true, name: 'Cancel', visible: true });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ inDialog: true, name: 'Remove job', visible: true });

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatchObject({ name: `Remove ${JOBS[1]!.title}`, visible: true });
    expect((await workspace.api('GET', '/api/local/jobs')).body.data).toHaveLength(JOBS.length);
  });
});
