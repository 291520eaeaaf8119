import { useState } from 'react';
import { backUpUnreadableWorkspace } from '@/runtime/workspace-persistence';
import { useWorkspaceStore, type Deletion } from '@/stores/workspace-store';

/** Storage problems and undo offers: things the user must see, shown above the tab. */
export function StatusBanners() {
  const loadStatus = useWorkspaceStore((s) => s.loadStatus);
  const saveError = useWorkspaceStore((s) => s.saveError);
  const lastDeletion = useWorkspaceStore((s) => s.lastDeletion);
  const undoDeletion = useWorkspaceStore((s) => s.undoDeletion);
  const dismissDeletion = useWorkspaceStore((s) => s.dismissDeletion);
  const [backupError, setBackupError] = useState<string | null>(null);

  return (
    <div className="banners">
      {loadStatus.kind === 'blocked' && (
        <div className="banner error" role="alert">
          <span>
            Your saved connections could not be read: {loadStatus.message} Nothing will be saved until you
            decide, so the stored data stays as it is.
          </span>
          <button
            type="button"
            className="button small"
            onClick={() => setBackupError(backUpUnreadableWorkspace())}
          >
            Keep a backup and start fresh
          </button>
          {backupError && <span>{backupError}</span>}
        </div>
      )}
      {saveError && (
        <div className="banner error" role="alert">
          {saveError}
        </div>
      )}
      {lastDeletion && (
        <div className="banner info" role="status">
          <span>{describeDeletion(lastDeletion)}</span>
          <button type="button" className="button small" onClick={undoDeletion}>
            Undo
          </button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismissDeletion}>
            ✕
          </button>
        </div>
      )}
    </div>
  );
}

function describeDeletion(deletion: Deletion): string {
  switch (deletion.kind) {
    case 'tree':
      return `Deleted ${deletion.label}.`;
    case 'template':
      return `Deleted template “${deletion.template.name}”.`;
    case 'environment':
      return `Deleted environment “${deletion.environment.name}”.`;
  }
}
