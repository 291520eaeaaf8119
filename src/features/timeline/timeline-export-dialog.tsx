import { useId, useState } from 'react';
import { version } from '@/../package.json';
import { downloadText } from '@/adapters/files';
import { ModalDialog } from '@/components/modal-dialog';
import { SecretValuesChoice } from '@/components/secret-values-choice';
import { prepareExport, timelineFile, type TimelineExportFormat } from '@/core/timeline/timeline-export';
import { parseProtocolList } from '@/core/workspace/workspace';
import { redactorForTab } from '@/runtime/session-secrets';
import { getTimelineEvents } from '@/runtime/session-runtime';
import { useSessionView } from '@/stores/sessions-store';
import { useArchiveStore } from '@/stores/archive-store';
import { useTabsStore } from '@/stores/tabs-store';
import { exportFileName } from './export-file-name';
import { FORMATS, type MatchingEntries } from './export-formats';

/**
 * One export's dialog: what the file holds, whether the timeline holds secret values (written as `{{name}}`),
 * and the choice to include them, which warns before Download. The entries are taken when it opens, so the
 * file is exactly what the dialog describes even while a stream goes on.
 */
export default function TimelineExportDialog({
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
  const historyOn = useArchiveStore((s) => s.off === null);
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
          the file.{historyOn && ' History keeps them: export the session from there to get all of it.'}
        </p>
      )}
      <SecretValuesChoice
        entries={entries}
        withSecrets={withSecrets}
        included={includeSecrets}
        onIncludedChange={setIncludeSecrets}
      />
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
