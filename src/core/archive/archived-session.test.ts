import { describe, expect, it } from 'vitest';
import {
  addBatch,
  EVENT_OVERHEAD_BYTES,
  sessionDuration,
  sessionLabel,
  sessionsToRestore,
  summarizeRecording,
} from './archived-session';
import { connectionEvents, summary, T0 } from './archive.test-support';

describe('a session summary', () => {
  it('counts frames and bytes each way, the close code and the last time, batch by batch', () => {
    const events = connectionEvents(T0, ['ping', 'ping', new Uint8Array([1, 2, 3]).buffer], 4001);
    const first = addBatch(summary(), events.slice(0, 3), T0 + 100);
    expect(first).toMatchObject({
      framesOut: 1,
      framesIn: 0,
      bytesOut: 4,
      closed: false,
      chunks: 1,
      events: 3,
    });
    const second = addBatch(first, events.slice(3), T0 + 200);
    expect(second).toMatchObject({
      framesOut: 2,
      framesIn: 1,
      bytesOut: 4 + 3,
      bytesIn: 4,
      closed: true,
      closeCode: 4001,
      chunks: 2,
      events: events.length,
      lastAt: T0 + 13,
      writtenAt: T0 + 200,
      size: 11 + events.length * EVENT_OVERHEAD_BYTES,
    });
    expect(sessionDuration(second)).toBe(13);
  });

  it('leaves the summary it was given alone', () => {
    const before = summary();
    addBatch(before, connectionEvents(T0, ['x']), T0);
    expect(before.events).toBe(0);
  });

  it('is named by its rename, else its title, else its address', () => {
    expect(sessionLabel(summary())).toBe('127.0.0.1:8787/echo');
    expect(sessionLabel(summary({ title: 'Echo' }))).toBe('Echo');
    expect(sessionLabel(summary({ title: 'Echo', name: 'Bug 12' }))).toBe('Bug 12');
    expect(sessionLabel(summary({ url: '' }))).toBe('Untitled session');
  });
});

describe('a recording', () => {
  it('is cut into chunks in order, and counts as closed even without its close', () => {
    const events = connectionEvents(T0, ['a', 'b', 'c', 'd']).slice(0, -1);
    const { summary: done, chunks } = summarizeRecording(summary({ source: 'recorded' }), events, {
      chunkSize: 2,
      writtenAt: T0,
    });
    expect(chunks.map((c) => [c.index, c.events.length])).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(chunks.flatMap((c) => c.events)).toEqual(events);
    expect(done).toMatchObject({
      chunks: 3,
      events: 6,
      framesIn: 2,
      framesOut: 2,
      closed: true,
      closeCode: null,
    });
  });
});

describe('restoring a tab', () => {
  it('takes its newest sessions whose events reach the cap, oldest first', () => {
    const sessions = [
      summary({ id: 'old', startedAt: T0, events: 50 }),
      summary({ id: 'newest', startedAt: T0 + 2, events: 30 }),
      summary({ id: 'middle', startedAt: T0 + 1, events: 30 }),
    ];
    expect(sessionsToRestore(sessions, 40).map((s) => s.id)).toEqual(['middle', 'newest']);
    expect(sessionsToRestore(sessions, 30).map((s) => s.id)).toEqual(['newest']);
    expect(sessionsToRestore(sessions, 1000).map((s) => s.id)).toEqual(['old', 'middle', 'newest']);
    expect(sessionsToRestore([], 10)).toEqual([]);
  });
});
