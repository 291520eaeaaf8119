/** Options of one flush request. */
export interface FlushRequestOptions {
  /**
   * A stream is pouring in. When the last flush, with the render it set off, cost more than the busy budget,
   * this one waits for the second animation frame instead of the next, so each render carries a frame's worth
   * more while staying frame-paced (a fixed delay would hold rows back for its length). A cheap render, as on a
   * fast machine, keeps every frame.
   */
  busy?: boolean;
}

/** Schedules a flush at most once until it runs. */
export interface FlushScheduler {
  /** Asks for `flush` to run soon; while a run is pending, further requests only replace the callback. */
  request(flush: () => void, options?: FlushRequestOptions): void;
  /** Drops a pending run, if any. */
  cancel(): void;
}

/** Host timing functions, injected so core stays free of browser globals. */
export interface FrameSchedulerDeps {
  requestFrame: (cb: () => void) => number;
  cancelFrame: (id: number) => void;
  setTimer: (cb: () => void, ms: number) => unknown;
  clearTimer: (id: unknown) => void;
  /** Upper bound on the delay when frames do not come (background tab). Default 100 ms. */
  fallbackMs?: number;
  /**
   * Milliseconds, to time each flush with what it set off: the microtask queued after it runs after the
   * renders its listeners scheduled. Without them every busy request waits two frames.
   */
  now?: () => number;
  queueMicrotask?: (callback: () => void) => void;
  /** What a flush and its render may cost for a busy stream to keep every frame. Default 6 ms. */
  busyBudgetMs?: number;
}

/**
 * Flushes on the next animation frame, or after `fallbackMs` if no frame comes first. Browsers pause
 * requestAnimationFrame in background tabs; the timer keeps events flowing there, and whichever fires first
 * cancels the other so each request flushes exactly once.
 */
export function createFrameFlushScheduler(deps: FrameSchedulerDeps): FlushScheduler {
  const fallbackMs = deps.fallbackMs ?? 100;
  const busyBudgetMs = deps.busyBudgetMs ?? 6;
  const { now, queueMicrotask: afterFlush } = deps;
  // What recent flushes cost with their renders (halved towards each new one); unknown counts as expensive.
  let flushCostMs = Number.POSITIVE_INFINITY;
  let pending: (() => void) | null = null;
  let frameId = 0;
  let timerId: unknown = undefined;
  // Frames still to wait before flushing, counting the one requested.
  let framesLeft = 0;

  // Bound once: a request allocates nothing.
  const onFrame = (): void => {
    if (pending === null) return;
    if (--framesLeft > 0) {
      frameId = deps.requestFrame(onFrame);
      return;
    }
    deps.clearTimer(timerId);
    run();
  };
  const onTimer = (): void => {
    if (pending === null) return;
    deps.cancelFrame(frameId);
    run();
  };
  const run = (): void => {
    const flush = pending;
    // Cleared before calling so that a flush which pushes more events can request the next one.
    pending = null;
    timerId = undefined;
    if (flush === null) return;
    const started = now?.();
    flush();
    if (started === undefined || !now || !afterFlush) return;
    afterFlush(() => {
      const cost = now() - started;
      flushCostMs = Number.isFinite(flushCostMs) ? (flushCostMs + cost) / 2 : cost;
    });
  };

  return {
    request(flush, options) {
      if (pending !== null) {
        pending = flush;
        return;
      }
      pending = flush;
      framesLeft = options?.busy && flushCostMs > busyBudgetMs ? 2 : 1;
      frameId = deps.requestFrame(onFrame);
      timerId = deps.setTimer(onTimer, fallbackMs);
    },
    cancel() {
      if (pending === null) return;
      pending = null;
      deps.cancelFrame(frameId);
      deps.clearTimer(timerId);
      timerId = undefined;
    },
  };
}

/** A scheduler that flushes only when told to; for tests and for callers that flush synchronously. */
export function createManualFlushScheduler(): FlushScheduler & {
  run(): void;
  /** Whether a flush has been requested and not yet run. */
  readonly pending: boolean;
  /** Whether the latest request said a stream is busy. */
  readonly requestedBusy: boolean;
} {
  let pending: (() => void) | null = null;
  let requestedBusy = false;
  return {
    request(flush, options) {
      pending = flush;
      requestedBusy = options?.busy ?? false;
    },
    cancel() {
      pending = null;
    },
    run() {
      const flush = pending;
      pending = null;
      flush?.();
    },
    get pending() {
      return pending !== null;
    },
    get requestedBusy() {
      return requestedBusy;
    },
  };
}
