import { useState } from 'react';
import { formatBytes } from '@/core/shared/format';
import { clearTimeline } from '@/runtime/session-runtime';
import { useArchiveStore } from '@/stores/archive-store';
import { useSessionView } from '@/stores/sessions-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { DetailPane } from './detail-pane';
import { ExportMenu } from './export-menu';
import { TimelineList } from './timeline-list';
import { RateMeter } from './rate-meter';

/**
 * Counters, the virtualized timeline of the tab's session and the detail of the selected row. `readOnly` is for
 * recorded timelines: nothing that sends or changes the entries is offered.
 */
export function TimelinePanel({ tabId, readOnly = false }: { tabId: string; readOnly?: boolean }) {
  const view = useSessionView(tabId);
  const cap = useWorkspaceStore((s) => s.workspace.settings.timelineCap);
  // With History off, what the cap drops is gone for good, and the notice says so.
  const archiveOff = useArchiveStore((s) => s.off);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  // Rows whose secrets the user chose to see; screen state only, gone with the tab.
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(() => new Set());
  const toggleReveal = (seq: number) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  return (
    <section className="timeline-panel" aria-label="Timeline panel">
      <div className="panel-header counters">
        <span className="counter">
          <span className="counter-label">Received</span>
          <output aria-label="Received messages" aria-live="off">
            {view.stats.received}
          </output>
          <span className="muted">{formatBytes(view.stats.receivedBytes)}</span>
        </span>
        <span className="counter">
          <span className="counter-label">Sent</span>
          <output aria-label="Sent messages" aria-live="off">
            {view.stats.sent}
          </output>
          <span className="muted">{formatBytes(view.stats.sentBytes)}</span>
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
              {view.dropped.toLocaleString('en-US')} oldest entries dropped (keeping{' '}
              {cap.toLocaleString('en-US')})
            </span>
          ))}
        <ExportMenu tabId={tabId} />
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
      <TimelineList
        tabId={tabId}
        readOnly={readOnly}
        selectedSeq={selectedSeq}
        onSelect={setSelectedSeq}
        revealed={revealed}
        onToggleReveal={toggleReveal}
      />
      <DetailPane
        tabId={tabId}
        readOnly={readOnly}
        seq={selectedSeq}
        onClose={() => setSelectedSeq(null)}
        revealed={selectedSeq !== null && revealed.has(selectedSeq)}
        onToggleReveal={() => selectedSeq !== null && toggleReveal(selectedSeq)}
      />
    </section>
  );
}
