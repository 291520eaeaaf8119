import type { SearchHost } from '@/core/timeline/timeline-search';

let shared: SearchHost | null = null;

/**
 * Schedules search chunks as message tasks: unlike nested `setTimeout(0)`, they are not clamped to 4 ms, and
 * like any task they let the browser render and handle input in between. One channel serves every search.
 */
export function browserSearchHost(): SearchHost {
  if (shared) return shared;
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  shared = {
    schedule(task) {
      let cancelled = false;
      queue.push(() => {
        if (!cancelled) task();
      });
      channel.port2.postMessage(null);
      return () => {
        cancelled = true;
      };
    },
    now: () => performance.now(),
  };
  return shared;
}
