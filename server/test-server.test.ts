import { spawn } from 'node:child_process';
import { parseImport } from '../src/core/collection/parse-import';
import { once } from 'node:events';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { WebSocket } from 'ws';
import { PROTOCOL_ENDPOINTS } from './protocols.mjs';
import { ENDPOINTS, KNOWN_PROTOCOLS, startTestServer } from './test-server.mjs';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
interface Frame {
  bytes: Buffer;
  text: string;
  isBinary: boolean;
}
interface CloseEvent {
  code: number;
  reason: string;
}
interface Client {
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<CloseEvent>;
}

/** A fresh server on a free port for each test, closed when the test finishes. */
async function startServer(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ port: 0, log: () => {}, ...options });
  onTestFinished(() => server.close());
  return server;
}

/** Opens a client that records every frame from the start, and is terminated when the test finishes. */
function openClient(url: string, protocols?: string[]): Client {
  const ws = new WebSocket(url, protocols);
  const frames: Frame[] = [];
  ws.on('message', (data, isBinary) => {
    const bytes = data as Buffer;
    frames.push({ bytes, text: bytes.toString('utf8'), isBinary });
  });
  const closed = new Promise<CloseEvent>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  onTestFinished(() => ws.terminate());
  return { ws, frames, closed };
}

async function connect(server: TestServer, path: string, protocols?: string[]): Promise<Client> {
  const client = openClient(`${server.wsUrl}${path}`, protocols);
  await once(client.ws, 'open');
  return client;
}

async function waitForFrames(client: Client, count: number, timeout = 5000): Promise<Frame[]> {
  await vi.waitFor(
    () => {
      if (client.frames.length < count)
        throw new Error(`received ${client.frames.length} of ${count} frames`);
    },
    { timeout, interval: 2 },
  );
  return client.frames.slice(0, count);
}

const json = (frame: Frame): Record<string, unknown> => JSON.parse(frame.text) as Record<string, unknown>;

async function httpGet(url: string, method = 'GET') {
  const response = await fetch(url, { method });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

interface RawUpgrade {
  status: number;
  headers: IncomingHttpHeaders;
  socket: Duplex;
}

/** A hand-made upgrade request, to see exactly what the server answers (the ws client hides some of it). */
function rawUpgrade(
  server: TestServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawUpgrade> {
  return new Promise((resolve, reject) => {
    const upgrade = request(`${server.httpUrl}${path}`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version': '13',
        ...headers,
      },
    });
    upgrade.on('upgrade', (response, socket) => {
      onTestFinished(() => {
        socket.destroy();
      });
      resolve({ status: response.statusCode ?? 0, headers: response.headers, socket });
    });
    upgrade.on('response', (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, socket: response.socket });
    });
    upgrade.on('error', reject);
    upgrade.end();
  });
}

describe('startTestServer', () => {
  it('reports the real port when asked for port 0', async () => {
    const server = await startServer();
    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe('127.0.0.1');
    expect(server.httpUrl).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.wsUrl).toBe(`ws://127.0.0.1:${server.port}`);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const server = await startServer();
    await expect(startTestServer({ port: server.port, log: () => {} })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('logs one line when a connection opens and one when it closes', async () => {
    const lines: string[] = [];
    const server = await startServer({ log: (line) => lines.push(line) });
    const client = await connect(server, '/echo?x=1', ['json']);
    client.ws.close(1000, 'done');
    await client.closed;
    await vi.waitFor(() => expect(lines).toHaveLength(2));
    expect(lines[0]).toBe('#1 open /echo?x=1 (protocol json)');
    expect(lines[1]).toBe('#1 closed 1000 "done" /echo');
  });
});

describe('HTTP', () => {
  it('serves a sample collection that Frameline imports, with CORS', async () => {
    const server = await startServer();
    const response = await httpGet(`${server.httpUrl}/collection`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const imported = parseImport(response.body, { newId: () => 'unused' });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const [collection] = imported.value.collections;
    expect(collection?.items.map((item) => item.type === 'connection' && item.url)).toContain(
      `${server.wsUrl}/echo`,
    );
    const lensOf = (name: string) => {
      const item = collection?.items.find((i) => i.name === name);
      return item?.type === 'connection' ? item.lens : undefined;
    };
    expect(lensOf('/rpc')).toBe('json-rpc');
    expect(lensOf('/mqtt')).toBe('mqtt');
    expect(lensOf('/echo')).toBeUndefined();
  });

  it.each(['/', '/catalogue'])('serves the catalogue at %s with CORS', async (path) => {
    const server = await startServer();
    const response = await httpGet(`${server.httpUrl}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const catalogue = JSON.parse(response.body);
    expect(catalogue).toMatchObject({ name: 'Frameline test server', wsUrl: server.wsUrl });
    expect(catalogue.protocols).toEqual(KNOWN_PROTOCOLS);
    expect(catalogue.endpoints.map((endpoint: { path: string }) => endpoint.path)).toEqual([
      '/echo',
      '/chat',
      '/rpc',
      '/stream',
      '/binary',
      '/close',
      '/drop',
      '/stall',
      '/socket.io/',
      '/graphql',
      '/mqtt',
      '/stomp',
    ]);
    for (const endpoint of catalogue.endpoints) {
      expect(endpoint).toEqual({
        path: expect.any(String),
        description: expect.any(String),
        example: expect.stringMatching(new RegExp(`^${endpoint.path}`)),
        params: expect.any(Array),
        ...(PROTOCOL_ENDPOINTS.some(({ path }) => path === endpoint.path) && {
          protocols: expect.any(Array),
        }),
      });
      for (const param of endpoint.params) {
        expect(param).toMatchObject({ name: expect.any(String), description: expect.any(String) });
        expect(param).toHaveProperty('default');
      }
    }
  });

  it('answers 426 to a plain GET of a WebSocket endpoint and 404 to anything else', async () => {
    const server = await startServer();
    expect((await httpGet(`${server.httpUrl}/echo`)).status).toBe(426);
    expect((await httpGet(`${server.httpUrl}/graphql`)).status).toBe(426);
    const missing = await httpGet(`${server.httpUrl}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await httpGet(`${server.httpUrl}/`, 'POST')).status).toBe(404);
  });

  it('rejects an upgrade to an unknown path with HTTP 404', async () => {
    const server = await startServer();
    const client = openClient(`${server.wsUrl}/nowhere`);
    const [error] = await once(client.ws, 'error');
    expect((error as Error).message).toBe('Unexpected server response: 404');
    expect((await rawUpgrade(server, '/nowhere')).status).toBe(404);
  });
});

describe('subprotocol negotiation', () => {
  // Queries that keep every endpoint open long enough to look at the handshake.
  const quietExamples: Record<string, string> = {
    '/stream': '/stream?count=1',
    '/binary': '/binary?count=1',
    '/close': '/close?after=60000',
    '/drop': '/drop?after=60000',
  };
  // /stall never completes a handshake, so there is nothing to negotiate; the protocol endpoints have their
  // own subprotocols (./protocols.test.ts).
  const paths = ENDPOINTS.filter(
    (endpoint) => endpoint.path !== '/stall' && !PROTOCOL_ENDPOINTS.includes(endpoint),
  ).map((endpoint) => quietExamples[endpoint.path] ?? endpoint.path);

  it.each(paths)('accepts the first known protocol the client offers on %s', async (path) => {
    const server = await startServer();
    const client = await connect(server, path, ['x-unknown', 'json', 'frameline.v1']);
    expect(client.ws.protocol).toBe('json');
  });

  it('follows the client order among known protocols', async () => {
    const server = await startServer();
    expect((await connect(server, '/echo', ['chat.v1', 'frameline.v1'])).ws.protocol).toBe('chat.v1');
    expect((await connect(server, '/echo', ['text'])).ws.protocol).toBe('text');
  });

  it.each(paths)('accepts with no subprotocol when none offered is known on %s', async (path) => {
    const server = await startServer();
    const upgrade = await rawUpgrade(server, path, { 'Sec-WebSocket-Protocol': 'x-unknown, token.abc' });
    expect(upgrade.status).toBe(101);
    expect(upgrade.headers['sec-websocket-protocol']).toBeUndefined();
  });

  it('accepts a client that offers no protocol', async () => {
    const server = await startServer();
    expect((await connect(server, '/echo')).ws.protocol).toBe('');
  });
});

describe('/echo', () => {
  it('echoes text as text, exactly', async () => {
    const server = await startServer();
    const client = await connect(server, '/echo');
    const texts = ['hello', '', '  spaced  \n', '{"a": 1}', 'ünïcødé ✓ 🚀'];
    for (const text of texts) client.ws.send(text);
    const frames = await waitForFrames(client, texts.length);
    expect(frames.map((frame) => frame.text)).toEqual(texts);
    expect(frames.every((frame) => !frame.isBinary)).toBe(true);
  });

  it('echoes binary as binary, byte for byte', async () => {
    const server = await startServer();
    const client = await connect(server, '/echo');
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
    const invalidUtf8 = Buffer.from([0xff, 0xfe, 0x00, 0xc3]);
    client.ws.send(everyByte);
    client.ws.send(invalidUtf8);
    client.ws.send(Buffer.alloc(0));
    const frames = await waitForFrames(client, 3);
    expect(frames.map((frame) => frame.isBinary)).toEqual([true, true, true]);
    expect(frames[0]?.bytes.equals(everyByte)).toBe(true);
    expect(frames[1]?.bytes.equals(invalidUtf8)).toBe(true);
    expect(frames[2]?.bytes.length).toBe(0);
  });

  it('echoes a large frame intact', async () => {
    const server = await startServer();
    const client = await connect(server, '/echo');
    const large = Buffer.alloc(4 * 1024 * 1024, 'frameline');
    client.ws.send(large);
    const [frame] = await waitForFrames(client, 1);
    expect(frame?.bytes.equals(large)).toBe(true);
  });
});

describe('/chat', () => {
  const chatEvents = (client: Client, type: string) =>
    client.frames.map(json).filter((event) => event['type'] === type);

  it('broadcasts each message to everyone in the room, sender included, with an id and a timestamp', async () => {
    const server = await startServer();
    const ada = await connect(server, '/chat');
    const bob = await connect(server, '/chat');
    const echoOnly = await connect(server, '/echo');
    ada.ws.send(JSON.stringify({ user: 'ada', content: 'Hello, room' }));
    bob.ws.send(JSON.stringify({ user: 'bob', content: 'Hi ada', extra: 'ignored' }));
    for (const client of [ada, bob]) {
      await vi.waitFor(() => expect(chatEvents(client, 'message')).toHaveLength(2));
      const [first, second] = chatEvents(client, 'message');
      expect(first).toEqual({
        type: 'message',
        id: 1,
        user: 'ada',
        content: 'Hello, room',
        ts: expect.any(String),
      });
      expect(second).toMatchObject({ type: 'message', id: 2, user: 'bob', content: 'Hi ada' });
      expect(new Date(String(first?.['ts'])).toISOString()).toBe(first?.['ts']);
    }
    expect(echoOnly.frames).toHaveLength(0);
  });

  it('announces joins and leaves with the room size', async () => {
    const server = await startServer();
    const ada = await connect(server, '/chat');
    await vi.waitFor(() => expect(chatEvents(ada, 'join')).toHaveLength(1));
    const bob = await connect(server, '/chat');
    await vi.waitFor(() => expect(chatEvents(ada, 'join')).toHaveLength(2));
    bob.ws.close();
    await vi.waitFor(() => expect(chatEvents(ada, 'leave')).toHaveLength(1));
    expect(chatEvents(ada, 'join').map((event) => event['clients'])).toEqual([1, 2]);
    expect(chatEvents(ada, 'leave')[0]).toMatchObject({ type: 'leave', clients: 1, ts: expect.any(String) });
  });

  it.each([
    ['not json', 'Invalid JSON: '],
    ['{"user": "ada", "content": ', 'Invalid JSON: '],
    ['[]', 'Invalid message: '],
    ['null', 'Invalid message: '],
    ['"just a string"', 'Invalid message: '],
    ['{"user": 1, "content": "x"}', 'Invalid message: '],
    ['{"user": "", "content": "x"}', 'Invalid message: '],
    ['{"user": "ada"}', 'Invalid message: '],
    ['{"user": "ada", "content": {"nested": true}}', 'Invalid message: '],
  ])('answers %j with an error to the sender only', async (text, errorStart) => {
    const server = await startServer();
    const ada = await connect(server, '/chat');
    const bob = await connect(server, '/chat');
    ada.ws.send(text);
    await vi.waitFor(() => expect(chatEvents(ada, 'error')).toHaveLength(1));
    expect(String(chatEvents(ada, 'error')[0]?.['error'])).toMatch(new RegExp(`^${errorStart}`));
    ada.ws.send(JSON.stringify({ user: 'ada', content: 'still here' }));
    await vi.waitFor(() => expect(chatEvents(bob, 'message')).toHaveLength(1));
    expect(chatEvents(bob, 'error')).toHaveLength(0);
    expect(chatEvents(bob, 'message')[0]).toMatchObject({ id: 1, content: 'still here' });
  });

  it('answers a binary frame with an error', async () => {
    const server = await startServer();
    const ada = await connect(server, '/chat');
    ada.ws.send(Buffer.from('{"user": "ada", "content": "x"}'));
    await vi.waitFor(() => expect(chatEvents(ada, 'error')).toHaveLength(1));
    expect(chatEvents(ada, 'error')[0]?.['error']).toMatch(/Binary frames are not supported/);
  });
});

describe('/rpc', () => {
  it('answers by id, a delayed reply after a quicker one sent later', async () => {
    const server = await startServer();
    const client = await connect(server, '/rpc');
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'sleep', params: { ms: 150 } }));
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 'b', method: 'add', params: [2, 3] }));
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'echo', params: ['a notification'] }));
    const frames = await waitForFrames(client, 2);
    expect(frames.map(json)).toEqual([
      { jsonrpc: '2.0', id: 'b', result: 5 },
      { jsonrpc: '2.0', id: 1, result: { slept: 150 } },
    ]);
    await sleep(50);
    expect(client.frames).toHaveLength(2);
  });

  it('answers a batch with an array and errors with the standard codes', async () => {
    const server = await startServer();
    const client = await connect(server, '/rpc');
    client.ws.send(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'echo', params: { a: 1 } },
        { jsonrpc: '2.0', id: 2, method: 'nope' },
        { jsonrpc: '2.0', id: 3, method: 'add', params: ['x'] },
      ]),
    );
    client.ws.send('{not json');
    client.ws.send(JSON.stringify({ id: 4, method: 'echo' }));
    const frames = await waitForFrames(client, 3);
    const replies = frames.map((frame) => JSON.parse(frame.text) as unknown);
    expect(replies).toContainEqual([
      { jsonrpc: '2.0', id: 1, result: { a: 1 } },
      { jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'Method not found: nope' } },
      {
        jsonrpc: '2.0',
        id: 3,
        error: { code: -32602, message: expect.stringMatching(/^Invalid params: add/) },
      },
    ]);
    expect(replies).toContainEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: expect.stringMatching(/^Parse error: /) },
    });
    expect(replies).toContainEqual({
      jsonrpc: '2.0',
      id: 4,
      error: { code: -32600, message: expect.stringMatching(/^Invalid Request/) },
    });
  });
});

describe('/stream', () => {
  const seqs = (frames: Frame[]) => frames.map((frame) => json(frame)['seq']);
  const oneTo = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

  it('sends exactly `count` messages numbered from 1, each `size` bytes, then stays open', async () => {
    const server = await startServer();
    const client = await connect(server, '/stream?rate=0&count=1000&size=120');
    const frames = await waitForFrames(client, 1000);
    expect(seqs(frames)).toEqual(oneTo(1000));
    expect(frames.every((frame) => !frame.isBinary && frame.bytes.length === 120)).toBe(true);
    expect(json(frames[0] as Frame)).toEqual({ seq: 1, ts: expect.any(String), pad: expect.any(String) });
    await sleep(200);
    expect(client.frames).toHaveLength(1000);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  // Only the lower bound: pacing is behaviour; how fast a loaded machine delivers is for benchmarks.
  it('paces the stream: 1000 messages at 2000/s take at least half a second', async () => {
    const server = await startServer();
    const startedAt = performance.now();
    const client = await connect(server, '/stream?rate=2000&count=1000');
    const frames = await waitForFrames(client, 1000);
    const elapsed = performance.now() - startedAt;
    expect(seqs(frames)).toEqual(oneTo(1000));
    expect(elapsed).toBeGreaterThanOrEqual(450);
  });

  it('defaults to 10 messages per second of about 120 bytes', async () => {
    const server = await startServer();
    const startedAt = performance.now();
    const client = await connect(server, '/stream?count=3');
    const frames = await waitForFrames(client, 3);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(190);
    expect(frames.map((frame) => frame.bytes.length)).toEqual([120, 120, 120]);
    await sleep(150);
    expect(client.frames).toHaveLength(3);
  });

  it('streams until the client leaves when count is 0, never skipping a seq while the client is slow', async () => {
    const server = await startServer();
    const client = await connect(server, '/stream?rate=0');
    client.ws.pause();
    await sleep(200);
    client.ws.resume();
    const frames = await waitForFrames(client, 20_000);
    expect(seqs(frames)).toEqual(oneTo(20_000));
    client.ws.close(1000);
    expect(await client.closed).toMatchObject({ code: 1000 });
  });

  it('pads large messages exactly and never shrinks below the bare object', async () => {
    const server = await startServer();
    const large = await connect(server, '/stream?rate=0&count=2&size=100000');
    const tiny = await connect(server, '/stream?rate=0&count=2&size=1');
    expect((await waitForFrames(large, 2)).map((frame) => frame.bytes.length)).toEqual([100_000, 100_000]);
    expect((await waitForFrames(tiny, 2)).map((frame) => json(frame)['seq'])).toEqual([1, 2]);
  });

  it('stamps each message with its send time when asked, keeping the exact size', async () => {
    const server = await startServer();
    const before = performance.timeOrigin + performance.now();
    const client = await connect(server, '/stream?rate=0&count=3&size=200&stamp=1');
    const frames = await waitForFrames(client, 3);
    const after = performance.timeOrigin + performance.now();
    const sent = frames.map((frame) => json(frame)['sentAt'] as number);
    expect(frames.map((frame) => frame.bytes.length)).toEqual([200, 200, 200]);
    for (const at of sent) {
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
    }
    expect([...sent].sort((a, b) => a - b)).toEqual(sent);
    const plain = await connect(server, '/stream?rate=0&count=1');
    expect(json((await waitForFrames(plain, 1))[0] as never)).not.toHaveProperty('sentAt');
  });

  it('pads with an array of records of about the asked size when records=1', async () => {
    const server = await startServer();
    const client = await connect(server, '/stream?rate=0&count=1&size=65536&records=1');
    const [frame] = await waitForFrames(client, 1);
    const body = json(frame as never) as { seq: number; records: { id: number; name: string }[] };
    expect(body.seq).toBe(1);
    expect(body.records[0]).toMatchObject({ id: 1, name: 'item 1' });
    expect(frame?.bytes.length).toBeGreaterThan(65_536 - 200);
    expect(frame?.bytes.length).toBeLessThan(65_536 + 200);
  });

  it.each([
    ['rate=-1', 'rate'],
    ['rate=100001', 'rate'],
    ['rate=fast', 'rate'],
    ['count=1.5', 'count'],
    ['count=-3', 'count'],
    ['size=0', 'size'],
    ['size=99999999', 'size'],
    ['stamp=2', 'stamp'],
    ['records=yes', 'records'],
  ])('closes with 1008 naming the parameter for %s', async (query, name) => {
    const server = await startServer();
    const client = await connect(server, `/stream?${query}`);
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(new RegExp(`^Invalid "${name}": expected an integer from \\d+ to \\d+$`));
    expect(client.frames).toHaveLength(0);
  });
});

describe('/binary', () => {
  it('sends four recognisable 256-byte frames by default', async () => {
    const server = await startServer();
    const client = await connect(server, '/binary');
    const frames = await waitForFrames(client, 4);
    expect(frames.map((frame) => [frame.isBinary, frame.bytes.length])).toEqual(Array(4).fill([true, 256]));
    const [ramp, , deadbeef, utf8] = frames.map((frame) => frame.bytes);
    expect([...(ramp ?? [])]).toEqual(Array.from({ length: 256 }, (_, index) => index));
    expect(deadbeef?.subarray(0, 8).toString('hex')).toBe('deadbeefdeadbeef');
    expect(utf8?.toString('utf8')).toMatch(/^Frameline ✓ 🚀 Frameline/);
    await sleep(100);
    expect(client.frames).toHaveLength(4);
  });

  it('honours count, size and interval, and allows empty frames', async () => {
    const server = await startServer();
    const startedAt = performance.now();
    const spaced = await connect(server, '/binary?count=3&size=16&interval=100');
    const empty = await connect(server, '/binary?count=2&size=0');
    expect((await waitForFrames(spaced, 3)).map((frame) => frame.bytes.length)).toEqual([16, 16, 16]);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(190);
    expect((await waitForFrames(empty, 2)).map((frame) => [frame.isBinary, frame.bytes.length])).toEqual([
      [true, 0],
      [true, 0],
    ]);
  });

  it('echoes the binary frames it receives', async () => {
    const server = await startServer();
    const client = await connect(server, '/binary?count=1');
    await waitForFrames(client, 1);
    client.ws.send(Buffer.from([0x01, 0x02, 0xff]));
    const [, echoed] = await waitForFrames(client, 2);
    expect(echoed?.isBinary).toBe(true);
    expect(echoed?.bytes.toString('hex')).toBe('0102ff');
  });

  it('closes with 1008 naming an invalid parameter', async () => {
    const server = await startServer();
    const client = await connect(server, '/binary?interval=-5');
    expect(await client.closed).toMatchObject({
      code: 1008,
      reason: expect.stringMatching(/^Invalid "interval"/),
    });
  });
});

describe('/close', () => {
  it('closes with 1000 "Goodbye" by default', async () => {
    const server = await startServer();
    const client = await connect(server, '/close');
    expect(await client.closed).toEqual({ code: 1000, reason: 'Goodbye' });
  });

  it.each([
    ['code=4001&reason=Custom%20reason', 4001, 'Custom reason'],
    ['code=1011&reason=', 1011, ''],
    ['code=3000&reason=%E2%9C%93', 3000, '✓'],
    [`code=1001&reason=${encodeURIComponent('✓'.repeat(41))}`, 1001, '✓'.repeat(41)],
  ])('closes with the chosen code and reason for %s', async (query, code, reason) => {
    const server = await startServer();
    const client = await connect(server, `/close?${query}`);
    expect(await client.closed).toEqual({ code, reason });
  });

  it('waits `after` milliseconds before closing', async () => {
    const server = await startServer();
    const startedAt = performance.now();
    const client = await connect(server, '/close?after=150&code=4000');
    expect((await client.closed).code).toBe(4000);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
  });

  it.each(['999', '1004', '1005', '1006', '1015', '2999', '5000', 'abc'])(
    'refuses code=%s with 1008 naming the code',
    async (code) => {
      const server = await startServer();
      const client = await connect(server, `/close?code=${code}`);
      expect(await client.closed).toMatchObject({
        code: 1008,
        reason: expect.stringMatching(/^Invalid "code"/),
      });
    },
  );

  it('refuses a reason over 123 UTF-8 bytes with 1008', async () => {
    const server = await startServer();
    const client = await connect(server, `/close?reason=${encodeURIComponent('✓'.repeat(41) + 'x')}`);
    expect(await client.closed).toEqual({ code: 1008, reason: 'Invalid "reason": at most 123 UTF-8 bytes' });
  });
});

describe('/stall', () => {
  it('never answers the handshake, then drops the connection after `for` ms', async () => {
    const server = await startServer();
    const client = openClient(`${server.wsUrl}/stall?for=300`);
    let opened = false;
    client.ws.once('open', () => (opened = true));
    await sleep(150);
    expect(client.ws.readyState).toBe(WebSocket.CONNECTING);
    const [error] = await once(client.ws, 'error');
    expect((error as Error).message).toMatch(/socket hang up|ECONNRESET/);
    expect(opened).toBe(false);
  });

  it('rejects a bad `for` with HTTP 400', async () => {
    const server = await startServer();
    expect((await rawUpgrade(server, '/stall?for=-1')).status).toBe(400);
  });
});

describe('/drop', () => {
  it('opens, then drops the TCP connection without a close frame (1006)', async () => {
    const server = await startServer();
    const client = await connect(server, '/drop');
    expect(await client.closed).toEqual({ code: 1006, reason: '' });
  });

  it('waits `after` milliseconds before dropping', async () => {
    const server = await startServer();
    const startedAt = performance.now();
    const client = await connect(server, '/drop?after=150');
    await sleep(50);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    expect((await client.closed).code).toBe(1006);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
  });
});

describe('limits and shutdown', () => {
  it('closes with 1009 when a frame exceeds maxPayload, and keeps serving', async () => {
    const server = await startServer({ maxPayload: 1024 });
    const client = await connect(server, '/echo');
    client.ws.send(Buffer.alloc(1024));
    await waitForFrames(client, 1);
    client.ws.send(Buffer.alloc(1025));
    expect((await client.closed).code).toBe(1009);
    const next = await connect(server, '/echo');
    next.ws.send('still alive');
    expect((await waitForFrames(next, 1))[0]?.text).toBe('still alive');
  });

  it('closes every client with 1001 on close(), and close() can be called again', async () => {
    const server = await startServer();
    const clients = await Promise.all(
      [
        '/echo',
        '/chat',
        '/stream',
        '/binary?count=0&interval=50',
        '/close?after=60000',
        '/drop?after=60000',
      ].map((path) => connect(server, path)),
    );
    await server.close();
    for (const client of clients) {
      expect(await client.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    }
    await server.close();
    const late = openClient(server.wsUrl + '/echo');
    const [error] = await once(late.ws, 'error');
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('terminates a client that never answers the close frame, without hanging', async () => {
    const server = await startServer({ shutdownGraceMs: 200 });
    const silent = await rawUpgrade(server, '/echo');
    const received: Buffer[] = [];
    silent.socket.on('data', (chunk: Buffer) => received.push(chunk));
    const socketClosed = once(silent.socket, 'close');
    const startedAt = performance.now();
    await server.close();
    await socketClosed;
    expect(performance.now() - startedAt).toBeLessThan(1000);
    const closeFrame = Buffer.concat(received);
    expect(closeFrame[0]).toBe(0x88); // FIN + close opcode
    expect(closeFrame.readUInt16BE(2)).toBe(1001);
  });
});

describe('server/index.mjs', () => {
  const cli = fileURLToPath(new URL('./index.mjs', import.meta.url));

  function runCli(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = once(child, 'exit').then(([code]) => code as number | null);
    return { child, exited, output: () => ({ stdout, stderr }) };
  }

  it('prints its address and shuts down on SIGTERM, closing clients with 1001', async () => {
    const run = runCli(['--port', '0']);
    await vi.waitFor(() => expect(run.output().stdout).toMatch(/ws:\/\/127\.0\.0\.1:\d+/));
    const wsUrl = /ws:\/\/127\.0\.0\.1:\d+/.exec(run.output().stdout)?.[0] ?? '';
    const client = openClient(`${wsUrl}/echo`);
    await once(client.ws, 'open');
    run.child.kill('SIGTERM');
    expect(await client.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    expect(await run.exited).toBe(0);
  });

  it('exits 1 naming the port and the variable to change when the port is taken', async () => {
    const server = await startServer();
    const run = runCli([], { FRAMELINE_SERVER_PORT: String(server.port) });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain(`Port ${server.port} is already in use`);
    expect(run.output().stderr).toContain('FRAMELINE_SERVER_PORT');
  });

  it('exits 1 on an invalid port', async () => {
    const run = runCli(['--port', 'eighty']);
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toMatch(/--port/);
  });
});
