import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStompBroker, encodeFrame, parseFrame } from './stomp-broker.mjs';

interface SentFrame {
  command: string;
  headers: Record<string, string>;
  body: string;
}
const bodies = new WeakMap<SentFrame, Buffer>();

/** A session on a fake transport: what it sends is parsed back into frames (heart-beats counted apart). */
function fakeClient(broker: ReturnType<typeof createStompBroker>, version: '1.0' | '1.1' | '1.2' = '1.2') {
  const frames: SentFrame[] = [];
  let beats = 0;
  let closed = false;
  const session = broker.connect({
    send(bytes) {
      const parsed = parseFrame(bytes, version);
      if (parsed.kind === 'beat') beats += 1;
      else if (parsed.kind === 'frame') {
        const { command, headers, body } = parsed.frame;
        const frame = { command, headers: Object.fromEntries(headers), body: body.toString('utf8') };
        bodies.set(frame, body);
        frames.push(frame);
      } else throw new Error(`the broker sent something unparsable: ${JSON.stringify(parsed)}`);
    },
    close: () => (closed = true),
  });
  const send = (command: string, headers: Record<string, string> = {}, body = '') =>
    session.receive(encodeFrame(command, Object.entries(headers), Buffer.from(body), version));
  return {
    frames,
    send,
    raw: (text: string | Buffer) => session.receive(text),
    beats: () => beats,
    closed: () => closed,
    last: () => frames.at(-1),
    connect(headers: Record<string, string> = {}) {
      session.receive(
        encodeFrame(
          'CONNECT',
          Object.entries({ 'accept-version': version, host: 'x', ...headers }),
          Buffer.alloc(0),
          null,
        ),
      );
      return frames.at(-1);
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('STOMP broker: connecting', () => {
  it.each([
    ['1.0,1.1,1.2', '1.2'],
    ['1.1,1.0', '1.1'],
    ['1.0', '1.0'],
  ])('picks the newest version the client accepts (%s → %s)', (accepted, version) => {
    const client = fakeClient(createStompBroker());
    expect(client.connect({ 'accept-version': accepted })).toMatchObject({
      command: 'CONNECTED',
      headers: { version, session: expect.any(String), server: expect.any(String) },
    });
  });

  it('treats a CONNECT without accept-version as STOMP 1.0, without heart-beats', () => {
    const client = fakeClient(createStompBroker(), '1.0');
    client.raw('CONNECT\n\n\0');
    expect(client.last()).toMatchObject({ command: 'CONNECTED', headers: { version: '1.0' } });
    expect(client.last()?.headers).not.toHaveProperty('heart-beat');
  });

  it('answers an unsupported version with ERROR listing the supported ones, and closes', () => {
    const client = fakeClient(createStompBroker());
    client.raw('STOMP\naccept-version:2.0\n\n\0');
    expect(client.last()).toMatchObject({ command: 'ERROR', headers: { version: '1.0,1.1,1.2' } });
    expect(client.closed()).toBe(true);
  });

  it('refuses frames before CONNECT, a second CONNECT, and unknown commands', () => {
    const early = fakeClient(createStompBroker());
    early.send('SEND', { destination: '/q', receipt: '7' });
    expect(early.last()).toMatchObject({ command: 'ERROR', headers: { 'receipt-id': '7' } });
    expect(early.last()?.headers['message']).toMatch(/^Not connected/);
    expect(early.closed()).toBe(true);

    const twice = fakeClient(createStompBroker());
    twice.connect();
    twice.connect();
    expect(twice.last()).toMatchObject({ command: 'ERROR', headers: { message: 'Already connected' } });

    const unknown = fakeClient(createStompBroker());
    unknown.connect();
    unknown.send('FLY');
    expect(unknown.last()).toMatchObject({ command: 'ERROR', headers: { message: 'Unknown command "FLY"' } });
  });
});

describe('STOMP broker: frames', () => {
  it('reads frames split across chunks, several in one chunk, and CRLF line ends', () => {
    const broker = createStompBroker();
    const client = fakeClient(broker);
    const connect = 'CONNECT\r\naccept-version:1.2\r\nhost:x\r\n\r\n\0';
    client.raw(connect.slice(0, 9));
    expect(client.frames).toHaveLength(0);
    client.raw(connect.slice(9) + '\n\nSUBSCRIBE\nid:s\ndestination:/t\n\n\0SEND\ndestination:/t\n\nab');
    client.raw('c\0');
    expect(client.frames.map((frame) => frame.command)).toEqual(['CONNECTED', 'MESSAGE']);
    expect(client.last()?.body).toBe('abc');
  });

  it('takes a body of content-length bytes, NULs included, and passes user headers on', () => {
    const broker = createStompBroker();
    const client = fakeClient(broker);
    client.connect();
    client.send('SUBSCRIBE', { id: 's', destination: '/t' });
    const body = Buffer.from([0x00, 0xff, 0x00, 0x41]);
    client.raw(
      Buffer.concat([
        Buffer.from(
          'SEND\ndestination:/t\ncontent-type:application/octet-stream\nx-n:1\ncontent-length:4\n\n',
        ),
        body,
        Buffer.from([0]),
      ]),
    );
    expect(client.last()?.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'x-n': '1',
      'content-length': '4',
    });
    expect(bodies.get(client.last()!)?.equals(body)).toBe(true);
  });

  it('rejects a body longer than content-length says', () => {
    const client = fakeClient(createStompBroker());
    client.connect();
    client.raw('SEND\ndestination:/t\ncontent-length:1\n\nab\0');
    expect(client.last()?.headers['message']).toMatch(/No NUL after content-length/);
  });

  it('unescapes and escapes header text in 1.2, refuses undefined escapes, and keeps 1.0 literal', () => {
    const broker = createStompBroker();
    const client = fakeClient(broker);
    client.connect();
    client.raw('SUBSCRIBE\nid:s\ndestination:/a\\cb\n\n\0');
    client.raw('SEND\ndestination:/a\\cb\nx-text:line\\none\\\\two\\r\n\n\0');
    expect(client.last()?.headers).toMatchObject({ destination: '/a:b', 'x-text': 'line\none\\two\r' });
    client.raw('SEND\ndestination:/a\nx:\\t\n\n\0');
    expect(client.last()?.headers['message']).toMatch(/Invalid escape/);

    const old = fakeClient(broker, '1.0');
    old.connect();
    old.raw('SUBSCRIBE\nid:s\ndestination:/a\\cb\n\n\0');
    old.raw('SEND\ndestination:/a\\cb\n\n\0');
    expect(old.last()?.headers['destination']).toBe('/a\\cb');
  });

  it('uses the first of repeated headers and does not trim values', () => {
    const client = fakeClient(createStompBroker());
    client.connect();
    client.raw('SUBSCRIBE\nid:s\ndestination:/t\n\n\0');
    client.raw('SEND\ndestination:/t\nx: padded \nx:second\n\n\0');
    expect(client.last()?.headers['x']).toBe(' padded ');
  });

  it('refuses a frame larger than maxFrameBytes', () => {
    const client = fakeClient(createStompBroker({ maxFrameBytes: 64 }));
    client.connect();
    client.raw(`SEND\ndestination:/t\n\n${'x'.repeat(100)}`);
    expect(client.last()?.headers['message']).toBe('Frame larger than 64 bytes');
    expect(client.closed()).toBe(true);
  });
});

describe('STOMP broker: messaging', () => {
  it('delivers a SEND to every subscription of its destination, and stops after UNSUBSCRIBE', () => {
    const broker = createStompBroker();
    const [ada, bob, carol] = [fakeClient(broker), fakeClient(broker), fakeClient(broker)];
    for (const client of [ada, bob, carol]) client.connect();
    ada.send('SUBSCRIBE', { id: 'a', destination: '/topic/news' });
    bob.send('SUBSCRIBE', { id: 'b', destination: '/topic/news', receipt: 'r-sub' });
    carol.send('SUBSCRIBE', { id: 'c', destination: '/topic/other' });
    expect(bob.last()).toEqual({ command: 'RECEIPT', headers: { 'receipt-id': 'r-sub' }, body: '' });
    carol.send('SEND', { destination: '/topic/news', receipt: 'r-send' }, 'hello');
    expect(carol.last()).toMatchObject({ command: 'RECEIPT', headers: { 'receipt-id': 'r-send' } });
    for (const [client, id] of [
      [ada, 'a'],
      [bob, 'b'],
    ] as const) {
      expect(client.last()).toEqual({
        command: 'MESSAGE',
        headers: { destination: '/topic/news', 'message-id': 'm-1', subscription: id, 'content-length': '5' },
        body: 'hello',
      });
    }
    bob.send('UNSUBSCRIBE', { id: 'b' });
    carol.send('SEND', { destination: '/topic/news' }, 'again');
    expect(ada.last()?.body).toBe('again');
    expect(bob.frames.filter((frame) => frame.command === 'MESSAGE')).toHaveLength(1);
  });

  it('refuses SEND without destination, SUBSCRIBE without id, a reused id and an unknown ack mode', () => {
    for (const [command, headers] of [
      ['SEND', {}],
      ['SUBSCRIBE', { destination: '/t' }],
      ['SUBSCRIBE', { id: 's', destination: '/t', ack: 'sometimes' }],
    ] as const) {
      const client = fakeClient(createStompBroker());
      client.connect();
      client.send(command, headers);
      expect(client.last()?.command).toBe('ERROR');
    }
    const client = fakeClient(createStompBroker());
    client.connect();
    client.send('SUBSCRIBE', { id: 's', destination: '/t' });
    client.send('SUBSCRIBE', { id: 's', destination: '/u' });
    expect(client.last()?.headers['message']).toBe('Subscription id "s" is in use');
  });

  it('settles client-individual messages one by one through their ack header', () => {
    const broker = createStompBroker();
    const client = fakeClient(broker);
    client.connect();
    client.send('SUBSCRIBE', { id: 's', destination: '/t', ack: 'client-individual' });
    client.send('SEND', { destination: '/t' }, '1');
    const first = client.last()?.headers['ack'];
    client.send('SEND', { destination: '/t' }, '2');
    const second = client.last()?.headers['ack'];
    expect(first).toBeDefined();
    client.send('ACK', { id: second!, receipt: 'r' });
    expect(client.last()).toMatchObject({ command: 'RECEIPT' });
    client.send('NACK', { id: first! });
    client.send('ACK', { id: first! });
    expect(client.last()?.headers['message']).toMatch(/^ACK of an unknown or already settled message/);
  });

  it('settles every earlier message too in client mode, and uses message-id in 1.1', () => {
    const broker = createStompBroker();
    const client = fakeClient(broker, '1.1');
    client.connect();
    client.send('SUBSCRIBE', { id: 's', destination: '/t', ack: 'client' });
    client.send('SEND', { destination: '/t' }, '1');
    const first = client.last()?.headers['message-id'];
    client.send('SEND', { destination: '/t' }, '2');
    const second = client.last()?.headers['message-id'];
    expect(client.last()?.headers).not.toHaveProperty('ack');
    client.send('ACK', { 'message-id': second!, subscription: 's' });
    client.send('ACK', { 'message-id': first!, subscription: 's' });
    expect(client.last()?.command).toBe('ERROR');
  });

  it('holds SENDs of a transaction until COMMIT, and drops them on ABORT', () => {
    const broker = createStompBroker();
    const client = fakeClient(broker);
    client.connect();
    client.send('SUBSCRIBE', { id: 's', destination: '/t' });
    client.send('BEGIN', { transaction: 'tx' });
    client.send('SEND', { destination: '/t', transaction: 'tx' }, 'held');
    expect(client.frames.filter((frame) => frame.command === 'MESSAGE')).toHaveLength(0);
    client.send('COMMIT', { transaction: 'tx', receipt: 'done' });
    expect(client.frames.slice(-2).map((frame) => frame.command)).toEqual(['MESSAGE', 'RECEIPT']);
    client.send('BEGIN', { transaction: 'tx2' });
    client.send('SEND', { destination: '/t', transaction: 'tx2' }, 'dropped');
    client.send('ABORT', { transaction: 'tx2' });
    expect(client.frames.filter((frame) => frame.command === 'MESSAGE')).toHaveLength(1);
    client.send('COMMIT', { transaction: 'tx2' });
    expect(client.last()?.headers['message']).toBe('Unknown transaction "tx2"');
  });

  it('answers DISCONNECT with its receipt, then closes', () => {
    const client = fakeClient(createStompBroker());
    client.connect();
    client.send('DISCONNECT', { receipt: 'bye' });
    expect(client.last()).toMatchObject({ command: 'RECEIPT', headers: { 'receipt-id': 'bye' } });
    expect(client.closed()).toBe(true);
  });
});

describe('STOMP broker: heart-beats', () => {
  it('negotiates each direction as the larger of the two sides, 0 meaning off', () => {
    vi.useFakeTimers();
    const broker = createStompBroker({ heartBeat: [100, 300] });
    const client = fakeClient(broker);
    // The client can send every 200 ms and wants to receive every 50 ms.
    expect(client.connect({ 'heart-beat': '200,50' })?.headers['heart-beat']).toBe('100,300');
    // Server to client: max(100, 50) = 100 ms, sent only when nothing else went out.
    vi.advanceTimersByTime(100);
    expect(client.beats()).toBe(0); // CONNECTED went out in this interval
    vi.advanceTimersByTime(100);
    expect(client.beats()).toBe(1);
    // Client to server: max(200, 300) = 300 ms, with a tolerance of twice that.
    client.raw('\n');
    vi.advanceTimersByTime(500);
    expect(client.closed()).toBe(false);
    vi.advanceTimersByTime(700);
    expect(client.frames.at(-1)).toMatchObject({
      command: 'ERROR',
      headers: { message: 'Heart-beat timeout' },
    });
    expect(client.closed()).toBe(true);
  });

  it('sends and expects nothing when the client asks for 0,0', () => {
    vi.useFakeTimers();
    const client = fakeClient(createStompBroker({ heartBeat: [100, 100] }));
    client.connect({ 'heart-beat': '0,0' });
    vi.advanceTimersByTime(10_000);
    expect(client.beats()).toBe(0);
    expect(client.closed()).toBe(false);
  });

  it('refuses an invalid heart-beat header', () => {
    const client = fakeClient(createStompBroker());
    client.connect({ 'heart-beat': 'often' });
    expect(client.last()?.command).toBe('ERROR');
  });
});
