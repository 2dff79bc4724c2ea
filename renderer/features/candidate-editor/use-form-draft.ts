import { useCallback, useEffect, useRef, useState } from 'react';
import type { EditorDraft } from '@shared/local-api-schema';
import type { ApiClient, RequestOptions } from '../../lib/api-client';
import type { CandidateFormValues } from './candidate-form-model';
import { draftOf, restoreDraft } from './form-draft';

const noAnswerNeeded = () => undefined;

/** How long typing pauses before the form is kept: a crash loses at most this much of it. */
const KEEP_DELAY_MS = 400;

export interface OfferedDraft {
  savedAt: string;
  /** The candidate was saved or synced after the draft began: restoring replaces what it has now. */
  candidateChangedSince: boolean;
  restored: { values: CandidateFormValues; noteDrafts: Record<string, string> };
}

interface FormDraftOptions {
  client: ApiClient;
  /** The candidate's id, or null for the new-candidate form. */
  candidateId: string | null;
  candidateUpdatedAt: string | null;
  initial: CandidateFormValues;
  values: CandidateFormValues;
  noteDrafts: Record<string, string>;
  dirty: boolean;
}

/**
 * Keeps the form in the local store as it is typed (PUT /api/local/drafts),
 * and offers back a form a crash, a power cut or a quit left unsaved. While
 * an offer is open nothing is kept over it: the recruiter restores or
 * discards it first.
 */
export function useFormDraft({ client, candidateId, candidateUpdatedAt, initial, values, noteDrafts, dirty }: FormDraftOptions) {
  const path = `/api/local/drafts/${candidateId === null ? 'new' : encodeURIComponent(candidateId)}`;
  const [offered, setOffered] = useState<OfferedDraft | null>(null);
  const [ready, setReady] = useState(false);
  const kept = useRef(false);
  // One draft request at a time, in order: a discard sent while a keep is on its way must land after it.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const send = useCallback(
    (options: RequestOptions) => {
      // A draft request that fails is not retried: the next keystroke sends the form again, and the form itself is unaffected.
      const request = () => client.request(path, options).then(noAnswerNeeded, noAnswerNeeded);
      queue.current = queue.current.then(request);
    },
    [client, path],
  );

  // Read once, against the form as it opened: later typing must not turn the offer into something else.
  const opening = useRef({ values, noteDrafts, candidateUpdatedAt });
  useEffect(() => {
    let cancelled = false;
    client
      .request<{ data: EditorDraft | null }>(path)
      .then(({ body: { data: draft } }) => {
        if (cancelled) return;
        const restored = draft && restoreDraft(opening.current.values, opening.current.noteDrafts, draft.form);
        if (draft && restored) {
          const changedSince = opening.current.candidateUpdatedAt !== null && draft.base_updated_at !== opening.current.candidateUpdatedAt;
          setOffered({ savedAt: draft.saved_at, candidateChangedSince: changedSince, restored });
          kept.current = true;
          return;
        }
        // A draft that changes nothing (saved meanwhile) is not worth a question.
        if (draft) send({ method: 'DELETE' });
        setReady(true);
      })
      .catch(() => {
        // Without the store's answer the form still works; it is kept from the next keystroke.
        if (!cancelled) setReady(true);
      });
    return () => {
      cancelled = true;
    };
  }, [client, path, send]);

  const discard = useCallback(() => {
    if (!kept.current) return;
    kept.current = false;
    send({ method: 'DELETE' });
  }, [send]);

  useEffect(() => {
    if (!ready) return;
    if (!dirty) {
      discard();
      return;
    }
    const timer = setTimeout(() => {
      kept.current = true;
      send({ method: 'PUT', body: { form: draftOf(initial, values, noteDrafts), base_updated_at: candidateUpdatedAt } });
    }, KEEP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ready, dirty, initial, values, noteDrafts, candidateUpdatedAt, send, discard]);

  /** The offer answered: `restore` true applies it (the caller sets the values), false drops it. */
  const answerOffer = useCallback(
    (restore: boolean) => {
      if (!restore) discard();
      setOffered(null);
      setReady(true);
    },
    [discard],
  );

  return { offered, answerOffer, discard };
}
