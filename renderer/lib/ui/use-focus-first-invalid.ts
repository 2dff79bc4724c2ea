import { useEffect, useState } from 'react';

/**
 * For a form whose submit was refused: its first field marked invalid takes the focus once drawn so, and a screen
 * reader says its error (the button pressed says nothing of it). Each call is a new refusal, the same one again
 * included, so the focus comes back each time.
 */
export function useFocusFirstInvalid(): (form: HTMLFormElement | null) => void {
  const [refusal, setRefusal] = useState<{ form: HTMLFormElement | null } | null>(null);
  useEffect(() => {
    refusal?.form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusal]);
  return (form) => setRefusal({ form });
}
