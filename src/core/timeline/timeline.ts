import type { AutoSendSource, SessionEvent } from '../session/session-events';
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

/** Message counters since the user's Connect, across automatic reconnects; `connections` counts the opens tried. */
export interface SessionTotals extends ConnectionStats {
  connections: number;
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
  /** Payload bytes the entries may hold: beyond it the oldest leave memory too, like beyond the cap. */
  readonly maxBytes: number;
  /** Payload bytes the entries hold now. */
  readonly retainedBytes: number;
  /** Counters of the current connection: reset by each `connecting` event. Not affected by the cap or clear. */
  readonly stats: ConnectionStats;
  /** Counters since the last connect that was not an automatic reconnect. Not affected by the cap or clear. */
  readonly totals: SessionTotals;
  /** Empties entries and the dropped count (pending events too, which are flushed first). */
  clear(): void;
  setCap(cap: number): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/**
 * A flush this large (in events or in bytes) means a stream is pouring in: the next flush is a busy one, which
 * skips one animation frame when renders are expensive, so each render carries a bigger batch. Re-rendering
 * costs about the same for 10 events as for 1,000; skipping one frame (not a fixed delay) keeps what is shown
 * within a few frames of what arrived.
 */
export const BUSY_BATCH = 100;
/** Bytes in one flush that count as busy: a few large frames cost as much to take in as many small ones. */
export const BUSY_BYTES = 1024 * 1024;
const BUSY_REQUEST = { busy: true } as const;

/** How many entries a timeline keeps unless told otherwise. */
export const DEFAULT_TIMELINE_CAP = 1_000_000;
/**
 * Payload bytes a timeline keeps in memory unless told otherwise: a million 120-byte frames fit, and a stream of
 * large frames cannot grow the tab until it crashes (what leaves memory stays in History).
 */
export const DEFAULT_TIMELINE_MAX_BYTES = 512 * 1024 * 1024;

/** Columns start this small and double up to the cap, so small sessions stay small. */
const INITIAL_CAPACITY = 1024;
/** Materialized entries are cached by seq in this many slots, so repeated reads return the same object. */
const ENTRY_CACHE_SLOTS = 4096;

// Per-entry flags: what a message was, packed in one byte; OTHER marks a non-message event stored whole.
const FLAG_OUT = 1;
const FLAG_BINARY = 2;
const FLAG_AUTO_ON_OPEN = 4;
const FLAG_AUTO_INTERVAL = 8;
const FLAG_OTHER = 16;
const FLAG_AUTO_PROTOCOL = 32;
const AUTO_FLAGS: Readonly<Record<AutoSendSource, number>> = {
  'on-open': FLAG_AUTO_ON_OPEN,
  interval: FLAG_AUTO_INTERVAL,
  protocol: FLAG_AUTO_PROTOCOL,
};

/**
 * Creates a timeline. Entries live in a ring of columns (payload, time, time since open, size, flags) so that a
 * retained message costs its payload plus ~25 bytes rather than two objects; `{ seq, event }` objects are built
 * only when read. Once full, each new entry overwrites the oldest in O(1); entries beyond `maxBytes` of payload
 * leave from the oldest end as well. `seq` starts at 1 and keeps counting across `clear`, so React keys never
 * repeat; visible seqs are always consecutive, so seq = oldest + index.
 */
export function createTimeline(options: {
  cap?: number;
  maxBytes?: number;
  /** Older entries that were never loaded (kept elsewhere, such as the archive): counted as dropped. */
  dropped?: number;
  scheduler: FlushScheduler;
}): Timeline {
  const { scheduler } = options;
  let cap = normalizeCap(options.cap, DEFAULT_TIMELINE_CAP);
  const maxBytes = normalizeCap(options.maxBytes, DEFAULT_TIMELINE_MAX_BYTES);

  // The entries are the `size` slots from `start` on, wrapping at `capacity` (the columns' length), which grows
  // by doubling until it reaches the cap.
  let capacity = 0;
  let payloads: (string | ArrayBuffer | SessionEvent)[] = [];
  let ats = new Float64Array(0);
  let sinceOpens = new Float64Array(0);
  let sizes = new Uint32Array(0);
  let flags = new Uint8Array(0);
  let start = 0;
  let size = 0;
  let retainedBytes = 0;
  let oldestSeq = 1;
  let cache: (TimelineEntry | undefined)[] = new Array<TimelineEntry | undefined>(ENTRY_CACHE_SLOTS);

  let pending: SessionEvent[] = [];
  // Pending events discarded before a flush because at least `cap` newer ones were already waiting.
  let pendingSkipped = 0;
  let pendingBytes = 0;
  let lastBatchBusy = false;
  // Pending events moved into the ring before their flush (to bound memory): the next flush must notify.
  let drainedEarly = false;
  let lastSeq = 0;
  let dropped = options.dropped ?? 0;
  let revision = 0;
  let disposed = false;

  let received = 0;
  let sent = 0;
  let receivedBytes = 0;
  let sentBytes = 0;
  // Rebuilt only when read after a change, so readers get a stable object between changes.
  let statsSnapshot: ConnectionStats | null = null;
  const totals: SessionTotals = { received: 0, sent: 0, receivedBytes: 0, sentBytes: 0, connections: 0 };
  let totalsSnapshot: SessionTotals | null = null;
  // The automation announces each automatic attempt just before its `connecting` event.
  let reconnecting = false;

  let listeners: ReadonlyArray<() => void> = [];

  const allocate = (next: number): void => {
    capacity = next;
    payloads = new Array<string | ArrayBuffer | SessionEvent>(next);
    ats = new Float64Array(next);
    sinceOpens = new Float64Array(next);
    sizes = new Uint32Array(next);
    flags = new Uint8Array(next);
  };

  const slotOf = (index: number): number => {
    const slot = start + index;
    return slot < capacity ? slot : slot - capacity;
  };

  // Called when every slot is used and the cap allows more: the entries move, oldest first, to slot 0 on.
  const grow = (): void => {
    const old = { payloads, ats, sinceOpens, sizes, flags, start, capacity };
    allocate(Math.min(cap, Math.max(INITIAL_CAPACITY, capacity * 2)));
    for (let i = 0; i < size; i++) {
      const from = old.start + i < old.capacity ? old.start + i : old.start + i - old.capacity;
      payloads[i] = old.payloads[from] as string | ArrayBuffer | SessionEvent;
      ats[i] = old.ats[from] as number;
      sinceOpens[i] = old.sinceOpens[from] as number;
      sizes[i] = old.sizes[from] as number;
      flags[i] = old.flags[from] as number;
    }
    start = 0;
  };

  const write = (slot: number, event: SessionEvent): void => {
    ats[slot] = event.at;
    sinceOpens[slot] = event.sinceOpen ?? Number.NaN;
    if (event.kind === 'message') {
      payloads[slot] = event.data;
      sizes[slot] = event.size;
      flags[slot] =
        (event.direction === 'out' ? FLAG_OUT : 0) |
        (event.format === 'binary' ? FLAG_BINARY : 0) |
        (event.auto === undefined ? 0 : AUTO_FLAGS[event.auto]);
    } else {
      payloads[slot] = event;
      sizes[slot] = 0;
      flags[slot] = FLAG_OTHER;
    }
  };

  const dropOldest = (): void => {
    retainedBytes -= sizes[start] as number;
    // Let go of the payload now: the slot may not be written again for a long while.
    payloads[start] = '';
    start = start + 1 === capacity ? 0 : start + 1;
    size--;
    oldestSeq++;
    dropped++;
  };

  const append = (event: SessionEvent): void => {
    ++lastSeq;
    if (size === cap) dropOldest();
    else if (size === capacity) grow();
    if (size === 0) oldestSeq = lastSeq;
    const slot = slotOf(size);
    write(slot, event);
    retainedBytes += sizes[slot] as number;
    size++;
    while (retainedBytes > maxBytes && size > 1) dropOldest();
  };

  const eventAt = (slot: number): SessionEvent => {
    const flag = flags[slot] as number;
    const payload = payloads[slot] as string | ArrayBuffer | SessionEvent;
    if (flag & FLAG_OTHER) return payload as SessionEvent;
    const sinceOpen = sinceOpens[slot] as number;
    const event: SessionEvent = {
      kind: 'message',
      at: ats[slot] as number,
      sinceOpen: Number.isNaN(sinceOpen) ? null : sinceOpen,
      direction: flag & FLAG_OUT ? 'out' : 'in',
      format: flag & FLAG_BINARY ? 'binary' : 'text',
      data: payload as string | ArrayBuffer,
      size: sizes[slot] as number,
    };
    if (flag & FLAG_AUTO_ON_OPEN) event.auto = 'on-open';
    else if (flag & FLAG_AUTO_INTERVAL) event.auto = 'interval';
    else if (flag & FLAG_AUTO_PROTOCOL) event.auto = 'protocol';
    return event;
  };

  // Moves pending events into the ring; returns whether anything changed. Does not notify.
  const drain = (): boolean => {
    const batch = pending;
    if (batch.length === 0) {
      const changed = drainedEarly;
      drainedEarly = false;
      return changed;
    }
    drainedEarly = false;
    pending = [];
    lastBatchBusy = batch.length >= BUSY_BATCH || pendingBytes >= BUSY_BYTES;
    pendingBytes = 0;
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

  const empty = (): void => {
    allocate(0);
    start = 0;
    size = 0;
    retainedBytes = 0;
    cache = new Array<TimelineEntry | undefined>(ENTRY_CACHE_SLOTS);
  };

  return {
    push(event) {
      if (disposed) return;
      if (event.kind === 'message') {
        if (event.direction === 'in') {
          received++;
          receivedBytes += event.size;
          totals.received++;
          totals.receivedBytes += event.size;
        } else {
          sent++;
          sentBytes += event.size;
          totals.sent++;
          totals.sentBytes += event.size;
        }
        pendingBytes += event.size;
        statsSnapshot = null;
        totalsSnapshot = null;
      } else if (event.kind === 'connecting') {
        received = sent = receivedBytes = sentBytes = 0;
        if (!reconnecting)
          totals.received = totals.sent = totals.receivedBytes = totals.sentBytes = totals.connections = 0;
        totals.connections++;
        reconnecting = false;
        statsSnapshot = null;
        totalsSnapshot = null;
      } else if (event.kind === 'reconnect') {
        reconnecting = event.phase === 'attempting';
      }
      pending.push(event);
      if (pending.length === 1) {
        if (lastBatchBusy) scheduler.request(flush, BUSY_REQUEST);
        else scheduler.request(flush);
      } else if (pending.length >= 2 * cap) {
        // Flushes can be far apart (a throttled background tab runs timers about once a minute); only the
        // newest `cap` events can survive the next flush, so memory stays bounded at O(1) amortized cost.
        pendingSkipped += pending.length - cap;
        pending = pending.slice(pending.length - cap);
      } else if (pendingBytes >= maxBytes) {
        // Large frames between far-apart flushes: into the ring now, whose byte limit lets the oldest go.
        drain();
        drainedEarly = true;
      }
    },
    flush,
    get length() {
      return size;
    },
    get(index) {
      if (!Number.isInteger(index) || index < 0 || index >= size) return undefined;
      const seq = oldestSeq + index;
      const cacheSlot = seq % ENTRY_CACHE_SLOTS;
      const cached = cache[cacheSlot];
      if (cached !== undefined && cached.seq === seq) return cached;
      const entry: TimelineEntry = { seq, event: eventAt(slotOf(index)) };
      cache[cacheSlot] = entry;
      return entry;
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
    get maxBytes() {
      return maxBytes;
    },
    get retainedBytes() {
      return retainedBytes;
    },
    get stats() {
      statsSnapshot ??= { received, sent, receivedBytes, sentBytes };
      return statsSnapshot;
    },
    get totals() {
      totalsSnapshot ??= { ...totals };
      return totalsSnapshot;
    },
    clear() {
      if (disposed) return;
      scheduler.cancel();
      // Flushed first so their seq numbers are used up: keys stay unique even for events never shown.
      drain();
      empty();
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
        const kept: SessionEvent[] = new Array<SessionEvent>(keep);
        for (let i = 0; i < keep; i++) kept[i] = eventAt(slotOf(size - keep + i));
        const firstKept = oldestSeq + size - keep;
        dropped += size - keep;
        cap = normalized;
        empty();
        allocate(Math.min(cap, Math.max(INITIAL_CAPACITY, keep)));
        for (let i = 0; i < keep; i++) {
          write(i, kept[i] as SessionEvent);
          retainedBytes += sizes[i] as number;
        }
        size = keep;
        oldestSeq = firstKept;
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
      empty();
    },
  };
}

// Caps come from user settings: anything unusable keeps the fallback rather than throwing in a render path.
function normalizeCap(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(1, Math.floor(value));
}
