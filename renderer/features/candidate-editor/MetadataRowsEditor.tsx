import { useEffect, useRef } from 'react';
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
  // A row added gets the focus in its key; a row removed took its button, so the row now in its place, the one
  // before, or Add metadata takes it.
  const containerRef = useRef<HTMLDivElement>(null);
  const focusAfterChange = useRef<{ row: number; control: 'key' | 'remove' } | null>(null);
  useEffect(() => {
    const target = focusAfterChange.current;
    if (target === null) return;
    focusAfterChange.current = null;
    const container = containerRef.current;
    const rowElements = container?.querySelectorAll('.metadata-row') ?? [];
    const row = rowElements[Math.min(target.row, rowElements.length - 1)];
    const control = row?.querySelector<HTMLElement>(target.control === 'key' ? 'input' : 'button') ?? container?.querySelector<HTMLElement>('.metadata-add');
    control?.focus();
  }, [rows]);
  const described = error ? errorId : undefined;
  return (
    <div className="metadata-rows" ref={containerRef}>
      {rows.length === 0 && <p className="panel-empty">No metadata. Add a key such as an ATS id.</p>}
      {rows.map((row, index) => (
        <div className="metadata-row" key={index}>
          <input
            className="input"
            aria-label={`Metadata key ${index + 1}`}
            placeholder="key"
            value={row.key}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            onChange={(event) => update(index, { key: event.target.value })}
          />
          <input
            className={row.isJson ? 'input metadata-json' : 'input'}
            aria-label={`Metadata value ${index + 1}`}
            placeholder={row.isJson ? 'JSON value' : 'value'}
            value={row.value}
            aria-describedby={described}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <Button
            aria-label={`Remove metadata ${row.key || index + 1}`}
            onClick={() => {
              focusAfterChange.current = { row: index, control: 'remove' };
              onChange(rows.filter((_, i) => i !== index));
            }}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button
        className="metadata-add"
        onClick={() => {
          focusAfterChange.current = { row: rows.length, control: 'key' };
          onChange([...rows, { key: '', value: '', isJson: false }]);
        }}
      >
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
