import type { Timeline } from './timeline';

/** Binary search: entries are in increasing seq order. Returns -1 when the entry is gone (cleared or capped). */
export function findIndexBySeq(timeline: Pick<Timeline, 'get' | 'length'>, seq: number): number {
  const index = lowerBoundBySeq(timeline, seq);
  return timeline.get(index)?.seq === seq ? index : -1;
}

/**
 * The index of the first entry whose seq is at least `seq` (`length` when there is none). Seqs are usually
 * consecutive, so the guess `seq - first seq` is tried before the binary search: one or two reads instead of
 * twenty when the list resolves dozens of rows per frame.
 */
export function lowerBoundBySeq(timeline: Pick<Timeline, 'get' | 'length'>, seq: number): number {
  const length = timeline.length;
  if (length === 0) return 0;
  const first = timeline.get(0)?.seq ?? 0;
  if (seq <= first) return 0;
  const guess = seq - first;
  if (guess < length && timeline.get(guess)?.seq === seq) return guess;
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((timeline.get(middle)?.seq ?? Infinity) < seq) low = middle + 1;
    else high = middle;
  }
  return low;
}
