import { useState } from 'react';
import { Button } from '../../lib/ui/Button';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { Spinner } from '../../lib/ui/Spinner';
import { TextField } from '../../lib/ui/TextField';
import { SavedNote } from './SavedNote';
import { SettingsLoadError } from './SettingsLoadError';
import { useSettingsForm } from './use-settings-form';

type ConflictPolicy = 'ask' | 'prefer-remote' | 'prefer-local';

interface SyncSettingsValues {
  conflict_policy: ConflictPolicy;
  sync_interval_minutes: number;
}

const POLICY_LABELS: Record<ConflictPolicy, string> = {
  ask: 'Ask me (in Needs attention)',
  'prefer-remote': 'Keep the cloud’s value',
  'prefer-local': 'Keep the value from this computer',
};

/** How often sync runs and what it does when both sides changed a field. */
export function SyncSettings() {
  const [values, setValues] = useState<SyncSettingsValues | null>(null);
  const [intervalText, setIntervalText] = useState('');
  const [policy, setPolicy] = useState<ConflictPolicy>('ask');

  const show = (loaded: SyncSettingsValues) => {
    setValues(loaded);
    setIntervalText(String(loaded.sync_interval_minutes));
    setPolicy(loaded.conflict_policy);
  };
  const { errors, generalError, loadError, retryLoad, saved, setSaved, submit } = useSettingsForm('/api/local/settings', show, ['sync_interval_minutes', 'conflict_policy']);

  const minutesText = intervalText.trim();
  const save = submit(
    (): Record<string, string> => {
      const minutes = Number(minutesText);
      return !/^\d+$/.test(minutesText) || minutes < 1 || minutes > 1440
        ? { sync_interval_minutes: 'Enter a whole number of minutes from 1 to 1440' }
        : {};
    },
    async (client) => {
      const { body } = await client.request<{ data: SyncSettingsValues }>('/api/local/settings', {
        method: 'PUT',
        body: { conflict_policy: policy, sync_interval_minutes: Number(minutesText) },
      });
      show(body.data);
    },
  );

  return (
    <section className="panel" aria-labelledby="sync-settings-title">
      <h2 id="sync-settings-title" tabIndex={-1}>
        Sync
      </h2>
      <p className="panel-description">Sync also runs soon after every change you make, and whenever you press Sync now.</p>
      {loadError ? (
        <SettingsLoadError title="The sync settings could not be loaded." error={loadError} headingId="sync-settings-title" onRetry={retryLoad} />
      ) : !values ? (
        <Spinner label="Loading the sync settings" />
      ) : (
        <form className="settings-rows" onSubmit={save} noValidate>
          <div className="form-row">
            <TextField
              label="Sync interval (minutes)"
              inputMode="numeric"
              value={intervalText}
              onChange={(event) => {
                setIntervalText(event.target.value);
                setSaved(false);
              }}
              error={errors.sync_interval_minutes}
            />
            <div className="field">
              <label className="field-label" htmlFor="conflict-policy">
                When both sides changed a field
              </label>
              <select
                id="conflict-policy"
                className="select"
                value={policy}
                aria-invalid={errors.conflict_policy ? true : undefined}
                aria-describedby={errors.conflict_policy ? 'conflict-policy-error' : undefined}
                onChange={(event) => {
                  setPolicy(event.target.value as ConflictPolicy);
                  setSaved(false);
                }}
              >
                {Object.entries(POLICY_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              {errors.conflict_policy && (
                <span className="field-error" id="conflict-policy-error">
                  {errors.conflict_policy}
                </span>
              )}
            </div>
          </div>
          <div className="settings-actions">
            <Button type="submit" variant="primary">
              Save sync settings
            </Button>
            <SavedNote shown={saved} />
          </div>
        </form>
      )}
      {generalError && <ErrorBanner title="The sync settings were not saved.">{generalError}</ErrorBanner>}
    </section>
  );
}
