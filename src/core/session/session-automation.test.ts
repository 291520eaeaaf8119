import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { err, ok } from '../shared/result';
import {
  createSessionAutomation,
  fixedPayload,
  type AutomationTimers,
  type AutoPayload,
  type SessionAutomation,
  type SessionAutomationOptions,
} from './session-automation';
import { createSessionDriver } from './session-driver';
import type { SessionEvent } from './session-events';
import { FakeSocket } from './fake-socket.test-support';

/** Timers that run only when the test advances the clock, in due order. */
class FakeTimers implements AutomationTimers {
  time = 1_000_000;
  private queue: { id: number; due: number; callback: () => void }[] = [];
  private nextId = 1;
  /** When false, clearTimeout does nothing: a host that fires cancelled timers anyway. */
  honourClear = true;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.queue.push({ id, due: this.time + ms, callback });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    if (this.honourClear) this.queue = this.queue.filter((timer) => timer.id !== handle);
  };

  now = (): number => this.time;

  get scheduled(): number {
    return this.queue.length;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.queue.filter((timer) => timer.due <= end);
      if (due.length === 0) break;
      const next = due.reduce((a, b) => (b.due < a.due || (b.due === a.due && b.id < a.id) ? b : a));
      this.queue = this.queue.filter((timer) => timer !== next);
      this.time = next.due;
      next.callback();
    }
    this.time = end;
  }
}

function setup(options: Partial<Omit<SessionAutomationOptions, 'driver'>> = {}) {
  const timers = new FakeTimers();
  const sockets: FakeSocket[] = [];
  const createSocket = vi.fn((url: string, protocols: string[]) => {
    const socket = new FakeSocket(url, protocols);
    sockets.push(socket);
    return socket;
  });
  const driver = createSessionDriver({ createSocket, now: timers.now });
  const automation = createSessionAutomation({ driver, timers, ...options });
  const events: SessionEvent[] = [];
  automation.subscribe((event) => events.push(event));
  const last = () => sockets.at(-1) as FakeSocket;
  const connectAndOpen = (url = 'ws://example.com/feed', protocols: string[] = []) => {
    expect(automation.connect(url, protocols)).toEqual(ok(undefined));
    last().open();
  };
  return { timers, sockets, createSocket, driver, automation, events, last, connectAndOpen };
}

/** One short line per event, so whole sequences read at a glance. */
function summary(event: SessionEvent): string {
  switch (event.kind) {
    case 'message':
      return `${event.direction} ${String(event.data)}${event.auto ? ` [${event.auto}]` : ''}`;
    case 'reconnect':
      if (event.phase === 'scheduled') return `reconnect scheduled #${event.attempt} in ${event.delayMs}`;
      if (event.phase === 'attempting') return `reconnect attempting #${event.attempt}`;
      if (event.phase === 'gave-up') return `reconnect gave-up after ${event.attempts}`;
      return `reconnect cancelled #${event.attempt} by ${event.cause}`;
    case 'close':
      return `close ${event.code}`;
    case 'timeout':
      return `timeout ${event.afterMs}`;
    case 'automation-error':
      return `automation-error ${event.message}`;
    default:
      return event.kind;
  }
}

const summaries = (events: SessionEvent[]) => events.map(summary);

/** A payload that counts its sends, as `{{$counter}}` would. */
function counting(label: string): AutoPayload & { calls: number } {
  const payload = {
    label,
    calls: 0,
    resolve: () => ok(`${label} #${++payload.calls}`),
  };
  return payload;
}

const failing = (label: string, message: string): AutoPayload => ({ label, resolve: () => err(message) });

describe('createSessionAutomation: messages on open', () => {
  it('sends them in order after open, tagged, and again after every automatic reconnect', () => {
    const auth = counting('auth');
    const subscribe = counting('subscribe');
    const { automation, events, sockets, last, connectAndOpen, timers } = setup({
      sendOnOpen: [auth, subscribe],
      nextDelayMs: () => 1000,
    });
    connectAndOpen();
    expect(sockets[0]?.sent).toEqual(['auth #1', 'subscribe #1']);
    expect(summaries(events)).toEqual([
      'connecting',
      'open',
      'out auth #1 [on-open]',
      'out subscribe #1 [on-open]',
    ]);

    events.length = 0;
    last().drop();
    timers.advance(1000);
    last().open();
    expect(sockets).toHaveLength(2);
    expect(sockets[1]?.sent).toEqual(['auth #2', 'subscribe #2']);
    expect(summaries(events)).toEqual([
      'close 1006',
      'reconnect scheduled #1 in 1000',
      'reconnect attempting #1',
      'connecting',
      'open',
      'out auth #2 [on-open]',
      'out subscribe #2 [on-open]',
    ]);
    expect(automation.reconnect).toEqual({ pending: false, attempt: 0, nextAt: null });
  });

  it('leaves manual sends untagged, even one made by a listener reacting to an automatic send', () => {
    const { automation, events, last, connectAndOpen } = setup({ sendOnOpen: [fixedPayload('hi', 'hi')] });
    automation.subscribe((event) => {
      if (event.kind === 'message' && event.auto === 'on-open') automation.send('reply');
    });
    connectAndOpen();
    expect(automation.send(new Uint8Array([1, 2])).ok).toBe(true);
    expect(last().sent).toEqual(['hi', 'reply', expect.any(ArrayBuffer)]);
    const messages = events.filter((e) => e.kind === 'message');
    expect(messages.map((e) => e.auto)).toEqual(['on-open', undefined, undefined]);
    expect(messages.map((e) => 'auto' in e)).toEqual([true, false, false]);
  });

  it('reports a payload that fails to resolve, sends nothing for it and carries on with the rest', () => {
    const { events, last, connectAndOpen, timers } = setup({
      sendOnOpen: [
        fixedPayload('first', 'one'),
        failing('token', 'unknown variable "token"'),
        fixedPayload('last', 'three'),
      ],
    });
    connectAndOpen();
    expect(last().sent).toEqual(['one', 'three']);
    const error = events.find((e) => e.kind === 'automation-error');
    expect(error).toEqual({
      kind: 'automation-error',
      at: timers.time,
      sinceOpen: 0,
      source: 'on-open',
      label: 'token',
      message: 'On-open message "token" not sent: unknown variable "token"',
    });
    expect(summaries(events).slice(2)).toEqual([
      'out one [on-open]',
      'automation-error On-open message "token" not sent: unknown variable "token"',
      'out three [on-open]',
    ]);
  });

  it('stops sending the rest when a listener closes the connection on open', () => {
    const { automation, last, connectAndOpen } = setup({
      sendOnOpen: [fixedPayload('a', 'a'), fixedPayload('b', 'b')],
    });
    automation.subscribe((event) => {
      if (event.kind === 'message') automation.disconnect();
    });
    connectAndOpen();
    expect(last().sent).toEqual(['a']);
    expect(automation.state).toBe('closing');
  });

  it('uses the new list after updateSettings', () => {
    const { automation, last, connectAndOpen } = setup({ sendOnOpen: [fixedPayload('a', 'a')] });
    expect(automation.updateSettings({ sendOnOpen: [fixedPayload('b', 'b')] })).toEqual(ok(undefined));
    connectAndOpen();
    expect(last().sent).toEqual(['b']);
  });
});

describe('createSessionAutomation: interval sends', () => {
  it('sends every period while open, tagged interval', () => {
    const { automation, events, last, connectAndOpen, timers } = setup();
    connectAndOpen();
    expect(automation.startInterval({ everyMs: 1000, payload: counting('ping') })).toEqual(ok(undefined));
    expect(automation.interval).toEqual({ everyMs: 1000, label: 'ping' });
    timers.advance(999);
    expect(last().sent).toEqual([]);
    timers.advance(1);
    timers.advance(1000);
    expect(last().sent).toEqual(['ping #1', 'ping #2']);
    expect(summaries(events).slice(2)).toEqual(['out ping #1 [interval]', 'out ping #2 [interval]']);
  });

  it('pauses while reconnecting, restarts its period on open, and ends on a manual disconnect', () => {
    const { automation, sockets, last, connectAndOpen, timers } = setup({ nextDelayMs: () => 5000 });
    connectAndOpen();
    automation.startInterval({ everyMs: 1000, payload: counting('ping') });
    timers.advance(1500);
    expect(sockets[0]?.sent).toEqual(['ping #1']);

    last().drop();
    timers.advance(4999);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.sent).toEqual(['ping #1']);
    expect(automation.interval).not.toBeNull();
    timers.advance(1);
    expect(sockets).toHaveLength(2);
    timers.advance(3000); // still connecting: nothing to send on
    last().open();
    timers.advance(1000);
    expect(sockets[1]?.sent).toEqual(['ping #2']);

    expect(automation.disconnect().ok).toBe(true);
    expect(automation.interval).toBeNull();
    last().closed(1005, { wasClean: true });
    timers.advance(10_000);
    expect(sockets[1]?.sent).toEqual(['ping #2']);
    expect(timers.scheduled).toBe(0);
  });

  it('starts intervalOnConnect with every manual connect, running once open and through reconnects', () => {
    const payload = counting('ping');
    const { automation, sockets, last, connectAndOpen, timers } = setup({
      nextDelayMs: () => 100,
      intervalOnConnect: { everyMs: 1000, payload },
    });
    expect(automation.interval).toBeNull();
    automation.connect('ws://example.com/feed');
    expect(automation.interval).toEqual({ everyMs: 1000, label: 'ping' });
    timers.advance(2000); // not open yet: nothing to send on
    last().open();
    timers.advance(1000);
    expect(sockets[0]?.sent).toEqual(['ping #1']);
    last().drop();
    timers.advance(100);
    last().open();
    timers.advance(1000);
    expect(sockets[1]?.sent).toEqual(['ping #2']);

    automation.stopInterval();
    automation.disconnect();
    last().closed(1005, { wasClean: true });
    connectAndOpen();
    timers.advance(1000);
    expect(last().sent).toEqual(['ping #3']);
    expect(automation.updateSettings({ intervalOnConnect: null }).ok).toBe(true);
    connectAndOpen();
    timers.advance(3000);
    expect(last().sent).toEqual([]);
    expect(automation.updateSettings({ intervalOnConnect: { everyMs: 5, payload } })).toEqual(
      expect.objectContaining({ ok: false }),
    );
  });

  it('ends when the connection closes for good, and on a manual connect', () => {
    const { automation, last, connectAndOpen, timers } = setup();
    connectAndOpen();
    automation.startInterval({ everyMs: 1000, payload: fixedPayload('ping', 'ping') });
    last().closed(1000, { wasClean: true });
    expect(automation.interval).toBeNull();

    connectAndOpen();
    automation.startInterval({ everyMs: 1000, payload: fixedPayload('ping', 'ping') });
    automation.connect('ws://example.com/other');
    expect(automation.interval).toBeNull();
    last().open();
    timers.advance(5000);
    expect(last().sent).toEqual([]);
  });

  it('replaces a running interval and stops on request', () => {
    const { automation, last, connectAndOpen, timers } = setup();
    connectAndOpen();
    automation.startInterval({ everyMs: 1000, payload: fixedPayload('a', 'a') });
    timers.advance(500);
    automation.startInterval({ everyMs: 300, payload: fixedPayload('b', 'b') });
    timers.advance(700);
    expect(last().sent).toEqual(['b', 'b']);
    automation.stopInterval();
    expect(automation.interval).toBeNull();
    timers.advance(5000);
    expect(last().sent).toEqual(['b', 'b']);
    expect(timers.scheduled).toBe(0);
  });

  it('validates the period and needs a live connection', () => {
    const { automation, connectAndOpen } = setup();
    const payload = fixedPayload('ping', 'ping');
    expect(automation.startInterval({ everyMs: 1000, payload })).toEqual(
      err('Connect first: an interval runs only while connected.'),
    );
    connectAndOpen();
    expect(automation.startInterval({ everyMs: 50, payload })).toEqual(
      err('Interval must be at least 100 ms.'),
    );
    expect(automation.startInterval({ everyMs: 1000.5, payload })).toEqual(
      err('Interval must be a whole number of milliseconds.'),
    );
    expect(automation.interval).toBeNull();
  });

  it('reports a heartbeat that fails to resolve and keeps ticking', () => {
    let ready = false;
    const payload: AutoPayload = {
      label: 'ping',
      resolve: () => (ready ? ok('ping') : err('unknown variable "session"')),
    };
    const { automation, events, last, connectAndOpen, timers } = setup();
    connectAndOpen();
    automation.startInterval({ everyMs: 1000, payload });
    timers.advance(1000);
    expect(last().sent).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      kind: 'automation-error',
      source: 'interval',
      label: 'ping',
      sinceOpen: 1000,
      message: 'Heartbeat "ping" not sent: unknown variable "session"',
    });
    ready = true;
    timers.advance(1000);
    expect(last().sent).toEqual(['ping']);
  });
});

describe('createSessionAutomation: reconnect', () => {
  it('asks nextDelayMs for attempts 1, 2, 3 and gives up on null', () => {
    const nextDelayMs = vi.fn((attempt: number) => (attempt <= 3 ? attempt * 1000 : null));
    const { automation, events, sockets, last, connectAndOpen, timers } = setup({ nextDelayMs });
    connectAndOpen();
    const droppedAt = timers.time;
    events.length = 0;
    last().drop();
    expect(events.at(-1)).toEqual({
      kind: 'reconnect',
      phase: 'scheduled',
      at: droppedAt,
      sinceOpen: null,
      attempt: 1,
      maxAttempts: null,
      reconnectsSinceConnect: 1,
      delayMs: 1000,
    });
    expect(automation.reconnect).toEqual({ pending: true, attempt: 1, nextAt: droppedAt + 1000 });

    for (let attempt = 1; attempt <= 3; attempt++) {
      timers.advance(attempt * 1000);
      expect(automation.reconnect).toEqual({ pending: false, attempt, nextAt: null });
      last().drop(); // refused: never opened
    }
    expect(nextDelayMs.mock.calls).toEqual([[1], [2], [3], [4]]);
    expect(sockets).toHaveLength(4);
    expect(sockets.every((s) => s.url === 'ws://example.com/feed')).toBe(true);
    expect(summaries(events).filter((s) => s.startsWith('reconnect'))).toEqual([
      'reconnect scheduled #1 in 1000',
      'reconnect attempting #1',
      'reconnect scheduled #2 in 2000',
      'reconnect attempting #2',
      'reconnect scheduled #3 in 3000',
      'reconnect attempting #3',
      'reconnect gave-up after 3',
    ]);
    expect(automation.reconnect).toEqual({ pending: false, attempt: 0, nextAt: null });
    timers.advance(60_000);
    expect(sockets).toHaveLength(4);
  });

  it('counts reconnects since the manual connect across successful reopens, and restarts the count on connect', () => {
    const { automation, events, last, connectAndOpen, timers } = setup({
      nextDelayMs: () => 100,
      maxAttempts: 5,
    });
    const counts = () =>
      events.flatMap((e) =>
        e.kind === 'reconnect' && e.phase === 'attempting'
          ? [`${e.attempt}/${e.reconnectsSinceConnect}`]
          : [],
      );
    connectAndOpen();
    last().drop();
    timers.advance(100);
    last().open();
    last().drop();
    timers.advance(100);
    last().drop();
    timers.advance(100);
    expect(counts()).toEqual(['1/1', '1/2', '2/3']);
    last().open();
    automation.connect('ws://example.com/feed');
    last().open();
    last().drop();
    timers.advance(100);
    expect(counts()).toEqual(['1/1', '1/2', '2/3', '1/1']);
  });

  it('resets the attempt count after a successful open and reuses the URL and protocols', () => {
    const nextDelayMs = vi.fn(() => 500);
    const { createSocket, last, connectAndOpen, timers } = setup({ nextDelayMs });
    connectAndOpen('ws://example.com/chat', ['chat.v2', 'chat.v1']);
    last().drop();
    timers.advance(500);
    last().drop();
    timers.advance(500);
    last().open();
    last().drop();
    expect(nextDelayMs.mock.calls).toEqual([[1], [2], [1]]);
    expect(createSocket.mock.calls.every(([url]) => url === 'ws://example.com/chat')).toBe(true);
    expect(createSocket.mock.calls.every(([, p]) => p.join() === 'chat.v2,chat.v1')).toBe(true);
  });

  it('enforces maxAttempts and shows it on the events', () => {
    const nextDelayMs = vi.fn(() => 100);
    const { events, last, connectAndOpen, timers } = setup({ nextDelayMs, maxAttempts: 2 });
    connectAndOpen();
    last().drop();
    timers.advance(100);
    last().drop();
    timers.advance(100);
    last().drop();
    expect(nextDelayMs).toHaveBeenCalledTimes(2);
    expect(events.filter((e) => e.kind === 'reconnect')).toEqual([
      expect.objectContaining({ phase: 'scheduled', attempt: 1, maxAttempts: 2 }),
      expect.objectContaining({ phase: 'attempting', attempt: 1, maxAttempts: 2 }),
      expect.objectContaining({ phase: 'scheduled', attempt: 2, maxAttempts: 2 }),
      expect.objectContaining({ phase: 'attempting', attempt: 2, maxAttempts: 2 }),
      expect.objectContaining({ phase: 'gave-up', attempts: 2 }),
    ]);
  });

  it('gives up at once when the schedule allows no attempt', () => {
    const { events, last, connectAndOpen } = setup({ nextDelayMs: () => null });
    connectAndOpen();
    last().drop();
    expect(summaries(events).at(-1)).toBe('reconnect gave-up after 0');
  });

  it('cancels a pending reconnect on a manual disconnect', () => {
    const { automation, events, sockets, last, connectAndOpen, timers } = setup({ nextDelayMs: () => 2000 });
    connectAndOpen();
    last().drop();
    expect(automation.disconnect()).toEqual(ok(undefined));
    expect(summaries(events).slice(-2)).toEqual([
      'reconnect scheduled #1 in 2000',
      'reconnect cancelled #1 by disconnect',
    ]);
    expect(automation.reconnect).toEqual({ pending: false, attempt: 0, nextAt: null });
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(timers.scheduled).toBe(0);
  });

  it('cancels a pending reconnect on a manual connect, before its connecting event', () => {
    const { automation, events, createSocket, last, connectAndOpen, timers } = setup({
      nextDelayMs: () => 2000,
    });
    connectAndOpen();
    last().drop();
    expect(automation.connect('not a url').ok).toBe(false); // nothing changes
    expect(automation.reconnect.pending).toBe(true);
    automation.connect('ws://example.com/elsewhere');
    expect(summaries(events).slice(-2)).toEqual(['reconnect cancelled #1 by connect', 'connecting']);
    timers.advance(60_000);
    expect(createSocket.mock.calls.map(([url]) => url)).toEqual([
      'ws://example.com/feed',
      'ws://example.com/elsewhere',
    ]);
  });

  it('cancels a pending reconnect when reconnect is turned off', () => {
    const { automation, events, sockets, last, connectAndOpen, timers } = setup({ nextDelayMs: () => 2000 });
    connectAndOpen();
    last().drop();
    expect(automation.updateSettings({ nextDelayMs: null })).toEqual(ok(undefined));
    expect(summaries(events).at(-1)).toBe('reconnect cancelled #1 by disabled');
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('does not reconnect after a clean server close', () => {
    const nextDelayMs = vi.fn(() => 100);
    const { events, sockets, last, connectAndOpen, timers } = setup({ nextDelayMs });
    connectAndOpen();
    last().closed(1000, { wasClean: true, reason: 'bye' });
    timers.advance(10_000);
    expect(nextDelayMs).not.toHaveBeenCalled();
    expect(sockets).toHaveLength(1);
    expect(summaries(events)).toEqual(['connecting', 'open', 'close 1000']);
  });

  it('does not reconnect after a close the client started, even an unclean one', () => {
    const nextDelayMs = vi.fn(() => 100);
    const { automation, sockets, last, connectAndOpen, timers } = setup({ nextDelayMs });
    connectAndOpen();
    automation.disconnect({ code: 4000, reason: 'done' });
    expect(last().closes).toEqual([[4000, 'done']]);
    last().drop();
    timers.advance(10_000);
    expect(nextDelayMs).not.toHaveBeenCalled();
    expect(sockets).toHaveLength(1);
  });

  it('does not reconnect when reconnect is off', () => {
    const { sockets, last, connectAndOpen, timers } = setup();
    connectAndOpen();
    last().drop();
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('rejects an invalid close and keeps the pending reconnect', () => {
    const { automation, last, connectAndOpen } = setup({ nextDelayMs: () => 2000 });
    connectAndOpen();
    last().drop();
    expect(automation.disconnect({ code: 1001 }).ok).toBe(false);
    expect(automation.reconnect.pending).toBe(true);
  });

  it('moves on to the next attempt when opening a socket fails outright', () => {
    const timers = new FakeTimers();
    const sockets: FakeSocket[] = [];
    let refuse = false;
    const driver = createSessionDriver({
      createSocket: (url, protocols) => {
        if (refuse) throw new Error('Too many sockets');
        const socket = new FakeSocket(url, protocols);
        sockets.push(socket);
        return socket;
      },
      now: timers.now,
    });
    const automation = createSessionAutomation({ driver, timers, nextDelayMs: (n) => n * 100 });
    const events: SessionEvent[] = [];
    automation.subscribe((event) => events.push(event));
    automation.connect('ws://example.com/');
    sockets[0]?.open();
    refuse = true;
    sockets[0]?.drop();
    timers.advance(100);
    expect(summaries(events).slice(-3)).toEqual([
      'reconnect attempting #1',
      'automation-error Reconnect attempt 1 failed: Could not open the connection: Too many sockets',
      'reconnect scheduled #2 in 200',
    ]);
    expect(events.at(-2)).toMatchObject({ source: 'reconnect', label: null, sinceOpen: null });
    refuse = false;
    timers.advance(200);
    sockets[1]?.open();
    expect(automation.state).toBe('open');
  });
});

describe('createSessionAutomation: connect timeout', () => {
  it('closes a socket stuck connecting, says so, and reconnects as after a drop', () => {
    const { automation, events, sockets, last, timers } = setup({
      connectTimeoutMs: 5000,
      nextDelayMs: () => 1000,
    });
    automation.connect('ws://example.com/slow');
    timers.advance(4999);
    expect(summaries(events)).toEqual(['connecting']);
    timers.advance(1);
    expect(events.at(1)).toEqual({ kind: 'timeout', at: timers.time, sinceOpen: null, afterMs: 5000 });
    expect(summaries(events)).toEqual(['connecting', 'timeout 5000', 'closing']);
    expect(last().closes).toEqual([[]]);
    last().closed(1006, { wasClean: false });
    expect(events.at(-2)).toMatchObject({ kind: 'close', initiator: 'client' });
    expect(summaries(events).at(-1)).toBe('reconnect scheduled #1 in 1000');
    timers.advance(1000);
    expect(sockets).toHaveLength(2);
    // Each attempt gets its own timeout.
    timers.advance(5000);
    expect(summaries(events).at(-2)).toBe('timeout 5000');
  });

  it('counts as dropped even if the socket reports a clean close', () => {
    const { automation, events, last, timers } = setup({ connectTimeoutMs: 100, nextDelayMs: () => 1000 });
    automation.connect('ws://example.com/slow');
    timers.advance(100);
    last().closed(1005, { wasClean: true });
    expect(summaries(events).at(-1)).toBe('reconnect scheduled #1 in 1000');
  });

  it('does nothing once the socket opened, and nothing more without reconnect', () => {
    const { automation, events, last, timers } = setup({ connectTimeoutMs: 5000 });
    automation.connect('ws://example.com/');
    timers.advance(4000);
    last().open();
    timers.advance(10_000);
    expect(summaries(events)).toEqual(['connecting', 'open']);

    automation.connect('ws://example.com/slow');
    timers.advance(5000);
    last().closed(1006, { wasClean: false });
    timers.advance(60_000);
    expect(summaries(events).slice(2)).toEqual(['connecting', 'timeout 5000', 'closing', 'close 1006']);
  });

  it('validates the timeout', () => {
    const { automation } = setup();
    expect(automation.updateSettings({ connectTimeoutMs: 10 })).toEqual(
      err('Connect timeout must be at least 100 ms.'),
    );
    expect(automation.updateSettings({ maxAttempts: 0 }).ok).toBe(false);
    expect(() => setup({ connectTimeoutMs: -1 })).toThrow(RangeError);
  });
});

describe('createSessionAutomation: dispose', () => {
  it('ignores the driver afterwards, cancels its timers and refuses work', () => {
    const { automation, driver, events, sockets, last, connectAndOpen, timers } = setup({
      nextDelayMs: () => 1000,
      connectTimeoutMs: 5000,
    });
    connectAndOpen();
    automation.startInterval({ everyMs: 1000, payload: fixedPayload('ping', 'ping') });
    last().drop();
    expect(timers.scheduled).toBe(1);
    const before = events.length;
    automation.dispose();
    automation.dispose();
    expect(timers.scheduled).toBe(0);

    // The driver still belongs to its owner and keeps working, but the automation no longer reacts.
    expect(driver.connect('ws://example.com/again').ok).toBe(true);
    last().open();
    last().drop();
    timers.advance(60_000);
    expect(events).toHaveLength(before);
    expect(sockets).toHaveLength(2);
    expect(sockets[1]?.sent).toEqual([]);
    expect(automation.connect('ws://example.com/').ok).toBe(false);
    expect(automation.send('x').ok).toBe(false);
    expect(automation.startInterval({ everyMs: 1000, payload: fixedPayload('p', 'p') }).ok).toBe(false);
    expect(automation.disconnect().ok).toBe(true);
  });

  it('stays silent when the host fires a cancelled timer anyway', () => {
    const { automation, events, sockets, last, connectAndOpen, timers } = setup({ nextDelayMs: () => 1000 });
    timers.honourClear = false;
    connectAndOpen();
    automation.startInterval({ everyMs: 500, payload: fixedPayload('ping', 'ping') });
    last().drop();
    automation.disconnect();
    const before = events.length;
    timers.advance(60_000);
    expect(events).toHaveLength(before);
    expect(sockets).toHaveLength(1);

    const other = setup({ nextDelayMs: () => 1000 });
    other.timers.honourClear = false;
    other.connectAndOpen();
    other.last().drop();
    other.automation.dispose();
    other.timers.advance(60_000);
    expect(other.sockets).toHaveLength(1);
  });
});

describe('createSessionAutomation against a real server', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('re-sends the on-open messages after the server drops the TCP connection', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const client of server.clients) client.terminate();
          server.close(() => resolve());
        }),
    );
    const received: string[][] = [];
    server.on('connection', (socket) => {
      const messages: string[] = [];
      const index = received.push(messages);
      socket.on('message', (data) => {
        messages.push(data.toString());
        // The first connection is lost, without a close frame, once it has heard both messages.
        if (index === 1 && messages.length === 2) socket.terminate();
      });
    });

    const driver = createSessionDriver({ createSocket: (url, protocols) => new WebSocket(url, protocols) });
    const realTimers: AutomationTimers = {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      now: () => performance.timeOrigin + performance.now(),
    };
    const hello = counting('hello');
    const automation: SessionAutomation = createSessionAutomation({
      driver,
      timers: realTimers,
      nextDelayMs: () => 20,
      connectTimeoutMs: 2000,
      sendOnOpen: [hello, fixedPayload('subscribe', 'subscribe')],
    });
    cleanups.push(() => {
      automation.dispose();
      driver.dispose();
    });
    const events: SessionEvent[] = [];
    automation.subscribe((event) => events.push(event));

    const port = (server.address() as AddressInfo).port;
    expect(automation.connect(`ws://127.0.0.1:${port}/feed`).ok).toBe(true);
    await waitFor(() => received[1]?.length === 2);

    expect(received).toEqual([
      ['hello #1', 'subscribe'],
      ['hello #2', 'subscribe'],
    ]);
    expect(summaries(events)).toEqual([
      'connecting',
      'open',
      'out hello #1 [on-open]',
      'out subscribe [on-open]',
      'close 1006',
      'reconnect scheduled #1 in 20',
      'reconnect attempting #1',
      'connecting',
      'open',
      'out hello #2 [on-open]',
      'out subscribe [on-open]',
    ]);
    expect(events.find((e) => e.kind === 'close')).toMatchObject({ wasClean: false, initiator: 'server' });
    expect(automation.state).toBe('open');
  });
});

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
