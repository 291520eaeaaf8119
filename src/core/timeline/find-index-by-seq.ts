import type { Timeline } from './timeline';

/** Binary search: entries are in increasing seq order. Returns -1 when the entry is gone (cleared or capped). */
export function findIndexBySeq(timeline: Pick<Timeline, 'get' | 'length'>, seq: number): number {
  let low = 0;
  let high = timeline.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const current = timeline.get(middle)?.seq ?? -1;
    if (current === seq) return middle;
    if (current < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
