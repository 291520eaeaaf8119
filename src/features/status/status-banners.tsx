import { useState } from 'react';
import { undoRemoval } from '@/runtime/commands/workspace-commands';
import {
  acknowledgeRecovery,
  deleteBackup,
  downloadUnreadableData,
  startFresh,
} from '@/runtime/workspace-persistence';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore, type LoadStatus } from '@/stores/workspace-store';
import { CloseIcon } from '@/components/icons';

/** Storage problems, other tabs' edits and undo offers: things the user must see, shown above the tab. */
export function StatusBanners() {
  const loadStatus = useWorkspaceStore((s) => s.loadStatus);
  const saveError = useWorkspaceStore((s) => s.saveError);
  const syncNotice = useWorkspaceStore((s) => s.syncNotice);
  const setSyncNotice = useWorkspaceStore((s) => s.setSyncNotice);
  const lastRemoval = useWorkspaceStore((s) => s.lastRemoval);
  const dismissRemoval = useWorkspaceStore((s) => s.dismissRemoval);
  const tabsSaveError = useTabsStore((s) => s.saveError);

  return (
    <div className="banners">
      {loadStatus.kind !== 'loaded' && <StorageProblem status={loadStatus} />}
      {saveError && (
        <div className="banner error" role="alert">
          {saveError}
        </div>
      )}
      {tabsSaveError && (
        <div className="banner error" role="alert">
          {tabsSaveError}
        </div>
      )}
      {syncNotice && (
        <div className="banner info" role="status">
          <span>{syncNotice}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => setSyncNotice(null)}
          >
            <CloseIcon />
          </button>
        </div>
      )}
      {lastRemoval && (
        <div className="banner info" role="status">
          <span>Deleted {lastRemoval.label}.</span>
          <button type="button" className="button small" onClick={undoRemoval}>
            Undo
          </button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismissRemoval}>
            <CloseIcon />
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Stored data that could not be read: what happened, a download of it, and (while saving is paused) the choice
 * to start fresh. Without a backup copy, starting fresh replaces the data, so it asks for a download first.
 */
function StorageProblem({ status }: { status: Exclude<LoadStatus, { kind: 'loaded' }> }) {
  const [downloaded, setDownloaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const canStartFresh = status.backupKey !== null || downloaded;

  const onDownload = () => {
    const result = downloadUnreadableData(status.backupKey);
    if (result.ok) setDownloaded(true);
    setProblem(result.ok ? null : `Could not download it: ${result.error}`);
  };
  const onStartFresh = () => {
    const result = startFresh();
    setProblem(result.ok ? null : result.error);
  };

  return (
    <div className="banner error" role="alert">
      <span>
        {status.message}
        {status.kind === 'blocked' && ' Saving is paused so that nothing overwrites it.'}
      </span>
      <button type="button" className="button small" onClick={onDownload}>
        Download it
      </button>
      {status.kind === 'blocked' && (
        <button
          type="button"
          className="button small"
          disabled={!canStartFresh}
          title={canStartFresh ? undefined : 'Download it first: there is no other copy'}
          onClick={onStartFresh}
        >
          Start fresh
        </button>
      )}
      {status.kind === 'recovered' && (
        <button
          type="button"
          className="button small"
          disabled={!downloaded}
          title={downloaded ? undefined : 'Download it first'}
          onClick={() => deleteBackup(status.backupKey)}
        >
          Delete the backup
        </button>
      )}
      {problem && <span>{problem}</span>}
      {status.kind === 'recovered' && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={acknowledgeRecovery}>
          <CloseIcon />
        </button>
      )}
    </div>
  );
}
