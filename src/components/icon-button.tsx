import type { ReactNode } from 'react';

interface IconButtonProps {
  /** The accessible name, specific to the item ("Delete template Ping"). */
  label: string;
  /** The tooltip: the action alone ("Delete"). */
  title: string;
  disabled?: boolean;
  onClick(): void;
  children: ReactNode;
}

/** A small glyph button whose name comes from `label`, since the glyph says nothing to a screen reader. */
export function IconButton({ label, title, disabled, onClick, children }: IconButtonProps) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={title}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
