import type { ConnectionStats } from './timeline';

/** What moved in one second, both ways. */
export interface RateSample {
  inMessages: number;
  outMessages: number;
  inBytes: number;
  outBytes: number;
}

/** The last seconds of a session's traffic, oldest first, one sample a second. */
export type RateHistory = readonly RateSample[];

/** How many one-second samples the meter keeps: its chart shows the last minute. */
export const RATE_WINDOW_SECONDS = 60;

export const IDLE_SAMPLE: RateSample = { inMessages: 0, outMessages: 0, inBytes: 0, outBytes: 0 };

/**
 * Appends the second that passed between two readings of a session's counters, dropping the oldest sample
 * past the window. Counters restart at each new connection, so a reading below the last one means everything
 * counted now happened since that restart.
 */
export function appendRateSample(
  history: RateHistory,
  previous: ConnectionStats,
  current: ConnectionStats,
  windowSize = RATE_WINDOW_SECONDS,
): RateHistory {
  const delta = (now: number, before: number) => (now >= before ? now - before : now);
  const sample: RateSample = {
    inMessages: delta(current.received, previous.received),
    outMessages: delta(current.sent, previous.sent),
    inBytes: delta(current.receivedBytes, previous.receivedBytes),
    outBytes: delta(current.sentBytes, previous.sentBytes),
  };
  const kept = history.length >= windowSize ? history.slice(history.length - windowSize + 1) : history;
  return [...kept, sample];
}

/** The latest second, or an idle one before the first sample. */
export function currentRate(history: RateHistory): RateSample {
  return history[history.length - 1] ?? IDLE_SAMPLE;
}

/** The largest messages-per-second figure either way in the window (at least 1), to scale a chart. */
export function peakMessages(history: RateHistory): number {
  let peak = 1;
  for (const sample of history) peak = Math.max(peak, sample.inMessages, sample.outMessages);
  return peak;
}
