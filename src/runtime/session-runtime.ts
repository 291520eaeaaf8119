import { createAppSocket } from '@/adapters/worker-socket';
import { createBrowserFlushScheduler } from '@/adapters/frame-scheduler';
import { probeHttp } from '@/adapters/http-probe';
import type { MessageDraft } from '@/core/codec/message-payload';
import {
  createHandshakeFailureExplainer,
  PROBE_TIMEOUT_MS,
  type HandshakeFailureExplainer,
} from '@/core/session/handshake-failure';
import { createSessionAutomation, type SessionAutomation } from '@/core/session/session-automation';
import { createSessionDriver, type SessionDriver } from '@/core/session/session-driver';
import type { SessionEvent } from '@/core/session/session-events';
import { createListenerSet } from '@/core/shared/listener-set';
import { err, ok, type Result } from '@/core/shared/result';
import type { ExpandedJsonProblem } from '@/core/template/expanded-json';
import type { Secret } from '@/core/template/secret-redaction';
import {
  createTimeline,
  DEFAULT_TIMELINE_MAX_BYTES,
  type Timeline,
  type TimelineEntry,
} from '@/core/timeline/timeline';
import { useSessionsStore } from '@/stores/sessions-store';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { automationSettingsFor, templatePayload } from './automation-settings';
import { resolveDraft, unresolvedNames } from './message-resolution';
import { archiveEvent, endArchiveSession } from './session-archive';
import { forgetSecrets, rememberSecrets } from './session-secrets';
import type { LensOptions } from '@/core/protocol/lens';
import type { LensSessionHost } from '@/core/protocol/lens-session';
import { attachLens, detachLens, effectiveLens, observeLensEvent, type LensHostFactory } from './tab-lenses';

/** A tab with a socket: it connects, sends and runs automation. */
interface LiveSession {
  kind: 'live';
  driver: SessionDriver;
  automation: SessionAutomation;
  /** Between the automation and the timeline: explains failed handshakes with one HTTP probe. */
  explainer: HandshakeFailureExplainer;
  timeline: Timeline;
  protocol: string;
  extensions: string;
  /** `{{$counter}}`: how many sends this connection has made (reset by a manual connect). */
  counter: number;
  unsubscribe: () => void;
}

/** Why a manual send did not happen: a message for the user, or names to confirm first. */
/**
 * Why a draft was not sent: an error, or something the user should agree to first (names no environment
 * defines, JSON that does not parse once expanded).
 */
export type SendProblem =
  | { kind: 'error'; message: string }
  | { kind: 'confirm'; unresolved: string[]; invalidJson: ExpandedJsonProblem | null };

/**
 * A timeline recorded elsewhere (a HAR import). It has no driver, so no code path from such a tab can open a
 * socket or send: that is the read-only guarantee, not a flag the UI has to honour.
 */
interface RecordedSession {
  kind: 'recorded';
  timeline: Timeline;
  /** The subprotocol the recording's server negotiated, which a lens may be detected from. */
  protocol: string;
}

/** What the runtime holds for one tab. */
type TabSession = LiveSession | RecordedSession;

/**
 * Every tab's session, by tab id. A session exists because a command made it (connect, a heartbeat, opening a
 * recording), never because a view rendered. Nothing here is React or store state.
 */
const sessions = new Map<string, TabSession>();

// Told when a session appears or goes, so views holding a tab's timeline can pick it up (useSyncExternalStore).
const sessionListeners = createListenerSet<void>();

function liveSession(tabId: string): LiveSession | undefined {
  const session = sessions.get(tabId);
  return session?.kind === 'live' ? session : undefined;
}

function isRecorded(tabId: string): boolean {
  return sessions.get(tabId)?.kind === 'recorded';
}

const READ_ONLY = 'This is a recorded timeline: it is read-only. Open its connection to connect and send.';

/** Never asked to run: a recorded timeline is flushed by hand, once, right after its events are pushed. */
const manualFlushes = { request: () => {}, cancel: () => {} };

const browserTimers = {
  setTimeout: (callback: () => void, ms: number) => window.setTimeout(callback, ms),
  clearTimeout: (id: unknown) => window.clearTimeout(id as number),
  now: () => performance.timeOrigin + performance.now(),
};

function ensureLiveSession(tabId: string): LiveSession {
  const existing = sessions.get(tabId);
  if (existing?.kind === 'live') return existing;
  if (existing) throw new Error(`Tab ${tabId} is a recorded timeline: it has no socket.`);

  const driver = createSessionDriver({ createSocket: createAppSocket, pageProtocol: location.protocol });
  const automation = createSessionAutomation({ driver, timers: browserTimers });
  const timeline = createTimeline({
    cap: useWorkspaceStore.getState().workspace.settings.timelineCap,
    scheduler: createBrowserFlushScheduler(),
  });
  const explainer = createHandshakeFailureExplainer({
    probe: (url) => probeHttp(url, { timeoutMs: PROBE_TIMEOUT_MS }),
    emit: (event) => {
      timeline.push(event);
      archiveEvent(tabId, event);
    },
  });
  const session: LiveSession = {
    kind: 'live',
    driver,
    automation,
    explainer,
    timeline,
    protocol: '',
    extensions: '',
    counter: 0,
    unsubscribe: () => {},
  };

  const stopEvents = automation.subscribe((event: SessionEvent) => {
    if (event.kind === 'open') {
      session.protocol = event.protocol;
      session.extensions = event.extensions;
      // Before the open is on the timeline: a lens the negotiated subprotocol calls for starts with this open.
      syncLens(tabId);
    } else if (event.kind === 'connecting') {
      session.protocol = '';
      session.extensions = '';
    }
    explainer.push(event);
    observeLensEvent(tabId, event);
  });
  const stopFlushes = timeline.subscribe(() => publish(tabId, session));
  session.unsubscribe = () => {
    stopEvents();
    stopFlushes();
  };
  sessions.set(tabId, session);
  sessionListeners.emit();
  return session;
}

/** A live tab's lens sends through its automation (tagged `auto`) and keeps time with the page's timers. */
function lensHost(session: LiveSession): LensSessionHost {
  return {
    sendAutomatic: (data) => {
      // A failed protocol reply (the socket just closed) needs no telling: the close is on the timeline.
      session.automation.sendForProtocol(data);
    },
    setTimeout: browserTimers.setTimeout,
    clearTimeout: browserTimers.clearTimeout,
    now: browserTimers.now,
  };
}

function hostFor(session: TabSession): LensHostFactory {
  return session.kind === 'live' ? () => lensHost(session) : null;
}

// What the timeline holds, pending events included, for a lens that starts mid-session.
function historyOf(tabId: string, session: TabSession): () => readonly SessionEvent[] {
  return () => {
    session.timeline.flush();
    return getTimelineEvents(tabId);
  };
}

/** Puts the tab on the lens its fields call for now (after a pick, a typed URL, a negotiated subprotocol). */
export function syncLens(tabId: string): void {
  const session = sessions.get(tabId);
  if (!session) return;
  void attachLens(tabId, effectiveLens(tabId, session.protocol), {
    history: historyOf(tabId, session),
    host: hostFor(session),
  });
}

/** Copies what the UI needs into the sessions store: once per timeline flush, never once per message. */
function publish(tabId: string, session: LiveSession): void {
  const { automation, timeline } = session;
  useSessionsStore.getState().setView(tabId, {
    state: automation.state,
    protocol: session.protocol,
    extensions: session.extensions,
    stats: timeline.stats,
    totals: timeline.totals,
    revision: timeline.revision,
    length: timeline.length,
    dropped: timeline.dropped,
    reconnectAt: automation.reconnect.pending ? automation.reconnect.nextAt : null,
    heartbeatEveryMs: automation.interval?.everyMs ?? null,
  });
}

/**
 * Creates the tab's timeline already holding these events, with no socket behind it. Every later attempt to
 * connect, send or run automation on the tab fails with a read-only message. Call it before the tab renders.
 */
export function createRecordedTimeline(
  tabId: string,
  events: readonly SessionEvent[],
  options: { omitted?: number } = {},
): Timeline {
  if (sessions.has(tabId)) throw new Error(`Tab ${tabId} already has a timeline.`);
  // Sized to the recording rather than the live limits: its events are already in memory, and a recording
  // that silently lost its start would misrepresent the file it came from. `omitted` older events were left
  // in the archive (see timelineReadLimit), and the timeline says so.
  const cap = Math.max(useWorkspaceStore.getState().workspace.settings.timelineCap, events.length);
  const timeline = createTimeline({
    cap,
    maxBytes: Number.MAX_SAFE_INTEGER,
    dropped: options.omitted ?? 0,
    scheduler: manualFlushes,
  });
  for (const event of events) timeline.push(event);
  timeline.flush();
  const opened = events.find((event) => event.kind === 'open');
  sessions.set(tabId, { kind: 'recorded', timeline, protocol: opened?.protocol ?? '' });
  sessionListeners.emit();
  syncLens(tabId);
  useSessionsStore.getState().setView(tabId, {
    state: 'idle',
    protocol: '',
    extensions: '',
    stats: timeline.stats,
    totals: timeline.totals,
    revision: timeline.revision,
    length: timeline.length,
    dropped: timeline.dropped,
    reconnectAt: null,
    heartbeatEveryMs: null,
  });
  return timeline;
}

/**
 * Gives a live tab back its timeline after a reload: a live session with no socket (state idle) whose timeline
 * already holds these events (from the archive). Connecting again appends as usual. Does nothing when the tab
 * already has a session (the user connected before the archive was read).
 */
export function restoreTimeline(tabId: string, events: readonly SessionEvent[]): void {
  if (sessions.has(tabId)) return;
  const session = ensureLiveSession(tabId);
  for (const event of events) session.timeline.push(event);
  session.timeline.flush();
  publish(tabId, session);
  syncLens(tabId);
}

/**
 * How much of an archived session a timeline reads back: what a live timeline keeps in memory, so a session
 * of many gigabytes cannot fill the page.
 */
export function timelineReadLimit(): { events: number; bytes: number } {
  return {
    events: useWorkspaceStore.getState().workspace.settings.timelineCap,
    bytes: DEFAULT_TIMELINE_MAX_BYTES,
  };
}

/** Whether the tab shows a recorded (read-only) timeline. */
export function isRecordedTimeline(tabId: string): boolean {
  return isRecorded(tabId);
}

function savedConnectionOf(tabId: string) {
  const tab = useTabsStore.getState().tabs.find((t) => t.id === tabId);
  return useWorkspaceStore.getState().workspace.connections.find((c) => c.id === tab?.connectionId);
}

function counterOf(session: LiveSession): () => number {
  return () => ++session.counter;
}

/**
 * Opens (or reopens) the tab's socket with its saved connection's automation. Nothing opens for a bad URL.
 * `secrets` are the secret values expanded into the URL and subprotocols: the timeline masks them from then on.
 */
export function connect(
  tabId: string,
  url: string,
  protocols: string[],
  options: { secrets?: readonly Secret[]; withoutAutomation?: boolean; lensOptions?: LensOptions } = {},
): Result<void, string> {
  if (isRecorded(tabId)) return err(READ_ONLY);
  const session = ensureLiveSession(tabId);
  // A fresh lens for a fresh connection, with this connect's handshake payload.
  void attachLens(tabId, effectiveLens(tabId, ''), {
    history: historyOf(tabId, session),
    host: hostFor(session),
    lensOptions: options.lensOptions ?? {},
    restart: true,
  });
  // A scenario sends only its own steps: no sends on open, heartbeat or reconnect around them.
  const connection = options.withoutAutomation ? undefined : savedConnectionOf(tabId);
  const settings = automationSettingsFor(tabId, connection, counterOf(session));
  const applied = session.automation.updateSettings(settings);
  if (!applied.ok) return applied;
  session.counter = 0;
  rememberSecrets(tabId, options.secrets ?? []);
  return session.automation.connect(url, protocols);
}

/** Re-reads the saved connection's automation settings (after the user changed them). */
export function refreshAutomation(tabId: string): Result<void, string> {
  const session = liveSession(tabId);
  if (!session) return ok(undefined);
  return session.automation.updateSettings(
    automationSettingsFor(tabId, savedConnectionOf(tabId), counterOf(session)),
  );
}

/** Sends exactly these bytes on the tab's open socket (resend, files). */
export function send(tabId: string, data: string | ArrayBuffer | Uint8Array): Result<void, string> {
  if (isRecorded(tabId)) return err(READ_ONLY);
  const session = liveSession(tabId);
  if (!session) return err('Not connected: press Connect first.');
  return session.automation.send(data);
}

/**
 * Sends a draft after expanding its `{{variables}}`. Unknown names and invalid JSON are returned for the user
 * to confirm, unless `confirmed` says they already did.
 */
export function sendDraft(
  tabId: string,
  draft: MessageDraft,
  options: { confirmed?: boolean } = {},
): Result<void, SendProblem> {
  if (isRecorded(tabId)) return err({ kind: 'error', message: READ_ONLY });
  const session = liveSession(tabId);
  if (!session) return err({ kind: 'error', message: 'Not connected: press Connect first.' });
  const resolved = resolveDraft(tabId, draft, { counter: session.counter + 1 });
  if (!resolved.ok) return err({ kind: 'error', message: `Not sent: ${resolved.error}` });
  const missing = unresolvedNames(resolved.value.unresolved);
  const { jsonProblem } = resolved.value;
  if ((missing.length > 0 || jsonProblem) && !options.confirmed) {
    return err({ kind: 'confirm', unresolved: missing, invalidJson: jsonProblem });
  }
  rememberSecrets(tabId, resolved.value.secrets);
  const sent = session.automation.send(resolved.value.payload);
  if (!sent.ok) return err({ kind: 'error', message: sent.error });
  session.counter++;
  return ok(undefined);
}

/** The `{{$counter}}` value the next send will use. */
export function peekCounter(tabId: string): number {
  return (liveSession(tabId)?.counter ?? 0) + 1;
}

/** Starts the saved heartbeat: its template every N ms while open, until stopped or disconnected. */
export function startHeartbeat(tabId: string): Result<void, string> {
  if (isRecorded(tabId)) return err(READ_ONLY);
  const session = ensureLiveSession(tabId);
  const connection = savedConnectionOf(tabId);
  const heartbeat = connection?.automation.heartbeat;
  if (!connection || !heartbeat) return err('Choose a heartbeat template and interval first.');
  return session.automation.startInterval({
    everyMs: heartbeat.everyMs,
    payload: templatePayload(tabId, connection.id, heartbeat.templateId, counterOf(session)),
  });
}

/** Stops the heartbeat, if one runs. */
export function stopHeartbeat(tabId: string): void {
  const session = liveSession(tabId);
  if (!session) return;
  session.automation.stopInterval();
  publish(tabId, session);
}

/** Starts the closing handshake (and cancels any pending reconnect); safe to call when already closed. */
export function disconnect(
  tabId: string,
  options: { code?: number | null; reason?: string } = {},
): Result<void, string> {
  const session = liveSession(tabId);
  if (!session) return ok(undefined);
  const closed = session.automation.disconnect(options);
  publish(tabId, session);
  return closed;
}

/** The tab's timeline, or null while no command has made its session (nothing connected or opened yet). */
export function findTimeline(tabId: string): Timeline | null {
  return sessions.get(tabId)?.timeline ?? null;
}

/** Calls `listener` whenever a tab's session is created or disposed; returns the unsubscribe function. */
export function subscribeSessions(listener: () => void): () => void {
  return sessionListeners.subscribe(listener);
}

/** The events of the tab's visible entries, oldest first: what an export writes. */
export function getTimelineEvents(tabId: string): SessionEvent[] {
  const timeline = findTimeline(tabId);
  if (!timeline) return [];
  const events: SessionEvent[] = new Array<SessionEvent>(timeline.length);
  for (let i = 0; i < timeline.length; i++) events[i] = (timeline.get(i) as TimelineEntry).event;
  return events;
}

/** Empties the tab's visible timeline (the connection's counters stay). A recorded timeline stays as it is. */
export function clearTimeline(tabId: string): void {
  const session = liveSession(tabId);
  if (!session) return;
  session.timeline.clear();
  publish(tabId, session);
}

/** Applies a new cap to every live timeline (the workspace setting drives it, below). */
function setTimelineCap(cap: number): void {
  for (const [tabId, session] of sessions) {
    if (session.kind !== 'live') continue;
    session.timeline.setCap(cap);
    publish(tabId, session);
  }
}

// A tab's lens follows its Protocol choice, and what its URL and subprotocols suggest, as they change.
useTabsStore.subscribe((state, previous) => {
  if (state.tabs === previous.tabs) return;
  const before = new Map(previous.tabs.map((tab) => [tab.id, tab]));
  for (const tab of state.tabs) {
    const old = before.get(tab.id);
    if (!old || old.lens !== tab.lens || old.url !== tab.url || old.protocolsText !== tab.protocolsText)
      syncLens(tab.id);
  }
});

// Live timelines follow the setting as soon as it changes.
useWorkspaceStore.subscribe((state, previous) => {
  const cap = state.workspace.settings.timelineCap;
  if (cap !== previous.workspace.settings.timelineCap) setTimelineCap(cap);
});

/** Closes the tab's socket and forgets its timeline (the tab was closed). */
export function disposeSession(tabId: string): void {
  const session = sessions.get(tabId);
  // A close held for its probe still belongs in the archive, which ends next.
  if (session?.kind === 'live') session.explainer.dispose();
  forgetSecrets(tabId);
  endArchiveSession(tabId);
  detachLens(tabId);
  if (!session) return;
  if (session.kind === 'live') {
    session.unsubscribe();
    session.automation.dispose();
    session.driver.dispose();
  }
  session.timeline.dispose();
  sessions.delete(tabId);
  sessionListeners.emit();
  useSessionsStore.getState().removeView(tabId);
}
