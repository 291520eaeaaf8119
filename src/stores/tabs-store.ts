import { useMemo } from 'react';
import { create } from 'zustand';
import { newId } from '@/adapters/ids';
import { automationDraftDiffers } from '@/core/workspace/automation-draft';
import { tabTitles } from '@/core/workspace/tab-titles';
import type { Tab } from '@/core/workspace/tabs-schema';
import { parseProtocolList } from '@/core/workspace/workspace';
import { useWorkspaceStore } from './workspace-store';

export type { Tab } from '@/core/workspace/tabs-schema';

/** What a recorded tab shows about its recording. */
export type RecordedTabInfo = NonNullable<Tab['recorded']>;

export interface TabsState {
  tabs: Tab[];
  activeTabId: string | null;
}

interface TabsActions {
  replaceTabs(state: TabsState): void;
  /** Why the open tabs or a draft could not be saved (null once they are). */
  setSaveError(message: string | null): void;
  /** Opens and focuses a tab; `id` is for callers that must prepare its session before it renders. */
  openTab(input: Partial<Tab>): string;
  /** Focuses the (live, not recorded) tab already showing this saved connection, or opens one. */
  openConnection(
    input: Pick<Tab, 'url' | 'protocolsText'> &
      Partial<Pick<Tab, 'lens' | 'handshakePayload'>> & { connectionId: string },
  ): string;
  closeTab(id: string): void;
  activate(id: string): void;
  updateTab(id: string, patch: Partial<Omit<Tab, 'id'>>): void;
  /** Names the tab; an empty name gives it back its default title. */
  renameTab(id: string, name: string): void;
  /** A saved connection was deleted: its tabs stay open but are no longer linked. */
  unlinkConnection(connectionId: string): void;
}

export type TabsStore = TabsState & TabsActions & { saveError: string | null };

/** The echo endpoint of the bundled test server: what a newcomer can connect to straight away. */
export const DEFAULT_TEST_SERVER = import.meta.env.VITE_TEST_SERVER_URL ?? 'ws://127.0.0.1:8787';
export const DEFAULT_ECHO_URL = `${DEFAULT_TEST_SERVER}/echo`;

/** A first visit's tab. */
export function createWelcomeTab(): Tab {
  return {
    id: newId(),
    name: null,
    connectionId: null,
    url: DEFAULT_ECHO_URL,
    protocolsText: '',
    message: '{\n  "hello": "Frameline"\n}',
    format: 'json',
    binaryEncoding: 'hex',
    environmentId: null,
    recorded: null,
    automationDraft: null,
    lens: null,
    handshakePayload: '',
    lensDrafts: {},
    lensForms: {},
  };
}

/** Open tabs and the active one, per browser tab. Persistence lives in runtime/tabs-persistence.ts. */
export const useTabsStore = create<TabsStore>()((set, get) => ({
  tabs: [],
  activeTabId: null,
  saveError: null,

  replaceTabs: ({ tabs, activeTabId }) => set({ tabs, activeTabId }),

  setSaveError: (saveError) => {
    if (get().saveError !== saveError) set({ saveError });
  },

  openTab: (input) => {
    const tab: Tab = {
      name: null,
      connectionId: null,
      url: '',
      protocolsText: '',
      message: '',
      format: 'text',
      binaryEncoding: 'hex',
      environmentId: null,
      recorded: null,
      automationDraft: null,
      lens: null,
      handshakePayload: '',
      lensDrafts: {},
      lensForms: {},
      ...input,
      id: input.id ?? newId(),
    };
    set({ tabs: [...get().tabs, tab], activeTabId: tab.id });
    return tab.id;
  },

  openConnection: (input) => {
    // A recorded tab cannot connect, so it never stands in for the connection's live tab.
    const existing = get().tabs.find((t) => t.connectionId === input.connectionId && !t.recorded);
    if (existing) {
      set({ activeTabId: existing.id });
      return existing.id;
    }
    return get().openTab({ ...input, message: '', format: 'text' });
  },

  closeTab: (id) => {
    const { tabs, activeTabId } = get();
    const index = tabs.findIndex((t) => t.id === id);
    if (index < 0) return;
    const remaining = tabs.filter((t) => t.id !== id);
    const neighbour = remaining[Math.min(index, remaining.length - 1)];
    set({ tabs: remaining, activeTabId: activeTabId === id ? (neighbour?.id ?? null) : activeTabId });
  },

  activate: (id) => set({ activeTabId: id }),

  updateTab: (id, patch) => set({ tabs: get().tabs.map((t) => (t.id === id ? { ...t, ...patch, id } : t)) }),

  renameTab: (id, name) => get().updateTab(id, { name: name.trim() || null }),

  unlinkConnection: (connectionId) =>
    set({
      tabs: get().tabs.map((t) => (t.connectionId === connectionId ? { ...t, connectionId: null } : t)),
    }),
}));

/** The active tab, or undefined when none is open. */
export function selectActiveTab(state: TabsState): Tab | undefined {
  return state.tabs.find((t) => t.id === state.activeTabId);
}

/** Every open tab's title by tab id (see tabTitles), recomputed only when tabs or connections change. */
export function useTabTitles(): ReadonlyMap<string, string> {
  const tabs = useTabsStore((s) => s.tabs);
  const connections = useWorkspaceStore((s) => s.workspace.connections);
  return useMemo(
    () => tabTitles(tabs, (id) => connections.find((c) => c.id === id)?.name),
    [tabs, connections],
  );
}

/** The tab's title, as the tab bar shows it. */
export function useTabTitle(tabId: string): string {
  return useTabTitles().get(tabId) ?? '';
}

/** Whether a saved connection's tab holds a URL, subprotocols or automation that differ from what is saved. */
export function useUnsavedChanges(tab: Tab): boolean {
  const saved = useWorkspaceStore((s) => s.workspace.connections.find((c) => c.id === tab.connectionId));
  if (!saved || tab.recorded) return false;
  return (
    saved.url !== tab.url ||
    saved.protocols.join('\u0000') !== parseProtocolList(tab.protocolsText).join('\u0000') ||
    (tab.automationDraft !== null && automationDraftDiffers(tab.automationDraft, saved.automation))
  );
}
