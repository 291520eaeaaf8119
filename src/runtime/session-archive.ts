import { announceArchiveChange, onArchiveChangeElsewhere } from '@/adapters/archive-broadcast';
import { newId } from '@/adapters/ids';
import { onPageHidden } from '@/adapters/page-lifecycle';
import {
  deleteArchivedSessions,
  indexedDbArchiveSink,
  listArchivedSessions,
  probeArchive,
  putArchivedSession,
} from '@/adapters/session-archive-db';
import { chooseEvictions, evictionNotice } from '@/core/archive/archive-limits';
import {
  createArchiveWriter,
  type ArchiveRecording,
  type ArchiveSink,
  type ArchiveWriteError,
  type ArchiveWriter,
  type WriterTimers,
} from '@/core/archive/archive-writer';
import {
  newSessionSummary,
  sessionLabel,
  summarizeRecording,
  type ArchivedSession,
} from '@/core/archive/archived-session';
import type { RecordedTimeline } from '@/core/collection/collection-document';
import type { ConnectingEvent, SessionEvent } from '@/core/session/session-events';
import { createListenerSet } from '@/core/shared/listener-set';
import { useArchiveStore } from '@/stores/archive-store';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';

/*
 * Every session, live or recorded, is written to the IndexedDB archive as it runs. The ingest path only pushes
 * each event onto its session's batch (see ArchiveWriter); the writer turns batches into one chunk write each,
 * off that path. When the page is hidden or left, what is buffered is written at once, so a reload, a crash
 * or a closed tab loses at most the last few hundred milliseconds.
 */

/** An unclosed session written this recently may be live in another browser tab: limits leave it alone. */
const OTHER_TAB_LIVE_MS = 10 * 60_000;
/** Limits are checked at most this often while sessions are written. */
const LIMIT_CHECK_DELAY_MS = 1_000;
/** A recording's events are stored in chunks of this many, like a live session's batches. */
const RECORDING_CHUNK = 2_000;

const browserTimers: WriterTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

const changes = createListenerSet<void>();
/** Each tab's session being archived now (from its latest `connecting` to its next one or the tab's close). */
const recordings = new Map<string, ArchiveRecording>();
let writer: ArchiveWriter = createWriter(indexedDbArchiveSink, browserTimers);
let limitTimer: ReturnType<typeof setTimeout> | null = null;

function createWriter(sink: ArchiveSink, timers: WriterTimers): ArchiveWriter {
  return createArchiveWriter({
    sink,
    timers,
    onWritten: () => {
      archiveChanged();
      scheduleLimitCheck();
    },
    onFailed: (summary, error) => {
      useArchiveStore.getState().setLive(summary.id, false);
      reportFailure(summary, error);
      archiveChanged();
    },
  });
}

function reportFailure(summary: ArchivedSession, error: ArchiveWriteError): void {
  const store = useArchiveStore.getState();
  if (error.kind === 'unavailable') {
    store.setOff(error.message);
    return;
  }
  store.setNotice(
    `History stopped recording “${sessionLabel(summary)}”: ${error.message}. Its timeline stays in its tab.`,
  );
}

/** Says the archive changed, here (views refetch) and to other browser tabs. */
function archiveChanged(): void {
  changes.emit();
  announceArchiveChange();
}

/**
 * Archives one event of a tab's live session. Called for every event on the ingest path, so it does no more
 * than push: a `connecting` starts a new archived session (an automatic reconnect's too), a `close` marks the
 * current one as no longer live. Events before any `connecting` have no session and are left out.
 */
export function archiveEvent(tabId: string, event: SessionEvent): void {
  if (event.kind === 'connecting') beginSession(tabId, event);
  const recording = recordings.get(tabId);
  if (!recording) return;
  recording.push(event);
  if (event.kind === 'close') useArchiveStore.getState().setLive(recording.id, false);
}

function beginSession(tabId: string, connecting: ConnectingEvent): void {
  endArchiveSession(tabId);
  if (useArchiveStore.getState().off !== null) return;
  const tab = useTabsStore.getState().tabs.find((t) => t.id === tabId);
  const saved = useWorkspaceStore.getState().workspace.connections.find((c) => c.id === tab?.connectionId);
  const summary = newSessionSummary({
    id: newId(),
    tabId,
    connectionId: saved?.id ?? null,
    source: 'live',
    title: saved?.name ?? null,
    url: connecting.url,
    protocols: connecting.protocols,
    startedAt: connecting.at,
  });
  recordings.set(tabId, writer.begin(summary));
  useArchiveStore.getState().setLive(summary.id, true);
}

/** The tab's session gets no more events (the tab closed): what is buffered is written, and it is let go. */
export function endArchiveSession(tabId: string): void {
  const recording = recordings.get(tabId);
  if (!recording) return;
  recording.end();
  recordings.delete(tabId);
  useArchiveStore.getState().setLive(recording.id, false);
  scheduleLimitCheck();
}

/** Writes every buffered batch now; resolves once written (History reads a session right after). */
export function flushArchive(): Promise<void> {
  return writer.flush();
}

/** Whether the session is still being written by this browser tab (until its tab's next connect or close). */
export function isArchiving(sessionId: string): boolean {
  return writer.isOpen(sessionId);
}

/** Stops writing a session that was deleted (it may still get events until its tab's next connect). */
export function forgetArchivedSessions(ids: readonly string[]): void {
  for (const id of ids) writer.discard(id);
}

/** Whether the session is still connected in this browser tab: marked live, never deleted or evicted. */
export function isLive(sessionId: string): boolean {
  return useArchiveStore.getState().liveIds.includes(sessionId);
}

/** A recording from an import, with the id it is archived under (null with History off: memory only). */
export type ArchivedRecording = RecordedTimeline & { archiveId: string | null };

/**
 * Archives imported recordings so History can open them at any time, also after a reload; returns them with
 * their archive ids at once (the writes finish in the background). A failure is reported in History.
 */
export function archiveRecordings(timelines: readonly RecordedTimeline[]): ArchivedRecording[] {
  const now = Date.now();
  if (useArchiveStore.getState().off !== null) return timelines.map((t) => ({ ...t, archiveId: null }));
  const archived = timelines.map((timeline) => ({ ...timeline, archiveId: newId() }));
  void Promise.all(
    archived.map(async (timeline) => {
      const connecting = timeline.events.find((e): e is ConnectingEvent => e.kind === 'connecting');
      const { summary, chunks } = summarizeRecording(
        newSessionSummary({
          id: timeline.archiveId,
          tabId: null,
          connectionId: timeline.connectionId,
          source: 'recorded',
          title: timeline.title,
          url: connecting?.url ?? '',
          protocols: connecting?.protocols ?? [],
          startedAt: timeline.events[0]?.at ?? now,
        }),
        timeline.events,
        { chunkSize: RECORDING_CHUNK, writtenAt: now },
      );
      const written = await putArchivedSession(summary, chunks);
      if (!written.ok) reportFailure(summary, written.error);
    }),
  ).then(() => {
    archiveChanged();
    scheduleLimitCheck();
  });
  return archived;
}

function scheduleLimitCheck(): void {
  if (limitTimer !== null) return;
  limitTimer = setTimeout(() => {
    limitTimer = null;
    void enforceArchiveLimits();
  }, LIMIT_CHECK_DELAY_MS);
}

/**
 * Deletes the oldest sessions beyond the workspace's limits, never one still being written (here, or lately in
 * another browser tab), and says so in History. Returns how many went.
 */
export async function enforceArchiveLimits(): Promise<number> {
  const listed = await listArchivedSessions();
  if (!listed.ok) return 0;
  const { archiveMaxSessions, archiveMaxBytes } = useWorkspaceStore.getState().workspace.settings;
  const now = Date.now();
  const evicted = chooseEvictions(
    listed.value,
    { maxSessions: archiveMaxSessions, maxBytes: archiveMaxBytes },
    (session) => isLive(session.id) || (!session.closed && now - session.writtenAt < OTHER_TAB_LIVE_MS),
  );
  if (evicted.length === 0) return 0;
  forgetArchivedSessions(evicted.map((s) => s.id));
  const deleted = await deleteArchivedSessions(evicted.map((s) => s.id));
  if (!deleted.ok) return 0;
  useArchiveStore.getState().setNotice(evictionNotice(evicted.length));
  archiveChanged();
  return evicted.length;
}

/** Calls `listener` whenever the archive changed, in this browser tab or another; returns the unsubscribe. */
export function subscribeArchive(listener: () => void): () => void {
  const stopHere = changes.subscribe(listener);
  const stopElsewhere = onArchiveChangeElsewhere(listener);
  return () => {
    stopHere();
    stopElsewhere();
  };
}

/** Tells History (and other browser tabs) that a command changed the archive. */
export function notifyArchiveChanged(): void {
  archiveChanged();
}

/**
 * Starts the archive: checks that IndexedDB can be used (History says why not, otherwise), writes buffered
 * batches when the page is hidden or left, and applies new limits as soon as they are set. Returns a stop.
 */
export async function startSessionArchive(): Promise<() => void> {
  const probe = await probeArchive();
  useArchiveStore.getState().setOff(probe.ok ? null : probe.error.message);
  const stopHidden = onPageHidden(() => void writer.flush());
  const stopLimits = useWorkspaceStore.subscribe((state, previous) => {
    const { archiveMaxSessions, archiveMaxBytes } = state.workspace.settings;
    const before = previous.workspace.settings;
    if (archiveMaxSessions !== before.archiveMaxSessions || archiveMaxBytes !== before.archiveMaxBytes)
      void enforceArchiveLimits();
  });
  if (probe.ok) scheduleLimitCheck();
  return () => {
    stopHidden();
    stopLimits();
  };
}

/** Replaces the writer's sink and timers (tests), forgetting every session being archived. */
export function resetSessionArchiveForTests(
  sink: ArchiveSink = indexedDbArchiveSink,
  timers = browserTimers,
) {
  recordings.clear();
  writer = createWriter(sink, timers);
  if (limitTimer !== null) clearTimeout(limitTimer);
  limitTimer = null;
  useArchiveStore.setState({ off: null, notice: null, liveIds: [] });
}
