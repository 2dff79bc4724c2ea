import { useEffect, useRef, useState } from 'react';
import { Button } from '../../lib/ui/Button';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { Spinner } from '../../lib/ui/Spinner';
import { SavedNote } from './SavedNote';
import { SettingsLoadError } from './SettingsLoadError';
import { useSettingsForm } from './use-settings-form';

interface StatusRow {
  /** Stable across edits and moves, so React keeps each input's focus. */
  key: number;
  name: string;
}

const ADD_STATUS_ID = 'pipeline-add-status';
const controlId = (row: StatusRow, control: 'name' | 'up' | 'down' | 'remove') => `pipeline-status-${row.key}-${control}`;

/** Client-side the same rules as the API: names present and not repeated (case-insensitively). */
function validate(rows: StatusRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const name = row.name.trim();
    if (!name) errors[`statuses.${index}`] = 'Name the status, or remove it';
    else if (seen.has(name.toLowerCase())) errors[`statuses.${index}`] = `Repeats "${name}"`;
    seen.add(name.toLowerCase());
  });
  if (rows.length === 0) errors.statuses = 'Keep at least one status';
  return errors;
}

/** The organisation's pipeline, in order: the statuses an application can move through. */
export function PipelineSettings() {
  const [rows, setRows] = useState<StatusRow[] | null>(null);
  const [nextKey, setNextKey] = useState(0);

  const show = (statuses: string[]) => {
    setRows(statuses.map((name, index) => ({ key: index, name })));
    setNextKey(statuses.length);
  };
  const { errors, generalError, loadError, retryLoad, saved, setSaved, submit } = useSettingsForm('/api/local/pipeline-statuses', show, ['statuses']);

  // The button pressed can leave with its row, move with it, or turn disabled at the end of the list: each of those
  // drops the focus to the page. The control the user goes on with is focused once the rows are drawn.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const id = focusNext.current;
    focusNext.current = null;
    if (id) document.getElementById(id)?.focus();
  }, [rows]);

  const change = (next: StatusRow[], focusId?: string) => {
    focusNext.current = focusId ?? null;
    setRows(next);
    setSaved(false);
  };
  const move = (index: number, by: number) => {
    if (!rows) return;
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    const to = index + by;
    // At the end it moved to, its button that way is disabled: the other way's takes the focus.
    const atEnd = by < 0 ? to === 0 : to === next.length - 1;
    const up = by < 0 !== atEnd;
    change(next, controlId(row!, up ? 'up' : 'down'));
  };
  const remove = (index: number) => {
    if (!rows) return;
    const neighbour = rows[index + 1] ?? rows[index - 1];
    change(
      rows.filter((_, at) => at !== index),
      neighbour ? controlId(neighbour, 'remove') : ADD_STATUS_ID,
    );
  };

  const save = submit(
    () => validate(rows ?? []),
    async (client) => {
      const { body } = await client.request<{ data: string[] }>('/api/local/pipeline-statuses', {
        method: 'PUT',
        body: { statuses: (rows ?? []).map((row) => row.name.trim()) },
      });
      show(body.data);
    },
  );

  return (
    <section className="panel" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title" tabIndex={-1}>
        Pipeline statuses
      </h2>
      <p className="panel-description">The steps an application moves through, in order. Applications already in a removed status keep it.</p>
      {loadError ? (
        <SettingsLoadError title="The pipeline could not be loaded." error={loadError} headingId="pipeline-title" onRetry={retryLoad} />
      ) : !rows ? (
        <Spinner label="Loading the pipeline" />
      ) : (
        <form className="settings-rows" onSubmit={save} noValidate>
          <ol className="settings-list" aria-label="Pipeline statuses">
            {rows.map((row, index) => {
              const error = errors[`statuses.${index}`];
              const errorId = `pipeline-status-${row.key}-error`;
              return (
                <li key={row.key} className="settings-list-row">
                  <span className="settings-list-index">{index + 1}</span>
                  <div className="field settings-list-field">
                    <input
                      id={controlId(row, 'name')}
                      className="input"
                      aria-label={`Status ${index + 1}`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      value={row.name}
                      onChange={(event) => change(rows.map((known) => (known.key === row.key ? { ...known, name: event.target.value } : known)))}
                    />
                    {error && (
                      <span className="field-error" id={errorId}>
                        {error}
                      </span>
                    )}
                  </div>
                  <Button
                    id={controlId(row, 'up')}
                    size="small"
                    variant="quiet"
                    aria-label={`Move ${row.name || 'status'} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    id={controlId(row, 'down')}
                    size="small"
                    variant="quiet"
                    aria-label={`Move ${row.name || 'status'} down`}
                    disabled={index === rows.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </Button>
                  <Button id={controlId(row, 'remove')} size="small" variant="quiet" aria-label={`Remove ${row.name || 'status'}`} onClick={() => remove(index)}>
                    Remove
                  </Button>
                </li>
              );
            })}
          </ol>
          {errors.statuses && <span className="field-error">{errors.statuses}</span>}
          <div className="settings-actions">
            <Button
              id={ADD_STATUS_ID}
              onClick={() => {
                const added = { key: nextKey, name: '' };
                change([...rows, added], controlId(added, 'name'));
                setNextKey(nextKey + 1);
              }}
            >
              Add status
            </Button>
            <Button type="submit" variant="primary">
              Save statuses
            </Button>
            <SavedNote shown={saved} />
          </div>
        </form>
      )}
      {generalError && <ErrorBanner title="The pipeline was not saved.">{generalError}</ErrorBanner>}
    </section>
  );
}
