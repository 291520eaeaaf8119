import { err, ok, type Result } from '../../shared/result';

/**
 * Pure reading and writing of Engine.IO 4 packets (one per WebSocket frame) and of the Socket.IO 5 packets
 * they carry, as the default socket.io-parser writes them:
 * `<type>[<attachments>-][<namespace>,][<ack id>][JSON payload]`.
 */

/** Engine.IO packet types, indexed by their wire digit. */
export const ENGINE_PACKET_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

export type EnginePacketType = (typeof ENGINE_PACKET_TYPES)[number];

/** One Engine.IO text packet: its type and whatever follows the type digit. */
export interface EnginePacket {
  type: EnginePacketType;
  data: string;
}

/** Reads an Engine.IO packet from a text frame. */
export function parseEnginePacket(text: string): Result<EnginePacket, string> {
  if (text === '') return err('Empty frame: an Engine.IO packet starts with its type digit 0–6');
  const type = ENGINE_PACKET_TYPES[digitAt(text, 0)];
  if (type === undefined) {
    return err(`Unknown Engine.IO packet type ${JSON.stringify(text.charAt(0))}: expected a digit 0–6`);
  }
  return ok({ type, data: text.slice(1) });
}

/** Writes an Engine.IO packet as its type digit followed by its data. */
export function encodeEnginePacket(packet: EnginePacket): string {
  return String(ENGINE_PACKET_TYPES.indexOf(packet.type)) + packet.data;
}

/** Socket.IO packet types, indexed by their wire digit. */
export const SOCKET_PACKET_TYPES = [
  'CONNECT',
  'DISCONNECT',
  'EVENT',
  'ACK',
  'CONNECT_ERROR',
  'BINARY_EVENT',
  'BINARY_ACK',
] as const;

export type SocketPacketType = (typeof SOCKET_PACKET_TYPES)[number];

/** Everything in a Socket.IO packet before its JSON payload: cheap to read, so the machine reads only this. */
export interface SocketPacketHeader {
  type: SocketPacketType;
  /** Binary frames that follow (BINARY_EVENT, BINARY_ACK); 0 for the other types. */
  attachments: number;
  namespace: string;
  ackId?: number;
  /** Where the JSON payload starts in the packet text; equal to its length when there is none. */
  payloadStart: number;
}

/** A Socket.IO packet, its payload parsed and checked against what its type allows. */
export interface SocketPacket extends SocketPacketHeader {
  payload?: unknown;
  /** The payload as sent. */
  payloadText?: string;
}

/** The Socket.IO packet to write; a payload must be JSON-serialisable. */
export interface SocketPacketToEncode {
  type: SocketPacketType;
  namespace: string;
  ackId?: number;
  attachments?: number;
  payload?: unknown;
}

/** The main namespace, which the wire format leaves out. */
export const MAIN_NAMESPACE = '/';

/**
 * Event names socket.io keeps for itself: its parser refuses an EVENT named one of these (and the server drops
 * the connection), so the lens neither sends nor accepts them.
 */
export const RESERVED_EVENTS: readonly string[] = [
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
];

/** Reads the parts of a Socket.IO packet that precede the payload, without touching the JSON. */
export function parseSocketHeader(text: string): Result<SocketPacketHeader, string> {
  if (text === '') return err('Empty Socket.IO packet: expected a packet type digit 0–6');
  const type = SOCKET_PACKET_TYPES[digitAt(text, 0)];
  if (type === undefined) {
    return err(`Unknown Socket.IO packet type ${JSON.stringify(text.charAt(0))}: expected a digit 0–6`);
  }
  let at = 1;
  let attachments = 0;
  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const end = digitsEnd(text, at);
    if (end === at || text.charAt(end) !== '-') {
      return err(`${type} without its attachment count: expected digits and "-" after the type digit`);
    }
    attachments = Number(text.slice(at, end));
    if (!Number.isSafeInteger(attachments))
      return err(`${type}: attachment count ${text.slice(at, end)} too large`);
    at = end + 1;
  }
  let namespace = MAIN_NAMESPACE;
  if (text.charAt(at) === '/') {
    // socket.io-parser ends a namespace at the first comma (namespaces have no escape) or at the packet's end.
    const comma = text.indexOf(',', at);
    const end = comma < 0 ? text.length : comma;
    namespace = text.slice(at, end);
    at = comma < 0 ? end : end + 1;
  }
  const idEnd = digitsEnd(text, at);
  const header: SocketPacketHeader = { type, attachments, namespace, payloadStart: idEnd };
  if (idEnd > at) {
    const ackId = Number(text.slice(at, idEnd));
    if (!Number.isSafeInteger(ackId)) return err(`${type}: ack id ${text.slice(at, idEnd)} too large`);
    header.ackId = ackId;
  }
  return ok(header);
}

/** Reads a whole Socket.IO packet (what follows the Engine.IO `4`), refusing payloads its type forbids. */
export function parseSocketPacket(text: string): Result<SocketPacket, string> {
  const header = parseSocketHeader(text);
  if (!header.ok) return header;
  const packet: SocketPacket = { ...header.value };
  const payloadText = text.slice(packet.payloadStart);
  if (payloadText !== '') {
    const parsed = parseJson(payloadText);
    if (!parsed.ok) return err(`${packet.type} payload is not JSON: ${parsed.error}`);
    packet.payload = parsed.value;
    packet.payloadText = payloadText;
  }
  const invalid = payloadProblem(packet);
  return invalid === null ? ok(packet) : err(invalid);
}

/** Writes a Socket.IO packet; the main namespace and an absent payload are left out, as the parser does. */
export function encodeSocketPacket(packet: SocketPacketToEncode): string {
  const type = String(SOCKET_PACKET_TYPES.indexOf(packet.type));
  const binary = packet.type === 'BINARY_EVENT' || packet.type === 'BINARY_ACK';
  const attachments = binary ? `${packet.attachments ?? 0}-` : '';
  const namespace = packet.namespace === MAIN_NAMESPACE ? '' : `${packet.namespace},`;
  const ackId = packet.ackId === undefined ? '' : String(packet.ackId);
  const payload = packet.payload === undefined ? '' : (JSON.stringify(packet.payload) ?? '');
  return type + attachments + namespace + ackId + payload;
}

/** Whether a value is socket.io-parser's stand-in for a binary attachment, `{"_placeholder":true,"num":N}`. */
export function placeholderNum(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  return record._placeholder === true && typeof record.num === 'number' ? record.num : null;
}

/** JSON.parse as a Result. */
export function parseJson(text: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

// The rules socket.io-parser applies before it hands a packet on; a packet failing them closes the connection.
function payloadProblem(packet: SocketPacket): string | null {
  const { payload } = packet;
  switch (packet.type) {
    case 'CONNECT':
      return payload === undefined || isPlainObject(payload) ? null : 'CONNECT payload must be a JSON object';
    case 'DISCONNECT':
      return payload === undefined ? null : 'DISCONNECT carries no payload';
    case 'CONNECT_ERROR':
      return typeof payload === 'string' || isPlainObject(payload)
        ? null
        : 'CONNECT_ERROR payload must be an error object or message';
    case 'EVENT':
    case 'BINARY_EVENT': {
      if (!Array.isArray(payload) || payload.length === 0) {
        return `${packet.type} payload must be a non-empty array: [name, ...args]`;
      }
      const name: unknown = payload[0];
      if (typeof name !== 'string' && typeof name !== 'number') {
        return `${packet.type} name must be a string, got ${JSON.stringify(name)}`;
      }
      if (typeof name === 'string' && RESERVED_EVENTS.includes(name)) {
        return `${packet.type} name "${name}" is reserved by Socket.IO`;
      }
      return null;
    }
    case 'ACK':
    case 'BINARY_ACK':
      if (packet.ackId === undefined) return `${packet.type} without its ack id`;
      return Array.isArray(payload) ? null : `${packet.type} payload must be an array of arguments`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

function digitsEnd(text: string, from: number): number {
  let at = from;
  while (digitAt(text, at) >= 0) at++;
  return at;
}
