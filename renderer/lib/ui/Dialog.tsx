import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button } from './Button';

export interface DialogProps {
  title: string;
  open: boolean;
  /** Called on Escape and on the backdrop's close; the owner decides whether `open` turns false. */
  onClose: () => void;
  children: ReactNode;
  actions: ReactNode;
  /**
   * Where the focus goes on closing when the control that opened the dialog is
   * gone (removed by what the dialog did): the browser would leave it nowhere.
   */
  focusWhenOpenerGone?: () => HTMLElement | null;
}

/** A modal dialog on the native <dialog>: focus is trapped and Escape closes it. */
export function Dialog({ title, open, onClose, children, actions, focusWhenOpenerGone }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) {
      dialog.close();
      if (document.activeElement === null || document.activeElement === document.body) focusWhenOpenerGone?.()?.focus();
    }
    // The latest focusWhenOpenerGone is read when the dialog closes; it is no reason to run this again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let the owner close it, so `open` stays the single truth.
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <div className="dialog-body">
            <h2 id={titleId}>{title}</h2>
            {children}
          </div>
          <div className="dialog-actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  title: string;
  open: boolean;
  children: ReactNode;
  confirmLabel: string;
  /** A destructive confirmation is shown in the danger style. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  focusWhenOpenerGone?: DialogProps['focusWhenOpenerGone'];
}

/** Asks before something that cannot be undone. */
export function ConfirmDialog({ title, open, children, confirmLabel, danger = false, busy = false, onConfirm, onCancel, focusWhenOpenerGone }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      open={open}
      onClose={onCancel}
      focusWhenOpenerGone={focusWhenOpenerGone}
      actions={
        <>
          <Button onClick={onCancel}>Cancel</Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
