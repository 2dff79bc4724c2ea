import { Button } from '../../lib/ui/Button';
import type { MetadataRow } from './candidate-form-model';

interface MetadataRowsEditorProps {
  rows: MetadataRow[];
  onChange: (rows: MetadataRow[]) => void;
  error: string | undefined;
  errorId: string;
}

/** Metadata as key/value rows; a value that was not text (a number, a nested object) is edited as JSON. */
export function MetadataRowsEditor({ rows, onChange, error, errorId }: MetadataRowsEditorProps) {
  const update = (index: number, change: Partial<MetadataRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="metadata-rows" aria-describedby={error ? errorId : undefined}>
      {rows.length === 0 && <p className="panel-empty">No metadata. Add a key such as an ATS id.</p>}
      {rows.map((row, index) => (
        <div className="metadata-row" key={index}>
          <input
            className="input"
            aria-label={`Metadata key ${index + 1}`}
            placeholder="key"
            value={row.key}
            aria-invalid={error ? true : undefined}
            onChange={(event) => update(index, { key: event.target.value })}
          />
          <input
            className={row.isJson ? 'input metadata-json' : 'input'}
            aria-label={`Metadata value ${index + 1}`}
            placeholder={row.isJson ? 'JSON value' : 'value'}
            value={row.value}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <Button aria-label={`Remove metadata ${row.key || index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            Remove
          </Button>
        </div>
      ))}
      <Button onClick={() => onChange([...rows, { key: '', value: '', isJson: false }])}>
        Add metadata
      </Button>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
