import type { UntitledJob } from '@shared/local-api-schema';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useNavigationStore } from '../../app/navigation-store';
import { useApiClient } from '../../lib/api-context';
import { applicationsNaming, useJobsStore } from '../../lib/jobs-store';
import { useSyncStatusStore } from '../../lib/sync-status-store';
import { Button } from '../../lib/ui/Button';
import { EmptyState } from '../../lib/ui/EmptyState';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { Spinner } from '../../lib/ui/Spinner';
import { useApplicationStatusesStore } from './application-statuses-store';
import { CandidateRow, PlaceholderRow, rowId } from './CandidateRow';
import { PAGE_SIZE, type QueryResult, queryKey, useCandidatesListStore } from './candidates-list-store';
import { ExportCsvButton } from './ExportCsvButton';
import './candidates-list.css';

const ROW_HEIGHT = 40;
/** The column heads' row (36 px) and the line under it, as candidates-list.css draws them: the rows start this far down the scroll box. */
const HEAD_HEIGHT = 37;
/**
 * Typing pauses this long before the list asks the API: a little over the
 * gap between a quick typist's keys, so a burst makes one request, and short,
 * because the wait is part of every answer (the target is 150 ms from the
 * last key to the rows). Slower typing asks per key; the list store then lets
 * one search finish before it sends the newest.
 */
const SEARCH_DEBOUNCE_MS = 75;
/** Scrolling pauses this long before the application column asks for the rows' jobs and statuses. */
const SETTLE_MS = 150;

/** The columns, and the class that hides the ones a narrow window drops first (candidates-list.css). */
const COLUMNS: { label: string; className?: string }[] = [
  { label: 'Name' },
  { label: 'Email' },
  { label: 'Phone', className: 'candidates-col-contact' },
  { label: 'Location', className: 'candidates-col-contact' },
  { label: 'Current role', className: 'candidates-col-profile' },
  { label: 'Experience', className: 'candidates-col-profile' },
  { label: 'Notice period', className: 'candidates-col-profile' },
  { label: 'Primary skills' },
  { label: 'Applications' },
  { label: 'Sync' },
];

/** "Job 6f1d7a52…, 140 applications": enough of the id to tell jobs apart, and how much each is used. */
function untitledJobLabel(job: UntitledJob): string {
  return `Job ${job.id.slice(0, 8)}…, ${applicationsNaming(job)}`;
}

/** "100,000 candidates", "4,296 matching “sharma”", "28 matching “sneha” for this job": what the rows shown are. */
function countLabel(total: number, search: string, jobFiltered: boolean): string {
  const count = total.toLocaleString();
  if (search) return `${count} matching “${search}”${jobFiltered ? ' for this job' : ''}`;
  if (jobFiltered) return `${count} for this job`;
  return `${count} ${total === 1 ? 'candidate' : 'candidates'}`;
}

export function CandidatesList() {
  const client = useApiClient();
  const navigate = useNavigationStore((state) => state.navigate);
  const searchDraft = useCandidatesListStore((state) => state.searchDraft);
  const search = useCandidatesListStore((state) => state.search);
  const jobId = useCandidatesListStore((state) => state.jobId);
  const dataVersion = useCandidatesListStore((state) => state.dataVersion);
  const selectedIndex = useCandidatesListStore((state) => state.selectedIndex);
  const searchFocusRequested = useCandidatesListStore((state) => state.searchFocusRequested);
  const { setSearchDraft, applySearch, setJobId, setSelectedIndex, setOpenedId, invalidate, ensurePages } = useCandidatesListStore.getState();
  const current = useCandidatesListStore((state) => state.results[queryKey({ search: state.search, jobId: state.jobId })]);
  const jobs = useJobsStore((state) => state.jobs);
  const untitledJobs = useJobsStore((state) => state.untitled);
  const titleOf = useJobsStore((state) => state.titleOf);
  const syncConfigured = useSyncStatusStore((state) => state.status?.configured ?? false);
  const candidateStates = useSyncStatusStore((state) => state.candidateStates);
  const syncDataVersion = useSyncStatusStore((state) => state.dataVersion);
  const applicationsByCandidate = useApplicationStatusesStore((state) => state.byCandidate);

  // While a new search is on its way the previous rows stay (dimmed), rather than a blank flash per keystroke.
  const [shown, setShown] = useState<QueryResult | undefined>(current);
  if (current?.total != null && current !== shown) setShown(current);
  const result = current?.total != null ? current : shown;
  const waitingForAnswer = current?.total == null;
  const total = result?.total ?? 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // The React Compiler is not used in this build, so the virtualizer's unmemoizable functions cost nothing.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // The column heads scroll with the rows but stay at the top (sticky): a row is shown below them.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    // Rows in the very first render (the first page is often in by then), before the scroll box is measured.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length > 0 ? Math.floor(items[0]!.index / PAGE_SIZE) : 0;
  const lastPage = items.length > 0 ? Math.floor(items[items.length - 1]!.index / PAGE_SIZE) : 0;

  // Back from a candidate (its Candidates link, a removal), the focused control went with the editor:
  // the grid takes the focus, on the row that was selected, so the keys go on where they left off.
  useEffect(() => {
    if (document.activeElement === document.body) gridRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    void useJobsStore.getState().load(client);
    // Whatever happens away from the list (an edit, an import) may change it: cached rows are fetched again on return.
    return invalidate;
  }, [client, invalidate]);

  // A sync that brought changes in makes the rows on screen stale; the one before the list opened is in them already.
  const [syncVersionAtOpen] = useState(syncDataVersion);
  useEffect(() => {
    if (syncDataVersion !== syncVersionAtOpen) invalidate();
  }, [syncDataVersion, syncVersionAtOpen, invalidate]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const search = searchDraft.trim();
      if (search === useCandidatesListStore.getState().search) return;
      applySearch(search);
      // A new search starts at the top: its first page is asked for now, not after the render it causes.
      ensurePages(client, [0]);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchDraft, applySearch, ensurePages, client]);

  // A new search or job starts at the top of its results.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [search, jobId]);

  // Back from a candidate, the list opens at the row that was opened.
  useEffect(() => {
    const opened = useCandidatesListStore.getState().selectedIndex;
    if (opened > 0) virtualizer.scrollToIndex(opened, { align: 'auto' });
  }, [virtualizer]);

  useEffect(() => {
    const pages: number[] = [];
    for (let page = firstPage; page <= lastPage; page++) pages.push(page);
    ensurePages(client, pages);
  }, [client, ensurePages, firstPage, lastPage, search, jobId, dataVersion]);

  useEffect(() => {
    if (!searchFocusRequested) return;
    searchRef.current?.focus();
    searchRef.current?.select();
    useCandidatesListStore.getState().searchFocused();
  }, [searchFocusRequested]);

  // The application column: the on-screen rows' jobs and statuses, once scrolling settles.
  const visibleCandidates = items.flatMap((item) => {
    const candidate = result?.pages[Math.floor(item.index / PAGE_SIZE)]?.[item.index % PAGE_SIZE];
    return candidate ? [{ id: candidate.id, updated_at: candidate.updated_at }] : [];
  });
  const visibleKey = visibleCandidates.map((candidate) => `${candidate.id}@${candidate.updated_at}`).join(',');
  useEffect(() => {
    if (!visibleKey) return;
    const timer = setTimeout(() => {
      const candidates = visibleKey.split(',').map((entry) => {
        const [id = '', updated_at = ''] = entry.split('@');
        return { id, updated_at };
      });
      useApplicationStatusesStore.getState().ensure(client, candidates);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [client, visibleKey]);

  const candidateAt = useCallback(
    (index: number) => result?.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE],
    [result],
  );

  const open = useCallback(
    (index: number) => {
      setSelectedIndex(index);
      const candidate = candidateAt(index);
      setOpenedId(candidate?.id ?? null);
      if (candidate) navigate({ name: 'candidate', id: candidate.id });
    },
    [candidateAt, navigate, setSelectedIndex, setOpenedId],
  );

  // Back from a candidate, once the rows are read again: if the one opened has moved (a candidate added above it, a
  // sync), the selection follows them among the rows read; one no longer among them leaves the selection where it was.
  useEffect(() => {
    const { openedId, selectedIndex: openedIndex } = useCandidatesListStore.getState();
    if (openedId === null || !result) return;
    const isFresh = (pageIndex: number) => result.pages[pageIndex] !== undefined && result.pageVersions[pageIndex] === dataVersion;
    if (!isFresh(Math.floor(openedIndex / PAGE_SIZE))) return;
    setOpenedId(null);
    if (candidateAt(openedIndex)?.id === openedId) return;
    for (const [pageIndex, rows] of Object.entries(result.pages)) {
      const row = isFresh(Number(pageIndex)) ? rows.findIndex((candidate) => candidate.id === openedId) : -1;
      if (row === -1) continue;
      const index = Number(pageIndex) * PAGE_SIZE + row;
      setSelectedIndex(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
      return;
    }
  }, [result, dataVersion, candidateAt, setOpenedId, setSelectedIndex, virtualizer]);

  const select = (index: number) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setSelectedIndex(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const onGridKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const rowsHeight = (scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10 + HEAD_HEIGHT) - HEAD_HEIGHT;
    const pageRows = Math.max(1, Math.floor(rowsHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      PageDown: selectedIndex + pageRows,
      PageUp: selectedIndex - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      select(target);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(selectedIndex);
    }
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && total > 0) {
      event.preventDefault();
      gridRef.current?.focus();
    } else if (event.key === 'Escape' && searchDraft) {
      setSearchDraft('');
    }
  };

  const filtered = search !== '' || jobId !== '';
  // The empty state's button goes with the empty list: the focus goes back to the search box.
  const clearFilters = () => {
    setSearchDraft('');
    applySearch('');
    setJobId('');
    searchRef.current?.focus();
  };

  return (
    <section className="screen screen-fill candidates-screen" aria-labelledby="candidates-title">
      <div className="screen-header">
        <h1 id="candidates-title">Candidates</h1>
        <span className="muted" aria-live="polite">
          {result?.total != null && countLabel(total, result.request.search, result.request.jobId !== '')}
        </span>
        <div className="screen-header-actions">
          <ExportCsvButton search={search} jobId={jobId} />
          <Button variant="primary" onClick={() => navigate({ name: 'candidate', id: null })}>
            New candidate
          </Button>
        </div>
      </div>

      <div className="candidates-filters">
        <input
          ref={searchRef}
          type="search"
          className="input candidates-search"
          aria-label="Search"
          placeholder="Search by name or email"
          value={searchDraft}
          onChange={(event) => setSearchDraft(event.target.value)}
          onKeyDown={onSearchKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
        <select
          className="select candidates-job-filter"
          aria-label="Job"
          value={jobId}
          onChange={(event) => setJobId(event.target.value)}
          // Read when the filter is reached for, not with the list: the count is a pass over every application. The
          // pointer coming over it starts the read too: a dropdown opened by a click shows the options it had then.
          onPointerEnter={() => void useJobsStore.getState().loadUntitled(client)}
          onFocus={() => void useJobsStore.getState().loadUntitled(client)}
        >
          <option value="">All jobs</option>
          {jobs.map((job) => (
            <option key={job.id} value={job.id}>
              {job.title}
            </option>
          ))}
          {untitledJobs.length > 0 && (
            // Synced applications name jobs by id alone until they are given a title in Settings.
            <optgroup label="Without a title (name them in Settings)">
              {untitledJobs.map((job) => (
                <option key={job.id} value={job.id}>
                  {untitledJobLabel(job)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {waitingForAnswer && result && <Spinner label="Searching" />}
      </div>

      {current?.error && (
        <ErrorBanner title="The candidates could not be loaded." action={<Button onClick={invalidate}>Retry</Button>}>
          {current.error}
        </ErrorBanner>
      )}

      <div className="candidates-table">
        {/* The grid scrolls inside this box rather than holding one: a scroll box with nothing
            focusable in it is a Tab stop of its own in Chromium, and a grid may hold only rows. */}
        <div ref={scrollRef} className="candidates-scroll">
          <div
            ref={gridRef}
            role="grid"
            aria-label="Candidates"
            aria-rowcount={total + 1}
            aria-busy={waitingForAnswer}
            aria-activedescendant={total > 0 ? rowId(selectedIndex) : undefined}
            tabIndex={0}
            className={`candidates-grid${waitingForAnswer && result ? ' candidates-grid-stale' : ''}`}
            onKeyDown={onGridKeyDown}
          >
            <div role="rowgroup" className="candidates-head">
              <div role="row" aria-rowindex={1} className="candidates-row candidates-head-row">
                {COLUMNS.map((column) => (
                  <div key={column.label} role="columnheader" className={column.className ? `candidates-cell ${column.className}` : 'candidates-cell'}>
                    {column.label}
                  </div>
                ))}
              </div>
            </div>
            <div role="rowgroup" className="candidates-body" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const candidate = candidateAt(item.index);
                const top = item.start - HEAD_HEIGHT;
                if (!candidate) return <PlaceholderRow key={item.key} index={item.index} top={top} />;
                return (
                  <CandidateRow
                    key={item.key}
                    index={item.index}
                    candidate={candidate}
                    selected={item.index === selectedIndex}
                    syncState={syncConfigured ? (candidateStates[candidate.id] ?? 'synced') : undefined}
                    applications={applicationsByCandidate[candidate.id]?.applications}
                    filteredJobId={jobId}
                    jobTitle={titleOf}
                    top={top}
                    onOpen={open}
                  />
                );
              })}
            </div>
          </div>
        </div>
        {/* Beside the grid, not in it: a grid holds only rows. */}
        {!result && !current?.error && (
          <div className="candidates-message">
            <Spinner label="Loading candidates" showLabel size="large" />
          </div>
        )}
        {result?.total === 0 && !waitingForAnswer && (
          <div className="candidates-message">
            {filtered ? (
              <EmptyState title="No candidates match" actions={<Button onClick={clearFilters}>Clear filters</Button>}>
                {search ? `Nobody's name or email contains “${search}”` : 'Nobody has applied to this job yet'}
                {search && jobId ? ' for this job.' : '.'}
              </EmptyState>
            ) : (
              <EmptyState
                title="No candidates yet"
                actions={
                  <>
                    <Button variant="primary" onClick={() => navigate({ name: 'candidate', id: null })}>
                      Add a candidate
                    </Button>
                    <Button onClick={() => navigate({ name: 'import' })}>Import a CSV</Button>
                  </>
                }
              >
                Add candidates one by one, import a spreadsheet, or connect the cloud in Settings to bring yours in.
              </EmptyState>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
