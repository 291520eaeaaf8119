import { Client as StompClient, type IMessage } from '@stomp/stompjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { WebSocket } from 'ws';
import { SOCKET_IO_BINARY, SOCKET_IO_UNAUTHORIZED } from './protocols.mjs';
import { sampleCollection, startTestServer } from './test-server.mjs';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

async function startServer(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ port: 0, log: () => {}, ...options });
  onTestFinished(() => server.close());
  return server;
}

/** A raw WebSocket client that records every frame, terminated when the test finishes. */
function rawClient(url: string, protocols?: string[]) {
  const ws = new WebSocket(url, protocols);
  const frames: { data: Buffer; isBinary: boolean }[] = [];
  ws.on('message', (data, isBinary) => frames.push({ data: data as Buffer, isBinary }));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const errors: Error[] = [];
  ws.on('error', (error) => errors.push(error));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  opened.catch(() => {}); // a test that expects the handshake to fail reads `errors` instead
  onTestFinished(() => ws.terminate());
  const texts = () => frames.map((frame) => frame.data.toString('utf8'));
  const waitForFrames = (count: number) =>
    vi.waitFor(() => {
      if (frames.length < count) throw new Error(`received ${frames.length} of ${count} frames`);
      return frames;
    });
  return { ws, frames, texts, closed, waitForFrames, opened, errors };
}

/** The arguments of the next `event` on a Socket.IO socket. */
function next(socket: Socket, event: string): Promise<unknown[]> {
  return new Promise((resolve) => socket.once(event, (...args: unknown[]) => resolve(args)));
}

describe('/socket.io/', () => {
  function socketIo(server: TestServer, namespace = '/', options: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(`${server.httpUrl}${namespace}`, {
      transports: ['websocket'],
      autoConnect: false,
      reconnection: false,
      ...options,
    });
    onTestFinished(() => {
      socket.disconnect();
    });
    return socket;
  }

  it('welcomes each connection with its sid and namespace', async () => {
    const server = await startServer();
    const socket = socketIo(server);
    const welcome = next(socket, 'welcome');
    socket.connect();
    const [message] = await welcome;
    expect(message).toEqual({ sid: socket.id, namespace: '/' });
  });

  it('acks echo with its arguments unchanged, and add with the sum or an error', async () => {
    const server = await startServer();
    const socket = socketIo(server).connect();
    const args = [1, 'two', { three: [3] }, null, true];
    const echoed = await new Promise((resolve) =>
      socket.emit('echo', ...args, (...reply: unknown[]) => resolve(reply)),
    );
    expect(echoed).toEqual(args);
    expect(await socket.emitWithAck('add', 2, 3)).toBe(5);
    expect(await socket.emitWithAck('add', 0.5, -3)).toBe(-2.5);
    expect(await socket.emitWithAck('add', '2', 3)).toEqual({ error: expect.stringMatching(/two numbers/) });
  });

  it('acks an upload with its size and sends binary in an ack', async () => {
    const server = await startServer();
    const socket = socketIo(server).connect();
    expect(await socket.emitWithAck('upload', Buffer.alloc(1000, 7))).toEqual({ bytes: 1000 });
    expect(await socket.emitWithAck('upload', new Uint8Array([1, 2, 3]))).toEqual({ bytes: 3 });
    expect(await socket.emitWithAck('upload', 'not binary')).toEqual({ error: expect.any(String) });
    const binary = await socket.emitWithAck('get binary');
    expect(Buffer.isBuffer(binary)).toBe(true);
    expect(Buffer.from(binary).equals(SOCKET_IO_BINARY)).toBe(true);
  });

  it('broadcasts a chat message to everyone in the namespace, sender included', async () => {
    const server = await startServer();
    const ada = socketIo(server).connect();
    const bob = socketIo(server).connect();
    const carol = socketIo(server, '/chat', { auth: { token: 'frameline' } }).connect();
    await Promise.all([ada, bob, carol].map((socket) => next(socket, 'welcome')));
    const heard = Promise.all([next(ada, 'chat message'), next(bob, 'chat message')]);
    const carolHeard = vi.fn();
    carol.on('chat message', carolHeard);
    ada.emit('chat message', { user: 'ada', text: 'hello' });
    for (const [message] of await heard) {
      expect(message).toEqual({ user: 'ada', text: 'hello', ts: expect.any(String) });
    }
    await sleep(50);
    expect(carolHeard).not.toHaveBeenCalled();
    expect(await ada.emitWithAck('chat message', { text: 42 })).toEqual({ error: expect.any(String) });
  });

  it('lets /chat in only with the auth token', async () => {
    const server = await startServer();
    const refused = socketIo(server, '/chat');
    const error = next(refused, 'connect_error');
    refused.connect();
    expect(((await error)[0] as Error).message).toBe(SOCKET_IO_UNAUTHORIZED);
    expect(SOCKET_IO_UNAUTHORIZED).toBe('Unauthorized: send auth {"token":"frameline"}');

    const wrong = socketIo(server, '/chat', { auth: { token: 'nope' } });
    const wrongError = next(wrong, 'connect_error');
    wrong.connect();
    expect(((await wrongError)[0] as Error).message).toBe(SOCKET_IO_UNAUTHORIZED);

    const admitted = socketIo(server, '/chat', { auth: { token: 'frameline' } });
    const welcome = next(admitted, 'welcome');
    admitted.connect();
    expect((await welcome)[0]).toEqual({ sid: admitted.id, namespace: '/chat' });
    expect(await admitted.emitWithAck('add', 1, 1)).toBe(2);
  });

  it('also connects over long-polling, upgrading to WebSocket (a default client)', async () => {
    const server = await startServer();
    const socket = socketIo(server, '/', { transports: ['polling', 'websocket'] });
    const welcome = next(socket, 'welcome');
    socket.connect();
    await welcome;
    expect(await socket.emitWithAck('add', 20, 22)).toBe(42);
    await vi.waitFor(() => expect(socket.io.engine.transport.name).toBe('websocket'));
  });

  it('speaks raw Engine.IO frames: ping settings, acks, and emits for events without an ack id', async () => {
    const server = await startServer();
    const raw = rawClient(`${server.wsUrl}/socket.io/?EIO=4&transport=websocket`);
    await raw.opened;
    const [open] = await raw.waitForFrames(1);
    expect(JSON.parse(open!.data.toString().slice(1))).toMatchObject({
      pingInterval: 5000,
      pingTimeout: 4000,
    });
    raw.ws.send('40');
    // Events must wait for the namespace's CONNECT answer: Socket.IO drops a client that sends them earlier.
    await vi.waitFor(() => expect(raw.texts().some((text) => text.startsWith('40{"sid"'))).toBe(true));
    raw.ws.send('42["echo","hi"]');
    raw.ws.send('421["add",2,3]');
    await vi.waitFor(() =>
      expect(raw.texts()).toEqual(expect.arrayContaining(['42["echo","hi"]', '431[5]'])),
    );
  });

  it('drops a client that stops answering pings after pingInterval + pingTimeout', async () => {
    const server = await startServer({ socketIo: { pingInterval: 100, pingTimeout: 100 } });
    const polite = rawClient(`${server.wsUrl}/socket.io/?EIO=4&transport=websocket`);
    polite.ws.on('message', (data) => data.toString() === '2' && polite.ws.send('3'));
    const silent = rawClient(`${server.wsUrl}/socket.io/?EIO=4&transport=websocket`);
    await Promise.all([polite.opened, silent.opened]);
    const startedAt = performance.now();
    await silent.closed;
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(silent.texts()).toContain('2');
    await sleep(300);
    expect(polite.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('leaves every other endpoint working beside it', async () => {
    const server = await startServer();
    const socket = socketIo(server).connect();
    await next(socket, 'welcome');
    const echo = rawClient(`${server.wsUrl}/echo`);
    await echo.opened;
    echo.ws.send('still here');
    expect((await echo.waitForFrames(1))[0]?.data.toString()).toBe('still here');
    const stalled = rawClient(`${server.wsUrl}/stall?for=1500`);
    await sleep(1200); // longer than the 1 s after which an attached Engine.IO would end foreign upgrades
    expect(stalled.ws.readyState).toBe(WebSocket.CONNECTING);
  });
});

describe('/graphql', () => {
  function graphql(server: TestServer) {
    const client = createClient({
      url: `${server.wsUrl}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    onTestFinished(() => client.dispose());
    return client;
  }

  it('streams a countdown subscription to 0, one value per 200 ms, then completes', async () => {
    const server = await startServer();
    const client = graphql(server);
    const startedAt = performance.now();
    const values: unknown[] = [];
    for await (const result of client.iterate({ query: 'subscription { countdown(from: 3) }' })) {
      values.push(result.data?.['countdown']);
    }
    expect(values).toEqual([3, 2, 1, 0]);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(550);
  });

  it('answers queries, and publishes what say says to the messages subscription', async () => {
    const server = await startServer();
    const client = graphql(server);
    const query = await client.iterate({ query: 'query { hello(name: "ada") time, bare: hello }' }).next();
    expect(query.value).toEqual({
      data: { hello: 'Hello, ada!', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), bare: 'Hello, world!' },
    });

    const messages = client.iterate({ query: 'subscription { messages }' });
    const first = messages.next();
    // The subscription starts with the operation: give the server a moment before saying something.
    await sleep(100);
    const said = await client.iterate({ query: 'mutation { say(text: "hi all") }' }).next();
    expect(said.value).toEqual({ data: { say: 'hi all' } });
    expect((await first).value).toEqual({ data: { messages: 'hi all' } });
    await messages.return?.();
  });

  it('reports a countdown out of range as an error', async () => {
    const server = await startServer();
    const client = graphql(server);
    const results = [];
    for await (const result of client.iterate({ query: 'subscription { countdown(from: -1) }' })) {
      results.push(result);
    }
    expect(results).toEqual([
      { errors: [expect.objectContaining({ message: expect.stringMatching(/0 to 1000/) })] },
    ]);
  });

  it('negotiates graphql-transport-ws only: the legacy graphql-ws subprotocol is not served', async () => {
    const server = await startServer();
    const modern = rawClient(`${server.wsUrl}/graphql`, ['graphql-ws', 'graphql-transport-ws']);
    await modern.opened;
    expect(modern.ws.protocol).toBe('graphql-transport-ws');

    const legacy = rawClient(`${server.wsUrl}/graphql`, ['graphql-ws']);
    await expect(legacy.opened).rejects.toThrow('Server sent no subprotocol');

    const none = rawClient(`${server.wsUrl}/graphql`);
    expect(await none.closed).toEqual({ code: 4406, reason: 'Subprotocol not acceptable' });
  });
});

describe('/mqtt', () => {
  async function mqttClient(server: TestServer, options: mqtt.IClientOptions = {}) {
    const client = await mqtt.connectAsync(`${server.wsUrl}/mqtt`, {
      protocolVersion: 4,
      reconnectPeriod: 0,
      ...options,
    });
    onTestFinished(() => client.endAsync(true));
    return client;
  }

  it('delivers QoS 0 and QoS 1 publishes to a subscriber', async () => {
    const server = await startServer();
    const subscriber = await mqttClient(server);
    const publisher = await mqttClient(server);
    const received: { topic: string; payload: string; qos: number }[] = [];
    subscriber.on('message', (topic, payload, packet) =>
      received.push({ topic, payload: payload.toString(), qos: packet.qos }),
    );
    const [granted] = await subscriber.subscribeAsync('frameline/+', { qos: 1 });
    expect(granted?.qos).toBe(1);
    await publisher.publishAsync('frameline/a', 'at most once', { qos: 0 });
    await publisher.publishAsync('frameline/b', 'at least once', { qos: 1 });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received).toEqual(
      expect.arrayContaining([
        { topic: 'frameline/a', payload: 'at most once', qos: 0 },
        { topic: 'frameline/b', payload: 'at least once', qos: 1 },
      ]),
    );
  });

  it('keeps a retained message for later subscribers', async () => {
    const server = await startServer();
    const publisher = await mqttClient(server);
    await publisher.publishAsync('frameline/status', 'online', { qos: 1, retain: true });
    const late = await mqttClient(server);
    const message = new Promise<{ payload: string; retain: boolean }>((resolve) =>
      late.once('message', (_topic, payload, packet) =>
        resolve({ payload: payload.toString(), retain: packet.retain }),
      ),
    );
    await late.subscribeAsync('frameline/status');
    expect(await message).toEqual({ payload: 'online', retain: true });
  });

  it('negotiates the mqtt subprotocol and answers a raw CONNECT with one CONNACK frame', async () => {
    const server = await startServer();
    const raw = rawClient(`${server.wsUrl}/mqtt`, ['mqtt']);
    await raw.opened;
    expect(raw.ws.protocol).toBe('mqtt');
    const [connect] = sampleCollection(server.wsUrl).collections[0]!.items.find(
      (item) => item.name === '/mqtt',
    )!.templates;
    raw.ws.send(Buffer.from(connect!.body.replace(/ /g, ''), 'hex'));
    const [connack] = await raw.waitForFrames(1);
    expect(connack).toEqual({ data: Buffer.from('20020000', 'hex'), isBinary: true });
  });

  it('refuses MQTT 5, which aedes does not speak yet', async () => {
    const server = await startServer();
    await expect(mqttClient(server, { protocolVersion: 5 })).rejects.toThrow();
  });
});

describe('/stomp', () => {
  function stompClient(server: TestServer) {
    const client = new StompClient({
      webSocketFactory: () => new WebSocket(`${server.wsUrl}/stomp`, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
      reconnectDelay: 0,
      heartbeatIncoming: 0,
      heartbeatOutgoing: 0,
    });
    onTestFinished(() => client.deactivate({ force: true }));
    const connected = new Promise<void>((resolve, reject) => {
      client.onConnect = () => resolve();
      client.onStompError = (frame) => reject(new Error(frame.headers['message']));
    });
    client.activate();
    return { client, connected };
  }

  it('delivers a SEND to every SUBSCRIBE of its destination, and answers receipts', async () => {
    const server = await startServer();
    const ada = stompClient(server);
    const bob = stompClient(server);
    await Promise.all([ada.connected, bob.connected]);
    expect(ada.client.connectedVersion).toBe('1.2');
    const heard: IMessage[] = [];
    const subscribed = new Promise<void>((resolve) => ada.client.watchForReceipt('sub-1', () => resolve()));
    ada.client.subscribe('/topic/demo', (message) => heard.push(message), { receipt: 'sub-1' });
    bob.client.subscribe('/topic/other', () => heard.push(undefined as never));
    await subscribed;
    const sent = new Promise<void>((resolve) => bob.client.watchForReceipt('send-1', () => resolve()));
    bob.client.publish({
      destination: '/topic/demo',
      body: 'hello, topic',
      headers: { receipt: 'send-1', 'x-custom': 'kept: as is' },
    });
    await sent;
    await vi.waitFor(() => expect(heard).toHaveLength(1));
    expect(heard[0]?.body).toBe('hello, topic');
    expect(heard[0]?.headers).toMatchObject({
      destination: '/topic/demo',
      subscription: expect.any(String),
      'message-id': expect.any(String),
      'x-custom': 'kept: as is',
    });
  });

  it('speaks raw frames: CONNECT, SUBSCRIBE, SEND and an ERROR that closes the connection', async () => {
    const server = await startServer();
    const raw = rawClient(`${server.wsUrl}/stomp`, ['v11.stomp']);
    await raw.opened;
    expect(raw.ws.protocol).toBe('v11.stomp');
    raw.ws.send('CONNECT\naccept-version:1.1\nhost:localhost\nheart-beat:0,0\n\n\0');
    raw.ws.send('SUBSCRIBE\nid:0\ndestination:/topic/raw\n\n\0');
    raw.ws.send('SEND\ndestination:/topic/raw\nreceipt:r1\n\nhello\0');
    const frames = await raw.waitForFrames(3);
    expect(frames.every((frame) => !frame.isBinary)).toBe(true);
    expect(raw.texts()[0]).toMatch(
      /^CONNECTED\nversion:1\.1\nsession:[^\n]+\nserver:[^\n]+\nheart-beat:10000,10000\n\n\0$/,
    );
    const [message, receipt] = [...raw.texts().slice(1)].sort();
    expect(message).toBe(
      'MESSAGE\ndestination:/topic/raw\nmessage-id:m-1\nsubscription:0\ncontent-length:5\n\nhello\0',
    );
    expect(receipt).toBe('RECEIPT\nreceipt-id:r1\n\n\0');
    // A body that is not UTF-8 goes out in a binary frame.
    raw.ws.send(Buffer.from('SEND\ndestination:/topic/raw\ncontent-length:2\n\n\xff\x00\0', 'latin1'));
    await raw.waitForFrames(4);
    expect(raw.frames[3]?.isBinary).toBe(true);
    expect(raw.frames[3]?.data.subarray(-3)).toEqual(Buffer.from([0xff, 0x00, 0x00]));
    raw.ws.send('FLY\n\n\0');
    await raw.waitForFrames(5);
    expect(raw.texts()[4]).toMatch(/^ERROR\nmessage:Unknown command "FLY"\n/);
    expect((await raw.closed).code).toBe(1000);
  });

  it('sends each template of the sample collection to a working exchange', async () => {
    const server = await startServer();
    const templates = sampleCollection(server.wsUrl).collections[0]!.items.find(
      (item) => item.name === '/stomp',
    )!.templates;
    const raw = rawClient(`${server.wsUrl}/stomp`, ['v12.stomp']);
    await raw.opened;
    for (const template of templates) raw.ws.send(template.body);
    await raw.waitForFrames(3);
    expect(raw.texts().map((text) => text.split('\n')[0])).toEqual(
      expect.arrayContaining(['CONNECTED', 'MESSAGE', 'RECEIPT']),
    );
  });
});

describe('shutdown', () => {
  it('closes the GraphQL, MQTT and STOMP clients with 1001 and disconnects Socket.IO clients', async () => {
    const server = await startServer();
    const raws = [
      rawClient(`${server.wsUrl}/graphql`, ['graphql-transport-ws']),
      rawClient(`${server.wsUrl}/mqtt`, ['mqtt']),
      rawClient(`${server.wsUrl}/stomp`, ['v12.stomp']),
    ];
    await Promise.all(raws.map((raw) => raw.opened));
    const socket = io(server.httpUrl, { transports: ['websocket'], reconnection: false });
    onTestFinished(() => {
      socket.disconnect();
    });
    await next(socket, 'welcome');
    const disconnected = next(socket, 'disconnect');
    const startedAt = performance.now();
    await server.close();
    expect(performance.now() - startedAt).toBeLessThan(2000);
    for (const raw of raws) expect(await raw.closed).toEqual({ code: 1001, reason: 'Server shutting down' });
    expect((await disconnected)[0]).toBe('transport close');
  });
});
