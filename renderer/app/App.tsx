import { useEffect, useMemo, useState } from 'react';
import { useCandidatesListStore } from '../features/candidates-list/candidates-list-store';
import { type ApiClient, createApiClient } from '../lib/api-client';
import { type ApiConnection, establishConnection, rememberSessionToken } from '../lib/api-connection';
import { ApiClientProvider } from '../lib/api-context';
import { Spinner } from '../lib/ui/Spinner';
import { ConnectionContext, type ConnectionControls } from './connection-context';
import { ConnectScreen } from './ConnectScreen';
import { Workspace } from './Workspace';

type Connection = { state: 'connecting' } | { state: 'needs-token' } | { state: 'connected'; client: ApiClient };

export function App() {
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });

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
  }, []);

  const client = connection.state === 'connected' ? connection.client : null;
  const controls = useMemo<ConnectionControls | null>(
    () =>
      client && {
        replaceToken: (token) => {
          rememberSessionToken(token);
          setConnection(connected({ baseUrl: client.connection.baseUrl, token }));
        },
      },
    [client],
  );

  if (connection.state === 'connecting') {
    return (
      <div className="app-loading">
        <Spinner label="Opening Recruiter Desk…" showLabel size="large" />
      </div>
    );
  }
  if (connection.state === 'needs-token') return <ConnectScreen onConnected={(found) => setConnection(connected(found))} />;
  return (
    <ConnectionContext.Provider value={controls}>
      <ApiClientProvider client={connection.client}>
        <Workspace />
      </ApiClientProvider>
    </ConnectionContext.Provider>
  );
}

function connected(connection: ApiConnection): Connection {
  const client = createApiClient(connection);
  // The list's first page is what the window opens on: ask for it now rather than after the first render.
  useCandidatesListStore.getState().ensurePages(client, [0]);
  return { state: 'connected', client };
}
