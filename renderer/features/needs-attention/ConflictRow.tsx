import { useState } from 'react';
import type { SyncConflict } from '@shared/local-api-schema';
import { Button } from '../../lib/ui/Button';
import { displayValue } from '../../lib/field-values';
import { formatWhen } from '../../lib/format-when';
import { editableText, valueFromText } from './attention-items';

export type Resolution = { take: 'local' } | { take: 'remote' } | { take: 'value'; value: unknown };

interface ConflictRowProps {
  conflict: SyncConflict;
  fieldLabel: string;
  busy: boolean;
  onResolve: (resolution: Resolution) => void;
}

/** One conflicting field: base, mine and theirs side by side, and the three ways to settle it. */
export function ConflictRow({ conflict, fieldLabel, busy, onResolve }: ConflictRowProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const inputId = `conflict-${conflict.id}-value`;
  return (
    <div className="conflict-row" role="row" aria-label={fieldLabel}>
      <span role="cell" className="conflict-field">
        {fieldLabel}
        <span className="attention-when">detected {formatWhen(conflict.detected_at)}</span>
      </span>
      <span role="cell" className="conflict-value conflict-base">
        {displayValue(conflict.base)}
      </span>
      <span role="cell" className="conflict-value conflict-mine">
        {displayValue(conflict.local)}
      </span>
      <span role="cell" className="conflict-value conflict-theirs">
        {displayValue(conflict.remote)}
      </span>
      <span role="cell" className="conflict-actions">
        {editing === null ? (
          <>
            <Button size="small" disabled={busy} onClick={() => onResolve({ take: 'local' })}>
              Take mine
            </Button>
            <Button size="small" disabled={busy} onClick={() => onResolve({ take: 'remote' })}>
              Take theirs
            </Button>
            <Button size="small" variant="quiet" disabled={busy} onClick={() => setEditing(editableText(conflict.local))}>
              Edit
            </Button>
          </>
        ) : (
          <form
            className="conflict-edit"
            onSubmit={(event) => {
              event.preventDefault();
              onResolve({ take: 'value', value: valueFromText(editing, [conflict.local, conflict.remote, conflict.base]) });
            }}
          >
            <label className="visually-hidden" htmlFor={inputId}>
              New value for {fieldLabel}
            </label>
            <input id={inputId} className="input" value={editing} autoFocus onChange={(event) => setEditing(event.target.value)} />
            <Button size="small" type="submit" variant="primary" disabled={busy}>
              Use this value
            </Button>
            <Button size="small" variant="quiet" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </form>
        )}
      </span>
    </div>
  );
}
