import { useId, type RefObject } from 'react';
import { version } from '@/../package.json';
import { downloadText } from '@/adapters/files';
import { useMenu } from '@/components/use-menu';
import type { SessionEvent } from '@/core/session/session-events';
import { timelineToHar, timelineToNdjson } from '@/core/timeline/timeline-export';
import { parseProtocolList } from '@/core/workspace/workspace';
import { getTimelineEvents } from '@/runtime/session-runtime';
import { useSessionView } from '@/stores/sessions-store';
import { useTabsStore } from '@/stores/tabs-store';
import { exportFileName } from './export-file-name';

type ExportFormat = 'ndjson' | 'har';

const FORMATS: { format: ExportFormat; label: string; description: string }[] = [
  { format: 'ndjson', label: 'NDJSON', description: 'Every entry, one JSON object per line' },
  { format: 'har', label: 'HAR', description: 'Messages as Chrome DevTools saves them' },
];

/** "Export" in the timeline's toolbar: downloads the kept entries as NDJSON or HAR. */
export function ExportMenu({ tabId }: { tabId: string }) {
  const view = useSessionView(tabId);
  const tab = useTabsStore((s) => s.tabs.find((t) => t.id === tabId));
  const { open, setOpen, close, container, button, menu, onMenuKeyDown } = useMenu();
  const id = useId();
  const empty = view.length === 0;
  // Open only while there is something to export: a Clear may empty the timeline under it. Closing (not just
  // hiding) keeps the menu from springing open again when the next entry arrives.
  const shown = open && !empty;
  if (open && empty) setOpen(false);

  const onExport = (format: ExportFormat) => {
    const events = getTimelineEvents(tabId);
    const target = connectionOf(events, { url: tab?.url ?? '', protocolsText: tab?.protocolsText ?? '' });
    const at = new Date();
    if (format === 'ndjson') {
      downloadText(
        timelineToNdjson(events),
        exportFileName(target.url, at, 'ndjson'),
        'application/x-ndjson',
      );
    } else {
      const har = timelineToHar(events, { ...target, creator: { name: 'Frameline', version } });
      downloadText(har, exportFileName(target.url, at, 'har'), 'application/json');
    }
    close();
  };

  const count = view.length.toLocaleString('en-US');
  return (
    <div ref={container} className="export-menu">
      <button
        ref={button}
        type="button"
        className="button small"
        aria-haspopup="menu"
        aria-expanded={shown}
        aria-controls={shown ? `${id}-menu` : undefined}
        // aria-disabled rather than disabled: the reason stays readable on hover and to keyboard users.
        aria-disabled={empty || undefined}
        title={
          empty
            ? 'Nothing to export yet: the timeline is empty'
            : `Download the ${count} timeline ${view.length === 1 ? 'entry' : 'entries'} as a file`
        }
        onClick={() => !empty && setOpen(!shown)}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      {shown && (
        <div className="popover export-popover">
          <div
            ref={menu as RefObject<HTMLDivElement>}
            id={`${id}-menu`}
            className="export-items"
            role="menu"
            aria-label="Export timeline"
            onKeyDown={onMenuKeyDown}
          >
            {FORMATS.map(({ format, label, description }) => (
              <button
                key={format}
                type="button"
                role="menuitem"
                className="export-item"
                tabIndex={-1}
                aria-describedby={`${id}-${format}`}
                onClick={() => onExport(format)}
              >
                <span className="export-format">{label}</span>
                {/* Hidden from the name, which stays the format alone; read out as the item's description. */}
                <span className="muted" id={`${id}-${format}`} aria-hidden="true">
                  {description}
                </span>
              </button>
            ))}
          </div>
          {view.dropped > 0 && (
            <p className="hint export-note">
              Exports the {count} entries kept; the {view.dropped.toLocaleString('en-US')} older ones were
              dropped by the timeline limit and are not in the file.
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The address and offered subprotocols the export describes: the first connect the kept entries show, since that
 * is what their socket really used (variables expanded). The tab's own fields stand in when it was dropped.
 */
function connectionOf(
  events: readonly SessionEvent[],
  fallback: { url: string; protocolsText: string },
): { url: string; protocols: string[] } {
  for (const event of events) {
    if (event.kind === 'connecting') return { url: event.url, protocols: [...event.protocols] };
  }
  return { url: fallback.url, protocols: parseProtocolList(fallback.protocolsText) };
}
