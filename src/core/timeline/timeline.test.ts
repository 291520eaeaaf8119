import { describe, expect, it, vi } from 'vitest';
import type { MessageEvent, SessionEvent } from '../session/session-events';
import { createManualFlushScheduler } from './flush-scheduler';
import { BUSY_BATCH, BUSY_BYTES, createTimeline, DEFAULT_TIMELINE_CAP, type Timeline } from './timeline';

const connecting = (): SessionEvent => ({
  kind: 'connecting',
  at: 0,
  sinceOpen: null,
  url: 'ws://x/',
  protocols: [],
});
const message = (direction: 'in' | 'out', data: string): MessageEvent => ({
  kind: 'message',
  at: 0,
  sinceOpen: 0,
  direction,
  format: 'text',
  data,
  size: data.length,
});

function seqs(timeline: Timeline): number[] {
  const out: number[] = [];
  for (let i = 0; i < timeline.length; i++) out.push(timeline.get(i)?.seq ?? -1);
  return out;
}
function texts(timeline: Timeline): string[] {
  const out: string[] = [];
  for (let i = 0; i < timeline.length; i++) {
    const event = timeline.get(i)?.event;
    out.push(event?.kind === 'message' ? String(event.data) : (event?.kind ?? '?'));
  }
  return out;
}
function setup(cap?: number) {
  const scheduler = createManualFlushScheduler();
  const timeline = createTimeline(cap === undefined ? { scheduler } : { cap, scheduler });
  const listener = vi.fn();
  timeline.subscribe(listener);
  return { scheduler, timeline, listener };
}

describe('createTimeline', () => {
  it('asks for a busy flush after a busy batch, and not after a quiet one', () => {
    const { scheduler, timeline } = setup();
    timeline.push(message('in', 'one'));
    expect(scheduler.requestedBusy).toBe(false);
    scheduler.run();

    for (let i = 0; i < BUSY_BATCH; i++) timeline.push(message('in', `m${i}`));
    scheduler.run();
    timeline.push(message('in', 'after a burst'));
    expect(scheduler.requestedBusy).toBe(true);
    scheduler.run();

    timeline.push(message('in', 'quiet again'));
    expect(scheduler.requestedBusy).toBe(false);
    scheduler.run();
    expect(timeline.length).toBe(BUSY_BATCH + 3);
  });

  it('counts a few large messages as a busy batch too (bytes, not only events)', () => {
    const { scheduler, timeline } = setup();
    const big = (data: string): SessionEvent => ({ ...message('in', data), size: BUSY_BYTES / 4 });
    for (let i = 0; i < 4; i++) timeline.push(big(`big${i}`));
    scheduler.run();
    timeline.push(message('in', 'next'));
    expect(scheduler.requestedBusy).toBe(true);
  });

  it('defaults the cap to 1 000 000', () => {
    expect(DEFAULT_TIMELINE_CAP).toBe(1_000_000);
    expect(setup().timeline.cap).toBe(1_000_000);
  });

  it('gives back every field of every kind of event it stored', () => {
    const { scheduler, timeline } = setup(3);
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const events: SessionEvent[] = [
      connecting(),
      { kind: 'message', at: 1.5, sinceOpen: null, direction: 'in', format: 'binary', data: bytes, size: 3 },
      { kind: 'message', at: 2.25, sinceOpen: 0.75, direction: 'out', format: 'text', data: 'é', size: 2 },
      { ...message('out', 'beat'), auto: 'interval' },
      { ...message('out', 'hello'), auto: 'on-open' },
    ];
    for (const event of events) timeline.push(event);
    scheduler.run();
    for (const event of events.slice(0, 2)) timeline.push(event);
    scheduler.run();
    expect(timeline.length).toBe(3);
    expect([0, 1, 2].map((i) => timeline.get(i)?.event)).toStrictEqual([events[4], events[0], events[1]]);
    expect(timeline.get(2)?.event).toMatchObject({ data: bytes });
    expect(seqs(timeline)).toEqual([5, 6, 7]);
  });

  it('returns the same entry object for repeated reads of one entry', () => {
    const { scheduler, timeline } = setup();
    timeline.push(message('in', 'a'));
    timeline.push(message('in', 'b'));
    scheduler.run();
    const first = timeline.get(1);
    timeline.push(message('in', 'c'));
    scheduler.run();
    expect(timeline.get(1)).toBe(first);
    expect(timeline.get(1)?.event).toBe(first?.event);
  });

  it('batches many pushes into one flush and one notification', () => {
    const { scheduler, timeline, listener } = setup();
    for (let i = 0; i < 1000; i++) timeline.push(message('in', `m${i}`));
    expect(scheduler.pending).toBe(true);
    expect(timeline.length).toBe(0);
    expect(listener).not.toHaveBeenCalled();
    scheduler.run();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(timeline.length).toBe(1000);
    expect(timeline.revision).toBe(1);
    expect(timeline.get(0)?.seq).toBe(1);
    expect(timeline.get(999)?.seq).toBe(1000);
    expect(timeline.get(1000)).toBeUndefined();
    expect(timeline.get(-1)).toBeUndefined();
  });

  it('does not notify or bump the revision when a flush has nothing to do', () => {
    const { timeline, listener } = setup();
    timeline.flush();
    expect(listener).not.toHaveBeenCalled();
    expect(timeline.revision).toBe(0);
  });

  it('requests a new flush after each one ran, and a manual flush works too', () => {
    const { scheduler, timeline, listener } = setup();
    timeline.push(message('in', 'a'));
    timeline.flush();
    expect(timeline.length).toBe(1);
    scheduler.run();
    expect(listener).toHaveBeenCalledTimes(1);
    timeline.push(message('in', 'b'));
    expect(scheduler.pending).toBe(true);
    scheduler.run();
    expect(texts(timeline)).toEqual(['a', 'b']);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('caps entries, keeping the newest, and counts what it dropped', () => {
    const { scheduler, timeline } = setup(10);
    for (let i = 1; i <= 25; i++) timeline.push(message('in', `m${i}`));
    scheduler.run();
    expect(timeline.length).toBe(10);
    expect(timeline.dropped).toBe(15);
    expect(timeline.get(0)?.seq).toBe(16);
    expect(seqs(timeline)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(texts(timeline)[0]).toBe('m16');
  });

  it('keeps order across many small flushes that wrap the ring', () => {
    const { scheduler, timeline } = setup(10);
    let n = 0;
    for (let round = 0; round < 7; round++) {
      for (let i = 0; i < 3; i++) timeline.push(message('in', `m${++n}`));
      scheduler.run();
    }
    expect(timeline.length).toBe(10);
    expect(timeline.dropped).toBe(11);
    expect(seqs(timeline)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(texts(timeline)).toEqual(seqs(timeline).map((s) => `m${s}`));
  });

  it('bounds pending events when flushes are far apart', () => {
    const { scheduler, timeline } = setup(100);
    for (let i = 1; i <= 1000; i++) timeline.push(message('in', `m${i}`));
    expect(timeline.stats.received).toBe(1000);
    scheduler.run();
    expect(timeline.length).toBe(100);
    expect(timeline.dropped).toBe(900);
    expect(seqs(timeline)[0]).toBe(901);
    expect(texts(timeline)[99]).toBe('m1000');
  });

  it('keeps exactly the newest entries through a firehose larger than the cap', () => {
    const { scheduler, timeline } = setup(100_000);
    const event = message('in', 'x');
    for (let flush = 0; flush < 30; flush++) {
      for (let i = 0; i < 10_000; i++) timeline.push(event);
      scheduler.run();
    }
    expect(timeline.length).toBe(100_000);
    expect(timeline.dropped).toBe(200_000);
    expect(timeline.get(0)?.seq).toBe(200_001);
    expect(timeline.get(99_999)?.seq).toBe(300_000);
  });

  it('updates stats on push, before any flush, and resets them on connecting', () => {
    const { scheduler, timeline } = setup(2);
    timeline.push(connecting());
    timeline.push(message('in', 'abc'));
    timeline.push(message('in', 'de'));
    timeline.push(message('out', 'fghij'));
    expect(timeline.stats).toEqual({ received: 2, sent: 1, receivedBytes: 5, sentBytes: 5 });
    scheduler.run();
    // The cap does not touch stats.
    expect(timeline.stats).toEqual({ received: 2, sent: 1, receivedBytes: 5, sentBytes: 5 });
    timeline.clear();
    expect(timeline.stats).toEqual({ received: 2, sent: 1, receivedBytes: 5, sentBytes: 5 });
    timeline.push(connecting());
    expect(timeline.stats).toEqual({ received: 0, sent: 0, receivedBytes: 0, sentBytes: 0 });
  });

  it('keeps totals across automatic reconnects and resets them on a connect of the user', () => {
    const { timeline } = setup();
    const attempting: SessionEvent = {
      kind: 'reconnect',
      phase: 'attempting',
      at: 0,
      sinceOpen: null,
      attempt: 1,
      maxAttempts: null,
      reconnectsSinceConnect: 1,
    };
    timeline.push(connecting());
    timeline.push(message('in', 'abc'));
    timeline.push(attempting);
    timeline.push(connecting());
    timeline.push(message('in', 'de'));
    timeline.push(message('out', 'f'));
    expect(timeline.stats).toEqual({ received: 1, sent: 1, receivedBytes: 2, sentBytes: 1 });
    expect(timeline.totals).toEqual({ received: 2, sent: 1, receivedBytes: 5, sentBytes: 1, connections: 2 });
    timeline.push(connecting());
    expect(timeline.totals).toEqual({ received: 0, sent: 0, receivedBytes: 0, sentBytes: 0, connections: 1 });
  });

  it('returns the same stats object until something changes', () => {
    const { timeline } = setup();
    const first = timeline.stats;
    expect(timeline.stats).toBe(first);
    timeline.push(message('in', 'a'));
    expect(timeline.stats).not.toBe(first);
  });

  it('clear empties entries, pending events and the dropped count, and notifies once', () => {
    const { scheduler, timeline, listener } = setup(3);
    for (let i = 1; i <= 5; i++) timeline.push(message('in', `m${i}`));
    scheduler.run();
    timeline.push(message('in', 'pending'));
    const revision = timeline.revision;
    listener.mockClear();
    timeline.clear();
    expect(timeline.length).toBe(0);
    expect(timeline.dropped).toBe(0);
    expect(timeline.revision).toBeGreaterThan(revision);
    expect(listener).toHaveBeenCalledTimes(1);
    scheduler.run();
    expect(timeline.length).toBe(0);
    // seq keeps counting, so keys never repeat; the pending event used seq 6.
    timeline.push(message('in', 'after'));
    scheduler.run();
    expect(seqs(timeline)).toEqual([7]);
  });

  it('setCap smaller keeps the newest entries and counts the rest as dropped', () => {
    const { scheduler, timeline, listener } = setup(10);
    for (let i = 1; i <= 15; i++) timeline.push(message('in', `m${i}`));
    scheduler.run();
    timeline.push(message('in', 'm16'));
    listener.mockClear();
    timeline.setCap(4);
    expect(timeline.cap).toBe(4);
    expect(seqs(timeline)).toEqual([13, 14, 15, 16]);
    expect(timeline.dropped).toBe(12);
    expect(listener).toHaveBeenCalledTimes(1);
    timeline.push(message('in', 'm17'));
    scheduler.run();
    expect(texts(timeline)).toEqual(['m14', 'm15', 'm16', 'm17']);
  });

  it('setCap larger keeps everything and lets the timeline grow', () => {
    const { scheduler, timeline } = setup(3);
    for (let i = 1; i <= 5; i++) timeline.push(message('in', `m${i}`));
    scheduler.run();
    const revision = timeline.revision;
    timeline.setCap(5);
    expect(timeline.revision).toBe(revision + 1);
    expect(texts(timeline)).toEqual(['m3', 'm4', 'm5']);
    for (let i = 6; i <= 8; i++) timeline.push(message('in', `m${i}`));
    scheduler.run();
    expect(texts(timeline)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
    expect(timeline.dropped).toBe(3);
  });

  it('normalizes unusable caps instead of throwing', () => {
    const { timeline } = setup(10);
    timeline.setCap(0);
    expect(timeline.cap).toBe(1);
    timeline.setCap(Number.NaN);
    expect(timeline.cap).toBe(1);
    timeline.setCap(7.9);
    expect(timeline.cap).toBe(7);
  });

  it('unsubscribes, isolates a throwing listener, and goes quiet after dispose', async () => {
    const { scheduler, timeline, listener } = setup();
    const thrown: unknown[] = [];
    const originalQueue = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (cb) => {
      try {
        cb();
      } catch (error) {
        thrown.push(error);
      }
    };
    try {
      const broken = timeline.subscribe(() => {
        throw new Error('view broke');
      });
      const other = vi.fn();
      const stop = timeline.subscribe(other);
      timeline.push(message('in', 'a'));
      scheduler.run();
      expect(listener).toHaveBeenCalledTimes(1);
      expect(other).toHaveBeenCalledTimes(1);
      expect(thrown).toEqual([new Error('view broke')]);
      stop();
      broken();
      timeline.push(message('in', 'b'));
      scheduler.run();
      expect(other).toHaveBeenCalledTimes(1);
      expect(listener).toHaveBeenCalledTimes(2);
    } finally {
      globalThis.queueMicrotask = originalQueue;
    }

    timeline.push(message('in', 'c'));
    timeline.dispose();
    expect(scheduler.pending).toBe(false);
    timeline.push(message('in', 'd'));
    timeline.flush();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(timeline.length).toBe(0);
  });
});

describe('the byte limit', () => {
  const sized = (label: string, bytes: number): MessageEvent => ({
    ...message('in', label),
    size: bytes,
  });
  function setupBytes(maxBytes: number, cap?: number) {
    const scheduler = createManualFlushScheduler();
    const timeline = createTimeline({ scheduler, maxBytes, ...(cap === undefined ? {} : { cap }) });
    const listener = vi.fn();
    timeline.subscribe(listener);
    return { scheduler, timeline, listener };
  }

  it('lets the oldest entries leave once their payloads pass the limit, counting them as dropped', () => {
    const { scheduler, timeline } = setupBytes(10_000);
    for (let i = 0; i < 25; i++) timeline.push(sized(`f${i}`, 1000));
    scheduler.run();
    expect(timeline.length).toBe(10);
    expect(timeline.retainedBytes).toBe(10_000);
    expect(timeline.dropped).toBe(15);
    expect(texts(timeline)).toEqual(Array.from({ length: 10 }, (_, i) => `f${i + 15}`));
    expect(seqs(timeline)).toEqual(Array.from({ length: 10 }, (_, i) => i + 16));
    expect(timeline.stats.received).toBe(25);
  });

  it('keeps the newest entry even when it alone is over the limit', () => {
    const { scheduler, timeline } = setupBytes(1000);
    timeline.push(sized('small', 10));
    timeline.push(sized('huge', 5000));
    scheduler.run();
    expect(texts(timeline)).toEqual(['huge']);
    timeline.push(sized('next', 10));
    scheduler.run();
    expect(texts(timeline)).toEqual(['next']);
    expect(timeline.retainedBytes).toBe(10);
  });

  it('keeps entries in order when the ring grows after large frames left from its front', () => {
    const { scheduler, timeline } = setupBytes(500 * 1000, 5000);
    for (let i = 0; i < 900; i++) timeline.push(sized(`big${i}`, 1000));
    scheduler.run();
    expect(timeline.length).toBe(500);
    // Small frames fill the ring past its first 1,024 slots while its oldest entry is not in slot 0.
    for (let i = 0; i < 3000; i++) timeline.push(sized(`s${i}`, 1));
    scheduler.run();
    const expected = [
      ...Array.from({ length: 500 }, (_, i) => `big${i + 400}`),
      ...Array.from({ length: 3000 }, (_, i) => `s${i}`),
    ].slice(-timeline.length);
    expect(texts(timeline)).toEqual(expected);
    expect(seqs(timeline).every((seq, i, all) => i === 0 || seq === (all[i - 1] as number) + 1)).toBe(true);
    expect(timeline.retainedBytes).toBe(
      expected.reduce((n, label) => n + (label.startsWith('big') ? 1000 : 1), 0),
    );
  });

  it('bounds memory between far-apart flushes (a background tab) and still tells views once', () => {
    const { scheduler, timeline, listener } = setupBytes(10_000);
    for (let i = 0; i < 1000; i++) timeline.push(sized(`f${i}`, 1000));
    // Without a flush the entries already moved into the ring, which let the oldest go.
    expect(timeline.retainedBytes).toBeLessThanOrEqual(10_000);
    expect(listener).not.toHaveBeenCalled();
    scheduler.run();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(texts(timeline).at(-1)).toBe('f999');
    expect(timeline.length + timeline.dropped).toBe(1000);
  });

  it('uses 512 MiB by default', () => {
    const { timeline } = setup();
    expect(timeline.maxBytes).toBe(512 * 1024 * 1024);
  });
});
