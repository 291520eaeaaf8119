import type { SessionEvent } from '../session/session-events';
import { newSessionSummary, type ArchivedSession } from './archived-session';

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A session summary as a live tab starts it, with fields a case overrides. */
export function summary(overrides: Partial<ArchivedSession> = {}): ArchivedSession {
  return {
    ...newSessionSummary({
      id: 's1',
      tabId: 'tab-1',
      connectionId: null,
      source: 'live',
      title: null,
      url: 'ws://127.0.0.1:8787/echo',
      protocols: [],
      startedAt: T0,
    }),
    ...overrides,
  };
}

/** A connection's events: connecting, open, the given frames (alternating out and in), then its close. */
export function connectionEvents(
  at: number,
  frames: readonly (string | ArrayBuffer)[],
  code = 1000,
): SessionEvent[] {
  const events: SessionEvent[] = [
    { kind: 'connecting', at, sinceOpen: null, url: 'ws://127.0.0.1:8787/echo', protocols: [] },
    { kind: 'open', at: at + 5, sinceOpen: 0, protocol: '', extensions: '', openMs: 5 },
  ];
  frames.forEach((data, index) => {
    const text = typeof data === 'string';
    events.push({
      kind: 'message',
      at: at + 10 + index,
      sinceOpen: 5 + index,
      direction: index % 2 === 0 ? 'out' : 'in',
      format: text ? 'text' : 'binary',
      data,
      size: text ? new TextEncoder().encode(data).length : data.byteLength,
    });
  });
  const end = at + 10 + frames.length;
  events.push({
    kind: 'close',
    at: end,
    sinceOpen: end - at - 5,
    code,
    reason: '',
    wasClean: true,
    initiator: 'client',
    durationMs: end - at - 5,
  });
  return events;
}
