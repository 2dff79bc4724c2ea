import { useCallback, useEffect, useMemo, useState } from 'react';
import { useCandidatesListStore } from '../features/candidates-list/candidates-list-store';
import { type ApiClient, createApiClient } from '../lib/api-client';
import { type ApiConnection, establishConnection, forgetSessionToken, rememberSessionToken, tokenInUseIsRefused } from '../lib/api-connection';
import { ApiClientProvider } from '../lib/api-context';
import { Spinner } from '../lib/ui/Spinner';
import { ConnectionContext, type ConnectionControls } from './connection-context';
import { ConnectScreen } from './ConnectScreen';
import { Workspace } from './Workspace';

type Connection =
  | { state: 'connecting' }
  | { state: 'needs-token' }
  | { state: 'connected'; client: ApiClient }
  // The token was replaced elsewhere: the workspace stays as it is (a form half filled in) under the prompt for the new one.
  | { state: 'token-refused'; client: ApiClient };

export function App() {
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });
  // Read before connecting takes the one-time code out of the address: asked for the token after all, the link failed.
  const [openedWithLink] = useState(() => new URLSearchParams(window.location.search).has('code'));

  const connected = useCallback((found: ApiConnection): Connection => {
    const client = createApiClient(found, {
      // Checked again first: the 401 may answer a request sent with a token replaced since.
      onUnauthorized: () => {
        void tokenInUseIsRefused(client).then((refused) => {
          if (!refused) return;
          setConnection((current) => {
            if (current.state !== 'connected' || current.client !== client) return current;
            forgetSessionToken();
            return { state: 'token-refused', client };
          });
        });
      },
    });
    // The list's first page is what the window opens on: ask for it now rather than after the first render.
    useCandidatesListStore.getState().ensurePages(client, [0]);
    return { state: 'connected', client };
  }, []);

  useEffect(() => {
    let cancelled = false;
    void establishConnection().then(
      (found) => {
        if (!cancelled) setConnection(found ? connected(found) : { state: 'needs-token' });
      },
      () => {
        if (!cancelled) setConnection({ state: 'needs-token' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [connected]);

  const client = connection.state === 'connected' || connection.state === 'token-refused' ? connection.client : null;
  const controls = useMemo<ConnectionControls | null>(
    () =>
      client && {
        replaceToken: (token) => {
          rememberSessionToken(token);
          setConnection(connected({ baseUrl: client.connection.baseUrl, token }));
        },
      },
    [client, connected],
  );

  if (connection.state === 'connecting') {
    return (
      <div className="app-loading">
        <Spinner label="Opening Recruiter Desk…" showLabel size="large" />
      </div>
    );
  }
  if (connection.state === 'needs-token') {
    return <ConnectScreen linkRefused={openedWithLink} onConnected={(found) => setConnection(connected(found))} />;
  }
  const refused = connection.state === 'token-refused';
  return (
    <ConnectionContext.Provider value={controls}>
      <ApiClientProvider client={connection.client}>
        <div className="workspace-holder" inert={refused}>
          <Workspace />
        </div>
        {refused && (
          <div className="connect-overlay" role="dialog" aria-modal="true" aria-label="Connect to your workspace">
            <ConnectScreen
              tokenRefused
              onConnected={(found) => {
                // The same client, now with the new token: every screen keeps its state.
                connection.client.switchToken(found.token);
                setConnection({ state: 'connected', client: connection.client });
              }}
            />
          </div>
        )}
      </ApiClientProvider>
    </ConnectionContext.Provider>
  );
}
