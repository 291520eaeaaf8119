import { lazy, Suspense, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useMenu } from '@/components/use-menu';
import type { TimelineExportFormat } from '@/core/timeline/timeline-export';
import { useSessionView } from '@/stores/sessions-store';
import { FORMATS, type FormatInfo, type MatchingEntries } from './export-formats';
import { ChevronDownIcon } from '@/components/icons';

// Loaded on first use: the export code is not needed to show a timeline.
const TimelineExportDialog = lazy(() => import('./timeline-export-dialog'));

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
        Export <ChevronDownIcon />
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
      {choice && (
        <Suspense fallback={null}>
          <TimelineExportDialog tabId={tabId} format={choice} matching={matching} onClose={onDialogClose} />
        </Suspense>
      )}
    </div>
  );
}
