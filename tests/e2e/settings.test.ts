import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteServer, type RemoteServer } from '../../tools/remote-server/remote-server';
import { openWorkspace, saveScreenshot, type Workspace } from './helpers/workspace';

/** The focused element's id: actions that move or remove their row put the focus somewhere meant, never on the page. */
const focusedId = (workspace: Workspace) => workspace.page.evaluate(() => document.activeElement?.id ?? '');
/** The focused element's accessible label, for buttons that have no id. */
const focusedLabel = (workspace: Workspace) => workspace.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
/** The focused field's label: a refused save takes the focus to the first field it marks invalid, so its error is read out. */
const focusedFieldLabel = (workspace: Workspace) =>
  workspace.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '');

describe('settings', () => {
  let workspace: Workspace;
  let cloud: RemoteServer;

  beforeAll(async () => {
    [workspace, cloud] = await Promise.all([openWorkspace(), createRemoteServer({ initialCandidates: 5 })]);
    await workspace.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await workspace.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await workspace?.close();
    await cloud?.close();
  });

  it('adds, renames and removes jobs, refusing an id that is not a UUID at its field', async () => {
    const { page } = workspace;
    const jobs = page.getByRole('region', { name: 'Jobs' });
    await jobs.getByText('No jobs yet').waitFor();

    await jobs.getByLabel('Job id').fill('not-a-uuid');
    await jobs.getByLabel('Job title').fill('Data Analyst');
    await jobs.getByRole('button', { name: 'Add job' }).click();
    expect(await jobs.getByLabel('Job id').getAttribute('aria-invalid')).toBe('true');
    await jobs.getByText('A job id is a UUID', { exact: false }).waitFor();
    await expect.poll(() => focusedFieldLabel(workspace)).toBe('Job id');

    const id = 'b6a1c9e2-7d4f-4a38-9e15-3c2d8f0a6b71';
    await jobs.getByLabel('Job id').fill(id);
    await jobs.getByRole('button', { name: 'Add job' }).click();
    await jobs.getByLabel(`Title of job ${id}`).waitFor();
    expect((await workspace.api('GET', '/api/local/jobs')).body.data).toEqual([{ id, title: 'Data Analyst' }]);
    // The form empties: a status says the job went in.
    await jobs.getByRole('status').filter({ hasText: /^Added “Data Analyst”\.$/ }).waitFor();

    // A second job with the same title, in another case, is refused at its field: the two could not be told apart.
    const other = '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f';
    await jobs.getByLabel('Job id').fill(other);
    await jobs.getByLabel('Job title').fill('data analyst');
    await jobs.getByRole('button', { name: 'Add job' }).click();
    await jobs.getByText(`Another job (${id}) is already called “Data Analyst”`, { exact: false }).waitFor();
    expect(await jobs.getByLabel('Job title').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedFieldLabel(workspace)).toBe('Job title');
    expect((await workspace.api('GET', '/api/local/jobs')).body.data).toEqual([{ id, title: 'Data Analyst' }]);
    await jobs.getByLabel('Job title').fill('');

    await jobs.getByLabel(`Title of job ${id}`).fill('Senior Data Analyst');
    await jobs.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await workspace.api('GET', '/api/local/jobs')).body.data).toEqual([{ id, title: 'Senior Data Analyst' }]);
    await expect.poll(() => focusedId(workspace)).toBe(`job-${id}-title`);
    expect(await jobs.getByRole('button', { name: 'Saved', exact: true }).count()).toBe(1);

    await jobs.getByRole('button', { name: 'Remove Senior Data Analyst' }).click();
    await page.getByRole('dialog', { name: 'Remove “Senior Data Analyst”?' }).getByRole('button', { name: 'Remove job' }).click();
    await jobs.getByText('No jobs yet').waitFor();
    expect((await workspace.api('GET', '/api/local/jobs')).body.data).toEqual([]);
    await expect.poll(() => focusedId(workspace)).toBe('jobs-title');

    await jobs.getByLabel('Job id').fill(id);
    await jobs.getByLabel('Job title').fill('Data Analyst');
    await jobs.getByRole('button', { name: 'Add job' }).click();
    await jobs.getByLabel(`Title of job ${id}`).waitFor();
  });

  it('offers the jobs applications name without a title, and one given a title joins the jobs', async () => {
    const { page } = workspace;
    const job = '4d5e6f70-8192-4a3b-9c4d-5e6f708192a3';
    const otherJob = '9e8d7c6b-5a49-4382-b716-a5b4c3d2e1f0';
    for (const [n, jobId] of [[1, job], [2, job], [3, otherJob]] as const) {
      const created = await workspace.api('POST', '/api/v1/candidates', { full_name: `Applicant ${n}`, email: `applicant.${n}@example.com`, application: { job_id: jobId } });
      expect(created.status).toBe(201);
    }
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const untitled = page.getByRole('region', { name: 'Without a title (2)' });
    await untitled.waitFor();
    expect(await untitled.getByRole('listitem').filter({ hasText: job }).textContent()).toContain('2 applications');
    expect(await untitled.getByRole('listitem').filter({ hasText: otherJob }).textContent()).toContain('1 application');
    // The title inputs line up, whatever each job's count of applications.
    const inputLefts = await untitled.getByRole('textbox').evaluateAll((inputs) => inputs.map((input) => input.getBoundingClientRect().left));
    expect(new Set(inputLefts).size).toBe(1);

    await untitled.getByLabel(`Title of job ${job}`).fill('Support Engineer');
    await untitled.getByRole('listitem').filter({ hasText: job }).getByRole('button', { name: 'Save', exact: true }).click();
    await untitled.waitFor({ state: 'detached' });
    const jobs = page.getByRole('list', { name: 'Jobs', exact: true });
    expect(await jobs.getByLabel(`Title of job ${job}`).inputValue()).toBe('Support Engineer');
    // The focus followed the job into the list.
    await expect.poll(() => focusedId(workspace)).toBe(`job-${job}-title`);
    expect((await workspace.api('GET', '/api/local/jobs/untitled')).body.data.map((untitledJob: { id: string }) => untitledJob.id)).toEqual([otherJob]);
  });

  it('edits the pipeline statuses in order, refusing a repeated one at its field', async () => {
    const { page } = workspace;
    const pipeline = page.getByRole('region', { name: 'Pipeline statuses' });
    await pipeline.getByLabel('Status 1').waitFor();
    const before: string[] = (await workspace.api('GET', '/api/local/pipeline-statuses')).body.data;

    await pipeline.getByRole('button', { name: 'Add status' }).click();
    const added = pipeline.getByLabel(`Status ${before.length + 1}`);
    // The new row's name takes the focus, to be typed at once.
    expect(await added.evaluate((input) => input === document.activeElement)).toBe(true);
    await added.fill('applied');
    await pipeline.getByRole('button', { name: 'Save statuses' }).click();
    expect(await added.getAttribute('aria-invalid')).toBe('true');
    await pipeline.getByText('Repeats "applied"').waitFor();
    await expect.poll(() => added.evaluate((input) => input === document.activeElement)).toBe(true);

    await added.fill('Assessment');
    await pipeline.getByRole('button', { name: 'Move Assessment up' }).click();
    await expect.poll(() => focusedLabel(workspace)).toBe('Move Assessment up');
    // A status moved to the top: its Up is disabled, so Down has the focus.
    await pipeline.getByLabel('Status 2').fill('Second');
    await pipeline.getByRole('button', { name: 'Move Second up' }).click();
    await expect.poll(() => focusedLabel(workspace)).toBe('Move Second down');
    await pipeline.getByRole('button', { name: 'Move Second down' }).click();
    await expect.poll(() => focusedLabel(workspace)).toBe('Move Second down');
    await pipeline.getByLabel('Status 2').fill(before[1]!);
    // A status added and removed: the focus goes to the next row's Remove, or the previous one's at the end.
    await pipeline.getByRole('button', { name: 'Add status' }).click();
    await pipeline.getByRole('button', { name: 'Remove status' }).click();
    await expect.poll(() => focusedLabel(workspace)).toBe(`Remove ${before[before.length - 1]}`);
    await pipeline.getByRole('button', { name: 'Save statuses' }).click();
    await pipeline.getByRole('status').getByText('Saved').waitFor();
    const expected = [...before.slice(0, -1), 'Assessment', before[before.length - 1]];
    expect((await workspace.api('GET', '/api/local/pipeline-statuses')).body.data).toEqual(expected);
  });

  it('saves the sync interval, refusing one out of range at its field', async () => {
    const { page } = workspace;
    const sync = page.getByRole('region', { name: 'Sync', exact: true });
    const interval = sync.getByLabel('Sync interval (minutes)');
    await interval.fill('0');
    await sync.getByRole('button', { name: 'Save sync settings' }).click();
    expect(await interval.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedFieldLabel(workspace)).toBe('Sync interval (minutes)');
    await interval.fill('15');
    await sync.getByLabel('When both sides changed a field').selectOption('prefer-local');
    await sync.getByRole('button', { name: 'Save sync settings' }).click();
    await sync.getByRole('status').getByText('Saved').waitFor();
    expect((await workspace.api('GET', '/api/local/settings')).body.data).toEqual({ conflict_policy: 'prefer-local', sync_interval_minutes: 15 });
    // Changed again, the form no longer says it is saved: until the next save, it is not.
    await interval.fill('20');
    expect(await sync.getByText(/^Saved$/).count()).toBe(0);
    await sync.getByRole('button', { name: 'Save sync settings' }).click();
    await sync.getByText(/^Saved$/).waitFor();
    await sync.getByLabel('When both sides changed a field').selectOption('ask');
    expect(await sync.getByText(/^Saved$/).count()).toBe(0);
    await sync.getByLabel('When both sides changed a field').selectOption('prefer-local');
    await interval.fill('15');
    await sync.getByRole('button', { name: 'Save sync settings' }).click();
    await sync.getByText(/^Saved$/).waitFor();
  });

  it('says a form that could not be read was not loaded, not that it was not saved, and Retry reads it again', async () => {
    const page = await workspace.newPage();
    const refuse = (route: Route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong.' } }) })
        : route.continue();
    await page.route('**/api/local/settings', refuse);
    await page.route('**/api/local/remote', refuse);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const sync = page.getByRole('region', { name: 'Sync', exact: true });
    const remote = page.getByRole('region', { name: 'Cloud sync' });
    await sync.getByRole('alert').filter({ hasText: /^The sync settings could not be loaded\./ }).waitFor();
    await remote.getByRole('alert').filter({ hasText: /^The cloud settings could not be loaded\./ }).waitFor();
    expect(await page.getByText('were not saved', { exact: false }).count()).toBe(0);
    // Unread, the cloud may be connected: the section does not say it is not, nor offer an empty form to save over it.
    expect(await remote.getByText('Not connected', { exact: false }).count()).toBe(0);
    expect(await remote.getByLabel('Remote URL').count()).toBe(0);
    expect(await sync.getByLabel('Sync interval (minutes)').count()).toBe(0);

    await page.unroute('**/api/local/settings');
    await sync.getByRole('button', { name: 'Retry' }).click();
    await sync.getByLabel('Sync interval (minutes)').waitFor();
    // The Retry button went with the banner: the section's heading has the focus.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sync-settings-title');
    expect(await sync.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('offers Retry when the jobs could not be loaded', async () => {
    const page = await workspace.newPage();
    await page.route('**/api/local/jobs', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong.' } }) }),
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const jobs = page.getByRole('region', { name: 'Jobs' });
    await jobs.getByRole('alert').filter({ hasText: /^The jobs could not be loaded\./ }).waitFor();
    await page.unroute('**/api/local/jobs');
    await jobs.getByRole('button', { name: 'Retry' }).click();
    await jobs.getByRole('alert').waitFor({ state: 'detached' });
    await jobs.getByRole('list', { name: 'Jobs', exact: true }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('jobs-title');
    await page.close();
  });

  it('connects the cloud with a write-only API key, and sync starts', async () => {
    const { page } = workspace;
    const remote = page.getByRole('region', { name: 'Cloud sync' });
    await page.getByText('Sync is off: no cloud connected.', { exact: false }).waitFor();
    await remote.getByLabel('Remote URL').fill('cloud.example.com');
    await remote.getByRole('button', { name: 'Connect' }).click();
    await remote.getByText('Enter the cloud’s address, e.g. https://cloud.example.com').waitFor();
    await expect.poll(() => focusedFieldLabel(workspace)).toBe('Remote URL');
    await remote.getByLabel('Remote URL').fill(cloud.url);
    await remote.getByRole('button', { name: 'Connect' }).click();
    expect(await remote.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedFieldLabel(workspace)).toBe('API key');

    await remote.getByLabel('API key').fill(cloud.apiKey);
    // Pressed from the keyboard, the button keeps the focus while the cloud is asked and after: it is not disabled meanwhile.
    await remote.getByRole('button', { name: 'Connect' }).focus();
    await page.keyboard.press('Enter');
    await remote.getByText('Saved. Syncing with the cloud.').waitFor();
    expect(await focusedLabel(workspace)).toBe('Save and reconnect');
    expect(await remote.getByLabel('API key').inputValue()).toBe('');
    expect(await remote.getByLabel('API key').getAttribute('placeholder')).toContain('Saved');
    expect((await workspace.api('GET', '/api/local/remote')).body.data).toEqual({ remote_url: cloud.url, has_api_key: true });
    expect(await page.content()).not.toContain(cloud.apiKey);
    await page.getByRole('contentinfo', { name: 'Sync status' }).getByText(/Last synced/).waitFor({ timeout: 15_000 });
    await page.evaluate(() => document.querySelector('.workspace-main')?.scrollTo(0, 0));
    await saveScreenshot(page, 'settings-1280x800-light');
    const dark = await workspace.newPage({ viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
    await dark.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await dark.getByRole('region', { name: 'Jobs' }).getByLabel(/^Title of job/).first().waitFor();
    await saveScreenshot(dark, 'settings-1920x1080-dark');
  });

  it('says a cloud it could not reach was saved unchecked, refuses a wrong key in a sentence, and starts over on Disconnect', async () => {
    const { page } = workspace;
    const remote = page.getByRole('region', { name: 'Cloud sync' });
    await remote.getByLabel('Remote URL').fill('http://127.0.0.1:9');
    await remote.getByLabel('API key').fill('rk_unreachable_1234');
    await remote.getByRole('button', { name: 'Save and reconnect' }).click();
    await remote.getByText('Saved, but the cloud could not be reached just now, so the API key is not checked yet', { exact: false }).waitFor();
    expect(await remote.getByText('Saved. Syncing with the cloud.').count()).toBe(0);

    await remote.getByLabel('Remote URL').fill(cloud.url);
    // What it says of the last save goes once the form is changed again.
    expect(await remote.getByText('Saved, but the cloud could not be reached', { exact: false }).count()).toBe(0);
    await remote.getByLabel('API key').fill('rk_wrong_key_1234');
    await remote.getByRole('button', { name: 'Save and reconnect' }).click();
    await remote.getByText('The cloud refused this API key (401). Nothing was saved: check the key and enter it again.').waitFor();
    expect((await workspace.api('GET', '/api/local/remote')).body.data).toEqual({ remote_url: 'http://127.0.0.1:9', has_api_key: true });

    await remote.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog', { name: 'Disconnect from the cloud?' }).getByRole('button', { name: 'Disconnect' }).click();
    await remote.getByText('Not connected', { exact: false }).waitFor();
    expect(await remote.getByLabel('API key').inputValue()).toBe('');
    expect(await remote.getByText('The cloud refused this API key', { exact: false }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '')).toBe('Remote URL');
  });

  it('shows and copies the token, saying so to screen readers, and names each button by what it acts on', async () => {
    const { page } = workspace;
    const localApi = page.getByRole('region', { name: 'Local API' });
    const token = localApi.getByRole('textbox', { name: 'API token' });
    expect(await token.getAttribute('type')).toBe('password');
    await localApi.getByRole('button', { name: 'Show API token' }).click();
    expect(await token.getAttribute('type')).toBe('text');
    await localApi.getByRole('button', { name: 'Hide API token' }).click();
    expect(await token.getAttribute('type')).toBe('password');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: workspace.baseUrl });
    await localApi.getByRole('button', { name: 'Copy API token' }).click();
    await localApi.getByRole('status').filter({ hasText: /^API token copied$/ }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(workspace.token);
    await localApi.getByRole('button', { name: 'Copy API address' }).click();
    await localApi.getByRole('status').filter({ hasText: /^API address copied$/ }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${workspace.baseUrl}/api/v1/candidates`);
  });

  it('regenerates the token after asking, and keeps working with the new one', async () => {
    const { page } = workspace;
    const candidates: number = (await workspace.api('GET', '/api/v1/candidates?limit=1')).body.meta.total;
    const localApi = page.getByRole('region', { name: 'Local API' });
    await localApi.getByRole('button', { name: 'Regenerate token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Regenerate the API token?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await workspace.api('GET', '/api/local/jobs')).status).toBe(200);

    await localApi.getByRole('button', { name: 'Regenerate token' }).click();
    await dialog.getByRole('button', { name: 'Regenerate' }).click();
    await localApi.getByRole('status').filter({ hasText: /^A new token is in use: update your spreadsheets and scripts\.$/ }).waitFor();
    expect((await workspace.api('GET', '/api/local/jobs')).status).toBe(401);
    const newToken = await localApi.getByRole('textbox', { name: 'API token' }).inputValue();
    expect(newToken).not.toBe(workspace.token);
    expect(await page.evaluate(() => sessionStorage.getItem('recruiter-desk.api-token'))).toBe(newToken);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Candidates' }).click();
    // Every candidate and the header row: the list reads with the new token.
    await expect.poll(() => page.getByRole('grid', { name: 'Candidates' }).getAttribute('aria-rowcount')).toBe(String(candidates + 1));
  });
});
