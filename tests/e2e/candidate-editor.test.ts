import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConnectedWorkspace } from './helpers/connected-workspace';
import { type Workspace, isCandidateSave, saveScreenshot } from './helpers/workspace';

const E2E_TIMEOUT_MS = 120_000;

let workspace: Workspace | undefined;
afterEach(async () => {
  await workspace?.close();
  workspace = undefined;
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function openNewCandidate(page: Page) {
  await page.getByRole('button', { name: 'New candidate' }).first().click();
  await page.getByRole('heading', { name: 'New candidate' }).waitFor();
}

async function openFromList(page: Page, name: string) {
  await page.getByRole('button', { name: 'Candidates', exact: true }).first().click();
  await page.getByLabel('Search', { exact: true }).fill(name);
  await page.getByRole('row', { name: new RegExp(name) }).first().click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('the candidate editor', { timeout: E2E_TIMEOUT_MS }, () => {
  it('creates a candidate with every field, resume file included', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await openNewCandidate(page);

    await field(page, 'Full name').fill('Jane Doe');
    await field(page, 'Email').fill('jane.doe@example.com');
    await field(page, 'Phone number').fill('+91 90000 12345');
    await page.getByLabel('Same as phone').check();
    await field(page, 'Location').fill('Bangalore');
    await field(page, 'Preferred location').fill('Remote');
    const primary = field(page, 'Primary skills');
    await primary.pressSequentially('React');
    await primary.press('Enter');
    await primary.pressSequentially('TypeScript,');
    await primary.pressSequentially('react');
    await primary.press('Enter');
    await page.getByText('"react" is already in Primary skills.').waitFor();
    await primary.fill('');
    await field(page, 'Secondary skills').pressSequentially('Docker,Kubernetes,');
    await field(page, 'Secondary skills').press('Backspace');
    await field(page, 'Total experience (years)').fill('6.5');
    await field(page, 'Current company').fill('Acme Inc');
    await field(page, 'Current designation').fill('Senior Engineer');
    await field(page, 'Current CTC (LPA)').fill('18');
    await field(page, 'Expected CTC (LPA)').fill('24.5');
    await field(page, 'Notice period (days)').fill('30');
    expect(await field(page, 'Last working day').count()).toBe(0);
    await field(page, 'In notice period').selectOption('Yes');
    await field(page, 'Last working day').fill('2026-12-31');
    await field(page, 'Resume URL').fill('https://example.com/jane.pdf');
    await page.getByLabel('Resume file').setInputFiles({ name: 'wrong-file.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not this one') });
    await page.getByLabel('Attached resume').getByText('wrong-file.pdf (uploaded when you save)').waitFor();
    await page.getByRole('button', { name: 'Remove resume file' }).click();
    await page.getByText('No file attached.').waitFor();
    await page.getByLabel('Resume file').setInputFiles({ name: 'jane-doe-cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 Jane') });
    await field(page, 'Source').fill('referral');
    await page.getByRole('button', { name: 'Add metadata' }).click();
    await page.getByLabel('Metadata key 1').fill('external_id');
    await page.getByLabel('Metadata value 1').fill('ATS-9912');
    await saveScreenshot(page, 'candidate-editor-new');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Candidate created.').waitFor();
    await page.getByRole('heading', { name: 'Jane Doe', level: 1 }).waitFor();

    const list = await workspace.api('GET', '/api/v1/candidates?search=jane.doe');
    expect(list.body.meta.total).toBe(1);
    const { body } = await workspace.api('GET', `/api/v1/candidates/${list.body.data[0].id}`);
    expect(body.data).toMatchObject({
      full_name: 'Jane Doe',
      email: 'jane.doe@example.com',
      phone_number: '+91 90000 12345',
      whatsapp_number: '+91 90000 12345',
      location: 'Bangalore',
      preferred_location: 'Remote',
      primary_skills: ['React', 'TypeScript'],
      secondary_skills: ['Docker'],
      total_experience_years: 6.5,
      current_company: 'Acme Inc',
      current_designation: 'Senior Engineer',
      current_ctc: 18,
      expected_ctc: 24.5,
      notice_period_days: 30,
      in_notice_period: true,
      last_working_day: '2026-12-31',
      resume_url: 'https://example.com/jane.pdf',
      source: 'referral',
      metadata: { external_id: 'ATS-9912' },
    });
    const resume = await workspace.api('GET', `/api/local/candidates/${body.data.id}/resume`);
    expect(resume.status).toBe(200);
    expect(resume.body).toBe('%PDF-1.4 Jane');
    await page.getByLabel('Attached resume').getByText('jane-doe-cv.pdf').waitFor();
    await saveScreenshot(page, 'candidate-editor');
  });

  it('says that leaving the notice clears its last working day, before the save does', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', {
      full_name: 'Leaving Lata',
      email: 'lata@example.com',
      in_notice_period: true,
      last_working_day: '2026-12-31',
    });
    await page.reload();
    await openFromList(page, 'Leaving Lata');
    const notice = field(page, 'In notice period');
    expect(await notice.getAttribute('aria-describedby')).toBeNull();

    await notice.selectOption('No');
    const hint = page.locator('#candidate-in_notice_period-hint');
    expect(await hint.textContent()).toBe('Saving clears the last working day, Dec 31, 2026: it belongs to a notice being served.');
    expect(await notice.getAttribute('aria-describedby')).toBe('candidate-in_notice_period-hint');
    // Back to Yes, the date is there again, untouched, and nothing is said.
    await notice.selectOption('Yes');
    expect(await field(page, 'Last working day').inputValue()).toBe('2026-12-31');
    expect(await hint.count()).toBe(0);

    await notice.selectOption('No');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    const { body } = await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`);
    expect(body.data).toMatchObject({ in_notice_period: false, last_working_day: null });
    // Saved, there is nothing left to clear.
    expect(await hint.count()).toBe(0);
  });

  it('points out a salary typed in rupees under its field, and still saves what was typed', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Rupee Ravi', email: 'ravi.rupees@example.com' });
    await page.reload();
    await openFromList(page, 'Rupee Ravi');
    const ctc = field(page, 'Current CTC (LPA)');
    await ctc.fill('1200000');
    const warning = page.locator('#candidate-current_ctc-warning');
    expect(await warning.textContent()).toBe('Counted in lakhs a year: if this is rupees, it is 12 LPA.');
    expect(await ctc.getAttribute('aria-describedby')).toBe('candidate-current_ctc-warning');
    expect(await ctc.getAttribute('aria-invalid')).toBeNull();
    await warning.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'candidate-editor-ctc-warning');
    await ctc.fill('12');
    expect(await warning.count()).toBe(0);
    expect(await ctc.getAttribute('aria-describedby')).toBeNull();

    // A warning, not an error: what the recruiter means is theirs to say.
    await ctc.fill('1200000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    const { body } = await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`);
    expect(body.data.current_ctc).toBe(1200000);
  });

  it('shows a bad email next to its field and saves nothing', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await openNewCandidate(page);
    await field(page, 'Full name').fill('Bad Email');
    await field(page, 'Email').fill('not-an-email');
    await page.keyboard.press('Control+s');

    const email = field(page, 'Email');
    await page.locator('#candidate-email[aria-invalid="true"]').waitFor();
    const errorId = await email.getAttribute('aria-describedby');
    expect(errorId).toBeTruthy();
    expect(await page.locator(`#${errorId}`).textContent()).toMatch(/must be an email address/);
    expect(await field(page, 'Full name').getAttribute('aria-invalid')).toBeNull();
    const list = await workspace.api('GET', '/api/v1/candidates');
    expect(list.body.meta.total).toBe(0);
  });

  it('refuses a date the browser cannot read rather than saving it as no date', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', {
      full_name: 'Dated Person',
      email: 'dated@example.com',
      in_notice_period: true,
      last_working_day: '2026-12-31',
    });
    await page.reload();
    await openFromList(page, 'Dated Person');
    const date = field(page, 'Last working day');
    expect(await date.inputValue()).toBe('2026-12-31');
    // 31 February: the input's value becomes "", as if cleared.
    await date.clear();
    await date.pressSequentially('02312026');
    expect(await date.evaluate((input: HTMLInputElement) => input.validity.badInput)).toBe(true);
    // The kept form leaves the unreadable date out: restored and saved, "" would clear the stored date.
    await field(page, 'Location').fill('Pune');
    const kept = async () => (await workspace!.api('GET', `/api/local/drafts/${created.body.data.id}`)).body.data?.form.changed;
    await expect.poll(kept).toEqual({ location: 'Pune' });
    await page.keyboard.press('Control+s');

    await page.locator('#candidate-last_working_day[aria-invalid="true"]').waitFor();
    expect(await page.locator('#candidate-last_working_day-error').textContent()).toMatch(/not a whole calendar date/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('candidate-last_working_day');
    const stored = await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`);
    expect(stored.body.data.last_working_day).toBe('2026-12-31');

    // Cleared on purpose, it is kept and saved as no date.
    await date.clear();
    await expect.poll(kept).toEqual({ location: 'Pune', last_working_day: '' });
    await page.keyboard.press('Control+s');
    await page.getByText('Saved.').waitFor();
    expect((await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`)).body.data.last_working_day).toBeNull();
  });

  it('refuses an unreadable date typed where there was none, the only change, and counts it as unsaved', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Undated Person', email: 'undated@example.com', in_notice_period: true });
    await page.reload();
    await openFromList(page, 'Undated Person');
    const date = field(page, 'Last working day');
    await date.pressSequentially('02312027');
    expect(await date.evaluate((input: HTMLInputElement) => input.validity.badInput)).toBe(true);
    await page.locator('.save-state', { hasText: 'Unsaved changes' }).waitFor();

    await page.keyboard.press('Control+s');
    await page.locator('#candidate-last_working_day[aria-invalid="true"]').waitFor();
    expect(await page.locator('#candidate-last_working_day-error').textContent()).toMatch(/not a whole calendar date/);
    expect(await page.getByText('Nothing to save').count()).toBe(0);
    expect((await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`)).body.data.last_working_day).toBeNull();
  });

  it('says how a save went beside Save, which keeps the focus, however far down the form the recruiter is', async () => {
    workspace = await openConnectedWorkspace({ viewport: { width: 1280, height: 600 } });
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Far Down', email: 'far.down@example.com' });
    await page.reload();
    await openFromList(page, 'Far Down');
    const source = field(page, 'Source');
    await source.fill('Referral');
    await page.locator('.save-state', { hasText: 'Unsaved changes' }).waitFor();
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await save.click();

    // Matched whole: Playwright's text match is by substring, in any case, and "Unsaved changes" holds "saved".
    const state = page.locator('.save-state');
    await state.filter({ hasText: /^Saved$/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save');
    // The notice at the form's top is scrolled out of view; the state beside Save is not.
    expect((await page.locator('.editor-notice').boundingBox())!.y).toBeLessThan((await page.locator('.editor-header').boundingBox())!.y + 10);
    const box = (await state.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(600);
    await saveScreenshot(page, 'editor-saved-scrolled');
    expect((await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`)).body.data.source).toBe('Referral');

    await save.press('Enter');
    await state.filter({ hasText: /^Nothing to save$/ }).waitFor();
    await source.fill('Job board');
    await state.filter({ hasText: /^Unsaved changes$/ }).waitFor();
    await field(page, 'Email').fill('not an address');
    await save.click();
    await state.filter({ hasText: /^Not saved$/ }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('candidate-email');
    await saveScreenshot(page, 'editor-not-saved');
  });

  it('hands the focus on when a skill tag or a metadata row is removed, and names a metadata error on its inputs', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await openNewCandidate(page);
    const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);
    const skills = field(page, 'Primary skills');
    for (const skill of ['Go', 'SQL', 'Rust']) {
      await skills.fill(skill);
      await skills.press('Enter');
    }
    await page.getByRole('button', { name: 'Remove SQL' }).click();
    await expect.poll(focusedLabel).toBe('Remove Rust');
    await page.keyboard.press('Enter');
    await expect.poll(focusedLabel).toBe('Remove Go');
    await page.keyboard.press('Enter');
    await expect.poll(focusedLabel).toBe('candidate-primary_skills');

    const add = page.getByRole('button', { name: 'Add metadata' });
    await add.click();
    await expect.poll(focusedLabel).toBe('Metadata key 1');
    await page.keyboard.type('ats_id');
    await add.click();
    await expect.poll(focusedLabel).toBe('Metadata key 2');
    await page.keyboard.type('ats_id');
    await field(page, 'Full name').fill('Tag Person');
    await field(page, 'Email').fill('tag.person@example.com');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(focusedLabel).toBe('Metadata key 1');
    const describedBy = await page.getByLabel('Metadata key 1').getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/ats_id/);
    await page.getByRole('button', { name: 'Remove metadata ats_id' }).first().click();
    await expect.poll(focusedLabel).toBe('Remove metadata ats_id');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Add metadata');
  });

  it('wraps a very long skill inside its box', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await openNewCandidate(page);
    const skills = field(page, 'Primary skills');
    await skills.fill('Kubernetes'.repeat(40));
    await skills.press('Enter');
    const box = (await page.locator('.tag-input').first().boundingBox())!;
    const tag = (await page.locator('.tag').first().boundingBox())!;
    expect(tag.x + tag.width).toBeLessThanOrEqual(box.x + box.width);
    expect(tag.height).toBeGreaterThan(40);
  });

  it('keeps the open candidate in the address: a reload reopens it, Back and Forward move between screens', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Nila Rao', email: 'nila@example.com', location: 'Mysuru' });
    const id: string = created.body.data.id;
    await page.reload();
    await openFromList(page, 'Nila Rao');
    expect(new URL(page.url()).hash).toBe(`#/candidates/${id}`);
    // The window and the tab are named after the candidate, and after the screen once back.
    await expect.poll(() => page.title()).toBe('Nila Rao — Recruiter Desk');

    await page.reload();
    await page.getByRole('heading', { name: 'Nila Rao', level: 1 }).waitFor();
    expect(await field(page, 'Location').inputValue()).toBe('Mysuru');

    await page.goBack();
    await page.getByRole('grid', { name: 'Candidates' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/candidates');
    await expect.poll(() => page.title()).toBe('Candidates — Recruiter Desk');
    await page.goForward();
    await page.getByRole('heading', { name: 'Nila Rao', level: 1 }).waitFor();

    // Unsaved changes: Back asks first, and staying keeps the form and its address.
    await field(page, 'Location').fill('Mangaluru');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.goBack();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/candidates/${id}`);
    expect(await field(page, 'Location').inputValue()).toBe('Mangaluru');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.goBack();
    await page.getByRole('grid', { name: 'Candidates' }).waitFor();
    expect((await workspace.api('GET', `/api/v1/candidates/${id}`)).body.data.location).toBe('Mysuru');

    // Settings has an address of its own too.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  });

  it('edits and saves only what changed; a reload shows it', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', {
      full_name: 'Ravi Kumar',
      email: 'ravi@example.com',
      location: 'Chennai',
      current_company: 'Initech',
    });
    expect(created.status).toBe(201);
    await page.reload();
    await openFromList(page, 'Ravi Kumar');

    // Not said, then yes, then not said again: back as it was, nothing to save.
    expect(await field(page, 'In notice period').inputValue()).toBe('Not said');
    await field(page, 'In notice period').selectOption('Yes');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    await field(page, 'In notice period').selectOption('Not said');
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });

    expect(await field(page, 'Location').inputValue()).toBe('Chennai');
    await field(page, 'Location').fill('Hyderabad');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (isCandidateSave(request)) sent.push(request.postData() ?? '');
    });
    // A skill typed but not yet added with Enter is saved too.
    await field(page, 'Primary skills').pressSequentially('Kotlin');
    await page.keyboard.press('Control+s');
    await page.getByText('Saved.').waitFor();
    expect(sent.map((text) => JSON.parse(text))).toEqual([{ location: 'Hyderabad', primary_skills: ['Kotlin'] }]);

    await page.reload();
    await openFromList(page, 'Ravi Kumar');
    expect(await field(page, 'Location').inputValue()).toBe('Hyderabad');
    expect(await field(page, 'Current company').inputValue()).toBe('Initech');
    expect(await page.getByRole('list', { name: 'Primary skills added' }).textContent()).toContain('Kotlin');
  });

  it('asks before leaving with unsaved changes', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await openNewCandidate(page);
    await field(page, 'Full name').fill('Half Typed');

    const dismissed = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))));
    await page.getByRole('button', { name: 'Candidates', exact: true }).first().click();
    expect(await dismissed).toMatch(/unsaved changes/);
    expect(await field(page, 'Full name').inputValue()).toBe('Half Typed');

    // New candidate on a new candidate's form starts it over, after asking the same way.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'New candidate' }).click();
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
    expect(await field(page, 'Full name').inputValue()).toBe('');

    await field(page, 'Full name').fill('Typed Again');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Candidates', exact: true }).first().click();
    await page.getByLabel('Search', { exact: true }).waitFor();
  });

  it('keeps what was typed and not saved through a crash, and offers it back over what changed since', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Meera Nair', email: 'meera@example.com', location: 'Kochi' });
    const id: string = created.body.data.id;
    await page.reload();
    await openFromList(page, 'Meera Nair');
    await field(page, 'Location').fill('Mumbai');
    await field(page, 'Current company').fill('Globex');
    // Kept in the local store a moment after the last key.
    const kept = async () => (await workspace!.api('GET', `/api/local/drafts/${id}`)).body.data?.form.changed;
    await expect.poll(kept).toEqual({ location: 'Mumbai', current_company: 'Globex' });

    // The page goes without a save, as in a crash: nothing held in memory survives it.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    // Meanwhile another field changes (a sync would do the same).
    expect((await workspace.api('PUT', `/api/v1/candidates/${id}`, { phone_number: '+91 90000 00001' })).status).toBe(200);

    await openFromList(page, 'Meera Nair');
    const offer = page.getByRole('status').filter({ hasText: 'You typed changes here that were not saved' });
    await offer.waitFor();
    expect(await offer.textContent()).toContain('The candidate has changed since');
    expect(await field(page, 'Location').inputValue()).toBe('Kochi');
    await saveScreenshot(page, 'editor-draft-offer');
    // Until the offer is answered the form takes no typing and no save: a restore would replace it, and it could not be kept.
    expect(await offer.textContent()).toContain('Restore or discard them to go on editing.');
    const columns = page.locator('.editor-columns');
    expect(await columns.getAttribute('inert')).not.toBeNull();
    expect(await columns.evaluate((element) => getComputedStyle(element).opacity)).toBe('0.6');
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await offer.getByRole('button', { name: 'Restore them' }).click();
    expect(await columns.getAttribute('inert')).toBeNull();
    // The focus goes on to the first field restored, not to the page with the offer's buttons.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('candidate-location');
    expect(await field(page, 'Location').inputValue()).toBe('Mumbai');
    expect(await field(page, 'Current company').inputValue()).toBe('Globex');
    expect(await field(page, 'Phone number').inputValue()).toBe('+91 90000 00001');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();

    await page.keyboard.press('Control+s');
    await page.getByText('Saved.').waitFor();
    expect((await workspace.api('GET', `/api/v1/candidates/${id}`)).body.data).toMatchObject({
      location: 'Mumbai',
      current_company: 'Globex',
      phone_number: '+91 90000 00001',
    });
    await expect.poll(async () => (await workspace!.api('GET', '/api/local/drafts')).body.data).toEqual([]);
  });

  it('forgets the kept form once saved, even when keeping it was still on its way', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await workspace.api('POST', '/api/v1/candidates', { full_name: 'Tara Iyer', email: 'tara@example.com', location: 'Goa' });
    await page.reload();
    await openFromList(page, 'Tara Iyer');
    // The store is slow to take the kept form: the save, and the discard it brings, come while it is held.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/local/drafts/*', async (route) => {
      if (route.request().method() === 'PUT') await held;
      await route.continue();
    });
    const isDraft = (method: string) => (response: { request: () => { method: () => string; url: () => string } }) =>
      response.request().method() === method && response.request().url().includes('/api/local/drafts/');
    const kept = page.waitForResponse(isDraft('PUT'));
    const discarded = page.waitForResponse(isDraft('DELETE'));
    await field(page, 'Location').fill('Panaji');
    await page.waitForRequest((request) => request.method() === 'PUT' && request.url().includes('/api/local/drafts/'));
    await page.keyboard.press('Control+s');
    await page.getByText('Saved.').waitFor();
    release();
    await Promise.all([kept, discarded]);
    expect((await workspace.api('GET', '/api/local/drafts')).body.data).toEqual([]);
  });

  it('offers a new candidate’s unsaved form back too, and forgets it once discarded', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await openNewCandidate(page);
    await field(page, 'Full name').fill('Half Typed');
    await field(page, 'Email').fill('half@example.com');
    await expect
      .poll(async () => (await workspace!.api('GET', '/api/local/drafts/new')).body.data?.form.changed)
      .toMatchObject({ full_name: 'Half Typed', email: 'half@example.com' });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    // The workspace says, as it opens, that a form was kept; Needs attention lists it, and opens it.
    const notice = page.getByRole('status').filter({ hasText: 'A form you had not saved was kept when Recruiter Desk or its window last closed.' });
    await notice.getByRole('button', { name: 'Review' }).click();
    await notice.waitFor({ state: 'detached' });
    const neverSaved = page.getByRole('region', { name: 'Never saved (1)' });
    await neverSaved.getByText(/^Last typed /).waitFor();
    await neverSaved.getByRole('button', { name: 'A new candidate' }).click();
    await page.getByRole('heading', { name: 'New candidate' }).waitFor();
    const offer = page.getByRole('status').filter({ hasText: 'You typed changes here that were not saved' });
    await offer.waitFor();
    expect(await offer.textContent()).not.toContain('changed since');
    expect(await field(page, 'Full name').inputValue()).toBe('');
    await offer.getByRole('button', { name: 'Discard them' }).click();
    await offer.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('candidate-full_name');
    expect(await field(page, 'Full name').inputValue()).toBe('');
    await expect.poll(async () => (await workspace!.api('GET', '/api/local/drafts')).body.data).toEqual([]);

    // Nothing kept, nothing said.
    const checked = page.waitForResponse((response) => response.url().endsWith('/api/local/drafts'));
    await page.reload();
    expect(await (await checked).json()).toEqual({ data: [] });
    expect(await page.getByText('you had not saved').count()).toBe(0);
  });

  it('says kept forms in a strip above the sync bar that hides nothing, and Dismiss hands the focus on', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await openNewCandidate(page);
    await field(page, 'Full name').fill('Kept Form');
    await expect.poll(async () => (await workspace!.api('GET', '/api/local/drafts/new')).body.data?.form.changed).toMatchObject({ full_name: 'Kept Form' });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();

    const notice = page.getByRole('status').filter({ hasText: 'A form you had not saved was kept' });
    await notice.waitFor();
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const [main, strip, syncBar] = [await box('.workspace-main'), await box('.kept-drafts-notice'), await box('.sync-bar')];
    expect(main.y + main.height).toBeLessThanOrEqual(strip.y + 0.5);
    expect(strip.y + strip.height).toBeLessThanOrEqual(syncBar.y + 0.5);
    await saveScreenshot(page, 'kept-drafts-notice');
    await notice.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await notice.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('page');
    const after = await box('.workspace-main');
    expect(after.y + after.height).toBeCloseTo(syncBar.y, 0);
  });

  it('keeps everything typed when the new candidate’s email exists, and offers to open that candidate', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await workspace.api('POST', '/api/v1/candidates', { full_name: 'Asha Patel', email: 'asha@example.com', location: 'Mumbai' });
    await page.reload();
    await openNewCandidate(page);
    await field(page, 'Full name').fill('Someone Else');
    await field(page, 'Email').fill('ASHA@example.com');
    await field(page, 'Current company').fill('Typed Co');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await page.getByText('Asha Patel already has this email. Nothing was saved').waitFor();
    expect(await page.locator('#candidate-email-error').textContent()).toBe('A candidate with this email already exists.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('candidate-email');
    expect(await field(page, 'Full name').inputValue()).toBe('Someone Else');
    expect(await field(page, 'Current company').inputValue()).toBe('Typed Co');
    const list = await workspace.api('GET', '/api/v1/candidates');
    expect(list.body.meta.total).toBe(1);
    expect(list.body.data[0]).toMatchObject({ location: 'Mumbai', current_company: null });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Open Asha Patel' }).click();
    await page.getByRole('heading', { name: 'Asha Patel', level: 1 }).waitFor();
    expect(await field(page, 'Location').inputValue()).toBe('Mumbai');
  });

  it('keeps what is typed while a save is on its way, as unsaved changes', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await workspace.api('POST', '/api/v1/candidates', { full_name: 'Slow Save', email: 'slow.save@example.com', current_designation: 'Engineer' });
    await page.reload();
    await openFromList(page, 'Slow Save');
    let releaseSave: () => void = () => undefined;
    const saveHeld = new Promise<void>((resolve) => {
      releaseSave = resolve;
    });
    await page.route('**/api/v1/candidates/*', async (route) => {
      if (route.request().method() === 'PUT') await saveHeld;
      await route.continue();
    });
    await field(page, 'Current company').fill('Globex');
    await page.keyboard.press('Control+s');
    await page.getByRole('button', { name: 'Saving…' }).waitFor();
    await field(page, 'Current designation').fill('Typed during save');
    releaseSave();
    await page.getByText('Saved.').waitFor();

    expect(await field(page, 'Current company').inputValue()).toBe('Globex');
    expect(await field(page, 'Current designation').inputValue()).toBe('Typed during save');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    await page.keyboard.press('Control+s');
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
    const list = await workspace.api('GET', '/api/v1/candidates?search=slow.save');
    expect(list.body.data[0]).toMatchObject({ current_company: 'Globex', current_designation: 'Typed during save' });
  });

  it('puts the API’s email_taken on Email when an edit takes another candidate’s email', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await workspace.api('POST', '/api/v1/candidates', { full_name: 'Owner Of Email', email: 'taken@example.com' });
    const other = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Nikhil Joshi', email: 'nikhil@example.com' });
    await page.reload();
    await openFromList(page, 'Nikhil Joshi');
    await field(page, 'Email').fill('Taken@Example.com');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await page.locator('#candidate-email[aria-invalid="true"]').waitFor();
    const errorId = await field(page, 'Email').getAttribute('aria-describedby');
    expect(await page.locator(`#${errorId}`).textContent()).toMatch(/email/i);
    const stored = await workspace.api('GET', `/api/v1/candidates/${other.body.data.id}`);
    expect(stored.body.data.email).toBe('nikhil@example.com');
  });

  it('brings the first field to correct into view, not under the sticky header', async () => {
    workspace = await openConnectedWorkspace({ viewport: { width: 1280, height: 640 } });
    const { page } = workspace;
    await workspace.api('POST', '/api/v1/candidates', { full_name: 'Scrolled Person', email: 'scrolled@example.com' });
    await page.reload();
    await openFromList(page, 'Scrolled Person');
    await field(page, 'Full name').fill('');
    await field(page, 'Location').fill('Pune');
    // Scrolled so that Full name sits under the sticky header: in the viewport, so focusing it alone scrolls nothing.
    await field(page, 'Full name').evaluate((input) => {
      const header = document.querySelector('.editor-header')!.getBoundingClientRect();
      let scroller = input.parentElement;
      while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
      (scroller ?? document.scrollingElement!).scrollBy(0, input.getBoundingClientRect().top - (header.top + 20));
    });
    const under = await Promise.all([field(page, 'Full name').boundingBox(), page.locator('.editor-header').boundingBox()]);
    expect(under[0]!.y).toBeLessThan(under[1]!.y + under[1]!.height);
    await page.keyboard.press('Control+s');

    await page.locator('#candidate-full_name[aria-invalid="true"]').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'candidate-full_name');
    const [fieldBox, headerBox] = await Promise.all([field(page, 'Full name').boundingBox(), page.locator('.editor-header').boundingBox()]);
    expect(fieldBox!.y).toBeGreaterThanOrEqual(headerBox!.y + headerBox!.height);
  });

  it('shows what a sync brought in, keeping what was typed and naming the fields both sides changed', async () => {
    workspace = await openConnectedWorkspace({ withCloud: true });
    const { page, cloud } = workspace;
    const { candidate } = cloud!.controls.addCandidate({ full_name: 'Farah Khan', email: 'farah.khan@example.com', location: 'Pune', current_company: 'Globex' });
    expect((await workspace.api('POST', '/api/local/sync?wait=true')).status).toBeLessThan(300);
    await openFromList(page, 'Farah Khan');
    const syncNow = () => page.getByRole('button', { name: 'Sync now', exact: true }).click();

    // Nothing typed: the form takes the cloud's edit.
    cloud!.controls.editAsRecruiter(candidate.id, { current_company: 'Initech' });
    await syncNow();
    await page.getByText('The last sync updated this candidate: the form shows what it holds now.').waitFor();
    expect(await field(page, 'Current company').inputValue()).toBe('Initech');
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(0);

    // Typed and not saved: kept, while the fields not typed in take the cloud's values.
    await field(page, 'Location').fill('Mumbai');
    await field(page, 'Current designation').fill('Staff Engineer');
    cloud!.controls.editAsRecruiter(candidate.id, { location: 'Delhi', current_company: 'Umbrella' });
    await syncNow();
    await page.getByText('Location also changed in the cloud: saving replaces it with what you typed.').waitFor();
    expect(await field(page, 'Current company').inputValue()).toBe('Umbrella');
    expect(await field(page, 'Location').inputValue()).toBe('Mumbai');
    expect(await field(page, 'Current designation').inputValue()).toBe('Staff Engineer');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    const stored = await workspace.api('GET', `/api/v1/candidates/${candidate.id}`);
    expect(stored.body.data).toMatchObject({ location: 'Mumbai', current_company: 'Umbrella', current_designation: 'Staff Engineer' });
  });

  it('attaches a resume to a saved candidate, downloads it, removes it, and opens the resume URL in a new window', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const failedRequests: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
    });
    const sara = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Sara Ali', email: 'sara@example.com', resume_url: 'https://example.com/sara.pdf' });
    await page.reload();
    await openFromList(page, 'Sara Ali');
    await page.getByText('No file attached.').waitFor();
    // No resume is the usual case: finding that out is not a failed request in the console.
    expect(failedRequests).toEqual([]);
    // A file over the limit is refused before a byte of it is sent.
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/resume')) uploads.push(request.url());
    });
    await page.getByLabel('Resume file').setInputFiles({ name: 'huge scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
    await page.getByRole('alert').filter({ hasText: 'huge scan.pdf is larger than 10 MB; choose a smaller file.' }).waitFor();
    expect(uploads).toEqual([]);
    await page.getByLabel('Resume file').setInputFiles({ name: 'Sara Ali CV.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('sara-cv-bytes') });
    await page.getByLabel('Attached resume').getByText('Sara Ali CV.docx').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download resume' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Sara Ali CV.docx');
    expect(readFileSync(await file.path(), 'utf8')).toBe('sara-cv-bytes');

    await page.getByRole('button', { name: 'Remove resume file' }).click();
    await page.getByRole('dialog', { name: 'Remove “Sara Ali CV.docx”?' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('Attached resume').getByText('Sara Ali CV.docx').waitFor();
    await page.getByRole('button', { name: 'Remove resume file' }).click();
    await page.getByRole('dialog', { name: 'Remove “Sara Ali CV.docx”?' }).getByRole('button', { name: 'Remove file' }).click();
    await page.getByText('No file attached.').waitFor();
    // The Remove button went with the file: the focus goes on to attaching another.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Resume file');
    expect((await workspace.api('GET', `/api/local/candidates/${sara.body.data.id}/resume-info`)).body).toEqual({ data: null });

    // The page must not reach the internet: the new window's request is answered here.
    await page.context().route('https://example.com/**', (route) => route.fulfill({ status: 200, body: 'resume' }));
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Open resume URL' }).click();
    expect((await popup).url()).toBe('https://example.com/sara.pdf');
  });
});
