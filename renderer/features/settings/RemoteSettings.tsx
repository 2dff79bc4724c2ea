import { type FormEvent, useRef, useState } from 'react';
import type { RemoteConnection, RemoteDescription } from '@shared/local-api-schema';
import { useSyncStatusStore } from '../../lib/sync-status-store';
import { Button } from '../../lib/ui/Button';
import { ConfirmDialog } from '../../lib/ui/Dialog';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { Spinner } from '../../lib/ui/Spinner';
import { TextField } from '../../lib/ui/TextField';
import { SavedNote } from './SavedNote';
import { SettingsLoadError } from './SettingsLoadError';
import { useSettingsForm } from './use-settings-form';

/** The cloud to sync with. The API key goes in and never comes back: the form only says one is saved. */
export function RemoteSettings() {
  const [remote, setRemote] = useState<RemoteDescription | null>(null);
  const [remoteUrl, setRemoteUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);
  // Saved while the cloud could not be reached: the key is unchecked, and the form says so rather than claim a sync.
  const [unreachable, setUnreachable] = useState<string | null>(null);
  const pending = useSyncStatusStore((state) => state.status?.pending ?? 0);
  const urlInput = useRef<HTMLInputElement>(null);

  const show = (description: RemoteDescription) => {
    setRemote(description);
    setRemoteUrl(description.remote_url ?? '');
  };
  const { client, errors, setErrors, generalError, setGeneralError, loadError, retryLoad, saved, setSaved, submit } = useSettingsForm('/api/local/remote', show, [
    'remote_url',
    'api_key',
  ]);

  const save = submit(
    () => {
      const found: Record<string, string> = {};
      if (!URL.canParse(remoteUrl.trim()) || !/^https?:\/\//i.test(remoteUrl.trim())) found.remote_url = 'Enter the cloud’s address, e.g. https://cloud.example.com';
      if (!apiKey.trim()) found.api_key = remote?.has_api_key ? 'Enter the API key again to change the address or the key' : 'Enter the organisation’s API key';
      return found;
    },
    async () => {
      setBusy(true);
      setUnreachable(null);
      try {
        const { body } = await client.request<{ data: RemoteConnection }>('/api/local/remote', {
          method: 'PUT',
          body: { remote_url: remoteUrl.trim(), api_key: apiKey.trim() },
        });
        show(body.data);
        setUnreachable(body.data.cloud_reached ? null : (body.data.cloud_error ?? 'no answer'));
        setApiKey('');
        void useSyncStatusStore.getState().refresh(client);
      } finally {
        setBusy(false);
      }
    },
  );

  // The submit button stays focusable while saving (a disabled one drops the focus to the page): a press then does nothing.
  const saveUnlessBusy = (event: FormEvent) => (busy ? event.preventDefault() : save(event));

  const disconnect = async () => {
    setBusy(true);
    try {
      await client.requestRaw('/api/local/remote', { method: 'DELETE' });
      // The form starts over: what was typed and refused belonged to the cloud now forgotten.
      show({ remote_url: null, has_api_key: false });
      setApiKey('');
      setErrors({});
      setGeneralError(null);
      setUnreachable(null);
      setSaved(false);
      void useSyncStatusStore.getState().refresh(client);
    } catch (error) {
      setGeneralError((error as Error).message);
    } finally {
      setBusy(false);
      setConfirmingDisconnect(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="remote-title">
      <h2 id="remote-title" tabIndex={-1}>
        Cloud sync
      </h2>
      {/* Said once known: unread, the cloud may well be connected. */}
      {remote && (
        <p className="panel-description">
          {remote.remote_url ? 'Candidates sync with this cloud in the background.' : 'Not connected: candidates stay on this computer until you connect the cloud.'}
        </p>
      )}
      {loadError ? (
        <SettingsLoadError title="The cloud settings could not be loaded." error={loadError} headingId="remote-title" onRetry={retryLoad} />
      ) : !remote ? (
        <Spinner label="Loading the cloud settings" />
      ) : (
        <form className="settings-rows" onSubmit={saveUnlessBusy} noValidate>
          <div className="form-row">
            <TextField
              ref={urlInput}
              label="Remote URL"
              type="url"
              placeholder="https://cloud.example.com"
              value={remoteUrl}
              onChange={(event) => {
                setRemoteUrl(event.target.value);
                setSaved(false);
              }}
              error={errors.remote_url}
            />
            <TextField
              label="API key"
              type="password"
              autoComplete="off"
              placeholder={remote?.has_api_key ? 'Saved (hidden)' : 'The organisation’s API key'}
              value={apiKey}
              onChange={(event) => {
                setApiKey(event.target.value);
                setSaved(false);
              }}
              error={errors.api_key}
              hint={remote?.has_api_key && !errors.api_key ? 'A key is saved. It is never shown again.' : undefined}
            />
          </div>
          <div className="settings-actions">
            <Button type="submit" variant="primary" aria-disabled={busy || undefined}>
              {remote?.remote_url ? 'Save and reconnect' : 'Connect'}
            </Button>
            {remote?.remote_url && (
              <Button variant="danger" onClick={() => setConfirmingDisconnect(true)} disabled={busy}>
                Disconnect
              </Button>
            )}
            <SavedNote shown={saved && unreachable === null}>Saved. Syncing with the cloud.</SavedNote>
          </div>
          {saved && unreachable !== null && (
            <p className="settings-warning" role="status">
              Saved, but the cloud could not be reached just now, so the API key is not checked yet ({unreachable}). Sync tries again every
              few minutes and whenever the network returns; the sync bar says how it goes.
            </p>
          )}
        </form>
      )}
      {generalError && <ErrorBanner title="The cloud settings were not saved.">{generalError}</ErrorBanner>}
      <ConfirmDialog
        title="Disconnect from the cloud?"
        open={confirmingDisconnect}
        confirmLabel="Disconnect"
        danger
        busy={busy}
        onConfirm={() => void disconnect()}
        onCancel={() => setConfirmingDisconnect(false)}
        // The Disconnect button goes with the cloud: the address field, where connecting again starts, takes the focus.
        focusWhenOpenerGone={() => urlInput.current}
      >
        <p style={{ margin: 0 }}>
          Sync stops and the saved address and key are forgotten. Candidates on this computer stay
          {pending > 0
            ? `, and so do the ${pending === 1 ? 'change' : `${pending.toLocaleString()} changes`} not yet sent: ${pending === 1 ? 'it goes' : 'they go'} out once a cloud is connected again.`
            : '.'}
        </p>
      </ConfirmDialog>
    </section>
  );
}
