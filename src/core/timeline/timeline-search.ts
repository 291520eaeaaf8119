import type { SessionEvent } from '../session/session-events';
import { lowerBoundBySeq } from './find-index-by-seq';
import type { Timeline } from './timeline';

/** What the search reads of a timeline: exactly the part of its interface that stays while storage changes. */
export type SearchableTimeline = Pick<Timeline, 'length' | 'get' | 'revision' | 'dropped' | 'subscribe'>;

/** Host timing, injected so the engine is framework-free and testable with a fake clock. */
export interface SearchHost {
  /** Runs `task` later, as its own task, so the page can render and handle input in between; returns a cancel. */
  schedule(task: () => void): () => void;
  /** Milliseconds, monotonic. */
  now(): number;
}

/** Tuning; the defaults keep every task well under 50 ms. */
export interface TimelineSearchOptions {
  timeline: SearchableTimeline;
  host: SearchHost;
  /** A chunk stops once it has run this long. */
  budgetMs?: number;
  /** Read the clock every this many entries (it is not free either). */
  checkEvery?: number;
  /** While a long scan runs, tell subscribers at most this often (each notice is a render). */
  notifyEveryMs?: number;
}

/** What views read; a new object whenever anything in it changes. */
export interface SearchSnapshot {
  /** Whether a filter is set; without one every entry matches. */
  readonly active: boolean;
  /** Matching entries among those kept. */
  readonly count: number;
  /** Whether every kept entry has been tested. */
  readonly complete: boolean;
  readonly version: number;
}

/** Incremental search over a timeline. */
export interface TimelineSearch {
  /** Starts a new search (cancelling the running one); null matches everything. */
  setMatcher(match: ((event: SessionEvent) => boolean) | null): void;
  getSnapshot(): SearchSnapshot;
  /** The first listener starts following the timeline, the last one leaving stops it. */
  subscribe(listener: () => void): () => void;
  /** The seq of the `rank`-th match, 0 = oldest. */
  seqAt(rank: number): number | undefined;
  /** How many matches have a seq below `seq`: the rank of `seq` if it matches, else of the next match after it. */
  rankOf(seq: number): number;
  dispose(): void;
}

const INITIAL_CAPACITY = 1024;

/**
 * Tests entries in time-sliced chunks, oldest first, and keeps the matching seqs in a growable typed array
 * (8 bytes a match, nothing per entry). A new matcher bumps a generation, so a chunk of an older search that
 * was already scheduled does nothing. New entries are tested as they flush, and entries the cap evicted leave
 * the front of the array, since seqs only increase.
 */
export function createTimelineSearch(options: TimelineSearchOptions): TimelineSearch {
  const { timeline, host } = options;
  const budgetMs = options.budgetMs ?? 8;
  const checkEvery = Math.max(1, options.checkEvery ?? 16);
  const notifyEveryMs = options.notifyEveryMs ?? 50;

  let match: ((event: SessionEvent) => boolean) | null = null;
  let generation = 0;
  let matches = new Float64Array(INITIAL_CAPACITY);
  let head = 0;
  let tail = 0;
  // Every entry up to this seq has been tested by the current matcher.
  let scannedSeq = 0;
  let cancelScheduled: (() => void) | null = null;
  let listeners: ReadonlyArray<() => void> = [];
  let stopTimeline: (() => void) | null = null;
  let version = 0;
  let snapshot: SearchSnapshot | null = null;
  let lastNotify = -Infinity;
  let notifiedThisGeneration = false;
  // Matches counted at the last notice: what views show until the next one.
  let notifiedCount = 0;
  let disposed = false;

  const lastSeq = (): number => (timeline.length === 0 ? 0 : (timeline.get(timeline.length - 1)?.seq ?? 0));
  const complete = (): boolean => match === null || scannedSeq >= lastSeq();

  const notify = (): void => {
    version++;
    snapshot = null;
    lastNotify = host.now();
    notifiedThisGeneration = true;
    notifiedCount = tail - head;
    for (const listener of listeners) listener();
  };

  const push = (seq: number): void => {
    if (tail === matches.length) {
      if (head > matches.length / 2) {
        // Mostly evicted: slide the live part down instead of growing.
        matches.copyWithin(0, head, tail);
      } else {
        const grown = new Float64Array(matches.length * 2);
        grown.set(matches.subarray(head, tail));
        matches = grown;
      }
      tail -= head;
      head = 0;
    }
    matches[tail++] = seq;
  };

  // First index in [head, tail) whose seq is >= `seq`.
  const lowerBound = (seq: number): number => {
    let low = head;
    let high = tail;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((matches[middle] as number) < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  // Matches the cap evicted (or a clear removed) go with their entries.
  const prune = (): boolean => {
    const before = tail - head;
    if (timeline.length === 0) head = tail;
    else head = lowerBound(timeline.get(0)?.seq ?? 0);
    if (head === tail) head = tail = 0;
    return tail - head !== before;
  };

  const scan = (scanGeneration: number): void => {
    cancelScheduled = null;
    if (disposed || scanGeneration !== generation || match === null) return;
    const test = match;
    const started = host.now();
    const length = timeline.length;
    let index = lowerBoundBySeq(timeline, scannedSeq + 1);
    let tested = 0;
    while (index < length) {
      const entry = timeline.get(index++);
      if (!entry) break;
      if (test(entry.event)) push(entry.seq);
      scannedSeq = entry.seq;
      if (++tested % checkEvery === 0 && host.now() - started >= budgetMs) break;
    }
    const done = index >= length;
    if (!done) cancelScheduled = host.schedule(() => scan(scanGeneration));
    const count = tail - head;
    const unshown = count !== notifiedCount;
    // The first chunk of a search shows at once, and so do its first matches; later ones are grouped so a long
    // scan is not a render storm. Matches a grouped chunk held back go out with the first chunk after the wait,
    // whether or not that one finds any: they are often clustered, and the next finding may be far off.
    const firstMatches = notifiedCount === 0 && count > 0;
    const waited = host.now() - lastNotify >= notifyEveryMs;
    if (!notifiedThisGeneration || done || firstMatches || (unshown && waited)) notify();
  };

  const onTimeline = (): void => {
    const pruned = prune();
    if (match === null) {
      notify();
      return;
    }
    if (cancelScheduled !== null) {
      // A scan is under way: it reaches the new entries by itself.
      if (pruned) notify();
      return;
    }
    notifiedThisGeneration = false;
    scan(generation);
  };

  const restart = (): void => {
    generation++;
    cancelScheduled?.();
    cancelScheduled = null;
    head = tail = 0;
    // A search that matched a million entries must not keep its 8 MB once the filter changes.
    if (matches.length > INITIAL_CAPACITY * 16) matches = new Float64Array(INITIAL_CAPACITY);
    scannedSeq = 0;
    notifiedThisGeneration = false;
    if (match === null || stopTimeline === null) {
      notify();
      return;
    }
    scan(generation);
  };

  return {
    setMatcher(next) {
      if (disposed || next === match) return;
      match = next;
      restart();
    },
    getSnapshot() {
      snapshot ??= {
        active: match !== null,
        count: match === null ? timeline.length : tail - head,
        complete: complete(),
        version,
      };
      return snapshot;
    },
    subscribe(listener) {
      if (disposed) return () => {};
      listeners = [...listeners, listener];
      if (stopTimeline === null) {
        stopTimeline = timeline.subscribe(onTimeline);
        // Catch up with whatever flushed while nobody listened.
        if (match !== null && cancelScheduled === null) {
          prune();
          scan(generation);
        } else notify();
      }
      return () => {
        listeners = listeners.filter((l) => l !== listener);
        if (listeners.length === 0 && stopTimeline !== null) {
          stopTimeline();
          stopTimeline = null;
          cancelScheduled?.();
          cancelScheduled = null;
        }
      };
    },
    seqAt(rank) {
      if (match === null) return timeline.get(rank)?.seq;
      if (!Number.isInteger(rank) || rank < 0 || rank >= tail - head) return undefined;
      return matches[head + rank];
    },
    rankOf(seq) {
      if (match === null) return lowerBoundBySeq(timeline, seq);
      return lowerBound(seq) - head;
    },
    dispose() {
      disposed = true;
      cancelScheduled?.();
      cancelScheduled = null;
      stopTimeline?.();
      stopTimeline = null;
      listeners = [];
    },
  };
}
