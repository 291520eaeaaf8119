import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { toRowModel, type TimelineRowModel } from '@/core/timeline/timeline-row-model';
import { getTimeline } from '@/runtime/session-runtime';
import { useSessionView } from '@/stores/sessions-store';
import { findIndexBySeq } from '@/core/timeline/find-index-by-seq';

const ROW_HEIGHT = 26;
const OVERSCAN = 8;
const DIRECTION_ICONS: Record<TimelineRowModel['direction'], string> = {
  Received: '↓',
  Sent: '↑',
  Event: '•',
};

interface TimelineListProps {
  tabId: string;
  selectedSeq: number | null;
  onSelect(seq: number | null): void;
}

/**
 * A virtualized list: only the rows in view are in the DOM, so 100,000 entries cost what 40 do. It follows
 * new entries until the user scrolls up, and resumes once they scroll back to the bottom.
 */
export function TimelineList({ tabId, selectedSeq, onSelect }: TimelineListProps) {
  const view = useSessionView(tabId);
  const timeline = getTimeline(tabId);
  const scroller = useRef<HTMLDivElement>(null);
  const programmaticTop = useRef(0);
  const [following, setFollowing] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scrollToBottom = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    programmaticTop.current = element.scrollTop;
    setScrollTop(element.scrollTop);
  }, []);

  // view.revision changes once per flush: that is when new rows may need following.
  useLayoutEffect(() => {
    if (following) scrollToBottom();
  }, [following, view.revision, view.length, scrollToBottom]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    setScrollTop(element.scrollTop);
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < ROW_HEIGHT;
    if (atBottom) setFollowing(true);
    else if (element.scrollTop < programmaticTop.current - 1) setFollowing(false);
    programmaticTop.current = Math.min(programmaticTop.current, element.scrollTop);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(view.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows: TimelineRowModel[] = [];
  for (let index = first; index < last; index++) {
    const entry = timeline.get(index);
    if (entry) rows.push(toRowModel(entry));
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
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
            <p>Nothing here yet.</p>
            <p className="muted">
              Connect, then send a message: every frame and lifecycle event appears here.
            </p>
          </div>
        ) : (
          <div className="timeline-spacer" style={{ height: view.length * ROW_HEIGHT }}>
            {rows.map((row, i) => (
              <div
                key={row.seq}
                className={`timeline-row tone-${row.tone}${row.seq === selectedSeq ? ' selected' : ''}`}
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
              </div>
            ))}
          </div>
        )}
      </div>
      {!following && view.length > 0 && (
        <button
          type="button"
          className="button small jump-latest"
          onClick={() => {
            setFollowing(true);
            scrollToBottom();
          }}
        >
          Autoscroll paused · Jump to latest ↓
        </button>
      )}
    </div>
  );
}
