import type { MouseEvent } from 'react';

interface SecretToggleProps {
  /** The accessible name, the same in both states (aria-pressed tells them apart). */
  label: string;
  revealed: boolean;
  onToggle(): void;
  /** Only the eye, for timeline rows; otherwise the eye and "Show secrets". */
  compact?: boolean;
}

/** Shows or masks the secret values of one timeline entry; it only changes what is on screen. */
export function SecretToggle({ label, revealed, onToggle, compact = false }: SecretToggleProps) {
  const onClick = (event: MouseEvent) => {
    // Inside a row: toggling must not also select or deselect the row.
    event.stopPropagation();
    onToggle();
  };
  return (
    <button
      type="button"
      className={compact ? 'secret-toggle compact' : 'button small secret-toggle'}
      aria-label={compact ? label : undefined}
      aria-pressed={revealed}
      title={
        revealed
          ? 'Secret values are shown: press to mask them again'
          : 'Secret values are masked: press to show them'
      }
      onClick={onClick}
    >
      <EyeIcon crossed={!revealed} />
      {!compact && <span>{label}</span>}
    </button>
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg
      className="eye-icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
    >
      <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8Z" />
      <circle cx="8" cy="8" r="2" />
      {crossed && <path d="M2.5 13.5 13.5 2.5" />}
    </svg>
  );
}
