// @ts-check
/**
 * The test server's protocol endpoints, each served by its protocol's own package: Socket.IO (socket.io),
 * GraphQL over WebSocket (graphql-ws), MQTT (aedes) and STOMP (./stomp-broker.mjs, as no maintained package
 * is usable). Each catalogue entry sits with the code that serves it. test-server.mjs routes the upgrades.
 */
import { isUtf8 } from 'node:buffer';
import { EventEmitter, on } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Aedes } from 'aedes';
import { Server as EngineServer } from 'engine.io';
// graphql/index.js, not graphql: Node resolves graphql-ws's own import of 'graphql' to this CommonJS entry,
// while Vite (under Vitest) would pick the ESM one, and graphql refuses a schema from a second copy of itself.
import {
  GraphQLError,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql/index.js';
import { useServer } from 'graphql-ws/use/ws';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocket, WebSocketServer, createWebSocketStream } from 'ws';
import { STOMP_SUBPROTOCOLS, createStompBroker } from './stomp-broker.mjs';

/**
 * @typedef {import('./test-server.mjs').Endpoint} Endpoint
 * @typedef {{ upgrade: (request: import('node:http').IncomingMessage, socket: import('node:stream').Duplex,
 *   head: Buffer) => void, request?: (request: import('node:http').IncomingMessage,
 *   response: import('node:http').ServerResponse) => void }} ProtocolRoute
 * @typedef {{ pingInterval?: number, pingTimeout?: number }} SocketIoOptions
 * @typedef {{ maxPayload: number, log: (line: string) => void, nextId: () => number,
 *   watch: (ws: WebSocket, url: URL) => void, socketIo?: SocketIoOptions }} ProtocolContext
 * @typedef {{ routes: Map<string, ProtocolRoute>, webSocketServers: WebSocketServer[], close: () => Promise<void> }} ProtocolServers
 */

// ---------------------------------------------------------------------------------------------------------
// Socket.IO

export const SOCKET_IO_PATH = '/socket.io/';
/**
 * Short, so that a client that stops answering pings is dropped within pingInterval + pingTimeout = 9 s
 * (Socket.IO's defaults, 25 s + 20 s, make a dead client linger for 45 s).
 */
export const SOCKET_IO_PING_INTERVAL_MS = 5000;
export const SOCKET_IO_PING_TIMEOUT_MS = 4000;
const SOCKET_IO_TOKEN = 'frameline';
export const SOCKET_IO_UNAUTHORIZED = `Unauthorized: send auth {"token":"${SOCKET_IO_TOKEN}"}`;

/** @type {Endpoint} */
const SOCKET_IO_ENDPOINT = {
  path: SOCKET_IO_PATH,
  description:
    'Socket.IO v4 (Engine.IO 4; WebSocket transport, long-polling also served) with namespaces "/" and "/chat"; ' +
    `"/chat" wants the auth payload {"token": "${SOCKET_IO_TOKEN}"}. Events: "chat message" ({"user", "text"}, ` +
    'broadcast to the namespace as {"user", "text", "ts"}), "echo" (acks its arguments unchanged), "add" (acks ' +
    'a + b, or {"error"}), "upload" (acks {"bytes"} for a binary argument), "get binary" (acks 8 bytes). Each ' +
    'connection gets "welcome" {"sid", "namespace"}. An event sent without an ack id is answered by an emit of ' +
    `the same name. Pings every ${SOCKET_IO_PING_INTERVAL_MS} ms; no pong within ${SOCKET_IO_PING_TIMEOUT_MS} ms ` +
    'closes the connection. Raw frames: send 40 to join "/", then 42["echo","hi"] or 421["add",2,3]; answer ' +
    'each ping 2 with 3.',
  example: '/socket.io/?EIO=4&transport=websocket',
  params: [],
  protocols: [],
};

/** The bytes the "get binary" event acks with: DEADBEEF, then a 00-03 ramp. */
export const SOCKET_IO_BINARY = Buffer.from('deadbeef00010203', 'hex');

/**
 * Socket.IO on an Engine.IO server of its own that the test server hands upgrades and polling requests to,
 * so that it never takes over the HTTP server's 'upgrade' and 'request' events (it would, if attached).
 * @param {ProtocolContext} context
 */
function startSocketIo({ maxPayload, log, nextId, socketIo = {} }) {
  const engine = new EngineServer({
    pingInterval: socketIo.pingInterval ?? SOCKET_IO_PING_INTERVAL_MS,
    pingTimeout: socketIo.pingTimeout ?? SOCKET_IO_PING_TIMEOUT_MS,
    maxHttpBufferSize: maxPayload,
    transports: ['polling', 'websocket'],
  });
  const io = new SocketIoServer({ serveClient: false });
  io.bind(engine);

  engine.on('connection', (connection) => {
    const id = nextId();
    log(`#${id} open ${connection.request.url} (socket.io, ${connection.transport.name})`);
    connection.once('close', (/** @type {string} */ reason) =>
      log(`#${id} closed "${reason}" ${SOCKET_IO_PATH}`),
    );
  });

  const chat = io.of('/chat');
  chat.use((socket, next) => {
    const token = /** @type {Record<string, unknown>} */ (socket.handshake.auth ?? {})['token'];
    next(token === SOCKET_IO_TOKEN ? undefined : new Error(SOCKET_IO_UNAUTHORIZED));
  });
  for (const namespace of [io.of('/'), chat]) {
    namespace.on('connection', (socket) => answerSocketIo(namespace, socket));
  }

  return {
    /** @type {ProtocolRoute} */
    route: {
      // An HTTP server's 'upgrade' hands over a net.Socket, typed as a Duplex.
      upgrade: (request, socket, head) =>
        engine.handleUpgrade(request, /** @type {import('node:net').Socket} */ (socket), head),
      request: (request, response) => engine.handleRequest(request, response),
    },
    close: () => io.close(),
  };
}

/**
 * @param {import('socket.io').Namespace} namespace
 * @param {import('socket.io').Socket} socket
 */
function answerSocketIo(namespace, socket) {
  /**
   * Acks when the client asked for an ack, else emits the answer under the event's own name.
   * @param {string} event
   * @param {unknown[]} args the event's arguments, an ack function last if the client wants one
   * @param {(args: unknown[]) => unknown[]} answer
   */
  const handle = (event, args, answer) => {
    const ack =
      typeof args.at(-1) === 'function' ? /** @type {(...values: unknown[]) => void} */ (args.pop()) : null;
    const values = answer(args);
    if (ack) ack(...values);
    else socket.emit(event, ...values);
  };

  socket.emit('welcome', { sid: socket.id, namespace: namespace.name });

  socket.on('chat message', (...args) => {
    const ack = typeof args.at(-1) === 'function' ? args.pop() : null;
    const message = chatMessage(args[0]);
    if ('error' in message) return ack?.(message);
    namespace.emit('chat message', message);
    ack?.(message);
  });
  socket.on('echo', (...args) => handle('echo', args, (values) => values));
  socket.on('add', (...args) =>
    handle('add', args, ([a, b]) => [
      typeof a === 'number' && typeof b === 'number' ? a + b : { error: 'add takes two numbers: add(a, b)' },
    ]),
  );
  socket.on('upload', (...args) =>
    handle('upload', args, ([data]) => [
      Buffer.isBuffer(data) ? { bytes: data.length } : { error: 'upload takes one binary argument' },
    ]),
  );
  socket.on('get binary', (...args) => handle('get binary', args, () => [SOCKET_IO_BINARY]));
}

/**
 * @param {unknown} value {"user", "text"}, or the text alone
 * @returns {{ user: string, text: string, ts: string } | { error: string }}
 */
function chatMessage(value) {
  const { user = 'anonymous', text } =
    typeof value === 'string' ? { text: value } : /** @type {Record<string, unknown>} */ (value ?? {});
  if (typeof text !== 'string' || typeof user !== 'string' || user.trim() === '') {
    return { error: 'chat message takes {"user": string, "text": string} or a string' };
  }
  return { user, text, ts: new Date().toISOString() };
}

// ---------------------------------------------------------------------------------------------------------
// GraphQL over WebSocket

export const GRAPHQL_PATH = '/graphql';
export const GRAPHQL_SUBPROTOCOL = 'graphql-transport-ws';
const COUNTDOWN_STEP_MS = 200;
const MAX_COUNTDOWN = 1000;

/** @type {Endpoint} */
const GRAPHQL_ENDPOINT = {
  path: GRAPHQL_PATH,
  description:
    `GraphQL over WebSocket (graphql-ws), subprotocol ${GRAPHQL_SUBPROTOCOL} only: the legacy "graphql-ws" ` +
    'subprotocol of subscriptions-transport-ws is not served (no subprotocol is chosen, so such a client fails ' +
    'the handshake; a client offering none is closed with 4406). Send ' +
    '{"type": "connection_init"}, then {"id": "1", "type": "subscribe", "payload": {"query": "…"}}. Schema: ' +
    'Query hello(name: String): String, time: String; Mutation say(text: String!): String (also published to ' +
    `messages); Subscription countdown(from: Int!): Int (from down to 0, one every ${COUNTDOWN_STEP_MS} ms, ` +
    `then complete; from 0 to ${MAX_COUNTDOWN}), messages: String (each say).`,
  example: GRAPHQL_PATH,
  params: [],
  protocols: [GRAPHQL_SUBPROTOCOL],
};

/** @param {EventEmitter} said where `say` publishes and `messages` listens */
function graphqlSchema(said) {
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        hello: {
          type: GraphQLString,
          args: { name: { type: GraphQLString } },
          resolve: (_, { name }) => `Hello, ${name ?? 'world'}!`,
        },
        time: { type: GraphQLString, resolve: () => new Date().toISOString() },
      },
    }),
    mutation: new GraphQLObjectType({
      name: 'Mutation',
      fields: {
        say: {
          type: GraphQLString,
          args: { text: { type: new GraphQLNonNull(GraphQLString) } },
          resolve: (_, { text }) => {
            said.emit('message', text);
            return text;
          },
        },
      },
    }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        countdown: {
          type: GraphQLInt,
          args: { from: { type: new GraphQLNonNull(GraphQLInt) } },
          subscribe: (_, { from }) => {
            if (from < 0 || from > MAX_COUNTDOWN) {
              throw new GraphQLError(`countdown takes "from" from 0 to ${MAX_COUNTDOWN}`);
            }
            return countdown(from);
          },
          resolve: (count) => count,
        },
        messages: {
          type: GraphQLString,
          // events.on's iterator removes its listener as soon as the subscription ends, even mid-wait.
          subscribe: () => on(said, 'message'),
          resolve: ([text]) => text,
        },
      },
    }),
  });
}

/** @param {number} from */
async function* countdown(from) {
  for (let count = from; count >= 0; count--) {
    if (count < from) await sleep(COUNTDOWN_STEP_MS);
    yield count;
  }
}

/** @param {ProtocolContext} context */
function startGraphql({ maxPayload }) {
  const said = new EventEmitter().setMaxListeners(0);
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  // useServer sets the server's handleProtocols: it accepts graphql-transport-ws only.
  const server = useServer({ schema: graphqlSchema(said) }, wss);
  return { wss, close: () => server.dispose() };
}

// ---------------------------------------------------------------------------------------------------------
// MQTT

export const MQTT_PATH = '/mqtt';
/** An MQTT 3.1.1 CONNECT: client id "frameline", clean session, keep-alive 60 s. */
export const MQTT_CONNECT_HEX = '10 15 00 04 4d 51 54 54 04 02 00 3c 00 09 66 72 61 6d 65 6c 69 6e 65';

/** @type {Endpoint} */
const MQTT_ENDPOINT = {
  path: MQTT_PATH,
  description:
    'An MQTT broker (aedes) over WebSocket, subprotocol mqtt: MQTT 3.1.1 and 3.1 (aedes does not speak MQTT 5 ' +
    'yet: a v5 CONNECT is refused with CONNACK "unacceptable protocol version"). Anonymous; QoS 0, 1 and 2; ' +
    'retained messages, sessions and QoS 1/2 queues kept in memory until the server stops. Frames are binary ' +
    `MQTT packets, e.g. CONNECT ${MQTT_CONNECT_HEX}. After DISCONNECT or a protocol error the broker drops ` +
    'the connection without a close frame (1006).',
  example: MQTT_PATH,
  params: [],
  protocols: ['mqtt'],
};

/** @param {ProtocolContext} context */
async function startMqtt({ maxPayload }) {
  // The default persistence (aedes-persistence) keeps retained messages and sessions in memory.
  const broker = await Aedes.createBroker();
  // MQTT.js offers mqttv3.1 for MQTT 3.1 clients, mqtt for the rest.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload,
    handleProtocols: (offered) => ['mqtt', 'mqttv3.1'].find((protocol) => offered.has(protocol)) ?? false,
  });
  wss.on('connection', (ws, request) => {
    // mqtt-packet writes each packet in pieces between cork() and uncork(): writev sends them as one
    // WebSocket message, where write alone would send a message per piece (CONNACK as four 1-byte frames).
    const stream = createWebSocketStream(ws, {
      writev(chunks, callback) {
        ws.send(Buffer.concat(chunks.map(({ chunk }) => chunk)), callback);
      },
    });
    broker.handle(stream, request);
  });
  return { wss, close: () => new Promise((resolve) => broker.close(() => resolve(undefined))) };
}

// ---------------------------------------------------------------------------------------------------------
// STOMP

export const STOMP_PATH = '/stomp';
/** [sent at least this often, wanted this often] in ms; the larger of these and the client's values wins. */
export const STOMP_HEART_BEAT = /** @type {[number, number]} */ ([10_000, 10_000]);

/** @type {Endpoint} */
const STOMP_ENDPOINT = {
  path: STOMP_PATH,
  description:
    'A STOMP 1.2/1.1/1.0 broker (a small one of our own, see the README), subprotocols v12.stomp, v11.stomp, ' +
    'v10.stomp. Destinations are topics: a SEND reaches every current SUBSCRIBE to its destination; nothing is ' +
    'stored. RECEIPT for any frame with a receipt header; ACK/NACK for ack: client or client-individual; ' +
    `transactions; heart-beats (server ${STOMP_HEART_BEAT.join(',')}). End each frame with a NUL byte: ` +
    'CONNECT\\naccept-version:1.2\\nhost:localhost\\n\\n\\0, then SUBSCRIBE\\nid:0\\ndestination:/topic/demo\\n\\n\\0.',
  example: STOMP_PATH,
  params: [],
  protocols: STOMP_SUBPROTOCOLS,
};

/** @param {ProtocolContext} context */
function startStomp({ maxPayload }) {
  const broker = createStompBroker({ heartBeat: STOMP_HEART_BEAT, maxFrameBytes: maxPayload });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload,
    handleProtocols: (offered) =>
      [...offered].find((protocol) => STOMP_SUBPROTOCOLS.includes(protocol)) ?? false,
  });
  wss.on('connection', (ws) => {
    const session = broker.connect({
      // Text frames where the bytes allow it: what browser STOMP clients expect.
      send: (bytes) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(isUtf8(bytes) ? bytes.toString('utf8') : bytes);
      },
      close: () => ws.close(1000),
    });
    ws.on('message', (data) => session.receive(/** @type {Buffer} */ (data)));
    ws.on('close', () => session.close());
  });
  return { wss, close: async () => broker.close() };
}

// ---------------------------------------------------------------------------------------------------------

/** The catalogue entries of the protocol endpoints, in the order the catalogue lists them. */
export const PROTOCOL_ENDPOINTS = [SOCKET_IO_ENDPOINT, GRAPHQL_ENDPOINT, MQTT_ENDPOINT, STOMP_ENDPOINT];

/**
 * Starts every protocol server. Each route takes the HTTP server's upgrade (and, for Socket.IO's polling,
 * plain requests) for its path.
 * @param {ProtocolContext} context
 * @returns {Promise<ProtocolServers>}
 */
export async function startProtocolServers(context) {
  const socketIo = startSocketIo(context);
  const graphql = startGraphql(context);
  const mqtt = await startMqtt(context);
  const stomp = startStomp(context);

  /**
   * @param {WebSocketServer} wss
   * @returns {ProtocolRoute}
   */
  const viaWebSocketServer = (wss) => ({
    upgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => {
        context.watch(ws, new URL(request.url ?? '/', 'http://localhost'));
        wss.emit('connection', ws, request);
      });
    },
  });

  return {
    routes: new Map([
      [SOCKET_IO_PATH, socketIo.route],
      [GRAPHQL_PATH, viaWebSocketServer(graphql.wss)],
      [MQTT_PATH, viaWebSocketServer(mqtt.wss)],
      [STOMP_PATH, viaWebSocketServer(stomp.wss)],
    ]),
    webSocketServers: [graphql.wss, mqtt.wss, stomp.wss],
    async close() {
      await Promise.all([socketIo.close(), graphql.close(), mqtt.close(), stomp.close()]);
      for (const wss of [mqtt.wss, stomp.wss]) wss.close();
    },
  };
}
