import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/session-events';
import type { Lens, LensEffect } from './lens';
import { createLensSession, type LensSessionHost } from './lens-session';

// A protocol small enough to read at a glance: "ping" is answered with "pong", and "level:N" from the client
// sets the decode context; the timer sends "keepalive" 1000 ms after the last client frame.
interface State {
  pings: number;
}
const toyLens: Lens<State> = {
  id: 'mqtt',
  decode: (frame, context) => ({
    ok: true,
    messages: [
      { type: String(frame.data), summary: `level ${context.mqttLevel ?? '?'}`, fields: [], value: null },
    ],
  }),
  learn: (context, frame) => {
    const match = typeof frame.data === 'string' ? /^level:(\d)$/.exec(frame.data) : null;
    return match && frame.direction === 'out' ? { ...context, mqttLevel: Number(match[1]) } : context;
  },
  machine: {
    initial: () => ({ pings: 0 }),
    step: (state, input, now) => {
      const effects: LensEffect[] = [];
      if (input.kind === 'frame' && input.frame.direction === 'in' && input.frame.data === 'ping') {
        effects.push({ kind: 'send', data: 'pong', label: 'pong' });
        return { state: { pings: state.pings + 1 }, effects };
      }
      if (input.kind === 'frame' && input.frame.direction === 'out')
        effects.push({ kind: 'set-timer', at: now + 1000 });
      if (input.kind === 'timer') effects.push({ kind: 'send', data: 'keepalive', label: 'keep-alive' });
      if (input.kind === 'close') effects.push({ kind: 'clear-timer' });
      return { state, effects };
    },
  },
  forms: [],
  encode: () => ({ ok: true, value: [] }),
};

function fakeHost() {
  let clock = 1_000_000;
  const sent: string[] = [];
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  const host: LensSessionHost = {
    sendAutomatic: (data) => sent.push(String(data)),
    setTimeout: (callback, ms) => {
      timers.set(next, { at: clock + ms, callback });
      return next++;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
    now: () => clock,
  };
  const advance = (ms: number) => {
    clock += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= clock) {
        timers.delete(id);
        timer.callback();
      }
    }
  };
  return { host, sent, advance, pending: () => timers.size, now: () => clock };
}

const open = (at: number): SessionEvent => ({
  kind: 'open',
  at,
  sinceOpen: 0,
  protocol: 'mqtt',
  extensions: '',
  openMs: 1,
});
const frame = (at: number, direction: 'in' | 'out', data: string): SessionEvent => ({
  kind: 'message',
  at,
  sinceOpen: 0,
  direction,
  format: 'text',
  data,
  size: data.length,
});

describe('createLensSession', () => {
  it('sends what the machine asks for, and feeds its own sends back without answering them', () => {
    const { host, sent } = fakeHost();
    const session = createLensSession(toyLens as Lens, {}, host);
    session.observe(open(1));
    session.observe(frame(2, 'in', 'ping'));
    expect(sent).toEqual(['pong']);
    expect(session.state).toEqual({ pings: 1 });
  });

  it('runs the one timer: rescheduled by each client frame, cleared on close', () => {
    const { host, sent, advance, pending, now } = fakeHost();
    const session = createLensSession(toyLens as Lens, {}, host);
    session.observe(open(now()));
    session.observe(frame(now(), 'out', 'hello'));
    advance(600);
    session.observe(frame(now(), 'out', 'again'));
    advance(600);
    expect(sent).toEqual([]);
    advance(400);
    expect(sent).toEqual(['keepalive']);
    session.observe(frame(now(), 'out', 'x'));
    session.observe({
      ...frame(now(), 'in', ''),
      kind: 'close',
      code: 1000,
      reason: '',
      wasClean: true,
      initiator: 'client',
      durationMs: 1,
    } as SessionEvent);
    expect(pending()).toBe(0);
  });

  it('decodes each frame with the context of its own time', () => {
    const { host } = fakeHost();
    const session = createLensSession(toyLens as Lens, {}, host);
    session.observe(open(10));
    session.observe(frame(20, 'out', 'level:4'));
    session.observe(frame(30, 'out', 'level:5'));
    const summary = (at: number) => {
      const decoded = session.decode({ direction: 'in', data: 'x' }, at);
      return decoded.ok ? decoded.messages[0]?.summary : decoded.reason;
    };
    expect(summary(15)).toBe('level ?');
    expect(summary(25)).toBe('level 4');
    expect(summary(35)).toBe('level 5');
  });

  it('replays history without sending, then schedules the timer it leaves pending', () => {
    const { host, sent, pending } = fakeHost();
    const history = [open(1), frame(2, 'in', 'ping'), frame(3, 'out', 'level:5'), frame(4, 'in', 'ping')];
    const session = createLensSession(toyLens as Lens, {}, host, history);
    expect(sent).toEqual([]);
    expect(session.state).toEqual({ pings: 2 });
    expect(pending()).toBe(1);
    const decoded = session.decode({ direction: 'in', data: 'x' }, 5);
    expect(decoded.ok && decoded.messages[0]?.summary).toBe('level 5');
  });

  it('follows only the current connection when replaying, and schedules nothing for a closed one', () => {
    const { host, pending } = fakeHost();
    const closed = {
      kind: 'close',
      at: 5,
      sinceOpen: 4,
      code: 1000,
      reason: '',
      wasClean: true,
      initiator: 'client',
      durationMs: 4,
    } as SessionEvent;
    const session = createLensSession(toyLens as Lens, {}, host, [
      open(1),
      frame(2, 'in', 'ping'),
      frame(3, 'out', 'a'),
      closed,
    ]);
    expect(session.state).toEqual({ pings: 0 });
    expect(pending()).toBe(0);
  });

  it('sends nothing once disposed', () => {
    const { host, sent, advance } = fakeHost();
    const session = createLensSession(toyLens as Lens, {}, host);
    session.observe(open(1));
    session.observe(frame(2, 'out', 'a'));
    session.dispose();
    session.observe(frame(3, 'in', 'ping'));
    advance(5000);
    expect(sent).toEqual([]);
  });
});

describe('createLensSession with binary frames in one millisecond', () => {
  it('decodes each binary frame with the context its own arrival left, not the last one of that millisecond', () => {
    // Counts binary frames: the context says which one each is.
    const counting: Lens = {
      ...(toyLens as Lens),
      learn: (context, frame) =>
        typeof frame.data === 'string' ? context : { ...context, mqttLevel: (context.mqttLevel ?? 0) + 1 },
    };
    const { host } = fakeHost();
    const session = createLensSession(counting, {}, host);
    const buffers = [new ArrayBuffer(1), new ArrayBuffer(2)];
    session.observe(open(1));
    for (const data of buffers)
      session.observe({
        kind: 'message',
        at: 7,
        sinceOpen: 6,
        direction: 'in',
        format: 'binary',
        data,
        size: 1,
      });
    const levels = buffers.map((data) => {
      const decoded = session.decode({ direction: 'in', data }, 7);
      return decoded.ok ? decoded.messages[0]?.summary : decoded.reason;
    });
    expect(levels).toEqual(['level 1', 'level 2']);
  });
});
