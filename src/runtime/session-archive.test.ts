// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  closeArchiveDatabase,
  listArchivedSessions,
  readArchivedSession,
} from '@/adapters/session-archive-db';
import type { ArchiveSink } from '@/core/archive/archive-writer';
import { connectionEvents, T0 } from '@/core/archive/archive.test-support';
import { ok } from '@/core/shared/result';
import { useArchiveStore } from '@/stores/archive-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import { DEFAULT_SETTINGS } from '@/core/workspace/workspace';
import {
  archiveEvent,
  endArchiveSession,
  enforceArchiveLimits,
  flushArchive,
  resetSessionArchiveForTests,
  startSessionArchive,
} from './session-archive';

let stop: () => void = () => {};

beforeEach(async () => {
  await closeArchiveDatabase();
  globalThis.indexedDB = new IDBFactory();
  resetWorkspaceStore();
  resetSessionArchiveForTests();
});

afterEach(() => {
  stop();
  stop = () => {};
  vi.useRealTimers();
});

function spySink() {
  const sink: ArchiveSink = { append: vi.fn(async () => ok(undefined)) };
  return sink;
}

const timers = {
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (id: unknown) => clearTimeout(id as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

function hide() {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
}

describe('archiving a tab’s events', () => {
  it('does no write per event: one append per batch, and one at once when the page is hidden', async () => {
    stop = await startSessionArchive();
    vi.useFakeTimers();
    const sink = spySink();
    resetSessionArchiveForTests(sink, timers);
    const events = connectionEvents(
      T0,
      Array.from({ length: 1000 }, (_, i) => `frame ${i}`),
    );
    for (const event of events.slice(0, 600)) archiveEvent('tab-1', event);
    expect(sink.append).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(sink.append).toHaveBeenCalledTimes(1);

    for (const event of events.slice(600)) archiveEvent('tab-1', event);
    hide();
    expect(sink.append).toHaveBeenCalledTimes(2);
    const [summary, chunk] = vi.mocked(sink.append).mock.calls[1]!;
    expect(chunk.index).toBe(1);
    expect(summary).toMatchObject({ tabId: 'tab-1', events: events.length, closed: true, closeCode: 1000 });
  });

  it('starts a new session at every connecting (a reconnect too), marks the connected one live, and ignores events before any', async () => {
    stop = await startSessionArchive();
    const first = connectionEvents(T0, ['a'], 1006);
    const second = connectionEvents(T0 + 100, ['b', 'c']);
    archiveEvent('tab-1', { kind: 'error', at: T0 - 1, sinceOpen: null, message: 'stray' });
    for (const event of first) archiveEvent('tab-1', event);
    archiveEvent('tab-1', {
      kind: 'reconnect',
      phase: 'scheduled',
      at: T0 + 50,
      sinceOpen: null,
      attempt: 1,
      maxAttempts: null,
      delayMs: 50,
    });
    for (const event of second.slice(0, 3)) archiveEvent('tab-1', event);
    expect(useArchiveStore.getState().liveIds).toHaveLength(1);
    for (const event of second.slice(3)) archiveEvent('tab-1', event);
    expect(useArchiveStore.getState().liveIds).toEqual([]);
    await flushArchive();

    const listed = await listArchivedSessions();
    expect(listed.ok && listed.value.map((s) => [s.events, s.closeCode])).toEqual([
      [second.length, 1000],
      [first.length + 1, 1006],
    ]);
    const older = listed.ok ? listed.value[1]! : null;
    const read = await readArchivedSession(older?.id ?? '');
    expect(read.ok && read.value?.events.map((e) => e.kind)).toEqual([
      ...first.map((e) => e.kind),
      'reconnect',
    ]);
  });

  it('evicts the oldest sessions past the limit with a notice, never the connected one', async () => {
    stop = await startSessionArchive();
    for (let i = 0; i < 3; i++) {
      for (const event of connectionEvents(T0 + i * 100, ['x'])) archiveEvent(`tab-${i}`, event);
      endArchiveSession(`tab-${i}`);
    }
    // Still connected: no close yet.
    for (const event of connectionEvents(T0 - 1000, ['live']).slice(0, 3)) archiveEvent('tab-live', event);
    await flushArchive();
    const { workspace } = useWorkspaceStore.getState();
    resetWorkspaceStore({ ...workspace, settings: { ...DEFAULT_SETTINGS, archiveMaxSessions: 2 } });

    expect(await enforceArchiveLimits()).toBe(2);
    const listed = await listArchivedSessions();
    expect(listed.ok && listed.value.map((s) => s.startedAt)).toEqual([T0 + 200, T0 - 1000]);
    expect(useArchiveStore.getState().notice).toBe(
      'Removed 2 oldest sessions to stay under the archive limit.',
    );
  });

  it('says History is off when IndexedDB cannot be used, and keeps taking events without throwing', async () => {
    await closeArchiveDatabase();
    // @ts-expect-error -- a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      stop = await startSessionArchive();
      expect(useArchiveStore.getState().off).toBe('this browser has no IndexedDB');
      for (const event of connectionEvents(T0, ['x'])) archiveEvent('tab-1', event);
      await flushArchive();
    } finally {
      globalThis.indexedDB = new IDBFactory();
    }
  });

  it('stops recording a session at a quota error, with a notice naming it', async () => {
    stop = await startSessionArchive();
    resetSessionArchiveForTests({
      append: async () => ({ ok: false, error: { kind: 'quota', message: "the browser's storage is full" } }),
    });
    for (const event of connectionEvents(T0, ['x']).slice(0, 2)) archiveEvent('tab-1', event);
    await flushArchive();
    expect(useArchiveStore.getState().notice).toBe(
      "History stopped recording “127.0.0.1:8787/echo”: the browser's storage is full. Its timeline stays in its tab.",
    );
    expect(useArchiveStore.getState().liveIds).toEqual([]);
  });
});
