import { stringify } from 'csv-stringify/sync';
import type { Application, Candidate } from '@shared/candidate-schema';
import { guardFormula } from '@shared/formula-guard';

/** The list's columns, in the order of the contract's Candidate. */
export const CSV_COLUMNS = [
  'id', 'full_name', 'email', 'phone_number', 'whatsapp_number', 'location', 'preferred_location',
  'primary_skills', 'secondary_skills', 'skill_array', 'total_experience_years', 'current_company',
  'current_designation', 'current_ctc', 'expected_ctc', 'notice_period_days', 'in_notice_period',
  'last_working_day', 'resume_url', 'source', 'screening_score', 'talent_pool_status', 'metadata',
  'created_at', 'updated_at',
] as const satisfies readonly (keyof Candidate)[];

/**
 * What an export filtered by job adds: each candidate's application to that
 * job. The workspace's import reads these names back as the application, so
 * statuses and notes changed in the sheet can be imported again.
 */
export const JOB_APPLICATION_CSV_COLUMNS = {
  application_job_id: 'job_id',
  application_status: 'status',
  application_status_date: 'status_date',
  application_notes: 'notes',
} as const satisfies Record<string, keyof Application>;

export interface CsvRowOptions {
  /** For a file meant to be opened in a spreadsheet app (see shared/formula-guard.ts). */
  guardFormulas?: boolean;
  /** For a file filtered by job: the candidate's application to it, written in JOB_APPLICATION_CSV_COLUMNS. */
  applicationOf?: (candidate: Candidate) => Application | undefined;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * One header row, then a row per candidate: arrays joined with "; ", metadata
 * as JSON, null as an empty cell. CRLF line ends, as RFC 4180 and Excel expect.
 * csv-stringify quotes only a cell holding the whole record delimiter, so a
 * lone CR or LF (a two-line location) is matched here, or it would split the row.
 */
export function candidatesToCsv(candidates: readonly Candidate[]): string {
  return csvHeaderRow() + candidatesToCsvRows(candidates);
}

/** The header row, with the job's application columns when the file is filtered by job. */
export function csvHeaderRow(options: { jobApplication?: boolean } = {}): string {
  return csvRecords([[...CSV_COLUMNS, ...(options.jobApplication ? Object.keys(JOB_APPLICATION_CSV_COLUMNS) : [])]]);
}

/**
 * The rows alone, for a file written a page at a time after one header row.
 * The API's own CSV is data for Power Query and scripts: it guards no
 * formulas, and keeps every value exactly.
 */
export function candidatesToCsvRows(candidates: readonly Candidate[], options: CsvRowOptions = {}): string {
  const text = options.guardFormulas ? guardFormula : (value: string) => value;
  const { applicationOf } = options;
  return csvRecords(
    candidates.map((candidate) => {
      const cells = CSV_COLUMNS.map((column) => cell(candidate[column]));
      if (applicationOf) {
        const application = applicationOf(candidate);
        cells.push(...Object.values(JOB_APPLICATION_CSV_COLUMNS).map((field) => cell(application?.[field])));
      }
      return cells.map(text);
    }),
  );
}

function csvRecords(records: string[][]): string {
  return records.length === 0 ? '' : stringify(records, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
