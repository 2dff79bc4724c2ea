import { createContext, useContext } from 'react';

export interface ConnectionControls {
  /** Switches the workspace's API client to a new token (after POST /api/local/token/regenerate). */
  replaceToken: (token: string) => void;
}

export const ConnectionContext = createContext<ConnectionControls | null>(null);

export function useConnectionControls(): ConnectionControls {
  const controls = useContext(ConnectionContext);
  if (!controls) throw new Error('useConnectionControls is used outside the connected workspace.');
  return controls;
}
