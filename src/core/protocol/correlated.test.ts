import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/session-events';
import type { TimelineEntry } from '../timeline/timeline';
import { findCorrelated } from './correlated';
import { jsonRpcLens } from './json-rpc/json-rpc-lens';
import type { Lens } from './lens';
import { createLensSession } from './lens-session';

const host = { sendAutomatic: () => {}, setTimeout: () => null, clearTimeout: () => {}, now: () => 0 };

function timelineOf(frames: readonly (readonly ['in' | 'out', string, number])[]) {
  const entries: TimelineEntry[] = frames.map(([direction, data, at], i) => ({
    seq: i + 1,
    event: {
      kind: 'message',
      at,
      sinceOpen: at,
      direction,
      format: 'text',
      data,
      size: data.length,
    } as SessionEvent,
  }));
  return { get: (i: number) => entries[i], length: entries.length };
}

const request = (id: number, method: string) => JSON.stringify({ jsonrpc: '2.0', id, method });
const result = (id: number, value: unknown) => JSON.stringify({ jsonrpc: '2.0', id, result: value });

describe('findCorrelated', () => {
  const session = createLensSession(jsonRpcLens as Lens, {}, host);
  const timeline = timelineOf([
    ['out', request(1, 'sleep'), 0],
    ['out', request(2, 'add'), 5],
    ['in', result(2, 5), 12],
    ['in', result(1, 'slept'), 700],
  ]);
  const correlationAt = (index: number) => {
    const decoded = session.decodeEntry(timeline.get(index) as TimelineEntry);
    const correlation = decoded?.ok ? decoded.messages[0]?.correlation : undefined;
    if (!correlation) throw new Error(`entry ${index} has no correlation`);
    return correlation;
  };

  it('pairs replies that arrive out of order with their own requests, with the time between', () => {
    expect(findCorrelated(session, timeline, 2, correlationAt(2)).partner).toMatchObject({
      seq: 2,
      offsetMs: -7,
    });
    expect(findCorrelated(session, timeline, 3, correlationAt(3)).partner).toMatchObject({
      seq: 1,
      offsetMs: -700,
    });
    expect(findCorrelated(session, timeline, 0, correlationAt(0)).partner).toMatchObject({
      seq: 4,
      offsetMs: 700,
    });
  });

  it('finds nothing for a request whose reply has not come', () => {
    const waiting = timelineOf([['out', request(3, 'time'), 0]]);
    const decoded = session.decodeEntry(waiting.get(0) as TimelineEntry);
    const correlation = decoded?.ok ? decoded.messages[0]?.correlation : undefined;
    expect(correlation && findCorrelated(session, waiting, 0, correlation).partner).toBeNull();
  });
});
