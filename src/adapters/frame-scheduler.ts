import { createFrameFlushScheduler, type FlushScheduler } from '@/core/timeline/flush-scheduler';

/**
 * A flush scheduler on the browser's animation frames, with a timer so background tabs keep flushing. It times
 * each flush with the React render it sets off (a microtask, which runs before ours) to pace busy streams.
 */
export function createBrowserFlushScheduler(): FlushScheduler {
  return createFrameFlushScheduler({
    requestFrame: (callback) => window.requestAnimationFrame(callback),
    cancelFrame: (id) => window.cancelAnimationFrame(id),
    setTimer: (callback, ms) => window.setTimeout(callback, ms),
    clearTimer: (id) => window.clearTimeout(id as number),
    now: () => performance.now(),
    queueMicrotask: (callback) => queueMicrotask(callback),
  });
}
