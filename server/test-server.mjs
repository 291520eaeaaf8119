// @ts-check
/**
 * The local test server that ships with Frameline: echo, a chat room, a paced stream, binary frames,
 * endpoints that close with a chosen code or drop the TCP connection, and Socket.IO, GraphQL, MQTT and STOMP
 * endpoints (./protocols.mjs). See ./README.md for the catalogue.
 */
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { MQTT_CONNECT_HEX, PROTOCOL_ENDPOINTS, startProtocolServers } from './protocols.mjs';

/**
 * @typedef {{ name: string, description: string, type: 'integer', default: number, min: number, max: number }} IntegerParam
 * @typedef {{ name: string, description: string, type: 'string', default: string, maxBytes: number }} StringParam
 * @typedef {IntegerParam | StringParam} EndpointParam
 * @typedef {{ path: string, description: string, example: string, params: EndpointParam[], protocols?: string[] }} Endpoint
 * @typedef {{ int: (name: string) => number, str: (name: string) => string }} ParamValues
 * @typedef {{ ws: WebSocket, params: ParamValues, socket: import('node:stream').Duplex }} Connection
 * @typedef {(connection: Connection) => void} EndpointHandler
 * @typedef {{ host?: string, port?: number, log?: (line: string) => void, maxPayload?: number, shutdownGraceMs?: number,
 *   onStamp?: (seq: number, sentAt: number) => void, socketIo?: import('./protocols.mjs').SocketIoOptions }} TestServerOptions
 * @typedef {{ port: number, host: string, httpUrl: string, wsUrl: string, close: () => Promise<void> }} TestServer
 */

/** Subprotocols the server accepts; they are names to negotiate and do not change any endpoint's behaviour. */
export const KNOWN_PROTOCOLS = ['frameline.v1', 'chat.v1', 'json', 'text'];

const MAX_DELAY_MS = 3_600_000;
const STALL_PATH = '/stall';
/** A stalled socket is dropped after this at the latest, so a forgotten tab cannot pin it forever. */
const MAX_STALL_MS = 600_000;
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const MAX_COUNT = 1_000_000_000;
const MAX_CLOSE_REASON_BYTES = 123;

/** @param {string} description */
const delayParam = (description) =>
  /** @type {IntegerParam} */ ({
    name: 'after',
    description,
    type: 'integer',
    default: 0,
    min: 0,
    max: MAX_DELAY_MS,
  });

/**
 * The endpoint catalogue: served as JSON at `/` and `/catalogue`, and the source of every parameter check.
 * The protocol endpoints (Socket.IO, GraphQL, MQTT, STOMP) come last, from ./protocols.mjs; `protocols` lists
 * the subprotocols an endpoint negotiates, when it has its own.
 * @type {Endpoint[]}
 */
export const ENDPOINTS = [
  {
    path: '/echo',
    description: 'Echoes every text and binary frame back unchanged, byte for byte.',
    example: '/echo',
    params: [],
  },
  {
    path: '/chat',
    description:
      'A chat room. Send {"user": "...", "content": "..."} as JSON text; everyone connected to /chat, sender ' +
      'included, receives {"type": "message", "id", "user", "content", "ts"}. Joins and leaves are announced with ' +
      'the room size; invalid messages get {"type": "error", "error"} back to the sender only.',
    example: '/chat',
    params: [],
  },
  {
    path: '/rpc',
    description:
      'JSON-RPC 2.0 over text frames: send {"jsonrpc": "2.0", "id", "method", "params"}; replies carry the same ' +
      'id. Methods: echo (the params back), add ([a, b] or {a, b}), time, and sleep ({"ms"} up to 10000, or ' +
      '[ms]), which answers after that long, so replies to overlapping requests arrive out of order. ' +
      'Notifications (no id) get no reply; batches (an array) get an array; errors use the standard codes.',
    example: '/rpc',
    params: [],
  },
  {
    path: '/stream',
    description:
      'Sends JSON text messages {"seq", "ts", "pad"} with seq counting from 1, padded to about `size` bytes. ' +
      'It never skips a seq: if the client reads slower than `rate`, the stream slows down. After `count` ' +
      'messages the connection stays open. `stamp=1` adds "sentAt" (epoch ms, fractional) for latency ' +
      'measurements; `records=1` pads with an array of small records instead of one string.',
    example: '/stream?rate=100&count=1000&size=120',
    params: [
      {
        name: 'rate',
        description: 'Messages per second; 0 sends as fast as the client reads.',
        type: 'integer',
        default: 10,
        min: 0,
        max: 100_000,
      },
      {
        name: 'count',
        description: 'Messages to send; 0 streams until the client disconnects.',
        type: 'integer',
        default: 0,
        min: 0,
        max: MAX_COUNT,
      },
      {
        name: 'size',
        description: 'Bytes per message (exact once it exceeds the bare {seq, ts} object, about 50 bytes).',
        type: 'integer',
        default: 120,
        min: 1,
        max: MAX_FRAME_BYTES,
      },
      {
        name: 'stamp',
        description: '1 adds "sentAt": the send time in epoch milliseconds (fractional), before "pad".',
        type: 'integer',
        default: 0,
        min: 0,
        max: 1,
      },
      {
        name: 'records',
        description:
          '1 pads with "records": [{"id", "name", "tags", "value"}, …] (about `size` bytes) instead of one string.',
        type: 'integer',
        default: 0,
        min: 0,
        max: 1,
      },
    ],
  },
  {
    path: '/binary',
    description:
      'Sends binary frames cycling through recognisable patterns: a 0x00-0xFF ramp, random bytes, repeated ' +
      '0xDEADBEEF, and repeated UTF-8 text. Echoes any frame it receives.',
    example: '/binary?count=8&size=64&interval=250',
    params: [
      {
        name: 'count',
        description: 'Frames to send; 0 sends until the client disconnects.',
        type: 'integer',
        default: 4,
        min: 0,
        max: MAX_COUNT,
      },
      {
        name: 'size',
        description: 'Bytes per frame.',
        type: 'integer',
        default: 256,
        min: 0,
        max: MAX_FRAME_BYTES,
      },
      {
        name: 'interval',
        description: 'Milliseconds between frames; 0 sends as fast as the client reads.',
        type: 'integer',
        default: 0,
        min: 0,
        max: MAX_DELAY_MS,
      },
    ],
  },
  {
    path: '/close',
    description: 'Closes the connection with the chosen code and reason after a delay.',
    example: '/close?code=4000&reason=Bye&after=1000',
    params: [
      {
        name: 'code',
        description: 'Close code: 1000-1003, 1007-1014 or 3000-4999 (the codes a server may send).',
        type: 'integer',
        default: 1000,
        min: 1000,
        max: 4999,
      },
      {
        name: 'reason',
        description: 'Close reason, at most 123 UTF-8 bytes.',
        type: 'string',
        default: 'Goodbye',
        maxBytes: MAX_CLOSE_REASON_BYTES,
      },
      delayParam('Milliseconds to wait after the handshake before closing.'),
    ],
  },
  {
    path: '/drop',
    description:
      'Destroys the TCP connection without a close frame, so the browser reports 1006 (abnormal closure).',
    example: '/drop?after=1000',
    params: [delayParam('Milliseconds to wait after the handshake before dropping.')],
  },
  {
    path: STALL_PATH,
    description:
      'Never answers the handshake, so the client stays "connecting": for trying a connect timeout.',
    example: '/stall?for=30000',
    params: [
      {
        name: 'for',
        description: 'Milliseconds to hold the TCP connection before dropping it (no handshake answer ever).',
        type: 'integer',
        default: 60_000,
        min: 0,
        max: MAX_STALL_MS,
      },
    ],
  },
  ...PROTOCOL_ENDPOINTS,
];

/** Above this much queued output a sender pauses; below LOW_WATER_BYTES it resumes. */
const HIGH_WATER_BYTES = 1024 * 1024;
const LOW_WATER_BYTES = HIGH_WATER_BYTES / 2;
/** ws has no public 'drain' event, so backpressure is polled at this interval. */
const DRAIN_POLL_MS = 5;
/** Pacing granularity: at high rates, each tick sends every message that has fallen due. */
const MIN_TICK_MS = 10;
/** A sender yields to other connections after this many frames in one go. */
const MAX_BATCH = 1000;
const SHUTDOWN_CODE = 1001;
const SHUTDOWN_REASON = 'Server shutting down';
const POLICY_VIOLATION = 1008;

/**
 * Starts the test server. Resolves once it listens; rejects with the listen error (e.g. EADDRINUSE).
 * @param {TestServerOptions} [options]
 * @returns {Promise<TestServer>}
 */
export async function startTestServer({
  host = '127.0.0.1',
  port = 8787,
  log = console.log,
  maxPayload = 16 * 1024 * 1024,
  shutdownGraceMs = 1000,
  onStamp,
  socketIo,
} = {}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload, handleProtocols: pickKnownProtocol });
  const handlers = createHandlers({ onStamp });
  /** @type {Set<import('node:net').Socket>} every TCP socket, so that shutdown can destroy what is left */
  const sockets = new Set();
  let wsUrl = '';
  let nextConnectionId = 1;
  let shuttingDown = false;
  const protocols = await startProtocolServers({
    maxPayload,
    log,
    socketIo,
    nextId: () => nextConnectionId++,
    watch: (ws, url) => watchConnection(ws, nextConnectionId++, url, log),
  });
  const { routes } = protocols;

  const httpServer = createServer((request, response) =>
    answerHttp(request, response, { wsUrl, handlers, routes }),
  );
  httpServer.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  httpServer.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy()); // a reset during the handshake must not crash the server
    const url = requestUrl(request.url);
    const endpoint = ENDPOINTS.find((candidate) => candidate.path === url.pathname);
    const handle = handlers.get(url.pathname);
    if (shuttingDown) return rejectUpgrade(socket, 503, SHUTDOWN_REASON);
    // Socket.IO, GraphQL, MQTT and STOMP take the upgrade themselves, with their own subprotocol rules.
    const route = routes.get(url.pathname);
    if (route) return route.upgrade(request, socket, head);
    if (endpoint && url.pathname === STALL_PATH) return stallUpgrade(socket, endpoint, url);
    if (!endpoint || !handle) return rejectUpgrade(socket, 404, `No WebSocket endpoint at ${url.pathname}`);
    wss.handleUpgrade(request, socket, head, (ws) => {
      watchConnection(ws, nextConnectionId++, url, log);
      const parsed = readParams(endpoint.params, url.searchParams);
      if (!parsed.ok) return ws.close(POLICY_VIOLATION, parsed.error);
      handle({ ws, params: parsed.params, socket });
    });
  });

  try {
    await listen(httpServer, port, host);
  } catch (error) {
    await protocols.close(); // the MQTT broker's timers would keep the process alive
    throw error;
  }
  const address = describeAddress(httpServer, host);
  wsUrl = address.wsUrl;
  /** @type {Promise<void> | undefined} */
  let closing;
  return {
    ...address,
    close() {
      shuttingDown = true;
      closing ??= shutDown({ httpServer, wss, protocols, sockets, shutdownGraceMs });
      return closing;
    },
  };
}

/**
 * Accepts the first offered subprotocol the server knows (the client lists them by preference), else none.
 * @param {Set<string>} offered
 * @returns {string | false}
 */
function pickKnownProtocol(offered) {
  for (const protocol of offered) if (KNOWN_PROTOCOLS.includes(protocol)) return protocol;
  return false;
}

/**
 * @param {{ onStamp?: (seq: number, sentAt: number) => void }} hooks `onStamp` hears every stamped send (the bench)
 * @returns {Map<string, EndpointHandler>}
 */
function createHandlers(hooks) {
  const chatRoom = createChatRoom();
  return new Map([
    ['/echo', ({ ws }) => echoFrames(ws)],
    ['/chat', ({ ws }) => chatRoom.join(ws)],
    ['/rpc', ({ ws }) => answerRpc(ws)],
    ['/stream', (connection) => handleStream(connection, hooks)],
    ['/binary', handleBinary],
    ['/close', handleClose],
    ['/drop', handleDrop],
  ]);
}

/**
 * Logs one line when a connection opens and one when it closes. The error listener is required: without it,
 * ws rethrows errors such as an oversized frame and the whole server crashes.
 * @param {WebSocket} ws
 * @param {number} id
 * @param {URL} url
 * @param {(line: string) => void} log
 */
function watchConnection(ws, id, url, log) {
  const target = url.pathname + url.search;
  log(`#${id} open ${target}${ws.protocol ? ` (protocol ${ws.protocol})` : ''}`);
  /** @type {string | undefined} */
  let failure;
  ws.on('error', (error) => {
    failure = error.message;
  });
  ws.on('close', (code, reason) => {
    const why = reason.length > 0 ? ` "${reason.toString()}"` : '';
    log(`#${id} closed ${code}${why} ${url.pathname}${failure ? ` (${failure})` : ''}`);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Endpoints

/**
 * Sends every received frame back with the same type and bytes. Stops reading while the client is not
 * reading its echoes, so a flood cannot grow the server's memory without bound.
 * @param {WebSocket} ws
 */
function echoFrames(ws) {
  ws.on('message', (data, isBinary) => {
    ws.send(/** @type {Buffer} */ (data), { binary: isBinary });
    if (ws.bufferedAmount >= HIGH_WATER_BYTES && !ws.isPaused) {
      ws.pause();
      whenDrained(ws, () => ws.resume());
    }
  });
}

function createChatRoom() {
  /** @type {Set<WebSocket>} */
  const members = new Set();
  let lastMessageId = 0;

  /** @param {Record<string, unknown>} event */
  const broadcast = (event) => {
    const text = JSON.stringify({ ...event, ts: new Date().toISOString() });
    for (const member of members) if (member.readyState === WebSocket.OPEN) member.send(text);
  };

  return {
    /** @param {WebSocket} ws */
    join(ws) {
      members.add(ws);
      broadcast({ type: 'join', clients: members.size });
      ws.on('message', (data, isBinary) => {
        const parsed = isBinary ? binaryChatError() : parseChatMessage(data.toString());
        if ('error' in parsed) return sendChatError(ws, parsed.error);
        lastMessageId += 1;
        broadcast({ type: 'message', id: lastMessageId, user: parsed.user, content: parsed.content });
      });
      ws.on('close', () => {
        members.delete(ws);
        broadcast({ type: 'leave', clients: members.size });
      });
    },
  };
}

const binaryChatError = () => ({ error: 'Binary frames are not supported here: send JSON text' });

/**
 * @param {string} text
 * @returns {{ user: string, content: string } | { error: string }}
 */
function parseChatMessage(text) {
  /** @type {unknown} */
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return shapeError();
  const { user, content } = /** @type {Record<string, unknown>} */ (value);
  if (typeof user !== 'string' || user.trim() === '' || typeof content !== 'string') return shapeError();
  return { user, content };
}

const shapeError = () => ({
  error: 'Invalid message: expected {"user": string (not empty), "content": string}',
});

/**
 * @param {WebSocket} ws
 * @param {string} error
 */
function sendChatError(ws, error) {
  ws.send(JSON.stringify({ type: 'error', error, ts: new Date().toISOString() }));
}

/** The longest `sleep` the /rpc endpoint accepts. */
const MAX_RPC_SLEEP_MS = 10_000;

/**
 * JSON-RPC 2.0: each request is answered when its method is done (`sleep` later than the others), so
 * replies follow completion order, not request order.
 * @param {WebSocket} ws
 */
function answerRpc(ws) {
  ws.on('message', (data, isBinary) => {
    if (isBinary) return sendRpc(ws, rpcError(null, -32700, 'Parse error: send JSON text, not binary'));
    /** @type {unknown} */
    let value;
    try {
      value = JSON.parse(data.toString());
    } catch (error) {
      return sendRpc(
        ws,
        rpcError(null, -32700, `Parse error: ${error instanceof Error ? error.message : error}`),
      );
    }
    if (!Array.isArray(value)) {
      void runRpc(value).then((reply) => reply && sendRpc(ws, reply));
      return;
    }
    if (value.length === 0) return sendRpc(ws, rpcError(null, -32600, 'Invalid Request: empty batch'));
    void Promise.all(value.map(runRpc)).then((replies) => {
      const answered = replies.filter((reply) => reply !== null);
      if (answered.length > 0) sendRpc(ws, answered);
    });
  });
}

/**
 * One request's reply, or null for a notification.
 * @param {unknown} request
 * @returns {Promise<Record<string, unknown> | null>}
 */
async function runRpc(request) {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return rpcError(null, -32600, 'Invalid Request: expected an object');
  const { jsonrpc, id, method, params } = /** @type {Record<string, unknown>} */ (request);
  const validId = id === undefined || id === null || typeof id === 'string' || typeof id === 'number';
  if (jsonrpc !== '2.0' || typeof method !== 'string' || !validId)
    return rpcError(
      validId ? (id ?? null) : null,
      -32600,
      'Invalid Request: needs "jsonrpc": "2.0", a string "method" and a string or number "id"',
    );
  const outcome = await callRpcMethod(method, params);
  if (id === undefined) return null;
  return 'error' in outcome
    ? rpcError(id, outcome.error.code, outcome.error.message)
    : { jsonrpc: '2.0', id, result: outcome.result };
}

/**
 * @param {string} method
 * @param {unknown} params
 * @returns {Promise<{ result: unknown } | { error: { code: number, message: string } }>}
 */
async function callRpcMethod(method, params) {
  const invalid = (/** @type {string} */ message) => ({
    error: { code: -32602, message: `Invalid params: ${message}` },
  });
  switch (method) {
    case 'echo':
      return { result: params ?? null };
    case 'time':
      return { result: new Date().toISOString() };
    case 'add': {
      const [a, b] = Array.isArray(params)
        ? params
        : typeof params === 'object' && params !== null
          ? [
              /** @type {Record<string, unknown>} */ (params).a,
              /** @type {Record<string, unknown>} */ (params).b,
            ]
          : [];
      if (typeof a !== 'number' || typeof b !== 'number')
        return invalid('add takes [a, b] or {"a", "b"}, both numbers');
      return { result: a + b };
    }
    case 'sleep': {
      const ms = Array.isArray(params)
        ? params[0]
        : typeof params === 'object' && params !== null
          ? /** @type {Record<string, unknown>} */ (params).ms
          : undefined;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_RPC_SLEEP_MS)
        return invalid(`sleep takes {"ms"} or [ms], an integer from 0 to ${MAX_RPC_SLEEP_MS}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { result: { slept: ms } };
    }
    default:
      return { error: { code: -32601, message: `Method not found: ${method}` } };
  }
}

/**
 * @param {unknown} id
 * @param {number} code
 * @param {string} message
 */
function rpcError(id, code, message) {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/**
 * @param {WebSocket} ws
 * @param {unknown} reply
 */
function sendRpc(ws, reply) {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
}

/**
 * @param {Connection} connection
 * @param {{ onStamp?: (seq: number, sentAt: number) => void }} hooks
 */
function handleStream({ ws, params }, hooks) {
  const rate = params.int('rate');
  const size = params.int('size');
  const stamp = params.int('stamp') === 1;
  const records = params.int('records') === 1 ? recordsOfSize(size) : null;
  startPacedSender(ws, {
    total: params.int('count'),
    intervalMs: rate === 0 ? 0 : 1000 / rate,
    nextMessage: (seq) => {
      if (!stamp) return streamMessage(seq, size, null, records);
      // The same clock a browser page reads as performance.timeOrigin + performance.now().
      const sentAt = performance.timeOrigin + performance.now();
      hooks.onStamp?.(seq, sentAt);
      return streamMessage(seq, size, sentAt, records);
    },
  });
}

/**
 * A JSON text message of exactly `size` bytes (ASCII only), or the bare object when that is already longer;
 * with `records`, that array (built once per connection) instead of the padding string.
 * @param {number} seq
 * @param {number} size
 * @param {number | null} sentAt
 * @param {string | null} records
 */
function streamMessage(seq, size, sentAt, records) {
  const stamp = sentAt === null ? '' : `"sentAt":${sentAt},`;
  const head = `{"seq":${seq},"ts":"${new Date().toISOString()}",${stamp}`;
  if (records !== null) return `${head}"records":${records}}`;
  const tail = '"}';
  return head + '"pad":"' + 'x'.repeat(Math.max(0, size - head.length - 7 - tail.length)) + tail;
}

/**
 * A JSON array of small records, about `size` bytes long: structured JSON, as a large real payload would be.
 * @param {number} size
 */
function recordsOfSize(size) {
  const parts = [];
  let length = 2;
  for (let id = 1; length < size - 80 || id === 1; id++) {
    const record = JSON.stringify({ id, name: `item ${id}`, tags: ['alpha', 'beta'], value: id * 1.5 });
    parts.push(record);
    length += record.length + 1;
  }
  return `[${parts.join(',')}]`;
}

/** @type {{ name: string, fill: (size: number) => Buffer }[]} */
const BINARY_PATTERNS = [
  { name: 'ramp', fill: (size) => Buffer.from(Array.from({ length: size }, (_, index) => index % 256)) },
  { name: 'random', fill: (size) => randomBytes(size) },
  { name: 'deadbeef', fill: (size) => repeatToSize(Buffer.from([0xde, 0xad, 0xbe, 0xef]), size) },
  { name: 'utf8', fill: (size) => repeatToSize(Buffer.from('Frameline ✓ 🚀 ', 'utf8'), size) },
];

/**
 * @param {Buffer} unit
 * @param {number} size
 */
function repeatToSize(unit, size) {
  const buffer = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += unit.length) unit.copy(buffer, offset);
  return buffer;
}

/** @param {Connection} connection */
function handleBinary({ ws, params }) {
  const size = params.int('size');
  echoFrames(ws);
  startPacedSender(ws, {
    total: params.int('count'),
    intervalMs: params.int('interval'),
    nextMessage: (seq) =>
      BINARY_PATTERNS[(seq - 1) % BINARY_PATTERNS.length]?.fill(size) ?? Buffer.alloc(size),
  });
}

/** @param {Connection} connection */
function handleClose({ ws, params }) {
  const code = params.int('code');
  if (!isSendableCloseCode(code)) {
    return ws.close(POLICY_VIOLATION, 'Invalid "code": a server may send 1000-1003, 1007-1014 or 3000-4999');
  }
  afterDelay(ws, params.int('after'), () => ws.close(code, params.str('reason')));
}

/**
 * 1004-1006 and 1015 are reserved for reporting, never for sending (RFC 6455 7.4.1).
 * @param {number} code
 */
function isSendableCloseCode(code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** @param {Connection} connection */
function handleDrop({ ws, params, socket }) {
  // Wait until the 101 response has left the socket, or the client never sees the connection open.
  const drop = () => socket.write(Buffer.alloc(0), () => ws.terminate());
  afterDelay(ws, params.int('after'), drop);
}

// ---------------------------------------------------------------------------------------------------------
// Sending with pacing and backpressure

/**
 * Sends `nextMessage(seq)` for seq = 1, 2, … until `total` are sent (0 = until the socket closes), one every
 * `intervalMs` (0 = as fast as the client reads). Output queued in memory stays around HIGH_WATER_BYTES.
 * @param {WebSocket} ws
 * @param {{ total: number, intervalMs: number, nextMessage: (seq: number) => string | Buffer }} options
 */
function startPacedSender(ws, { total, intervalMs, nextMessage }) {
  const limit = total === 0 ? Infinity : total;
  const startedAt = performance.now();
  let sent = 0;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {NodeJS.Immediate | undefined} */
  let immediate;

  // The first message goes out at once; message n is due (n - 1) * intervalMs later.
  const dueCount = () =>
    intervalMs === 0 ? limit : Math.min(limit, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
  const isBackpressured = () => ws.bufferedAmount >= HIGH_WATER_BYTES;

  const pump = () => {
    timer = undefined;
    immediate = undefined;
    if (ws.readyState !== WebSocket.OPEN) return;
    const due = dueCount();
    for (let batch = 0; sent < due && batch < MAX_BATCH && !isBackpressured(); batch++) {
      sent += 1;
      ws.send(nextMessage(sent));
    }
    if (sent >= limit) return;
    if (isBackpressured()) return whenDrained(ws, pump);
    if (sent < due) {
      immediate = setImmediate(pump);
      return;
    }
    const nextDueAt = startedAt + sent * intervalMs;
    timer = setTimeout(pump, Math.max(MIN_TICK_MS, nextDueAt - performance.now()));
  };

  ws.once('close', () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  });
  pump();
}

/**
 * Calls `then` once the socket's queued output falls below LOW_WATER_BYTES; gives up if the socket closes.
 * @param {WebSocket} ws
 * @param {() => void} then
 */
function whenDrained(ws, then) {
  const check = () => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount < LOW_WATER_BYTES) then();
    else setTimeout(check, DRAIN_POLL_MS);
  };
  setTimeout(check, DRAIN_POLL_MS);
}

/**
 * Runs `action` after `ms` (at once for 0), unless the socket closes first.
 * @param {WebSocket} ws
 * @param {number} ms
 * @param {() => void} action
 */
function afterDelay(ws, ms, action) {
  if (ms === 0) return action();
  const timer = setTimeout(action, ms);
  ws.once('close', () => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------------
/**
 * Leaves an upgrade request unanswered (the client waits in "connecting"), then drops the TCP connection.
 * @param {import('node:stream').Duplex} socket
 * @param {Endpoint} endpoint
 * @param {URL} url
 */
function stallUpgrade(socket, endpoint, url) {
  const parsed = readParams(endpoint.params, url.searchParams);
  if (!parsed.ok) return rejectUpgrade(socket, 400, parsed.error);
  const timer = setTimeout(() => socket.destroy(), parsed.params.int('for'));
  socket.once('close', () => clearTimeout(timer));
}

// Query parameters

/**
 * Reads an endpoint's query parameters, applying defaults and limits. Unknown parameters are ignored.
 * @param {readonly EndpointParam[]} specs
 * @param {URLSearchParams} query
 * @returns {{ ok: true, params: ParamValues } | { ok: false, error: string }}
 */
function readParams(specs, query) {
  /** @type {Map<string, number | string>} */
  const values = new Map();
  for (const spec of specs) {
    const raw = query.get(spec.name);
    const result = spec.type === 'integer' ? readInteger(spec, raw) : readString(spec, raw);
    if ('error' in result) return { ok: false, error: `Invalid "${spec.name}": ${result.error}` };
    values.set(spec.name, result.value);
  }
  return { ok: true, params: paramValues(values) };
}

/**
 * @param {IntegerParam} spec
 * @param {string | null} raw
 * @returns {{ value: number } | { error: string }}
 */
function readInteger(spec, raw) {
  if (raw === null || raw === '') return { value: spec.default };
  const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < spec.min || value > spec.max) {
    return { error: `expected an integer from ${spec.min} to ${spec.max}` };
  }
  return { value };
}

/**
 * @param {StringParam} spec
 * @param {string | null} raw
 * @returns {{ value: string } | { error: string }}
 */
function readString(spec, raw) {
  if (raw === null) return { value: spec.default };
  if (Buffer.byteLength(raw, 'utf8') > spec.maxBytes)
    return { error: `at most ${spec.maxBytes} UTF-8 bytes` };
  return { value: raw };
}

/**
 * @param {Map<string, number | string>} values
 * @returns {ParamValues}
 */
function paramValues(values) {
  return {
    int(name) {
      const value = values.get(name);
      if (typeof value !== 'number') throw new Error(`No integer parameter "${name}"`);
      return value;
    },
    str(name) {
      const value = values.get(name);
      if (typeof value !== 'string') throw new Error(`No string parameter "${name}"`);
      return value;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// HTTP, listening and shutdown

/**
 * Serves the catalogue at `/` and `/catalogue` and the sample collection at `/collection`, and hands Socket.IO
 * its long-polling requests; a plain GET to a WebSocket endpoint gets 426, the rest 404.
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 * @param {{ wsUrl: string, handlers: Map<string, EndpointHandler>,
 *   routes: Map<string, import('./protocols.mjs').ProtocolRoute> }} context
 */
function answerHttp(request, response, { wsUrl, handlers, routes }) {
  const { pathname } = requestUrl(request.url);
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  const route = routes.get(pathname);
  if (route?.request) return route.request(request, response);
  if (isRead && (pathname === '/' || pathname === '/catalogue')) return sendCatalogue(response, wsUrl);
  if (isRead && pathname === COLLECTION_PATH) return sendJson(response, sampleCollection(wsUrl));
  if (isRead && (handlers.has(pathname) || route)) {
    return sendText(response, 426, `Connect with a WebSocket client: ${wsUrl}${pathname}`);
  }
  sendText(response, 404, 'Not found');
}

/** @param {string | undefined} url */
function requestUrl(url) {
  return new URL(url ?? '/', 'http://localhost');
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {string} wsUrl
 */
function sendCatalogue(response, wsUrl) {
  sendJson(response, {
    name: 'Frameline test server',
    wsUrl,
    endpoints: ENDPOINTS,
    protocols: KNOWN_PROTOCOLS,
  });
}

/** Where the sample collection is served: a Frameline collection file to try "Import from URL" with. */
export const COLLECTION_PATH = '/collection';

/**
 * The endpoints as a Frameline collection file (format version 3), each with a template or two, the protocol
 * lens of the endpoints that speak one, and a collection variable the chat templates use.
 * @param {string} wsUrl
 */
export function sampleCollection(wsUrl) {
  /** @type {Record<string, string>} the app would not guess /rpc's protocol; the others name it themselves */
  const SAMPLE_LENSES = {
    '/rpc': 'json-rpc',
    '/socket.io/': 'socket.io',
    '/graphql': 'graphql-ws',
    '/mqtt': 'mqtt',
    '/stomp': 'stomp',
  };
  const automation = {
    sendOnOpen: [],
    heartbeat: null,
    reconnect: { enabled: false, initialDelayMs: 1000, maxDelayMs: 30000, maxAttempts: 10 },
    connectTimeoutMs: null,
  };
  /** @type {Record<string, { id: string, name: string, format: string, body: string, encoding?: string }[]>} */
  const templates = {
    '/echo': [
      { id: 'hello', name: 'Hello', format: 'text', body: 'hello from the sample collection' },
      { id: 'bytes', name: 'Four bytes', format: 'binary', encoding: 'hex', body: 'de ad be ef' },
    ],
    '/chat': [{ id: 'say', name: 'Say hi', format: 'json', body: '{"user":"{{user}}","content":"hi"}' }],
    '/rpc': [
      {
        id: 'add',
        name: 'Add',
        format: 'json',
        body: '{"jsonrpc":"2.0","id":{{$counter}},"method":"add","params":[2,3]}',
      },
      {
        id: 'sleep',
        name: 'Sleep 500 ms',
        format: 'json',
        body: '{"jsonrpc":"2.0","id":{{$counter}},"method":"sleep","params":{"ms":500}}',
      },
    ],
    // Raw protocol frames, for trying each protocol by hand (the app's lens composers write them too): see
    // ./README.md for what comes back.
    '/socket.io/': [
      { id: 'join', name: 'Join "/"', format: 'text', body: '40' },
      { id: 'echo', name: 'Echo with ack', format: 'text', body: '421["echo","hi"]' },
      { id: 'pong', name: 'Pong', format: 'text', body: '3' },
    ],
    '/graphql': [
      { id: 'init', name: 'connection_init', format: 'json', body: '{"type":"connection_init"}' },
      {
        id: 'countdown',
        name: 'Subscribe: countdown',
        format: 'json',
        body: '{"id":"{{$counter}}","type":"subscribe","payload":{"query":"subscription { countdown(from: 5) }"}}',
      },
    ],
    '/mqtt': [
      { id: 'connect', name: 'CONNECT', format: 'binary', encoding: 'hex', body: MQTT_CONNECT_HEX },
      {
        id: 'subscribe',
        name: 'SUBSCRIBE frameline/test',
        format: 'binary',
        encoding: 'hex',
        body: '82 13 00 01 00 0e 66 72 61 6d 65 6c 69 6e 65 2f 74 65 73 74 00',
      },
      {
        id: 'publish',
        name: 'PUBLISH "hello"',
        format: 'binary',
        encoding: 'hex',
        body: '30 15 00 0e 66 72 61 6d 65 6c 69 6e 65 2f 74 65 73 74 68 65 6c 6c 6f',
      },
    ],
    '/stomp': [
      {
        id: 'connect',
        name: 'CONNECT',
        format: 'text',
        body: 'CONNECT\naccept-version:1.2\nhost:localhost\n\n\0',
      },
      {
        id: 'subscribe',
        name: 'SUBSCRIBE /topic/demo',
        format: 'text',
        body: 'SUBSCRIBE\nid:0\ndestination:/topic/demo\n\n\0',
      },
      {
        id: 'send',
        name: 'SEND to /topic/demo',
        format: 'text',
        body: 'SEND\ndestination:/topic/demo\nreceipt:1\n\nhello\0',
      },
    ],
  };
  return {
    format: 'frameline-collection',
    version: 3,
    exportedAt: new Date(0).toISOString(),
    collections: [
      {
        id: 'frameline-test-server',
        name: 'Frameline test server',
        variables: [{ name: 'user', value: 'ada', secret: false }],
        items: ENDPOINTS.map((endpoint) => ({
          type: 'connection',
          id: `test-server${endpoint.path.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}`,
          name: endpoint.path,
          url: `${wsUrl}${endpoint.example}`,
          protocols: [...(endpoint.protocols ?? [])],
          templates: templates[endpoint.path] ?? [],
          automation,
          scenarios: [],
          ...(SAMPLE_LENSES[endpoint.path] ? { lens: SAMPLE_LENSES[endpoint.path] } : {}),
        })),
      },
    ],
    connections: [],
    environments: [],
  };
}

/**
 * Answers with JSON any page may read (CORS), as the app is served from another port.
 * @param {import('node:http').ServerResponse} response
 * @param {unknown} value
 */
function sendJson(response, value) {
  const body = JSON.stringify(value, null, 2);
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {string} text
 */
function sendText(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}

/**
 * Answers an upgrade request with a plain HTTP error instead of switching protocols.
 * @param {import('node:stream').Duplex} socket
 * @param {number} status
 * @param {string} text
 */
function rejectUpgrade(socket, status, text) {
  const body = `${text}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<void>}
 */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * @param {import('node:http').Server} server
 * @param {string} host
 */
function describeAddress(server, host) {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return { port, host, httpUrl: `http://${hostInUrl}:${port}`, wsUrl: `ws://${hostInUrl}:${port}` };
}

/**
 * Sends 1001 to every client (those of the GraphQL, MQTT and STOMP endpoints too), waits up to
 * `shutdownGraceMs` for their close frames, terminates the rest, then closes the protocol servers (Socket.IO
 * disconnects its own clients then) and the HTTP server. Destroying every remaining socket is what guarantees it
 * never hangs.
 * @param {{ httpServer: import('node:http').Server, wss: WebSocketServer,
 *   protocols: import('./protocols.mjs').ProtocolServers, sockets: Set<import('node:net').Socket>,
 *   shutdownGraceMs: number }} parts
 */
async function shutDown({ httpServer, wss, protocols, sockets, shutdownGraceMs }) {
  const serverClosed = new Promise((resolve) => httpServer.close(resolve));
  const clients = [wss, ...protocols.webSocketServers].flatMap((server) => [...server.clients]);
  const allClosed = Promise.all(clients.map(closedPromise));
  for (const client of clients) client.close(SHUTDOWN_CODE, SHUTDOWN_REASON);
  /** @type {NodeJS.Timeout | undefined} */
  let graceTimer;
  await Promise.race([
    allClosed,
    new Promise((resolve) => (graceTimer = setTimeout(resolve, shutdownGraceMs))),
  ]);
  clearTimeout(graceTimer);
  for (const client of clients) client.terminate();
  wss.close();
  await protocols.close();
  for (const socket of sockets) socket.destroy();
  await serverClosed;
}

/**
 * @param {WebSocket} ws
 * @returns {Promise<void>}
 */
function closedPromise(ws) {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => ws.once('close', () => resolve()));
}
