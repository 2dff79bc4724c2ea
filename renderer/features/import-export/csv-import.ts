import Papa from 'papaparse';
import { WRITABLE_CANDIDATE_FIELDS } from '@shared/contract';
import { unguardFormula } from '@shared/formula-guard';
import { FIELD_LABELS } from '../../lib/field-labels';

/** Where a CSV column can go: a writable contract field, a part of the nested application, or nowhere. */
export const IMPORT_TARGETS = [
  ...WRITABLE_CANDIDATE_FIELDS,
  'application.job_id',
  'application.status',
  'application.notes',
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

export const IMPORT_TARGET_LABELS: Record<ImportTarget, string> = {
  ...FIELD_LABELS,
  metadata: 'Metadata (JSON)',
  'application.job_id': 'Application: job id',
  'application.status': 'Application: status',
  'application.notes': 'Application: notes',
};

const NUMBER_TARGETS = new Set<ImportTarget>(['total_experience_years', 'current_ctc', 'expected_ctc', 'notice_period_days']);
const SKILL_TARGETS = new Set<ImportTarget>(['primary_skills', 'secondary_skills']);

/** Other names spreadsheets give these columns, compared after normalising (lower case, letters and digits only). */
const ALIASES: Partial<Record<ImportTarget, string[]>> = {
  full_name: ['name', 'candidate', 'candidatename', 'fullname'],
  email: ['emailaddress', 'mail', 'emailid'],
  phone_number: ['phone', 'mobile', 'mobilenumber', 'mobileno', 'phoneno', 'contactnumber', 'contactno'],
  whatsapp_number: ['whatsapp', 'whatsappno'],
  location: ['city', 'currentlocation'],
  preferred_location: ['preferredcity'],
  primary_skills: ['skills', 'keyskills'],
  total_experience_years: ['experience', 'totalexperience', 'experienceyears', 'exp', 'yearsofexperience', 'yrsexp', 'yearsexp', 'expyears', 'expyrs'],
  current_company: ['company', 'employer', 'currentemployer'],
  current_designation: ['designation', 'title', 'jobtitle', 'role'],
  current_ctc: ['ctc', 'currentctclpa'],
  expected_ctc: ['ectc', 'expectedctclpa'],
  notice_period_days: ['noticeperiod', 'notice', 'noticedays', 'noticeperioddays'],
  in_notice_period: ['servingnotice', 'innotice'],
  last_working_day: ['lwd', 'lastday'],
  resume_url: ['resume', 'cv', 'resumelink', 'cvurl'],
  'application.job_id': ['jobid', 'job'],
  'application.status': ['status', 'pipelinestatus', 'applicationstatus'],
  'application.notes': ['notes', 'applicationnotes'],
};

const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The target a header names (by field name, label or a common alias), or null. */
export function targetForHeader(header: string): ImportTarget | null {
  const key = normalize(header);
  if (key === '') return null;
  for (const target of IMPORT_TARGETS) {
    if (normalize(target) === key || normalize(IMPORT_TARGET_LABELS[target]) === key) return target;
  }
  for (const target of IMPORT_TARGETS) {
    if (ALIASES[target]?.includes(key)) return target;
  }
  return null;
}

/** The parts of the application that need its job: without a job id column, every row naming them would be refused. */
const APPLICATION_DETAILS: readonly ImportTarget[] = ['application.status', 'application.notes'];

/**
 * A target for each header; a target is given to the first header that names
 * it only. A "Status" or "Notes" column is taken as the application's only
 * beside a job id column: on its own it is most often the sheet's own notes.
 */
export function autoMapHeaders(headers: readonly string[]): (ImportTarget | null)[] {
  const taken = new Set<ImportTarget>();
  const mapping = headers.map((header) => {
    const target = targetForHeader(header);
    if (target === null || taken.has(target)) return null;
    taken.add(target);
    return target;
  });
  return taken.has('application.job_id') ? mapping : mapping.map((target) => (target !== null && APPLICATION_DETAILS.includes(target) ? null : target));
}

/** Application details mapped without the job they belong to: the import cannot start so. */
export function applicationDetailsWithoutJob(mapping: readonly (ImportTarget | null)[]): ImportTarget[] {
  if (mapping.includes('application.job_id')) return [];
  return APPLICATION_DETAILS.filter((target) => mapping.includes(target));
}

export interface ParsedCsv {
  headers: string[];
  rows: string[][];
  /** Each row's number as a spreadsheet shows it: the header is row 1, and blank rows, skipped, still count. */
  rowNumbers: number[];
}

/**
 * Parses CSV text (a byte-order mark, quoted fields with delimiters and line
 * breaks, `,` `;` or tab separated). A cell the export guarded against running
 * as a formula comes back as the value it was. A quote never closed is an
 * error: read on, it would take the rest of the file into one cell.
 */
export function parseCsv(text: string): ParsedCsv {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Blank rows are kept here, to number the rows as the sheet does; the delimiter is guessed without them, as they
  // would make every delimiter look inconsistent.
  const { delimiter } = Papa.parse<string[]>(withoutBom, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'], preview: 50 }).meta;
  const result = Papa.parse<string[]>(withoutBom, { delimiter });
  const unclosed = result.errors.find((error) => error.code === 'MissingQuotes');
  if (unclosed) {
    throw new Error(
      `row ${(unclosed.row ?? 0) + 1} opens a quoted cell that is never closed, so the rest of the file would be read into that one cell. ` +
        'Close or remove that quote, then choose the file again.',
    );
  }
  const records = result.data.flatMap((cells, index) => (cells.some((cell) => cell.trim() !== '') ? [{ cells, number: index + 1 }] : []));
  const [header, ...data] = records;
  return {
    headers: (header?.cells ?? []).map((cell) => cell.trim()),
    rows: data.map((record) => record.cells.map(unguardFormula)),
    rowNumbers: data.map((record) => record.number),
  };
}

/** A skill list cell: the API's export joins with "; "; a hand-made sheet often uses commas. */
export function splitSkills(cell: string): string[] {
  const separator = cell.includes(';') ? ';' : ',';
  return cell
    .split(separator)
    .map((skill) => skill.trim())
    .filter((skill) => skill !== '');
}

function booleanCell(cell: string): boolean | string {
  const key = cell.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(key)) return true;
  if (['false', 'no', 'n', '0'].includes(key)) return false;
  return cell.trim();
}

/**
 * A number as spreadsheets write it: `6.5`, a decimal comma as many locales
 * save it (`6,5`), or thousands grouped with commas (`1,200`, three digits
 * after each comma). Anything else is sent as it is, for the API to refuse.
 */
export function numberCell(cell: string): number | string {
  const text = cell.trim();
  const normalised = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? text.replaceAll(',', '') : /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  const parsed = Number(normalised);
  return normalised !== '' && Number.isFinite(parsed) ? parsed : text;
}

function jsonCell(cell: string): unknown {
  try {
    return JSON.parse(cell);
  } catch {
    return cell.trim();
  }
}

/**
 * The POST body for one row. Empty cells are left out. A cell that cannot be
 * what its field needs (text in a number column) is sent as it is, so the API
 * rejects the row with its own reason at that field.
 */
export function rowToBody(row: readonly string[], mapping: readonly (ImportTarget | null)[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const application: Record<string, unknown> = {};
  mapping.forEach((target, index) => {
    const cell = row[index] ?? '';
    if (target === null || cell.trim() === '') return;
    if (target.startsWith('application.')) {
      application[target.slice('application.'.length)] = cell.trim();
    } else if (SKILL_TARGETS.has(target)) {
      body[target] = splitSkills(cell);
    } else if (NUMBER_TARGETS.has(target)) {
      body[target] = numberCell(cell);
    } else if (target === 'in_notice_period') {
      body[target] = booleanCell(cell);
    } else if (target === 'metadata') {
      body[target] = jsonCell(cell);
    } else {
      body[target] = cell;
    }
  });
  if (Object.keys(application).length > 0) body.application = application;
  return body;
}

export type ImportOutcome =
  | { row: number; outcome: 'created' | 'matched'; candidateId: string; name: string; email: string }
  /** A row whose email an earlier row of the file has: matched to that row's candidate. */
  | { row: number; outcome: 'repeated'; firstRow: number; candidateId: string; name: string; email: string }
  | { row: number; outcome: 'rejected'; name: string; email: string; reason: string }
  /** A row the import was cancelled before sending. */
  | { row: number; outcome: 'cancelled'; name: string; email: string };

/** What a repeated row's outcome says, on screen and in the summary CSV. */
export function repeatedRowReason(outcome: Extract<ImportOutcome, { outcome: 'repeated' }>): string {
  return `same email as row ${outcome.firstRow}: matched to that candidate, whose fields were left as they were`;
}

/** The summary as CSV, one line per data row (row 2 is the first under the header, as a spreadsheet numbers it). */
export function summaryToCsv(outcomes: readonly ImportOutcome[]): string {
  return Papa.unparse({
    fields: ['row', 'outcome', 'full_name', 'email', 'candidate_id', 'reason'],
    data: outcomes.map((outcome) => [
      outcome.row,
      outcome.outcome,
      outcome.name,
      outcome.email,
      'candidateId' in outcome ? outcome.candidateId : '',
      summaryReason(outcome),
    ]),
  });
}

function summaryReason(outcome: ImportOutcome): string {
  switch (outcome.outcome) {
    case 'rejected':
      return outcome.reason;
    case 'repeated':
      return repeatedRowReason(outcome);
    case 'cancelled':
      return 'not imported: the import was cancelled first';
    default:
      return '';
  }
}

/**
 * The items in order, cut into batches of at most `maxItems` items and at most
 * `maxWeight` in all; an item heavier than that alone makes a batch of its own.
 */
export function inBatches<T>(items: readonly T[], maxItems: number, maxWeight: number, weightOf: (item: T) => number): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let weight = 0;
  for (const item of items) {
    const itemWeight = weightOf(item);
    if (batch.length > 0 && (batch.length === maxItems || weight + itemWeight > maxWeight)) {
      batches.push(batch);
      batch = [];
      weight = 0;
    }
    batch.push(item);
    weight += itemWeight;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
