// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKSPACE_VERSION } from '@/core/workspace/workspace';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import {
  backUpUnreadableWorkspace,
  startPersistence,
  TABS_KEY,
  WORKSPACE_KEY,
} from './workspace-persistence';

let stop: () => void = () => {};

beforeEach(() => {
  localStorage.clear();
  useWorkspaceStore.setState({
    collections: [],
    connections: [],
    lastDeletion: null,
    saveError: null,
    loadStatus: { kind: 'loaded' },
  });
  useTabsStore.setState({ tabs: [], activeTabId: null });
});

afterEach(() => {
  stop();
  vi.restoreAllMocks();
});

describe('workspace persistence', () => {
  it('opens a welcome tab on a first visit and saves what the user creates, versioned', () => {
    stop = startPersistence();
    expect(useTabsStore.getState().tabs).toHaveLength(1);
    expect(useTabsStore.getState().tabs[0]?.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/echo$/);

    const id = useWorkspaceStore
      .getState()
      .createConnection({ name: 'Chat', url: 'ws://x/chat', protocols: [] });
    useWorkspaceStore.getState().addTemplate(id, { name: 'Hi', format: 'text', body: ' exact\n' });

    const stored = JSON.parse(localStorage.getItem(WORKSPACE_KEY) ?? 'null');
    expect(stored.version).toBe(WORKSPACE_VERSION);
    expect(stored.workspace.connections[0].templates[0].body).toBe(' exact\n');
  });

  it('restores saved connections and open tabs', () => {
    localStorage.setItem(
      WORKSPACE_KEY,
      JSON.stringify({
        version: WORKSPACE_VERSION,
        workspace: {
          connections: [{ id: 'c1', name: 'Saved', url: 'ws://a/', protocols: ['p'], templates: [] }],
          settings: { timelineCap: 500 },
        },
      }),
    );
    const tab = {
      id: 't1',
      connectionId: 'c1',
      url: 'ws://a/',
      protocolsText: 'p',
      message: 'm',
      format: 'text',
    };
    localStorage.setItem(TABS_KEY, JSON.stringify({ version: 1, tabs: [tab], activeTabId: 't1' }));
    stop = startPersistence();
    expect(useWorkspaceStore.getState().connections.map((c) => c.name)).toEqual(['Saved']);
    expect(useWorkspaceStore.getState().settings.timelineCap).toBe(500);
    expect(useTabsStore.getState()).toMatchObject({ tabs: [tab], activeTabId: 't1' });
  });

  it('never overwrites stored data it cannot read, until the user keeps a backup', () => {
    const future = JSON.stringify({
      version: WORKSPACE_VERSION + 1,
      workspace: { connections: 'new shape' },
    });
    localStorage.setItem(WORKSPACE_KEY, future);
    stop = startPersistence();
    expect(useWorkspaceStore.getState().loadStatus).toMatchObject({ kind: 'blocked' });

    useWorkspaceStore.getState().createConnection({ name: 'New', url: 'ws://n/', protocols: [] });
    expect(localStorage.getItem(WORKSPACE_KEY)).toBe(future);

    expect(backUpUnreadableWorkspace()).toBeNull();
    const backupKey = Object.keys(localStorage).find((key) => key.startsWith(`${WORKSPACE_KEY}.unreadable-`));
    expect(backupKey && localStorage.getItem(backupKey)).toBe(future);
    expect(JSON.parse(localStorage.getItem(WORKSPACE_KEY) ?? 'null').workspace.connections[0].name).toBe(
      'New',
    );
  });

  it('reports a full storage quota and keeps the change in memory', () => {
    stop = startPersistence();
    const quota = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    useWorkspaceStore.getState().createConnection({ name: 'Big', url: 'ws://b/', protocols: [] });
    expect(useWorkspaceStore.getState().connections.map((c) => c.name)).toEqual(['Big']);
    expect(useWorkspaceStore.getState().saveError).toMatch(/storage is full/);

    quota.mockRestore();
    useWorkspaceStore.getState().updateConnection(useWorkspaceStore.getState().connections[0]?.id ?? '', {
      name: 'Big 2',
    });
    expect(useWorkspaceStore.getState().saveError).toBeNull();
  });
});
