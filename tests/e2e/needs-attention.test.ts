import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openConnectedWorkspace } from './helpers/connected-workspace';
import { type Workspace, saveScreenshot } from './helpers/workspace';

const E2E_TIMEOUT_MS = 150_000;

let workspace: Workspace | undefined;
afterEach(async () => {
  await workspace?.close();
  workspace = undefined;
});

async function syncNow(ws: Workspace) {
  const sync = await ws.api('POST', '/api/local/sync?wait=true');
  expect(sync.status).toBeLessThan(300);
}

async function openFromList(page: Page, name: string) {
  await page.getByRole('button', { name: 'Candidates', exact: true }).first().click();
  await page.getByLabel('Search', { exact: true }).fill(name);
  await page.getByRole('row', { name: new RegExp(name) }).first().click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** A candidate pulled from the cloud, then location, company and notice period edited differently on both sides and synced: three open conflicts. */
async function conflictingEdits(ws: Workspace, fullName: string): Promise<{ id: string }> {
  const { candidate } = ws.cloud!.controls.addCandidate({
    full_name: fullName,
    email: `${fullName.toLowerCase().replace(/\W+/g, '.')}@example.com`,
    location: 'Pune',
    current_company: 'Globex',
    notice_period_days: 30,
  });
  await syncNow(ws);
  expect((await ws.api('PUT', `/api/v1/candidates/${candidate.id}`, { location: 'Mumbai', current_company: 'Initech', notice_period_days: 45 })).status).toBe(200);
  ws.cloud!.controls.editAsRecruiter(candidate.id, { location: 'Delhi', current_company: 'Umbrella', notice_period_days: 60 });
  await syncNow(ws);
  const open = await ws.api('GET', `/api/local/conflicts?status=open&candidate_id=${candidate.id}`);
  expect(open.body.data.map((conflict: any) => conflict.field).sort()).toEqual(['current_company', 'location', 'notice_period_days']);
  return candidate;
}

describe('masked candidates and Needs attention', { timeout: E2E_TIMEOUT_MS }, () => {
  it('shows a masked candidate’s locked fields as locked, with the values parked until a reveal', async () => {
    workspace = await openConnectedWorkspace({ withCloud: true });
    const { page, cloud } = workspace;
    const { candidate } = cloud!.controls.addCandidate({ full_name: 'Kavya Nair', email: 'kavya.nair@example.com', current_ctc: 15 });
    cloud!.controls.mask(candidate.id);
    const local = await workspace.api('POST', '/api/v1/candidates', {
      full_name: 'Kavya Nair',
      email: 'kavya.nair@example.com',
      phone_number: '+91 98000 00001',
      current_ctc: 20,
      location: 'Chennai',
    });
    expect(local.status).toBe(201);
    await syncNow(workspace);

    await page.reload();
    await openFromList(page, 'Kavya Nair');
    await page.getByText('Masked in the talent pool', { exact: false }).waitFor();
    for (const label of ['Email', 'Phone number', 'WhatsApp number', 'Current CTC (LPA)', 'Expected CTC (LPA)']) {
      const locked = page.getByRole('group', { name: label, exact: true });
      expect(await locked.textContent()).toContain('Locked — revealed in the cloud dashboard');
      expect(await page.getByRole('textbox', { name: label, exact: true }).count()).toBe(0);
    }
    expect(await page.getByRole('group', { name: 'Phone number', exact: true }).textContent()).toContain('Parked: +91 98000 00001 — sent once revealed');
    expect(await page.getByRole('group', { name: 'Current CTC (LPA)', exact: true }).textContent()).toContain('Parked: 20 — sent once revealed');
    expect(await page.getByLabel('Location', { exact: true }).inputValue()).toBe('Chennai');

    // An edit of an unlocked field saves: the locked ones are not sent back.
    await page.getByLabel('Location', { exact: true }).fill('Kochi');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await saveScreenshot(page, 'masked-candidate');
    const stored = await workspace.api('GET', `/api/v1/candidates/${local.body.data.id}`);
    expect(stored.body.data).toMatchObject({ talent_pool_status: 'masked', location: 'Kochi', email: '', phone_number: null });

    // Values parked until a reveal ask nothing of the recruiter: the sync bar says they wait, the menu counts none.
    await page.getByText('2 parked', { exact: true }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Needs attention/ }).textContent()).toBe('Needs attention');
    await page.getByRole('button', { name: /^Needs attention/ }).first().click();
    await page.getByRole('heading', { name: /Parked until revealed/ }).waitFor();
    expect(await page.getByText('+91 98000 00001').count()).toBe(1);
  });

  it('resolves a conflict with mine, theirs and an edited value; resolved items leave and the cloud gets the choice', async () => {
    workspace = await openConnectedWorkspace({ withCloud: true, colorScheme: 'dark' });
    const { page, cloud } = workspace;
    const candidate = await conflictingEdits(workspace, 'Arjun Mehta');
    const localId = candidate.id;

    await page.reload();
    await page.getByRole('button', { name: /^Needs attention/ }).first().click();
    const group = page.getByRole('article', { name: 'Conflicts for Arjun Mehta' });
    await group.waitFor();
    const locationRow = group.getByRole('row', { name: 'Location' });
    expect(await locationRow.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['Pune', 'Mumbai', 'Delhi']),
    );
    await saveScreenshot(page, 'needs-attention');

    await locationRow.getByRole('button', { name: 'Take mine' }).click();
    await locationRow.waitFor({ state: 'detached' });
    // The row's button left with it: the focus is on the Conflicts heading, not lost to the page.
    await page.waitForFunction(() => document.activeElement?.id === 'conflicts-title');
    const companyRow = group.getByRole('row', { name: 'Current company' });
    await companyRow.getByRole('button', { name: 'Take theirs' }).click();
    await companyRow.waitFor({ state: 'detached' });
    const noticeRow = page.getByRole('row', { name: 'Notice period (days)' });
    // Escape leaves the edit, as Cancel does, and the focus goes back to Edit.
    await noticeRow.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('New value for Notice period (days)').press('Escape');
    await page.waitForFunction(() => document.activeElement?.textContent === 'Edit');
    expect(await page.getByLabel('New value for Notice period (days)').count()).toBe(0);
    await noticeRow.getByRole('button', { name: 'Edit' }).click();
    // A value the API refuses says why in its row, next to what was typed, which stays to be corrected.
    const newValue = page.getByLabel('New value for Notice period (days)');
    await newValue.fill('500');
    await page.getByRole('button', { name: 'Use this value' }).click();
    await noticeRow.getByRole('alert').getByText('Must be at most 365.', { exact: true }).waitFor();
    expect(await page.getByText('That did not work').count()).toBe(0);
    expect(await newValue.inputValue()).toBe('500');
    expect(await newValue.getAttribute('aria-invalid')).toBe('true');
    await page.waitForFunction(() => document.activeElement?.id.endsWith('-value'));
    await saveScreenshot(page, 'conflict-edit-error');
    await page.getByLabel('New value for Notice period (days)').fill('50');
    await page.getByRole('button', { name: 'Use this value' }).click();
    await page.getByText('Nothing needs your attention').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'needs-attention-title');

    await syncNow(workspace);
    const local = await workspace.api('GET', `/api/v1/candidates/${localId}`);
    expect(local.body.data).toMatchObject({ location: 'Mumbai', current_company: 'Umbrella', notice_period_days: 50 });
    const remote = cloud!.controls.snapshot().find((record: any) => record.id === candidate.id);
    expect(remote).toMatchObject({ location: 'Mumbai', current_company: 'Umbrella', notice_period_days: 50 });
  });

  it('lists a change the cloud refused with its reason, and Retry sends it again', async () => {
    workspace = await openConnectedWorkspace({ withCloud: true });
    const { page, cloud } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Farah Khan', email: 'farah@example.com' });
    await syncNow(workspace);
    // The cloud's pipeline no longer has Interview: the application's move there is refused.
    cloud!.controls.setPipeline(['Applied', 'Rejected']);
    const job = '550e8400-e29b-41d4-a716-446655440000';
    expect((await workspace.api('PUT', `/api/v1/candidates/${created.body.data.id}`, { application: { job_id: job, status: 'Interview' } })).status).toBe(200);
    await syncNow(workspace);
    const failures = await workspace.api('GET', '/api/local/failures');
    expect(failures.body.data).toHaveLength(1);

    await page.reload();
    await page.getByRole('button', { name: /^Needs attention/ }).first().click();
    const section = page.getByRole('region', { name: /Refused by the cloud/ });
    await section.waitFor();
    expect(await section.textContent()).toContain('Farah Khan');
    // Said in words first; the cloud's status and code stay beside the time, for whoever helps.
    await section.getByText(/^The cloud refused these changes: The request has invalid fields\.$/).waitFor();
    expect(await section.locator('.attention-when').textContent()).toMatch(/ · HTTP 400 validation_error$/);
    await saveScreenshot(page, 'needs-attention-failure');

    // Sent again while the cloud still refuses it: the item says so, rather than look as if Retry did nothing.
    await page.getByRole('button', { name: 'Retry Farah Khan' }).click();
    await section.getByRole('status').getByText(/^Retried: the cloud refused it again\.$/).waitFor();
    expect((await workspace.api('GET', '/api/local/failures')).body.data).toHaveLength(1);

    cloud!.controls.setPipeline(['Applied', 'Interview', 'Rejected']);
    await page.getByRole('button', { name: 'Retry Farah Khan' }).click();
    await section.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'needs-attention-title');
    await syncNow(workspace);
    expect((await workspace.api('GET', '/api/local/failures')).body.data).toEqual([]);
    const remote = cloud!.controls.snapshot().find((record: any) => record.full_name === 'Farah Khan');
    expect(remote?.applications.map((application: any) => [application.job_id, application.status])).toEqual([[job, 'Interview']]);
  });

  it('keeps a conflict readable in a narrow window, and asks about one conflict left as one', async () => {
    workspace = await openConnectedWorkspace({ withCloud: true });
    const candidate = await conflictingEdits(workspace, 'Ravi Iyer');
    const page = await workspace.newPage({ viewport: { width: 720, height: 900 } });
    await page.getByRole('button', { name: /^Needs attention/ }).first().click();
    const group = page.getByRole('article', { name: 'Conflicts for Ravi Iyer' });
    await group.waitFor();
    expect(await group.getByRole('group', { name: 'All conflicts of Ravi Iyer', exact: true }).getByRole('button').allTextContents()).toEqual(['Mine', 'Theirs']);

    // Five columns side by side would leave each value a few letters wide: the values keep room to be read.
    const locationRow = group.getByRole('row', { name: 'Location' });
    for (const value of ['Pune', 'Mumbai', 'Delhi']) {
      const box = await locationRow.getByRole('cell', { name: value, exact: true }).boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(150);
    }
    const edit = await locationRow.getByRole('button', { name: 'Edit' }).boundingBox();
    expect(edit!.x + edit!.width).toBeLessThanOrEqual(720);
    await saveScreenshot(page, 'needs-attention-720x900-light');
    // So does a value being edited, across the row.
    await locationRow.getByRole('button', { name: 'Edit' }).click();
    const newValue = page.getByLabel('New value for Location');
    expect((await newValue.boundingBox())!.width).toBeGreaterThanOrEqual(300);
    await newValue.press('Escape');

    await locationRow.getByRole('button', { name: 'Take mine' }).click();
    await locationRow.waitFor({ state: 'detached' });
    const companyRow = group.getByRole('row', { name: 'Current company' });
    await companyRow.getByRole('button', { name: 'Take mine' }).click();
    await companyRow.waitFor({ state: 'detached' });
    await page.getByRole('group', { name: 'Resolve all conflicts' }).getByRole('button', { name: 'Theirs' }).click();
    const dialog = page.getByRole('dialog', { name: /^Resolve the 1 conflict as Theirs\?$/ });
    await dialog.getByText("For the 1 field of 1 candidate, the cloud's value is kept; the value typed on this computer is replaced.", { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Take theirs' }).click();
    await page.getByText('Nothing needs your attention').waitFor();
    const local = await workspace.api('GET', `/api/v1/candidates/${candidate.id}`);
    expect(local.body.data).toMatchObject({ location: 'Mumbai', current_company: 'Initech', notice_period_days: 60 });
  });

  it('resolves every conflict of every candidate at once with Resolve all as Theirs', async () => {
    workspace = await openConnectedWorkspace({ withCloud: true });
    const { page, cloud } = workspace;
    const first = await conflictingEdits(workspace, 'Isha Rao');
    const second = await conflictingEdits(workspace, 'Kabir Sen');
    await page.reload();
    await page.getByRole('button', { name: /^Needs attention/ }).first().click();
    await page.getByRole('article', { name: 'Conflicts for Kabir Sen' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Conflicts (6)' }).count()).toBe(1);

    // Asked first: Cancel (or Escape) decides nothing.
    const resolveAll = page.getByRole('group', { name: 'Resolve all conflicts' });
    await resolveAll.getByRole('button', { name: 'Theirs' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resolve all 6 conflicts as Theirs?' });
    await dialog.getByText("For the 6 fields of 2 candidates, the cloud's value is kept").waitFor();
    await saveScreenshot(page, 'resolve-all-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await resolveAll.getByRole('button', { name: 'Mine' }).click();
    await page.getByRole('dialog', { name: 'Resolve all 6 conflicts as Mine?' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect((await workspace.api('GET', '/api/local/conflicts?status=open')).body.data).toHaveLength(6);

    await resolveAll.getByRole('button', { name: 'Theirs' }).click();
    await dialog.getByRole('button', { name: 'Take theirs' }).click();
    await page.getByText('Nothing needs your attention').waitFor();
    await syncNow(workspace);
    for (const { id } of [first, second]) {
      const local = await workspace.api('GET', `/api/v1/candidates/${id}`);
      expect(local.body.data).toMatchObject({ location: 'Delhi', current_company: 'Umbrella', notice_period_days: 60 });
      expect(cloud!.controls.snapshot().find((record: any) => record.id === id)).toMatchObject({ location: 'Delhi', current_company: 'Umbrella' });
    }
  });
});
