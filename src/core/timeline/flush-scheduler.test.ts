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
  it('with frames: 2, flushes on the second animation frame, with no fixed delay', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush, { frames: 2 });
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

  it('cancels a two-frame request between its frames', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush, { frames: 2 });
    host.fireFrame();
    scheduler.cancel();
    host.fireTimers();
    host.fireFrame();
    expect(flush).not.toHaveBeenCalled();
  });

  it('a two-frame request still flushes on the fallback timer when frames stop', () => {
    const host = fakeHost();
    const scheduler = createFrameFlushScheduler(host.deps);
    const flush = vi.fn();
    scheduler.request(flush, { frames: 2 });
    host.fireFrame();
    host.fireTimers();
    expect(flush).toHaveBeenCalledTimes(1);
    host.fireFrame();
    expect(flush).toHaveBeenCalledTimes(1);
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
