import { type FormEvent, useState } from 'react';
import { type ApiConnection, connectWithToken } from '../lib/api-connection';
import { Button } from '../lib/ui/Button';
import { TextField } from '../lib/ui/TextField';

/** Shown in a browser opened without a (valid) one-time code: the token from the data folder opens the workspace. */
export interface ConnectScreenProps {
  /** The workspace was open and the API stopped accepting its token (regenerated in Settings, say). */
  tokenRefused?: boolean;
  onConnected: (connection: ApiConnection) => void;
}

export function ConnectScreen({ tokenRefused = false, onConnected }: ConnectScreenProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const pasted = token.trim();
    if (!pasted) {
      setError('Paste the token from the api-token file.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const connection = await connectWithToken(pasted);
      if (connection) onConnected(connection);
      else setError('That token was not accepted. Copy it again from the api-token file; it changes when regenerated in Settings.');
    } catch {
      setError('Recruiter Desk did not answer. Is `npm run serve` (or the app) still running?');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="connect-screen">
      <form className="panel connect-card" onSubmit={submit} noValidate>
        <div className="workspace-brand">
          <span className="workspace-brand-mark" aria-hidden="true">
            RD
          </span>
          Recruiter Desk
        </div>
        <h1>Connect to your workspace</h1>
        {tokenRefused && (
          <div className="banner banner-info" role="status">
            The API token changed (it was regenerated in Settings, perhaps in another window). Paste the new one to carry on.
          </div>
        )}
        <p className="muted" style={{ margin: 0 }}>
          Open the address <code>npm run serve</code> printed (it works once), or paste the API token from the{' '}
          <code>api-token</code> file in the data folder. It is also shown in Settings.
        </p>
        <TextField
          label="API token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={token}
          onChange={(event) => setToken(event.target.value)}
          error={error}
        />
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </Button>
      </form>
    </main>
  );
}
