import type { MenuCommand } from '@shared/desktop-bridge';
import { lazy, Suspense, useEffect, useState } from 'react';
import { CandidatesList } from '../features/candidates-list/CandidatesList';
import { useCandidatesListStore } from '../features/candidates-list/candidates-list-store';
import { exportCandidatesCsv } from '../features/candidates-list/export-candidates-csv';
import { SyncBar } from '../features/sync-bar/SyncBar';
import type { ApiClient } from '../lib/api-client';
import { useApiClient } from '../lib/api-context';
import { desktopBridge } from '../lib/api-connection';
import { useSyncStatusStore } from '../lib/sync-status-store';
import { Spinner } from '../lib/ui/Spinner';
import { setWindowTitle } from '../lib/window-title';
import { KeptDraftsNotice } from './KeptDraftsNotice';
import { followAddressBar, type Screen, useNavigationStore } from './navigation-store';

/*
 * The list is what the window opens on, so only it is in the first chunk; the
 * other screens (and zod, papaparse with them) load once it has painted, so
 * the first paint does not wait for them and opening a candidate does not either.
 */
const loadCandidateEditor = () => import('../features/candidate-editor/CandidateEditor');
const loadNeedsAttention = () => import('../features/needs-attention/NeedsAttention');
const loadImportCandidates = () => import('../features/import-export/ImportCandidates');
const loadSettingsScreen = () => import('../features/settings/SettingsScreen');
const CandidateEditor = lazy(() => loadCandidateEditor().then((module) => ({ default: module.CandidateEditor })));
const NeedsAttention = lazy(() => loadNeedsAttention().then((module) => ({ default: module.NeedsAttention })));
const ImportCandidates = lazy(() => loadImportCandidates().then((module) => ({ default: module.ImportCandidates })));
const SettingsScreen = lazy(() => loadSettingsScreen().then((module) => ({ default: module.SettingsScreen })));
/** How long work that waits for the list's first rows waits at most: the list may have failed, or the app opened elsewhere. */
const FIRST_PAINT_WAIT_LIMIT_MS = 3_000;

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

/**
 * True once the list has painted its first rows (or the wait limit is up):
 * what that paint does not need (the other screens' code, the kept-drafts
 * check) starts then, so it never competes with it.
 */
function useFirstPaintDone(): boolean {
  const listAnswered = useCandidatesListStore((state) => Object.values(state.results).some((result) => result.total !== null));
  const [waitedEnough, setWaitedEnough] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaitedEnough(true), FIRST_PAINT_WAIT_LIMIT_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (!listAnswered && !waitedEnough) return;
    // The frame that paints the rows, then a task after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDone(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [listAnswered, waitedEnough]);
  return done;
}

/** The connected app: header and navigation, the open screen, the sync bar. */
export function Workspace() {
  const client = useApiClient();
  const screen = useNavigationStore((state) => state.screen);
  const navigate = useNavigationStore((state) => state.navigate);
  // What asks the recruiter to act: conflicts to decide and changes the cloud refused. Parked values only wait for a reveal.
  const attentionCount = useSyncStatusStore((state) => (state.status ? state.status.conflicts + state.status.failed : 0));
  useGlobalShortcuts();

  useEffect(() => desktopBridge()?.onMenuCommand((command) => runMenuCommand(command, client)), [client]);
  useEffect(() => followAddressBar(), []);

  const firstPaintDone = useFirstPaintDone();
  useEffect(() => {
    if (!firstPaintDone) return;
    for (const load of [loadCandidateEditor, loadNeedsAttention, loadSettingsScreen, loadImportCandidates]) void load();
  }, [firstPaintDone]);

  const current = screen.name === 'candidate' ? 'candidates' : screen.name;
  // The window's and the tab's title say where the recruiter is; the editor names its candidate itself.
  useEffect(() => {
    const label = NAVIGATION.find((item) => item.screen.name === screen.name)?.label;
    if (label !== undefined) setWindowTitle(label);
  }, [screen.name]);

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
                <>
                  {/* Read out as "Needs attention, 4 to look at", not "Needs attention4". */}
                  <span className="visually-hidden">, </span>
                  <span className="badge badge-danger workspace-nav-count">{attentionCount.toLocaleString()}</span>
                  <span className="visually-hidden"> to look at</span>
                </>
              )}
            </button>
          ))}
        </nav>
      </header>
      <main className="workspace-main">
        <Suspense
          fallback={
            <div className="app-loading">
              <Spinner label="Opening…" size="large" />
            </div>
          }
        >
          {screen.name === 'candidates' && <CandidatesList />}
          {screen.name === 'candidate' && <CandidateEditor key={screen.id ?? 'new'} candidateId={screen.id} />}
          {screen.name === 'attention' && <NeedsAttention />}
          {screen.name === 'settings' && <SettingsScreen section={screen.section} />}
          {screen.name === 'import' && <ImportCandidates />}
        </Suspense>
      </main>
      {firstPaintDone && <KeptDraftsNotice />}
      <SyncBar />
    </div>
  );
}
