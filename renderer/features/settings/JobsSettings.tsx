import { isUuid } from '@shared/field-rules';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useApiClient } from '../../lib/api-context';
import { fieldErrorsFrom, generalErrorFrom } from '../../lib/field-errors';
import { applicationsNaming, type Job, useJobsStore } from '../../lib/jobs-store';
import { Button } from '../../lib/ui/Button';
import { ConfirmDialog } from '../../lib/ui/Dialog';
import { EmptyState } from '../../lib/ui/EmptyState';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { TextField } from '../../lib/ui/TextField';
import { useFocusFirstInvalid } from '../../lib/ui/use-focus-first-invalid';
import { SavedNote } from './SavedNote';
import { SettingsLoadError } from './SettingsLoadError';

function titleError(title: string): string | undefined {
  if (!title.trim()) return 'Give the job a title';
  if (title.trim().length > 200) return 'Keep the title to 200 characters';
  return undefined;
}

const titleInputId = (jobId: string) => `job-${jobId}-title`;

/** One job: its title edited in place, or given for the first time to a job only applications name. */
function JobRow({ job, uses, onSaved, onRemove }: { job: Job; uses?: string; onSaved: (job: Job) => void; onRemove?: (job: Job) => void }) {
  const client = useApiClient();
  const [title, setTitle] = useState(job.title);
  const [shownTitle, setShownTitle] = useState(job.title);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const errorId = useId();
  const changed = title.trim() !== job.title;
  // Renamed elsewhere (another window, the API): the new title shows, unless this row is being edited.
  if (job.title !== shownTitle) {
    setShownTitle(job.title);
    if (title.trim() === shownTitle) setTitle(job.title);
  }

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = titleError(title);
    setError(invalid);
    if (invalid) return;
    try {
      await useJobsStore.getState().save(client, { id: job.id, title: title.trim() });
      setSaved(true);
      onSaved(job);
    } catch (failure) {
      setError(fieldErrorsFrom(failure).title ?? (failure as Error).message);
    }
  };

  return (
    <li className="settings-list-row">
      <form className="settings-job-form" onSubmit={save} noValidate>
        <code className="settings-job-id" title={job.id}>
          {job.id}
        </code>
        {uses && <span className="settings-job-uses">{uses}</span>}
        <div className="field settings-list-field">
          <input
            id={uses === undefined ? titleInputId(job.id) : undefined}
            className="input"
            aria-label={`Title of job ${job.id}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            value={title}
            onChange={(event) => {
              setTitle(event.target.value);
              setSaved(false);
            }}
          />
          {error && (
            <span className="field-error" id={errorId}>
              {error}
            </span>
          )}
        </div>
        <Button type="submit" size="small" disabled={!changed}>
          {saved && !changed ? 'Saved' : 'Save'}
        </Button>
        {onRemove && (
          <Button size="small" variant="quiet" aria-label={`Remove ${job.title}`} onClick={() => onRemove(job)}>
            Remove
          </Button>
        )}
      </form>
    </li>
  );
}

/** The organisation's jobs: the ids applications carry, with the titles people read. */
export function JobsSettings() {
  const client = useApiClient();
  const jobs = useJobsStore((state) => state.jobs);
  const loadedAt = useJobsStore((state) => state.loadedAt);
  const loadError = useJobsStore((state) => state.error);
  const [newId, setNewId] = useState<string>(() => crypto.randomUUID());
  const [newTitle, setNewTitle] = useState('');
  // The job last added, said beside the button: the form empties, and nothing else tells a screen reader it worked.
  const [addedTitle, setAddedTitle] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Job | null>(null);
  const addForm = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid();
  const untitled = useJobsStore((state) => state.untitled);
  // A saved title moves its job in the list (titles are in order), or from the untitled ones into it: the focus
  // went with the row, and goes to the title saved once the list that holds it is drawn, whichever comes first,
  // the save's answer or the lists read again. A removed job's goes to the heading.
  // The request renders once itself, in case the lists were drawn before it came.
  const titleToFocus = useRef<string | null>(null);
  const [focusRequests, setFocusRequests] = useState(0);
  const focusTitleOf = (job: Job) => {
    titleToFocus.current = job.id;
    setFocusRequests((n) => n + 1);
  };
  useEffect(() => {
    if (titleToFocus.current === null) return;
    const input = document.getElementById(titleInputId(titleToFocus.current));
    if (!input) return;
    titleToFocus.current = null;
    input.focus();
  }, [focusRequests, jobs, untitled]);

  useEffect(() => {
    void useJobsStore.getState().load(client);
  }, [client]);

  // Read again whenever the titled jobs change: a job given a title leaves this list, a removed one may come back.
  useEffect(() => {
    void useJobsStore.getState().loadUntitled(client);
  }, [client, jobs]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setGeneralError(null);
    setAddedTitle(null);
    const found: Record<string, string> = {};
    if (!isUuid(newId.trim())) found.id = 'A job id is a UUID, as the cloud gives it (e.g. 3f2c…-…)';
    else if (jobs.some((job) => job.id === newId.trim().toLowerCase())) found.id = 'This job is already listed';
    const invalidTitle = titleError(newTitle);
    if (invalidTitle) found.title = invalidTitle;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(addForm.current);
      return;
    }
    try {
      await useJobsStore.getState().save(client, { id: newId.trim(), title: newTitle.trim() });
      setNewId(crypto.randomUUID());
      setNewTitle('');
      setAddedTitle(newTitle.trim());
    } catch (error) {
      setErrors(fieldErrorsFrom(error));
      setGeneralError(generalErrorFrom(error, ['id', 'title']));
      focusFirstInvalid(addForm.current);
    }
  };

  const remove = async () => {
    if (!removing) return;
    try {
      await useJobsStore.getState().remove(client, removing.id);
    } catch (error) {
      setGeneralError((error as Error).message);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="jobs-title">
      <h2 id="jobs-title" tabIndex={-1}>
        Jobs
      </h2>
      <p className="panel-description">Applications name their job by id; the titles here are what the list and the applications panel show.</p>
      {loadError && (
        <SettingsLoadError
          title="The jobs could not be loaded."
          error={loadError}
          headingId="jobs-title"
          onRetry={() => void useJobsStore.getState().load(client)}
        />
      )}
      {loadedAt !== null && jobs.length === 0 && untitled.length === 0 && (
        <EmptyState title="No jobs yet">Add the jobs you hire for, with the ids the cloud uses for them.</EmptyState>
      )}
      {jobs.length > 0 && (
        <ul className="settings-list" aria-label="Jobs">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} onSaved={focusTitleOf} onRemove={setRemoving} />
          ))}
        </ul>
      )}
      {untitled.length > 0 && (
        <section className="settings-untitled-jobs" aria-labelledby="untitled-jobs-title">
          <h3 id="untitled-jobs-title">Without a title ({untitled.length.toLocaleString('en-US')})</h3>
          <p className="panel-description">
            Applications name these jobs by id alone, as the cloud sends them. Give one a title and it shows by that title everywhere.
          </p>
          <ul className="settings-list" aria-label="Jobs without a title">
            {untitled.map((job) => (
              <JobRow
                key={job.id}
                job={{ id: job.id, title: '' }}
                uses={applicationsNaming(job)}
                onSaved={focusTitleOf}
              />
            ))}
          </ul>
        </section>
      )}
      <form ref={addForm} className="form-row settings-add-job" onSubmit={add} noValidate>
        <TextField label="Job id" className="mono-field" value={newId} onChange={(event) => setNewId(event.target.value)} error={errors.id} />
        <TextField label="Job title" value={newTitle} onChange={(event) => setNewTitle(event.target.value)} error={errors.title} />
        <Button type="submit" variant="primary">
          Add job
        </Button>
      </form>
      <SavedNote shown={addedTitle !== null}>Added “{addedTitle}”.</SavedNote>
      {generalError && <ErrorBanner title="The job was not saved.">{generalError}</ErrorBanner>}
      <ConfirmDialog
        title={`Remove “${removing?.title ?? ''}”?`}
        open={removing !== null}
        confirmLabel="Remove job"
        danger
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
        focusWhenOpenerGone={() => document.getElementById('jobs-title')}
      >
        <p style={{ margin: 0 }}>Applications to this job stay; they show the job’s id instead of its title.</p>
      </ConfirmDialog>
    </section>
  );
}
