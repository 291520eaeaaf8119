// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordedTimeline } from '@/core/collection/collection-document';
import type { SessionEvent } from '@/core/session/session-events';
import { useSessionsStore } from '@/stores/sessions-store';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import { countFrames, openRecordedTimeline } from './recorded-timelines';
import {
  connect,
  disconnect,
  disposeSession,
  findTimeline,
  getTimelineEvents,
  isRecordedTimeline,
  send,
  sendDraft,
  startHeartbeat,
} from './session-runtime';
import { createConnection } from './commands/workspace-commands';

const T0 = Date.UTC(2025, 0, 7, 9, 0, 0);

function recordedEvents(): SessionEvent[] {
  return [
    {
      kind: 'connecting',
      at: T0,
      sinceOpen: null,
      url: 'ws://recorded.example:9000/feed',
      protocols: ['json'],
    },
    { kind: 'open', at: T0 + 12, sinceOpen: 0, protocol: 'json', extensions: '', openMs: 12 },
    {
      kind: 'message',
      at: T0 + 20,
      sinceOpen: 8,
      direction: 'out',
      format: 'text',
      data: '<b>hi</b>',
      size: 9,
    },
    {
      kind: 'message',
      at: T0 + 25,
      sinceOpen: 13,
      direction: 'in',
      format: 'binary',
      data: new Uint8Array([1, 2, 3]).buffer,
      size: 3,
    },
    {
      kind: 'close',
      at: T0 + 40,
      sinceOpen: 28,
      code: 1000,
      reason: 'done',
      wasClean: true,
      initiator: 'server',
      durationMs: 28,
    },
  ];
}

let savedId = '';
let opened: string[] = [];

function open(recorded: RecordedTimeline): string {
  const id = openRecordedTimeline(recorded);
  opened.push(id);
  return id;
}

beforeEach(() => {
  localStorage.clear();
  resetWorkspaceStore();
  useTabsStore.setState({ tabs: [], activeTabId: null });
  savedId =
    createConnection({ name: 'Live feed', url: 'ws://saved.example/feed', protocols: ['json', 'text'] }) ??
    '';
});

afterEach(() => {
  for (const id of opened) disposeSession(id);
  opened = [];
  vi.unstubAllGlobals();
});

describe('openRecordedTimeline', () => {
  it('opens and focuses a read-only tab whose timeline already holds every event, in order', () => {
    const events = recordedEvents();
    const id = open({ connectionId: savedId, title: 'feed.har #1', events });

    const { tabs, activeTabId } = useTabsStore.getState();
    expect(activeTabId).toBe(id);
    expect(tabs.find((t) => t.id === id)).toMatchObject({
      connectionId: savedId,
      url: 'ws://recorded.example:9000/feed',
      protocolsText: 'json',
      recorded: { title: 'feed.har #1' },
    });
    expect(isRecordedTimeline(id)).toBe(true);

    const timeline = findTimeline(id)!;
    expect(timeline.length).toBe(events.length);
    expect(getTimelineEvents(id)).toEqual(events);
    // The same payloads: nothing was copied or re-encoded on the way in.
    const stored = timeline.get(3)?.event;
    const original = events[3];
    expect(stored?.kind === 'message' && original?.kind === 'message' && stored.data === original.data).toBe(
      true,
    );
    expect(useSessionsStore.getState().views[id]).toMatchObject({
      state: 'idle',
      length: events.length,
      dropped: 0,
      stats: { sent: 1, received: 1, sentBytes: 9, receivedBytes: 3 },
    });
  });

  it('keeps the whole recording even when it is longer than the live timeline limit', () => {
    const { workspace } = useWorkspaceStore.getState();
    resetWorkspaceStore({ ...workspace, settings: { ...workspace.settings, timelineCap: 2 } });
    const id = open({ connectionId: savedId, title: 'long', events: recordedEvents() });
    expect(findTimeline(id)?.length).toBe(5);
    expect(findTimeline(id)?.dropped).toBe(0);
  });

  it('falls back to the saved connection for the address when the recording has no connect event', () => {
    const events = recordedEvents().filter((e) => e.kind !== 'connecting');
    const id = open({ connectionId: savedId, title: 'partial', events });
    expect(useTabsStore.getState().tabs.find((t) => t.id === id)).toMatchObject({
      url: 'ws://saved.example/feed',
      protocolsText: 'json, text',
    });
  });

  it('opens an empty recording too', () => {
    const id = open({ connectionId: savedId, title: 'empty', events: [] });
    expect(findTimeline(id)?.length).toBe(0);
    expect(countFrames(getTimelineEvents(id))).toBe(0);
  });

  it('never opens a socket or sends: every way in says the tab is read-only', () => {
    const sockets = vi.fn();
    vi.stubGlobal('WebSocket', sockets);
    const id = open({ connectionId: savedId, title: 'feed', events: recordedEvents() });

    expect(connect(id, 'ws://127.0.0.1:8787/echo', [])).toMatchObject({ ok: false, error: /read-only/ });
    expect(send(id, 'hello')).toMatchObject({ ok: false, error: /read-only/ });
    expect(sendDraft(id, { format: 'text', body: 'hello' })).toMatchObject({
      ok: false,
      error: { kind: 'error', message: /read-only/ },
    });
    expect(startHeartbeat(id)).toMatchObject({ ok: false, error: /read-only/ });
    expect(disconnect(id)).toMatchObject({ ok: true });
    expect(sockets).not.toHaveBeenCalled();
    expect(useSessionsStore.getState().views[id]?.state).toBe('idle');
    expect(findTimeline(id)?.length).toBe(5);
  });

  it('leaves the saved connection its own live tab: Open connection opens one, then focuses it', () => {
    const id = open({ connectionId: savedId, title: 'feed', events: recordedEvents() });
    const input = { connectionId: savedId, url: 'ws://saved.example/feed', protocolsText: 'json, text' };

    const live = useTabsStore.getState().openConnection(input);
    expect(live).not.toBe(id);
    expect(useTabsStore.getState().tabs.find((t) => t.id === live)?.recorded).toBeNull();
    expect(isRecordedTimeline(live)).toBe(false);

    useTabsStore.getState().activate(id);
    expect(useTabsStore.getState().openConnection(input)).toBe(live);
    expect(useTabsStore.getState().activeTabId).toBe(live);
    expect(useTabsStore.getState().tabs).toHaveLength(2);
  });

  it('forgets the recording when its tab is closed', () => {
    const id = open({ connectionId: savedId, title: 'feed', events: recordedEvents() });
    disposeSession(id);
    expect(isRecordedTimeline(id)).toBe(false);
    expect(useSessionsStore.getState().views[id]).toBeUndefined();
  });

  it('counts sent and received frames, not lifecycle events', () => {
    expect(countFrames(recordedEvents())).toBe(2);
  });
});
