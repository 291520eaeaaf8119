import { useEffect, useRef, type ReactNode, type SyntheticEvent } from 'react';

interface ModalDialogProps {
  /** The dialog's accessible name. */
  label: string;
  className?: string;
  /** Escape, the backdrop's close, or `close()` from inside. */
  onClose(): void;
  /** Escape was pressed: call `preventDefault()` to keep the dialog open (unsaved edits to confirm first). */
  onCancel?(event: SyntheticEvent<HTMLDialogElement>): void;
  children: ReactNode;
}

/** A native modal `<dialog>`, open while mounted: focus is trapped and Escape closes it. */
export function ModalDialog({ label, className, onClose, onCancel, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={`modal-dialog ${className ?? ''}`}
      aria-label={label}
      onClose={onClose}
      onCancel={onCancel}
    >
      {children}
    </dialog>
  );
}
