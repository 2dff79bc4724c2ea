import { useEffect, useRef, useState } from 'react';
import type { Candidate } from '@shared/candidate-schema';
import type { EditorDraftSummary, ParkedValue, PushFailure, SyncConflict } from '@shared/local-api-schema';
import { ApiError, messageWithDetails } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { Button } from '../../lib/ui/Button';
import { ConfirmDialog } from '../../lib/ui/Dialog';
import { EmptyState } from '../../lib/ui/EmptyState';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { Spinner } from '../../lib/ui/Spinner';
import { useJobsStore } from '../../lib/jobs-store';
import { useSyncStatusStore } from '../../lib/sync-status-store';
import { useNavigationStore } from '../../app/navigation-store';
import { formMessage } from '../../lib/field-errors';
import { displayValue } from '../../lib/field-values';
import { formatWhen } from '../../lib/format-when';
import { detailName, fieldName, groupByCandidate } from './attention-items';
import { ConflictRow, type Resolution } from './ConflictRow';
import './needs-attention.css';

interface AttentionData {
  conflicts: SyncConflict[];
  parked: ParkedValue[];
  failures: PushFailure[];
  /** Forms typed in and never saved, kept through a crash or a quit. */
  drafts: EditorDraftSummary[];
  /** Candidate names by id; a candidate that could not be read is shown by id. */
  names: Record<string, string>;
}

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; data: AttentionData };

/** Why a row's conflict was not settled: beside its value, the rule it broke is enough. */
function rowErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'validation_error' && error.details.length > 0) {
    const rules = error.details.map((detail) => formMessage(detail.message)).join('; ');
    return `${rules.charAt(0).toUpperCase()}${rules.slice(1)}.`;
  }
  return messageWithDetails(error);
}

/** What Resolve all does, in the dialog that asks before it. */
function resolveAllConsequence(take: 'local' | 'remote' | null, conflicts: readonly SyncConflict[]): string {
  const candidates = new Set(conflicts.map((conflict) => conflict.candidate_id)).size;
  const one = conflicts.length === 1;
  const scope = `${conflicts.length} ${one ? 'field' : 'fields'} of ${candidates} ${candidates === 1 ? 'candidate' : 'candidates'}`;
  return take === 'local'
    ? `For the ${scope}, the value on this computer is kept and sent to the cloud at the next sync; the cloud's ${one ? 'value is' : 'values are'} dropped. This cannot be undone.`
    : `For the ${scope}, the cloud's value is kept; the ${one ? 'value' : 'values'} typed on this computer ${one ? 'is' : 'are'} replaced. This cannot be undone.`;
}

/** The question Resolve all asks: "all 1 conflicts" is no way to say one. */
function resolveAllTitle(take: 'local' | 'remote' | null, count: number): string {
  return `Resolve ${count === 1 ? 'the 1 conflict' : `all ${count} conflicts`} as ${take === 'local' ? 'Mine' : 'Theirs'}?`;
}

/** Everything left unfinished: forms never saved, and what sync could not finish (conflicts, values parked until a reveal, pushes the cloud refused). */
export function NeedsAttention() {
  const client = useApiClient();
  const navigate = useNavigationStore((state) => state.navigate);
  const syncNow = useSyncStatusStore((state) => state.syncNow);
  // The sync bar polls the counts; when they move (a sync brought a conflict, a retry went through) the lists are re-read.
  const counts = useSyncStatusStore((state) => (state.status ? `${state.status.conflicts}:${state.status.parked}:${state.status.failed}` : ''));
  const jobs = useJobsStore((state) => state.jobs);
  const loadJobs = useJobsStore((state) => state.load);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  // Resolve all, across candidates, is asked about first: one click would otherwise decide every conflict for good.
  const [resolvingAllAs, setResolvingAllAs] = useState<'local' | 'remote' | null>(null);
  // Per candidate retried, when the refusal retried was recorded: a later one means the cloud refused the change again.
  const [retriedRefusals, setRetriedRefusals] = useState<Record<string, string>>({});

  useEffect(() => {
    void loadJobs(client);
  }, [client, loadJobs]);

  useEffect(() => {
    let cancelled = false;
    const load = async (): Promise<AttentionData> => {
      const [conflicts, parked, failures, drafts] = await Promise.all([
        client.request<{ data: SyncConflict[] }>('/api/local/conflicts', { query: { status: 'open' } }),
        client.request<{ data: ParkedValue[] }>('/api/local/parked'),
        client.request<{ data: PushFailure[] }>('/api/local/failures'),
        client.request<{ data: EditorDraftSummary[] }>('/api/local/drafts'),
      ]);
      const ids = new Set([...conflicts.body.data, ...parked.body.data, ...failures.body.data].map((item) => item.candidate_id));
      const names: Record<string, string> = {};
      await Promise.all(
        [...ids].map(async (id) => {
          try {
            const { body } = await client.request<{ data: Candidate }>(`/api/v1/candidates/${encodeURIComponent(id)}`);
            names[id] = body.data.full_name;
          } catch {
            // Shown by id: the list is still worth showing without one name.
          }
        }),
      );
      return {
        conflicts: conflicts.body.data,
        parked: parked.body.data,
        failures: failures.body.data,
        drafts: drafts.body.data,
        names,
      };
    };
    load()
      .then((data) => {
        if (!cancelled) setLoaded({ state: 'ready', data });
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoaded({ state: 'failed', message: (error as Error).message });
      });
    return () => {
      cancelled = true;
    };
  }, [client, version, counts]);

  const reload = () => setVersion((n) => n + 1);

  // An item acted on leaves its list as the lists are read again, and the focus went with its button:
  // it goes to the heading of that item's section instead, or of the screen once the section is gone.
  const focusAfterReload = useRef<string | null>(null);
  useEffect(() => {
    const sectionTitle = focusAfterReload.current;
    if (loaded.state === 'loading' || sectionTitle === null) return;
    focusAfterReload.current = null;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    (document.getElementById(sectionTitle) ?? document.getElementById('needs-attention-title'))?.focus();
  }, [loaded]);

  /**
   * The candidate syncs in the background (the sync bar shows it and its counts
   * update); a failure to start it (no cloud, a sync already running) loses
   * nothing, as the resolution is saved and goes out with the next sync.
   */
  const startSync = () => {
    void syncNow(client)
      .catch(() => undefined)
      .then(reload);
  };

  /**
   * Resolves the given conflicts one by one (an already-resolved one is skipped), then lets the candidate sync.
   * Resolves to the error it stopped at, or null; the caller says it where it belongs.
   */
  const resolve = async (items: { conflict: SyncConflict; resolution: Resolution }[]): Promise<unknown> => {
    focusAfterReload.current = 'conflicts-title';
    setBusy(true);
    setActionError(null);
    try {
      for (const { conflict, resolution } of items) {
        try {
          await client.request(`/api/local/conflicts/${conflict.id}/resolve`, { method: 'POST', body: resolution });
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 'already_resolved')) throw error;
        }
      }
      startSync();
      return null;
    } catch (error) {
      return error;
    } finally {
      setBusy(false);
      reload();
    }
  };

  const retry = async (failure: PushFailure) => {
    focusAfterReload.current = 'failures-title';
    setBusy(true);
    setActionError(null);
    try {
      await client.requestRaw(`/api/local/failures/${encodeURIComponent(failure.candidate_id)}/retry`, { method: 'POST' });
      // The list is read again once the sync the retry started is over: a second refusal is in it by then, not after.
      await syncNow(client).catch(() => undefined);
      setRetriedRefusals((retried) => ({ ...retried, [failure.candidate_id]: failure.failed_at }));
    } catch (error) {
      setActionError(messageWithDetails(error));
    } finally {
      setBusy(false);
      reload();
    }
  };

  const header = (
    <header className="screen-header">
      <div>
        <h1 id="needs-attention-title" tabIndex={-1}>
          Needs attention
        </h1>
        <p className="panel-description attention-intro">
          What is left to finish: forms never saved, and what sync could not finish on its own (conflicts to decide, parked values, refused changes).
        </p>
      </div>
      <div className="screen-header-actions">
        <Button onClick={reload} disabled={loaded.state === 'loading'}>
          Refresh
        </Button>
      </div>
    </header>
  );

  if (loaded.state === 'loading') {
    return (
      <section className="screen needs-attention">
        {header}
        <Spinner label="Loading what needs attention" showLabel />
      </section>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <section className="screen needs-attention">
        {header}
        <ErrorBanner title="Could not load what needs attention" action={<Button onClick={reload}>Try again</Button>}>
          {loaded.message}
        </ErrorBanner>
      </section>
    );
  }

  const { conflicts, parked, failures, drafts, names } = loaded.data;
  const nameOf = (id: string) => names[id] ?? id;
  const jobTitle = (id: string) => jobs.find((job) => job.id === id.toLowerCase())?.title ?? id;
  const openCandidate = (id: string) => navigate({ name: 'candidate', id });
  const candidateLink = (id: string) => (
    <Button variant="quiet" className="candidate-link" onClick={() => openCandidate(id)}>
      {nameOf(id)}
    </Button>
  );

  if (conflicts.length === 0 && parked.length === 0 && failures.length === 0 && drafts.length === 0) {
    return (
      <section className="screen needs-attention">
        {header}
        {actionError && <ErrorBanner title="That did not work">{actionError}</ErrorBanner>}
        <div className="panel">
          <EmptyState title="Nothing needs your attention">
            Every change is saved, and has synced or is on its way. Unsaved forms, conflicts, parked values and refused changes show up here.
          </EmptyState>
        </div>
      </section>
    );
  }

  const resolveAll = (take: 'local' | 'remote', items: SyncConflict[]) =>
    void resolve(items.map((conflict) => ({ conflict, resolution: { take } }))).then((error) => setActionError(error === null ? null : messageWithDetails(error)));

  return (
    <section className="screen needs-attention" aria-busy={busy || undefined}>
      {header}
      {actionError && <ErrorBanner title="That did not work">{actionError}</ErrorBanner>}

      {drafts.length > 0 && (
        <section className="panel attention-section" aria-labelledby="drafts-title">
          <h2 id="drafts-title">Never saved ({drafts.length})</h2>
          <p className="panel-description">
            Changes typed into these forms were not saved before the app closed, and were kept. Open a form to restore or discard them.
          </p>
          <ul className="attention-list">
            {drafts.map((draft) => (
              <li key={draft.candidate_id ?? 'new'} className="attention-item">
                <div className="attention-item-main">
                  <Button variant="quiet" className="candidate-link" onClick={() => navigate({ name: 'candidate', id: draft.candidate_id })}>
                    {draft.full_name ?? 'A new candidate'}
                  </Button>
                  <span className="attention-when">Last typed {formatWhen(draft.saved_at)}</span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {conflicts.length > 0 && (
        <section className="panel attention-section" aria-labelledby="conflicts-title">
          <div className="attention-section-header">
            <h2 id="conflicts-title" tabIndex={-1}>Conflicts ({conflicts.length})</h2>
            <div className="resolve-all" role="group" aria-label="Resolve all conflicts">
              <span>Resolve all as</span>
              <Button size="small" disabled={busy} onClick={() => setResolvingAllAs('local')}>
                Mine
              </Button>
              <Button size="small" disabled={busy} onClick={() => setResolvingAllAs('remote')}>
                Theirs
              </Button>
            </div>
          </div>
          <ConfirmDialog
            title={resolveAllTitle(resolvingAllAs, conflicts.length)}
            open={resolvingAllAs !== null}
            confirmLabel={resolvingAllAs === 'local' ? 'Keep mine' : 'Take theirs'}
            danger
            busy={busy}
            onCancel={() => setResolvingAllAs(null)}
            onConfirm={() => {
              if (resolvingAllAs) resolveAll(resolvingAllAs, conflicts);
              setResolvingAllAs(null);
            }}
          >
            <p>{resolveAllConsequence(resolvingAllAs, conflicts)}</p>
          </ConfirmDialog>
          <p className="panel-description">The same field was changed here and in the cloud since the last sync. Pick the value to keep.</p>
          {groupByCandidate(conflicts).map((group) => (
            <article key={group.candidateId} className="conflict-group" aria-label={`Conflicts for ${nameOf(group.candidateId)}`}>
              <header className="conflict-group-header">
                <h3>{candidateLink(group.candidateId)}</h3>
                {group.items.length > 1 && (
                  // Named for its candidate: its Mine and Theirs would otherwise sound like the ones that resolve every conflict.
                  <div className="resolve-all" role="group" aria-label={`All conflicts of ${nameOf(group.candidateId)}`}>
                    <span>All {group.items.length} as</span>
                    <Button size="small" disabled={busy} onClick={() => resolveAll('local', group.items)}>
                      Mine
                    </Button>
                    <Button size="small" disabled={busy} onClick={() => resolveAll('remote', group.items)}>
                      Theirs
                    </Button>
                  </div>
                )}
              </header>
              <div className="conflict-table" role="table" aria-label={`Conflicting fields of ${nameOf(group.candidateId)}`}>
                <div className="conflict-table-head" role="row">
                  <span role="columnheader">Field</span>
                  <span role="columnheader">Before (base)</span>
                  <span role="columnheader">Mine (this computer)</span>
                  <span role="columnheader">Theirs (cloud)</span>
                  <span role="columnheader">Decide</span>
                </div>
                {group.items.map((conflict) => (
                  <ConflictRow
                    key={conflict.id}
                    conflict={conflict}
                    fieldLabel={fieldName(conflict.field, jobTitle)}
                    busy={busy}
                    onResolve={async (resolution) => {
                      const error = await resolve([{ conflict, resolution }]);
                      return error === null ? null : rowErrorMessage(error);
                    }}
                  />
                ))}
              </div>
            </article>
          ))}
        </section>
      )}

      {failures.length > 0 && (
        <section className="panel attention-section" aria-labelledby="failures-title">
          <h2 id="failures-title" tabIndex={-1}>Refused by the cloud ({failures.length})</h2>
          <p className="panel-description">The cloud would not take these changes. Fix the candidate if needed, then retry.</p>
          <ul className="attention-list">
            {failures.map((failure) => (
              <li key={failure.candidate_id} className="attention-item">
                <div className="attention-item-main">
                  {candidateLink(failure.candidate_id)}
                  <span className="attention-reason">
                    {failure.operation === 'create' ? 'The cloud refused to create this candidate' : 'The cloud refused these changes'}: {failure.message}
                  </span>
                  {failure.details.length > 0 && (
                    <ul className="attention-details">
                      {failure.details.map((detail) => (
                        <li key={`${detail.path}:${detail.message}`}>
                          {detail.path ? `${detailName(detail.path, jobTitle)}: ` : ''}
                          {detail.message}
                        </li>
                      ))}
                    </ul>
                  )}
                  <span className="attention-when">
                    {/* The cloud's own words, for whoever the recruiter asks for help. */}
                    {formatWhen(failure.failed_at)} · HTTP {failure.status} {failure.code}
                  </span>
                  <span role="status" className="attention-refused-again">
                    {retriedRefusals[failure.candidate_id] !== undefined && retriedRefusals[failure.candidate_id] !== failure.failed_at
                      ? 'Retried: the cloud refused it again.'
                      : ''}
                  </span>
                </div>
                <Button size="small" disabled={busy} onClick={() => void retry(failure)} aria-label={`Retry ${nameOf(failure.candidate_id)}`}>
                  Retry
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {parked.length > 0 && (
        <section className="panel attention-section" aria-labelledby="parked-title">
          <h2 id="parked-title">Parked until revealed ({parked.length})</h2>
          <p className="panel-description">
            Values typed for masked candidates. They are sent once the candidate is revealed in the cloud dashboard; nothing to do here.
          </p>
          <ul className="attention-list">
            {parked.map((item) => (
              <li key={`${item.candidate_id}:${item.field}`} className="attention-item">
                <div className="attention-item-main">
                  {candidateLink(item.candidate_id)}
                  <span>
                    {fieldName(item.field)}: <strong>{displayValue(item.value)}</strong> — waiting for a reveal
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
