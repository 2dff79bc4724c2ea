import { type FormEvent, type ReactNode, type SyntheticEvent, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { CandidateWithApplications } from '@shared/candidate-schema';
import { LIMITS } from '@shared/contract';
import { isHttpUrl } from '@shared/field-rules';
import { ApiError } from '../../lib/api-client';
import { desktopBridge } from '../../lib/api-connection';
import { useApiClient } from '../../lib/api-context';
import { useSyncStatusStore } from '../../lib/sync-status-store';
import { Button } from '../../lib/ui/Button';
import { EmptyState } from '../../lib/ui/EmptyState';
import { ErrorBanner } from '../../lib/ui/ErrorBanner';
import { Spinner } from '../../lib/ui/Spinner';
import { useNavigationStore } from '../../app/navigation-store';
import { ApplicationsPanel, applicationNotesId, notesTooLong } from '../applications/ApplicationsPanel';
import {
  type CandidateFormValues,
  type FieldErrors,
  changedFields,
  createBody,
  emptyFormValues,
  fieldErrorsFromDetails,
  formValueErrors,
  formValuesFromCandidate,
  implausibleValueWarnings,
  isLockedField,
  validateBody,
  valuesAfterSave,
} from './candidate-form-model';
import { CandidateSyncState, type CandidateSyncInfo } from './CandidateSyncState';
import { useEditorNoticeStore } from './editor-notice-store';
import { LockedFieldValue } from './LockedFieldValue';
import { MetadataRowsEditor } from './MetadataRowsEditor';
import { ResumeAttachment } from './ResumeAttachment';
import type { ResumeFile } from './resume-file';
import { uploadResume } from './resume-file';
import { FIELD_LABELS } from '../../lib/field-labels';
import { formatCalendarDate, formatWhen } from '../../lib/format-when';
import { formatScore } from '../../lib/field-values';
import { setWindowTitle } from '../../lib/window-title';
import { SkillTagInput } from './SkillTagInput';
import { type OfferedDraft, useFormDraft } from './use-form-draft';
import './candidate-editor.css';

type Loaded =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; candidate: CandidateWithApplications | null };

/** `outcome`: a save's result in a word or two, also shown beside Save, as the notice may be scrolled out of view. */
type Notice = { tone: 'info' | 'error'; text: string; outcome?: string; action?: { label: string; run: () => void } } | null;

const NOT_SAVED = 'Not saved';

const candidatePath = (id: string) => `/api/v1/candidates/${encodeURIComponent(id)}`;

const NOTICE_ANSWERS: readonly { label: string; value: boolean | null }[] = [
  { label: 'Not said', value: null },
  { label: 'Yes', value: true },
  { label: 'No', value: false },
];

/** Candidates → Edit: creates a candidate (candidateId null) or edits one. */
export function CandidateEditor({ candidateId }: { candidateId: string | null }) {
  const client = useApiClient();
  const [loaded, setLoaded] = useState<Loaded>(candidateId === null ? { state: 'ready', candidate: null } : { state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (candidateId === null) return;
    let cancelled = false;
    client
      .request<{ data: CandidateWithApplications }>(candidatePath(candidateId))
      .then((response) => {
        if (!cancelled) setLoaded({ state: 'ready', candidate: response.body.data });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ state: 'missing' });
        else setLoaded({ state: 'failed', message: (error as Error).message });
      });
    return () => {
      cancelled = true;
    };
  }, [client, candidateId, attempt]);

  if (loaded.state === 'loading') {
    return (
      <section className="screen candidate-editor" aria-busy="true">
        <Spinner label="Loading candidate" showLabel />
      </section>
    );
  }
  if (loaded.state === 'missing') {
    return (
      <section className="screen candidate-editor">
        <div className="panel" role="alert">
          <EmptyState title="This candidate no longer exists" actions={<BackToListButton />}>
            It may have been removed in the cloud. Go back to the list to pick another one.
          </EmptyState>
        </div>
      </section>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <section className="screen candidate-editor">
        <ErrorBanner
          title="The candidate could not be loaded"
          action={
            <Button
              onClick={() => {
                setLoaded({ state: 'loading' });
                setAttempt((n) => n + 1);
              }}
            >
              Try again
            </Button>
          }
        >
          {loaded.message}
        </ErrorBanner>
      </section>
    );
  }
  return <CandidateForm candidate={loaded.candidate} />;
}

/** What the editor says when a sync changed the candidate it shows. */
function syncedCandidateNotice(typedChanges: boolean, alsoChanged: readonly string[]): string {
  if (!typedChanges) return 'The last sync updated this candidate: the form shows what it holds now.';
  const kept = 'The last sync updated this candidate. Your unsaved changes are kept; the fields you had not changed show the new values.';
  if (alsoChanged.length === 0) return kept;
  const labels = alsoChanged.map((field) => FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field).join(', ');
  return `${kept} ${labels} also changed in the cloud: saving replaces ${alsoChanged.length === 1 ? 'it' : 'them'} with what you typed.`;
}

/** A form left unsaved by a crash or a quit, offered back when the candidate (or a new one) is opened. */
function DraftOffer({ draft, onRestore, onDiscard }: { draft: OfferedDraft; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div className="editor-notice editor-notice-draft" role="status">
      <p>
        You typed changes here that were not saved (last on {formatWhen(draft.savedAt)}); they were kept.
        {draft.candidateChangedSince && ' The candidate has changed since: restored fields replace what it has now.'} Restore or discard
        them to go on editing.
      </p>
      <div className="editor-draft-actions">
        <Button size="small" variant="primary" onClick={onRestore}>
          Restore them
        </Button>
        <Button size="small" onClick={onDiscard}>
          Discard them
        </Button>
      </div>
    </div>
  );
}

function BackToListButton() {
  const navigate = useNavigationStore((state) => state.navigate);
  return (
    <Button onClick={() => navigate({ name: 'candidates' })}>
      Back to candidates
    </Button>
  );
}

type TextField = Exclude<
  keyof CandidateFormValues,
  'primary_skills' | 'secondary_skills' | 'skill_drafts' | 'metadata' | 'in_notice_period' | 'whatsapp_same_as_phone'
>;

function CandidateForm({ candidate: loadedCandidate }: { candidate: CandidateWithApplications | null }) {
  const client = useApiClient();
  const navigate = useNavigationStore((state) => state.navigate);
  const setLeaveGuard = useNavigationStore((state) => state.setLeaveGuard);
  const leaveNotice = useEditorNoticeStore((state) => state.leaveNotice);
  const clearNotice = useEditorNoticeStore((state) => state.clearNotice);
  const carriedNotice = useEditorNoticeStore((state) =>
    loadedCandidate !== null && state.notice?.candidateId === loadedCandidate.id ? state.notice.message : null,
  );

  const [candidate, setCandidate] = useState(loadedCandidate);
  const [initial, setInitial] = useState<CandidateFormValues>(() => (loadedCandidate ? formValuesFromCandidate(loadedCandidate) : emptyFormValues()));
  const [values, setValues] = useState<CandidateFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>(carriedNotice ? { tone: 'info', text: carriedNotice } : null);
  const [pendingResume, setPendingResume] = useState<ResumeFile | null>(null);
  const [syncInfo, setSyncInfo] = useState<CandidateSyncInfo | null>(null);
  const [syncVersion, setSyncVersion] = useState(0);
  // Application notes typed but not yet saved, by job: part of the form, so Save and the leave prompt cover them.
  const [noteDrafts, setNoteDrafts] = useState<Record<string, string>>({});
  // Date fields whose input the browser cannot read (31 February): their value is "", as a cleared field's.
  const [unreadableDates, setUnreadableDates] = useState<ReadonlySet<TextField>>(() => new Set());
  // Without a cloud connected there is nothing to be in or out of step with.
  const syncConfigured = useSyncStatusStore((state) => state.status?.configured ?? false);

  const candidateId = candidate?.id ?? null;
  // Moves when a sync has run or this candidate's state in the list changed: the sync note is read again then.
  const syncMark = useSyncStatusStore((state) =>
    candidateId === null ? '' : `${state.status?.state}|${state.status?.last_attempt_at}|${state.candidateStates[candidateId] ?? 'in step'}`,
  );
  const masked = candidate?.talent_pool_status === 'masked';
  const changedNotes = candidate === null ? [] : unsavedNotes(candidate, noteDrafts);
  const dirty =
    candidate === null
      ? JSON.stringify(values) !== JSON.stringify(initial) || pendingResume !== null
      : Object.keys(changedFields(initial, values)).length > 0 || changedNotes.length > 0 || unreadableDates.size > 0;

  // Beside Save: a failed save's outcome until the next try; a successful one's until the next change; else unsaved changes.
  const saveState: { tone: 'info' | 'warning' | 'error'; text: string; echo: boolean } | null =
    notice?.outcome !== undefined && (notice.tone === 'error' || !dirty)
      ? { tone: notice.tone, text: notice.outcome, echo: true }
      : dirty
        ? { tone: 'warning', text: 'Unsaved changes', echo: false }
        : null;

  useEffect(() => {
    if (carriedNotice !== null) clearNotice();
  }, [carriedNotice, clearNotice]);

  // Opened with Enter in the list, or moved here by a save, the focused control went with the screen it was on:
  // the heading takes the focus, so a screen reader says where the user is and Tab goes on into the form.
  const titleRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body) titleRef.current?.focus();
  }, []);

  useEffect(() => {
    if (candidateId === null) return;
    let cancelled = false;
    client
      .request<{ data: CandidateSyncInfo }>(`/api/local/candidates/${encodeURIComponent(candidateId)}/sync`)
      .then((response) => {
        if (!cancelled) setSyncInfo(response.body.data);
      })
      .catch(() => {
        // The sync state is extra information; the form works without it.
      });
    return () => {
      cancelled = true;
    };
  }, [client, candidateId, syncVersion, syncMark]);

  // A sync that brought changes in may have changed this candidate: it is read again, and the form rebased on it.
  const dataVersion = useSyncStatusStore((state) => state.dataVersion);
  const readAtDataVersion = useRef(dataVersion);
  const adoptSyncedCandidate = useEffectEvent((fresh: CandidateWithApplications) => {
    // Only a newer copy: a save or an application change answered meanwhile has already shown what the store holds.
    if (candidate === null || saving || Date.parse(fresh.updated_at) <= Date.parse(candidate.updated_at)) return;
    const freshValues = formValuesFromCandidate(fresh);
    const typed = Object.keys(changedFields(initial, values));
    const alsoChanged = Object.keys(changedFields(initial, freshValues)).filter((field) => typed.includes(field));
    setCandidate(fresh);
    setInitial(freshValues);
    setValues((current) => valuesAfterSave(initial, current, freshValues));
    setNotice({ tone: 'info', text: syncedCandidateNotice(typed.length > 0, alsoChanged) });
  });
  useEffect(() => {
    if (candidateId === null || dataVersion === readAtDataVersion.current) return;
    readAtDataVersion.current = dataVersion;
    let cancelled = false;
    client
      .request<{ data: CandidateWithApplications }>(candidatePath(candidateId))
      .then((response) => {
        if (!cancelled) adoptSyncedCandidate(response.body.data);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 404) {
          setNotice({
            tone: 'error',
            text: 'This candidate is no longer here: the last sync removed it (it may have been deleted in the cloud). What the form shows can no longer be saved.',
          });
        }
        // Otherwise the form stays as it was read; the next sync tries again.
      });
    return () => {
      cancelled = true;
    };
  }, [client, candidateId, dataVersion]);

  // The kept draft leaves an unreadable date out rather than keep it as no date: restored and saved, it would clear the stored one.
  const draftValues = useMemo(() => {
    if (unreadableDates.size === 0) return values;
    const readable = { ...values };
    for (const field of unreadableDates) readable[field] = initial[field];
    return readable;
  }, [values, initial, unreadableDates]);
  const { offered: offeredDraft, answerOffer, discard: discardDraft } = useFormDraft({
    client,
    candidateId,
    candidateUpdatedAt: candidate?.updated_at ?? null,
    initial,
    values: draftValues,
    noteDrafts,
    dirty,
  });
  // Focus moves that must wait for the render a state change causes: until it is committed the field may not exist
  // yet, or sit in a form still inert (an offer unanswered, a save on its way). An animation frame can come first.
  const afterRender = useRef<(() => void)[]>([]);
  useEffect(() => {
    for (const task of afterRender.current.splice(0)) task();
  });
  // The offer's buttons go once it is answered, and the form is inert until then: the focus goes into the form after.
  const focusFieldAfterRender = (field: string) =>
    afterRender.current.push(() => (document.getElementById(`candidate-${field}`) ?? document.getElementById('candidate-full_name'))?.focus());
  const restoreOfferedDraft = (draft: OfferedDraft) => {
    setValues(draft.restored.values);
    setNoteDrafts(draft.restored.noteDrafts);
    answerOffer(true);
    focusFieldAfterRender(Object.keys(changedFields(initial, draft.restored.values))[0] ?? 'full_name');
  };
  const discardOfferedDraft = () => {
    answerOffer(false);
    focusFieldAfterRender('full_name');
  };

  useEffect(() => {
    if (!dirty) return;
    setLeaveGuard(() => {
      const leave = window.confirm('You have unsaved changes to this candidate. Leave without saving?');
      if (leave) discardDraft();
      return leave;
    });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setLeaveGuard(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty, setLeaveGuard, discardDraft]);

  const set = <K extends keyof CandidateFormValues>(field: K, value: CandidateFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined, form: undefined }));
  };

  // Typing a date in parts, and clearing one that cannot be read, leave the value "" throughout: the browser sends no
  // input event, and React no change. So the date is checked on each key, and on input and blur for the rest.
  const watchReadable = (field: TextField) => {
    const check = (event: SyntheticEvent<HTMLInputElement>) => {
      const readable = !event.currentTarget.validity.badInput;
      if (unreadableDates.has(field) !== readable) return;
      setUnreadableDates((current) => {
        const next = new Set(current);
        if (readable) next.delete(field);
        else next.add(field);
        return next;
      });
    };
    return { onKeyUp: check, onInput: check, onBlur: check };
  };

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    setNotice({ tone: 'error', text: 'Some fields need attention before this candidate can be saved.', outcome: NOT_SAVED });
    // Focus the first invalid field so keyboard and screen-reader users land on it. Scrolled up to, focus leaves it
    // at the very top, under the sticky header: then it is brought to the middle instead.
    afterRender.current.push(() => {
      const first = document.querySelector<HTMLElement>('.candidate-form [aria-invalid="true"]');
      if (!first) return;
      first.focus();
      const headerBottom = document.querySelector('.editor-header')?.getBoundingClientRect().bottom ?? 0;
      if (first.getBoundingClientRect().top < headerBottom) first.scrollIntoView({ block: 'center' });
    });
  };

  const errorsFromApi = (error: unknown): FieldErrors | null => {
    if (!(error instanceof ApiError)) return null;
    if (error.code === 'validation_error' || error.code === 'talent_pool_reveal_required') {
      const found = fieldErrorsFromDetails(error.details);
      if (error.code === 'talent_pool_reveal_required') {
        for (const field of Object.keys(found)) found[field] = `${found[field]} — locked until revealed in the cloud dashboard`;
      }
      return Object.keys(found).length > 0 ? found : null;
    }
    if (error.code === 'email_taken') return { email: error.message };
    return null;
  };

  const save = async () => {
    if (saving) return;
    setNotice(null);
    const formErrors = { ...formValueErrors(values), ...unreadableDateErrors(formRef.current) };
    if (candidate === null) {
      const body = createBody(values);
      const found = { ...validateBody('create', body), ...formErrors };
      if (Object.keys(found).length > 0) return showErrors(found);
      setSaving(true);
      try {
        const response = await client.request<{ data: CandidateWithApplications }>('/api/v1/candidates', { method: 'POST', body });
        const saved = response.body.data;
        if (response.status === 200) {
          // Create-or-match found that email: the POST changed nothing, and nothing typed here is dropped.
          setErrors({ email: 'A candidate with this email already exists.' });
          focusFieldAfterRender('email');
          setNotice({
            tone: 'error',
            text: `${saved.full_name} already has this email. Nothing was saved: change the email, or open that candidate.`,
            outcome: NOT_SAVED,
            action: { label: `Open ${saved.full_name}`, run: () => navigate({ name: 'candidate', id: saved.id }) },
          });
          return;
        }
        let message = 'Candidate created.';
        if (pendingResume) {
          // The candidate exists now whatever happens to the file, so the editor moves on to it either way.
          message = await uploadResume(client, saved.id, pendingResume).then(
            () => message,
            (error: Error) => `Candidate created, but the resume file could not be attached: ${error.message}`,
          );
        }
        leaveNotice(saved.id, message);
        setLeaveGuard(null);
        discardDraft();
        navigate({ name: 'candidate', id: saved.id });
      } catch (error) {
        const found = errorsFromApi(error);
        if (found) showErrors(found);
        else setNotice({ tone: 'error', text: (error as Error).message, outcome: NOT_SAVED });
      } finally {
        setSaving(false);
      }
      return;
    }

    const body = changedFields(initial, values);
    // Before "nothing to save": a date the browser cannot read leaves its field's value as it was, yet it was typed.
    const found = { ...validateBody('update', body), ...formErrors };
    if (Object.keys(found).length > 0) return showErrors(found);
    if (Object.keys(body).length === 0 && changedNotes.length === 0) {
      setNotice({ tone: 'info', text: 'Nothing to save: no field has changed.', outcome: 'Nothing to save' });
      return;
    }
    const longNotes = changedNotes.find((application) => notesTooLong(application.notes ?? ''));
    if (longNotes) {
      const application = candidate.applications.find((existing) => existing.job_id === longNotes.job_id);
      setNotice({ tone: 'error', text: `Notes can be at most ${LIMITS.applicationNotes.toLocaleString('en-US')} characters: shorten them, then save.`, outcome: NOT_SAVED });
      if (application) document.getElementById(applicationNotesId(application))?.focus();
      return;
    }
    const sent = values;
    setSaving(true);
    try {
      let saved = candidate;
      // One PUT for the fields, one per application whose notes changed: each is the API's own partial update.
      for (const request of [...(Object.keys(body).length > 0 ? [body] : []), ...changedNotes.map((application) => ({ application }))]) {
        saved = (await client.request<{ data: CandidateWithApplications }>(candidatePath(candidate.id), { method: 'PUT', body: request })).body.data;
        setCandidate(saved);
      }
      const savedValues = formValuesFromCandidate(saved);
      setInitial(savedValues);
      setValues((current) => valuesAfterSave(sent, current, savedValues));
      setErrors({});
      setNotice({ tone: 'info', text: 'Saved.', outcome: 'Saved' });
      setSyncVersion((n) => n + 1);
    } catch (error) {
      const fieldErrors = errorsFromApi(error);
      if (fieldErrors) showErrors(fieldErrors);
      else if (error instanceof ApiError && error.status === 404) setNotice({ tone: 'error', text: 'This candidate no longer exists.', outcome: NOT_SAVED });
      else setNotice({ tone: 'error', text: (error as Error).message, outcome: NOT_SAVED });
    } finally {
      setSaving(false);
    }
  };

  const onSaveShortcut = useEffectEvent((event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (!offeredDraft) void save();
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onSaveShortcut(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  // The last working day is hidden, and sent as cleared, once the candidate is no longer said to serve a notice.
  const storedLastWorkingDay = initial.in_notice_period === true ? initial.last_working_day : '';
  const clearedLastWorkingDay = values.in_notice_period !== true && storedLastWorkingDay !== '' ? storedLastWorkingDay : null;

  const errorId = (field: string) => `candidate-${field}-error`;
  // A likely typo is said while it stands alone; an error on the field says more.
  const warnings = implausibleValueWarnings(values);
  const warningOf = (field: string) => (errors[field] ? undefined : warnings[field as keyof typeof warnings]);
  const warningId = (field: string) => `candidate-${field}-warning`;
  // `hintId`: a hint of the field's own, said with it whatever else is.
  const fieldProps = (field: string, hintId?: string) => ({
    id: `candidate-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': [errors[field] ? errorId(field) : warningOf(field) && warningId(field), hintId].filter(Boolean).join(' ') || undefined,
  });
  const parkedValue = (field: string) => syncInfo?.parked.find((parked) => parked.field === field)?.value;

  const row = (field: keyof typeof FIELD_LABELS, control: ReactNode, extra?: ReactNode) => (
    <div className={`editor-field editor-field-${field}`} key={field}>
      {masked && isLockedField(field) ? (
        <>
          <span className="form-label" id={`candidate-${field}-label`}>
            {FIELD_LABELS[field]}
          </span>
          <LockedFieldValue labelledBy={`candidate-${field}-label`} parked={parkedValue(field)} />
        </>
      ) : (
        <>
          <label className="form-label" htmlFor={`candidate-${field}`}>
            {FIELD_LABELS[field]}
          </label>
          {control}
        </>
      )}
      {extra}
      {warningOf(field) && (
        <p className="field-hint field-warning" id={warningId(field)}>
          {warningOf(field)}
        </p>
      )}
      {errors[field] && (
        <p className="field-error" id={errorId(field)}>
          {errors[field]}
        </p>
      )}
    </div>
  );

  const textInput = (field: TextField, type: 'text' | 'email' | 'tel' | 'url' | 'date' = 'text', inputMode?: 'decimal' | 'numeric') =>
    row(
      field as keyof typeof FIELD_LABELS,
      <input
        className="input"
        {...fieldProps(field)}
        type={type}
        inputMode={inputMode}
        value={values[field]}
        required={field === 'full_name' || (field === 'email' && candidate === null)}
        onChange={(event) => set(field, event.target.value)}
        {...(type === 'date' && watchReadable(field))}
      />,
    );

  // On a new candidate's form the screen does not change, so the form itself starts over (asking first, like leaving).
  const startNewCandidate = () => {
    if (candidate !== null) {
      navigate({ name: 'candidate', id: null });
      return;
    }
    if (dirty && !window.confirm('You have unsaved changes to this candidate. Discard them and start a new one?')) return;
    discardDraft();
    setValues(initial);
    setErrors({});
    setNotice(null);
    setPendingResume(null);
  };

  const title = candidate === null ? 'New candidate' : candidate.full_name;
  useEffect(() => {
    setWindowTitle(title);
  }, [title]);
  const resumeUrlValid = isHttpUrl(values.resume_url.trim());

  return (
    <section className="screen candidate-editor" aria-labelledby="candidate-editor-title">
      <header className="editor-header">
        <div>
          <p className="editor-breadcrumb">
            <Button variant="quiet" size="small" className="link-button" onClick={() => navigate({ name: 'candidates' })}>
              Candidates
            </Button>{' '}
            → {candidate === null ? 'New' : 'Edit'}
          </p>
          <h1 id="candidate-editor-title" ref={titleRef} tabIndex={-1}>
            {title}
          </h1>
          {masked && <p className="masked-badge">Masked in the talent pool: contact details and CTC are revealed in the cloud dashboard.</p>}
        </div>
        <div className="editor-actions">
          {saveState !== null && (
            // A visual echo: the notice below says it to screen readers.
            <span className={`save-state save-state-${saveState.tone}`} aria-hidden={saveState.echo || undefined}>
              {saveState.text}
            </span>
          )}
          <Button onClick={startNewCandidate}>
            New candidate
          </Button>
          {/* Not disabled while saving: a disabled button loses the focus, and save() ignores a second press. */}
          <Button type="submit" form="candidate-form" variant="primary" disabled={offeredDraft !== null} aria-disabled={saving || undefined}>
            {saving ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </header>

      {notice && (
        <p className={`editor-notice editor-notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
          {notice.action && (
            <>
              {' '}
              <Button size="small" onClick={notice.action.run}>
                {notice.action.label}
              </Button>
            </>
          )}
        </p>
      )}
      {errors.form && (
        <p className="editor-notice editor-notice-error" role="alert">
          {errors.form}
        </p>
      )}
      {offeredDraft && <DraftOffer draft={offeredDraft} onRestore={() => restoreOfferedDraft(offeredDraft)} onDiscard={discardOfferedDraft} />}
      {syncInfo && syncConfigured && <CandidateSyncState info={syncInfo} />}

      {/* Inert while a kept form is offered: typing meanwhile would be lost to a restore, and could not be kept over the offer. */}
      <div className="editor-columns" inert={offeredDraft !== null}>
        {/* Inert while a new candidate is created: the editor moves on to it, so nothing typed meanwhile could be kept. */}
        <form ref={formRef} id="candidate-form" className="candidate-form" noValidate onSubmit={onSubmit} inert={saving && candidate === null}>
          <fieldset>
            <legend>Identity and contact</legend>
            {textInput('full_name')}
            {textInput('email', 'email')}
            {textInput('phone_number', 'tel')}
            {row(
              'whatsapp_number',
              <input
                className="input"
                {...fieldProps('whatsapp_number')}
                type="tel"
                value={values.whatsapp_same_as_phone ? values.phone_number : values.whatsapp_number}
                disabled={values.whatsapp_same_as_phone}
                onChange={(event) => set('whatsapp_number', event.target.value)}
              />,
              !masked && (
                <label className="checkbox-label">
                  <input
                   type="checkbox"
                    checked={values.whatsapp_same_as_phone}
                    onChange={(event) => set('whatsapp_same_as_phone', event.target.checked)}
                  />
                  Same as phone
                </label>
              ),
            )}
            {textInput('location')}
            {textInput('preferred_location')}
          </fieldset>

          <fieldset>
            <legend>Skills and experience</legend>
            {(['primary_skills', 'secondary_skills'] as const).map((field) =>
              row(
                field,
                <SkillTagInput
                  id={`candidate-${field}`}
                  label={FIELD_LABELS[field]}
                  skills={values[field]}
                  onChange={(skills) => set(field, skills)}
                  draft={values.skill_drafts[field]}
                  onDraftChange={(draft) => setValues((current) => ({ ...current, skill_drafts: { ...current.skill_drafts, [field]: draft } }))}
                  describedBy={errors[field] ? errorId(field) : undefined}
                  invalid={Boolean(errors[field])}
                />,
              ),
            )}
            {textInput('total_experience_years', 'text', 'decimal')}
            {textInput('current_company')}
            {textInput('current_designation')}
            {candidate !== null && candidate.screening_score !== null && (
              <div className="editor-field editor-field-screening_score" role="group" aria-labelledby="candidate-screening_score-label">
                <span className="form-label" id="candidate-screening_score-label">
                  Screening score
                </span>
                <p className="read-only-value">
                  {formatScore(candidate.screening_score)} <span className="field-hint">scored in the cloud</span>
                </p>
              </div>
            )}
          </fieldset>

          <fieldset>
            <legend>Compensation and notice</legend>
            {textInput('current_ctc', 'text', 'decimal')}
            {textInput('expected_ctc', 'text', 'decimal')}
            {textInput('notice_period_days', 'text', 'numeric')}
            {row(
              'in_notice_period',
              // Three answers, not a switch: "not said" stays a choice once yes or no was picked.
              <select
                className="select"
                {...fieldProps('in_notice_period', clearedLastWorkingDay ? 'candidate-in_notice_period-hint' : undefined)}
                value={NOTICE_ANSWERS.find((answer) => answer.value === values.in_notice_period)!.label}
                onChange={(event) => set('in_notice_period', NOTICE_ANSWERS.find((answer) => answer.label === event.target.value)!.value)}
              >
                {NOTICE_ANSWERS.map((answer) => (
                  <option key={answer.label}>{answer.label}</option>
                ))}
              </select>,
              clearedLastWorkingDay && (
                <p className="field-hint" id="candidate-in_notice_period-hint">
                  Saving clears the last working day, {formatCalendarDate(clearedLastWorkingDay)}: it belongs to a notice being served.
                </p>
              ),
            )}
            {values.in_notice_period === true && textInput('last_working_day', 'date')}
          </fieldset>

          <fieldset>
            <legend>Resume and source</legend>
            {row(
              'resume_url',
              <div className="input-with-button">
                <input className="input" {...fieldProps('resume_url')} type="url" value={values.resume_url} onChange={(event) => set('resume_url', event.target.value)} />
                <Button aria-label="Open resume URL" disabled={!resumeUrlValid} onClick={() => openExternally(values.resume_url.trim())}>
                  Open
                </Button>
              </div>,
            )}
            <ResumeAttachment candidateId={candidateId} pending={pendingResume} onPendingChange={setPendingResume} />
            {textInput('source')}
          </fieldset>

          <fieldset>
            <legend>Metadata</legend>
            <MetadataRowsEditor
              rows={values.metadata}
              onChange={(rows) => set('metadata', rows)}
              error={errors.metadata}
              errorId={errorId('metadata')}
            />
          </fieldset>
        </form>

        <aside className="editor-side">
          {candidate === null ? (
            <section className="panel applications-panel" aria-labelledby="applications-title">
              <h2 id="applications-title">Applications</h2>
              <p className="panel-empty">Save the candidate first; then you can apply them to jobs here.</p>
            </section>
          ) : (
            <ApplicationsPanel
              candidate={candidate}
              noteDrafts={noteDrafts}
              onNoteDraftChange={(jobId, draft) => setNoteDrafts((current) => ({ ...current, [jobId]: draft }))}
              onCandidateChanged={(changed) => {
                setCandidate((current) => (current ? { ...current, applications: changed.applications, updated_at: changed.updated_at } : current));
                setSyncVersion((n) => n + 1);
              }}
            />
          )}
        </aside>
      </div>
    </section>
  );
}

/**
 * A date field the browser cannot read (31 February, or a day typed without
 * its month) has the value "", exactly as a cleared one: saving it would wipe
 * the stored date, so it is an error instead.
 */
function unreadableDateErrors(form: HTMLFormElement | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const input of form?.querySelectorAll<HTMLInputElement>('input[type="date"]') ?? []) {
    if (input.validity.badInput) errors[input.id.replace(/^candidate-/, '')] = 'is not a whole calendar date: finish or correct it, or clear it';
  }
  return errors;
}

/** Each application whose notes draft differs from what is stored, as the PUT's `application`. */
function unsavedNotes(candidate: CandidateWithApplications, drafts: Record<string, string>): { job_id: string; notes: string | null }[] {
  return candidate.applications.flatMap((application) => {
    const draft = drafts[application.job_id];
    if (draft === undefined || draft.trim() === (application.notes ?? '')) return [];
    return [{ job_id: application.job_id, notes: draft.trim() === '' ? null : draft }];
  });
}

function openExternally(url: string): void {
  const bridge = desktopBridge();
  if (bridge) void bridge.openExternal(url);
  else window.open(url, '_blank', 'noopener');
}
