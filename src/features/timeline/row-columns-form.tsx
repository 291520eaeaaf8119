import { useId, useState, type Ref } from 'react';
import { parseColumnList } from '@/core/timeline/row-columns';
import { chooseRowColumns } from '@/runtime/row-columns';
import { useRowColumns, useRowColumnsStore } from '@/stores/row-columns-store';

/** The button that opens the column choice, saying which fields are shown now. */
export function RowColumnsToggle({
  connectionKey,
  open,
  controls,
  onToggle,
  buttonRef,
}: {
  connectionKey: string;
  open: boolean;
  controls: string;
  onToggle(): void;
  buttonRef: Ref<HTMLButtonElement>;
}) {
  const columns = useRowColumns(connectionKey);
  return (
    <button
      ref={buttonRef}
      type="button"
      className="button small"
      aria-expanded={open}
      aria-controls={controls}
      title="Show top-level JSON fields as columns in the rows"
      onClick={onToggle}
    >
      {columns.length > 0 ? `Columns: ${columns.join(', ')}` : 'Columns'}
    </button>
  );
}

/**
 * Picks the top-level JSON fields (such as `type` and `id`) that this connection's rows show as columns. Kept
 * per connection, in this browser.
 */
export function RowColumnsForm({
  id,
  connectionKey,
  onDone,
}: {
  id: string;
  connectionKey: string;
  onDone(): void;
}) {
  const columns = useRowColumns(connectionKey);
  const storeError = useRowColumnsStore((s) => s.error);
  const [text, setText] = useState(() => columns.join(', '));
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();

  const apply = (next: readonly string[]) => {
    chooseRowColumns(connectionKey, next);
    setError(null);
    if (useRowColumnsStore.getState().error === null) onDone();
  };

  return (
    <form
      id={id}
      className="filter-row row-columns-form"
      aria-label="Row columns"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseColumnList(text);
        if (!parsed.ok) setError(parsed.message);
        else apply(parsed.columns);
      }}
    >
      <label className="row-columns-label">
        Row columns
        <input
          type="text"
          className="row-columns-input"
          placeholder="type, id"
          spellCheck={false}
          value={text}
          autoFocus
          aria-invalid={error !== null || undefined}
          aria-describedby={hintId}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              onDone();
            }
          }}
        />
      </label>
      <button type="submit" className="button small">
        Apply
      </button>
      {columns.length > 0 && (
        <button type="button" className="button small" onClick={() => apply([])}>
          Remove columns
        </button>
      )}
      <span
        id={hintId}
        className={error || storeError ? 'field-error' : 'muted'}
        role={error ? 'alert' : undefined}
      >
        {error ??
          storeError ??
          'Top-level JSON fields, comma-separated; kept for this connection in this browser.'}
      </span>
    </form>
  );
}
