import { describe, expect, it, vi } from 'vitest';
import { createFrameFlushScheduler, createManualFlushScheduler } from './flush-scheduler';

function fakeHost() {
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { cb: () => void; ms: number }>();
  let nextId = 1;
  const deps = {
    requestFrame: vi.fn((cb: () => void) => {
      const id = nextId++;
      frames.set(id, cb);
      return id;
    }),
    cancelFrame: vi.fn((id: number) => {
      frames.delete(id);
    }),
    setTimer: vi.fn((cb: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { cb, ms });
      return id;
    }),
    clearTimer: vi.fn((id: unknown) => {
      timers.delete(id as number);
    }),
  };
  return {
    deps,
    frames,
    timers,
    fireFrame() {
      const entries = [...frames];
      frames.clear();
      for (const [, cb] of entries) cb();
    },
    fireTimers() {
      const entries = [...timers];
      timers.clear();
      for (const [, { cb }] of entries) cb();
    },
  };
}

describe('createFrameFlushScheduler', () => {
  it('with no clock to time renders, a busy request flushes on the second animation frame, with no fixed delay', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush, { busy: true });
    expect(host.frames.size).toBe(1);
    expect([...host.timers.values()].map((t) => t.ms)).toEqual([100]);

    host.fireFrame();
    expect(flush).not.toHaveBeenCalled();
    expect(host.frames.size).toBe(1);
    host.fireFrame();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(host.timers.size).toBe(0);
    host.fireTimers();
    host.fireFrame();
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('cancels a two-frame busy request between its frames', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush, { busy: true });
    host.fireFrame();
    scheduler.cancel();
    host.fireTimers();
    host.fireFrame();
    expect(flush).not.toHaveBeenCalled();
  });

  it('a two-frame busy request still flushes on the fallback timer when frames stop', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush, { busy: true });
    host.fireFrame();
    host.fireTimers();
    expect(flush).toHaveBeenCalledTimes(1);
    host.fireFrame();
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('keeps every frame for a busy stream while flushes and their renders are cheap, and skips one while they are not', () => {
    const host = fakeHost();
    let clock = 0;
    const afterFlush: (() => void)[] = [];
    const scheduler = createFrameFlushScheduler({
      ...host.deps,
      now: () => clock,
      queueMicrotask: (callback) => afterFlush.push(callback),
      busyBudgetMs: 6,
    });
    // Each flush "renders" for `cost` ms; the microtask queued after it sees the clock once that is done.
    const flushCosting = (cost: number) => () => {
      clock += cost;
    };
    const framesUntilFlushed = (cost: number): number => {
      const flush = vi.fn(flushCosting(cost));
      scheduler.request(flush, { busy: true });
      let frames = 0;
      while (flush.mock.calls.length === 0 && frames < 5) {
        host.fireFrame();
        frames++;
      }
      afterFlush.splice(0).forEach((callback) => callback());
      return frames;
    };

    // Nothing timed yet: expensive until shown otherwise.
    expect(framesUntilFlushed(10)).toBe(2);
    expect(framesUntilFlushed(1)).toBe(2);
    // (10 + 1) / 2 = 5.5 ms, within the budget.
    expect(framesUntilFlushed(1)).toBe(1);
    expect(framesUntilFlushed(20)).toBe(1);
    expect(framesUntilFlushed(20)).toBe(2);

    // A quiet request never waits, whatever renders cost.
    const quiet = vi.fn();
    scheduler.request(quiet);
    host.fireFrame();
    expect(quiet).toHaveBeenCalledTimes(1);
  });

  it('requests one frame and one fallback timer, once, until it runs', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush);
    scheduler.request(flush);
    scheduler.request(flush);
    expect(host.deps.requestFrame).toHaveBeenCalledTimes(1);
    expect(host.deps.setTimer).toHaveBeenCalledTimes(1);
    expect(host.deps.setTimer.mock.calls[0]?.[1]).toBe(100);
    expect(flush).not.toHaveBeenCalled();
  });

  it('flushes on the frame when it comes first and cancels the timer', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush);
    host.fireFrame();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(host.deps.clearTimer).toHaveBeenCalledTimes(1);
    expect(host.timers.size).toBe(0);
    host.fireTimers();
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('flushes on the timer when frames are paused (background tab) and cancels the frame', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler({ ...host.deps, fallbackMs: 250 });
    const flush = vi.fn();
    scheduler.request(flush);
    expect(host.deps.setTimer.mock.calls[0]?.[1]).toBe(250);
    host.fireTimers();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(host.deps.cancelFrame).toHaveBeenCalledTimes(1);
    expect(host.frames.size).toBe(0);
  });

  it('ignores a late callback that the host failed to cancel', () => {
    const host = fakeHost();
    host.deps.clearTimer.mockImplementation(() => {});
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush);
    host.fireFrame();
    host.fireTimers();
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('can be requested again after it ran, including from inside the flush', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    let runs = 0;
    const flush = () => {
      runs++;
      if (runs === 1) scheduler.request(flush);
    };
    scheduler.request(flush);
    host.fireFrame();
    expect(runs).toBe(1);
    expect(host.deps.requestFrame).toHaveBeenCalledTimes(2);
    host.fireFrame();
    expect(runs).toBe(2);
  });

  it('uses the latest callback and runs nothing after cancel', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const first = vi.fn();
    const second = vi.fn();
    scheduler.request(first);
    scheduler.request(second);
    host.fireFrame();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);

    scheduler.request(first);
    scheduler.cancel();
    expect(host.frames.size).toBe(0);
    expect(host.timers.size).toBe(0);
    host.fireFrame();
    host.fireTimers();
    expect(first).not.toHaveBeenCalled();
  });
});

describe('createManualFlushScheduler', () => {
  it('runs the requested flush once, only when told to', () => {
    const scheduler = createManualFlushScheduler();
    const flush = vi.fn();
    expect(scheduler.pending).toBe(false);
    scheduler.request(flush);
    scheduler.request(flush);
    expect(scheduler.pending).toBe(true);
    expect(flush).not.toHaveBeenCalled();
    scheduler.run();
    scheduler.run();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(scheduler.pending).toBe(false);
    scheduler.request(flush);
    scheduler.cancel();
    scheduler.run();
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
