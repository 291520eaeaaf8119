import { loadDrafts, saveDrafts } from '@/adapters/draft-database';
import { listKeys, readJson, removeKey, writeJson } from '@/adapters/local-storage';
import { newId } from '@/adapters/ids';
import { claimWindowIdentity, liveWindowIds } from '@/adapters/window-identity';
import { formatBytes } from '@/core/shared/format';
import { parseStoredTabs, TABS_VERSION, type StoredTabs } from '@/core/workspace/tabs-schema';
import { createWelcomeTab, useTabsStore, type Tab, type TabsState } from '@/stores/tabs-store';

/**
 * Keeps each browser tab's own open tabs and drafts, across reloads: they are per browser tab, never shared (two
 * browser tabs can be two chat users). Stored under `frameline.tabs.<window id>`; a new browser tab takes over
 * the tabs of one that was closed, so quitting the browser loses no draft. Drafts above 256 KiB go to IndexedDB,
 * so one large paste cannot fill the 5 MiB localStorage that also holds the saved workspace.
 */

export const TABS_KEY_PREFIX = 'frameline.tabs.';
/** Where every browser tab kept one shared set of tabs, before they were per browser tab. */
export const LEGACY_TABS_KEY = 'frameline.tabs';
export const MAX_STORED_DRAFT_CHARS = 256 * 1024;
const SAVE_DELAY_MS = 300;
/** A closed browser tab's tabs are taken over only once it has been gone this long (not mid-reload). */
const ORPHAN_AFTER_MS = 5_000;

/** Restores this browser tab's tabs, then saves them a moment after each change. Returns a stop function. */
export async function startTabsPersistence(): Promise<() => void> {
  const identity = await claimWindowIdentity();
  const key = `${TABS_KEY_PREFIX}${identity.id}`;
  const source = await findTabsToRestore(key, identity.copiedFrom);
  const restored = source ? await restore(source.stored, { freshIds: source.copy }) : null;
  const largeDrafts = new Map<string, string>();
  if (restored && restored.tabs.length > 0) {
    useTabsStore.getState().replaceTabs(restored);
    for (const tab of restored.tabs)
      if (tab.message.length > MAX_STORED_DRAFT_CHARS) largeDrafts.set(tab.id, tab.message);
  } else {
    const welcome = createWelcomeTab();
    useTabsStore.getState().replaceTabs({ tabs: [welcome], activeTabId: welcome.id });
  }

  const saver = createTabsSaver(key, largeDrafts);
  saver.save();
  // Taken over: its tabs live under this browser tab's key now.
  if (source?.takeOver) removeKey(source.key);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopWatching = useTabsStore.subscribe((state, previous) => {
    if (state.tabs === previous.tabs && state.activeTabId === previous.activeTabId) return;
    clearTimeout(timer);
    timer = setTimeout(saver.save, SAVE_DELAY_MS);
  });
  const flush = () => {
    clearTimeout(timer);
    saver.save();
  };
  const flushWhenHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', flushWhenHidden);
  return () => {
    stopWatching();
    clearTimeout(timer);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', flushWhenHidden);
  };
}

interface TabsSource {
  key: string;
  stored: StoredTabs;
  /** A duplicated browser tab copies the original's tabs under fresh ids; the original keeps its own. */
  copy: boolean;
  /** The tabs of a closed browser tab (or the old shared key) move to this one's key. */
  takeOver: boolean;
}

async function findTabsToRestore(key: string, copiedFrom: string | null): Promise<TabsSource | null> {
  const own = readStored(key);
  if (own) return { key, stored: own, copy: false, takeOver: false };
  if (copiedFrom) {
    const original = readStored(`${TABS_KEY_PREFIX}${copiedFrom}`);
    if (original)
      return { key: `${TABS_KEY_PREFIX}${copiedFrom}`, stored: original, copy: true, takeOver: false };
  }
  const live = await liveWindowIds();
  const orphans = listKeys(TABS_KEY_PREFIX)
    .filter((entry) => !live.has(entry.key.slice(TABS_KEY_PREFIX.length)) && entry.key !== key)
    .map((entry) => ({ key: entry.key, stored: readStored(entry.key) }))
    .filter((entry): entry is { key: string; stored: StoredTabs } => entry.stored !== null)
    .filter((entry) => Date.now() - entry.stored.savedAt > ORPHAN_AFTER_MS)
    .sort((a, b) => b.stored.savedAt - a.stored.savedAt);
  const [newest] = orphans;
  if (newest) return { ...newest, copy: false, takeOver: true };
  const legacy = readStored(LEGACY_TABS_KEY);
  return legacy ? { key: LEGACY_TABS_KEY, stored: legacy, copy: false, takeOver: true } : null;
}

/** The stored tabs with their large drafts read back from IndexedDB. */
async function restore(stored: StoredTabs, options: { freshIds: boolean }): Promise<TabsState> {
  const inDatabase = stored.tabs.filter((t) => t.draftStored).map((t) => t.id);
  const drafts = inDatabase.length > 0 ? await loadDrafts(inDatabase) : null;
  const missing: string[] = [];
  const tabs = stored.tabs.map(({ draftStored, ...tab }): Tab => {
    if (!draftStored) return tab;
    const message = drafts?.ok ? drafts.value.get(tab.id) : undefined;
    if (message === undefined) missing.push(tab.id);
    return { ...tab, message: message ?? '' };
  });
  if (missing.length > 0) {
    useTabsStore
      .getState()
      .setSaveError(
        `${missing.length === 1 ? 'A large draft' : `${missing.length} large drafts`} could not be read back from the browser's database${drafts && !drafts.ok ? ` (${drafts.error})` : ''}; ${missing.length === 1 ? 'its tab opens' : 'their tabs open'} empty.`,
      );
  }
  if (!options.freshIds) return { tabs, activeTabId: stored.activeTabId };
  const ids = new Map(tabs.map((t) => [t.id, newId()]));
  return {
    tabs: tabs.map((t) => ({ ...t, id: ids.get(t.id) ?? t.id })),
    activeTabId: stored.activeTabId ? (ids.get(stored.activeTabId) ?? null) : null,
  };
}

/** Writes the tabs under `key`, and drafts too large for localStorage to IndexedDB. */
function createTabsSaver(key: string, initialDrafts: Map<string, string>) {
  /** Large drafts as last written to IndexedDB, so unchanged ones are not written again. */
  const written = new Map(initialDrafts);
  return {
    save(): void {
      const { tabs, activeTabId } = savableTabs(useTabsStore.getState());
      const large = new Map<string, string>();
      const stored: StoredTabs = {
        version: TABS_VERSION,
        savedAt: Date.now(),
        activeTabId,
        tabs: tabs.map((tab) => {
          const archiveId = tab.recorded?.archiveId;
          const recorded = tab.recorded && archiveId ? { title: tab.recorded.title, archiveId } : null;
          const live = { ...tab, recorded };
          if (tab.message.length <= MAX_STORED_DRAFT_CHARS) return live;
          large.set(tab.id, tab.message);
          return { ...live, message: '', draftStored: true };
        }),
      };
      const saved = writeJson(key, stored);
      const changedDrafts = new Map([...large].filter(([id, message]) => written.get(id) !== message));
      const gone = [...written.keys()].filter((id) => !large.has(id));
      const { setSaveError } = useTabsStore.getState();
      if (!saved.ok) {
        setSaveError(
          saved.error.kind === 'quota'
            ? "Your open tabs and drafts could not be saved: this site's browser storage is full. They stay open in this tab; close tabs you no longer need or delete large templates."
            : `Your open tabs and drafts could not be saved: ${saved.error.message}`,
        );
        return;
      }
      if (changedDrafts.size === 0 && gone.length === 0) {
        setSaveError(null);
        return;
      }
      void saveDrafts(changedDrafts, gone).then((result) => {
        if (result.ok) {
          for (const id of gone) written.delete(id);
          for (const [id, message] of changedDrafts) written.set(id, message);
          setSaveError(null);
          return;
        }
        const size = Math.max(...[...changedDrafts.values()].map((m) => m.length), 0);
        setSaveError(
          `A draft of ${formatBytes(size)} is too large for browser storage and the browser's database refused it (${result.error}): it will not survive a reload. Save it as a template, or keep a copy elsewhere.`,
        );
      });
    },
  };
}

/**
 * Recorded tabs whose events live only in memory are left out: after a reload they could show nothing. Those
 * showing an archived session stay (the archive refills them). An active tab left out leaves the choice of
 * active tab to the reload.
 */
function savableTabs({ tabs, activeTabId }: TabsState): TabsState {
  const kept = tabs.filter((t) => t.recorded === null || t.recorded.archiveId !== null);
  return { tabs: kept, activeTabId: kept.some((t) => t.id === activeTabId) ? activeTabId : null };
}

function readStored(key: string): StoredTabs | null {
  const read = readJson(key);
  return read.ok ? parseStoredTabs(read.value) : null;
}
