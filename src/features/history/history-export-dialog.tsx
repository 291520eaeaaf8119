import { useMemo, useState } from 'react';
import { version } from '@/../package.json';
import { downloadText } from '@/adapters/files';
import { ModalDialog } from '@/components/modal-dialog';
import { SecretValuesChoice } from '@/components/secret-values-choice';
import { sessionLabel, type ArchivedSession } from '@/core/archive/archived-session';
import { prepareExport, timelineFile, type TimelineExportFormat } from '@/core/timeline/timeline-export';
import { createRedactor } from '@/core/template/secret-redaction';
import { redactorForTab, workspaceSecrets } from '@/runtime/session-secrets';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { useArchivedEvents } from './use-history';

const FORMATS: Record<TimelineExportFormat, { label: string; extension: string; mimeType: string }> = {
  ndjson: { label: 'NDJSON', extension: 'ndjson', mimeType: 'application/x-ndjson' },
  har: { label: 'HAR', extension: 'har', mimeType: 'application/json' },
};

/**
 * Exports an archived session as the timeline's own export does: every secret value the workspace holds now is
 * written as `{{name}}` unless the user includes secret values, with the same warning. The archive keeps events
 * as they happened, so masking happens here, on the way out.
 */
export function HistoryExportDialog({
  session,
  format,
  onClose,
}: {
  session: ArchivedSession;
  format: TimelineExportFormat;
  onClose(): void;
}) {
  const events = useArchivedEvents(session.id);
  const environments = useWorkspaceStore((s) => s.workspace.environments);
  const collections = useWorkspaceStore((s) => s.workspace.collections);
  const tabOpen = useTabsStore((s) => s.tabs.some((t) => t.id === session.tabId));
  // The workspace's secrets now; while its tab is open, also every secret value that tab's session sent (which
  // stays masked after it was changed or deleted in its environment).
  const redactor = useMemo(
    () =>
      tabOpen && session.tabId
        ? redactorForTab(session.tabId)
        : createRedactor(workspaceSecrets({ environments, collections })),
    [tabOpen, session.tabId, environments, collections],
  );
  const prepared = useMemo(
    () => (events.data ? prepareExport(events.data, redactor) : null),
    [events.data, redactor],
  );
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const { label, extension, mimeType } = FORMATS[format];
  const name = redactor.redact(sessionLabel(session), 'mask').text;

  const onDownload = () => {
    if (!prepared) return;
    const { text } = timelineFile(prepared, {
      format,
      includeSecrets: includeSecrets && prepared.withSecrets > 0,
      redactor,
      fallback: { url: session.url, protocols: session.protocols },
      creator: { name: 'Frameline', version },
    });
    downloadText(text, exportName(session, extension), mimeType);
    onClose();
  };

  const entries = prepared?.original.length ?? 0;
  const withSecrets = prepared?.withSecrets ?? 0;
  const plural = (n: number, one: string, many: string) =>
    `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

  return (
    <ModalDialog
      label={`Export session as ${label}`}
      className="small-dialog export-dialog"
      onClose={onClose}
    >
      <h2>Export session as {label}</h2>
      <p className="hint history-export-name">
        “{name}”:{' '}
        {events.isPending ? 'reading its entries…' : `${plural(entries, 'entry', 'entries')} from History.`}
      </p>
      {events.isError && (
        <p className="field-error" role="alert">
          The session could not be read: {events.error.message}.
        </p>
      )}
      {prepared && (
        <SecretValuesChoice
          entries={prepared.original.length}
          withSecrets={withSecrets}
          included={includeSecrets}
          onIncludedChange={setIncludeSecrets}
        />
      )}
      <footer className="dialog-footer">
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={!prepared} onClick={onDownload}>
          Download
        </button>
      </footer>
    </ModalDialog>
  );
}

/** `frameline-<host>-<start>.<ext>`: named after when the session started, not when it was exported. */
function exportName(session: ArchivedSession, extension: string): string {
  let host = '';
  try {
    host = new URL(session.url).host.replace(/[^a-z0-9.]+/gi, '-');
  } catch {
    // No usable address (a recording without one): the name says "session".
  }
  const at = new Date(session.startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `frameline-${host || 'session'}-${stamp}.${extension}`;
}
