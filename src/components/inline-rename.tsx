import { useRef, useState, type FormEvent } from 'react';

interface InlineRenameProps {
  label: string;
  name: string;
  onRename(name: string): void;
  /** Called for an empty name (e.g. to go back to a default name); without it an empty name changes nothing. */
  onClear?(): void;
  onDone(): void;
}

/** A name field in place of a label: Enter or leaving it saves, Escape cancels. */
export function InlineRename({ label, name, onRename, onClear, onDone }: InlineRenameProps) {
  const [draft, setDraft] = useState(name);
  // Escape unmounts the field, which can still fire blur: that blur must not save.
  const finished = useRef(false);

  const commit = (event?: FormEvent) => {
    event?.preventDefault();
    if (finished.current) return;
    finished.current = true;
    const trimmed = draft.trim();
    if (trimmed && trimmed !== name) onRename(trimmed);
    else if (!trimmed) onClear?.();
    onDone();
  };

  return (
    <form className="rename-form" onSubmit={commit}>
      <input
        autoFocus
        type="text"
        aria-label={label}
        value={draft}
        onFocus={(e) => e.target.select()}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commit()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            finished.current = true;
            onDone();
          }
        }}
      />
    </form>
  );
}
