import { create } from 'zustand';
import { ok, type Result } from '@/core/shared/result';
import { createEmptyWorkspace, type Workspace } from '@/core/workspace/workspace';
import { describeRemoved, type EditResult, type WorkspaceEdit } from '@/core/workspace/workspace-edits';
import type { RemovedItems } from '@/core/workspace/workspace-tree';

/** The last thing deleted, kept so one click can put it back where it was. */
export interface LastRemoval {
  /** What the notice names: `connection “Echo”`, `3 items`. */
  label: string;
  removed: RemovedItems;
}

export type LoadStatus =
  | { kind: 'loaded' }
  /** Stored data could not be read; it was copied under `backupKey` and the app saves afresh. */
  | { kind: 'recovered'; message: string; backupKey: string }
  /**
   * Stored data could not be read, or a newer Frameline wrote it: saving is paused so it is never overwritten.
   * `backupKey` names a copy of it, when one could be made.
   */
  | { kind: 'blocked'; message: string; backupKey: string | null };

interface WorkspaceState {
  /** The user's saved work: exactly what persistence writes (see selectWorkspace). */
  workspace: Workspace;
  lastRemoval: LastRemoval | null;
  loadStatus: LoadStatus;
  /** Why the latest edit could not be saved (and so was not made), until an edit saves again. */
  saveError: string | null;
  /** Something another browser tab did to this tab's work, e.g. replaced an edit made here. */
  syncNotice: string | null;
}

interface WorkspaceActions {
  /** Applies one core edit. Returns false when it could not be saved: then nothing changed, and saveError says why. */
  edit(change: WorkspaceEdit): boolean;
  /** Shows a workspace that storage (a load, another tab) already holds: nothing is written back. */
  load(workspace: Workspace, status?: LoadStatus): void;
  dismissRemoval(): void;
  setSyncNotice(message: string | null): void;
}

export type WorkspaceStore = WorkspaceState & WorkspaceActions;

/**
 * Turns an edit into the next saved workspace. Persistence installs one that re-reads storage, applies the edit
 * to what is stored there and writes it; until then (unit tests, the first render) edits apply in memory.
 */
export type WorkspaceCommitter = (change: WorkspaceEdit, current: Workspace) => Result<EditResult, string>;

const inMemory: WorkspaceCommitter = (change, current) => ok(change(current));
let committer: WorkspaceCommitter = inMemory;

/** Routes every edit through `next` (null: back to memory only). Returns a function that undoes this. */
export function setWorkspaceCommitter(next: WorkspaceCommitter | null): () => void {
  committer = next ?? inMemory;
  return () => {
    if (committer === next) committer = inMemory;
  };
}

/** The saved workspace and what the UI says about it. Edits are pure functions from core/workspace. */
export const useWorkspaceStore = create<WorkspaceStore>()((set, get) => ({
  workspace: createEmptyWorkspace(),
  lastRemoval: null,
  loadStatus: { kind: 'loaded' },
  saveError: null,
  syncNotice: null,

  edit: (change) => {
    const result = committer(change, get().workspace);
    if (!result.ok) {
      set({ saveError: result.error });
      return false;
    }
    const { workspace, removed } = result.value;
    set({
      workspace,
      saveError: null,
      lastRemoval: removed ? { label: describeRemoved(removed), removed } : get().lastRemoval,
    });
    return true;
  },

  // Once storage is readable again, an error about saving being paused no longer holds.
  load: (workspace, loadStatus) =>
    set({
      workspace,
      ...(loadStatus ? { loadStatus } : {}),
      ...(loadStatus?.kind === 'loaded' ? { saveError: null } : {}),
    }),

  dismissRemoval: () => set({ lastRemoval: null }),

  setSyncNotice: (syncNotice) => set({ syncNotice }),
}));

/** The one selector for what is saved: persistence writes whenever this changes. */
export function selectWorkspace(state: Pick<WorkspaceState, 'workspace'>): Workspace {
  return state.workspace;
}
