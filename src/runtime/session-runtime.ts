import { createBrowserSocket } from '@/adapters/browser-websocket';
import { createBrowserFlushScheduler } from '@/adapters/frame-scheduler';
import { createSessionDriver, type SessionDriver } from '@/core/session/session-driver';
import type { SessionEvent } from '@/core/session/session-events';
import { err, type Result } from '@/core/shared/result';
import { createTimeline, type Timeline } from '@/core/timeline/timeline';
import { useSessionsStore } from '@/stores/sessions-store';
import { useWorkspaceStore } from '@/stores/workspace-store';

interface LiveSession {
  driver: SessionDriver;
  timeline: Timeline;
  protocol: string;
  extensions: string;
  unsubscribe: () => void;
}

/** Live sockets and their timelines, by tab id. Nothing here is React or store state. */
const sessions = new Map<string, LiveSession>();

function ensureSession(tabId: string): LiveSession {
  const existing = sessions.get(tabId);
  if (existing) return existing;

  const driver = createSessionDriver({ createSocket: createBrowserSocket, pageProtocol: location.protocol });
  const timeline = createTimeline({
    cap: useWorkspaceStore.getState().settings.timelineCap,
    scheduler: createBrowserFlushScheduler(),
  });
  const session: LiveSession = { driver, timeline, protocol: '', extensions: '', unsubscribe: () => {} };

  const stopEvents = driver.subscribe((event: SessionEvent) => {
    if (event.kind === 'open') {
      session.protocol = event.protocol;
      session.extensions = event.extensions;
    } else if (event.kind === 'connecting') {
      session.protocol = '';
      session.extensions = '';
    }
    timeline.push(event);
  });
  const stopFlushes = timeline.subscribe(() => publish(tabId, session));
  session.unsubscribe = () => {
    stopEvents();
    stopFlushes();
  };
  sessions.set(tabId, session);
  return session;
}

/** Copies what the UI needs into the sessions store: once per timeline flush, never once per message. */
function publish(tabId: string, session: LiveSession): void {
  const { driver, timeline } = session;
  useSessionsStore.getState().setView(tabId, {
    state: driver.state,
    protocol: session.protocol,
    extensions: session.extensions,
    stats: { ...timeline.stats },
    revision: timeline.revision,
    length: timeline.length,
    dropped: timeline.dropped,
  });
}

/** Opens (or reopens) the tab's socket. An invalid URL is reported and opens nothing. */
export function connect(tabId: string, url: string, protocols: string[]): Result<void, string> {
  return ensureSession(tabId).driver.connect(url, protocols);
}

/** Sends exactly these bytes on the tab's open socket. */
export function send(tabId: string, data: string | ArrayBuffer | Uint8Array): Result<void, string> {
  const session = sessions.get(tabId);
  if (!session) return err('Not connected: press Connect first.');
  return session.driver.send(data);
}

/** Starts the closing handshake with an optional code and reason; safe to call when already closed. */
export function disconnect(tabId: string, options: { code?: number | null; reason?: string } = {}) {
  const session = sessions.get(tabId);
  if (!session) return { ok: true as const, value: undefined };
  return session.driver.close(options);
}

/** The tab's timeline, created on first use so views can subscribe before a connection exists. */
export function getTimeline(tabId: string): Timeline {
  return ensureSession(tabId).timeline;
}

/** Empties the tab's visible timeline (the connection's counters stay). */
export function clearTimeline(tabId: string): void {
  const session = sessions.get(tabId);
  if (!session) return;
  session.timeline.clear();
  publish(tabId, session);
}

/** Applies a new cap to every live timeline (the workspace setting drives it, below). */
function setTimelineCap(cap: number): void {
  for (const [tabId, session] of sessions) {
    session.timeline.setCap(cap);
    publish(tabId, session);
  }
}

// Live timelines follow the setting as soon as it changes.
useWorkspaceStore.subscribe((state, previous) => {
  if (state.settings.timelineCap !== previous.settings.timelineCap)
    setTimelineCap(state.settings.timelineCap);
});

/** Closes the tab's socket and forgets its timeline (the tab was closed). */
export function disposeSession(tabId: string): void {
  const session = sessions.get(tabId);
  if (!session) return;
  session.unsubscribe();
  session.driver.dispose();
  session.timeline.dispose();
  sessions.delete(tabId);
  useSessionsStore.getState().removeView(tabId);
}
