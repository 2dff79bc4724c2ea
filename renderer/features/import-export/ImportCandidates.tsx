import { useEffect, useRef, useState } from 'react';
import { useApiClient } from '../../lib/api-context';
import { Button } from '../../lib/ui/Button';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { saveBlob } from '../../lib/ui/save-file';
import { useNavigationStore } from '../../app/navigation-store';
import {
  IMPORT_TARGETS,
  IMPORT_TARGET_LABELS,
  type ImportOutcome,
  type ImportTarget,
  type ParsedCsv,
  applicationDetailsWithoutJob,
  autoMapHeaders,
  parseCsv,
  repeatedRowReason,
  summaryToCsv,
} from './csv-import';
import { exportCandidatesCsv } from '../candidates-list/export-candidates-csv';
import { CSV_ENCODINGS, type CsvEncoding, type DecodedText, decodeCsvBytes, notTextReason } from './csv-text-encoding';
import { type MapStep, useImportRunStore } from './import-run-store';
import './import-export.css';

const PREVIEW_ROWS = 5;

/** A count as the list's own counts show it: a sheet of thousands of rows reads "12,000", not "12000". */
const countText = (count: number) => count.toLocaleString();

/** "1 row", "12,000 rows". */
const rowsText = (count: number) => `${countText(count)} ${count === 1 ? 'row' : 'rows'}`;

/** Import candidates from a CSV (map columns, create or match each row by email, see what happened); export the list. */
export function ImportCandidates() {
  const client = useApiClient();
  const step = useImportRunStore((state) => state.step);
  const setStep = useImportRunStore((state) => state.show);
  const [exportError, setExportError] = useState<string | null>(null);

  // Each step replaces the one whose button was pressed, focus and all: its heading takes the focus, and is read out.
  const shownStep = useRef(step.name);
  useEffect(() => {
    if (shownStep.current === step.name) return;
    shownStep.current = step.name;
    document.querySelector<HTMLElement>('.import-step-title')?.focus();
  }, [step.name]);

  const readFile = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const decoded = decodeCsvBytes(bytes);
      const notText = notTextReason(bytes, decoded);
      if (notText) throw new Error(notText);
      const csv = parseCsv(decoded.text);
      if (csv.headers.length === 0) throw new Error('The file is empty.');
      if (csv.rows.length === 0) throw new Error('The file has a header row but no candidates under it.');
      setStep({ name: 'map', fileName: file.name, bytes, decoded, csv, mapping: autoMapHeaders(csv.headers) });
    } catch (error) {
      setStep({ name: 'choose', error: `${file.name} could not be read: ${(error as Error).message}` });
    }
  };

  const readAgainAs = (current: MapStep, encoding: CsvEncoding) => {
    const decoded = decodeCsvBytes(current.bytes, encoding);
    let csv: ParsedCsv;
    try {
      csv = parseCsv(decoded.text);
    } catch (error) {
      setStep({ name: 'choose', error: `${current.fileName} could not be read as ${CSV_ENCODINGS[encoding]}: ${(error as Error).message}` });
      return;
    }
    // The columns' names may read differently now: the matching made for the old ones is kept only if they did not.
    const sameHeaders = csv.headers.length === current.csv.headers.length && csv.headers.every((header, index) => header === current.csv.headers[index]);
    setStep({ ...current, decoded, csv, mapping: sameHeaders ? current.mapping : autoMapHeaders(csv.headers) });
  };

  const exportAll = async () => {
    setExportError(null);
    try {
      await exportCandidatesCsv(client, { search: '', jobId: '' });
    } catch (error) {
      setExportError((error as Error).message);
    }
  };

  return (
    <section className="screen import-screen" aria-labelledby="import-title">
      <header className="screen-header">
        <div>
          <h1 id="import-title">Import and export</h1>
          <p className="panel-description import-intro">Bring candidates in from a spreadsheet, or take the whole list out as CSV.</p>
        </div>
        <div className="screen-header-actions">
          <Button onClick={() => void exportAll()}>Export all candidates as CSV</Button>
        </div>
      </header>
      {exportError && <ErrorBanner title="The export failed">{exportError}</ErrorBanner>}

      {step.name === 'choose' && <ChooseFile error={step.error} onFile={(file) => void readFile(file)} />}
      {step.name === 'map' && (
        <MappingPreview
          fileName={step.fileName}
          decoded={step.decoded}
          csv={step.csv}
          mapping={step.mapping}
          onEncodingChange={(encoding) => readAgainAs(step, encoding)}
          onMappingChange={(mapping) => setStep({ ...step, mapping })}
          onCancel={() => setStep({ name: 'choose', error: null })}
          onImport={() => void useImportRunStore.getState().run(client, step.fileName, step.csv, step.mapping)}
        />
      )}
      {step.name === 'importing' && <ImportProgress {...step} onCancel={() => useImportRunStore.getState().cancel()} />}
      {step.name === 'done' && <ImportSummary fileName={step.fileName} outcomes={step.outcomes} onAgain={() => setStep({ name: 'choose', error: null })} />}
    </section>
  );
}

function ChooseFile({ error, onFile }: { error: string | null; onFile: (file: File) => void }) {
  return (
    <div className="panel import-choose">
      <h2 className="import-step-title" tabIndex={-1}>
        Import candidates from CSV
      </h2>
      <p className="panel-description">
        The first row names the columns. Each row is created, or matched to the candidate who already has its email. Skill lists can be
        separated by semicolons, as the export writes them. Any of Excel’s CSV and Unicode Text files will do.
      </p>
      <p className="panel-description">
        The list exported while filtered by a job has each candidate’s status and notes for that job: change them in the sheet and
        import it here to update them.
      </p>
      <label className="button button-primary file-button">
        Choose CSV file…
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          aria-label="CSV file"
          className="visually-hidden"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
            event.target.value = '';
          }}
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface MappingPreviewProps {
  fileName: string;
  decoded: DecodedText;
  csv: ParsedCsv;
  mapping: (ImportTarget | null)[];
  onEncodingChange: (encoding: CsvEncoding) => void;
  onMappingChange: (mapping: (ImportTarget | null)[]) => void;
  onCancel: () => void;
  onImport: () => void;
}

function previewSentence(rows: number): string {
  if (rows > PREVIEW_ROWS) return `The first ${PREVIEW_ROWS} rows are shown.`;
  return rows === 1 ? 'It is shown below.' : `All ${rows} are shown below.`;
}

function encodingNote({ encoding, reason }: DecodedText): string {
  switch (reason) {
    case 'byte-order mark':
      return `Read as ${CSV_ENCODINGS[encoding]}, as the file's byte-order mark says.`;
    case 'UTF-16 zero bytes':
      return (
        `This file has no byte-order mark, but its zero bytes are those of UTF-16, so it was read as ${CSV_ENCODINGS[encoding]}. ` +
        'If letters in the preview look wrong, choose the encoding the file was saved in.'
      );
    case 'valid UTF-8':
      return 'Read as UTF-8.';
    case 'not UTF-8':
      return (
        `This file is not UTF-8, so it was read as ${CSV_ENCODINGS[encoding]}, the encoding Excel saves plain CSV in on most computers. ` +
        'If letters in the preview look wrong, choose the encoding the file was saved in.'
      );
    case 'chosen':
      return `Read as ${CSV_ENCODINGS[encoding]}.`;
  }
}

function MappingPreview({ fileName, decoded, csv, mapping, onEncodingChange, onMappingChange, onCancel, onImport }: MappingPreviewProps) {
  const mapped = new Set(mapping.filter((target): target is ImportTarget => target !== null));
  const missing = (['full_name', 'email'] as const).filter((required) => !mapped.has(required));
  const withoutJob = applicationDetailsWithoutJob(mapping);
  return (
    <div className="panel import-mapping">
      <h2 className="import-step-title" tabIndex={-1}>
        Match the columns
      </h2>
      <p className="panel-description">
        {fileName}: {rowsText(csv.rows.length)}. Columns were matched by name; change any that are wrong, or skip
        them. {previewSentence(csv.rows.length)}
      </p>
      <div className="import-encoding">
        <label htmlFor="import-encoding">Text encoding</label>
        <select
          id="import-encoding"
          className="select"
          aria-describedby="import-encoding-note"
          value={decoded.encoding}
          onChange={(event) => onEncodingChange(event.target.value as CsvEncoding)}
        >
          {Object.entries(CSV_ENCODINGS).map(([encoding, name]) => (
            <option key={encoding} value={encoding}>
              {name}
            </option>
          ))}
        </select>
        <p id="import-encoding-note" className={`import-encoding-note${decoded.reason === 'not UTF-8' ? ' import-encoding-guessed' : ''}`}>
          {encodingNote(decoded)}
        </p>
      </div>
      <div className="mapping-table-wrap">
        <table className="mapping-table">
          <thead>
            <tr>
              {csv.headers.map((header, index) => (
                <th key={index} scope="col">
                  <span className="mapping-header">{header || `Column ${index + 1}`}</span>
                  <select
                    className="select"
                    aria-label={`Field for column ${header || index + 1}`}
                    value={mapping[index] ?? ''}
                    onChange={(event) => {
                      const target = (event.target.value || null) as ImportTarget | null;
                      // One column per field: taking a field from another column leaves that one skipped.
                      onMappingChange(mapping.map((current, i) => (i === index ? target : current === target ? null : current)));
                    }}
                  >
                    <option value="">Skip this column</option>
                    {IMPORT_TARGETS.map((target) => (
                      <option key={target} value={target}>
                        {IMPORT_TARGET_LABELS[target]}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {csv.rows.slice(0, PREVIEW_ROWS).map((row, rowIndex) => (
              <tr key={rowIndex}>
                {csv.headers.map((_, index) => (
                  <td key={index} className={mapping[index] === null ? 'skipped' : undefined} title={row[index] || undefined}>
                    {row[index] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {missing.length > 0 && (
        <p className="field-error" role="alert">
          Map a column to {missing.map((field) => IMPORT_TARGET_LABELS[field]).join(' and ')}: every candidate needs one.
        </p>
      )}
      {withoutJob.length > 0 && (
        <p className="field-error" role="alert">
          {withoutJob.map((field) => IMPORT_TARGET_LABELS[field]).join(' and ')} {withoutJob.length === 1 ? 'belongs' : 'belong'} to a job: map a
          column to {IMPORT_TARGET_LABELS['application.job_id']} as well, or skip {withoutJob.length === 1 ? 'that column' : 'those columns'}.
        </p>
      )}
      <div className="import-actions">
        <Button onClick={onCancel}>Choose another file</Button>
        <Button variant="primary" disabled={missing.length > 0 || withoutJob.length > 0 || csv.rows.length === 0} onClick={onImport}>
          Import {rowsText(csv.rows.length)}
        </Button>
      </div>
    </div>
  );
}

interface ImportProgressProps {
  fileName: string;
  done: number;
  total: number;
  cancelling: boolean;
  onCancel: () => void;
}

function ImportProgress({ fileName, done, total, cancelling, onCancel }: ImportProgressProps) {
  return (
    <div className="panel import-progress">
      <h2 className="import-step-title" tabIndex={-1}>
        Importing {fileName}
      </h2>
      <progress aria-label="Import progress" max={total} value={done} />
      <p className="panel-description" aria-live="polite">
        {countText(done)} of {rowsText(total)}{cancelling ? ': cancelling, once the rows on their way are in' : ''}
      </p>
      <p className="panel-description">It goes on while you look at other screens; its report waits here.</p>
      <div className="import-actions">
        <Button onClick={onCancel} disabled={cancelling}>
          Cancel the import
        </Button>
      </div>
    </div>
  );
}

function ImportSummary({ fileName, outcomes, onAgain }: { fileName: string; outcomes: ImportOutcome[]; onAgain: () => void }) {
  const navigate = useNavigationStore((state) => state.navigate);
  const count = (outcome: ImportOutcome['outcome']) => outcomes.filter((item) => item.outcome === outcome).length;
  const rejected = outcomes.filter((item): item is Extract<ImportOutcome, { outcome: 'rejected' }> => item.outcome === 'rejected');
  const repeated = outcomes.filter((item): item is Extract<ImportOutcome, { outcome: 'repeated' }> => item.outcome === 'repeated');
  const download = () => {
    const base = fileName.replace(/\.csv$/i, '');
    saveBlob(new Blob([summaryToCsv(outcomes)], { type: 'text/csv;charset=utf-8' }), `${base}-import-summary.csv`);
  };
  return (
    <div className="panel import-summary" aria-labelledby="import-summary-title">
      <h2 id="import-summary-title" className="import-step-title" tabIndex={-1}>
        Imported {fileName}
      </h2>
      <dl className="import-counts">
        <div className="import-count import-count-created">
          <dt>Created</dt>
          <dd>{countText(count('created'))}</dd>
        </div>
        <div className="import-count import-count-matched">
          <dt>Matched existing</dt>
          <dd>{countText(count('matched'))}</dd>
        </div>
        {repeated.length > 0 && (
          <div className="import-count import-count-repeated">
            <dt>Repeated in the file</dt>
            <dd>{countText(repeated.length)}</dd>
          </div>
        )}
        <div className="import-count import-count-rejected">
          <dt>Rejected</dt>
          <dd>{countText(count('rejected'))}</dd>
        </div>
        {count('cancelled') > 0 && (
          <div className="import-count import-count-cancelled">
            <dt>Not imported (cancelled)</dt>
            <dd>{countText(count('cancelled'))}</dd>
          </div>
        )}
      </dl>
      {count('cancelled') > 0 && (
        <p className="panel-description">
          The import was cancelled before these rows were sent; the summary CSV names each one. Import the file again to bring them in: rows
          already imported are matched by their email, not made twice.
        </p>
      )}
      {count('matched') + repeated.length > 0 && (
        <p className="panel-description">
          A matched row&rsquo;s email belongs to a candidate already here, and a repeated row&rsquo;s to an earlier row of this file: that
          candidate&rsquo;s fields were left as they were. The row&rsquo;s application, if it had one, was added, or, for a job the candidate
          was already applied to, took the row&rsquo;s status and notes. Open the candidate to change the fields; the summary CSV names each
          one.
        </p>
      )}
      <OutcomeRows
        title="Rows repeating an email"
        lastColumn="What was done"
        rows={repeated.map((item) => ({ ...item, text: repeatedRowReason(item) }))}
      />
      <OutcomeRows title="Rejected rows" lastColumn="Reason" rows={rejected.map((item) => ({ ...item, text: item.reason }))} rejected />
      <div className="import-actions">
        <Button onClick={download}>Download summary (CSV)</Button>
        <Button onClick={onAgain}>Import another file</Button>
        <Button variant="primary" onClick={() => navigate({ name: 'candidates' })}>
          Go to candidates
        </Button>
      </div>
    </div>
  );
}

/** Rows of the file by their sheet number, with what became of each; nothing when there are none. */
function OutcomeRows({
  title,
  lastColumn,
  rows,
  rejected = false,
}: {
  title: string;
  lastColumn: string;
  rows: { row: number; name: string; email: string; text: string }[];
  rejected?: boolean;
}) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3 className="import-table-title">
        {title} ({countText(rows.length)})
      </h3>
      <table className="rejected-table" aria-label={title}>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">{lastColumn}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.row}>
              <td>{item.row}</td>
              <td>{item.name}</td>
              <td>{item.email}</td>
              <td className={rejected ? 'rejected-reason' : undefined}>{item.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
