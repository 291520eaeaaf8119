// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDrafts } from '@/adapters/draft-database';
import { createWelcomeTab, useTabsStore, type Tab } from '@/stores/tabs-store';
import {
  LEGACY_TABS_KEY,
  MAX_STORED_DRAFT_CHARS,
  startTabsPersistence,
  TABS_KEY_PREFIX,
} from './tabs-persistence';

/** Which browser tab the next start is, and which others are open: what the Web Locks would say. */
const windows = vi.hoisted(() => ({
  identity: { id: 'A', copiedFrom: null as string | null },
  live: new Set<string>(),
}));

vi.mock('@/adapters/window-identity', () => ({
  claimWindowIdentity: async () => ({ ...windows.identity }),
  liveWindowIds: async () => new Set(windows.live),
}));

let stop: () => void = () => {};

/** Starts persistence as browser tab `id` (its page loaded, or reloaded). */
async function openAs(id: string, options: { copiedFrom?: string; live?: string[] } = {}) {
  stop();
  windows.identity = { id, copiedFrom: options.copiedFrom ?? null };
  windows.live = new Set(options.live ?? []);
  useTabsStore.setState({ tabs: [], activeTabId: null, saveError: null });
  stop = await startTabsPersistence();
}

/** What the page does when it is hidden or closed: saves at once. */
const leave = () => window.dispatchEvent(new Event('pagehide'));
const stored = (id: string) => JSON.parse(localStorage.getItem(`${TABS_KEY_PREFIX}${id}`) ?? 'null');
const tab = (id: string, message = `draft of ${id}`): Tab => ({ ...createWelcomeTab(), id, message });
const tabIds = () => useTabsStore.getState().tabs.map((t) => t.id);
/** Saved more than a few seconds ago: its browser tab is closed, not reloading. */
const age = (id: string) => {
  const value = stored(id);
  localStorage.setItem(`${TABS_KEY_PREFIX}${id}`, JSON.stringify({ ...value, savedAt: Date.now() - 60_000 }));
};

beforeEach(() => localStorage.clear());
afterEach(() => {
  stop();
  stop = () => {};
});

describe('open tabs and drafts', () => {
  it('start with the welcome tab and come back after a reload, with the active tab', async () => {
    await openAs('A');
    expect(useTabsStore.getState().tabs).toHaveLength(1);
    useTabsStore.setState({ tabs: [tab('t1'), tab('t2')], activeTabId: 't2' });
    leave();

    await openAs('A');
    expect(tabIds()).toEqual(['t1', 't2']);
    expect(useTabsStore.getState().activeTabId).toBe('t2');
    expect(useTabsStore.getState().tabs[0]?.message).toBe('draft of t1');
  });

  it('are kept per browser tab: two open at once never overwrite each other', async () => {
    await openAs('A');
    useTabsStore.setState({ tabs: [tab('a1')], activeTabId: 'a1' });
    leave();
    await openAs('B', { live: ['A'] });
    expect(tabIds()).toHaveLength(1);
    expect(tabIds()).not.toEqual(['a1']);
    useTabsStore.setState({ tabs: [tab('b1')], activeTabId: 'b1' });
    leave();

    await openAs('A', { live: ['B'] });
    expect(tabIds()).toEqual(['a1']);
    await openAs('B', { live: ['A'] });
    expect(tabIds()).toEqual(['b1']);
  });

  it('of a closed browser tab are taken over by the next one, so quitting loses no draft', async () => {
    await openAs('A');
    useTabsStore.setState({ tabs: [tab('a1')], activeTabId: 'a1' });
    leave();
    age('A');
    await openAs('C');
    expect(tabIds()).toEqual(['a1']);
    expect(stored('A')).toBeNull();
    expect(stored('C').tabs.map((t: Tab) => t.id)).toEqual(['a1']);
  });

  it('are copied, under new ids, into a duplicated browser tab', async () => {
    await openAs('A');
    useTabsStore.setState({ tabs: [tab('a1')], activeTabId: 'a1' });
    leave();
    await openAs('D', { copiedFrom: 'A', live: ['A'] });
    const [copy] = useTabsStore.getState().tabs;
    expect(copy?.message).toBe('draft of a1');
    expect(copy?.id).not.toBe('a1');
    expect(stored('A').tabs.map((t: Tab) => t.id)).toEqual(['a1']);
  });

  it('saved by an older Frameline in one shared key are taken over, with defaults for newer fields', async () => {
    const old = {
      id: 't1',
      connectionId: null,
      url: 'ws://a/',
      protocolsText: '',
      message: 'm',
      format: 'text',
    };
    localStorage.setItem(LEGACY_TABS_KEY, JSON.stringify({ version: 1, tabs: [old], activeTabId: 't1' }));
    await openAs('A');
    expect(useTabsStore.getState().tabs).toEqual([
      {
        ...old,
        name: null,
        binaryEncoding: 'hex',
        environmentId: null,
        recorded: null,
        automationDraft: null,
        lens: null,
        handshakePayload: '',
        lensDrafts: {},
        lensForms: {},
      },
    ]);
    expect(localStorage.getItem(LEGACY_TABS_KEY)).toBeNull();
  });

  it('keep a tab’s name and its unapplied automation edits across a reload', async () => {
    await openAs('A');
    const [id = ''] = tabIds();
    useTabsStore.getState().renameTab(id, '  Feed  ');
    const draft = {
      sendOnOpen: ['t'],
      heartbeatTemplateId: 't',
      heartbeatMs: '25',
      heartbeatWithConnection: false,
      reconnectEnabled: true,
      initialDelayMs: '100',
      maxDelayMs: 'x',
      maxAttempts: '',
      connectTimeoutMs: '',
    };
    useTabsStore.getState().updateTab(id, { automationDraft: draft });
    leave();

    await openAs('A');
    expect(useTabsStore.getState().tabs[0]).toMatchObject({ id, name: 'Feed', automationDraft: draft });
    useTabsStore.getState().renameTab(id, ' ');
    expect(useTabsStore.getState().tabs[0]?.name).toBeNull();
  });

  it('keep a tab’s protocol and handshake payload across a reload, and an unknown protocol becomes “detect”', async () => {
    await openAs('A');
    const [id = ''] = tabIds();
    useTabsStore.getState().updateTab(id, {
      lens: 'graphql-ws',
      handshakePayload: '{"token":"{{token}}"}',
      lensDrafts: { 'graphql-ws/subscribe': { query: 'subscription { messages }' } },
      lensForms: { 'graphql-ws': 'subscribe' },
    });
    leave();
    await openAs('A');
    expect(useTabsStore.getState().tabs[0]).toMatchObject({
      id,
      lens: 'graphql-ws',
      handshakePayload: '{"token":"{{token}}"}',
      lensDrafts: { 'graphql-ws/subscribe': { query: 'subscription { messages }' } },
      lensForms: { 'graphql-ws': 'subscribe' },
    });

    useTabsStore.getState().updateTab(id, { lens: 'raw' });
    leave();
    const saved = stored('A');
    saved.tabs[0].lens = 'amqp';
    localStorage.setItem(`${TABS_KEY_PREFIX}A`, JSON.stringify(saved));
    await openAs('A');
    expect(useTabsStore.getState().tabs[0]).toMatchObject({ id, lens: null });
  });

  it('leave recorded tabs out when their frames are only in memory', async () => {
    await openAs('A');
    const [welcome] = tabIds();
    useTabsStore.getState().openTab({ recorded: { title: 'feed.har', archiveId: null } });
    leave();
    expect(stored('A').tabs.map((t: Tab) => t.id)).toEqual([welcome]);
    expect(stored('A').activeTabId).toBeNull();
  });

  it('keep recorded tabs that show an archived session, and bring them back with it', async () => {
    await openAs('A');
    const id = useTabsStore.getState().openTab({ recorded: { title: 'feed.har', archiveId: 'session-1' } });
    leave();

    await openAs('A');
    const restored = useTabsStore.getState().tabs.find((t) => t.id === id);
    expect(restored?.recorded).toEqual({ title: 'feed.har', archiveId: 'session-1' });
    expect(useTabsStore.getState().activeTabId).toBe(id);
  });

  it('keep drafts above 256 KiB in IndexedDB rather than localStorage, and bring them back', async () => {
    const big = 'x'.repeat(MAX_STORED_DRAFT_CHARS + 1);
    await openAs('A');
    useTabsStore.setState({ tabs: [tab('small'), tab('big', big)], activeTabId: 'big' });
    leave();
    expect(localStorage.getItem(`${TABS_KEY_PREFIX}A`)?.length).toBeLessThan(10_000);
    await vi.waitFor(async () => {
      const drafts = await loadDrafts(['big']);
      expect(drafts.ok && drafts.value.get('big')).toBe(big);
    });

    await openAs('A');
    expect(useTabsStore.getState().tabs.map((t) => t.message.length)).toEqual([
      'draft of small'.length,
      big.length,
    ]);
    expect(useTabsStore.getState().saveError).toBeNull();
  });
});
