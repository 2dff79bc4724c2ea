import { useEffect, useRef, useState } from 'react';
import { RESUME_MAX_BYTES } from '@shared/local-api-schema';
import { desktopBridge } from '../../lib/api-connection';
import { useApiClient } from '../../lib/api-context';
import { downloadFromApi } from '../../lib/ui/save-file';
import { Button } from '../../lib/ui/Button';
import { ConfirmDialog } from '../../lib/ui/Dialog';
import { type ResumeFile, attachedResumeName, removeResume, resumeDownloadPath, uploadResume } from './resume-file';

interface ResumeAttachmentProps {
  /** null for a candidate not saved yet: the file is held in `pending` and uploaded after the create. */
  candidateId: string | null;
  pending: ResumeFile | null;
  onPendingChange: (file: ResumeFile | null) => void;
}

type Attached =
  | { state: 'checking' }
  | { state: 'none' }
  | { state: 'attached'; name: string }
  | { state: 'uploading'; name: string }
  | { state: 'removing'; name: string };

/** The resume file kept in the data folder: attach from disk (the system picker in Electron), see its name, download or remove it. */
export function ResumeAttachment({ candidateId, pending, onPendingChange }: ResumeAttachmentProps) {
  const client = useApiClient();
  const bridge = desktopBridge();
  const [attached, setAttached] = useState<Attached>(candidateId === null ? { state: 'none' } : { state: 'checking' });
  const [error, setError] = useState<string | null>(null);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);

  useEffect(() => {
    if (candidateId === null) return;
    let cancelled = false;
    attachedResumeName(client, candidateId)
      .then((name) => {
        if (!cancelled) setAttached(name === null ? { state: 'none' } : { state: 'attached', name });
      })
      .catch(() => {
        if (!cancelled) setAttached({ state: 'none' });
      });
    return () => {
      cancelled = true;
    };
  }, [client, candidateId]);

  const accept = async (file: ResumeFile) => {
    setError(null);
    // Said before the upload, not after sending every byte only to be refused.
    const size = file.bytes instanceof Blob ? file.bytes.size : file.bytes.byteLength;
    if (size > RESUME_MAX_BYTES) {
      setError(`${file.name} is larger than ${RESUME_MAX_BYTES / (1024 * 1024)} MB; choose a smaller file.`);
      return;
    }
    if (candidateId === null) {
      onPendingChange(file);
      return;
    }
    setAttached({ state: 'uploading', name: file.name });
    try {
      await uploadResume(client, candidateId, file);
      setAttached({ state: 'attached', name: file.name });
    } catch (uploadError) {
      setAttached({ state: 'none' });
      setError(`The resume could not be attached: ${(uploadError as Error).message}`);
    }
  };

  const remove = async () => {
    if (candidateId === null || attached.state !== 'attached') return;
    const { name } = attached;
    setError(null);
    setAttached({ state: 'removing', name });
    try {
      await removeResume(client, candidateId);
      setAttached({ state: 'none' });
    } catch (removeError) {
      setAttached({ state: 'attached', name });
      setError(`The resume could not be removed: ${(removeError as Error).message}`);
    } finally {
      setConfirmingRemoval(false);
    }
  };

  const shownName = pending?.name ?? ('name' in attached ? attached.name : null);
  // A removed file takes its Remove button with it: the focus goes on to attaching another.
  const controlsRef = useRef<HTMLDivElement>(null);
  const attachControl = () => controlsRef.current?.querySelector<HTMLElement>('input[type="file"], .resume-attach') ?? null;

  return (
    <div className="editor-field editor-field-resume-file">
      <span className="form-label" id="candidate-resume-file-label">
        Resume file
      </span>
      <div className="resume-file" ref={controlsRef}>
        {attached.state === 'checking' && <span className="field-hint">Checking for an attached resume…</span>}
        {shownName && (
          <span className="resume-file-name" aria-label="Attached resume">
            {shownName}
            {pending && ' (uploaded when you save)'}
            {attached.state === 'uploading' && ' (uploading…)'}
          </span>
        )}
        {attached.state === 'none' && !pending && <span className="field-hint">No file attached.</span>}
        {candidateId !== null && attached.state === 'attached' && (
          <Button variant="quiet" size="small" className="link-button" onClick={() => void downloadFromApi(client, resumeDownloadPath(candidateId), attached.name)}>
            Download resume
          </Button>
        )}
        {candidateId !== null && attached.state === 'attached' && (
          <Button variant="quiet" size="small" className="link-button" onClick={() => setConfirmingRemoval(true)}>
            Remove resume file
          </Button>
        )}
        {pending && (
          <Button
            variant="quiet"
            size="small"
            className="link-button"
            onClick={() => {
              // The attach control stays (only its wording changes): it can take the focus at once.
              attachControl()?.focus();
              onPendingChange(null);
            }}
          >
            Remove resume file
          </Button>
        )}
        {bridge ? (
          <Button
            className="resume-attach"
            onClick={() =>
              void bridge.chooseResumeFile().then((chosen) => {
                if (chosen) void accept({ name: chosen.name, bytes: chosen.bytes });
              })
            }
          >
            {shownName ? 'Replace resume file…' : 'Attach resume file…'}
          </Button>
        ) : (
          <label className="button file-button">
            {shownName ? 'Replace resume file…' : 'Attach resume file…'}
            <input
              className="visually-hidden"
              type="file"
              aria-label="Resume file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void accept({ name: file.name, bytes: file });
                event.target.value = '';
              }}
            />
          </label>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        title={`Remove “${shownName ?? ''}”?`}
        open={confirmingRemoval}
        confirmLabel="Remove file"
        danger
        busy={attached.state === 'removing'}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmingRemoval(false)}
        focusWhenOpenerGone={attachControl}
      >
        <p style={{ margin: 0 }}>The file is deleted from Recruiter Desk’s data folder on this computer. The resume URL, if any, stays.</p>
      </ConfirmDialog>
    </div>
  );
}
