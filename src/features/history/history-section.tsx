import { QueryBoundary } from '@/components/query-boundary';
import { useMemo, useState } from 'react';
import './history-section.css';
import { ActionMenu } from '@/components/action-menu';
import { InlineRename } from '@/components/inline-rename';
import { archiveSize } from '@/core/archive/archive-limits';
import { sessionDuration, sessionLabel, type ArchivedSession } from '@/core/archive/archived-session';
import { formatBytes, formatDuration } from '@/core/shared/format';
import { createRedactor, type Redactor } from '@/core/template/secret-redaction';
import type { TimelineExportFormat } from '@/core/timeline/timeline-export';
import {
  deleteArchivedSession,
  openArchivedSession,
  renameArchivedSession,
} from '@/runtime/commands/archive-commands';
import { workspaceSecrets } from '@/runtime/session-secrets';
import { useArchiveStore } from '@/stores/archive-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { HistoryExportDialog } from './history-export-dialog';
import { useArchivedSessions, useStorageEstimate } from './use-history';

const PAGE = 50;

/** The sidebar's History: every archived session, newest first, with what the archive and the browser store. */
export function HistorySection() {
  return (
    <QueryBoundary>
      <History />
    </QueryBoundary>
  );
}

function History() {
  const off = useArchiveStore((s) => s.off);
  const notice = useArchiveStore((s) => s.notice);
  const sessions = useArchivedSessions();
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState<{
    session: ArchivedSession;
    format: TimelineExportFormat;
  } | null>(null);
  const redactor = useWorkspaceRedactor();
  // A sidebar cannot hold 500 rows usefully: the newest come first, older ones on request.
  const [shown, setShown] = useState(PAGE);
  const reason = off ?? (sessions.isError ? sessions.error.message : null);

  return (
    <div className="sidebar-section history-section">
      <div className="section-header">
        <h2 className="section-title">History</h2>
      </div>
      {reason !== null ? (
        <p className="warning-text empty-hint" role="status">
          History is off: {reason}. Timelines still work, but they are not kept after a reload.
        </p>
      ) : (
        <>
          <StorageLine sessions={sessions.data ?? []} />
          {(problem ?? notice) && (
            <p className="muted empty-hint history-notice" role="status">
              {problem ?? notice}
            </p>
          )}
          {sessions.data && sessions.data.length === 0 ? (
            <p className="muted empty-hint">No sessions yet. Every connection you open is kept here.</p>
          ) : (
            <ul className="history-list" aria-label="Session history">
              {(sessions.data ?? []).slice(0, shown).map((session) => (
                <HistoryItem
                  key={session.id}
                  session={session}
                  redactor={redactor}
                  report={setProblem}
                  onExport={(format) => setExporting({ session, format })}
                />
              ))}
            </ul>
          )}
          {sessions.data && sessions.data.length > shown && (
            <button
              type="button"
              className="button small history-more"
              onClick={() => setShown(shown + PAGE)}
            >
              Show {Math.min(PAGE, sessions.data.length - shown)} older (
              {(sessions.data.length - shown).toLocaleString('en-US')} not shown)
            </button>
          )}
        </>
      )}
      {exporting && (
        <HistoryExportDialog
          session={exporting.session}
          format={exporting.format}
          onClose={() => setExporting(null)}
        />
      )}
    </div>
  );
}

/** The workspace's secrets, masked wherever History shows an address or a name. */
function useWorkspaceRedactor(): Redactor {
  const environments = useWorkspaceStore((s) => s.workspace.environments);
  const collections = useWorkspaceStore((s) => s.workspace.collections);
  return useMemo(
    () => createRedactor(workspaceSecrets({ environments, collections })),
    [environments, collections],
  );
}

function StorageLine({ sessions }: { sessions: readonly ArchivedSession[] }) {
  const estimate = useStorageEstimate();
  const { archiveMaxBytes, archiveMaxSessions } = useWorkspaceStore((s) => s.workspace.settings);
  const size = archiveSize(sessions);
  return (
    <p className="muted history-storage">
      <span>
        {sessions.length.toLocaleString('en-US')} of {archiveMaxSessions.toLocaleString('en-US')} sessions ·{' '}
        {formatBytes(size)} of {formatBytes(archiveMaxBytes)}
      </span>
      {estimate.data && (
        <span>
          Browser storage: {formatBytes(estimate.data.usage)} used of {formatBytes(estimate.data.quota)}
        </span>
      )}
    </p>
  );
}

function HistoryItem({
  session,
  redactor,
  report,
  onExport,
}: {
  session: ArchivedSession;
  redactor: Redactor;
  report(message: string | null): void;
  onExport(format: TimelineExportFormat): void;
}) {
  const live = useArchiveStore((s) => s.liveIds.includes(session.id));
  const [renaming, setRenaming] = useState(false);
  const label = redactor.redact(sessionLabel(session), 'mask').text;
  const url = redactor.redact(session.url, 'mask').text;
  const outcome = live
    ? null
    : session.closeCode !== null
      ? `close ${session.closeCode}`
      : session.source === 'recorded'
        ? 'recorded'
        : 'no close';

  const run = (action: Promise<{ ok: boolean; error?: string }>) =>
    void action.then((result) => report(result.ok ? null : (result.error ?? null)));

  return (
    <li className="history-item">
      {renaming ? (
        <InlineRename
          label={`Name of session ${label}`}
          name={label}
          onRename={(name) => run(renameArchivedSession(session.id, name))}
          onDone={() => setRenaming(false)}
        />
      ) : (
        <button
          type="button"
          className="history-open"
          title={`Open “${label}” read-only${url ? ` (${url})` : ''}`}
          onClick={() => run(openArchivedSession(session.id))}
        >
          <span className="history-title-row">
            <span className="history-title">{label}</span>
            {live && <span className="live-pill">live</span>}
          </span>
          <span className="history-meta">
            <span>{formatStart(session.startedAt)}</span>
            <span>{formatDuration(sessionDuration(session))}</span>
            {outcome && <span>{outcome}</span>}
          </span>
          <span className="history-meta">
            <span title="Frames received">↓ {session.framesIn.toLocaleString('en-US')}</span>
            <span title="Frames sent">↑ {session.framesOut.toLocaleString('en-US')}</span>
            <span>{formatBytes(session.bytesIn + session.bytesOut)}</span>
          </span>
        </button>
      )}
      <ActionMenu
        label={`Actions for session ${label}`}
        actions={[
          { label: 'Rename', onSelect: () => setRenaming(true) },
          { label: 'Export as NDJSON…', onSelect: () => onExport('ndjson') },
          { label: 'Export as HAR…', onSelect: () => onExport('har') },
          {
            label: 'Delete',
            danger: true,
            disabled: live,
            onSelect: () => run(deleteArchivedSession(session.id)),
          },
        ]}
      />
    </li>
  );
}

/** Today's sessions by time alone; older ones with their day. */
function formatStart(at: number): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (date.toDateString() === new Date().toDateString()) return time;
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}
