import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../shared/result';
import type { ArchiveChunk, ArchivedSession } from './archived-session';
import { createArchiveWriter, type ArchiveSink } from './archive-writer';
import { connectionEvents, summary, T0 } from './archive.test-support';

const timers = {
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (id: unknown) => clearTimeout(id as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

function recordingSink() {
  const writes: { summary: ArchivedSession; chunk: ArchiveChunk }[] = [];
  const sink: ArchiveSink = {
    append: vi.fn(async (s: ArchivedSession, chunk: ArchiveChunk) => {
      writes.push({ summary: s, chunk });
      return ok(undefined);
    }),
  };
  return { sink, writes };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('the archive writer', () => {
  it('writes nothing while events arrive, then one chunk per batch after the delay', async () => {
    const { sink, writes } = recordingSink();
    const writer = createArchiveWriter({ sink, timers, flushEveryMs: 300, maxBatch: 1000 });
    const recording = writer.begin(summary());
    const events = connectionEvents(
      T0,
      Array.from({ length: 500 }, (_, i) => `frame ${i}`),
    );
    for (const event of events.slice(0, 250)) recording.push(event);
    expect(sink.append).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(299);
    expect(sink.append).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.append).toHaveBeenCalledTimes(1);

    for (const event of events.slice(250)) recording.push(event);
    await vi.advanceTimersByTimeAsync(300);
    expect(sink.append).toHaveBeenCalledTimes(2);
    expect(writes.map((w) => w.chunk.index)).toEqual([0, 1]);
    expect(writes.flatMap((w) => w.chunk.events)).toEqual(events);
    expect(writes[1]?.summary).toMatchObject({
      events: events.length,
      chunks: 2,
      framesOut: 250,
      closed: true,
    });
  });

  it('writes a full batch on the next tick instead of waiting', async () => {
    const { sink, writes } = recordingSink();
    const writer = createArchiveWriter({ sink, timers, flushEveryMs: 300, maxBatch: 100 });
    const recording = writer.begin(summary());
    const events = connectionEvents(
      T0,
      Array.from({ length: 250 }, (_, i) => `f${i}`),
    );
    for (const event of events.slice(0, 100)) recording.push(event);
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.chunk.events).toHaveLength(100);
  });

  it('writes everything buffered at once on flush (the page is hidden), for every session', async () => {
    const { sink, writes } = recordingSink();
    const writer = createArchiveWriter({ sink, timers });
    const a = writer.begin(summary({ id: 'a' }));
    const b = writer.begin(summary({ id: 'b' }));
    for (const event of connectionEvents(T0, ['x'])) a.push(event);
    for (const event of connectionEvents(T0, ['y', 'z'])) b.push(event);
    await writer.flush();
    expect(writes.map((w) => [w.summary.id, w.chunk.events.length])).toEqual([
      ['a', 4],
      ['b', 5],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sink.append).toHaveBeenCalledTimes(2);
  });

  it('stops archiving a session whose write fails, says so once, and keeps writing the others', async () => {
    const failed = vi.fn();
    const writes: string[] = [];
    const sink: ArchiveSink = {
      append: async (s) => {
        writes.push(s.id);
        return s.id === 'full'
          ? { ok: false, error: { kind: 'quota', message: 'storage is full' } }
          : ok(undefined);
      },
    };
    const writer = createArchiveWriter({ sink, timers, onFailed: failed });
    const full = writer.begin(summary({ id: 'full' }));
    const fine = writer.begin(summary({ id: 'fine' }));
    full.push(connectionEvents(T0, [])[0]!);
    fine.push(connectionEvents(T0, [])[0]!);
    await writer.flush();
    expect(failed).toHaveBeenCalledTimes(1);
    expect(failed.mock.calls[0]?.[1]).toEqual({ kind: 'quota', message: 'storage is full' });
    expect(writer.isOpen('full')).toBe(false);
    expect(writer.isOpen('fine')).toBe(true);

    full.push(connectionEvents(T0, [])[1]!);
    fine.push(connectionEvents(T0, [])[1]!);
    await writer.flush();
    expect(writes).toEqual(['full', 'fine', 'fine']);
  });

  it('drops a discarded (deleted) session with what it buffered, and writes nothing more for it', async () => {
    const { sink } = recordingSink();
    const writer = createArchiveWriter({ sink, timers });
    const recording = writer.begin(summary());
    recording.push(connectionEvents(T0, [])[0]!);
    writer.discard('s1');
    recording.push(connectionEvents(T0, [])[1]!);
    await writer.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sink.append).not.toHaveBeenCalled();
    expect(writer.isOpen('s1')).toBe(false);
  });

  it('writes what an ended session buffered, then lets it go', async () => {
    const { sink } = recordingSink();
    const writer = createArchiveWriter({ sink, timers });
    const recording = writer.begin(summary());
    recording.push(connectionEvents(T0, [])[0]!);
    recording.end();
    expect(writer.isOpen('s1')).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.append).toHaveBeenCalledTimes(1);
    recording.push(connectionEvents(T0, [])[1]!);
    await writer.flush();
    expect(sink.append).toHaveBeenCalledTimes(1);
    expect(writer.openIds()).toEqual([]);
  });

  it('cuts large frames into chunks of at most maxChunkBytes, one chunk per task, in order', async () => {
    const { sink, writes } = recordingSink();
    const writer = createArchiveWriter({ sink, timers, maxChunkBytes: 64 * 1024 });
    const recording = writer.begin(summary());
    const frame = 'x'.repeat(20 * 1024);
    const events = connectionEvents(
      T0,
      Array.from({ length: 12 }, () => frame),
    );
    for (const event of events) recording.push(event);
    // 64 KiB waiting asks for a write on the next tick, which takes one chunk only.
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toHaveLength(1);
    await vi.runAllTimersAsync();
    expect(writes.length).toBeGreaterThan(3);
    for (const { chunk } of writes) {
      const bytes = chunk.events.reduce((n, e) => n + (e.kind === 'message' ? e.size : 0) + 64, 0);
      expect(bytes).toBeLessThanOrEqual(64 * 1024);
    }
    expect(writes.map((w) => w.chunk.index)).toEqual(writes.map((_, i) => i));
    expect(writes.flatMap((w) => w.chunk.events)).toEqual(events);
    expect(writes.at(-1)?.summary).toMatchObject({ events: events.length, chunks: writes.length });
  });

  it('stores a frame larger than a chunk on its own, and flush writes every chunk at once', async () => {
    const { sink, writes } = recordingSink();
    const writer = createArchiveWriter({ sink, timers, maxChunkBytes: 1024 });
    const recording = writer.begin(summary());
    const events = connectionEvents(T0, ['y'.repeat(5000), 'small', 'tiny']);
    for (const event of events) recording.push(event);
    await writer.flush();
    expect(writes.map((w) => w.chunk.events.map((e) => e.kind))).toEqual([
      ['connecting', 'open'],
      ['message'],
      ['message', 'message', 'close'],
    ]);
    expect(writes.flatMap((w) => w.chunk.events)).toEqual(events);
  });
});
