import { stringify } from 'csv-stringify/sync';
import type { Candidate } from '@shared/candidate-schema';
import { guardFormula } from '@shared/formula-guard';

/** The list's columns, in the order of the contract's Candidate. */
export const CSV_COLUMNS = [
  'id', 'full_name', 'email', 'phone_number', 'whatsapp_number', 'location', 'preferred_location',
  'primary_skills', 'secondary_skills', 'skill_array', 'total_experience_years', 'current_company',
  'current_designation', 'current_ctc', 'expected_ctc', 'notice_period_days', 'in_notice_period',
  'last_working_day', 'resume_url', 'source', 'screening_score', 'talent_pool_status', 'metadata',
  'created_at', 'updated_at',
] as const satisfies readonly (keyof Candidate)[];

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
  return csvRecords([[...CSV_COLUMNS]]) + candidatesToCsvRows(candidates);
}

/**
 * The rows alone, for a file written a page at a time after one header row.
 * `guardFormulas` for a file meant to be opened in a spreadsheet app (see
 * shared/formula-guard.ts); the API's own CSV is data for Power Query and
 * scripts, and keeps every value exactly.
 */
export function candidatesToCsvRows(candidates: readonly Candidate[], options: { guardFormulas?: boolean } = {}): string {
  const text = options.guardFormulas ? guardFormula : (value: string) => value;
  return csvRecords(candidates.map((candidate) => CSV_COLUMNS.map((column) => text(cell(candidate[column])))));
}

function csvRecords(records: string[][]): string {
  return records.length === 0 ? '' : stringify(records, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
