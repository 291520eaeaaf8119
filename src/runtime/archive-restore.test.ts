// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionEvents, T0 } from '@/core/archive/archive.test-support';
import type { SessionEvent } from '@/core/session/session-events';

/** A fresh copy of the app's modules, as after a reload; IndexedDB (the archive) is what survives. */
async function loadApp() {
  vi.resetModules();
  const [archive, restore, runtime, tabs, sessions, workspace, db, recorded] = await Promise.all([
    import('./session-archive'),
    import('./archive-restore'),
    import('./session-runtime'),
    import('@/stores/tabs-store'),
    import('@/stores/sessions-store'),
    import('@/stores/workspace-store.test-support'),
    import('@/adapters/session-archive-db'),
    import('./recorded-timelines'),
  ]);
  workspace.resetWorkspaceStore();
  await archive.startSessionArchive();
  return { archive, restore, runtime, tabs, sessions, workspace, db, recorded };
}

const kinds = (events: readonly SessionEvent[]) => events.map((e) => e.kind);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('after a reload', () => {
  it('a live tab’s timeline is refilled from its archived sessions, idle and with no socket, and nothing is archived twice', async () => {
    const before = await loadApp();
    const first = connectionEvents(T0, ['one', 'one']);
    const second = connectionEvents(T0 + 100, ['two', 'two']);
    for (const event of [...first, ...second]) before.archive.archiveEvent('tab-1', event);
    for (const event of connectionEvents(T0 + 50, ['elsewhere'])) before.archive.archiveEvent('tab-2', event);
    await before.archive.flushArchive();
    await before.db.closeArchiveDatabase();

    const after = await loadApp();
    after.tabs.useTabsStore.setState({
      tabs: [{ ...after.tabs.createWelcomeTab(), id: 'tab-1' }],
      activeTabId: 'tab-1',
    });
    expect(after.runtime.findTimeline('tab-1')).toBeNull();
    await after.restore.restoreTabsFromArchive();

    const events = after.runtime.getTimelineEvents('tab-1');
    expect(kinds(events)).toEqual(kinds([...first, ...second]));
    expect(events.filter((e) => e.kind === 'message').map((e) => e.kind === 'message' && e.data)).toEqual([
      'one',
      'one',
      'two',
      'two',
    ]);
    expect(after.sessions.useSessionsStore.getState().views['tab-1']?.state).toBe('idle');
    expect(after.runtime.isRecordedTimeline('tab-1')).toBe(false);
    await after.archive.flushArchive();
    const listed = await after.db.listArchivedSessions();
    expect(listed.ok && listed.value).toHaveLength(3);
    after.runtime.disposeSession('tab-1');
    await after.db.closeArchiveDatabase();
  });

  it('keeps only the newest events up to the timeline cap', async () => {
    const before = await loadApp();
    const events = connectionEvents(
      T0,
      Array.from({ length: 300 }, (_, i) => `m${i}`),
    );
    for (const event of events) before.archive.archiveEvent('tab-1', event);
    await before.archive.flushArchive();
    await before.db.closeArchiveDatabase();

    const after = await loadApp();
    const { workspace } = (await import('@/stores/workspace-store')).useWorkspaceStore.getState();
    after.workspace.resetWorkspaceStore({
      ...workspace,
      settings: { ...workspace.settings, timelineCap: 100 },
    });
    after.tabs.useTabsStore.setState({
      tabs: [{ ...after.tabs.createWelcomeTab(), id: 'tab-1' }],
      activeTabId: 'tab-1',
    });
    await after.restore.restoreTabsFromArchive();
    const restored = after.runtime.getTimelineEvents('tab-1');
    expect(restored).toHaveLength(100);
    expect(restored.at(-1)?.kind).toBe('close');
    after.runtime.disposeSession('tab-1');
    await after.db.closeArchiveDatabase();
  });

  it('a recorded tab opened from History shows its session again, read-only', async () => {
    const before = await loadApp();
    const [recording] = before.archive.archiveRecordings([
      { connectionId: 'c1', title: 'feed.har', events: connectionEvents(T0, ['r1', 'r2']) },
    ]);
    const archiveId = recording?.archiveId ?? 'not archived';
    await vi.waitFor(async () => {
      const read = await before.db.readArchivedSession(archiveId);
      expect(read.ok && read.value).toBeTruthy();
    });
    await before.db.closeArchiveDatabase();

    const after = await loadApp();
    after.tabs.useTabsStore.setState({
      tabs: [
        {
          ...after.tabs.createWelcomeTab(),
          id: 'rec',
          recorded: { title: 'feed.har', archiveId },
        },
      ],
      activeTabId: 'rec',
    });
    await after.restore.restoreTabsFromArchive();
    expect(after.runtime.isRecordedTimeline('rec')).toBe(true);
    expect(after.recorded.countFrames(after.runtime.getTimelineEvents('rec'))).toBe(2);
    expect(after.runtime.connect('rec', 'ws://127.0.0.1:1/', [])).toMatchObject({ ok: false });
    after.runtime.disposeSession('rec');
    await after.db.closeArchiveDatabase();
  });

  it('a recorded tab whose session was deleted from History stays, empty, and says why', async () => {
    const before = await loadApp();
    await before.db.closeArchiveDatabase();
    const after = await loadApp();
    after.tabs.useTabsStore.setState({
      tabs: [
        {
          ...after.tabs.createWelcomeTab(),
          id: 'rec',
          recorded: { title: 'feed.har', archiveId: 'deleted-session' },
        },
      ],
      activeTabId: 'rec',
    });
    await after.restore.restoreTabsFromArchive();
    expect(after.runtime.isRecordedTimeline('rec')).toBe(true);
    expect(after.runtime.getTimelineEvents('rec')).toEqual([]);
    const { useArchiveStore } = await import('@/stores/archive-store');
    expect(useArchiveStore.getState().unrestored).toEqual({
      rec: 'This session was deleted from History, so there is nothing to show.',
    });
    after.runtime.disposeSession('rec');
    await after.db.closeArchiveDatabase();
  });

  it('a recorded tab of a session larger than a timeline keeps reads only the newest events, and counts the rest as dropped', async () => {
    const before = await loadApp();
    const [recording] = before.archive.archiveRecordings([
      {
        connectionId: 'c1',
        title: 'long.har',
        events: connectionEvents(
          T0,
          Array.from({ length: 30 }, (_, i) => `frame ${i}`),
        ),
      },
    ]);
    const archiveId = recording?.archiveId ?? 'not archived';
    await vi.waitFor(async () => {
      const read = await before.db.readArchivedSession(archiveId);
      expect(read.ok && read.value).toBeTruthy();
    });
    await before.db.closeArchiveDatabase();

    const after = await loadApp();
    const { useWorkspaceStore } = await import('@/stores/workspace-store');
    const current = useWorkspaceStore.getState().workspace;
    useWorkspaceStore.setState({
      workspace: { ...current, settings: { ...current.settings, timelineCap: 10 } },
    });
    after.tabs.useTabsStore.setState({
      tabs: [{ ...after.tabs.createWelcomeTab(), id: 'rec', recorded: { title: 'long.har', archiveId } }],
      activeTabId: 'rec',
    });
    await after.restore.restoreTabsFromArchive();
    const events = after.runtime.getTimelineEvents('rec');
    expect(events).toHaveLength(10);
    expect(events.at(-1)?.kind).toBe('close');
    expect(after.sessions.useSessionsStore.getState().views['rec']?.dropped).toBe(33 - 10);
    after.runtime.disposeSession('rec');
    await after.db.closeArchiveDatabase();
  });
});
