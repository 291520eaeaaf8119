import type { SessionEvent } from '../session/session-events';
import { nameFromUrl } from '../workspace/workspace';

/*
 * One archived session is one connection: it starts at a `connecting` event and ends at its `close` (events
 * that follow the close, such as a scheduled reconnect, still belong to it; the reconnect's own `connecting`
 * starts the next session). A recording imported from a file is one session too. Its summary is what History
 * lists, kept beside its events so the list never has to read them.
 */

/** Where an archived session came from: a socket this app opened, or a recording imported from a file. */
export type ArchiveSource = 'live' | 'recorded';

/** What History lists about one archived session. */
export interface ArchivedSession {
  id: string;
  /** The tab it ran in (null for a recording): a reload refills that tab's timeline from it. */
  tabId: string | null;
  connectionId: string | null;
  source: ArchiveSource;
  /** The saved connection's name or the recording's title when it started; null shows the address. */
  title: string | null;
  /** The user's rename, shown instead of the title. */
  name: string | null;
  url: string;
  protocols: string[];
  startedAt: number;
  /** The latest event's time. */
  lastAt: number;
  /** Its close arrived. A session left open by a crash or a closed tab stays unclosed. */
  closed: boolean;
  closeCode: number | null;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  events: number;
  /** How many chunk records hold its events: the next chunk's index. */
  chunks: number;
  /** Bytes the archive counts for it: frame payloads plus a fixed share per event. */
  size: number;
  /** Epoch ms of the latest write: an unclosed session written lately may be live in another browser tab. */
  writtenAt: number;
}

/** A batch of one session's events, stored as one record, in order of `index`. */
export interface ArchiveChunk {
  sessionId: string;
  index: number;
  events: SessionEvent[];
}

/** What an event costs beyond its payload, roughly: its fields as IndexedDB stores them. */
export const EVENT_OVERHEAD_BYTES = 64;

/** A new session's summary, before any of its events are counted. */
export function newSessionSummary(input: {
  id: string;
  tabId: string | null;
  connectionId: string | null;
  source: ArchiveSource;
  title: string | null;
  url: string;
  protocols: readonly string[];
  startedAt: number;
}): ArchivedSession {
  return {
    ...input,
    protocols: [...input.protocols],
    name: null,
    lastAt: input.startedAt,
    closed: false,
    closeCode: null,
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    events: 0,
    chunks: 0,
    size: 0,
    writtenAt: input.startedAt,
  };
}

/** The summary once `events` (the session's next batch, stored as chunk `chunks`) are counted in. */
export function addBatch(
  summary: ArchivedSession,
  events: readonly SessionEvent[],
  writtenAt: number,
): ArchivedSession {
  let { framesIn, framesOut, bytesIn, bytesOut, size, lastAt, closed, closeCode } = summary;
  for (const event of events) {
    if (event.at > lastAt) lastAt = event.at;
    if (event.kind === 'message') {
      if (event.direction === 'in') {
        framesIn++;
        bytesIn += event.size;
      } else {
        framesOut++;
        bytesOut += event.size;
      }
      size += event.size;
    } else if (event.kind === 'close') {
      closed = true;
      closeCode = event.code;
    }
    size += EVENT_OVERHEAD_BYTES;
  }
  return {
    ...summary,
    framesIn,
    framesOut,
    bytesIn,
    bytesOut,
    size,
    lastAt,
    closed,
    closeCode,
    events: summary.events + events.length,
    chunks: events.length > 0 ? summary.chunks + 1 : summary.chunks,
    writtenAt,
  };
}

/** A recording's summary and its events cut into chunks of at most `chunkSize`, ready to store at once. */
export function summarizeRecording(
  summary: ArchivedSession,
  events: readonly SessionEvent[],
  options: { chunkSize: number; writtenAt: number },
): { summary: ArchivedSession; chunks: ArchiveChunk[] } {
  const chunks: ArchiveChunk[] = [];
  let next = summary;
  for (let start = 0; start < events.length; start += options.chunkSize) {
    const batch = events.slice(start, start + options.chunkSize);
    chunks.push({ sessionId: summary.id, index: next.chunks, events: batch });
    next = addBatch(next, batch, options.writtenAt);
  }
  // A recording is complete as imported, whether or not it holds its close.
  return { summary: { ...next, closed: true }, chunks };
}

/** How long a session lasted: from its start to its latest event. */
export function sessionDuration(summary: Pick<ArchivedSession, 'startedAt' | 'lastAt'>): number {
  return Math.max(0, summary.lastAt - summary.startedAt);
}

/** The name History shows: the rename, else the connection's name or recording's title, else its address. */
export function sessionLabel(summary: Pick<ArchivedSession, 'name' | 'title' | 'url'>): string {
  return summary.name ?? summary.title ?? (summary.url ? nameFromUrl(summary.url) : 'Untitled session');
}

/**
 * Which of a tab's sessions refill its timeline after a reload: the newest ones whose events fit in `cap`, plus
 * the one that crosses it (its newest events fill the rest), oldest first.
 */
export function sessionsToRestore(sessions: readonly ArchivedSession[], cap: number): ArchivedSession[] {
  const newestFirst = [...sessions].sort((a, b) => b.startedAt - a.startedAt);
  const chosen: ArchivedSession[] = [];
  let events = 0;
  for (const session of newestFirst) {
    if (events >= cap) break;
    chosen.push(session);
    events += session.events;
  }
  return chosen.reverse();
}
