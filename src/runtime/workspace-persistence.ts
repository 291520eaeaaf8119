import { readJson, readRaw, writeJson, writeRaw } from '@/adapters/local-storage';
import { createEmptyWorkspace } from '@/core/workspace/workspace';
import { migrateWorkspace, toStoredWorkspace } from '@/core/workspace/workspace-migrations';
import { createWelcomeTab, useTabsStore, type Tab, type TabsState } from '@/stores/tabs-store';
import { selectWorkspace, useWorkspaceStore } from '@/stores/workspace-store';

export const WORKSPACE_KEY = 'frameline.workspace';
export const TABS_KEY = 'frameline.tabs';
const TABS_VERSION = 1;
const TAB_SAVE_DELAY_MS = 300;

/** Loads saved state into the stores, then saves every change. Returns a function that stops saving. */
export function startPersistence(): () => void {
  loadWorkspace();
  loadTabs();

  const stopWorkspace = useWorkspaceStore.subscribe((state, previous) => {
    if (
      state.connections === previous.connections &&
      state.environments === previous.environments &&
      state.settings === previous.settings
    ) {
      return;
    }
    if (state.loadStatus.kind === 'blocked') return; // never overwrite data we could not read
    reportSave(writeJson(WORKSPACE_KEY, toStoredWorkspace(selectWorkspace(state))));
  });

  // Drafts change on every keystroke: save them a moment after typing stops.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveTabs = () => {
    reportSave(writeJson(TABS_KEY, { version: TABS_VERSION, ...savableTabs(useTabsStore.getState()) }));
  };
  const stopTabs = useTabsStore.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(saveTabs, TAB_SAVE_DELAY_MS);
  });
  const flushOnLeave = () => {
    clearTimeout(timer);
    saveTabs();
  };
  window.addEventListener('pagehide', flushOnLeave);

  return () => {
    stopWorkspace();
    stopTabs();
    clearTimeout(timer);
    window.removeEventListener('pagehide', flushOnLeave);
  };
}

/**
 * Stored data this version cannot read is set aside under a backup key, so the user can start fresh without
 * losing it.
 */
export function backUpUnreadableWorkspace(): string | null {
  const raw = readRaw(WORKSPACE_KEY);
  const backupKey = `${WORKSPACE_KEY}.unreadable-${new Date().toISOString()}`;
  if (raw !== null) {
    const saved = writeRaw(backupKey, raw);
    if (!saved.ok) return `Could not keep a backup (${saved.error}); nothing was changed.`;
  }
  const store = useWorkspaceStore.getState();
  store.replaceWorkspace(selectWorkspace(store), { kind: 'loaded' });
  reportSave(writeJson(WORKSPACE_KEY, toStoredWorkspace(selectWorkspace(useWorkspaceStore.getState()))));
  return null;
}

function loadWorkspace(): void {
  const store = useWorkspaceStore.getState();
  const read = readJson(WORKSPACE_KEY);
  if (!read.ok) {
    store.replaceWorkspace(createEmptyWorkspace(), { kind: 'blocked', message: read.error });
    return;
  }
  if (read.value === null) {
    store.replaceWorkspace(createEmptyWorkspace(), { kind: 'loaded' });
    return;
  }
  const migrated = migrateWorkspace(read.value);
  if (migrated.ok) store.replaceWorkspace(migrated.value, { kind: 'loaded' });
  else store.replaceWorkspace(createEmptyWorkspace(), { kind: 'blocked', message: migrated.error });
}

function loadTabs(): void {
  const read = readJson(TABS_KEY);
  const restored = read.ok ? parseTabs(read.value) : null;
  if (restored && restored.tabs.length > 0) {
    useTabsStore.getState().replaceTabs(restored);
    return;
  }
  const welcome = createWelcomeTab();
  useTabsStore.getState().replaceTabs({ tabs: [welcome], activeTabId: welcome.id });
}

/**
 * Recorded tabs are left out: their events live only in memory, so after a reload they could show nothing.
 * An active recorded tab leaves the choice of active tab to the reload.
 */
function savableTabs({ tabs, activeTabId }: TabsState): TabsState {
  const kept = tabs.filter((t) => t.recorded === null);
  return { tabs: kept, activeTabId: kept.some((t) => t.id === activeTabId) ? activeTabId : null };
}

/** Open tabs are a convenience: anything unreadable is skipped rather than blocking the app. */
function parseTabs(value: unknown): TabsState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { version, tabs, activeTabId } = value as Record<string, unknown>;
  if (version !== TABS_VERSION || !Array.isArray(tabs)) return null;
  // Tabs saved before a field existed get its default rather than being dropped.
  const valid = tabs
    .map((t: unknown) =>
      isRecord(t) ? { binaryEncoding: 'hex', environmentId: null, recorded: null, ...t } : t,
    )
    // isTab refuses recorded tabs too: their events could not have been saved with them.
    .filter(isTab);
  const active = valid.find((t) => t.id === activeTabId) ?? valid[0];
  return { tabs: valid, activeTabId: active?.id ?? null };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isTab(value: unknown): value is Tab {
  if (!isRecord(value)) return false;
  const t = value;
  return (
    typeof t.id === 'string' &&
    (t.connectionId === null || typeof t.connectionId === 'string') &&
    typeof t.url === 'string' &&
    typeof t.protocolsText === 'string' &&
    typeof t.message === 'string' &&
    (t.format === 'text' || t.format === 'json' || t.format === 'binary') &&
    (t.binaryEncoding === 'hex' || t.binaryEncoding === 'base64') &&
    (t.environmentId === null || typeof t.environmentId === 'string') &&
    t.recorded === null
  );
}

function reportSave(result: { ok: boolean; error?: string }): void {
  const { saveError, setSaveError } = useWorkspaceStore.getState();
  const next = result.ok ? null : (result.error ?? 'Could not save.');
  if (next !== saveError) setSaveError(next);
}
