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
    await saveScreenshot(page, 'import-mapping');

    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    const summary = page.getByRole('heading', { name: 'Imported import-candidates.csv' });
    await summary.waitFor();
    const count = async (label: string) => page.locator('.import-count', { hasText: label }).locator('dd').textContent();
    expect(await count('Created')).toBe('2');
    expect(await count('Matched existing')).toBe('1');
    expect(await count('Rejected')).toBe('1');
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
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const exported = parseCsv(readFileSync(await file.path(), 'utf8'));
    const column = (name: string) => exported.headers.indexOf(name);
    const neha = exported.rows.find((row) => row[column('email')] === 'neha@example.com');
    expect(exported.rows).toHaveLength(2);
    expect(neha?.[column('full_name')]).toBe('Neha Gupta');
    expect(neha?.[column('primary_skills')]).toBe('Go; SQL');
    expect(neha?.[column('location')]).toBe('Noida, UP');
    expect(JSON.parse(neha?.[column('metadata')] ?? '')).toEqual({ ats: 'N-1' });
  });
});
