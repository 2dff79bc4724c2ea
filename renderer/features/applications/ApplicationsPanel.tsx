import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Application, ApplicationInput, CandidateWithApplications } from '@shared/candidate-schema';
import { DEFAULT_PIPELINE_STATUSES, LIMITS } from '@shared/contract';
import { codePointLength, isUuid } from '@shared/field-rules';
import { useNavigationStore } from '../../app/navigation-store';
import { messageWithDetails } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { formatDay } from '../../lib/format-when';
import { type Job, useJobsStore } from '../../lib/jobs-store';
import { Button } from '../../lib/ui/Button';
import { ApplicationFacts } from './ApplicationFacts';
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
  const jobsLoaded = useJobsStore((state) => state.loadedAt !== null);
  const loadJobs = useJobsStore((state) => state.load);
  const navigate = useNavigationStore((state) => state.navigate);
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

  const titleOf = (jobId: string) => jobs.find((job) => job.id === jobId)?.title;
  const jobTitle = (jobId: string) => titleOf(jobId) ?? jobId;

  // The panel's saves go one at a time, in the order asked: each answers with the whole candidate, and an answer
  // overtaking an earlier one would show the state before it.
  const lastSave = useRef<Promise<unknown>>(Promise.resolve());
  const upsert = (application: ApplicationInput): Promise<boolean> => {
    const saved = lastSave.current.then(() => send(application));
    lastSave.current = saved;
    return saved;
  };

  const send = async (application: ApplicationInput): Promise<boolean> => {
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
  const untitledJobs = jobsLoaded && candidate.applications.some((application) => titleOf(application.job_id) === undefined);
  return (
    <section className="panel applications-panel" aria-labelledby="applications-title">
      <h2 id="applications-title">Applications</h2>
      {candidate.applications.length === 0 && <p className="panel-empty">Not applied to any job yet.</p>}
      <ul className="application-list">
        {candidate.applications.map((application) => (
          <ApplicationItem
            key={application.id}
            application={application}
            jobTitle={titleOf(application.job_id)}
            statuses={statuses}
            busy={busyJob === application.job_id}
            notes={noteDrafts[application.job_id] ?? application.notes ?? ''}
            onNotesChange={(draft) => onNoteDraftChange(application.job_id, draft)}
            onSave={upsert}
          />
        ))}
      </ul>
      {untitledJobs && (
        <p className="applications-hint">
          Jobs without a title show their id.{' '}
          <Button variant="quiet" size="small" className="link-button" onClick={() => navigate({ name: 'settings', section: 'jobs' })}>
            Name them in Settings → Jobs
          </Button>
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ApplyToJob
        jobs={jobs}
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
  /** Undefined when the organisation has not named the job: it shows its id. */
  jobTitle: string | undefined;
  statuses: string[];
  busy: boolean;
  notes: string;
  onNotesChange: (notes: string) => void;
  onSave: (application: ApplicationInput) => Promise<boolean>;
}

function ApplicationItem({ application, jobTitle, statuses, busy, notes, onNotesChange, onSave }: ApplicationItemProps) {
  const title = jobTitle ?? application.job_id;
  const notesChanged = notes.trim() !== (application.notes ?? '');
  const status = useStatusChoice(application, onSave);
  // A status the organisation has since removed is still shown, as the application holds it.
  const choices = statuses.some((choice) => choice.toLowerCase() === application.status.toLowerCase()) ? statuses : [application.status, ...statuses];
  const statusId = `application-${application.id}-status`;
  const notesId = applicationNotesId(application);
  const tooLong = notesTooLong(notes);
  return (
    <li className="application-item" aria-label={title}>
      <div className="application-heading">
        <h3 className="application-job" title={jobTitle === undefined ? application.job_id : `${jobTitle} (job ${application.job_id})`}>
          {title}
        </h3>
        <span className="application-date">{application.status_date ? `since ${formatDay(application.status_date)}` : ''}</span>
      </div>
      <label className="visually-hidden" htmlFor={statusId}>
        Status for {title}
      </label>
      <div className="application-status">
        {/* Never disabled while saving: that would throw the focus out of it, and the next arrow key with it. */}
        <select
          id={statusId}
          className="select pipeline-select"
          value={status.shown}
          aria-busy={status.saving || undefined}
          onKeyDown={status.onKeyDown}
          onChange={(event) => status.onChange(event.target.value)}
          onBlur={status.onBlur}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
        <span className="application-saving" role="status">
          {status.saving ? 'Saving…' : ''}
        </span>
      </div>
      <PipelineSteps statuses={statuses} current={status.shown} />
      <ApplicationFacts application={application} />
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
        <Button
          disabled={tooLong}
          aria-disabled={busy || undefined}
          onClick={() => {
            if (busy) return;
            // Saved, the button goes (the notes are no longer changed), and the focus with it: back to the notes.
            void onSave({ job_id: application.job_id, notes: notes.trim() === '' ? null : notes }).then((saved) => {
              if (saved) document.getElementById(notesId)?.focus();
            });
          }}
        >
          Save notes
        </Button>
      )}
    </li>
  );
}

/** How long a status picked with the keyboard stays put before it is saved: arrowing through the list saves where it stops. */
const STATUS_SETTLE_MS = 600;

/**
 * The status select's choice and its saving. A choice made with the keyboard (arrows, Home/End, typing a name) is
 * saved once it has stayed put STATUS_SETTLE_MS, or at once when the select loses the focus; one picked from the
 * list (the mouse, or Enter in the open list) is saved at once. One save at a time: a choice made meanwhile is
 * sent after it, and only the last one. Every save sets the status date and goes to the cloud, so a status passed
 * on the way is never sent.
 */
function useStatusChoice(application: Application, onSave: (application: ApplicationInput) => Promise<boolean>) {
  // The choice shown until it is saved (or its save failed); null: the application's status.
  const [picked, setPicked] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const stored = useRef(application.status);
  const due = useRef<string | null>(null);
  const settling = useRef<{ status: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const sending = useRef(false);
  const inKeyDown = useRef(false);

  useEffect(() => {
    stored.current = application.status;
  }, [application.status]);

  const sendDue = async () => {
    if (sending.current) return;
    sending.current = true;
    setSaving(true);
    while (due.current !== null) {
      const status = due.current;
      due.current = null;
      if (status !== stored.current && (await onSave({ job_id: application.job_id, status }))) stored.current = status;
    }
    sending.current = false;
    setSaving(false);
    // Saved, the application shows it; failed, it shows what is stored, next to the panel's error.
    if (settling.current === null) setPicked(null);
  };

  const saveSettling = () => {
    const choice = settling.current;
    if (choice === null) return;
    clearTimeout(choice.timer);
    settling.current = null;
    due.current = choice.status;
    void sendDue();
  };

  return {
    shown: picked ?? application.status,
    saving,
    // A closed select moves to another option within the keydown that asks for it: a change before the next task
    // came from the keyboard. (An open list has the keys to itself; a choice made there is saved at once.)
    onKeyDown: () => {
      inKeyDown.current = true;
      setTimeout(() => {
        inKeyDown.current = false;
      }, 0);
    },
    onChange: (status: string) => {
      setPicked(status);
      if (settling.current !== null) clearTimeout(settling.current.timer);
      settling.current = null;
      if (inKeyDown.current) {
        // Not cleared when the panel closes (the editor left with a shortcut): the status the keys stopped on is still saved.
        settling.current = { status, timer: setTimeout(saveSettling, STATUS_SETTLE_MS) };
      } else {
        due.current = status;
        void sendDue();
      }
    },
    onBlur: saveSettling,
  };
}

/** The status that ends an application where it stood, rather than a step past Hired. */
const REJECTED_STATUS = 'rejected';

/** Where the application is along the pipeline, at a glance. */
function PipelineSteps({ statuses, current }: { statuses: string[]; current: string }) {
  const currentIndex = statuses.findIndex((status) => status.toLowerCase() === current.toLowerCase());
  // How far a rejected application had come is not kept: no step shows as passed, and the bar shows the rejection.
  const rejected = current.toLowerCase() === REJECTED_STATUS;
  return (
    <ol className={rejected ? 'pipeline-steps pipeline-steps-rejected' : 'pipeline-steps'} aria-hidden="true">
      {statuses.map((status, index) => (
        <li key={status} className={index === currentIndex ? 'current' : index < currentIndex && !rejected ? 'passed' : undefined} title={status} />
      ))}
    </ol>
  );
}

interface ApplyToJobProps {
  /** The organisation's jobs; those the candidate has not applied to are offered. */
  jobs: Job[];
  statuses: string[];
  /** The title of a job the candidate has an application to already, by its id in any case; else undefined. */
  appliedTitle: (jobId: string) => string | undefined;
  onApply: (application: ApplicationInput) => Promise<boolean>;
}

function ApplyToJob({ jobs, statuses, appliedTitle, onApply }: ApplyToJobProps) {
  const [typed, setTyped] = useState('');
  const offered = jobs.filter((job) => appliedTitle(job.id) === undefined);
  // Until one is picked, the pipeline's first status as it is now (the list loads, and can be renamed, after mount).
  const [picked, setPicked] = useState<string | null>(null);
  const status = picked !== null && statuses.includes(picked) ? picked : statuses[0];
  // A new object at each refusal, one said before included: each takes the focus to the job field.
  const [refusal, setRefusal] = useState<{ message: string } | null>(null);
  const jobInput = useRef<HTMLInputElement>(null);

  // Once the field is marked invalid and described by the refusal, so that a screen reader says both on the focus.
  useEffect(() => {
    if (refusal) jobInput.current?.focus();
  }, [refusal]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const id = jobIdTyped(jobs, typed);
    if (id === undefined) {
      setRefusal({ message: 'Pick a job or enter a job id (a UUID).' });
      return;
    }
    // Applying again would set that application's status back to the one picked here.
    const applied = appliedTitle(id);
    if (applied !== undefined) {
      setRefusal({ message: `Already applied to ${applied}: change that application's status above.` });
      return;
    }
    setRefusal(null);
    if (await onApply({ job_id: id, ...(status === undefined ? {} : { status }) })) setTyped('');
  };

  return (
    <form className="apply-to-job" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Apply to job</h3>
      <label className="form-label" htmlFor="apply-job">
        Job
      </label>
      <input
        ref={jobInput}
        className="input"
        id="apply-job"
        list="apply-job-options"
        placeholder={offered.length > 0 ? 'Pick a job or paste a job id' : 'Job id (UUID)'}
        value={typed}
        aria-invalid={refusal ? true : undefined}
        aria-describedby={refusal ? 'apply-job-error' : undefined}
        onChange={(event) => {
          setTyped(event.target.value);
          setRefusal(null);
        }}
      />
      {refusal && (
        <p className="field-error" id="apply-job-error" role="alert">
          {refusal.message}
        </p>
      )}
      <datalist id="apply-job-options">
        {offered.map((job) => (
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
      <Button type="submit">Apply to job</Button>
    </form>
  );
}

/** The job a title (in any case, spaces around it aside) or a job id names; undefined when it names none. */
function jobIdTyped(jobs: Job[], typed: string): string | undefined {
  const text = typed.trim();
  const lowerCase = text.toLowerCase();
  // A title as typed first: two jobs may differ only in case.
  const named = jobs.find((job) => job.title === text) ?? jobs.find((job) => job.title.toLowerCase() === lowerCase);
  if (named) return named.id;
  return isUuid(text) ? text : undefined;
}
