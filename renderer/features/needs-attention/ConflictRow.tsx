import { useEffect, useRef, useState } from 'react';
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
  /** Settles the conflict; resolves to why it could not, or null. */
  onResolve: (resolution: Resolution) => Promise<string | null>;
}

/** One conflicting field: base, mine and theirs side by side, and the three ways to settle it. */
export function ConflictRow({ conflict, fieldLabel, busy, onResolve }: ConflictRowProps) {
  const [editing, setEditing] = useState<string | null>(null);
  // Said in the row it is about, next to what was typed, rather than at the top of the screen.
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const inputId = `conflict-${conflict.id}-value`;
  const errorId = `conflict-${conflict.id}-error`;

  const settle = async (resolution: Resolution) => {
    setError(null);
    const failed = await onResolve(resolution);
    if (failed === null) return;
    setError(failed);
    // The clicked button was disabled while the request was out, which left the focus nowhere.
    if (resolution.take === 'value') inputRef.current?.focus();
  };
  // Leaving the edit takes its field and buttons away: the focus goes back to Edit once it is drawn again.
  const focusEditButton = useRef(false);
  useEffect(() => {
    if (!focusEditButton.current || editing !== null) return;
    focusEditButton.current = false;
    editButtonRef.current?.focus();
  }, [editing]);
  const stopEditing = () => {
    focusEditButton.current = true;
    setEditing(null);
    setError(null);
  };

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
            <Button size="small" disabled={busy} onClick={() => void settle({ take: 'local' })}>
              Take mine
            </Button>
            <Button size="small" disabled={busy} onClick={() => void settle({ take: 'remote' })}>
              Take theirs
            </Button>
            <Button ref={editButtonRef} size="small" variant="quiet" disabled={busy} onClick={() => setEditing(editableText(conflict.local))}>
              Edit
            </Button>
          </>
        ) : (
          <form
            className="conflict-edit"
            onSubmit={(event) => {
              event.preventDefault();
              void settle({ take: 'value', value: valueFromText(editing, [conflict.local, conflict.remote, conflict.base]) });
            }}
          >
            <label className="visually-hidden" htmlFor={inputId}>
              New value for {fieldLabel}
            </label>
            <input
              ref={inputRef}
              id={inputId}
              className="input"
              value={editing}
              autoFocus
              aria-invalid={error !== null || undefined}
              aria-describedby={error !== null ? errorId : undefined}
              onChange={(event) => {
                setEditing(event.target.value);
                setError(null);
              }}
              onKeyDown={(event) => {
                if (event.key !== 'Escape') return;
                // The edit is a step inside the row: Escape leaves it, as Cancel does.
                event.preventDefault();
                stopEditing();
              }}
            />
            <Button size="small" type="submit" variant="primary" disabled={busy}>
              Use this value
            </Button>
            <Button size="small" variant="quiet" onClick={stopEditing}>
              Cancel
            </Button>
          </form>
        )}
        {error !== null && (
          <span id={errorId} className="conflict-error" role="alert">
            {error}
          </span>
        )}
      </span>
    </div>
  );
}
