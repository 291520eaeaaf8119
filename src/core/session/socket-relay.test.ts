import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.test-support';
import { createSessionDriver, type SessionDriver } from './session-driver';
import type { SessionEvent } from './session-events';
import { createSocketRelayClient, type SocketRelayClient } from './socket-relay-client';
import { createSocketRelayHost } from './socket-relay-host';
import {
  createMessageBatcher,
  type BatchLimits,
  type RelayCommand,
  type RelayReport,
} from './socket-relay-protocol';

// A real server, as in the driver's tests: the relay must carry real framing, protocols and closes.
let server: LoopbackServer;
let base = '';
beforeAll(async () => {
  server = await startLoopbackServer((socket, url) => {
    switch (url.pathname) {
      case '/echo':
        socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
        break;
      case '/burst':
        for (let i = 1; i <= 1000; i++) socket.send(`{"seq":${i},"text":"ünï"}`);
        break;
      case '/close':
        socket.close(4001, 'bye now');
        break;
      case '/drop':
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

const timers = {
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (id: unknown) => clearTimeout(id as NodeJS.Timeout),
};

/**
 * The page and the worker joined the way postMessage joins them: asynchronously, by structured clone, with
 * transferred buffers moved. `sent` and `reports` record the traffic for the tests.
 */
function relayPair(limits?: BatchLimits) {
  const sent: RelayCommand[] = [];
  const reports: RelayReport[] = [];
  let client: SocketRelayClient | undefined = undefined;
  const host = createSocketRelayHost({
    createSocket: (url, protocols) => new WebSocket(url, protocols),
    post: (report, transfer) => {
      const copy = structuredClone(report, { transfer });
      setTimeout(() => {
        reports.push(copy);
        client?.receive(copy);
      }, 0);
    },
    timers,
    now: () => performance.timeOrigin + performance.now(),
    ...(limits ? { limits } : {}),
  });
  client = createSocketRelayClient({
    post: (command) => {
      sent.push(command);
      const copy = structuredClone(command);
      setTimeout(() => host.handle(copy), 0);
    },
    now: () => 42,
  });
  return { client, host, sent, reports };
}

const drivers: SessionDriver[] = [];
afterEach(() => {
  for (const driver of drivers.splice(0)) driver.dispose();
});

function relayedDriver(limits?: BatchLimits) {
  const pair = relayPair(limits);
  const driver = createSessionDriver({ createSocket: pair.client.create });
  drivers.push(driver);
  const events: SessionEvent[] = [];
  driver.subscribe((event) => events.push(event));
  return { ...pair, driver, events };
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

const kinds = (events: SessionEvent[]) => events.map((event) => event.kind);

describe('a driver over the socket relay', () => {
  it('opens with the negotiated subprotocol and refuses to send while connecting', async () => {
    const { driver, events, sent } = relayedDriver();
    expect(driver.connect(`${base}/echo`, ['chat.v2']).ok).toBe(true);
    expect(driver.send('too early')).toMatchObject({ ok: false });
    // The driver's binary type reaches the worker's socket.
    expect(sent.map((c) => c.type)).toEqual(['open', 'binary-type']);
    expect(sent[1]).toMatchObject({ binaryType: 'arraybuffer' });
    const open = await waitFor(() => events.find((e) => e.kind === 'open'));
    expect(open).toMatchObject({ protocol: 'chat.v2', extensions: '' });
    expect(driver.state).toBe('open');
  });

  it('echoes text and binary with sizes and arrival times from the worker side', async () => {
    const { driver, events } = relayedDriver();
    driver.connect(`${base}/echo`);
    await waitFor(() => driver.state === 'open');
    expect(driver.send('héllo ✓').ok).toBe(true);
    expect(driver.send(new Uint8Array([1, 2, 3, 250])).ok).toBe(true);
    const received = await waitFor(() => {
      const inbound = events.filter((e) => e.kind === 'message' && e.direction === 'in');
      return inbound.length === 2 ? inbound : undefined;
    });
    expect(received[0]).toMatchObject({ format: 'text', data: 'héllo ✓', size: 10 });
    expect(received[1]).toMatchObject({ format: 'binary', size: 4 });
    const binary = received[1];
    expect(binary?.kind === 'message' && binary.data instanceof ArrayBuffer).toBe(true);
    if (binary?.kind === 'message' && binary.data instanceof ArrayBuffer)
      expect([...new Uint8Array(binary.data)]).toEqual([1, 2, 3, 250]);
    const open = events.find((e) => e.kind === 'open');
    for (const message of received) {
      expect(message.sinceOpen).toBeGreaterThanOrEqual(0);
      expect(message.at).toBeGreaterThanOrEqual(open?.at ?? Infinity);
    }
  });

  it('delivers a burst in batches, in order, each message with its own stamp', async () => {
    const { driver, events, reports } = relayedDriver({ maxDelayMs: 4, maxMessages: 100, maxBytes: 1 << 20 });
    driver.connect(`${base}/burst`);
    await waitFor(() => events.filter((e) => e.kind === 'message').length === 1000);
    const texts = events.flatMap((e) => (e.kind === 'message' ? [JSON.parse(String(e.data)).seq] : []));
    expect(texts).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    const batches = reports.filter((r) => r.type === 'messages');
    expect(batches.length).toBeGreaterThanOrEqual(10);
    expect(batches.length).toBeLessThan(1000);
    const first = events.find((e) => e.kind === 'message');
    expect(first).toMatchObject({ size: '{"seq":1,"text":"ünï"}'.length + 2 });
  });

  it('reports a server close with its code, reason and wasClean', async () => {
    const { driver, events } = relayedDriver();
    driver.connect(`${base}/close`);
    const close = await waitFor(() => events.find((e) => e.kind === 'close'));
    expect(close).toMatchObject({ code: 4001, reason: 'bye now', wasClean: true, initiator: 'server' });
    expect(driver.state).toBe('closed');
  });

  it('closes from the client with a code and reason; the server sees them', async () => {
    const { driver, events } = relayedDriver();
    driver.connect(`${base}/echo`);
    await waitFor(() => driver.state === 'open');
    expect(driver.close({ code: 4321, reason: 'done' }).ok).toBe(true);
    expect(driver.state).toBe('closing');
    const close = await waitFor(() => events.find((e) => e.kind === 'close'));
    expect(close).toMatchObject({ code: 4321, reason: 'done', wasClean: true, initiator: 'client' });
    expect(kinds(events)).toEqual(['connecting', 'open', 'closing', 'close']);
  });

  it('reports a dropped connection as error then 1006', async () => {
    const { driver, events } = relayedDriver();
    driver.connect(`${base}/drop`);
    await waitFor(() => driver.state === 'open');
    driver.send('drop me');
    const close = await waitFor(() => events.find((e) => e.kind === 'close'));
    expect(close).toMatchObject({ code: 1006, wasClean: false });
  });

  it('ignores every event of a superseded socket', async () => {
    const { driver, events } = relayedDriver();
    driver.connect(`${base}/echo`);
    driver.connect(`${base}/close`);
    await waitFor(() => events.some((e) => e.kind === 'close'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kinds(events)).toEqual(['connecting', 'connecting', 'open', 'close']);
    expect(events.at(-1)).toMatchObject({ code: 4001 });
  });

  it('ends every live socket with error then 1006 when the worker is lost', async () => {
    const { driver, events, client } = relayedDriver();
    driver.connect(`${base}/echo`);
    await waitFor(() => driver.state === 'open');
    client.fail();
    expect(kinds(events).slice(-2)).toEqual(['error', 'close']);
    expect(events.at(-1)).toMatchObject({ code: 1006, wasClean: false, at: 42 });
  });
});

describe('a relayed socket', () => {
  it('validates close arguments synchronously, as WebSocket.close does', () => {
    const { client, sent } = relayPair();
    const socket = client.create(`${base}/echo`, []);
    expect(() => socket.close(1001)).toThrow(expect.objectContaining({ name: 'InvalidAccessError' }));
    expect(() => socket.close(4000, 'x'.repeat(124))).toThrow(
      expect.objectContaining({ name: 'SyntaxError' }),
    );
    expect(socket.readyState).toBe(0);
    socket.close(4000, 'ok');
    expect(socket.readyState).toBe(2);
    socket.close();
    expect(sent.filter((c) => c.type === 'close')).toEqual([
      { type: 'close', id: 1, code: 4000, reason: 'ok' },
    ]);
  });

  it('throws InvalidStateError for send while connecting and SyntaxError for a URL with a fragment', () => {
    const { client } = relayPair();
    expect(() => client.create(`${base}/echo#frag`, [])).toThrow(
      expect.objectContaining({ name: 'SyntaxError' }),
    );
    expect(() => client.create('not a url', [])).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    const socket = client.create(`${base}/echo`, []);
    expect(() => socket.send('x')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
  });

  it('approximates bufferedAmount from what it sent until the worker reports it', () => {
    const { client } = relayPair();
    const socket = client.create(`${base}/echo`, []);
    client.receive({ type: 'open', id: 1, at: 1, protocol: '', extensions: '' });
    socket.send('héllo');
    socket.send(new Uint8Array(10));
    expect(socket.bufferedAmount).toBe(16);
    client.receive({ type: 'buffered', id: 1, bufferedAmount: 0 });
    expect(socket.bufferedAmount).toBe(0);
  });
});

describe('createMessageBatcher', () => {
  function setup(limits: BatchLimits) {
    const posted: { report: RelayReport; transfer: ArrayBuffer[] }[] = [];
    const pendingTimers: (() => void)[] = [];
    const batcher = createMessageBatcher({
      post: (report, transfer) => posted.push({ report, transfer }),
      timers: {
        setTimeout: (callback) => pendingTimers.push(callback),
        clearTimeout: () => pendingTimers.splice(0),
      },
      limits,
    });
    return { batcher, posted, pendingTimers };
  }

  it('posts after the delay, at the message limit, or at the byte limit, whichever comes first', () => {
    const { batcher, posted, pendingTimers } = setup({ maxDelayMs: 4, maxMessages: 3, maxBytes: 100 });
    batcher.add(1, 'a', 10, 1, 0);
    expect(posted).toHaveLength(0);
    expect(pendingTimers).toHaveLength(1);
    pendingTimers[0]?.();
    expect(posted.map((p) => p.report)).toEqual([
      { type: 'messages', id: 1, data: ['a'], at: [10], size: [1], bufferedAmount: 0 },
    ]);
    for (const text of ['b', 'c', 'd']) batcher.add(1, text, 11, 1, 5);
    expect(posted).toHaveLength(2);
    expect(posted[1]?.report).toMatchObject({ data: ['b', 'c', 'd'], bufferedAmount: 5 });
    batcher.add(1, 'big', 12, 150, 0);
    expect(posted[2]?.report).toMatchObject({ data: ['big'], size: [150] });
  });

  it('keeps order across sockets and moves binary payloads instead of copying them', () => {
    const { batcher, posted } = setup({ maxDelayMs: 4, maxMessages: 10, maxBytes: 1000 });
    const bytes = new ArrayBuffer(8);
    batcher.add(1, 'one', 1, 3, 0);
    batcher.add(2, bytes, 2, 8, 0);
    batcher.add(1, 'three', 3, 5, 0);
    batcher.flush();
    expect(posted.map((p) => [p.report.type === 'messages' && p.report.id, p.transfer.length])).toEqual([
      [1, 0],
      [2, 1],
      [1, 0],
    ]);
    expect(posted[1]?.transfer[0]).toBe(bytes);
    batcher.flush();
    expect(posted).toHaveLength(3);
  });
});

describe('the relay host', () => {
  it('posts pending messages before a lifecycle report, so a close never overtakes them', () => {
    const posted: RelayReport[] = [];
    const handlers: { onmessage?: (ev: { data: unknown }) => void; onclose?: (ev: object) => void } = {};
    const fakeSocket = {
      binaryType: 'blob',
      readyState: 1,
      protocol: '',
      extensions: '',
      bufferedAmount: 0,
      send: vi.fn(),
      close: vi.fn(),
      onopen: null,
      onerror: null,
      set onmessage(handler: (ev: { data: unknown }) => void) {
        handlers.onmessage = handler;
      },
      set onclose(handler: (ev: object) => void) {
        handlers.onclose = handler;
      },
    };
    const host = createSocketRelayHost({
      createSocket: () => fakeSocket as never,
      post: (report) => posted.push(report),
      timers: { setTimeout: () => 0, clearTimeout: () => {} },
      now: () => 7,
    });
    host.handle({ type: 'open', id: 3, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    expect(fakeSocket.binaryType).toBe('arraybuffer');
    handlers.onmessage?.({ data: 'ab' });
    handlers.onmessage?.({ data: 'é' });
    handlers.onclose?.({ code: 1000, reason: '', wasClean: true });
    expect(posted).toEqual([
      { type: 'messages', id: 3, data: ['ab', 'é'], at: [7, 7], size: [2, 2], bufferedAmount: 0 },
      { type: 'close', id: 3, at: 7, code: 1000, reason: '', wasClean: true },
    ]);
  });
});
