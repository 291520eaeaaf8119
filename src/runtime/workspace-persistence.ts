import { downloadText } from '@/adapters/files';
import {
  listKeys,
  onStorageChange,
  readRaw,
  removeKey,
  writeRaw,
  type WriteFailure,
} from '@/adapters/local-storage';
import { err, ok, type Result } from '@/core/shared/result';
import { createEmptyWorkspace, type Workspace } from '@/core/workspace/workspace';
import { changedItems } from '@/core/workspace/workspace-diff';
import type { EditResult, WorkspaceEdit } from '@/core/workspace/workspace-edits';
import { migrateWorkspace, toStoredWorkspace } from '@/core/workspace/workspace-migrations';
import { describeFullStorage, largestTemplates, type StorageItem } from '@/core/workspace/storage-usage';
import { selectWorkspace, setWorkspaceCommitter, useWorkspaceStore } from '@/stores/workspace-store';

/**
 * Keeps the workspace in localStorage, shared by every tab of the app in this browser.
 *
 * - Every edit is written as it is made. The write first re-reads what is stored: when another tab saved since
 *   this one last looked, the edit is applied to that newer workspace, so two tabs editing different items never
 *   undo each other. A write the browser refuses (storage full) leaves memory as storage is: the edit is not made.
 * - Another tab's save shows up here at once (the `storage` event). If it changed something this tab edited, the
 *   later edit stands and this tab is told.
 * - Stored data this version cannot read (damaged, or from a newer Frameline) is never overwritten or deleted: it
 *   is copied under a backup key and can be downloaded.
 */

export const WORKSPACE_KEY = 'frameline.workspace';
export const BACKUP_KEY_PREFIX = 'frameline.workspace.backup-';

/** What this tab last read from or wrote to storage, so a write can tell whether another tab wrote since. */
let lastStoredRaw: string | null = null;
/** Items this tab edited (key → label), so it can be told when another tab replaces one of those edits. */
const editedHere = new Map<string, string>();

/** Loads the stored workspace into the store and saves every change from then on. Returns a stop function. */
export function startWorkspacePersistence(): () => void {
  lastStoredRaw = null;
  editedHere.clear();
  loadWorkspace();
  const stopCommitting = setWorkspaceCommitter(commit);
  // The event only says that another tab wrote: events can arrive after this tab has written again, so what
  // counts is what storage holds now.
  const stopListening = onStorageChange(WORKSPACE_KEY, () => {
    const raw = readRaw(WORKSPACE_KEY);
    if (raw.ok && raw.value !== null) adoptStored(raw.value);
  });
  // A safety net for the one rule that matters: whatever the saved selector holds is what storage holds.
  const stopWatching = useWorkspaceStore.subscribe((state, previous) => {
    if (selectWorkspace(state) !== selectWorkspace(previous) && !isSynced(selectWorkspace(state))) {
      writeWorkspace(selectWorkspace(state));
    }
  });
  return () => {
    stopCommitting();
    stopListening();
    stopWatching();
  };
}

/** The workspace object storage holds as of the last read or write (a reference, for the safety net). */
let syncedWorkspace: Workspace | null = null;
const isSynced = (workspace: Workspace) => workspace === syncedWorkspace;

function loadWorkspace(): void {
  const store = useWorkspaceStore.getState();
  const raw = readRaw(WORKSPACE_KEY);
  if (!raw.ok) {
    store.load(createEmptyWorkspace(), { kind: 'blocked', message: raw.error, backupKey: null });
    return;
  }
  lastStoredRaw = raw.value;
  const read = raw.value === null ? ok(createEmptyWorkspace()) : parseStored(raw.value);
  if (read.ok) {
    syncedWorkspace = read.value;
    store.load(read.value, { kind: 'loaded' });
    return;
  }
  setAside(raw.value ?? '', read.error);
}

/**
 * Keeps unreadable data under a backup key and says what happened. Damaged data: the app starts fresh and saves
 * again (the backup holds the original). Data from a newer Frameline stays where that version looks for it, so
 * saving pauses until the user chooses. If even the backup cannot be written, saving pauses too.
 */
function setAside(raw: string, problem: { message: string; newer: boolean }): void {
  const backupKey = `${BACKUP_KEY_PREFIX}${new Date().toISOString()}`;
  const backedUp = writeRaw(backupKey, raw);
  const store = useWorkspaceStore.getState();
  const empty = createEmptyWorkspace();
  syncedWorkspace = empty;
  if (!backedUp.ok) {
    store.load(empty, {
      kind: 'blocked',
      message: `${problem.message} It could not be copied to a backup (${backedUp.error.message}), so it stays untouched and nothing is saved until you download it or choose to start fresh.`,
      backupKey: null,
    });
  } else if (problem.newer) {
    store.load(empty, {
      kind: 'blocked',
      message: `${problem.message} It is left as it is for that version (a copy is kept as “${backupKey}”), so nothing is saved here until you choose to start fresh.`,
      backupKey,
    });
  } else {
    store.load(empty, {
      kind: 'recovered',
      message: `${problem.message} It is kept unchanged as “${backupKey}” in this browser; Frameline started with an empty workspace.`,
      backupKey,
    });
  }
}

function parseStored(raw: string): Result<Workspace, { message: string; newer: boolean }> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return err({
      message: `Your saved workspace is damaged: it is not valid JSON (${raw.length.toLocaleString('en-US')} characters).`,
      newer: false,
    });
  }
  const migrated = migrateWorkspace(value);
  if (migrated.ok) return migrated;
  const newer = /newer Frameline/.test(migrated.error);
  return err({
    message: newer ? migrated.error : `Your saved workspace could not be read: ${migrated.error}`,
    newer,
  });
}

/** The committer: applies an edit to the freshest stored workspace and writes the result. */
function commit(change: WorkspaceEdit, current: Workspace): Result<EditResult, string> {
  const status = useWorkspaceStore.getState().loadStatus;
  if (status.kind === 'blocked') return err(`Not saved: ${status.message}`);
  const fresh = readFresh();
  if (!fresh.ok) return fresh;
  const base = fresh.value ?? current;
  const result = change(base);
  if (result.workspace === base) return ok(result);
  const written = writeWorkspace(result.workspace, { saved: base });
  if (!written.ok) return err(written.error);
  for (const [key, label] of changedItems(base, result.workspace)) editedHere.set(key, label);
  return ok(result);
}

/**
 * What storage holds now, if another tab wrote it since this tab last looked (then it is shown here too, before
 * the edit is applied to it); null when storage still holds what this tab knows.
 */
function readFresh(): Result<Workspace | null, string> {
  const raw = readRaw(WORKSPACE_KEY);
  if (!raw.ok) return err(`Not saved: ${raw.error}`);
  if (raw.value === null || raw.value === lastStoredRaw) return ok(null);
  const adopted = adoptStored(raw.value);
  return adopted ? ok(adopted) : err(`Not saved: ${useWorkspaceStore.getState().saveError ?? ''}`);
}

/** Shows what another tab stored; tells this tab when that replaced an edit made here. */
function adoptStored(raw: string): Workspace | null {
  if (raw === lastStoredRaw) return useWorkspaceStore.getState().workspace;
  const store = useWorkspaceStore.getState();
  const read = parseStored(raw);
  if (!read.ok) {
    // Another tab runs a newer Frameline (or wrote something unreadable): writing now would destroy its data.
    store.load(store.workspace, {
      kind: 'blocked',
      message: read.error.newer
        ? `Another tab saved your workspace with a newer Frameline. ${read.error.message} Reload this tab to use the newer version.`
        : `Another tab stored data this tab cannot read. ${read.error.message} Reload this tab.`,
      backupKey: null,
    });
    return null;
  }
  lastStoredRaw = raw;
  const replaced = [...changedItems(store.workspace, read.value)].filter(([key]) => editedHere.has(key));
  for (const [key] of replaced) editedHere.delete(key);
  syncedWorkspace = read.value;
  store.load(read.value);
  if (replaced.length > 0) {
    const names = replaced.map(([, label]) => label).join(', ');
    store.setSyncNotice(
      `Another tab changed ${names} after you edited ${replaced.length === 1 ? 'it' : 'them'} here; that later edit is the one kept.`,
    );
  }
  return read.value;
}

/**
 * Writes the workspace; a full store comes back as advice on what to free, from what is `saved` now (by default
 * the workspace itself).
 */
function writeWorkspace(workspace: Workspace, advice: { saved?: Workspace } = {}): Result<void, string> {
  const raw = JSON.stringify(toStoredWorkspace(workspace));
  const written = writeRaw(WORKSPACE_KEY, raw);
  if (!written.ok) return err(describeWriteFailure(written.error, raw.length, advice.saved ?? workspace));
  lastStoredRaw = raw;
  syncedWorkspace = workspace;
  return ok(undefined);
}

function describeWriteFailure(failure: WriteFailure, neededChars: number, saved: Workspace): string {
  if (failure.kind !== 'quota') return `Not saved: browser storage refused the change (${failure.message}).`;
  const others: StorageItem[] = listKeys('')
    .filter(({ key }) => key !== WORKSPACE_KEY)
    .map(({ key, chars }) => ({ label: describeKey(key), chars }));
  const largest = [...largestTemplates(saved, 3), ...others].sort((a, b) => b.chars - a.chars).slice(0, 4);
  return describeFullStorage({ neededChars, largest });
}

function describeKey(key: string): string {
  if (key.startsWith(BACKUP_KEY_PREFIX)) return `the backup “${key}” (delete it from the banner above)`;
  if (key.startsWith('frameline.tabs'))
    return 'the open tabs and their drafts (close tabs with large drafts)';
  return `“${key}”`;
}

/** Offers the unreadable data (from its backup, or where it still is) as a file. */
export function downloadUnreadableData(backupKey: string | null): Result<string, string> {
  const raw = readRaw(backupKey ?? WORKSPACE_KEY);
  if (!raw.ok) return raw;
  if (raw.value === null) return err('There is no such data any more.');
  const fileName = `frameline-unreadable-workspace-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.json`;
  downloadText(raw.value, fileName, 'application/json');
  return ok(fileName);
}

/**
 * The user chose to start fresh while saving was paused: the unreadable data stays in its backup (or, when it
 * has none, the user has downloaded it, and confirmed), and the current workspace is saved in its place.
 */
export function startFresh(): Result<void, string> {
  const store = useWorkspaceStore.getState();
  const written = writeWorkspace(store.workspace);
  if (!written.ok) return written;
  store.load(store.workspace, { kind: 'loaded' });
  return ok(undefined);
}

/** Deletes a backup of unreadable data (after the user downloaded it, or decided it is not needed). */
export function deleteBackup(backupKey: string): void {
  removeKey(backupKey);
  acknowledgeRecovery();
}

/** The user has read what happened to the unreadable data; its backup stays. */
export function acknowledgeRecovery(): void {
  useWorkspaceStore.getState().load(useWorkspaceStore.getState().workspace, { kind: 'loaded' });
}
