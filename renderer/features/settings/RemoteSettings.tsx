import { useState } from 'react';
import { useSyncStatusStore } from '../../lib/sync-status-store';
import { Button } from '../../lib/ui/Button';
import { ConfirmDialog } from '../../lib/ui/Dialog';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { Spinner } from '../../lib/ui/Spinner';
import { TextField } from '../../lib/ui/TextField';
import { SavedNote } from './SavedNote';
import { useSettingsForm } from './use-settings-form';

interface RemoteDescription {
  remote_url: string | null;
  has_api_key: boolean;
}

/** The cloud to sync with. The API key goes in and never comes back: the form only says one is saved. */
export function RemoteSettings() {
  const [remote, setRemote] = useState<RemoteDescription | null>(null);
  const [remoteUrl, setRemoteUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);

  const show = (description: RemoteDescription) => {
    setRemote(description);
    setRemoteUrl(description.remote_url ?? '');
  };
  const { client, errors, generalError, setGeneralError, saved, setSaved, submit } = useSettingsForm('/api/local/remote', show, ['remote_url', 'api_key']);

  const save = submit(
    () => {
      const found: Record<string, string> = {};
      if (!URL.canParse(remoteUrl.trim()) || !/^https?:\/\//i.test(remoteUrl.trim())) found.remote_url = 'Enter the cloud’s address, e.g. https://cloud.example.com';
      if (!apiKey.trim()) found.api_key = remote?.has_api_key ? 'Enter the API key again to change the address or the key' : 'Enter the organisation’s API key';
      return found;
    },
    async () => {
      setBusy(true);
      try {
        const { body } = await client.request<{ data: RemoteDescription }>('/api/local/remote', {
          method: 'PUT',
          body: { remote_url: remoteUrl.trim(), api_key: apiKey.trim() },
        });
        show(body.data);
        setApiKey('');
        void useSyncStatusStore.getState().refresh(client);
      } finally {
        setBusy(false);
      }
    },
  );

  const disconnect = async () => {
    setBusy(true);
    try {
      await client.requestRaw('/api/local/remote', { method: 'DELETE' });
      show({ remote_url: null, has_api_key: false });
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
      <h2 id="remote-title">Cloud sync</h2>
      <p className="panel-description">
        {remote?.remote_url ? 'Candidates sync with this cloud in the background.' : 'Not connected: candidates stay on this computer until you connect the cloud.'}
      </p>
      {!remote && !generalError ? (
        <Spinner label="Loading the cloud settings" />
      ) : (
        <form className="settings-rows" onSubmit={save} noValidate>
          <div className="form-row">
            <TextField
              label="Remote URL"
              type="url"
              placeholder="https://cloud.example.com"
              value={remoteUrl}
              onChange={(event) => setRemoteUrl(event.target.value)}
              error={errors.remote_url}
            />
            <TextField
              label="API key"
              type="password"
              autoComplete="off"
              placeholder={remote?.has_api_key ? 'Saved (enter a new key to replace it)' : 'The organisation’s API key'}
              value={apiKey}
              onChange={(event) => setApiKey(event.target.value)}
              error={errors.api_key}
              hint={remote?.has_api_key && !errors.api_key ? 'A key is saved. It is never shown again.' : undefined}
            />
          </div>
          <div className="settings-actions">
            <Button type="submit" variant="primary" disabled={busy}>
              {remote?.remote_url ? 'Save and reconnect' : 'Connect'}
            </Button>
            {remote?.remote_url && (
              <Button variant="danger" onClick={() => setConfirmingDisconnect(true)} disabled={busy}>
                Disconnect
              </Button>
            )}
            <SavedNote shown={saved}>Saved. Syncing with the cloud.</SavedNote>
          </div>
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
      >
        <p style={{ margin: 0 }}>Sync stops and the saved address and key are forgotten. Candidates on this computer stay.</p>
      </ConfirmDialog>
    </section>
  );
}
