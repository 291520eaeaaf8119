// @ts-check
/**
 * A small STOMP 1.0/1.1/1.2 broker, written here because no maintained npm package is usable as one (see
 * ./README.md): frames, version and heart-beat negotiation, SUBSCRIBE/UNSUBSCRIBE/SEND/ACK/NACK,
 * BEGIN/COMMIT/ABORT, DISCONNECT, RECEIPT and ERROR. Destinations are topics held in memory: a SEND reaches
 * every subscription to that destination at that moment, and nothing is stored or redelivered.
 * It knows nothing of WebSocket: each session gets a transport with `send` and `close`.
 */
import { randomUUID } from 'node:crypto';

/**
 * @typedef {'1.0' | '1.1' | '1.2'} StompVersion
 * @typedef {'auto' | 'client' | 'client-individual'} AckMode
 * @typedef {{ command: string, headers: Map<string, string>, body: Buffer }} Frame
 * @typedef {{ send: (bytes: Buffer) => void, close: () => void }} StompTransport
 * @typedef {{ id: string, destination: string, ack: AckMode, session: Session }} Subscription
 * @typedef {{ receive: (chunk: Buffer | string) => void, close: () => void }} StompSession
 * @typedef {{ heartBeat?: [number, number], maxFrameBytes?: number, serverName?: string }} StompBrokerOptions
 * @typedef {{ connect: (transport: StompTransport) => StompSession, close: () => void }} StompBroker
 * @typedef {{ id: string, transport: StompTransport, version: StompVersion | null, closed: boolean,
 *   buffer: Buffer, subscriptions: Map<string, Subscription>,
 *   unacked: Map<string, { subscription: Subscription, messageId: string }>,
 *   transactions: Map<string, Frame[]>, lastReceivedAt: number, sentSinceBeat: boolean,
 *   timers: NodeJS.Timeout[] }} Session
 */

/** Newest first: the version a client gets is the newest it accepts. */
export const STOMP_VERSIONS = /** @type {const} */ (['1.2', '1.1', '1.0']);
/** The WebSocket subprotocol names of those versions (STOMP over WebSocket). */
export const STOMP_SUBPROTOCOLS = ['v12.stomp', 'v11.stomp', 'v10.stomp'];

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const ACK_MODES = ['auto', 'client', 'client-individual'];
/** Headers of a SEND that the broker sets itself on MESSAGE, or that only mean something on the SEND. */
const RESERVED_ON_MESSAGE = new Set([
  'destination',
  'message-id',
  'subscription',
  'ack',
  'receipt',
  'transaction',
  'content-length',
]);
/** A peer that misses its heart-beats for this many intervals is taken to be gone. */
const HEART_BEAT_TOLERANCE = 2;

/**
 * @param {StompBrokerOptions} [options] `heartBeat`: [the smallest interval the server sends at, the interval
 *   it would like to receive at], in ms, 0 for never (default 10 s each way)
 * @returns {StompBroker}
 */
export function createStompBroker({
  heartBeat = [10_000, 10_000],
  maxFrameBytes = 16 * 1024 * 1024,
  serverName = 'Frameline-test-server',
} = {}) {
  /** @type {Map<string, Set<Subscription>>} */
  const destinations = new Map();
  /** @type {Set<Session>} */
  const sessions = new Set();
  let lastMessageId = 0;

  /**
   * @param {Session} session
   * @param {string} command
   * @param {[string, string][]} headers
   * @param {Buffer} [body]
   */
  const sendFrame = (session, command, headers, body = Buffer.alloc(0)) => {
    if (session.closed) return;
    session.sentSinceBeat = true;
    session.transport.send(
      encodeFrame(command, headers, body, command === 'CONNECTED' ? null : session.version),
    );
  };

  /** @param {Session} session */
  const endSession = (session) => {
    if (session.closed) return;
    session.closed = true;
    sessions.delete(session);
    for (const timer of session.timers) clearInterval(timer);
    for (const subscription of session.subscriptions.values()) unsubscribe(subscription);
    session.subscriptions.clear();
    session.unacked.clear();
    session.transactions.clear();
  };

  /**
   * Sends ERROR and closes the connection, as the spec requires after an ERROR.
   * @param {Session} session
   * @param {string} message
   * @param {{ receipt?: string, detail?: string, extra?: [string, string][] }} [more]
   */
  const fail = (session, message, { receipt, detail = message, extra = [] } = {}) => {
    const body = Buffer.from(detail, 'utf8');
    /** @type {[string, string][]} */
    const headers = [['message', message], ...extra, ['content-type', 'text/plain;charset=utf-8']];
    if (receipt !== undefined) headers.push(['receipt-id', receipt]);
    headers.push(['content-length', String(body.length)]);
    sendFrame(session, 'ERROR', headers, body);
    const { transport } = session;
    endSession(session);
    transport.close();
  };

  /** @param {Subscription} subscription */
  const unsubscribe = (subscription) => {
    const subscribers = destinations.get(subscription.destination);
    subscribers?.delete(subscription);
    if (subscribers?.size === 0) destinations.delete(subscription.destination);
  };

  /**
   * Delivers a SEND to every current subscription of its destination, the sender's own included.
   * @param {Frame} send
   */
  const deliver = (send) => {
    const destination = send.headers.get('destination') ?? '';
    lastMessageId += 1;
    const messageId = `m-${lastMessageId}`;
    /** @type {[string, string][]} */
    const passedOn = [...send.headers].filter(([name]) => !RESERVED_ON_MESSAGE.has(name));
    for (const subscription of destinations.get(destination) ?? []) {
      const { session } = subscription;
      /** @type {[string, string][]} */
      const headers = [
        ['destination', destination],
        ['message-id', messageId],
        ['subscription', subscription.id],
      ];
      if (subscription.ack !== 'auto') {
        const ackId = `${messageId}/${subscription.id}`;
        session.unacked.set(ackId, { subscription, messageId });
        if (session.version === '1.2') headers.push(['ack', ackId]);
      }
      headers.push(...passedOn, ['content-length', String(send.body.length)]);
      sendFrame(session, 'MESSAGE', headers, send.body);
    }
  };

  /**
   * Connects the client: picks the newest common version and the heart-beat intervals.
   * @param {Session} session
   * @param {Frame} frame
   */
  const handleConnect = (session, frame) => {
    if (session.version !== null) return fail(session, 'Already connected');
    const accepted = (frame.headers.get('accept-version') ?? '1.0').split(',').map((v) => v.trim());
    const version = STOMP_VERSIONS.find((candidate) => accepted.includes(candidate));
    if (!version) {
      return fail(session, 'Supported protocol versions are 1.0, 1.1 and 1.2', {
        extra: [['version', [...STOMP_VERSIONS].reverse().join(',')]],
      });
    }
    session.version = version;
    /** @type {[string, string][]} */
    const headers = [
      ['version', version],
      ['session', session.id],
      ['server', serverName],
    ];
    if (version !== '1.0') {
      const asked = parseHeartBeat(frame.headers.get('heart-beat') ?? '0,0');
      if (!asked) return fail(session, 'Invalid heart-beat header: expected "cx,cy", two integers (ms)');
      headers.push(['heart-beat', heartBeat.join(',')]);
      startHeartBeats(session, asked);
    }
    sendFrame(session, 'CONNECTED', headers);
  };

  /**
   * Negotiation, per the spec: each direction uses the larger of what the sender can do and what the receiver
   * wants, and is off when either side says 0.
   * @param {Session} session
   * @param {[number, number]} client [cx: the client can send every cx ms, cy: it wants to receive every cy ms]
   */
  const startHeartBeats = (session, [cx, cy]) => {
    const [sx, sy] = heartBeat;
    const outgoing = sx > 0 && cy > 0 ? Math.max(sx, cy) : 0;
    const incoming = cx > 0 && sy > 0 ? Math.max(cx, sy) : 0;
    if (outgoing > 0) {
      const beat = () => {
        if (!session.sentSinceBeat && !session.closed) session.transport.send(Buffer.from([LF]));
        session.sentSinceBeat = false;
      };
      session.timers.push(setInterval(beat, outgoing));
    }
    if (incoming > 0) {
      const check = () => {
        if (Date.now() - session.lastReceivedAt > incoming * HEART_BEAT_TOLERANCE) {
          fail(session, 'Heart-beat timeout', {
            detail: `Nothing received for ${incoming * HEART_BEAT_TOLERANCE} ms (heart-beat ${incoming} ms)`,
          });
        }
      };
      session.timers.push(setInterval(check, incoming));
    }
  };

  /**
   * Runs one frame, or queues it when it belongs to a transaction.
   * @param {Session} session
   * @param {Frame} frame
   * @param {{ inTransaction?: boolean }} [context]
   */
  const handleFrame = (session, frame, { inTransaction = false } = {}) => {
    const { command, headers } = frame;
    const receipt = headers.get('receipt');
    if (command === 'CONNECT' || command === 'STOMP') return handleConnect(session, frame);
    if (session.version === null) return fail(session, 'Not connected: send CONNECT first', { receipt });

    const transaction = headers.get('transaction');
    if (!inTransaction && transaction !== undefined && ['SEND', 'ACK', 'NACK'].includes(command)) {
      const queued = session.transactions.get(transaction);
      if (!queued) return fail(session, `Unknown transaction "${transaction}"`, { receipt });
      queued.push(frame);
      return sendReceipt(session, receipt);
    }

    switch (command) {
      case 'SEND': {
        if (!headers.get('destination')) return fail(session, 'SEND needs a destination header', { receipt });
        deliver(frame);
        break;
      }
      case 'SUBSCRIBE': {
        const destination = headers.get('destination');
        // STOMP 1.0 made the id optional; the destination then names the subscription.
        const id = headers.get('id') ?? (session.version === '1.0' ? destination : undefined);
        const ack = headers.get('ack') ?? 'auto';
        if (!destination || !id)
          return fail(session, 'SUBSCRIBE needs destination and id headers', { receipt });
        if (!ACK_MODES.includes(ack)) {
          return fail(session, `Invalid ack "${ack}": use auto, client or client-individual`, { receipt });
        }
        if (session.subscriptions.has(id))
          return fail(session, `Subscription id "${id}" is in use`, { receipt });
        /** @type {Subscription} */
        const subscription = { id, destination, ack: /** @type {AckMode} */ (ack), session };
        session.subscriptions.set(id, subscription);
        const subscribers = destinations.get(destination) ?? new Set();
        subscribers.add(subscription);
        destinations.set(destination, subscribers);
        break;
      }
      case 'UNSUBSCRIBE': {
        const id = headers.get('id') ?? (session.version === '1.0' ? headers.get('destination') : undefined);
        if (!id) return fail(session, 'UNSUBSCRIBE needs an id header', { receipt });
        const subscription = session.subscriptions.get(id);
        if (subscription) {
          unsubscribe(subscription);
          session.subscriptions.delete(id);
          for (const [ackId, entry] of session.unacked) {
            if (entry.subscription === subscription) session.unacked.delete(ackId);
          }
        }
        break;
      }
      case 'ACK':
      case 'NACK': {
        const error = settle(session, frame);
        if (error) return fail(session, error, { receipt });
        break;
      }
      case 'BEGIN':
      case 'COMMIT':
      case 'ABORT': {
        if (!transaction) return fail(session, `${command} needs a transaction header`, { receipt });
        const queued = session.transactions.get(transaction);
        if (command === 'BEGIN') {
          if (queued) return fail(session, `Transaction "${transaction}" is already open`, { receipt });
          session.transactions.set(transaction, []);
          break;
        }
        if (!queued) return fail(session, `Unknown transaction "${transaction}"`, { receipt });
        session.transactions.delete(transaction);
        if (command === 'COMMIT') {
          for (const queuedFrame of queued) {
            handleFrame(session, queuedFrame, { inTransaction: true });
            if (session.closed) return;
          }
        }
        break;
      }
      case 'DISCONNECT': {
        sendReceipt(session, receipt);
        const { transport } = session;
        endSession(session);
        transport.close();
        return;
      }
      default:
        return fail(session, `Unknown command "${command}"`, { receipt });
    }
    if (!inTransaction) sendReceipt(session, receipt);
  };

  /**
   * ACK or NACK of a MESSAGE: by its `ack` header in 1.2, by message-id and subscription before. In `client`
   * mode it also settles every earlier message of that subscription. Nothing is redelivered after a NACK.
   * @param {Session} session
   * @param {Frame} frame
   * @returns {string | null} an error, or null
   */
  const settle = (session, { command, headers }) => {
    let ackId = headers.get('id');
    if (session.version !== '1.2') {
      const messageId = headers.get('message-id');
      const subscriptionId = headers.get('subscription');
      ackId = [...session.unacked].find(
        ([, entry]) =>
          entry.messageId === messageId &&
          (subscriptionId === undefined || entry.subscription.id === subscriptionId),
      )?.[0];
      if (!messageId) return `${command} needs a message-id header`;
    }
    if (ackId === undefined) return `${command} needs an id header (the MESSAGE's ack header)`;
    const entry = session.unacked.get(ackId);
    if (!entry) return `${command} of an unknown or already settled message: ${ackId}`;
    if (entry.subscription.ack === 'client') {
      // Map order is delivery order: settle this one and everything before it on the same subscription.
      for (const [id, other] of session.unacked) {
        if (other.subscription === entry.subscription) session.unacked.delete(id);
        if (id === ackId) break;
      }
    } else {
      session.unacked.delete(ackId);
    }
    return null;
  };

  /**
   * @param {Session} session
   * @param {string | undefined} receipt
   */
  const sendReceipt = (session, receipt) => {
    if (receipt !== undefined) sendFrame(session, 'RECEIPT', [['receipt-id', receipt]]);
  };

  /**
   * Reads every complete frame in the session's buffer; the rest waits for more bytes.
   * @param {Session} session
   */
  const drain = (session) => {
    while (!session.closed) {
      const parsed = parseFrame(session.buffer, session.version);
      if (parsed.kind === 'incomplete') {
        if (session.buffer.length > maxFrameBytes) fail(session, `Frame larger than ${maxFrameBytes} bytes`);
        return;
      }
      if (parsed.kind === 'error') return fail(session, parsed.error);
      session.buffer = session.buffer.subarray(parsed.consumed);
      if (parsed.kind === 'frame') handleFrame(session, parsed.frame);
    }
  };

  return {
    connect(transport) {
      /** @type {Session} */
      const session = {
        id: randomUUID(),
        transport,
        version: null,
        closed: false,
        buffer: Buffer.alloc(0),
        subscriptions: new Map(),
        unacked: new Map(),
        transactions: new Map(),
        lastReceivedAt: Date.now(),
        sentSinceBeat: false,
        timers: [],
      };
      sessions.add(session);
      return {
        receive(chunk) {
          if (session.closed) return;
          session.lastReceivedAt = Date.now();
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          session.buffer = session.buffer.length === 0 ? bytes : Buffer.concat([session.buffer, bytes]);
          drain(session);
        },
        close: () => endSession(session),
      };
    },
    close() {
      for (const session of [...sessions]) {
        endSession(session);
        session.transport.close();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Frames

/**
 * One frame from the start of `buffer`: heart-beats (bare EOLs) come back as kind 'beat'.
 * @param {Buffer} buffer
 * @param {StompVersion | null} version null before CONNECTED: CONNECT headers are never escaped
 * @returns {{ kind: 'incomplete' } | { kind: 'error', error: string } | { kind: 'beat', consumed: number }
 *   | { kind: 'frame', frame: Frame, consumed: number }}
 */
export function parseFrame(buffer, version) {
  if (buffer.length === 0) return { kind: 'incomplete' };
  if (buffer[0] === LF) return { kind: 'beat', consumed: 1 };
  if (buffer[0] === CR) {
    if (buffer.length < 2) return { kind: 'incomplete' };
    return buffer[1] === LF ? { kind: 'beat', consumed: 2 } : { kind: 'error', error: 'Stray CR' };
  }
  // The header block ends at the first empty line; the body starts after it.
  let lineStart = 0;
  /** @type {string[]} */
  const lines = [];
  let bodyStart = -1;
  while (bodyStart === -1) {
    const lineEnd = buffer.indexOf(LF, lineStart);
    if (lineEnd === -1) return { kind: 'incomplete' };
    const end = lineEnd > lineStart && buffer[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    const line = buffer.toString('utf8', lineStart, end);
    lineStart = lineEnd + 1;
    if (line === '') bodyStart = lineStart;
    else lines.push(line);
  }
  const [command = '', ...headerLines] = lines;
  const escaping = command === 'CONNECT' || command === 'STOMP' ? null : version;
  /** @type {Map<string, string>} */
  const headers = new Map();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon === -1) return { kind: 'error', error: `Header line without a colon: ${line.slice(0, 80)}` };
    const name = unescapeHeader(line.slice(0, colon), escaping);
    const value = unescapeHeader(line.slice(colon + 1), escaping);
    if (name === null || value === null) return { kind: 'error', error: `Invalid escape in header: ${line}` };
    // A repeated header: the first one counts (STOMP 1.2).
    if (!headers.has(name)) headers.set(name, value);
  }
  const length = headers.get('content-length');
  if (length !== undefined) {
    if (!/^\d+$/.test(length)) return { kind: 'error', error: `Invalid content-length: ${length}` };
    const bodyEnd = bodyStart + Number(length);
    if (buffer.length <= bodyEnd) return { kind: 'incomplete' };
    if (buffer[bodyEnd] !== NUL) return { kind: 'error', error: 'No NUL after content-length bytes of body' };
    return {
      kind: 'frame',
      frame: { command, headers, body: buffer.subarray(bodyStart, bodyEnd) },
      consumed: bodyEnd + 1,
    };
  }
  const nul = buffer.indexOf(NUL, bodyStart);
  if (nul === -1) return { kind: 'incomplete' };
  return {
    kind: 'frame',
    frame: { command, headers, body: buffer.subarray(bodyStart, nul) },
    consumed: nul + 1,
  };
}

/**
 * @param {string} command
 * @param {[string, string][]} headers
 * @param {Buffer} body
 * @param {StompVersion | null} version how to escape header text; null (CONNECTED) or 1.0: not at all
 */
export function encodeFrame(command, headers, body, version) {
  const head = headers
    .map(([name, value]) => `${escapeHeader(name, version)}:${escapeHeader(value, version)}\n`)
    .join('');
  return Buffer.concat([Buffer.from(`${command}\n${head}\n`, 'utf8'), body, Buffer.from([NUL])]);
}

/**
 * @param {string} text
 * @param {StompVersion | null} version
 */
function escapeHeader(text, version) {
  if (version === '1.1' || version === '1.2') {
    const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/:/g, '\\c');
    return version === '1.2' ? escaped.replace(/\r/g, '\\r') : escaped;
  }
  // 1.0 and CONNECTED have no escapes: a line break would end the header.
  return text.replace(/[\r\n]/g, ' ');
}

/**
 * @param {string} text
 * @param {StompVersion | null} version
 * @returns {string | null} null for an escape the version does not define (a fatal error in 1.1+)
 */
function unescapeHeader(text, version) {
  if (version !== '1.1' && version !== '1.2') return text;
  /** @type {Record<string, string>} */
  const escapes =
    version === '1.2' ? { n: '\n', c: ':', '\\': '\\', r: '\r' } : { n: '\n', c: ':', '\\': '\\' };
  let valid = true;
  const result = text.replace(/\\(.?)/g, (_, next) => {
    const replacement = escapes[next];
    if (replacement === undefined) valid = false;
    return replacement ?? '';
  });
  return valid ? result : null;
}

/**
 * @param {string} value
 * @returns {[number, number] | null}
 */
function parseHeartBeat(value) {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length !== 2 || !parts.every((part) => /^\d+$/.test(part))) return null;
  return [Number(parts[0]), Number(parts[1])];
}
