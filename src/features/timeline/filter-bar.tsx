import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { SegmentedControl } from '@/components/segmented-control';
import { shortcutProps } from '@/components/use-shortcut';
import { FIELD_FILTER_HELP } from '@/core/timeline/json-field-filter';
import type {
  CompiledTimelineFilter,
  DirectionFilter,
  TimelineFilterSettings,
} from '@/core/timeline/timeline-filter';
import type { SearchSnapshot } from '@/core/timeline/timeline-search';
import { ArrowDownIcon, ArrowUpIcon } from '@/components/icons';
import { RowColumnsForm, RowColumnsToggle } from './row-columns-form';

const DIRECTION_OPTIONS = [
  { value: 'all', label: 'All' },
  { value: 'out', label: 'Sent' },
  { value: 'in', label: 'Received' },
] as const satisfies readonly { value: DirectionFilter; label: string }[];

interface FilterBarProps {
  settings: TimelineFilterSettings;
  onChange(settings: TimelineFilterSettings): void;
  filter: CompiledTimelineFilter;
  snapshot: SearchSnapshot;
  /** Entries kept, to say "n of total". */
  total: number;
  onStep(direction: 'next' | 'previous'): void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Whose row columns the Columns button picks: the saved connection, or the tab. */
  connectionKey: string;
}

/**
 * The timeline's Find: text (or a regular expression), direction, which kinds of rows, a JSON field filter,
 * the live count of matches and the way to step through them.
 */
export function FilterBar({
  settings,
  onChange,
  filter,
  snapshot,
  total,
  onStep,
  inputRef,
  connectionKey,
}: FilterBarProps) {
  const id = useId();
  const [columnsOpen, setColumnsOpen] = useState(false);
  const columnsButton = useRef<HTMLButtonElement>(null);
  const closeColumns = () => {
    setColumnsOpen(false);
    columnsButton.current?.focus();
  };
  const set = (patch: Partial<TimelineFilterSettings>) => onChange({ ...settings, ...patch });
  const onTextKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    onStep(event.shiftKey ? 'previous' : 'next');
  };
  const messagesOnly = settings.direction !== 'all';
  const none = snapshot.count === 0;

  return (
    <div className="filter-bar" role="search" aria-label="Find in timeline">
      <div className="filter-row">
        <span className="filter-group filter-main">
          <input
            ref={inputRef}
            type="text"
            className="filter-text"
            aria-label="Filter timeline"
            placeholder="Filter timeline"
            {...shortcutProps('Filter timeline', 'focus-filter')}
            spellCheck={false}
            value={settings.text}
            aria-invalid={filter.textError !== null || undefined}
            aria-describedby={filter.textError ? `${id}-text-error` : undefined}
            onChange={(event) => set({ text: event.target.value })}
            onKeyDown={onTextKeyDown}
          />
          <span
            className="filter-count"
            title={snapshot.complete ? undefined : 'Still searching older entries'}
          >
            <output aria-label="Matching entries" aria-live="off">
              {snapshot.count}
            </output>
            <span className="muted">
              of {total}
              {snapshot.complete ? '' : '…'}
            </span>
          </span>
          <button
            type="button"
            className="button small icon-step"
            aria-label="Previous match"
            title="Previous match (Shift+Enter)"
            disabled={none}
            onClick={() => onStep('previous')}
          >
            <ArrowUpIcon />
          </button>
          <button
            type="button"
            className="button small icon-step"
            aria-label="Next match"
            title="Next match (Enter)"
            disabled={none}
            onClick={() => onStep('next')}
          >
            <ArrowDownIcon />
          </button>
        </span>
        <span className="filter-group filter-json">
          <input
            type="text"
            className="filter-field"
            aria-label="JSON field filter"
            placeholder='$.type == "trade"'
            spellCheck={false}
            title={FIELD_FILTER_HELP}
            value={settings.field}
            aria-invalid={filter.fieldError !== null || undefined}
            aria-describedby={filter.fieldError ? `${id}-field-error` : `${id}-field-help`}
            onChange={(event) => set({ field: event.target.value })}
          />
          <span
            id={`${id}-field-help`}
            className="filter-help"
            role="img"
            aria-label={FIELD_FILTER_HELP}
            title={FIELD_FILTER_HELP}
          >
            ?
          </span>
        </span>
      </div>
      {filter.textError && (
        <p className="field-error filter-error" id={`${id}-text-error`} role="alert">
          {filter.textError}. The text filter is not applied.
        </p>
      )}
      {filter.fieldError && (
        <p className="field-error filter-error" id={`${id}-field-error`} role="alert">
          {filter.fieldError} The field filter is not applied.
        </p>
      )}
      <div className="filter-row">
        <label className="check-row">
          <input
            type="checkbox"
            checked={settings.regex}
            onChange={(event) => set({ regex: event.target.checked })}
          />
          Regular expression
        </label>
        <label className="check-row">
          <input
            type="checkbox"
            checked={settings.matchCase}
            onChange={(event) => set({ matchCase: event.target.checked })}
          />
          Match case
        </label>
        <SegmentedControl
          label="Direction"
          value={settings.direction}
          options={DIRECTION_OPTIONS}
          onChange={(direction) => set({ direction })}
        />
        <label
          className="check-row"
          title={
            messagesOnly
              ? 'Sent or Received shows messages only'
              : 'Connecting, open, close, errors, reconnects'
          }
        >
          <input
            type="checkbox"
            checked={settings.lifecycle && !messagesOnly}
            disabled={messagesOnly}
            onChange={(event) => set({ lifecycle: event.target.checked })}
          />
          Lifecycle events
        </label>
        <label
          className="check-row"
          title="Messages sent by themselves: heartbeat, on-open messages and protocol replies (pongs, keep-alives)"
        >
          <input
            type="checkbox"
            checked={settings.auto}
            onChange={(event) => set({ auto: event.target.checked })}
          />
          Automatic sends
        </label>
        <span className="spacer" />
        <RowColumnsToggle
          connectionKey={connectionKey}
          open={columnsOpen}
          controls={`${id}-columns`}
          onToggle={() => setColumnsOpen((open) => !open)}
          buttonRef={columnsButton}
        />
      </div>
      {columnsOpen && (
        <RowColumnsForm id={`${id}-columns`} connectionKey={connectionKey} onDone={closeColumns} />
      )}
    </div>
  );
}
