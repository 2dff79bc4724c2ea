import { useState } from 'react';
import { useConnectionControls } from '../../app/connection-context';
import { useApiClient } from '../../lib/api-context';
import { Button } from '../../lib/ui/Button';
import { ConfirmDialog } from '../../lib/ui/Dialog';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { TextField } from '../../lib/ui/TextField';
import { CopyButton } from './CopyButton';
import { SavedNote } from './SavedNote';

/** Where spreadsheets and scripts reach this computer's candidates, and the token they need. */
export function LocalApiSettings() {
  const client = useApiClient();
  const { replaceToken } = useConnectionControls();
  const [showToken, setShowToken] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [regenerated, setRegenerated] = useState(false);
  const address = `${client.connection.baseUrl}/api/v1/candidates`;

  const regenerate = async () => {
    setBusy(true);
    setError(null);
    try {
      const { body } = await client.request<{ data: { token: string } }>('/api/local/token/regenerate', { method: 'POST' });
      setConfirming(false);
      setRegenerated(true);
      replaceToken(body.data.token);
    } catch (failure) {
      setConfirming(false);
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="local-api-title">
      <h2 id="local-api-title">Local API</h2>
      <p className="panel-description">Spreadsheets and scripts on this computer reach your candidates here, with the token as a Bearer token.</p>
      <div className="settings-rows">
        <div className="form-row">
          <TextField label="API address" value={address} readOnly className="mono-field" />
          <CopyButton value={address} what="API address" />
        </div>
        <div className="form-row">
          <TextField
            label="API token"
            value={client.connection.token}
            type={showToken ? 'text' : 'password'}
            readOnly
            className="mono-field"
          />
          <Button onClick={() => setShowToken(!showToken)}>
            {showToken ? 'Hide' : 'Show'}
            <span className="visually-hidden"> API token</span>
          </Button>
          <CopyButton value={client.connection.token} what="API token" />
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Regenerate token
          </Button>
        </div>
      </div>
      {/* A status, not the field's hint: the focus is back on Regenerate token, and a screen reader says this as it appears. */}
      <SavedNote shown={regenerated}>A new token is in use: update your spreadsheets and scripts.</SavedNote>
      {error && <ErrorBanner title="The token was not regenerated.">{error}</ErrorBanner>}
      <ConfirmDialog
        title="Regenerate the API token?"
        open={confirming}
        confirmLabel="Regenerate"
        danger
        busy={busy}
        onConfirm={() => void regenerate()}
        onCancel={() => setConfirming(false)}
      >
        <p style={{ margin: 0 }}>
          The current token stops working at once. Spreadsheets, scripts and other browser tabs using it will need the new one.
        </p>
      </ConfirmDialog>
    </section>
  );
}
