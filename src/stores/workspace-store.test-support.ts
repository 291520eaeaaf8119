import { createEmptyWorkspace, type Workspace } from '@/core/workspace/workspace';
import { useWorkspaceStore } from './workspace-store';

/** Puts the workspace store back to a first visit (or to `workspace`), for tests. */
export function resetWorkspaceStore(workspace: Workspace = createEmptyWorkspace()): void {
  useWorkspaceStore.setState({
    workspace,
    lastRemoval: null,
    loadStatus: { kind: 'loaded' },
    saveError: null,
    syncNotice: null,
  });
}
