import type { SessionEvent } from '../session/session-events';
import type { Result } from '../shared/result';
import { addBatch, type ArchiveChunk, type ArchivedSession } from './archived-session';

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
  ended: boolean;
  failed: boolean;
}

/**
 * Creates a writer. Events wait in memory until `flushEveryMs` after the first of a batch, or until `maxBatch`
 * are waiting (then on the next tick), and each session's batch becomes one chunk. A failed write stops that
 * session's archiving (its timeline in memory is untouched); the others go on.
 */
export function createArchiveWriter(
  options: {
    sink: ArchiveSink;
    timers: WriterTimers;
    flushEveryMs?: number;
    maxBatch?: number;
  } & WriterCallbacks,
): ArchiveWriter {
  const { sink, timers } = options;
  const flushEveryMs = options.flushEveryMs ?? 300;
  const maxBatch = options.maxBatch ?? 2000;
  const sessions = new Map<string, SessionState>();
  let timer: unknown = null;
  let soon = false;

  const schedule = (ms: number) => {
    if (timer !== null) {
      if (ms > 0 || soon) return;
      timers.clearTimeout(timer);
    }
    soon = ms === 0;
    timer = timers.setTimeout(() => void flush(), ms);
  };

  const writeOne = (state: SessionState): Promise<void> | null => {
    const events = state.pending;
    if (events.length === 0 || state.failed) return null;
    state.pending = [];
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
    sessions.delete(state.summary.id);
    options.onFailed?.(state.summary, error);
  };

  const flush = async (): Promise<void> => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    soon = false;
    const writes: Promise<void>[] = [];
    for (const [id, state] of sessions) {
      const write = writeOne(state);
      if (write) writes.push(write);
      if (state.ended) sessions.delete(id);
    }
    await Promise.all(writes);
  };

  return {
    begin(initial) {
      const state: SessionState = { summary: initial, pending: [], ended: false, failed: false };
      sessions.set(initial.id, state);
      return {
        id: initial.id,
        push(event) {
          if (state.ended || state.failed) return;
          const pending = state.pending;
          pending.push(event);
          if (pending.length === 1) schedule(flushEveryMs);
          else if (pending.length >= maxBatch) schedule(0);
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
      sessions.delete(sessionId);
    },
  };
}
