import { useEffect, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  /** The dialog's accessible name. */
  label: string;
  className?: string;
  /** Escape, the backdrop's close, or `close()` from inside. */
  onClose(): void;
  children: ReactNode;
}

/** A native modal `<dialog>`, open while mounted: focus is trapped and Escape closes it. */
export function ModalDialog({ label, className, onClose, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className={`modal-dialog ${className ?? ''}`} aria-label={label} onClose={onClose}>
      {children}
    </dialog>
  );
}
