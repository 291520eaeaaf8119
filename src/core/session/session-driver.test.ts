import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.test-support';
import { createSessionDriver, type SessionDriver, type SessionDriverOptions } from './session-driver';
import type { SessionEvent } from './session-events';
import type { SocketFactory } from './socket';
import { FakeSocket } from './fake-socket.test-support';

// A real server with one tiny behaviour per path, so the driver is tested against real framing and closes.
let server: LoopbackServer;
let base = '';
const serverCloses: { path: string; code: number; reason: string }[] = [];

beforeAll(async () => {
  server = await startLoopbackServer((socket, url) => {
    socket.on('close', (code, reason) => {
      serverCloses.push({ path: url.pathname, code, reason: reason.toString() });
    });
    switch (url.pathname) {
      case '/echo':
        socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
        break;
      case '/close':
        socket.close(Number(url.searchParams.get('code')), url.searchParams.get('reason') ?? '');
        break;
      case '/drop':
        // Drop the TCP connection without a close frame as soon as the client speaks.
        socket.on('message', () => socket.terminate());
        break;
      default:
        break;
    }
  });
  base = server.base;
});

afterAll(async () => {
  await server.close();
});

const drivers: SessionDriver[] = [];
afterEach(() => {
  for (const driver of drivers.splice(0)) driver.dispose();
});

// `ws`'s WebSocket fits SocketLike as is: no cast, no adapter.
const nodeSockets: SocketFactory = (url, protocols) => new WebSocket(url, protocols);

function setup(overrides: Partial<SessionDriverOptions> = {}) {
  const created: WebSocket[] = [];
  const createSocket = vi.fn((url: string, protocols: string[]) => {
    const socket = new WebSocket(url, protocols);
    created.push(socket);
    return socket;
  });
  const driver = createSessionDriver({ createSocket, ...overrides });
  drivers.push(driver);
  const events: SessionEvent[] = [];
  driver.subscribe((event) => events.push(event));
  return { driver, events, createSocket, created };
}

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function find<K extends SessionEvent['kind']>(events: SessionEvent[], kind: K, nth = 0) {
  return events.filter((e): e is Extract<SessionEvent, { kind: K }> => e.kind === kind)[nth];
}

async function openDriver(path: string, protocols: string[] = []) {
  const context = setup();
  expect(context.driver.connect(base + path, protocols)).toEqual({ ok: true, value: undefined });
  await waitFor(() => find(context.events, 'open'));
  return context;
}

describe('createSessionDriver against a real server', () => {
  it('connects, negotiates the subprotocol and reports timings', async () => {
    const { driver, events, createSocket } = setup();
    expect(driver.state).toBe('idle');
    expect(driver.connect(`${base}/echo?x=1`, ['chat.v1', 'chat.v2']).ok).toBe(true);
    expect(driver.state).toBe('connecting');
    expect(createSocket).toHaveBeenCalledWith(`${base}/echo?x=1`, ['chat.v1', 'chat.v2']);
    expect(events[0]).toEqual({
      kind: 'connecting',
      at: expect.any(Number),
      sinceOpen: null,
      url: `${base}/echo?x=1`,
      protocols: ['chat.v1', 'chat.v2'],
    });
    const open = await waitFor(() => find(events, 'open'));
    expect(driver.state).toBe('open');
    expect(open).toMatchObject({ protocol: 'chat.v2', extensions: '', sinceOpen: 0 });
    expect(open.openMs).toBeGreaterThanOrEqual(0);
    expect(open.at).toBeGreaterThanOrEqual(events[0]?.at ?? Infinity);
    // Epoch milliseconds, not a monotonic clock starting at zero.
    expect(Math.abs(open.at - Date.now())).toBeLessThan(5000);
  });

  it('uses the binary type arraybuffer and an empty protocol when none is offered', async () => {
    const { events, created } = await openDriver('/echo');
    expect(created[0]?.binaryType).toBe('arraybuffer');
    expect(find(events, 'open')?.protocol).toBe('');
  });

  it('echoes text with its UTF-8 size', async () => {
    const { driver, events } = await openDriver('/echo');
    const text = 'héllo, wörld 😀 €';
    const size = new TextEncoder().encode(text).byteLength;
    expect(driver.send(text)).toEqual({ ok: true, value: undefined });
    const sent = find(events, 'message', 0);
    expect(sent).toMatchObject({ direction: 'out', format: 'text', data: text, size });
    expect(size).toBeGreaterThan(text.length);
    const received = await waitFor(() => find(events, 'message', 1));
    expect(received).toMatchObject({ direction: 'in', format: 'text', data: text, size });
    expect(received.sinceOpen).toBeGreaterThanOrEqual(0);
  });

  it('echoes binary with exact bytes, copying a Uint8Array view into its own buffer', async () => {
    const { driver, events } = await openDriver('/echo');
    const backing = new Uint8Array([9, 9, 0, 1, 2, 254, 255, 9]);
    const view = backing.subarray(2, 7);
    expect(driver.send(view).ok).toBe(true);
    backing.fill(7); // Mutating afterwards must not change what was recorded.
    const sent = find(events, 'message', 0);
    expect(sent).toMatchObject({ direction: 'out', format: 'binary', size: 5 });
    expect(sent?.data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(sent?.data as ArrayBuffer)]).toEqual([0, 1, 2, 254, 255]);

    const received = await waitFor(() => find(events, 'message', 1));
    expect(received).toMatchObject({ direction: 'in', format: 'binary', size: 5 });
    expect(received.data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(received.data as ArrayBuffer)]).toEqual([0, 1, 2, 254, 255]);

    const buffer = new Uint8Array([1, 2, 3]).buffer;
    expect(driver.send(buffer).ok).toBe(true);
    const echoed = await waitFor(() => find(events, 'message', 3));
    expect(echoed.size).toBe(3);
    expect([...new Uint8Array(echoed.data as ArrayBuffer)]).toEqual([1, 2, 3]);

    expect(driver.send(new ArrayBuffer(0)).ok).toBe(true);
    const empty = await waitFor(() => find(events, 'message', 5));
    expect(empty).toMatchObject({ format: 'binary', size: 0 });
  });

  it('reports a server close with its code and reason', async () => {
    const { driver, events } = setup();
    driver.connect(`${base}/close?code=4001&reason=${encodeURIComponent('go away ✋')}`);
    const close = await waitFor(() => find(events, 'close'));
    expect(close).toMatchObject({ code: 4001, reason: 'go away ✋', wasClean: true, initiator: 'server' });
    expect(close.durationMs).toBeGreaterThanOrEqual(0);
    expect(close.sinceOpen).toBe(close.durationMs);
    expect(find(events, 'closing')).toBeUndefined();
    expect(driver.state).toBe('closed');
    expect(events.map((e) => e.kind)).toEqual(['connecting', 'open', 'close']);
  });

  it('reports a dropped connection as 1006, not clean', async () => {
    const { driver, events } = await openDriver('/drop');
    driver.send('bye');
    const close = await waitFor(() => find(events, 'close'));
    expect(close).toMatchObject({ code: 1006, wasClean: false, initiator: 'server' });
    expect(driver.state).toBe('closed');
  });

  it('reports a refused connection as error then 1006, never opened', async () => {
    // A port that was just free: nothing listens there once the probe is closed.
    const probe = await startLoopbackServer(() => {});
    await probe.close();

    const { driver, events } = setup();
    driver.connect(`${probe.base}/`);
    const close = await waitFor(() => find(events, 'close'));
    expect(close).toMatchObject({ code: 1006, wasClean: false, durationMs: null, sinceOpen: null });
    expect(find(events, 'error')?.message).toMatch(/^The connection failed or was interrupted/);
    expect(driver.state).toBe('closed');
  });

  it('closes from the client with a code and reason: closing first, then close', async () => {
    const { driver, events } = await openDriver('/silent');
    expect(driver.close({ code: 1000, reason: 'done here' })).toEqual({ ok: true, value: undefined });
    expect(driver.state).toBe('closing');
    expect(events.at(-1)).toMatchObject({
      kind: 'closing',
      initiator: 'client',
      code: 1000,
      reason: 'done here',
    });
    const close = await waitFor(() => find(events, 'close'));
    expect(close).toMatchObject({ code: 1000, reason: 'done here', wasClean: true, initiator: 'client' });
    expect(events.map((e) => e.kind)).toEqual(['connecting', 'open', 'closing', 'close']);
    await waitFor(() => serverCloses.find((c) => c.path === '/silent' && c.reason === 'done here'));
  });

  it('closes without a code (server sees 1005) and with a reason only (1000)', async () => {
    const first = await openDriver('/silent');
    first.driver.close();
    expect(find(first.events, 'closing')).toMatchObject({ code: null, reason: '' });
    expect(await waitFor(() => find(first.events, 'close'))).toMatchObject({
      code: 1005,
      initiator: 'client',
    });

    const second = await openDriver('/silent');
    second.driver.close({ reason: 'only a reason' });
    expect(find(second.events, 'closing')).toMatchObject({ code: 1000, reason: 'only a reason' });
    expect(await waitFor(() => find(second.events, 'close'))).toMatchObject({
      code: 1000,
      reason: 'only a reason',
    });
  });

  it('rejects an invalid close without touching the socket', async () => {
    const { driver, events, created } = await openDriver('/echo');
    const socket = created[0] as WebSocket;
    const close = vi.spyOn(socket, 'close');
    const before = events.length;
    expect(driver.close({ code: 1001 })).toEqual({
      ok: false,
      error: 'Close code 1001 cannot be sent by a browser: use 1000 or 3000–4999.',
    });
    expect(driver.close({ code: 4000, reason: 'é'.repeat(65) })).toEqual({
      ok: false,
      error: 'Reason is 130 bytes in UTF-8; the limit is 123.',
    });
    expect(driver.close({ code: 3000.5 }).ok).toBe(false);
    expect(close).not.toHaveBeenCalled();
    expect(events.length).toBe(before);
    expect(driver.state).toBe('open');
    expect(driver.send('still open').ok).toBe(true);
  });

  it('is idempotent when closing, closed or idle', async () => {
    const idle = setup();
    expect(idle.driver.close()).toEqual({ ok: true, value: undefined });
    expect(idle.events).toEqual([]);

    const { driver, events, created } = await openDriver('/silent');
    const close = vi.spyOn(created[0] as WebSocket, 'close');
    expect(driver.close({ code: 4000 }).ok).toBe(true);
    expect(driver.close({ code: 4001 }).ok).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    await waitFor(() => find(events, 'close'));
    expect(driver.close().ok).toBe(true);
    expect(events.filter((e) => e.kind === 'closing')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'close')).toHaveLength(1);
  });

  it('rejects an invalid URL without creating a socket', () => {
    const { driver, events, createSocket } = setup({ pageProtocol: 'https:' });
    expect(driver.connect('http://example.com/')).toEqual({
      ok: false,
      error: expect.stringMatching(/ws:\/\//),
    });
    expect(driver.connect('')).toEqual({ ok: false, error: expect.any(String) });
    expect(driver.connect('ws://example.com/#x').ok).toBe(false);
    expect(driver.connect('ws://example.com/').ok).toBe(false); // mixed content from an https page
    expect(driver.connect(`${base}/echo`, ['a b']).ok).toBe(false);
    expect(driver.connect(`${base}/echo`, ['dup', 'dup']).ok).toBe(false);
    expect(createSocket).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    expect(driver.state).toBe('idle');
  });

  it('reports a throwing factory as an error and keeps the previous state', async () => {
    const failing = createSessionDriver({
      createSocket: () => {
        throw new SyntaxError('The subprotocol is invalid.');
      },
    });
    drivers.push(failing);
    const events: SessionEvent[] = [];
    failing.subscribe((event) => events.push(event));
    expect(failing.connect(`${base}/echo`)).toEqual({
      ok: false,
      error: 'Could not open the connection: The subprotocol is invalid.',
    });
    expect(failing.state).toBe('idle');
    expect(events).toEqual([]);
  });

  it('refuses to send when not open, and never throws', async () => {
    const { driver, events } = setup();
    expect(driver.send('x')).toEqual({ ok: false, error: 'Not connected: connect first.' });
    driver.connect(`${base}/echo`);
    expect(driver.send('x')).toEqual({
      ok: false,
      error: 'Not connected yet: wait for the connection to open.',
    });
    await waitFor(() => find(events, 'open'));
    driver.close();
    expect(driver.send('x')).toEqual({ ok: false, error: 'Not connected: the connection is closing.' });
    await waitFor(() => find(events, 'close'));
    expect(driver.send(new Uint8Array([1]))).toEqual({ ok: false, error: 'Not connected: connect first.' });
    expect(events.filter((e) => e.kind === 'message')).toEqual([]);
  });

  it('ignores every event of a superseded socket', async () => {
    const { driver, events, created } = setup();
    driver.connect(`${base}/echo`);
    driver.connect(`${base}/echo?second`);
    expect(created).toHaveLength(2);
    await waitFor(() => find(events, 'open'));
    driver.send('hi');
    await waitFor(() => find(events, 'message', 1));
    // Give the first socket time to produce its error/close events, which must not show up.
    await waitFor(() => created[0]?.readyState === WebSocket.CLOSED);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events.map((e) => e.kind)).toEqual(['connecting', 'connecting', 'open', 'message', 'message']);
    expect(find(events, 'connecting', 1)?.url).toBe(`${base}/echo?second`);
    expect(driver.state).toBe('open');
  });

  it('stops emitting after dispose and closes the socket', async () => {
    const { driver, events, created } = await openDriver('/echo');
    const before = events.length;
    driver.dispose();
    await waitFor(() => created[0]?.readyState === WebSocket.CLOSED);
    expect(events.length).toBe(before);
    expect(driver.connect(`${base}/echo`).ok).toBe(false);
    expect(driver.send('x').ok).toBe(false);
    expect(driver.close().ok).toBe(true);
  });
});

function fakeSetup(options: Partial<SessionDriverOptions> = {}) {
  const sockets: FakeSocket[] = [];
  let clock = 1000;
  const driver = createSessionDriver({
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    now: () => (clock += 10),
    ...options,
  });
  const events: SessionEvent[] = [];
  const unsubscribe = driver.subscribe((event) => events.push(event));
  return { driver, events, sockets, unsubscribe };
}

describe('createSessionDriver with a fake socket', () => {
  it('stamps events with the injected clock', () => {
    const { driver, events, sockets } = fakeSetup();
    driver.connect('ws://example.com/');
    sockets[0]?.open();
    sockets[0]?.onmessage?.({ data: 'a' });
    expect(events.map((e) => [e.kind, e.at, e.sinceOpen])).toEqual([
      ['connecting', 1010, null],
      ['open', 1020, 0],
      ['message', 1030, 10],
    ]);
    expect(find(events, 'open')?.openMs).toBe(10);
  });

  it('uses the time and size a relayed socket stamped on each fact, when it gives them', () => {
    const { driver, events, sockets } = fakeSetup();
    driver.connect('ws://example.com/');
    sockets[0]?.onopen?.({ at: 1015 });
    sockets[0]?.onmessage?.({ data: 'ab', at: 1016.5, size: 99 });
    sockets[0]?.onerror?.({ at: 1017 });
    sockets[0]?.onclose?.({ code: 1000, reason: '', wasClean: true, at: 1018 });
    expect(events.map((e) => [e.kind, e.at, e.sinceOpen])).toEqual([
      ['connecting', 1010, null],
      ['open', 1015, 0],
      ['message', 1016.5, 1.5],
      ['error', 1017, 2],
      ['close', 1018, 3],
    ]);
    expect(find(events, 'message')?.size).toBe(99);
    expect(find(events, 'open')?.openMs).toBe(5);
  });

  it('ignores events from a superseded socket, and closes it', () => {
    const { driver, events, sockets } = fakeSetup();
    driver.connect('ws://example.com/a');
    sockets[0]?.open();
    driver.connect('ws://example.com/b');
    expect(sockets[0]?.closes).toEqual([[1000]]);
    const old = sockets[0] as FakeSocket;
    old.onmessage?.({ data: 'late' });
    old.onerror?.({});
    old.onclose?.({ code: 1000, reason: '', wasClean: true });
    expect(events.map((e) => e.kind)).toEqual(['connecting', 'open', 'connecting']);
    expect(driver.state).toBe('connecting');
    sockets[1]?.open();
    expect(driver.state).toBe('open');
  });

  it('copies an unexpected binary view and reports other data as an error event', () => {
    const { driver, events, sockets } = fakeSetup();
    driver.connect('ws://example.com/');
    const socket = sockets[0] as FakeSocket;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.open();
    const buffer = Buffer.from([5, 6, 7]);
    socket.onmessage?.({ data: buffer });
    buffer[0] = 0;
    const message = find(events, 'message');
    expect(message).toMatchObject({ format: 'binary', size: 3 });
    expect([...new Uint8Array(message?.data as ArrayBuffer)]).toEqual([5, 6, 7]);

    socket.onmessage?.({ data: new Blob(['x']) });
    socket.onmessage?.({ data: 42 });
    expect(
      events.filter((e) => e.kind === 'error').map((e) => (e.kind === 'error' ? e.message : '')),
    ).toEqual([
      'Received a message of an unexpected type (Blob); it was not recorded.',
      'Received a message of an unexpected type (number); it was not recorded.',
    ]);
  });

  it('describes a browser error event without inventing a cause', () => {
    const { driver, events, sockets } = fakeSetup();
    driver.connect('ws://example.com/');
    sockets[0]?.onerror?.({ type: 'error' });
    expect(find(events, 'error')?.message).toBe(
      'The connection failed or was interrupted. Browsers do not expose the cause; see the close code.',
    );
  });

  it('turns a throwing socket.send into an error result', () => {
    const { driver, events, sockets } = fakeSetup();
    driver.connect('ws://example.com/');
    const socket = sockets[0] as FakeSocket;
    socket.open();
    socket.sendError = new Error('InvalidStateError: still in CONNECTING state');
    expect(driver.send('x')).toEqual({
      ok: false,
      error: 'Could not send: InvalidStateError: still in CONNECTING state',
    });
    expect(events.filter((e) => e.kind === 'message')).toEqual([]);
  });

  it('refuses to send once the socket is closing even before the close event', () => {
    const { driver, sockets } = fakeSetup();
    driver.connect('ws://example.com/');
    const socket = sockets[0] as FakeSocket;
    socket.open();
    socket.readyState = 2; // The server started the closing handshake.
    expect(driver.send('x')).toEqual({ ok: false, error: 'Not connected: the connection is closing.' });
    expect(socket.sent).toEqual([]);
  });

  it('marks a close during the handshake as client-initiated and never open', () => {
    const { driver, events, sockets } = fakeSetup();
    driver.connect('ws://example.com/');
    driver.close();
    expect(driver.state).toBe('closing');
    sockets[0]?.onclose?.({ code: 1006, reason: '', wasClean: false });
    expect(find(events, 'close')).toMatchObject({ code: 1006, initiator: 'client', durationMs: null });
    expect(driver.state).toBe('closed');
  });

  it('keeps other listeners going when one throws, and unsubscribes', () => {
    const errors: unknown[] = [];
    const { driver, events, sockets, unsubscribe } = fakeSetup({ onListenerError: (e) => errors.push(e) });
    const boom = new Error('listener broke');
    const stop = driver.subscribe(() => {
      throw boom;
    });
    const later: SessionEvent[] = [];
    driver.subscribe((event) => later.push(event));
    driver.connect('ws://example.com/');
    expect(errors).toEqual([boom]);
    expect(events).toHaveLength(1);
    expect(later).toHaveLength(1);
    stop();
    unsubscribe();
    sockets[0]?.open();
    expect(errors).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(later).toHaveLength(2);
  });

  it('rethrows listener errors asynchronously by default', async () => {
    const { driver } = fakeSetup();
    const thrown: unknown[] = [];
    const originalQueue = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (callback) =>
      originalQueue(() => {
        try {
          callback();
        } catch (error) {
          thrown.push(error);
        }
      });
    try {
      driver.subscribe(() => {
        throw new Error('async boom');
      });
      driver.connect('ws://example.com/');
      await Promise.resolve();
      expect(thrown).toEqual([new Error('async boom')]);
    } finally {
      globalThis.queueMicrotask = originalQueue;
    }
  });
});

// Type-level checks: both WebSocket implementations fit SocketLike without a cast (never called here).
const browserSockets: SocketFactory = (url, protocols) => new globalThis.WebSocket(url, protocols);
void browserSockets;
void nodeSockets;
