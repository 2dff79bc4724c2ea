import { useEffect, useRef, useState } from 'react';
import { useNavigationStore } from '../../app/navigation-store';
import { ApiError } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { relativeTime } from '../../lib/relative-time';
import { type SyncStatus, useSyncStatusStore } from '../../lib/sync-status-store';
import { Button } from '../../lib/ui/Button';
import { Dialog } from '../../lib/ui/Dialog';
import './sync-bar.css';

const POLL_MS = 2500;
const POLL_WHILE_SYNCING_MS = 750;
/** How often "last synced 3 minutes ago" is worded again. */
const CLOCK_TICK_MS = 15_000;

function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** How a sync asked for ended, said to a screen reader: the bar's text changes where the focus is not. */
function syncOutcome(status: SyncStatus | null): string {
  if (status?.state === 'api_key_rejected') return 'Sync failed: the cloud refused the API key.';
  if (status?.state === 'failed') return 'Sync failed.';
  return 'Synced.';
}

/** The sync engine's state, always at the bottom of the window. */
export function SyncBar() {
  const client = useApiClient();
  const navigate = useNavigationStore((state) => state.navigate);
  const status = useSyncStatusStore((state) => state.status);
  const apiReachable = useSyncStatusStore((state) => state.apiReachable);
  const syncRequested = useSyncStatusStore((state) => state.syncRequested);
  const browserOnline = useBrowserOnline();
  const now = useNow();
  // A Sync now that never reached the local API is only worth saying while the API stays out of reach.
  const [syncError, setSyncError] = useState<{ message: string; unreachable: boolean } | null>(null);
  const [failureShown, setFailureShown] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const syncNowButton = useRef<HTMLButtonElement>(null);

  const syncing = syncRequested || status?.state === 'syncing';
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      try {
        await useSyncStatusStore.getState().refresh(client);
      } catch {
        // An answer that is not the status (an expired token, say) leaves the bar as it was; the next poll retries.
      }
      if (!stopped) timer = setTimeout(poll, syncing ? POLL_WHILE_SYNCING_MS : POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, syncing]);

  const syncNow = () => {
    if (syncing) return;
    setSyncError(null);
    setAnnouncement('Syncing…');
    useSyncStatusStore
      .getState()
      .syncNow(client)
      .then(() => setAnnouncement(syncOutcome(useSyncStatusStore.getState().status)))
      .catch((error: unknown) => {
        // Said by the alert beside it.
        setAnnouncement('');
        setSyncError({
          message: error instanceof ApiError ? error.message : String(error),
          unreachable: error instanceof ApiError && error.code === 'network_error',
        });
      });
  };

  const online = browserOnline && apiReachable;
  const shownSyncError = syncError !== null && !(syncError.unreachable && apiReachable) ? syncError.message : null;
  return (
    <>
      <footer className="sync-bar" aria-label="Sync status">
        <span className={`sync-bar-connection ${online ? 'sync-bar-online' : 'sync-bar-offline'}`}>
          <span className="sync-bar-dot" aria-hidden="true" />
          {!apiReachable ? 'Local API not answering' : browserOnline ? 'Online' : 'Offline'}
        </span>
        <SyncSummary
          status={status}
          syncing={syncing}
          now={now}
          browserOnline={browserOnline}
          onOpenSettings={() => navigate({ name: 'settings' })}
          onShowFailure={() => setFailureShown(true)}
        />
        <span className="visually-hidden" role="status">
          {announcement}
        </span>
        {shownSyncError && (
          <span className="sync-bar-error" role="alert">
            {shownSyncError}
          </span>
        )}
        {status?.configured && (
          <>
            {/*
              Named by the counts it shows, as speech input users would say them; the spaces
              between the counts, which the flex row does not draw, keep them apart when read.
            */}
            <button type="button" className="sync-bar-counts" onClick={() => navigate({ name: 'attention' })} title="Open Needs attention">
              <span className="sync-count" data-count="pending">
                {status.pending.toLocaleString()} pending
              </span>{' '}
              <span className={`sync-count${status.conflicts > 0 ? ' sync-count-alert' : ''}`} data-count="conflicts">
                {plural(status.conflicts, 'conflict', 'conflicts')}
              </span>{' '}
              <span className={`sync-count${status.parked > 0 ? ' sync-count-masked' : ''}`} data-count="parked">
                {status.parked.toLocaleString()} parked
              </span>{' '}
              <span className={`sync-count${status.failed > 0 ? ' sync-count-alert' : ''}`} data-count="failed">
                {status.failed.toLocaleString()} failed
              </span>
              <span className="visually-hidden">: open Needs attention</span>
            </button>
            {/* Not disabled while it syncs: the focus would leave it for the page, and a keyboard user would start over. */}
            <Button ref={syncNowButton} size="small" onClick={syncNow} aria-disabled={syncing || undefined}>
              Sync now
            </Button>
          </>
        )}
      </footer>
      {status && (
        <SyncFailureDialog
          status={status}
          now={now}
          open={failureShown && status.state === 'failed'}
          onClose={() => setFailureShown(false)}
          // Its Sync now takes the Why? that opened it away with the failure.
          focusWhenOpenerGone={() => syncNowButton.current}
          onSyncNow={() => {
            setFailureShown(false);
            syncNow();
          }}
        />
      )}
    </>
  );
}

/** The whole of why the last sync failed: the bar has room for a line, and the reason can be long and technical. */
function SyncFailureDialog({
  status,
  now,
  open,
  onClose,
  onSyncNow,
  focusWhenOpenerGone,
}: {
  status: SyncStatus;
  now: number;
  open: boolean;
  onClose: () => void;
  onSyncNow: () => void;
  focusWhenOpenerGone: () => HTMLElement | null;
}) {
  const tried = status.last_attempt_at ? `It was tried ${relativeTime(status.last_attempt_at, now)}` : 'It was tried';
  const lastSynced = status.last_success_at ? `the last sync that went through was ${relativeTime(status.last_success_at, now)}` : 'no sync has gone through yet';
  return (
    <Dialog
      title="The last sync failed"
      open={open}
      onClose={onClose}
      focusWhenOpenerGone={focusWhenOpenerGone}
      actions={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" onClick={onSyncNow}>
            Sync now
          </Button>
        </>
      }
    >
      <p className="sync-failure-reason">{status.last_error}</p>
      <p className="sync-failure-note">
        {tried}; {lastSynced}. Nothing made on this computer is lost: changes wait here and go out with the next sync, every{' '}
        {plural(status.sync_interval_minutes, 'minute', 'minutes')} and whenever the network returns.
      </p>
    </Dialog>
  );
}

interface SyncSummaryProps {
  status: SyncStatus | null;
  syncing: boolean;
  now: number;
  browserOnline: boolean;
  onOpenSettings: () => void;
  onShowFailure: () => void;
}

function SyncSummary({ status, syncing, now, browserOnline, onOpenSettings, onShowFailure }: SyncSummaryProps) {
  if (!status) return <span className="sync-bar-summary muted">Checking sync…</span>;
  if (!status.configured) {
    return (
      <span className="sync-bar-summary">
        Sync is off: no cloud connected. Everything stays on this computer.{' '}
        <button type="button" className="sync-bar-link" onClick={onOpenSettings}>
          Connect in Settings
        </button>
      </span>
    );
  }
  if (syncing) {
    return (
      <span className="sync-bar-summary">
        <span className="spinner" aria-hidden="true" /> Syncing…
      </span>
    );
  }
  const lastSynced = status.last_success_at ? `Last synced ${relativeTime(status.last_success_at, now)}` : 'Never synced';
  if (status.state === 'api_key_rejected') {
    return (
      <span className="sync-bar-summary sync-bar-problem">
        The cloud refused the API key. {lastSynced}.{' '}
        <button type="button" className="sync-bar-link" onClick={onOpenSettings}>
          Update it in Settings
        </button>
      </span>
    );
  }
  if (status.state === 'failed') {
    if (!browserOnline) return <span className="sync-bar-summary sync-bar-problem">Offline: changes wait here. {lastSynced}.</span>;
    // Short, so it is never cut: the reason, often long and technical, is one click away.
    return (
      <>
        <span className="sync-bar-summary sync-bar-problem">Last sync failed. {lastSynced}.</span>
        {status.last_error && (
          <button type="button" className="sync-bar-link" onClick={onShowFailure}>
            Why?
          </button>
        )}
      </>
    );
  }
  return (
    <span className="sync-bar-summary" title={status.last_success_at ? new Date(status.last_success_at).toLocaleString() : undefined}>
      {lastSynced}
    </span>
  );
}
