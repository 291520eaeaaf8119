import { describe, expect, it } from 'vitest';
import { appendRateSample, currentRate, IDLE_SAMPLE, peakMessages } from './rate-history';

const stats = (received: number, sent: number, receivedBytes = received * 10, sentBytes = sent * 10) => ({
  received,
  sent,
  receivedBytes,
  sentBytes,
});

describe('rate history', () => {
  it('records what moved each second, both ways, in messages and bytes', () => {
    let history = appendRateSample([], stats(0, 0), stats(100, 2, 12_000, 40));
    history = appendRateSample(history, stats(100, 2, 12_000, 40), stats(350, 2, 42_000, 40));
    expect(history).toEqual([
      { inMessages: 100, outMessages: 2, inBytes: 12_000, outBytes: 40 },
      { inMessages: 250, outMessages: 0, inBytes: 30_000, outBytes: 0 },
    ]);
    expect(currentRate(history)).toEqual({ inMessages: 250, outMessages: 0, inBytes: 30_000, outBytes: 0 });
  });

  it('counts from zero again when a new connection restarted the counters', () => {
    const history = appendRateSample([], stats(5_000, 10), stats(30, 1));
    expect(currentRate(history)).toMatchObject({ inMessages: 30, outMessages: 1 });
  });

  it('keeps only the last minute', () => {
    let history = appendRateSample([], stats(0, 0), stats(1, 0));
    for (let second = 2; second <= 75; second++)
      history = appendRateSample(history, stats(second - 1, 0), stats(second * 2, 0));
    expect(history).toHaveLength(60);
    expect(currentRate(history).inMessages).toBe(76);
  });

  it('is idle before the first sample and scales charts to at least one message', () => {
    expect(currentRate([])).toEqual(IDLE_SAMPLE);
    expect(peakMessages([])).toBe(1);
    expect(peakMessages(appendRateSample([], stats(0, 0), stats(7, 9)))).toBe(9);
  });
});
