/** Options of one flush request. */
export interface FlushRequestOptions {
  /** Wait at least this long before looking for a frame: lets a busy stream batch more per render. */
  delayMs?: number;
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

  // Bound once: a request allocates nothing.
  const onFrame = (): void => {
    if (pending === null) return;
    deps.clearTimer(timerId);
    run();
  };
  const onTimer = (): void => {
    if (pending === null) return;
    deps.cancelFrame(frameId);
    run();
  };
  const armFrame = (): void => {
    if (pending === null) return;
    frameId = deps.requestFrame(onFrame);
    timerId = deps.setTimer(onTimer, fallbackMs);
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
      const delayMs = options?.delayMs ?? 0;
      if (delayMs > 0) timerId = deps.setTimer(armFrame, delayMs);
      else armFrame();
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
  /** The delay the latest request asked for (0 when none). */
  readonly requestedDelayMs: number;
} {
  let pending: (() => void) | null = null;
  let requestedDelayMs = 0;
  return {
    request(flush, options) {
      pending = flush;
      requestedDelayMs = options?.delayMs ?? 0;
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
    get requestedDelayMs() {
      return requestedDelayMs;
    },
  };
}
