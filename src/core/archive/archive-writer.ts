import type { SessionEvent } from '../session/session-events';
import type { Result } from '../shared/result';
import { addBatch, EVENT_OVERHEAD_BYTES, type ArchiveChunk, type ArchivedSession } from './archived-session';

/** Why a write failed: storage is full, the database cannot be used at all, or anything else. */
export interface ArchiveWriteError {
  kind: 'quota' | 'unavailable' | 'failed';
  message: string;
}

/**
 * Where batches go (IndexedDB today, perhaps a worker later). One call per batch: the session's summary as it
 * now stands and its next chunk of events, written together.
 */
export interface ArchiveSink {
  append(summary: ArchivedSession, chunk: ArchiveChunk): Promise<Result<void, ArchiveWriteError>>;
}

/** Timers the writer runs on (injected, so tests drive them). */
export interface WriterTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  now(): number;
}

/** One session being archived: `push` is the ingest path's only cost, an array push. */
export interface ArchiveRecording {
  readonly id: string;
  push(event: SessionEvent): void;
  /** No more events will come (its close arrived, or its tab closed); what is buffered is written soon. */
  end(): void;
}

/** Batches sessions' events into chunk writes that never run on the ingest path. */
export interface ArchiveWriter {
  /** Starts archiving a session; its summary is written with its first batch. */
  begin(summary: ArchivedSession): ArchiveRecording;
  /** Writes every buffered batch now (the page is being hidden or closed); resolves once they are written. */
  flush(): Promise<void>;
  /** Whether the session is still being written: begun, not ended, not failed. */
  isOpen(sessionId: string): boolean;
  /** Sessions still being written. */
  openIds(): string[];
  /** Drops a session and what it buffered, silently (it was deleted): no later batch brings it back. */
  discard(sessionId: string): void;
}

/** What the writer reports: each batch written, and a session it stopped archiving. */
export interface WriterCallbacks {
  onWritten?(summary: ArchivedSession): void;
  onFailed?(summary: ArchivedSession, error: ArchiveWriteError): void;
}

interface SessionState {
  summary: ArchivedSession;
  pending: SessionEvent[];
  /** What `pending` costs to store: payloads plus the per-event overhead. */
  pendingBytes: number;
  ended: boolean;
  failed: boolean;
}

/** A chunk's payloads are serialized in one go on the writing thread: this many bytes take a few ms. */
export const MAX_CHUNK_BYTES = 1024 * 1024;

const storedBytes = (event: SessionEvent): number =>
  (event.kind === 'message' ? event.size : 0) + EVENT_OVERHEAD_BYTES;

/**
 * Creates a writer. Events wait in memory until `flushEveryMs` after the first of a batch, or until `maxBatch`
 * events or `maxChunkBytes` are waiting (then on the next tick). A batch becomes chunks of at most
 * `maxChunkBytes` (or one event), written one per task, so a stream of large frames never holds the page for
 * the time it takes to serialize them all. A failed write stops that session's archiving (its timeline in
 * memory is untouched); the others go on.
 */
export function createArchiveWriter(
  options: {
    sink: ArchiveSink;
    timers: WriterTimers;
    flushEveryMs?: number;
    maxBatch?: number;
    maxChunkBytes?: number;
  } & WriterCallbacks,
): ArchiveWriter {
  const { sink, timers } = options;
  const flushEveryMs = options.flushEveryMs ?? 300;
  const maxBatch = options.maxBatch ?? 2000;
  const maxChunkBytes = options.maxChunkBytes ?? MAX_CHUNK_BYTES;
  const sessions = new Map<string, SessionState>();
  let timer: unknown = null;
  let soon = false;

  const schedule = (ms: number) => {
    if (timer !== null) {
      if (ms > 0 || soon) return;
      timers.clearTimeout(timer);
    }
    soon = ms === 0;
    timer = timers.setTimeout(drain, ms);
  };

  // The oldest pending events that fit in one chunk (at least one, however large).
  const takeChunk = (state: SessionState): SessionEvent[] => {
    const events = state.pending;
    let bytes = 0;
    let end = 0;
    while (end < events.length) {
      const cost = storedBytes(events[end] as SessionEvent);
      if (end > 0 && bytes + cost > maxChunkBytes) break;
      bytes += cost;
      end++;
    }
    state.pendingBytes -= bytes;
    if (end === events.length) {
      state.pending = [];
      return events;
    }
    state.pending = events.slice(end);
    return events.slice(0, end);
  };

  const writeChunk = (state: SessionState): Promise<void> | null => {
    if (state.pending.length === 0 || state.failed) return null;
    const events = takeChunk(state);
    const chunk: ArchiveChunk = { sessionId: state.summary.id, index: state.summary.chunks, events };
    const summary = addBatch(state.summary, events, timers.now());
    state.summary = summary;
    return sink.append(summary, chunk).then(
      (result) => {
        if (result.ok) options.onWritten?.(summary);
        else fail(state, result.error);
      },
      (error: unknown) =>
        fail(state, { kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };

  const fail = (state: SessionState, error: ArchiveWriteError) => {
    if (state.failed) return;
    state.failed = true;
    state.pending = [];
    state.pendingBytes = 0;
    sessions.delete(state.summary.id);
    options.onFailed?.(state.summary, error);
  };

  const clearTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    soon = false;
  };

  const forget = (id: string, state: SessionState) => {
    if (state.ended && state.pending.length === 0) sessions.delete(id);
  };

  // Timer-driven: one chunk per session, then the rest in later tasks.
  const drain = (): void => {
    clearTimer();
    let more = false;
    for (const [id, state] of sessions) {
      void writeChunk(state);
      if (state.pending.length > 0 && !state.failed) more = true;
      forget(id, state);
    }
    if (more) schedule(0);
  };

  // Everything now (the page is going away): every chunk's write is begun before this returns.
  const flush = async (): Promise<void> => {
    clearTimer();
    const writes: Promise<void>[] = [];
    for (const [id, state] of sessions) {
      for (let write = writeChunk(state); write; write = writeChunk(state)) writes.push(write);
      forget(id, state);
    }
    await Promise.all(writes);
  };

  return {
    begin(initial) {
      const state: SessionState = {
        summary: initial,
        pending: [],
        pendingBytes: 0,
        ended: false,
        failed: false,
      };
      sessions.set(initial.id, state);
      return {
        id: initial.id,
        push(event) {
          if (state.ended || state.failed) return;
          const pending = state.pending;
          pending.push(event);
          state.pendingBytes += storedBytes(event);
          if (pending.length >= maxBatch || state.pendingBytes >= maxChunkBytes) schedule(0);
          else if (pending.length === 1) schedule(flushEveryMs);
        },
        end() {
          if (state.ended) return;
          state.ended = true;
          if (state.pending.length > 0) schedule(0);
          else sessions.delete(initial.id);
        },
      };
    },
    flush,
    isOpen(sessionId) {
      const state = sessions.get(sessionId);
      return state !== undefined && !state.ended && !state.failed;
    },
    openIds() {
      return [...sessions.values()].filter((s) => !s.ended && !s.failed).map((s) => s.summary.id);
    },
    discard(sessionId) {
      const state = sessions.get(sessionId);
      if (!state) return;
      state.failed = true;
      state.pending = [];
      state.pendingBytes = 0;
      sessions.delete(sessionId);
    },
  };
}
