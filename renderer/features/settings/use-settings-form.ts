import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../lib/api-client';
import { useApiClient } from '../../lib/api-context';
import { fieldErrorsFrom, generalErrorFrom } from '../../lib/field-errors';
import { useFocusFirstInvalid } from '../../lib/ui/use-focus-first-invalid';

/**
 * What every settings form does around its own fields: load them from `path`
 * (again on `retryLoad`, after `loadError`), then save in the same steps: check
 * locally, send, and put the API's refusal next to the fields it names
 * (`fields`), anything else above the form (`generalError`).
 */
export function useSettingsForm<T>(path: string, show: (data: T) => void, fields: readonly string[]) {
  const client = useApiClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const focusFirstInvalid = useFocusFirstInvalid();
  // The latest `show`, without reloading the form every time the component renders.
  const showLatest = useRef(show);
  useEffect(() => {
    showLatest.current = show;
  });

  useEffect(() => {
    client.request<{ data: T }>(path).then(
      ({ body }) => showLatest.current(body.data),
      (error: Error) => setLoadError(error.message),
    );
  }, [client, path, loadAttempt]);
  const retryLoad = () => {
    setLoadError(null);
    setLoadAttempt((attempt) => attempt + 1);
  };

  /** A submit handler: `check` gives the field errors that stop it before sending; `send` saves (and throws the API's refusal). */
  const submit = (check: () => Record<string, string>, send: (client: ApiClient) => Promise<void>) => async (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setSaved(false);
    setGeneralError(null);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    try {
      await send(client);
      setSaved(true);
    } catch (error) {
      setErrors(fieldErrorsFrom(error));
      setGeneralError(generalErrorFrom(error, fields));
      focusFirstInvalid(form);
    }
  };

  return { client, errors, setErrors, generalError, setGeneralError, loadError, retryLoad, saved, setSaved, submit };
}
