import { describe, expect, it } from 'vitest';
import { applicationDetailsWithoutJob, autoMapHeaders, inBatches, numberCell, parseCsv, rowToBody, splitSkills, summaryToCsv } from '../../renderer/features/import-export/csv-import';

describe('parsing an import file', () => {
  it('drops a byte-order mark and keeps quoted commas, quotes and line breaks', () => {
    const csv = parseCsv('\uFEFFfull_name,email,location\r\n"Doe, Jane",jane@example.com,"Line one\nline two"\r\n"Say ""hi""",b@example.com,\r\n\r\n');
    expect(csv.headers).toEqual(['full_name', 'email', 'location']);
    expect(csv.rows).toEqual([
      ['Doe, Jane', 'jane@example.com', 'Line one\nline two'],
      ['Say "hi"', 'b@example.com', ''],
    ]);
  });

  it('numbers each row as a spreadsheet does: blank rows skipped but counted, a cell over two lines one row', () => {
    const csv = parseCsv('Name,Email\n\nA,a@example.com\n,\n"B\nBee",b@example.com\n  ,  \nC,c@example.com\n');
    expect(csv.rows.map((row) => row[0])).toEqual(['A', 'B\nBee', 'C']);
    expect(csv.rowNumbers).toEqual([3, 5, 7]);
  });

  it('refuses a quote never closed, naming its row, rather than read the rest of the file into one cell', () => {
    expect(() => parseCsv('Name,Location\nOne,Pune\nTwo,"Mumbai\nThree,Delhi\nFour,Agra\n')).toThrow(/^row 3 opens a quoted cell that is never closed/);
  });

  it('reads a semicolon-separated sheet', () => {
    expect(parseCsv('Name;Email\nA;a@example.com\n').rows).toEqual([['A', 'a@example.com']]);
  });

  it('takes off the apostrophe the export put before a would-be formula, and keeps every other one', () => {
    const csv = parseCsv(`full_name,current_company,phone_number\n"'=HYPERLINK(""x"")",'@SUM(1),'+91 98765 43210\nO'Brien,'plain,''=x\n`);
    expect(csv.rows).toEqual([
      ['=HYPERLINK("x")', '@SUM(1)', "'+91 98765 43210"],
      ["O'Brien", "'plain", "'=x"],
    ]);
  });
});

describe('header mapping', () => {
  it('maps the API export’s own columns and leaves read-only ones skipped', () => {
    const headers = ['id', 'full_name', 'email', 'primary_skills', 'skill_array', 'current_ctc', 'in_notice_period', 'talent_pool_status', 'metadata', 'created_at'];
    expect(autoMapHeaders(headers)).toEqual([null, 'full_name', 'email', 'primary_skills', null, 'current_ctc', 'in_notice_period', null, 'metadata', null]);
  });

  it('maps labels and common spreadsheet names, each field once', () => {
    expect(autoMapHeaders(['Full name', 'E-mail', 'Mobile', 'Skills', 'Notice Period (days)', 'Phone', 'Job ID', 'Status'])).toEqual([
      'full_name',
      'email',
      'phone_number',
      'primary_skills',
      'notice_period_days',
      null,
      'application.job_id',
      'application.status',
    ]);
  });

  it('takes Status and Notes as the application’s only beside a job id column', () => {
    expect(autoMapHeaders(['Name', 'Email', 'Status', 'Notes'])).toEqual(['full_name', 'email', null, null]);
    expect(autoMapHeaders(['Name', 'Email', 'Notes', 'Job'])).toEqual(['full_name', 'email', 'application.notes', 'application.job_id']);
  });

  it('names the application details mapped without a job id column', () => {
    expect(applicationDetailsWithoutJob(['full_name', 'application.status', 'application.notes'])).toEqual(['application.status', 'application.notes']);
    expect(applicationDetailsWithoutJob(['application.status', 'application.job_id'])).toEqual([]);
  });
});

describe('a row as a POST body', () => {
  it('types cells by field and nests the application', () => {
    const mapping = autoMapHeaders(['full_name', 'email', 'primary_skills', 'total_experience_years', 'in_notice_period', 'metadata', 'location', 'job_id', 'status']);
    const body = rowToBody(
      ['Jane', 'jane@example.com', 'React; TypeScript; ', '6.5', 'yes', '{"ats":"X1"}', '', '550e8400-e29b-41d4-a716-446655440000', 'Shortlisted'],
      mapping,
    );
    expect(body).toEqual({
      full_name: 'Jane',
      email: 'jane@example.com',
      primary_skills: ['React', 'TypeScript'],
      total_experience_years: 6.5,
      in_notice_period: true,
      metadata: { ats: 'X1' },
      application: { job_id: '550e8400-e29b-41d4-a716-446655440000', status: 'Shortlisted' },
    });
  });

  it('sends a cell that cannot be a number as text, for the API to reject at its field', () => {
    expect(rowToBody(['six'], ['total_experience_years'])).toEqual({ total_experience_years: 'six' });
  });

  it('reads numbers as spreadsheets write them: decimal commas and thousands grouped', () => {
    expect(['6.5', '6,5', ' 12,25 ', '1,200', '12,345,678.5', '-3', '0'].map(numberCell)).toEqual([6.5, 6.5, 12.25, 1200, 12345678.5, -3, 0]);
    expect(['abc', '1,2,3', '6,5 yrs', '', '1e400'].map(numberCell)).toEqual(['abc', '1,2,3', '6,5 yrs', '', '1e400']);
  });

  it('maps more of the names sheets give phone and experience columns', () => {
    expect(autoMapHeaders(['Name', 'Email', 'Mobile No.', 'Yrs Exp'])).toEqual(['full_name', 'email', 'phone_number', 'total_experience_years']);
  });

  it('splits skills on semicolons when present, else commas', () => {
    expect(splitSkills('C, C++; Go')).toEqual(['C, C++', 'Go']);
    expect(splitSkills('React, Go')).toEqual(['React', 'Go']);
  });
});

describe('the summary', () => {
  it('is a CSV a spreadsheet opens, reasons quoted', () => {
    const csv = summaryToCsv([
      { row: 2, outcome: 'created', candidateId: 'c1', name: 'A', email: 'a@x.co' },
      { row: 3, outcome: 'rejected', name: 'B', email: 'bad', reason: 'email: must be an email address, really' },
      { row: 4, outcome: 'repeated', firstRow: 2, candidateId: 'c1', name: 'A again', email: 'A@x.co' },
    ]);
    expect(parseCsv(csv)).toEqual({
      headers: ['row', 'outcome', 'full_name', 'email', 'candidate_id', 'reason'],
      rows: [
        ['2', 'created', 'A', 'a@x.co', 'c1', ''],
        ['3', 'rejected', 'B', 'bad', '', 'email: must be an email address, really'],
        ['4', 'repeated', 'A again', 'A@x.co', 'c1', 'same email as row 2: matched to that candidate, whose fields were left as they were'],
      ],
      rowNumbers: [2, 3, 4],
    });
  });
});

describe('cutting rows into batches', () => {
  const weights = (batches: number[][]) => batches.map((batch) => batch.join('+'));

  it('keeps the order and closes a batch at the item count or before the weight is passed', () => {
    expect(weights(inBatches([1, 2, 3, 4, 5, 6, 7], 3, 100, (n) => n))).toEqual(['1+2+3', '4+5+6', '7']);
    expect(weights(inBatches([4, 4, 4, 1, 9], 10, 9, (n) => n))).toEqual(['4+4', '4+1', '9']);
  });

  it('gives an item heavier than the most a batch of its own, and makes no empty batch', () => {
    expect(weights(inBatches([1, 50, 2], 10, 10, (n) => n))).toEqual(['1', '50', '2']);
    expect(inBatches([], 10, 10, (n: number) => n)).toEqual([]);
  });
});
