import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { toRowModel, type TimelineRowModel } from '@/core/timeline/timeline-row-model';
import { useSessionView } from '@/stores/sessions-store';
import { findIndexBySeq } from '@/core/timeline/find-index-by-seq';
import { useRedactor } from '@/components/use-redactor';
import { SecretToggle } from './secret-toggle';
import { useTimeline } from './use-timeline';

const ROW_HEIGHT = 26;
const OVERSCAN = 8;
const DIRECTION_ICONS: Record<TimelineRowModel['direction'], string> = {
  Received: '↓',
  Sent: '↑',
  Event: '•',
};

interface TimelineListProps {
  tabId: string;
  /** A recorded timeline: nothing will arrive, so the empty state says so instead of suggesting Connect. */
  readOnly: boolean;
  selectedSeq: number | null;
  onSelect(seq: number | null): void;
  /** Rows shown with their secret values in plain text. */
  revealed: ReadonlySet<number>;
  onToggleReveal(seq: number): void;
}

/**
 * A virtualized list: only the rows in view are in the DOM, so 100,000 entries cost what 40 do. It follows
 * new entries until the user scrolls up, and resumes once they scroll back to the bottom.
 */
export function TimelineList({
  tabId,
  readOnly,
  selectedSeq,
  onSelect,
  revealed,
  onToggleReveal,
}: TimelineListProps) {
  const view = useSessionView(tabId);
  const timeline = useTimeline(tabId);
  const redactor = useRedactor(tabId);
  const scroller = useRef<HTMLDivElement>(null);
  // Where we last scrolled to ourselves, to tell our scrolls from the user's without reading layout.
  const programmaticTop = useRef(0);
  // A recording is read from its start; a live timeline follows what arrives.
  const [following, setFollowing] = useState(!readOnly);
  const [manualTop, setManualTop] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Derived, not measured: while following, the window is the last rows, so a flush renders once and never
  // forces a synchronous layout.
  const bottomTop = Math.max(0, view.length * ROW_HEIGHT - height);
  const top = following ? bottomTop : Math.min(manualTop, bottomTop);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!following || !element) return;
    element.scrollTop = bottomTop;
    programmaticTop.current = bottomTop;
  }, [following, bottomTop]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const scrolled = element.scrollTop;
    if (following) {
      // Less than a row off is the browser clamping our own scroll, not the user scrolling up.
      if (scrolled < programmaticTop.current - ROW_HEIGHT) {
        setFollowing(false);
        setManualTop(scrolled);
      }
      return;
    }
    if (scrolled >= bottomTop - ROW_HEIGHT / 2) setFollowing(true);
    else setManualTop(scrolled);
  };

  const jumpToLatest = () => setFollowing(true);

  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(view.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const rows: TimelineRowModel[] = [];
  for (let index = first; index < last; index++) {
    const entry = timeline?.get(index);
    if (entry) rows.push(toRowModel(entry, { redactor, reveal: revealed.has(entry.seq) }));
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    if (!timeline) return;
    const current = selectedSeq === null ? -1 : findIndexBySeq(timeline, selectedSeq);
    const next =
      event.key === 'ArrowDown' ? Math.min(view.length - 1, current + 1) : Math.max(0, current - 1);
    const entry = timeline.get(next);
    if (!entry) return;
    onSelect(entry.seq);
    const element = scroller.current;
    if (!element) return;
    const top = next * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  };

  return (
    <div className="timeline-list-wrap">
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
        {view.length === 0 ? (
          <div className="timeline-empty">
            {readOnly ? (
              <p>This recording holds no frames or events.</p>
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
          <div className="timeline-spacer" style={{ height: view.length * ROW_HEIGHT }}>
            {rows.map((row, i) => (
              <div
                // Keyed by slot, not by seq: during a stream every visible row changes each frame, and
                // updating text in place is far cheaper than replacing the nodes.
                key={(first + i) % rows.length}
                className={`timeline-row tone-${row.tone}${row.seq === selectedSeq ? ' selected' : ''}${row.secrets ? ' has-secrets' : ''}`}
                style={{ transform: `translateY(${(first + i) * ROW_HEIGHT}px)` }}
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
                <span className="cell-preview" title={row.preview}>
                  {row.preview}
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
      {!following && view.length > 0 && top < bottomTop && (
        <button type="button" className="button small jump-latest" onClick={jumpToLatest}>
          {readOnly ? 'Jump to the end ↓' : 'Autoscroll paused · Jump to latest ↓'}
        </button>
      )}
    </div>
  );
}
