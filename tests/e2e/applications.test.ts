import { afterEach, describe, expect, it } from 'vitest';
import { openConnectedWorkspace } from './helpers/connected-workspace';
import type { Page } from 'playwright-core';
import { type Workspace, isCandidateSave, saveScreenshot } from './helpers/workspace';

const E2E_TIMEOUT_MS = 120_000;
const FRONTEND_JOB = '550e8400-e29b-41d4-a716-446655440000';
const UNNAMED_JOB = '9b2f4c1e-7d3a-4e8b-a1c2-3d4e5f6a7b8c';

let workspace: Workspace | undefined;
afterEach(async () => {
  await workspace?.close();
  workspace = undefined;
});

/** Opens a candidate from the list, searched for by the first word of their name. */
async function openFromList(page: Page, fullName: string) {
  await page.getByLabel('Search', { exact: true }).fill(fullName.split(' ')[0]!);
  await page.getByRole('row', { name: new RegExp(fullName) }).click();
}

/** A candidate applied to FRONTEND_JOB, created through the API and opened from the list; with its notes box. */
async function openWithApplication(workspace: Workspace, fullName: string, email: string) {
  const { page } = workspace;
  const created = await workspace.api('POST', '/api/v1/candidates', { full_name: fullName, email, application: { job_id: FRONTEND_JOB } });
  await page.reload();
  await openFromList(page, fullName);
  return { created, notes: page.getByLabel(`Notes for ${FRONTEND_JOB}`) };
}

describe('the applications panel', { timeout: E2E_TIMEOUT_MS }, () => {
  it('applies a candidate to a known job and to a typed job id, moves the status and saves notes', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    expect((await workspace.api('PUT', `/api/local/jobs/${FRONTEND_JOB}`, { title: 'Frontend Lead' })).status).toBe(200);
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Meera Iyer', email: 'meera@example.com' });
    const candidateId: string = created.body.data.id;
    await page.reload();
    await page.getByLabel('Search', { exact: true }).fill('Meera');
    await page.getByRole('row', { name: /Meera Iyer/ }).click();
    await page.getByText('Not applied to any job yet.').waitFor();

    await page.getByLabel('Job', { exact: true }).fill('Frontend Lead');
    await page.getByRole('button', { name: 'Apply to job' }).click();
    const status = page.getByLabel('Status for Frontend Lead');
    await status.waitFor();
    expect(await status.inputValue()).toBe('Applied');

    await status.selectOption('Interview');
    await page.waitForFunction(() => {
      const select = [...document.querySelectorAll('select')].find((element) => element.labels?.[0]?.textContent === 'Status for Frontend Lead');
      return select !== undefined && !select.hasAttribute('aria-busy') && select.value === 'Interview';
    });
    await page.getByLabel('Notes for Frontend Lead').fill('Strong React background');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await page.getByRole('button', { name: 'Save notes' }).waitFor({ state: 'detached' });
    // The button went once the notes were saved: the focus is back in them, not on the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

    await page.getByLabel('Job', { exact: true }).fill(UNNAMED_JOB);
    await page.getByRole('button', { name: 'Apply to job' }).click();
    await page.getByLabel(`Status for ${UNNAMED_JOB}`).waitFor();
    await saveScreenshot(page, 'applications-panel');

    // A job applied to already, pasted by its id in capitals: refused at the field, not set back to Applied.
    const saves: string[] = [];
    page.on('request', (request) => {
      if (isCandidateSave(request)) saves.push(request.url());
    });
    await page.getByLabel('Job', { exact: true }).fill(FRONTEND_JOB.toUpperCase());
    await page.getByRole('button', { name: 'Apply to job' }).click();
    await page.getByText("Already applied to Frontend Lead: change that application's status above.").waitFor();
    expect(await page.getByLabel('Job', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(saves).toEqual([]);

    const { body } = await workspace.api('GET', `/api/v1/candidates/${candidateId}`);
    const byJob = Object.fromEntries(body.data.applications.map((application: any) => [application.job_id, application]));
    expect(byJob[FRONTEND_JOB]).toMatchObject({ status: 'Interview', notes: 'Strong React background' });
    expect(byJob[FRONTEND_JOB].status_date).not.toBeNull();
    expect(byJob[UNNAMED_JOB]).toMatchObject({ status: 'Applied', notes: null });

    // The list's column has room for one badge: the first status, then how many more; hovering names each job.
    await page.getByRole('button', { name: 'Candidates', exact: true }).first().click();
    const cell = page.getByRole('row', { name: /Meera Iyer/ }).locator('.candidates-applications');
    await expect.poll(() => cell.locator('[aria-hidden="true"]').textContent()).toBe('+1');
    const badges = await cell.locator('.badge').all();
    expect(badges).toHaveLength(2);
    const [firstBox, moreBox, cellBox] = await Promise.all([badges[0]!.boundingBox(), badges[1]!.boundingBox(), cell.boundingBox()]);
    expect(moreBox!.x + moreBox!.width).toBeLessThanOrEqual(cellBox!.x + cellBox!.width + 0.5);
    expect(firstBox!.x + firstBox!.width).toBeLessThanOrEqual(moreBox!.x);
    const title = await cell.getAttribute('title');
    expect(title?.split('\n').sort()).toEqual([`${UNNAMED_JOB}: Applied`, 'Frontend Lead: Interview']);

    // Filtered by a job, the badge shown is that job's application, not the first one.
    const jobFilter = page.getByLabel('Job', { exact: true });
    await jobFilter.focus();
    await expect.poll(() => jobFilter.locator(`option[value="${UNNAMED_JOB}"]`).count()).toBe(1);
    await jobFilter.selectOption(UNNAMED_JOB);
    await expect.poll(() => cell.locator('.badge').first().textContent()).toBe('Applied');
    expect(await cell.locator('[aria-hidden="true"]').textContent()).toBe('+1');
    await jobFilter.selectOption(FRONTEND_JOB);
    await expect.poll(() => cell.locator('.badge').first().textContent()).toBe('Interview');
  });

  it('moves through statuses with the arrow keys keeping the focus, and saves only the status it stops on', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const { created } = await openWithApplication(workspace, 'Keyed Person', 'keyed@example.com');
    const status = page.getByLabel(`Status for ${FRONTEND_JOB}`);
    const statusId = await status.getAttribute('id');
    const focusedId = () => page.evaluate(() => document.activeElement?.id);
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (isCandidateSave(request)) sent.push(request.postDataJSON().application);
    });
    const saved = async (expected: string) => {
      await page.waitForFunction(
        ([id, value]) => {
          const select = document.getElementById(id!) as HTMLSelectElement;
          return select.value === value && !select.hasAttribute('aria-busy');
        },
        [statusId, expected] as const,
        { polling: 50 },
      );
      const { body } = await workspace!.api('GET', `/api/v1/candidates/${created.body.data.id}`);
      return body.data.applications[0].status;
    };
    // The page's timers stand still until the test moves them: a status the keys stopped on waits for that.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);

    await status.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await status.inputValue()).toBe('Screening');
    expect(await focusedId()).toBe(statusId);
    expect(sent).toEqual([]);
    await page.clock.runFor(600);
    expect(await saved('Screening')).toBe('Screening');
    expect(sent).toEqual([{ job_id: FRONTEND_JOB, status: 'Screening' }]);
    expect(await focusedId()).toBe(statusId);

    // Picked from the list, as with the mouse: saved at once, the clock still standing; the focus stays.
    await status.selectOption('Offered');
    expect(await saved('Offered')).toBe('Offered');
    expect(await focusedId()).toBe(statusId);

    // Tabbing away saves the status the keys stopped on at once.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    expect(await saved('Interview')).toBe('Interview');
    expect(sent).toEqual([
      { job_id: FRONTEND_JOB, status: 'Screening' },
      { job_id: FRONTEND_JOB, status: 'Offered' },
      { job_id: FRONTEND_JOB, status: 'Interview' },
    ]);
  });

  it('finds a job by its title in any case, names it in tooltips, and points to Settings for jobs without one', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    expect((await workspace.api('PUT', `/api/local/jobs/${FRONTEND_JOB}`, { title: 'Senior Frontend Engineer' })).status).toBe(200);
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Titled Person', email: 'titled@example.com', application: { job_id: UNNAMED_JOB } });
    await page.reload();
    await openFromList(page, 'Titled Person');
    const hint = page.getByText('Jobs without a title show their id.');
    await hint.waitFor();

    await page.getByLabel('Job', { exact: true }).fill('  senior frontend engineer ');
    await page.getByRole('button', { name: 'Apply to job' }).click();
    await page.getByLabel('Status for Senior Frontend Engineer').waitFor();
    const { body } = await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`);
    expect(body.data.applications.map((application: any) => application.job_id).sort()).toEqual([FRONTEND_JOB, UNNAMED_JOB].sort());
    const heading = page.getByRole('listitem', { name: 'Senior Frontend Engineer' }).getByRole('heading');
    expect(await heading.getAttribute('title')).toBe(`Senior Frontend Engineer (job ${FRONTEND_JOB})`);

    // Typed again, in yet another case: the job applied to is found, and refused as such.
    await page.getByLabel('Job', { exact: true }).fill('SENIOR FRONTEND ENGINEER');
    await page.getByRole('button', { name: 'Apply to job' }).click();
    await page.getByText("Already applied to Senior Frontend Engineer: change that application's status above.").waitFor();

    await page.getByRole('heading', { name: 'Applications' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'applications-job-titles');
    const dark = await workspace.newPage({ colorScheme: 'dark' });
    await openFromList(dark, 'Titled Person');
    await dark.getByText('Jobs without a title show their id.').waitFor();
    await saveScreenshot(dark, 'applications-job-titles-dark');

    // The hint leads to the Jobs section: its heading in view and focused, also where Settings is one column and Jobs
    // comes after the cloud's, sync's and the local API's panels. Named there, the job shows by its title and the hint goes.
    await page.setViewportSize({ width: 720, height: 500 });
    await page.getByRole('button', { name: 'Name them in Settings → Jobs' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Save sync settings' }).waitFor();
    await page.getByRole('textbox', { name: 'Remote URL' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('jobs-title');
    // The whole panel from its top edge, not cut off above its heading.
    const jobsPanelInView = await page.evaluate(() => {
      const panelTop = document.getElementById('jobs-title')!.closest('.panel')!.getBoundingClientRect().top;
      const headingBottom = document.getElementById('jobs-title')!.getBoundingClientRect().bottom;
      return panelTop >= document.querySelector('.workspace-main')!.getBoundingClientRect().top && headingBottom <= window.innerHeight;
    });
    expect(jobsPanelInView).toBe(true);
    expect(new URL(page.url()).hash).toBe('#/settings/jobs');
    await page.getByLabel(`Title of job ${UNNAMED_JOB}`).fill('Platform Engineer');
    await page.getByLabel(`Title of job ${UNNAMED_JOB}`).press('Enter');
    await page.getByRole('list', { name: 'Jobs without a title' }).waitFor({ state: 'detached' });
    await page.goBack();
    await page.getByLabel('Status for Platform Engineer').waitFor();
    expect(await hint.count()).toBe(0);
  });

  it('says why a job is refused in an alert that describes the job field, and takes the focus there', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await workspace.api('POST', '/api/v1/candidates', { full_name: 'Refused Person', email: 'refused@example.com', application: { job_id: UNNAMED_JOB } });
    await page.reload();
    await openFromList(page, 'Refused Person');
    const job = page.getByLabel('Job', { exact: true });
    const apply = page.getByRole('button', { name: 'Apply to job' });
    const refusalAt = async (message: string) => {
      await page.getByRole('alert').filter({ hasText: message }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('apply-job');
      expect(await job.getAttribute('aria-invalid')).toBe('true');
      const describedBy = await job.getAttribute('aria-describedby');
      expect(await page.locator(`#${describedBy}`).textContent()).toBe(message);
    };

    await job.fill('backend-42');
    await apply.click();
    await refusalAt('Pick a job or enter a job id (a UUID).');

    await job.fill(UNNAMED_JOB);
    expect(await page.getByRole('alert').count()).toBe(0);
    await apply.click();
    await refusalAt(`Already applied to ${UNNAMED_JOB}: change that application's status above.`);
  });

  it('shows a rejected application’s progress as rejected, with no step passed, Offered and Hired included', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', {
      full_name: 'Rejected Person',
      email: 'rejected@example.com',
      application: { job_id: FRONTEND_JOB, status: 'Rejected' },
    });
    await workspace.api('PUT', `/api/v1/candidates/${created.body.data.id}`, { application: { job_id: UNNAMED_JOB, status: 'Hired' } });
    await page.reload();
    await openFromList(page, 'Rejected Person');
    const steps = async (jobId: string) => {
      const bar = page.getByRole('listitem', { name: jobId }).locator('.pipeline-steps');
      await bar.waitFor();
      return {
        rejected: await bar.evaluate((element) => element.classList.contains('pipeline-steps-rejected')),
        passed: await bar.locator('li.passed').evaluateAll((items) => items.map((item) => item.getAttribute('title'))),
        current: await bar.locator('li.current').getAttribute('title'),
      };
    };
    expect(await steps(FRONTEND_JOB)).toEqual({ rejected: true, passed: [], current: 'Rejected' });
    expect(await steps(UNNAMED_JOB)).toEqual({ rejected: false, passed: ['Applied', 'Shortlisted', 'Screening', 'Interview', 'Offered'], current: 'Hired' });

    await saveScreenshot(page, 'applications-rejected');
    const dark = await workspace.newPage({ colorScheme: 'dark' });
    await openFromList(dark, 'Rejected Person');
    await dark.locator('.pipeline-steps-rejected').waitFor();
    await saveScreenshot(dark, 'applications-rejected-dark');
  });

  it('saves notes with the candidate’s Save (Ctrl+S) and asks before leaving them unsaved', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const { created, notes } = await openWithApplication(workspace, 'Noted Person', 'noted@example.com');
    await notes.fill('Call after 6 pm');
    await page.getByText('Unsaved changes').waitFor();

    const dismissed = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))));
    await page.getByRole('button', { name: 'Candidates', exact: true }).first().click();
    expect(await dismissed).toMatch(/unsaved changes/);

    await page.keyboard.press('Control+s');
    await page.getByText('Saved.').waitFor();
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
    const { body } = await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`);
    expect(body.data.applications[0].notes).toBe('Call after 6 pm');
  });

  it('says notes are too long next to them, and saves nothing until they are shortened', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const { created, notes } = await openWithApplication(workspace, 'Wordy Person', 'wordy@example.com');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (isCandidateSave(request)) sent.push(request.url());
    });
    await notes.fill('x'.repeat(5001));
    const notesId = await notes.getAttribute('id');
    await page.locator(`#${notesId}-error`).waitFor();
    expect(await page.locator(`#${notesId}-error`).textContent()).toContain('at most 5,000 characters; these have 5,001');
    expect(await notes.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save notes' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Candidates', exact: true }).first().focus();
    await page.keyboard.press('Control+s');
    await page.getByText('Notes can be at most 5,000 characters: shorten them, then save.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(notesId);
    expect(sent).toEqual([]);

    await notes.fill('x'.repeat(5000));
    await page.locator(`#${notesId}-error`).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+s');
    await page.getByText('Saved.').waitFor();
    const { body } = await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`);
    expect(body.data.applications[0].notes).toHaveLength(5000);
  });

  it('applies with the pipeline’s first status as it is now, after a rename', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    expect((await workspace.api('PUT', '/api/local/pipeline-statuses', { statuses: ['New', 'Shortlisted', 'Interview', 'Hired', 'Rejected'] })).status).toBe(200);
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Renamed Pipeline', email: 'renamed@example.com' });
    await page.reload();
    await page.getByLabel('Search', { exact: true }).fill('Renamed');
    await page.getByRole('row', { name: /Renamed Pipeline/ }).click();
    await page.getByText('Not applied to any job yet.').waitFor();
    await page.getByLabel('Job', { exact: true }).fill(UNNAMED_JOB);
    await page.getByRole('button', { name: 'Apply to job' }).click();
    await page.getByLabel(`Status for ${UNNAMED_JOB}`).waitFor();
    const { body } = await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`);
    expect(body.data.applications).toMatchObject([{ job_id: UNNAMED_JOB, status: 'New' }]);
  });

  it('refuses a job that is neither known nor a job id and applies nothing', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Tom Varghese', email: 'tom@example.com' });
    await page.reload();
    await page.getByLabel('Search', { exact: true }).fill('Tom');
    await page.getByRole('row', { name: /Tom Varghese/ }).click();
    await page.getByLabel('Job', { exact: true }).fill('backend-42');
    await page.getByRole('button', { name: 'Apply to job' }).click();
    await page.getByText('Pick a job or enter a job id (a UUID).').waitFor();
    const { body } = await workspace.api('GET', `/api/v1/candidates/${created.body.data.id}`);
    expect(body.data.applications).toEqual([]);
  });

  it('shows what the cloud recorded, read only: the candidate’s screening score, each application’s scores and dates', async () => {
    workspace = await openConnectedWorkspace({ withCloud: true, cloudSeed: 60 });
    const { page, cloud } = workspace;
    expect((await workspace.api('POST', '/api/local/sync?wait=true')).status).toBeLessThan(300);
    const scored = cloud!.controls
      .snapshot()
      .find((candidate) => candidate.screening_score !== null && candidate.talent_pool_status !== 'masked' && candidate.applications.some((application) => application.match_score !== null));
    expect(scored).toBeDefined();
    const application = scored!.applications.find((each) => each.match_score !== null)!;
    const score = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

    await page.reload();
    await page.getByLabel('Search', { exact: true }).fill(scored!.email!);
    await page.getByRole('row', { name: new RegExp(scored!.full_name) }).click();
    const screening = page.getByRole('group', { name: 'Screening score', exact: true });
    expect(await screening.textContent()).toBe(`Screening score${score(scored!.screening_score!)} scored in the cloud`);
    // Read only: nothing to type into, and the form's Save sends no score.
    expect(await page.getByRole('textbox', { name: 'Screening score' }).count()).toBe(0);
    const item = page.getByRole('listitem', { name: application.job_id, exact: true });
    const facts = item.locator('.application-facts');
    expect(await facts.locator('dt').allTextContents()).toContain('Match score');
    expect(await facts.getByText(score(application.match_score!), { exact: true }).count()).toBe(1);
    await saveScreenshot(page, 'applications-cloud-facts');

    // One made on this laptop has no such record: no facts, and no score under the form.
    const created = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Ravi Menon', email: 'ravi.facts@example.com', application: { job_id: FRONTEND_JOB } });
    expect(created.status).toBe(201);
    await page.getByRole('button', { name: 'Candidates', exact: true }).first().click();
    await openFromList(page, 'Ravi Menon');
    await page.getByLabel(`Status for ${FRONTEND_JOB}`).waitFor();
    expect(await page.locator('.application-facts').count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Screening score', exact: true }).count()).toBe(0);
  });
});
