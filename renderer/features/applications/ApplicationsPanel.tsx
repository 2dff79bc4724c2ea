import { type FormEvent, useEffect, useState } from 'react';
import type { Application, ApplicationInput, CandidateWithApplications } from '@shared/candidate-schema';
import { DEFAULT_PIPELINE_STATUSES, LIMITS } from '@shared/contract';
import { codePointLength, isUuid } from '@shared/field-rules';
import { messageWithDetails } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { type Job, useJobsStore } from '../../lib/jobs-store';
import { Button } from '../../lib/ui/Button';
import './applications.css';

interface ApplicationsPanelProps {
  candidate: CandidateWithApplications;
  /** Notes typed but not saved, by job id: the editor's, so its Save and leave prompt cover them. */
  noteDrafts: Record<string, string>;
  onNoteDraftChange: (jobId: string, draft: string) => void;
  onCandidateChanged: (candidate: CandidateWithApplications) => void;
}

/** The candidate's applications: each job's pipeline status, status date and notes; apply to another job. */
export function ApplicationsPanel({ candidate, noteDrafts, onNoteDraftChange, onCandidateChanged }: ApplicationsPanelProps) {
  const client = useApiClient();
  const jobs = useJobsStore((state) => state.jobs);
  const loadJobs = useJobsStore((state) => state.load);
  const [statuses, setStatuses] = useState<string[]>([...DEFAULT_PIPELINE_STATUSES]);
  const [error, setError] = useState<string | null>(null);
  const [busyJob, setBusyJob] = useState<string | null>(null);

  useEffect(() => {
    void loadJobs(client);
    let cancelled = false;
    client
      .request<{ data: string[] }>('/api/local/pipeline-statuses')
      .then((response) => {
        if (!cancelled) setStatuses(response.body.data);
      })
      .catch(() => {
        // Without the organisation's statuses the panel still works with the default pipeline.
      });
    return () => {
      cancelled = true;
    };
  }, [client, loadJobs]);

  const jobTitle = (jobId: string) => jobs.find((job) => job.id === jobId)?.title ?? jobId;

  const upsert = async (application: ApplicationInput): Promise<boolean> => {
    setError(null);
    setBusyJob(application.job_id);
    try {
      const response = await client.request<{ data: CandidateWithApplications }>(`/api/v1/candidates/${encodeURIComponent(candidate.id)}`, {
        method: 'PUT',
        body: { application },
      });
      onCandidateChanged(response.body.data);
      return true;
    } catch (caught) {
      setError(messageWithDetails(caught));
      return false;
    } finally {
      setBusyJob(null);
    }
  };

  const appliedJobs = new Set(candidate.applications.map((application) => application.job_id));
  return (
    <section className="panel applications-panel" aria-labelledby="applications-title">
      <h2 id="applications-title">Applications</h2>
      {candidate.applications.length === 0 && <p className="panel-empty">Not applied to any job yet.</p>}
      <ul className="application-list">
        {candidate.applications.map((application) => (
          <ApplicationItem
            key={application.id}
            application={application}
            title={jobTitle(application.job_id)}
            statuses={statuses}
            busy={busyJob === application.job_id}
            notes={noteDrafts[application.job_id] ?? application.notes ?? ''}
            onNotesChange={(draft) => onNoteDraftChange(application.job_id, draft)}
            onSave={upsert}
          />
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ApplyToJob
        jobs={jobs.filter((job) => !appliedJobs.has(job.id))}
        statuses={statuses}
        appliedTitle={(jobId) => (appliedJobs.has(jobId.toLowerCase()) ? jobTitle(jobId.toLowerCase()) : undefined)}
        onApply={upsert}
      />
    </section>
  );
}

/** The notes box of an application, for the editor to focus. */
export const applicationNotesId = (application: Application) => `application-${application.id}-notes`;

/** Longer than the API keeps (trimmed, in characters as the contract counts them). */
export function notesTooLong(notes: string): boolean {
  return codePointLength(notes.trim()) > LIMITS.applicationNotes;
}

interface ApplicationItemProps {
  application: Application;
  title: string;
  statuses: string[];
  busy: boolean;
  notes: string;
  onNotesChange: (notes: string) => void;
  onSave: (application: ApplicationInput) => Promise<boolean>;
}

function ApplicationItem({ application, title, statuses, busy, notes, onNotesChange, onSave }: ApplicationItemProps) {
  const notesChanged = notes.trim() !== (application.notes ?? '');
  // A status the organisation has since removed is still shown, as the application holds it.
  const choices = statuses.some((status) => status.toLowerCase() === application.status.toLowerCase()) ? statuses : [application.status, ...statuses];
  const statusId = `application-${application.id}-status`;
  const notesId = applicationNotesId(application);
  const tooLong = notesTooLong(notes);
  return (
    <li className="application-item" aria-label={title}>
      <div className="application-heading">
        <h3 className="application-job" title={application.job_id}>
          {title}
        </h3>
        <span className="application-date">{application.status_date ? `since ${formatDate(application.status_date)}` : ''}</span>
      </div>
      <label className="visually-hidden" htmlFor={statusId}>
        Status for {title}
      </label>
      <select
        id={statusId}
        className="select pipeline-select"
        value={application.status}
        disabled={busy}
        onChange={(event) => void onSave({ job_id: application.job_id, status: event.target.value })}
      >
        {choices.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </select>
      <PipelineSteps statuses={statuses} current={application.status} />
      <label className="form-label" htmlFor={notesId}>
        Notes<span className="visually-hidden"> for {title}</span>
      </label>
      <textarea
        className="input"
        id={notesId}
        rows={2}
        value={notes}
        aria-invalid={tooLong ? true : undefined}
        aria-describedby={tooLong ? `${notesId}-error` : undefined}
        onChange={(event) => onNotesChange(event.target.value)}
      />
      {tooLong && (
        <p className="field-error" id={`${notesId}-error`}>
          Notes can be at most {LIMITS.applicationNotes.toLocaleString('en-US')} characters; these have{' '}
          {codePointLength(notes.trim()).toLocaleString('en-US')}.
        </p>
      )}
      {notesChanged && (
        <Button disabled={busy || tooLong} onClick={() => void onSave({ job_id: application.job_id, notes: notes.trim() === '' ? null : notes })}>
          Save notes
        </Button>
      )}
    </li>
  );
}

/** Where the application is along the pipeline, at a glance. */
function PipelineSteps({ statuses, current }: { statuses: string[]; current: string }) {
  const currentIndex = statuses.findIndex((status) => status.toLowerCase() === current.toLowerCase());
  return (
    <ol className="pipeline-steps" aria-hidden="true">
      {statuses.map((status, index) => (
        <li key={status} className={index === currentIndex ? 'current' : index < currentIndex ? 'passed' : undefined} title={status} />
      ))}
    </ol>
  );
}

interface ApplyToJobProps {
  /** Jobs the candidate has not applied to. */
  jobs: Job[];
  statuses: string[];
  /** The title of a job the candidate has an application to already, by its id in any case; else undefined. */
  appliedTitle: (jobId: string) => string | undefined;
  onApply: (application: ApplicationInput) => Promise<boolean>;
}

function ApplyToJob({ jobs, statuses, appliedTitle, onApply }: ApplyToJobProps) {
  const [jobId, setJobId] = useState('');
  // Until one is picked, the pipeline's first status as it is now (the list loads, and can be renamed, after mount).
  const [picked, setPicked] = useState<string | null>(null);
  const status = picked !== null && statuses.includes(picked) ? picked : statuses[0];
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const id = jobId.trim();
    if (!isUuid(id)) {
      setError('Pick a job or enter a job id (a UUID).');
      return;
    }
    // Applying again would set that application's status back to the one picked here.
    const applied = appliedTitle(id);
    if (applied !== undefined) {
      setError(`Already applied to ${applied}: change that application's status above.`);
      return;
    }
    setError(null);
    if (await onApply({ job_id: id, ...(status === undefined ? {} : { status }) })) setJobId('');
  };

  return (
    <form className="apply-to-job" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Apply to job</h3>
      <label className="form-label" htmlFor="apply-job">
        Job
      </label>
      <input
        className="input"
        id="apply-job"
        list="apply-job-options"
        placeholder={jobs.length > 0 ? 'Pick a job or paste a job id' : 'Job id (UUID)'}
        value={jobs.find((job) => job.id === jobId)?.title ?? jobId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'apply-job-error' : undefined}
        onChange={(event) => {
          const typed = event.target.value;
          setJobId(jobs.find((job) => job.title === typed)?.id ?? typed);
        }}
      />
      <datalist id="apply-job-options">
        {jobs.map((job) => (
          <option key={job.id} value={job.title}>
            {job.id}
          </option>
        ))}
      </datalist>
      <label className="form-label" htmlFor="apply-status">
        Initial status
      </label>
      <select className="select" id="apply-status" value={status ?? ''} onChange={(event) => setPicked(event.target.value)}>
        {statuses.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id="apply-job-error">
          {error}
        </p>
      )}
      <Button type="submit">Apply to job</Button>
    </form>
  );
}

function formatDate(timestamp: string): string {
  return new Date(timestamp).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}
