import { create } from 'zustand';
import { emailKey } from '@shared/field-rules';
import type { CandidateBatchAnswer } from '@shared/local-api-schema';
import { ApiError, type ApiClient } from '../../lib/api-client';
import { formMessage } from '../../lib/field-errors';
import { IMPORT_TARGET_LABELS, type ImportOutcome, type ImportTarget, type ParsedCsv, inBatches, rowToBody } from './csv-import';
import type { DecodedText } from './csv-text-encoding';

/**
 * Rows go to the local API a batch at a time, one batch in flight: each batch
 * is one request and one commit, and the rows are applied in the file's order
 * (of two rows setting one job's status, the one further down wins, as in the sheet).
 */
const BATCH_ROWS = 100;
/** Well under the API's 1 MiB body limit, counting each character of a row's JSON as the three bytes it may take. */
const BATCH_BYTES = 768 * 1024;

/** The file's bytes are kept while columns are matched: choosing another encoding reads them again. */
export type MapStep = { name: 'map'; fileName: string; bytes: Uint8Array; decoded: DecodedText; csv: ParsedCsv; mapping: (ImportTarget | null)[] };

export type ImportStep =
  | { name: 'choose'; error: string | null }
  | MapStep
  | { name: 'importing'; fileName: string; total: number; done: number; cancelling: boolean }
  | { name: 'done'; fileName: string; outcomes: ImportOutcome[] };

interface ImportRunState {
  step: ImportStep;
  show: (step: ImportStep) => void;
  /** Creates or matches each row by email, then shows what happened to every row. */
  run: (client: ApiClient, fileName: string, csv: ParsedCsv, mapping: readonly (ImportTarget | null)[]) => Promise<void>;
  /** Sends no more rows; those on their way finish, and the rest are reported as not imported. */
  cancel: () => void;
}

/**
 * The import screen's step, outside the screen: an import goes on when the
 * recruiter looks at another screen, and its progress and report are there
 * on coming back.
 */
export const useImportRunStore = create<ImportRunState>((set, get) => {
  let cancelling: AbortController | null = null;
  return {
    step: { name: 'choose', error: null },
    show: (step) => set({ step }),
    cancel: () => {
      cancelling?.abort();
      const { step } = get();
      if (step.name === 'importing') set({ step: { ...step, cancelling: true } });
    },
    run: async (client, fileName, csv, mapping) => {
      const controller = new AbortController();
      cancelling = controller;
      const outcomes: ImportOutcome[] = [];
      const total = csv.rows.length;
      set({ step: { name: 'importing', fileName, total, done: 0, cancelling: false } });
      const rows = csv.rows.map((cells, index) => {
        const body = rowToBody(cells, mapping);
        return {
          number: csv.rowNumbers[index] ?? index + 2,
          body,
          name: typeof body.full_name === 'string' ? body.full_name : '',
          email: typeof body.email === 'string' ? body.email : '',
        };
      });
      type Row = (typeof rows)[number];
      // A row repeating an earlier row's email goes after every first one, so it always meets the candidate that row
      // made or matched (an application of its own is added to them) and is reported as the repeat it is.
      const firstRowByEmail = new Map<string, number>();
      for (const row of rows) {
        const key = emailKey(row.email);
        if (key !== '' && !firstRowByEmail.has(key)) firstRowByEmail.set(key, row.number);
      }
      const isFirst = (row: Row) => emailKey(row.email) === '' || firstRowByEmail.get(emailKey(row.email)) === row.number;
      const outcomeOf = ({ number, body, name, email }: Row, answer: CandidateBatchAnswer): ImportOutcome => {
        if ('error' in answer) {
          const { code, message, details = [] } = answer.error;
          return { row: number, outcome: 'rejected', name, email, reason: rejectionReason(new ApiError(answer.status, code, message, details), body) };
        }
        const candidateId = answer.data.id;
        const firstRow = firstRowByEmail.get(emailKey(email)) ?? number;
        if (firstRow !== number) return { row: number, outcome: 'repeated', firstRow, candidateId, name, email };
        return { row: number, outcome: answer.status === 201 ? 'created' : 'matched', candidateId, name, email };
      };
      const send = async (batch: readonly Row[]): Promise<ImportOutcome[]> => {
        try {
          const response = await client.request<{ data: CandidateBatchAnswer[] }>('/api/local/candidates/batch', {
            method: 'POST',
            body: { candidates: batch.map((row) => row.body) },
          });
          return batch.map((row, index) => outcomeOf(row, response.body.data[index] as CandidateBatchAnswer));
        } catch (error) {
          // The batch as a whole went unanswered or was refused: none of its rows was imported.
          return batch.map(({ number, body, name, email }) => ({ row: number, outcome: 'rejected', name, email, reason: rejectionReason(error, body) }));
        }
      };
      for (const pass of [rows.filter(isFirst), rows.filter((row) => !isFirst(row))]) {
        for (const batch of inBatches(pass, BATCH_ROWS, BATCH_BYTES, (row) => JSON.stringify(row.body).length * 3)) {
          if (controller.signal.aborted) {
            for (const { number, name, email } of batch) outcomes.push({ row: number, outcome: 'cancelled', name, email });
            continue;
          }
          outcomes.push(...(await send(batch)));
          const { step } = get();
          if (step.name === 'importing') set({ step: { ...step, done: outcomes.length } });
        }
      }
      if (cancelling === controller) cancelling = null;
      set({ step: { name: 'done', fileName, outcomes: outcomes.sort((a, b) => a.row - b.row) } });
    },
  };
});

/** The API's reasons, each at its column, with the cell's value: the recruiter finds the cell to fix without the file open. */
function rejectionReason(error: unknown, body: Record<string, unknown>): string {
  if (error instanceof ApiError && error.details.length > 0) {
    return error.details
      .map((detail) => (detail.path ? `${pathLabel(detail.path)}: ${formMessage(detail.message)}${cellQuote(body, detail.path)}` : detail.message))
      .join('; ');
  }
  return (error as Error).message;
}

/** ` (cell: "abc")` for the value sent at a path, when it is a single value; '' otherwise. */
function cellQuote(body: Record<string, unknown>, path: string): string {
  const value = path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), body);
  if (typeof value === 'number') return ` (cell: ${value})`;
  if (typeof value !== 'string' || value === '') return '';
  return ` (cell: "${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
}

/** An error path in the recruiter's words: `email` is "Email", `primary_skills.1` is "Primary skills (item 2)". */
function pathLabel(path: string): string {
  if (path in IMPORT_TARGET_LABELS) return IMPORT_TARGET_LABELS[path as ImportTarget];
  const [field = path, index] = path.split('.');
  if (index !== undefined && /^\d+$/.test(index) && field in IMPORT_TARGET_LABELS) return `${IMPORT_TARGET_LABELS[field as ImportTarget]} (item ${Number(index) + 1})`;
  return path;
}
