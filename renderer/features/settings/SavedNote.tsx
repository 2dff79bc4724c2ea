import type { ReactNode } from 'react';

/** Beside a settings form's buttons: says the last save went through, to screen readers too. */
export function SavedNote({ shown, children = 'Saved' }: { shown: boolean; children?: ReactNode }) {
  if (!shown) return null;
  return (
    <span className="settings-saved" role="status">
      {children}
    </span>
  );
}
