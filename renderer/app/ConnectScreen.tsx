import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type ApiConnection, connectWithToken } from '../lib/api-connection';
import { Button } from '../lib/ui/Button';
import { TextField } from '../lib/ui/TextField';

/** Shown in a browser opened without a (valid) one-time code: the token from the data folder opens the workspace. */
export interface ConnectScreenProps {
  /** The workspace was open and the API stopped accepting its token (regenerated in Settings, say). */
  tokenRefused?: boolean;
  /** The page was opened with a one-time sign-in link the API did not take: spent already, or mistyped. */
  linkRefused?: boolean;
  onConnected: (connection: ApiConnection) => void;
}

export function ConnectScreen({ tokenRefused = false, linkRefused = false, onConnected }: ConnectScreenProps) {
  const [token, setToken] = useState('');
  // A new object at each refusal, the same message again included: each takes the focus back to the token field.
  const [refusal, setRefusal] = useState<{ message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const tokenInput = useRef<HTMLInputElement>(null);

  // Once the field is marked invalid and described by the refusal, so that a screen reader says both on the focus.
  useEffect(() => {
    if (refusal) tokenInput.current?.focus();
  }, [refusal]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const pasted = token.trim();
    if (!pasted) {
      setRefusal({ message: 'Paste the token from the api-token file.' });
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const connection = await connectWithToken(pasted);
      if (connection) onConnected(connection);
      else setRefusal({ message: 'That token was not accepted. Copy it again from the api-token file; it changes when regenerated in Settings.' });
    } catch {
      setRefusal({ message: 'Recruiter Desk did not answer. Is `npm run serve` (or the app) still running?' });
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
        {linkRefused && (
          <div className="banner banner-info" role="status">
            That sign-in link was used already, or is not a valid one: each link works once. Paste the API token instead.
          </div>
        )}
        <p className="muted" style={{ margin: 0 }}>
          Open the address <code>npm run serve</code> printed (it works once), or paste the API token from the{' '}
          <code>api-token</code> file in the data folder. It is also shown in Settings.
        </p>
        <TextField
          ref={tokenInput}
          label="API token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={token}
          onChange={(event) => setToken(event.target.value)}
          error={refusal?.message}
        />
        {/* Not disabled while connecting: a disabled button drops the focus, and a refusal brings it back to the field. */}
        <Button type="submit" variant="primary" aria-disabled={busy || undefined}>
          {busy ? 'Connecting…' : 'Connect'}
        </Button>
      </form>
    </main>
  );
}
