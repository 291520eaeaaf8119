import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatBytes } from '@/core/shared/format';
import { NO_FILTER, type TimelineFilterSettings } from '@/core/timeline/timeline-filter';
import type { SessionEvent } from '@/core/session/session-events';
import { clearTimeline } from '@/runtime/session-runtime';
import { useArchiveStore } from '@/stores/archive-store';
import { useSessionView } from '@/stores/sessions-store';
import { useRowColumns } from '@/stores/row-columns-store';
import { useScenarioRunsStore } from '@/stores/scenario-runs-store';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { DetailPane } from './detail-pane';
import { DetailSplit } from './detail-split';
import { ExportMenu } from './export-menu';
import { FilterBar } from './filter-bar';
import { TimelineList, type RevealRequest } from './timeline-list';
import { RateMeter } from './rate-meter';
import { useTimelineSearch } from './use-timeline-search';
import { findIndexBySeq } from '@/core/timeline/find-index-by-seq';
import { DEFAULT_TIMELINE_MAX_BYTES } from '@/core/timeline/timeline';
import { takesText } from '@/adapters/keyboard-shortcuts';
import { useShortcut } from '@/components/use-shortcut';

/**
 * Counters, the virtualized timeline of the tab's session and the detail of the selected row. `readOnly` is for
 * recorded timelines: nothing that sends or changes the entries is offered.
 */
export function TimelinePanel({ tabId, readOnly = false }: { tabId: string; readOnly?: boolean }) {
  const view = useSessionView(tabId);
  // Columns are picked per saved connection; a tab not saved as one keeps its own.
  const connectionKey = useTabsStore((s) => s.tabs.find((t) => t.id === tabId)?.connectionId) ?? tabId;
  const columns = useRowColumns(connectionKey);
  // Counters are per connection; once automatic reconnects made more than one, the tab's total shows beside.
  const reconnected = view.totals.connections > 1;
  const cap = useWorkspaceStore((s) => s.workspace.settings.timelineCap);
  // With History off, what the cap drops is gone for good, and the notice says so.
  const archiveOff = useArchiveStore((s) => s.off);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  // Rows whose secrets the user chose to see; screen state only, gone with the tab.
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(() => new Set());
  const [filterSettings, setFilterSettings] = useState<TimelineFilterSettings>(NO_FILTER);
  const { search, snapshot, filter, timeline } = useTimelineSearch(tabId, filterSettings);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const [pendingStep, setPendingStep] = useState<'next' | 'previous' | null>(null);
  const panel = useRef<HTMLElement>(null);
  // The row the pane showed last, so the toggle shortcut brings it back.
  const lastSelected = useRef<number | null>(null);
  useEffect(() => {
    if (selectedSeq !== null) lastSelected.current = selectedSeq;
  }, [selectedSeq]);

  // Next and Previous walk the matches from the selected row, wrapping around at either end.
  const step = (direction: 'next' | 'previous') => {
    const count = snapshot.count;
    if (count === 0) {
      // Enter pressed right after typing, before the search reached a match: go there once it does.
      if (!snapshot.complete) setPendingStep(direction);
      return;
    }
    let rank: number;
    if (selectedSeq === null) rank = direction === 'next' ? 0 : count - 1;
    else {
      const at = search.rankOf(selectedSeq);
      const onMatch = search.seqAt(at) === selectedSeq;
      rank = direction === 'next' ? (onMatch ? at + 1 : at) : at - 1;
    }
    if (rank >= count) rank = 0;
    if (rank < 0) rank = count - 1;
    const seq = search.seqAt(rank);
    if (seq !== undefined) showSeq(seq);
  };

  // Selects a row and brings it into view: a match, a related message's "Show request", a scenario step.
  function showSeq(seq: number) {
    setSelectedSeq(seq);
    setReveal((current) => ({ seq, token: (current?.token ?? 0) + 1, afterVersion: -1 }));
  }

  // A scenario step's "Show in timeline".
  const focus = useScenarioRunsStore((s) => (s.focus?.tabId === tabId ? s.focus : null));
  useEffect(() => {
    if (focus) showSeq(focus.seq);
  }, [focus]);

  // Adjusted while rendering, as React advises for state that follows other state: no extra commit.
  if (pendingStep !== null && (snapshot.count > 0 || snapshot.complete)) {
    setPendingStep(null);
    if (snapshot.count > 0) step(pendingStep);
  }

  // A changed filter keeps the selected row in view once the new search has placed it.
  const changeFilter = (next: TimelineFilterSettings) => {
    setFilterSettings(next);
    if (selectedSeq === null) return;
    const seq = selectedSeq;
    setReveal((current) => ({ seq, token: (current?.token ?? 0) + 1, afterVersion: snapshot.version }));
  };

  const focusFilter = () => {
    filterInput.current?.focus();
    filterInput.current?.select();
  };
  useShortcut('focus-filter', focusFilter);

  const closeDetail = () => {
    const detail = panel.current?.querySelector('.detail-pane');
    setSelectedSeq(null);
    // Focus inside the pane would be lost with its content: the timeline is where the user was reading.
    if (detail?.contains(document.activeElement))
      panel.current?.querySelector<HTMLElement>('.timeline-list')?.focus();
  };
  useShortcut('toggle-detail', () => {
    if (selectedSeq !== null) {
      closeDetail();
      return;
    }
    const last = lastSelected.current;
    const kept = last !== null && timeline !== null && findIndexBySeq(timeline, last) >= 0;
    const seq = kept ? last : search.seqAt(snapshot.count - 1);
    if (seq !== undefined) setSelectedSeq(seq);
  });

  const onPanelKeyDown = (event: KeyboardEvent) => {
    // Escape in a field belongs to the field (cancel a name, leave the filter as it is).
    if (event.key === 'Escape' && selectedSeq !== null && !event.defaultPrevented) {
      if (takesText(event.target)) return;
      event.preventDefault();
      closeDetail();
      return;
    }
    // The rows are virtual, so the browser's own find cannot see them: Ctrl/Cmd+F in the panel opens ours.
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f') return;
    event.preventDefault();
    focusFilter();
  };

  // Read when the export dialog opens: the matches as they are then, oldest first.
  const matchingEvents = (): SessionEvent[] => {
    const events: SessionEvent[] = [];
    if (!timeline) return events;
    for (let rank = 0; rank < snapshot.count; rank++) {
      const seq = search.seqAt(rank);
      const entry = seq === undefined ? undefined : timeline.get(findIndexBySeq(timeline, seq));
      if (entry) events.push(entry.event);
    }
    return events;
  };
  const toggleReveal = (seq: number) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  return (
    <section ref={panel} className="timeline-panel" aria-label="Timeline panel" onKeyDown={onPanelKeyDown}>
      <div className="panel-header counters">
        <span className="counter">
          <span className="counter-label">Received</span>
          <output aria-label="Received messages" aria-live="off">
            {view.stats.received}
          </output>
          <span className="muted">{formatBytes(view.stats.receivedBytes)}</span>
          {reconnected && (
            <SessionTotal
              label="Received messages in total"
              count={view.totals.received}
              bytes={view.totals.receivedBytes}
            />
          )}
        </span>
        <span className="counter">
          <span className="counter-label">Sent</span>
          <output aria-label="Sent messages" aria-live="off">
            {view.stats.sent}
          </output>
          <span className="muted">{formatBytes(view.stats.sentBytes)}</span>
          {reconnected && (
            <SessionTotal
              label="Sent messages in total"
              count={view.totals.sent}
              bytes={view.totals.sentBytes}
            />
          )}
        </span>
        {/* A recording does not move: a rate would always read 0. */}
        {!readOnly && <RateMeter tabId={tabId} />}
        <span className="spacer" />
        {view.dropped > 0 &&
          (archiveOff === null ? (
            <span className="warning-text" role="status">
              {view.dropped.toLocaleString('en-US')} older entries are no longer in memory; they are kept in
              History
            </span>
          ) : (
            <span className="warning-text" role="status">
              {view.dropped.toLocaleString('en-US')} oldest entries dropped (memory keeps{' '}
              {cap.toLocaleString('en-US')} entries or {formatBytes(DEFAULT_TIMELINE_MAX_BYTES)})
            </span>
          ))}
        <ExportMenu
          tabId={tabId}
          matching={
            snapshot.active
              ? { count: snapshot.count, complete: snapshot.complete, events: matchingEvents }
              : null
          }
        />
        {!readOnly && (
          <button
            type="button"
            className="button small"
            disabled={view.length === 0}
            onClick={() => {
              clearTimeline(tabId);
              setSelectedSeq(null);
              setRevealed(new Set());
            }}
          >
            Clear
          </button>
        )}
      </div>
      <FilterBar
        settings={filterSettings}
        onChange={changeFilter}
        filter={filter}
        snapshot={snapshot}
        total={view.length}
        onStep={step}
        inputRef={filterInput}
        connectionKey={connectionKey}
      />
      <DetailSplit
        list={
          <TimelineList
            tabId={tabId}
            readOnly={readOnly}
            selectedSeq={selectedSeq}
            onSelect={setSelectedSeq}
            revealed={revealed}
            onToggleReveal={toggleReveal}
            search={search}
            snapshot={snapshot}
            pattern={filter.pattern}
            reveal={reveal}
            columns={columns}
          />
        }
        detail={
          <DetailPane
            pattern={filter.pattern}
            tabId={tabId}
            readOnly={readOnly}
            seq={selectedSeq}
            onClose={closeDetail}
            revealed={selectedSeq !== null && revealed.has(selectedSeq)}
            onToggleReveal={() => selectedSeq !== null && toggleReveal(selectedSeq)}
            onShowSeq={showSeq}
          />
        }
      />
    </section>
  );
}

/** The tab's count since Connect, across automatic reconnects. */
function SessionTotal({ label, count, bytes }: { label: string; count: number; bytes: number }) {
  return (
    <span className="counter-total" title="Since Connect, across automatic reconnects">
      <span className="muted">· total</span>
      <output aria-label={label} aria-live="off">
        {count}
      </output>
      <span className="muted">{formatBytes(bytes)}</span>
    </span>
  );
}
