import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../renderer/features/import-export/csv-import';
import { PROJECT_ROOT } from '../helpers/project-root';
import { openConnectedWorkspace } from './helpers/connected-workspace';
import { type Workspace, saveScreenshot } from './helpers/workspace';

const E2E_TIMEOUT_MS = 120_000;
const IMPORT_FILE = join(PROJECT_ROOT, 'tests', 'fixtures', 'import-candidates.csv');

let workspace: Workspace | undefined;
afterEach(async () => {
  await workspace?.close();
  workspace = undefined;
});

describe('CSV import and export', { timeout: E2E_TIMEOUT_MS }, () => {
  it('imports a spreadsheet: columns mapped by name, rows created or matched, a bad row rejected with its reasons', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const existing = await workspace.api('POST', '/api/v1/candidates', { full_name: 'Asha Patel', email: 'asha@example.com' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('CSV file').setInputFiles(IMPORT_FILE);

    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    const mapped = async (column: string) => page.getByLabel(`Field for column ${column}`).inputValue();
    expect(await mapped('Name')).toBe('full_name');
    expect(await mapped('E-mail')).toBe('email');
    expect(await mapped('Mobile')).toBe('phone_number');
    expect(await mapped('Skills')).toBe('primary_skills');
    expect(await mapped('Notice Period (days)')).toBe('notice_period_days');
    // The user can change a mapping: the location column goes to Preferred location instead.
    await page.getByLabel('Field for column Location').selectOption('preferred_location');
    await page.getByRole('cell', { name: 'Sharma, Priya' }).waitFor();
    // A preview cell is cut to its column's width: the whole value shows on hover.
    expect(await page.getByRole('cell', { name: 'Sharma, Priya' }).getAttribute('title')).toBe('Sharma, Priya');
    await saveScreenshot(page, 'import-mapping');

    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    const summary = page.getByRole('heading', { name: 'Imported import-candidates.csv' });
    await summary.waitFor();
    const count = async (label: string) => page.locator('.import-count', { hasText: label }).locator('dd').textContent();
    expect(await count('Created')).toBe('2');
    expect(await count('Matched existing')).toBe('1');
    expect(await count('Rejected')).toBe('1');
    // The matched row's other columns were not applied, and the summary says so.
    await page.getByText('that candidate’s fields were left as they were', { exact: false }).waitFor();
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    const reason = await rejected.getByRole('row').nth(1).textContent();
    expect(reason).toContain('4');
    expect(reason).toMatch(/Email: must be an email address/);
    expect(reason).toMatch(/Total experience \(years\): must be a number/);
    await saveScreenshot(page, 'import-summary');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download summary (CSV)' }).click();
    const saved = await (await download).path();
    const summaryCsv = parseCsv(readFileSync(saved, 'utf8'));
    expect(summaryCsv.rows.map((row) => row.slice(0, 2))).toEqual([
      ['2', 'created'],
      ['3', 'created'],
      ['4', 'rejected'],
      ['5', 'matched'],
    ]);
    expect(summaryCsv.rows[3]![4]).toBe(existing.body.data.id);

    const list = await workspace.api('GET', '/api/v1/candidates?search=priya');
    expect(list.body.data[0]).toMatchObject({
      full_name: 'Sharma, Priya',
      phone_number: '+91 98450 11111',
      primary_skills: ['React', 'TypeScript', 'Node.js'],
      total_experience_years: 5.5,
      notice_period_days: 60,
      in_notice_period: false,
      location: null,
      preferred_location: 'Bengaluru, KA',
    });
    expect((await workspace.api('GET', '/api/v1/candidates')).body.meta.total).toBe(3);
  });

  it('reports rows repeating an email and rejected rows by their sheet row numbers, and refuses files it would misread', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const focusedHeading = () => page.evaluate(() => (document.activeElement?.tagName === 'H2' ? document.activeElement.textContent : null));
    const choose = (name: string, content: string | Buffer) =>
      page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });

    // A quote never closed would read the rest of the file into one cell: refused, naming its row.
    await choose('unclosed.csv', 'Name,Email,Location\nOne,one@example.com,"Pune\nTwo,two@example.com,Delhi\n');
    await page.getByText('unclosed.csv could not be read: row 2 opens a quoted cell that is never closed', { exact: false }).waitFor();
    // A workbook is named as one, with how to save it as CSV.
    await choose('candidates.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    await page.getByText('candidates.xlsx could not be read: it is an Excel workbook', { exact: false }).waitFor();

    const sheet = [
      'Name,Email,Location,Experience,Status',
      'Dee One,dup@example.com,Pune,3,Interview',
      'Dee Two,DUP@example.com,Chennai,4,',
      '',
      'Dee Three,dup@example.com,Mumbai,5,',
      ',,,,',
      'Bad Years,bad@example.com,Agra,abc,',
    ].join('\r\n');
    await choose('repeats.csv', sheet);
    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    await expect.poll(focusedHeading).toBe('Match the columns');
    // Status beside no job column is the sheet's own: skipped, and refused if mapped by hand.
    expect(await page.getByLabel('Field for column Status').inputValue()).toBe('');
    await page.getByLabel('Field for column Status').selectOption('application.status');
    await page.getByText('Application: status belongs to a job: map a column to Application: job id as well', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Import 4 rows' }).isDisabled()).toBe(true);
    await page.getByLabel('Field for column Status').selectOption('');

    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    await page.getByRole('heading', { name: 'Imported repeats.csv' }).waitFor();
    await expect.poll(focusedHeading).toBe('Imported repeats.csv');
    const counts = Object.fromEntries(
      await page.locator('.import-count').evaluateAll((items) => items.map((item) => [item.querySelector('dt')!.textContent, item.querySelector('dd')!.textContent])),
    );
    expect(counts).toEqual({ Created: '1', 'Matched existing': '0', 'Repeated in the file': '2', Rejected: '1' });
    const repeated = page.getByRole('table', { name: 'Rows repeating an email' });
    expect(await repeated.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [row.children[0]!.textContent, row.children[3]!.textContent]))).toEqual([
      ['3', 'same email as row 2: matched to that candidate, whose fields were left as they were'],
      ['5', 'same email as row 2: matched to that candidate, whose fields were left as they were'],
    ]);
    // Row 7 of the sheet, counting its blank rows, as the recruiter's spreadsheet numbers it.
    const rejectedCells = await page.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr td').allTextContents();
    expect(rejectedCells[0]).toBe('7');
    // The reason quotes the cell, so it can be found without the file open.
    expect(rejectedCells[3]).toBe('Total experience (years): must be a number (cell: "abc")');
    const stored = await workspace.api('GET', '/api/v1/candidates?search=dup@example.com');
    expect(stored.body.data).toHaveLength(1);
    expect(stored.body.data[0]).toMatchObject({ full_name: 'Dee One', location: 'Pune' });
    await saveScreenshot(page, 'import-repeats-summary');
  });

  it('goes on importing while another screen is shown, and a cancelled import reports the rows it did not send', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const rows = Array.from({ length: 3000 }, (_, i) => `Person ${i},person.${i}@example.com`);
    // Each batch answers late, as on a slow disk, so the import is still running when it is cancelled.
    await page.route('**/api/local/candidates/batch', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(['Name,Email', ...rows].join('\n')) });
    // Counts in the thousands are grouped, as the list's are.
    await page.getByText(/^many\.csv: 3,000 rows\./).waitFor();
    await page.getByRole('button', { name: /^Import 3,000 rows$/ }).click();
    await page.getByRole('heading', { name: 'Importing many.csv' }).waitFor();
    await page.getByText(/^[\d,]+ of 3,000 rows/).waitFor();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Candidates' }).click();
    await page.getByRole('heading', { name: 'Candidates', level: 1 }).waitFor();
    await nav.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Importing many.csv' }).waitFor();
    await page.getByRole('button', { name: 'Cancel the import' }).click();

    await page.getByRole('heading', { name: 'Imported many.csv' }).waitFor();
    const count = async (label: string) =>
      Number((await page.locator('.import-count').filter({ hasText: label }).locator('dd').textContent())!.replaceAll(',', ''));
    const [created, cancelled] = [await count('Created'), await count('Not imported (cancelled)')];
    expect(created).toBeGreaterThan(0);
    expect(cancelled).toBeGreaterThan(0);
    expect(created + cancelled).toBe(3000);
    expect((await workspace.api('GET', '/api/v1/candidates?limit=1')).body.meta.total).toBe(created);
  });

  it('sends rows in batches; the rows of a batch that goes unanswered are reported not imported, the others are imported', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const rows = Array.from({ length: 250 }, (_, i) => `Batch ${i},batch.${i}@example.com`);
    const batchSizes: number[] = [];
    await page.route('**/api/local/candidates/batch', async (route) => {
      batchSizes.push((route.request().postDataJSON() as { candidates: unknown[] }).candidates.length);
      if (batchSizes.length === 2) await route.abort('connectionreset');
      else await route.continue();
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'batches.csv', mimeType: 'text/csv', buffer: Buffer.from(['Name,Email', ...rows].join('\n')) });
    await page.getByRole('button', { name: 'Import 250 rows' }).click();

    await page.getByRole('heading', { name: 'Imported batches.csv' }).waitFor();
    expect(batchSizes).toEqual([100, 100, 50]);
    const count = async (label: string) => Number(await page.locator('.import-count').filter({ hasText: label }).locator('dd').textContent());
    expect([await count('Created'), await count('Rejected')]).toEqual([150, 100]);
    const rejected = page.getByRole('table', { name: 'Rejected rows' }).getByRole('row');
    expect(await rejected.nth(1).textContent()).toMatch(/^102.*The local API did not answer/);
    expect(await rejected.last().textContent()).toMatch(/^201.*The local API did not answer/);
    const stored = await workspace.api('GET', '/api/v1/candidates?search=batch.&limit=1');
    expect(stored.body.meta.total).toBe(150);
    expect((await workspace.api('GET', '/api/v1/candidates?search=batch.101@')).body.meta.total).toBe(0);
    expect((await workspace.api('GET', '/api/v1/candidates?search=batch.201@')).body.meta.total).toBe(1);
  });

  it('keeps every rejection reason in view whatever the rejected values, and says a missing name is required', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const longName = 'Unbroken'.repeat(27);
    const csv = `Name,Email\r\n${longName},not-an-email\r\n,nameless@example.com\r\n`;
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'awkward.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await rejected.waitFor();

    const reasons = rejected.locator('td.rejected-reason');
    expect(await reasons.nth(0).textContent()).toMatch(/Email: must be an email address/);
    expect(await reasons.nth(1).textContent()).toMatch(/Full name: is required/);
    const viewportWidth = page.viewportSize()!.width;
    for (const index of [0, 1]) {
      const box = (await reasons.nth(index).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewportWidth);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('imports a sheet Excel saved as plain CSV (Windows-1252) with every letter whole, and reads it again in an encoding chosen', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const latin = (text: string) => Buffer.from(text, 'latin1');
    // As Excel on a Western Windows computer saves "CSV (Comma delimited)": é, ü, Ø in their code page, and the euro sign as 0x80.
    const excel = Buffer.concat([
      latin('Name,E-mail,Current company\r\nJos\u00e9 M\u00fcller,jose@example.com,Caf\u00e9 '),
      Buffer.from([0x80]),
      latin(' Ltd\r\nRen\u00e9e \u00d8rsted,renee@example.com,Fjord\r\n'),
    ]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'excel-western.csv', mimeType: 'text/csv', buffer: excel });

    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    const encoding = page.getByLabel('Text encoding');
    expect(await encoding.inputValue()).toBe('windows-1252');
    expect(await page.locator('#import-encoding-note').textContent()).toMatch(/^This file is not UTF-8, so it was read as Western European \(Windows-1252\)/);
    await page.getByRole('cell', { name: 'José Müller' }).waitFor();
    await page.getByRole('cell', { name: 'Café € Ltd' }).waitFor();

    await encoding.selectOption('windows-1251');
    await page.getByRole('cell', { name: 'Josй Mьller' }).waitFor();
    expect(await page.locator('#import-encoding-note').textContent()).toBe('Read as Cyrillic (Windows-1251).');
    await encoding.selectOption('windows-1252');
    expect(await page.getByLabel('Field for column Current company').inputValue()).toBe('current_company');

    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByRole('heading', { name: 'Imported excel-western.csv' }).waitFor();
    const names = (await workspace.api('GET', '/api/v1/candidates')).body.data.map((candidate: { full_name: string; current_company: string | null }) => [
      candidate.full_name,
      candidate.current_company,
    ]);
    expect(names.sort()).toEqual([
      ['José Müller', 'Café € Ltd'],
      ['Renée Ørsted', 'Fjord'],
    ]);

    // UTF-16 saved without a byte-order mark, as scripts may write it: read as UTF-16, not refused as "not a text file".
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'unmarked-utf16.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Email\r\nZoë Ålund,zoe@example.com\r\n', 'utf16le') });
    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    expect(await encoding.inputValue()).toBe('utf-16le');
    expect(await page.locator('#import-encoding-note').textContent()).toMatch(/^This file has no byte-order mark, but its zero bytes are those of UTF-16/);
    await page.getByRole('cell', { name: 'Zoë Ålund' }).waitFor();
  });

  it('exports the whole list as CSV: quoted commas, skill lists joined with semicolons, metadata as JSON', async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    await workspace.api('POST', '/api/v1/candidates', {
      full_name: 'Neha Gupta',
      email: 'neha@example.com',
      primary_skills: ['Go', 'SQL'],
      location: 'Noida, UP',
      metadata: { ats: 'N-1' },
    });
    await workspace.api('POST', '/api/v1/candidates', { full_name: 'Vikram Rao', email: 'vikram@example.com' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all candidates as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^candidates-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = parseCsv(readFileSync(await file.path(), 'utf8'));
    const column = (name: string) => exported.headers.indexOf(name);
    const neha = exported.rows.find((row) => row[column('email')] === 'neha@example.com');
    expect(exported.rows).toHaveLength(2);
    expect(neha?.[column('full_name')]).toBe('Neha Gupta');
    expect(neha?.[column('primary_skills')]).toBe('Go; SQL');
    expect(neha?.[column('location')]).toBe('Noida, UP');
    expect(JSON.parse(neha?.[column('metadata')] ?? '')).toEqual({ ats: 'N-1' });
  });
  it("exports a job's candidates with their statuses, and the sheet edited and imported back updates them", async () => {
    workspace = await openConnectedWorkspace();
    const { page } = workspace;
    const jobId = '8c8c8c8c-0000-4000-8000-00000000000c';
    await workspace.api('PUT', `/api/local/jobs/${jobId}`, { title: 'Data Engineer' });
    for (const [name, email] of [['Ira Sen', 'ira@example.com'], ['Om Das', 'om@example.com']]) {
      await workspace.api('POST', '/api/v1/candidates', { full_name: name, email, application: { job_id: jobId } });
    }
    await workspace.api('POST', '/api/v1/candidates', { full_name: 'No Job', email: 'nojob@example.com' });
    // The workspace reads the jobs as it opens.
    await page.reload();
    await page.getByLabel('Job', { exact: true }).selectOption({ label: 'Data Engineer' });
    await page.getByText('2 for this job').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^candidates-\d{4}-\d{2}-\d{2}-filtered\.csv$/);
    const exported = parseCsv(readFileSync(await file.path(), 'utf8'));
    const column = (name: string) => exported.headers.indexOf(name);
    expect(exported.rows.map((row) => [row[column('email')], row[column('application_status')]])).toEqual([
      ['om@example.com', 'Applied'],
      ['ira@example.com', 'Applied'],
    ]);

    const edited = exported.rows.map((row) => row.slice());
    edited[1]![column('application_status')] = 'interview';
    edited[1]![column('application_notes')] = 'Strong SQL; call Monday';
    const csv = [exported.headers, ...edited].map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
    await page.getByLabel('CSV file').setInputFiles({ name: 'edited.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    expect(await page.getByLabel('Field for column application_status', { exact: true }).inputValue()).toBe('application.status');
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByRole('heading', { name: 'Imported edited.csv' }).waitFor();
    expect(await page.locator('.import-count').filter({ hasText: 'Matched existing' }).locator('dd').textContent()).toBe('2');

    const applicationOf = async (email: string) => (await workspace!.api('GET', `/api/v1/candidates/${(await workspace!.api('GET', `/api/v1/candidates?search=${email}`)).body.data[0].id}`)).body.data.applications;
    expect(await applicationOf('ira@example.com')).toMatchObject([{ job_id: jobId, status: 'Interview', notes: 'Strong SQL; call Monday' }]);
    expect(await applicationOf('om@example.com')).toMatchObject([{ job_id: jobId, status: 'Applied', notes: null }]);
    expect(await applicationOf('nojob@example.com')).toEqual([]);
  });
});
