import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { toRowModel, type TimelineRowModel } from '@/core/timeline/timeline-row-model';
import { rowDecoding, type RowDecoding } from '@/core/protocol/row-decoding';
import { useTabLens } from '@/components/use-tab-lens';
import type { TextPattern } from '@/core/timeline/timeline-filter';
import type { SearchSnapshot, TimelineSearch } from '@/core/timeline/timeline-search';
import { useArchiveStore } from '@/stores/archive-store';
import { useSessionView } from '@/stores/sessions-store';
import { findIndexBySeq } from '@/core/timeline/find-index-by-seq';
import { useRedactor } from '@/components/use-redactor';
import { scrollGeometry } from '@/core/timeline/scroll-geometry';
import { HighlightedText } from './highlighted-text';
import { SecretToggle } from './secret-toggle';
import { useTimeline } from './use-timeline';

const ROW_HEIGHT = 26;
const OVERSCAN = 8;
/**
 * Rows above the view while following: the window is pinned to the bottom and, in a stream, every row is new on
 * each render, so full overscan there lays out eight rows per render that nobody sees. Two rows still cover a
 * small scroll up before the list re-renders with full overscan.
 */
const OVERSCAN_FOLLOWING = 2;
/** At this width or less the time since open is left out, so the preview keeps some room. */
const NARROW_WIDTH = 520;
const DIRECTION_ICONS: Record<TimelineRowModel['direction'], string> = {
  Received: '↓',
  Sent: '↑',
  Event: '•',
};

/** Asks the list to bring a row into view; a new `token` asks again for the same seq. */
export interface RevealRequest {
  seq: number;
  token: number;
  /** Wait for a search snapshot newer than this one: the filter just changed and its rows are not known yet. */
  afterVersion: number;
}

interface TimelineListProps {
  tabId: string;
  /** A recorded timeline: nothing will arrive, so the empty state says so instead of suggesting Connect. */
  readOnly: boolean;
  selectedSeq: number | null;
  onSelect(seq: number | null): void;
  /** Rows shown with their secret values in plain text. */
  revealed: ReadonlySet<number>;
  onToggleReveal(seq: number): void;
  /** The rows to show: every entry, or the matches of the filter. */
  search: TimelineSearch;
  snapshot: SearchSnapshot;
  /** What to highlight in the previews. */
  pattern: TextPattern | null;
  reveal: RevealRequest | null;
  /** Top-level JSON fields shown as columns, between the size and the preview. */
  columns: readonly string[];
}

/**
 * A virtualized list: only the rows in view are in the DOM, so 100,000 entries cost what 40 do. It follows
 * new entries until the user scrolls up, and resumes once they scroll back to the bottom. With a filter it
 * shows only the matches.
 */
export function TimelineList({
  tabId,
  readOnly,
  selectedSeq,
  onSelect,
  revealed,
  onToggleReveal,
  search,
  snapshot,
  pattern,
  reveal,
  columns,
}: TimelineListProps) {
  const view = useSessionView(tabId);
  const timeline = useTimeline(tabId);
  const redactor = useRedactor(tabId);
  const lens = useTabLens(tabId);
  const unrestored = useArchiveStore((s) => s.unrestored[tabId]);
  const scroller = useRef<HTMLDivElement>(null);
  // Where we last scrolled to ourselves, to tell our scrolls from the user's without reading layout.
  const programmaticTop = useRef(0);
  // A recording is read from its start; a live timeline follows what arrives.
  const [following, setFollowing] = useState(!readOnly);
  // In unscaled pixels: row i starts at i * ROW_HEIGHT.
  const [manualTop, setManualTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [narrow, setNarrow] = useState(false);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setHeight(element.clientHeight);
      // A class, not a container query: a query container re-runs style for every row on each streamed render.
      setNarrow(element.offsetWidth <= NARROW_WIDTH);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rowCount = snapshot.active ? snapshot.count : view.length;
  const geometry = scrollGeometry({ rowCount, rowHeight: ROW_HEIGHT, viewportHeight: height });
  // Derived, not measured: while following, the window is the last rows, so a flush renders once and never
  // forces a synchronous layout.
  const top = following ? geometry.virtualMax : Math.min(manualTop, geometry.virtualMax);
  const scrollTop = geometry.toScroll(top);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Our own scrolls (following, a reveal, arrow keys) land here; the user's already moved the element.
    if (Math.abs(element.scrollTop - scrollTop) <= 1) return;
    element.scrollTop = scrollTop;
    programmaticTop.current = scrollTop;
  }, [scrollTop]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const scrolled = element.scrollTop;
    // The event of a scroll we made: keep the exact unscaled position it came from.
    if (Math.abs(scrolled - programmaticTop.current) <= 1 && Math.abs(scrolled - scrollTop) <= 1) return;
    if (following) {
      // Less than a row off is the browser clamping our own scroll, not the user scrolling up.
      if (scrolled < programmaticTop.current - ROW_HEIGHT) {
        setFollowing(false);
        setManualTop(geometry.toVirtual(scrolled));
      }
      return;
    }
    if (scrolled >= geometry.scrollMax - ROW_HEIGHT / 2) setFollowing(true);
    else setManualTop(geometry.toVirtual(scrolled));
  };

  const jumpToLatest = () => setFollowing(true);

  const entryAt = (rank: number) => {
    if (!timeline) return undefined;
    if (!snapshot.active) return timeline.get(rank);
    const seq = search.seqAt(rank);
    return seq === undefined ? undefined : timeline.get(findIndexBySeq(timeline, seq));
  };

  /** Scrolls just enough to show the row at `rank`, or puts it in the middle of the view. */
  const showRank = (rank: number, options: { center: boolean }) => {
    const rowTop = rank * ROW_HEIGHT;
    let next = top;
    if (options.center) next = rowTop - (height - ROW_HEIGHT) / 2;
    else if (rowTop < top) next = rowTop;
    else if (rowTop + ROW_HEIGHT > top + height) next = rowTop + ROW_HEIGHT - height;
    next = Math.max(0, Math.min(geometry.virtualMax, next));
    if (next === top) return;
    setFollowing(false);
    setManualTop(next);
  };

  const lastReveal = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (reveal === null || reveal.token === lastReveal.current) return;
    if (snapshot.version <= reveal.afterVersion) return;
    const rank = search.rankOf(reveal.seq);
    if (search.seqAt(rank) !== reveal.seq) {
      // Not a match (yet): a search still running may reach it, a finished one will not.
      if (snapshot.complete) lastReveal.current = reveal.token;
      return;
    }
    lastReveal.current = reveal.token;
    showRank(rank, { center: true });
  });

  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - (following ? OVERSCAN_FOLLOWING : OVERSCAN));
  const last = Math.min(rowCount, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const rows: { row: TimelineRowModel; rank: number; decoding: RowDecoding | null }[] = [];
  const masking = redactor.secrets.length > 0;
  for (let rank = first; rank < last; rank++) {
    const entry = entryAt(rank);
    if (!entry) continue;
    const reveal = revealed.has(entry.seq);
    const decoded = lens ? lens.session.decodeEntry(entry) : null;
    let decoding = decoded ? rowDecoding(decoded) : null;
    // A decoded summary quotes the frame, so it hides the same secrets the raw preview does.
    if (decoding && masking && !reveal)
      decoding = { ...decoding, summary: redactor.redact(decoding.summary, 'mask').text };
    rows.push({ row: toRowModel(entry, { redactor, reveal, columns }), rank, decoding });
  }

  // With a scaled range the browser's own page keys would move by a page of scrollbar, skipping rows.
  const pageTarget = (key: string): number | null => {
    if (key === 'PageDown') return top + height - ROW_HEIGHT;
    if (key === 'PageUp') return top - height + ROW_HEIGHT;
    if (key === 'Home') return 0;
    if (key === 'End') return geometry.virtualMax;
    return null;
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = pageTarget(event.key);
    if (target !== null && geometry.spacer < rowCount * ROW_HEIGHT) {
      event.preventDefault();
      const next = Math.max(0, Math.min(geometry.virtualMax, target));
      if (next >= geometry.virtualMax) setFollowing(true);
      else {
        setFollowing(false);
        setManualTop(next);
      }
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    let current = -1;
    if (selectedSeq !== null) {
      current = search.rankOf(selectedSeq);
      // A selected row the filter hides: ArrowDown goes to the next match, so count from the one before.
      if (search.seqAt(current) !== selectedSeq && event.key === 'ArrowDown') current--;
    }
    const next = event.key === 'ArrowDown' ? Math.min(rowCount - 1, current + 1) : Math.max(0, current - 1);
    const seq = search.seqAt(next);
    if (seq === undefined) return;
    onSelect(seq);
    showRank(next, { center: false });
  };

  const filtered = snapshot.active && rowCount === 0 && view.length > 0;
  const fieldColumns =
    columns.length > 0
      ? // Fields grow to 120 px only while the preview keeps 120 px of its own.
        { '--field-columns': `repeat(${columns.length}, minmax(48px, 120px))`, '--preview-min': '120px' }
      : undefined;
  return (
    <div
      className={`timeline-list-wrap${columns.length > 0 ? ' with-field-columns' : ''}${narrow ? ' narrow' : ''}`}
      style={fieldColumns as CSSProperties | undefined}
    >
      {columns.length > 0 && (
        // The rows' grid, with the field names over their columns; the cells say their field to screen readers.
        <div className="timeline-row timeline-fields-header" aria-hidden="true">
          <span className="cell-direction" />
          <span className="cell-kind" />
          <span className="cell-clock" />
          <span className="cell-since" />
          <span className="cell-size" />
          {columns.map((name) => (
            <span key={name} className="cell-field" title={name}>
              {name}
            </span>
          ))}
          <span />
        </div>
      )}
      <div
        ref={scroller}
        className="timeline-list"
        role="log"
        aria-label="Timeline"
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        {filtered ? (
          <div className="timeline-empty">
            <p>{snapshot.complete ? 'No entries match' : 'Searching…'}</p>
            <p className="muted">
              {snapshot.complete
                ? `0 of ${view.length} entries match the filter.`
                : `No match yet among ${view.length} entries.`}
            </p>
          </div>
        ) : view.length === 0 ? (
          <div className="timeline-empty">
            {readOnly ? (
              <p>{unrestored ?? 'This recording holds no frames or events.'}</p>
            ) : (
              <>
                <p>Nothing here yet.</p>
                <p className="muted">
                  Connect, then send a message: every frame and lifecycle event appears here.
                </p>
              </>
            )}
          </div>
        ) : (
          <div className="timeline-spacer" style={{ height: geometry.spacer }}>
            {rows.map(({ row, rank, decoding }, i) => (
              <div
                // Never by seq: replacing nodes costs far more than updating their text. While following, by
                // position: a stream changes every row each render anyway, and a rotating key would make React
                // move nodes. While scrolling, by slot: a row scrolled by keeps its node and its text.
                key={following ? i : (first + i) % rows.length}
                className={`timeline-row tone-${row.tone}${row.seq === selectedSeq ? ' selected' : ''}${row.secrets ? ' has-secrets' : ''}`}
                // Relative to the scroll position, so the same formula holds when the range is scaled.
                style={{ transform: `translateY(${rank * ROW_HEIGHT - top + scrollTop}px)` }}
                onClick={() => onSelect(row.seq === selectedSeq ? null : row.seq)}
                aria-current={row.seq === selectedSeq ? true : undefined}
                data-seq={row.seq}
              >
                <span className="cell-direction" title={row.direction} aria-label={row.direction}>
                  {DIRECTION_ICONS[row.direction]}
                </span>
                <span className="cell-kind">{row.kind}</span>
                <span className="cell-clock">{row.clock}</span>
                <span className="cell-since">{row.sinceOpen}</span>
                <span className="cell-size">{row.size}</span>
                {row.direction !== 'Event' &&
                  columns.map((name, i) => (
                    <span
                      key={name}
                      className="cell-field"
                      title={row.fields[i] ? `${name}: ${row.fields[i]}` : name}
                    >
                      <span className="visually-hidden">{name}: </span>
                      {row.fields[i]}
                    </span>
                  ))}
                <span
                  className={`cell-preview${decoding ? ' decoded' : ''}`}
                  title={
                    decoding ? `${decoding.type}: ${decoding.summary}\n\nRaw: ${row.preview}` : row.preview
                  }
                  // Lifecycle rows have no fields: their summary takes the field columns too.
                  style={
                    row.direction === 'Event' && columns.length > 0
                      ? { gridColumn: `6 / span ${columns.length + 1}` }
                      : undefined
                  }
                >
                  {decoding ? (
                    <>
                      <span className={`lens-chip${decoding.error ? ' lens-error' : ''}`}>
                        {decoding.type}
                      </span>{' '}
                      <HighlightedText text={decoding.summary} pattern={pattern} />
                    </>
                  ) : (
                    <HighlightedText text={row.preview} pattern={pattern} />
                  )}
                </span>
                {row.secrets && (
                  <SecretToggle
                    compact
                    label="Show secrets in this row"
                    revealed={revealed.has(row.seq)}
                    onToggle={() => onToggleReveal(row.seq)}
                  />
                )}
              </div>
            ))}
          </div>
        )}
      </div>
      {!following && rowCount > 0 && top < geometry.virtualMax && (
        <button type="button" className="button small jump-latest" onClick={jumpToLatest}>
          {readOnly ? 'Jump to the end ↓' : 'Autoscroll paused · Jump to latest ↓'}
        </button>
      )}
    </div>
  );
}
