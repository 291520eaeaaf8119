import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_VIEW, useSessionsStore } from '@/stores/sessions-store';
import { startRateSampling } from './rate-sampling';

function counted(received: number, sent: number) {
  const stats = { received, sent, receivedBytes: received * 100, sentBytes: sent * 10 };
  useSessionsStore.getState().setView('tab', { ...IDLE_VIEW, state: 'open', stats });
}

describe('rate sampling', () => {
  let stop = () => {};
  beforeEach(() => {
    vi.useFakeTimers();
    useSessionsStore.setState({ views: {}, rates: {} });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('adds one sample a second from the counters of each tab', () => {
    counted(0, 0);
    stop = startRateSampling();
    counted(500, 1);
    vi.advanceTimersByTime(1000);
    counted(1_700, 1);
    vi.advanceTimersByTime(1000);
    expect(useSessionsStore.getState().rates.tab).toEqual([
      { inMessages: 500, outMessages: 1, inBytes: 50_000, outBytes: 10 },
      { inMessages: 1_200, outMessages: 0, inBytes: 120_000, outBytes: 0 },
    ]);
  });

  it('stops changing the store once a quiet minute has cleared the chart, and forgets a closed tab', () => {
    counted(10, 0);
    stop = startRateSampling();
    vi.advanceTimersByTime(1000);
    expect(useSessionsStore.getState().rates.tab?.at(-1)?.inMessages).toBe(10);
    vi.advanceTimersByTime(60_000);
    expect(useSessionsStore.getState().rates.tab?.every((sample) => sample.inMessages === 0)).toBe(true);
    const changes = vi.fn();
    const unsubscribe = useSessionsStore.subscribe(changes);
    vi.advanceTimersByTime(5000);
    expect(changes).not.toHaveBeenCalled();

    useSessionsStore.getState().removeView('tab');
    vi.advanceTimersByTime(1000);
    expect(useSessionsStore.getState().rates).toEqual({});
    unsubscribe();
  });
});
