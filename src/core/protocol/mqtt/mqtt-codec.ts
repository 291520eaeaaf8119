import { err, ok, type Result } from '../../shared/result';
import { hasProperties, readProperties, writeProperties, type MqttProperties } from './mqtt-properties';
import {
  ByteReader,
  ByteWriter,
  byteHex,
  MAX_VARIABLE_BYTE_INTEGER,
  readVariableByteInteger,
  variableByteInteger,
} from './mqtt-wire';

export type QoS = 0 | 1 | 2;

/** A will message, published by the server when the connection ends without a DISCONNECT. */
export interface MqttWill {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** MQTT 5 only. */
  properties?: MqttProperties;
}

export interface ConnectPacket {
  type: 'CONNECT';
  /** "MQTT" (3.1.1, 5.0) or "MQIsdp" (3.1). */
  protocolName: string;
  /** 3 = 3.1, 4 = 3.1.1, 5 = 5.0. */
  level: number;
  /** Clean Session in 3.1.1, Clean Start in 5.0: the same bit. */
  cleanStart: boolean;
  keepAlive: number;
  clientId: string;
  will?: MqttWill;
  username?: string;
  password?: Uint8Array;
  properties?: MqttProperties;
}

export interface ConnackPacket {
  type: 'CONNACK';
  sessionPresent: boolean;
  /** The 3.1.1 return code or the 5.0 reason code. */
  code: number;
  properties?: MqttProperties;
}

export interface PublishPacket {
  type: 'PUBLISH';
  topic: string;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  /** Present exactly when QoS > 0. */
  packetId?: number;
  payload: Uint8Array;
  properties?: MqttProperties;
}

/** The acknowledgements of the QoS 1 and QoS 2 flows, which share one layout. */
export interface PublishAckPacket {
  type: 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP';
  packetId: number;
  /** MQTT 5 only (decoding fills in 0 when the packet leaves it out). */
  reasonCode?: number;
  properties?: MqttProperties;
}

export interface MqttSubscription {
  filter: string;
  qos: QoS;
  /** The three options below are MQTT 5 only; 3.1.1 keeps their bits reserved. */
  noLocal: boolean;
  retainAsPublished: boolean;
  /** 0 = send retained messages on subscribe, 1 = only for a new subscription, 2 = never. */
  retainHandling: 0 | 1 | 2;
}

export interface SubscribePacket {
  type: 'SUBSCRIBE';
  packetId: number;
  subscriptions: MqttSubscription[];
  properties?: MqttProperties;
}

export interface SubackPacket {
  type: 'SUBACK';
  packetId: number;
  /** One per filter: 3.1.1 return codes (0, 1, 2, 0x80) or 5.0 reason codes. */
  codes: number[];
  properties?: MqttProperties;
}

export interface UnsubscribePacket {
  type: 'UNSUBSCRIBE';
  packetId: number;
  filters: string[];
  properties?: MqttProperties;
}

export interface UnsubackPacket {
  type: 'UNSUBACK';
  packetId: number;
  /** One per filter in MQTT 5; empty in 3.1.1, whose UNSUBACK carries none. */
  codes: number[];
  properties?: MqttProperties;
}

export interface PingPacket {
  type: 'PINGREQ' | 'PINGRESP';
}

/** DISCONNECT, and AUTH (MQTT 5 only): a reason code and properties, both left out when 0 and empty. */
export interface ReasonPacket {
  type: 'DISCONNECT' | 'AUTH';
  /** MQTT 5 only (decoding fills in 0 when the packet leaves it out). */
  reasonCode?: number;
  properties?: MqttProperties;
}

/** Any MQTT control packet. MQTT 5 packets always carry `properties` (maybe empty) when decoded. */
export type MqttPacket =
  | ConnectPacket
  | ConnackPacket
  | PublishPacket
  | PublishAckPacket
  | SubscribePacket
  | SubackPacket
  | UnsubscribePacket
  | UnsubackPacket
  | PingPacket
  | ReasonPacket;

export type MqttPacketType = MqttPacket['type'];

/** Packet type names by their number in the fixed header (0 is reserved). */
const PACKET_TYPES: readonly (MqttPacketType | null)[] = [
  null,
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
];

const TYPE_NUMBERS: Readonly<Record<MqttPacketType, number>> = {
  CONNECT: 1,
  CONNACK: 2,
  PUBLISH: 3,
  PUBACK: 4,
  PUBREC: 5,
  PUBREL: 6,
  PUBCOMP: 7,
  SUBSCRIBE: 8,
  SUBACK: 9,
  UNSUBSCRIBE: 10,
  UNSUBACK: 11,
  PINGREQ: 12,
  PINGRESP: 13,
  DISCONNECT: 14,
  AUTH: 15,
};

/** The packets whose fixed header flags are the reserved value 0010 rather than 0000. */
const FLAGS_0010: ReadonlySet<MqttPacketType> = new Set(['PUBREL', 'SUBSCRIBE', 'UNSUBSCRIBE']);

/** The protocol name each level announces in CONNECT. */
const PROTOCOL_NAMES: Readonly<Record<number, string>> = { 3: 'MQIsdp', 4: 'MQTT', 5: 'MQTT' };

/** "3.1.1" for level 4, and so on. */
export function versionName(level: number): string {
  return level === 5 ? '5.0' : level === 3 ? '3.1' : level === 4 ? '3.1.1' : `level ${level}`;
}

/** One packet of a frame, with the protocol level it was read at. */
export interface DecodedPacket {
  packet: MqttPacket;
  level: number;
}

/** Every whole packet of a frame up to the first that fails, and why that one failed. */
export interface DecodedPackets {
  packets: DecodedPacket[];
  failure?: string;
}

/**
 * Decodes the control packets of one WebSocket frame, back to back. `level` (4 or 5; 3 reads as 4) is the
 * connection's; a CONNECT sets it for itself and for the packets after it in the same frame.
 */
export function decodePackets(bytes: Uint8Array, level: number): DecodedPackets {
  const packets: DecodedPacket[] = [];
  if (bytes.length === 0) return { packets, failure: 'Empty frame: an MQTT frame holds at least one packet' };
  let current = level;
  let offset = 0;
  while (offset < bytes.length) {
    const prefix = packets.length > 0 ? `Packet ${packets.length + 1} of the frame: ` : '';
    const header = readFixedHeader(bytes, offset, current);
    if (!header.ok) return { packets, failure: prefix + header.reason };
    const start = offset + header.headerLength;
    const present = bytes.length - start;
    if (header.remaining > present) {
      return {
        packets,
        failure:
          prefix +
          `Truncated ${header.type}: remaining length says ${header.remaining} bytes, ${present} present ` +
          `(${header.remaining - present} missing)`,
      };
    }
    const decoded = decodeBody(header.type, header.flags, bytes, start, start + header.remaining, current);
    if (!decoded.ok) return { packets, failure: prefix + decoded.error };
    if (decoded.value.type === 'CONNECT') current = decoded.value.level;
    packets.push({ packet: decoded.value, level: current });
    offset = start + header.remaining;
  }
  return { packets };
}

type FixedHeader =
  | { ok: true; type: MqttPacketType; flags: number; remaining: number; headerLength: number }
  | { ok: false; reason: string };

function readFixedHeader(bytes: Uint8Array, offset: number, level: number): FixedHeader {
  const first = bytes[offset] ?? 0;
  const number = first >> 4;
  const type = PACKET_TYPES[number] ?? null;
  if (type === null) return { ok: false, reason: 'Reserved packet type 0' };
  if (type === 'AUTH' && level < 5) {
    return {
      ok: false,
      reason: `Packet type 15 is reserved in MQTT ${versionName(level)} (AUTH is MQTT 5.0 only)`,
    };
  }
  const length = readVariableByteInteger(bytes, offset + 1);
  if (!length.ok) {
    const reason =
      length.problem === 'truncated'
        ? `Truncated ${type}: the frame ends inside the remaining length`
        : length.problem === 'too long'
          ? `Malformed ${type}: remaining length is longer than 4 bytes`
          : `Malformed ${type}: remaining length is not in its shortest form`;
    return { ok: false, reason };
  }
  return { ok: true, type, flags: first & 0x0f, remaining: length.value, headerLength: 1 + length.length };
}

function bits(flags: number): string {
  return flags.toString(2).padStart(4, '0');
}

function decodeBody(
  type: MqttPacketType,
  flags: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  level: number,
): Result<MqttPacket, string> {
  if (type !== 'PUBLISH') {
    const expected = FLAGS_0010.has(type) ? 0b0010 : 0;
    if (flags !== expected) {
      return err(`${type}: reserved fixed header flags must be ${bits(expected)}, are ${bits(flags)}`);
    }
  }
  const reader = new ByteReader(bytes, type, start, end);
  const v5 = level >= 5;
  const packet = readPacket(type, flags, reader, v5);
  if (reader.error !== null) return err(reader.error);
  if (packet === null) return err(`${type}: malformed`);
  if (reader.left > 0) {
    return err(`${type}: ${reader.left} unexpected byte${reader.left === 1 ? '' : 's'} at the end`);
  }
  return ok(packet);
}

function readPacket(type: MqttPacketType, flags: number, reader: ByteReader, v5: boolean): MqttPacket | null {
  switch (type) {
    case 'CONNECT':
      return readConnect(reader);
    case 'CONNACK':
      return readConnack(reader, v5);
    case 'PUBLISH':
      return readPublish(flags, reader, v5);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      return readPublishAck(type, reader, v5);
    case 'SUBSCRIBE':
      return readSubscribe(reader, v5);
    case 'SUBACK':
      return readSuback(reader, v5);
    case 'UNSUBSCRIBE':
      return readUnsubscribe(reader, v5);
    case 'UNSUBACK':
      return readUnsuback(reader, v5);
    case 'PINGREQ':
    case 'PINGRESP':
      return { type };
    case 'DISCONNECT':
    case 'AUTH':
      return readReasonPacket(type, reader, v5);
  }
}

function readQos(value: number, what: string, reader: ByteReader): QoS {
  if (value === 3) reader.fail(`${what} 3 is not allowed`);
  return value === 1 ? 1 : value === 2 ? 2 : 0;
}

function readConnect(reader: ByteReader): ConnectPacket | null {
  const protocolName = reader.utf8('protocol name');
  const level = reader.u8('protocol level');
  const flags = reader.u8('connect flags');
  const keepAlive = reader.u16('keep alive');
  if (reader.error !== null) return null;
  const expectedName = PROTOCOL_NAMES[level];
  if (expectedName === undefined) {
    reader.fail(`unsupported protocol level ${level} (3.1 is 3, 3.1.1 is 4, 5.0 is 5)`);
    return null;
  }
  if (protocolName !== expectedName) {
    reader.fail(`protocol name ${JSON.stringify(protocolName)} is not "${expectedName}" (level ${level})`);
    return null;
  }
  if (flags & 0x01) reader.fail('the reserved connect flag (bit 0) must be 0');
  const willFlag = (flags & 0x04) !== 0;
  const willQos = readQos((flags >> 3) & 0x03, 'will QoS', reader);
  const willRetain = (flags & 0x20) !== 0;
  const passwordFlag = (flags & 0x40) !== 0;
  const usernameFlag = (flags & 0x80) !== 0;
  if (!willFlag && (willQos !== 0 || willRetain))
    reader.fail('will QoS and will retain must be 0 without a will');
  if (level < 5 && passwordFlag && !usernameFlag) {
    reader.fail(`MQTT ${versionName(level)} allows a password only with a user name`);
  }
  const v5 = level >= 5;
  const properties = v5 ? readProperties(reader, 'CONNECT properties') : undefined;
  const clientId = reader.utf8('client identifier');
  let will: MqttWill | undefined;
  if (willFlag) {
    const willProperties = v5 ? readProperties(reader, 'CONNECT will properties') : undefined;
    const topic = reader.utf8('will topic');
    const payload = reader.binary('will payload');
    will = {
      topic,
      payload,
      qos: willQos,
      retain: willRetain,
      ...(willProperties && { properties: willProperties }),
    };
  }
  const username = usernameFlag ? reader.utf8('user name') : undefined;
  const password = passwordFlag ? reader.binary('password') : undefined;
  return {
    type: 'CONNECT',
    protocolName,
    level,
    cleanStart: (flags & 0x02) !== 0,
    keepAlive,
    clientId,
    ...(will && { will }),
    ...(username !== undefined && { username }),
    ...(password !== undefined && { password }),
    ...(properties && { properties }),
  };
}

function readConnack(reader: ByteReader, v5: boolean): ConnackPacket {
  const ackFlags = reader.u8('acknowledge flags');
  if (ackFlags & 0xfe) reader.fail('reserved acknowledge flags (bits 7-1) must be 0');
  const code = reader.u8(v5 ? 'reason code' : 'return code');
  const properties = v5 ? (reader.left > 0 ? readProperties(reader, 'CONNACK properties') : {}) : undefined;
  return {
    type: 'CONNACK',
    sessionPresent: (ackFlags & 0x01) !== 0,
    code,
    ...(properties && { properties }),
  };
}

function readPacketId(reader: ByteReader): number {
  const id = reader.u16('packet identifier');
  if (id === 0 && reader.error === null) reader.fail('packet identifier must not be 0');
  return id;
}

function readPublish(flags: number, reader: ByteReader, v5: boolean): PublishPacket {
  const qos = readQos((flags >> 1) & 0x03, 'QoS', reader);
  const topic = reader.utf8('topic name');
  const packetId = qos > 0 ? readPacketId(reader) : undefined;
  const properties = v5 ? readProperties(reader, 'PUBLISH properties') : undefined;
  return {
    type: 'PUBLISH',
    topic,
    qos,
    retain: (flags & 0x01) !== 0,
    dup: (flags & 0x08) !== 0,
    ...(packetId !== undefined && { packetId }),
    payload: reader.rest(),
    ...(properties && { properties }),
  };
}

function readPublishAck(type: PublishAckPacket['type'], reader: ByteReader, v5: boolean): PublishAckPacket {
  if (!v5 && reader.left !== 2) reader.fail(`remaining length must be 2 in MQTT 3.1.1, is ${reader.left}`);
  const packetId = readPacketId(reader);
  if (!v5) return { type, packetId };
  // MQTT 5 leaves out a Success reason code and empty properties.
  const reasonCode = reader.left > 0 ? reader.u8('reason code') : 0;
  const properties = reader.left > 0 ? readProperties(reader, `${type} properties`) : {};
  return { type, packetId, reasonCode, properties };
}

function readSubscribe(reader: ByteReader, v5: boolean): SubscribePacket {
  const packetId = readPacketId(reader);
  const properties = v5 ? readProperties(reader, 'SUBSCRIBE properties') : undefined;
  const subscriptions: MqttSubscription[] = [];
  while (reader.left > 0) {
    const filter = reader.utf8('topic filter');
    const options = reader.u8('subscription options');
    if (reader.error !== null) break;
    const reserved = v5 ? options & 0xc0 : options & 0xfc;
    if (reserved) reader.fail(`reserved subscription option bits of "${filter}" must be 0`);
    const retainHandling = (options >> 4) & 0x03;
    if (v5 && retainHandling === 3) reader.fail(`retain handling 3 of "${filter}" is not allowed`);
    subscriptions.push({
      filter,
      qos: readQos(options & 0x03, `QoS of "${filter}"`, reader),
      noLocal: v5 && (options & 0x04) !== 0,
      retainAsPublished: v5 && (options & 0x08) !== 0,
      retainHandling: !v5 ? 0 : retainHandling === 1 ? 1 : retainHandling === 2 ? 2 : 0,
    });
  }
  if (subscriptions.length === 0) reader.fail('no topic filters (the payload must hold at least one)');
  return { type: 'SUBSCRIBE', packetId, subscriptions, ...(properties && { properties }) };
}

const SUBACK_RETURN_CODES: ReadonlySet<number> = new Set([0x00, 0x01, 0x02, 0x80]);

function readSuback(reader: ByteReader, v5: boolean): SubackPacket {
  const packetId = readPacketId(reader);
  const properties = v5 ? readProperties(reader, 'SUBACK properties') : undefined;
  const codes = Array.from(reader.rest());
  if (reader.error === null && codes.length === 0) reader.fail('no return codes (one per topic filter)');
  const reserved = v5 ? undefined : codes.find((code) => !SUBACK_RETURN_CODES.has(code));
  if (reserved !== undefined) reader.fail(`return code ${byteHex(reserved)} is reserved`);
  return { type: 'SUBACK', packetId, codes, ...(properties && { properties }) };
}

function readUnsubscribe(reader: ByteReader, v5: boolean): UnsubscribePacket {
  const packetId = readPacketId(reader);
  const properties = v5 ? readProperties(reader, 'UNSUBSCRIBE properties') : undefined;
  const filters: string[] = [];
  while (reader.left > 0) {
    const filter = reader.utf8('topic filter');
    if (reader.error === null) filters.push(filter);
  }
  if (filters.length === 0) reader.fail('no topic filters (the payload must hold at least one)');
  return { type: 'UNSUBSCRIBE', packetId, filters, ...(properties && { properties }) };
}

function readUnsuback(reader: ByteReader, v5: boolean): UnsubackPacket {
  if (!v5 && reader.left !== 2) reader.fail(`remaining length must be 2 in MQTT 3.1.1, is ${reader.left}`);
  const packetId = readPacketId(reader);
  if (!v5) return { type: 'UNSUBACK', packetId, codes: [] };
  const properties = readProperties(reader, 'UNSUBACK properties');
  const codes = Array.from(reader.rest());
  if (reader.error === null && codes.length === 0) reader.fail('no reason codes (one per topic filter)');
  return { type: 'UNSUBACK', packetId, codes, properties };
}

function readReasonPacket(type: ReasonPacket['type'], reader: ByteReader, v5: boolean): ReasonPacket {
  if (!v5) {
    if (reader.left > 0) reader.fail(`remaining length must be 0 in MQTT 3.1.1, is ${reader.left}`);
    return { type };
  }
  const reasonCode = reader.left > 0 ? reader.u8('reason code') : 0;
  const properties = reader.left > 0 ? readProperties(reader, `${type} properties`) : {};
  return { type, reasonCode, properties };
}

/**
 * The protocol level of a CONNECT at the start of `bytes`, or null when they hold none. Runs on every frame,
 * so it looks at the first byte before anything else.
 */
export function peekConnectLevel(bytes: Uint8Array): number | null {
  if (bytes[0] !== 0x10) return null;
  const length = readVariableByteInteger(bytes, 1);
  if (!length.ok) return null;
  const start = 1 + length.length;
  const reader = new ByteReader(bytes, 'CONNECT', start, Math.min(bytes.length, start + length.value));
  reader.utf8('protocol name');
  const level = reader.u8('protocol level');
  return reader.error === null && PROTOCOL_NAMES[level] !== undefined ? level : null;
}

/**
 * Encodes one packet at protocol `level` (a CONNECT uses its own). MQTT 5 writes the short forms the
 * specification allows: an acknowledgement, DISCONNECT or AUTH leaves out a Success code and empty properties.
 */
export function encodePacket(packet: MqttPacket, level: number): Result<Uint8Array, string> {
  const v5 = (packet.type === 'CONNECT' ? packet.level : level) >= 5;
  if (packet.type === 'AUTH' && !v5) return err('AUTH: exists only in MQTT 5.0');
  const body = new ByteWriter();
  const flags = writeBody(packet, body, v5);
  if (body.error !== null) return err(`${packet.type}: ${body.error}`);
  if (body.length > MAX_VARIABLE_BYTE_INTEGER) {
    return err(`${packet.type}: ${body.length} bytes is more than the 268,435,455 an MQTT packet holds`);
  }
  const out = new ByteWriter();
  out.raw(Uint8Array.of((TYPE_NUMBERS[packet.type] << 4) | flags));
  out.raw(variableByteInteger(body.length));
  out.append(body);
  return ok(out.toBytes());
}

function writeBody(packet: MqttPacket, writer: ByteWriter, v5: boolean): number {
  switch (packet.type) {
    case 'CONNECT':
      writeConnect(packet, writer);
      return 0;
    case 'CONNACK':
      writer.u8(packet.sessionPresent ? 1 : 0, 'acknowledge flags');
      writer.u8(packet.code, v5 ? 'reason code' : 'return code');
      if (v5) writeProperties(writer, packet.properties);
      return 0;
    case 'PUBLISH':
      return writePublish(packet, writer, v5);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      writePacketId(packet.packetId, writer);
      if (v5) writeShortForm(packet, writer);
      return packet.type === 'PUBREL' ? 0b0010 : 0;
    case 'SUBSCRIBE':
      writePacketId(packet.packetId, writer);
      if (v5) writeProperties(writer, packet.properties);
      if (packet.subscriptions.length === 0) writer.fail('at least one topic filter is needed');
      for (const subscription of packet.subscriptions) {
        writer.utf8(subscription.filter, 'topic filter');
        writer.u8(subscriptionOptions(subscription, v5), 'subscription options');
      }
      return 0b0010;
    case 'SUBACK':
    case 'UNSUBACK':
      writePacketId(packet.packetId, writer);
      if (v5 || packet.type === 'SUBACK') {
        if (v5) writeProperties(writer, packet.properties);
        if (packet.codes.length === 0) writer.fail('at least one reason code is needed');
        for (const code of packet.codes) writer.u8(code, 'reason code');
      }
      return 0;
    case 'UNSUBSCRIBE':
      writePacketId(packet.packetId, writer);
      if (v5) writeProperties(writer, packet.properties);
      if (packet.filters.length === 0) writer.fail('at least one topic filter is needed');
      for (const filter of packet.filters) writer.utf8(filter, 'topic filter');
      return 0b0010;
    case 'PINGREQ':
    case 'PINGRESP':
      return 0;
    case 'DISCONNECT':
    case 'AUTH':
      if (v5) writeShortForm(packet, writer);
      return 0;
  }
}

function writePacketId(id: number, writer: ByteWriter): void {
  if (id === 0) writer.fail('packet identifier must not be 0');
  writer.u16(id, 'packet identifier');
}

function writeShortForm(packet: PublishAckPacket | ReasonPacket, writer: ByteWriter): void {
  const code = packet.reasonCode ?? 0;
  const withProperties = hasProperties(packet.properties);
  if (code !== 0 || withProperties) writer.u8(code, 'reason code');
  if (withProperties) writeProperties(writer, packet.properties);
}

function subscriptionOptions(subscription: MqttSubscription, v5: boolean): number {
  if (!v5) return subscription.qos;
  return (
    subscription.qos |
    (subscription.noLocal ? 0x04 : 0) |
    (subscription.retainAsPublished ? 0x08 : 0) |
    (subscription.retainHandling << 4)
  );
}

function writeConnect(packet: ConnectPacket, writer: ByteWriter): void {
  const v5 = packet.level >= 5;
  const will = packet.will;
  if (packet.level < 5 && packet.password !== undefined && packet.username === undefined) {
    writer.fail(`MQTT ${versionName(packet.level)} allows a password only with a user name`);
  }
  writer.utf8(packet.protocolName, 'protocol name');
  writer.u8(packet.level, 'protocol level');
  const flags =
    (packet.username !== undefined ? 0x80 : 0) |
    (packet.password !== undefined ? 0x40 : 0) |
    (will?.retain ? 0x20 : 0) |
    ((will?.qos ?? 0) << 3) |
    (will ? 0x04 : 0) |
    (packet.cleanStart ? 0x02 : 0);
  writer.u8(flags, 'connect flags');
  writer.u16(packet.keepAlive, 'keep alive');
  if (v5) writeProperties(writer, packet.properties);
  writer.utf8(packet.clientId, 'client identifier');
  if (will) {
    if (v5) writeProperties(writer, will.properties);
    writer.utf8(will.topic, 'will topic');
    writer.binary(will.payload, 'will payload');
  }
  if (packet.username !== undefined) writer.utf8(packet.username, 'user name');
  if (packet.password !== undefined) writer.binary(packet.password, 'password');
}

function writePublish(packet: PublishPacket, writer: ByteWriter, v5: boolean): number {
  writer.utf8(packet.topic, 'topic name');
  if (packet.qos > 0) {
    if (packet.packetId === undefined) writer.fail(`a packet identifier is needed at QoS ${packet.qos}`);
    else writePacketId(packet.packetId, writer);
  }
  if (v5) writeProperties(writer, packet.properties);
  writer.raw(packet.payload);
  return (packet.dup ? 0x08 : 0) | (packet.qos << 1) | (packet.retain ? 0x01 : 0);
}
