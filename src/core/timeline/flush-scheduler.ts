/** Options of one flush request. */
export interface FlushRequestOptions {
  /**
   * Flush on the n-th animation frame from now (default 1, the next one): 2 lets a busy stream batch a frame's
   * worth more per render while staying frame-paced, unlike a fixed delay that holds rows back for its length.
   */
  frames?: number;
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
}

/**
 * Flushes on the next animation frame, or after `fallbackMs` if no frame comes first. Browsers pause
 * requestAnimationFrame in background tabs; the timer keeps events flowing there, and whichever fires first
 * cancels the other so each request flushes exactly once.
 */
export function createFrameFlushScheduler(deps: FrameSchedulerDeps): FlushScheduler {
  const fallbackMs = deps.fallbackMs ?? 100;
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
    flush?.();
  };

  return {
    request(flush, options) {
      if (pending !== null) {
        pending = flush;
        return;
      }
      pending = flush;
      framesLeft = Math.max(1, options?.frames ?? 1);
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
  /** The frames the latest request asked to wait (1 when it did not say). */
  readonly requestedFrames: number;
} {
  let pending: (() => void) | null = null;
  let requestedFrames = 1;
  return {
    request(flush, options) {
      pending = flush;
      requestedFrames = options?.frames ?? 1;
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
    get requestedFrames() {
      return requestedFrames;
    },
  };
}
