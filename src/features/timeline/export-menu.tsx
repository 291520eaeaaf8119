import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { version } from '@/../package.json';
import { downloadText } from '@/adapters/files';
import { ModalDialog } from '@/components/modal-dialog';
import { useMenu } from '@/components/use-menu';
import type { SessionEvent } from '@/core/session/session-events';
import { prepareExport, timelineFile, type TimelineExportFormat } from '@/core/timeline/timeline-export';
import { parseProtocolList } from '@/core/workspace/workspace';
import { redactorForTab } from '@/runtime/session-secrets';
import { getTimelineEvents } from '@/runtime/session-runtime';
import { useSessionView } from '@/stores/sessions-store';
import { useTabsStore } from '@/stores/tabs-store';
import { exportFileName } from './export-file-name';

interface FormatInfo {
  label: string;
  description: string;
  extension: string;
  mimeType: string;
}

const FORMATS: Record<TimelineExportFormat, FormatInfo> = {
  ndjson: {
    label: 'NDJSON',
    description: 'Every entry, one JSON object per line',
    extension: 'ndjson',
    mimeType: 'application/x-ndjson',
  },
  har: {
    label: 'HAR',
    description: 'Messages as Chrome DevTools saves them',
    extension: 'har',
    mimeType: 'application/json',
  },
};

/** The timeline filter's matches, when a filter is set: the dialog offers to export only them. */
export interface MatchingEntries {
  count: number;
  /** Whether every entry has been tested: until then the matches are not all known. */
  complete: boolean;
  events(): SessionEvent[];
}

/** "Export" in the timeline's toolbar: a format, then a dialog that says what the file will hold. */
export function ExportMenu({ tabId, matching }: { tabId: string; matching: MatchingEntries | null }) {
  const view = useSessionView(tabId);
  const { open, setOpen, container, button, menu, onMenuKeyDown } = useMenu();
  const [choice, setChoice] = useState<TimelineExportFormat | null>(null);
  const id = useId();
  const empty = view.length === 0;
  // Open only while there is something to export: a Clear may empty the timeline under it. Closing (not just
  // hiding) keeps the menu from springing open again when the next entry arrives.
  const shown = open && !empty;
  if (open && empty) setOpen(false);

  const onChoose = (format: TimelineExportFormat) => {
    setOpen(false);
    setChoice(format);
  };

  // Focus goes back to Export once the dialog is gone: while a modal is open, the rest of the page is inert.
  const returnFocus = useRef(false);
  useEffect(() => {
    if (choice !== null || !returnFocus.current) return;
    returnFocus.current = false;
    button.current?.focus();
  }, [choice, button]);

  const onDialogClose = () => {
    returnFocus.current = true;
    setChoice(null);
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
            {(Object.entries(FORMATS) as [TimelineExportFormat, FormatInfo][]).map(
              ([format, { label, description }]) => (
                <button
                  key={format}
                  type="button"
                  role="menuitem"
                  className="export-item"
                  tabIndex={-1}
                  aria-describedby={`${id}-${format}`}
                  onClick={() => onChoose(format)}
                >
                  <span className="export-format">{label}</span>
                  {/* Hidden from the name, which stays the format alone; read out as the item's description. */}
                  <span className="muted" id={`${id}-${format}`} aria-hidden="true">
                    {description}
                  </span>
                </button>
              ),
            )}
          </div>
          {view.dropped > 0 && (
            <p className="hint export-note">
              Exports the {count} entries kept; the {view.dropped.toLocaleString('en-US')} older ones were
              dropped by the timeline limit and are not in the file.
            </p>
          )}
        </div>
      )}
      {choice && <ExportDialog tabId={tabId} format={choice} matching={matching} onClose={onDialogClose} />}
    </div>
  );
}

/**
 * One export's dialog: what the file holds, whether the timeline holds secret values (written as `{{name}}`),
 * and the choice to include them, which warns before Download. The entries are taken when it opens, so the
 * file is exactly what the dialog describes even while a stream goes on.
 */
function ExportDialog({
  tabId,
  format,
  matching,
  onClose,
}: {
  tabId: string;
  format: TimelineExportFormat;
  matching: MatchingEntries | null;
  onClose(): void;
}) {
  const tab = useTabsStore((s) => s.tabs.find((t) => t.id === tabId));
  const id = useId();
  // Both sets are taken now; the matching one only when the search has tested every entry.
  const [snapshot] = useState(() => {
    const redactor = redactorForTab(tabId);
    return {
      redactor,
      all: prepareExport(getTimelineEvents(tabId), redactor),
      matching: matching?.complete ? prepareExport(matching.events(), redactor) : null,
    };
  });
  const [matchingOffered] = useState(matching !== null);
  const [onlyMatching, setOnlyMatching] = useState(false);
  const liveDropped = useSessionView(tabId).dropped;
  const [dropped] = useState(liveDropped);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const { label, description, extension, mimeType } = FORMATS[format];
  const { redactor } = snapshot;
  const prepared = onlyMatching && snapshot.matching ? snapshot.matching : snapshot.all;
  const entries = prepared.original.length;
  const withSecrets = prepared.withSecrets;
  const plural = (n: number, one: string, many: string) =>
    `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

  const onDownload = () => {
    const { text, url } = timelineFile(prepared, {
      format,
      includeSecrets: includeSecrets && withSecrets > 0,
      redactor,
      fallback: { url: tab?.url ?? '', protocols: parseProtocolList(tab?.protocolsText ?? '') },
      creator: { name: 'Frameline', version },
    });
    downloadText(text, exportFileName(url, new Date(), extension), mimeType);
    onClose();
  };

  return (
    <ModalDialog
      label={`Export timeline as ${label}`}
      className="small-dialog export-dialog"
      onClose={onClose}
    >
      <h2>Export timeline as {label}</h2>
      <p className="hint">
        {description}.{' '}
        {onlyMatching
          ? `The file holds the ${plural(entries, 'entry', 'entries')} matching the timeline filter.`
          : `The file holds the ${plural(entries, 'entry', 'entries')} kept in this tab.`}
      </p>
      {matchingOffered && (
        <div>
          <label className="check-row">
            <input
              type="checkbox"
              checked={onlyMatching}
              disabled={snapshot.matching === null}
              aria-describedby={`${id}-matching`}
              onChange={(event) => setOnlyMatching(event.target.checked)}
            />
            Export matching entries
          </label>
          <p className="hint" id={`${id}-matching`}>
            {snapshot.matching === null
              ? 'The filter was still searching when this opened: try again once the count settles.'
              : `Only the ${plural(snapshot.matching.original.length, 'entry', 'entries')} the filter shows, instead of all ${snapshot.all.original.length.toLocaleString('en-US')}.`}
          </p>
        </div>
      )}
      {dropped > 0 && (
        <p className="hint">
          The {dropped.toLocaleString('en-US')} older ones were dropped by the timeline limit and are not in
          the file.
        </p>
      )}
      {withSecrets > 0 ? (
        <div className="export-secrets">
          <p id={`${id}-secrets`}>
            {withSecrets === entries
              ? `${entries === 1 ? 'The entry contains' : 'Every entry contains'} secret values.`
              : `${plural(withSecrets, 'entry contains', 'entries contain')} secret values.`}{' '}
            The file writes each one as <code>{'{{name}}'}</code>, the variable it came from.
          </p>
          <label className="check-row">
            <input
              type="checkbox"
              checked={includeSecrets}
              aria-describedby={`${id}-secrets`}
              onChange={(event) => setIncludeSecrets(event.target.checked)}
            />
            Include secret values
          </label>
          {includeSecrets && (
            <p className="export-warning" role="alert">
              The file will contain the secret values in plain text. Anyone who gets the file can use them.
            </p>
          )}
        </div>
      ) : (
        <p className="muted">No secret values appear in these entries.</p>
      )}
      <footer className="dialog-footer">
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button primary" onClick={onDownload}>
          Download
        </button>
      </footer>
    </ModalDialog>
  );
}
