import type { MenuCommand } from '@shared/desktop-bridge';
import { useEffect } from 'react';
import { CandidateEditor } from '../features/candidate-editor/CandidateEditor';
import { CandidatesList } from '../features/candidates-list/CandidatesList';
import { useCandidatesListStore } from '../features/candidates-list/candidates-list-store';
import { exportCandidatesCsv } from '../features/candidates-list/export-candidates-csv';
import { ImportCandidates } from '../features/import-export/ImportCandidates';
import { NeedsAttention } from '../features/needs-attention/NeedsAttention';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SyncBar } from '../features/sync-bar/SyncBar';
import type { ApiClient } from '../lib/api-client';
import { useApiClient } from '../lib/api-context';
import { desktopBridge } from '../lib/api-connection';
import { useSyncStatusStore } from '../lib/sync-status-store';
import { type Screen, useNavigationStore } from './navigation-store';

const NAVIGATION: { screen: Screen; label: string }[] = [
  { screen: { name: 'candidates' }, label: 'Candidates' },
  { screen: { name: 'attention' }, label: 'Needs attention' },
  { screen: { name: 'import' }, label: 'Import' },
  { screen: { name: 'settings' }, label: 'Settings' },
];

function runMenuCommand(command: MenuCommand, client: ApiClient): void {
  const { navigate } = useNavigationStore.getState();
  switch (command) {
    case 'new-candidate':
      navigate({ name: 'candidate', id: null });
      break;
    case 'import-csv':
      navigate({ name: 'import' });
      break;
    case 'export-csv': {
      const { search, jobId } = useCandidatesListStore.getState();
      void exportCandidatesCsv(client, { search, jobId }).catch((error: Error) => window.alert(`Export failed: ${error.message}`));
      break;
    }
    case 'sync-now':
      void useSyncStatusStore.getState().syncNow(client).catch(() => undefined);
      break;
    case 'settings':
      navigate({ name: 'settings' });
      break;
  }
}

/** Ctrl/Cmd+N: a new candidate; Ctrl/Cmd+F: the list's Search box (the browser's find is of no use in a virtual list). */
function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'n') {
        event.preventDefault();
        useNavigationStore.getState().navigate({ name: 'candidate', id: null });
      } else if (key === 'f') {
        event.preventDefault();
        useNavigationStore.getState().navigate({ name: 'candidates' });
        if (useNavigationStore.getState().screen.name === 'candidates') useCandidatesListStore.getState().requestSearchFocus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** The connected app: header and navigation, the open screen, the sync bar. */
export function Workspace() {
  const client = useApiClient();
  const screen = useNavigationStore((state) => state.screen);
  const navigate = useNavigationStore((state) => state.navigate);
  const attentionCount = useSyncStatusStore((state) => (state.status ? state.status.conflicts + state.status.parked + state.status.failed : 0));
  useGlobalShortcuts();

  useEffect(() => desktopBridge()?.onMenuCommand((command) => runMenuCommand(command, client)), [client]);

  const current = screen.name === 'candidate' ? 'candidates' : screen.name;
  return (
    <div className="workspace">
      <header className="workspace-header">
        <div className="workspace-brand">
          <span className="workspace-brand-mark" aria-hidden="true">
            RD
          </span>
          Recruiter Desk
        </div>
        <nav className="workspace-nav" aria-label="Main">
          {NAVIGATION.map((item) => (
            <button
              key={item.screen.name}
              type="button"
              className="workspace-nav-item"
              aria-current={current === item.screen.name ? 'page' : undefined}
              onClick={() => navigate(item.screen)}
            >
              {item.label}
              {item.screen.name === 'attention' && attentionCount > 0 && (
                <span className="badge badge-danger workspace-nav-count">
                  {attentionCount.toLocaleString()}
                </span>
              )}
            </button>
          ))}
        </nav>
      </header>
      <main className="workspace-main">
        {screen.name === 'candidates' && <CandidatesList />}
        {screen.name === 'candidate' && <CandidateEditor key={screen.id ?? 'new'} candidateId={screen.id} />}
        {screen.name === 'attention' && <NeedsAttention />}
        {screen.name === 'settings' && <SettingsScreen />}
        {screen.name === 'import' && <ImportCandidates />}
      </main>
      <SyncBar />
    </div>
  );
}
