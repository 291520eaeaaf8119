import type { SessionEvent } from '../session/session-events';
import type { FlushScheduler } from './flush-scheduler';

/** One visible row of the timeline. */
export interface TimelineEntry {
  /** Unique, increasing; stable React key. */
  seq: number;
  event: SessionEvent;
}

/** Message counters of one connection. */
export interface ConnectionStats {
  received: number;
  sent: number;
  receivedBytes: number;
  sentBytes: number;
}

/** The events of one session, batched into flushes and capped, with O(1) work per event. */
export interface Timeline {
  /** Cheap: buffers the event; a flush is scheduled. Stats update immediately. */
  push(event: SessionEvent): void;
  /** Moves buffered events into the visible entries, enforces the cap, then notifies subscribers once. */
  flush(): void;
  /** Visible entries (≤ cap). */
  readonly length: number;
  /** 0 = oldest visible. */
  get(index: number): TimelineEntry | undefined;
  /** Entries removed by the cap since the last clear. */
  readonly dropped: number;
  /** Increases on every flush that changed something and on clear/setCap. */
  readonly revision: number;
  readonly cap: number;
  /** Counters of the current connection: reset by each `connecting` event. Not affected by the cap or clear. */
  readonly stats: ConnectionStats;
  /** Empties entries and the dropped count (pending events too, which are flushed first). */
  clear(): void;
  setCap(cap: number): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/**
 * A flush this large means a stream is pouring in: the next flush waits a little so each render carries a
 * bigger batch. Re-rendering costs about the same for 10 events as for 1,000, and every millisecond spent
 * rendering is one the socket's message handler does not get. Quiet traffic still shows on the next frame.
 */
export const BUSY_BATCH = 100;
const BUSY_REQUEST = { delayMs: 100 } as const;

/** How many entries a timeline keeps unless told otherwise. */
export const DEFAULT_TIMELINE_CAP = 100_000;

/**
 * Creates a timeline. Entries live in a ring buffer so that, once full, each new entry overwrites the oldest
 * in O(1) instead of shifting the array. `seq` starts at 1 and keeps counting across `clear`, so React keys
 * never repeat.
 */
export function createTimeline(options: { cap?: number; scheduler: FlushScheduler }): Timeline {
  const { scheduler } = options;
  let cap = normalizeCap(options.cap, DEFAULT_TIMELINE_CAP);

  // Invariant: while `size < cap`, `start === 0` and `ring.length === size`; once full, `ring.length === cap`
  // and `start` is the index of the oldest entry. Growing lazily keeps small sessions small.
  let ring: TimelineEntry[] = [];
  let start = 0;
  let size = 0;

  let pending: SessionEvent[] = [];
  // Pending events discarded before a flush because at least `cap` newer ones were already waiting.
  let pendingSkipped = 0;
  let lastBatch = 0;
  let lastSeq = 0;
  let dropped = 0;
  let revision = 0;
  let disposed = false;

  let received = 0;
  let sent = 0;
  let receivedBytes = 0;
  let sentBytes = 0;
  // Rebuilt only when read after a change, so readers get a stable object between changes.
  let statsSnapshot: ConnectionStats | null = null;

  let listeners: ReadonlyArray<() => void> = [];

  const append = (event: SessionEvent): void => {
    const entry: TimelineEntry = { seq: ++lastSeq, event };
    if (size < cap) {
      ring.push(entry);
      size++;
      return;
    }
    ring[start] = entry;
    start = start + 1 === cap ? 0 : start + 1;
    dropped++;
  };

  // Moves pending events into the ring; returns whether anything changed. Does not notify.
  const drain = (): boolean => {
    const batch = pending;
    if (batch.length === 0) return false;
    pending = [];
    lastBatch = batch.length;
    // Events that the cap would evict within this same batch never become entries: count them and move on.
    const skip = batch.length > cap ? batch.length - cap : 0;
    const discarded = skip + pendingSkipped;
    pendingSkipped = 0;
    lastSeq += discarded;
    dropped += discarded;
    for (let i = skip; i < batch.length; i++) append(batch[i] as SessionEvent);
    return true;
  };

  const notify = (): void => {
    const current = listeners;
    for (let i = 0; i < current.length; i++) {
      try {
        (current[i] as () => void)();
      } catch (error) {
        // One broken view must not starve the others; the error still surfaces as an uncaught exception.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  const flush = (): void => {
    if (disposed || !drain()) return;
    revision++;
    notify();
  };

  const resetTo = (entries: TimelineEntry[]): void => {
    ring = entries;
    start = 0;
    size = entries.length;
  };

  return {
    push(event) {
      if (disposed) return;
      if (event.kind === 'message') {
        if (event.direction === 'in') {
          received++;
          receivedBytes += event.size;
        } else {
          sent++;
          sentBytes += event.size;
        }
        statsSnapshot = null;
      } else if (event.kind === 'connecting') {
        received = sent = receivedBytes = sentBytes = 0;
        statsSnapshot = null;
      }
      pending.push(event);
      if (pending.length === 1) {
        if (lastBatch >= BUSY_BATCH) scheduler.request(flush, BUSY_REQUEST);
        else scheduler.request(flush);
      } else if (pending.length >= 2 * cap) {
        // Flushes can be far apart (a throttled background tab runs timers about once a minute); only the
        // newest `cap` events can survive the next flush, so memory stays bounded at O(1) amortized cost.
        pendingSkipped += pending.length - cap;
        pending = pending.slice(pending.length - cap);
      }
    },
    flush,
    get length() {
      return size;
    },
    get(index) {
      if (!Number.isInteger(index) || index < 0 || index >= size) return undefined;
      const slot = start + index;
      return ring[slot < cap ? slot : slot - cap];
    },
    get dropped() {
      return dropped;
    },
    get revision() {
      return revision;
    },
    get cap() {
      return cap;
    },
    get stats() {
      statsSnapshot ??= { received, sent, receivedBytes, sentBytes };
      return statsSnapshot;
    },
    clear() {
      if (disposed) return;
      scheduler.cancel();
      // Flushed first so their seq numbers are used up: keys stay unique even for events never shown.
      drain();
      resetTo([]);
      dropped = 0;
      revision++;
      notify();
    },
    setCap(next) {
      if (disposed) return;
      const normalized = normalizeCap(next, cap);
      scheduler.cancel();
      drain();
      if (normalized !== cap) {
        // Rebuilt oldest-first, keeping the newest entries; O(n) but only on a settings change.
        const keep = Math.min(size, normalized);
        const entries: TimelineEntry[] = new Array<TimelineEntry>(keep);
        for (let i = 0; i < keep; i++) {
          const slot = start + size - keep + i;
          entries[i] = ring[slot < cap ? slot : slot - cap] as TimelineEntry;
        }
        dropped += size - keep;
        cap = normalized;
        resetTo(entries);
      }
      revision++;
      notify();
    },
    subscribe(listener) {
      if (disposed) return () => {};
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    dispose() {
      disposed = true;
      scheduler.cancel();
      pending = [];
      pendingSkipped = 0;
      listeners = [];
      resetTo([]);
    },
  };
}

// Caps come from user settings: anything unusable keeps the fallback rather than throwing in a render path.
function normalizeCap(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(1, Math.floor(value));
}
