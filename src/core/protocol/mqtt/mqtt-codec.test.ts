import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodePackets,
  encodePacket,
  peekConnectLevel,
  type MqttPacket,
  type MqttSubscription,
  type MqttWill,
  type QoS,
} from './mqtt-codec';
import type { MqttProperties } from './mqtt-properties';
import { variableByteInteger } from './mqtt-wire';

/** Bytes from numbers and strings; a string becomes an MQTT string (two-byte length, then UTF-8). */
function bytes(...parts: (number | string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') out.push(part);
    else if (Array.isArray(part)) out.push(...part);
    else {
      const encoded = new TextEncoder().encode(part);
      out.push(encoded.length >> 8, encoded.length & 0xff, ...encoded);
    }
  }
  return Uint8Array.from(out);
}

/** A property list: its length as a variable byte integer, then `parts`. */
function props(...parts: (number | number[])[]): number[] {
  const body = parts.flat();
  return [...variableByteInteger(body.length), ...body];
}

/** A whole packet: `first` byte, the remaining length, then `parts` as `bytes` writes them. */
function packet(first: number, ...parts: (number | string | number[])[]): Uint8Array {
  const body = bytes(...parts);
  return Uint8Array.from([first, ...variableByteInteger(body.length), ...body]);
}

function decodeOne(data: Uint8Array, level = 4): MqttPacket {
  const decoded = decodePackets(data, level);
  expect(decoded.failure).toBeUndefined();
  expect(decoded.packets).toHaveLength(1);
  return (decoded.packets[0] as { packet: MqttPacket }).packet;
}

function failure(data: Uint8Array, level = 4): string | undefined {
  return decodePackets(data, level).failure;
}

function encoded(packet: MqttPacket, level = 4): number[] {
  const result = encodePacket(packet, level);
  if (!result.ok) throw new Error(result.error);
  return Array.from(result.value);
}

const text = (value: string) => new TextEncoder().encode(value);

describe('MQTT 3.1.1 packets from the specification', () => {
  // §3.1.2.10, Figure 3.6: protocol name, level 4, connect flags 0xCE, keep alive 10.
  const connect = packet(
    0x10,
    'MQTT',
    0x04,
    0xce,
    0x00,
    0x0a,
    'c1',
    'will/t',
    [0x00, 0x03, 0x62, 0x79, 0x65],
    'bob',
    [0x00, 0x02, 0x70, 0x77],
  );

  it('decodes CONNECT with a will, a user name and a password', () => {
    expect(decodeOne(connect)).toEqual({
      type: 'CONNECT',
      protocolName: 'MQTT',
      level: 4,
      cleanStart: true,
      keepAlive: 10,
      clientId: 'c1',
      will: { topic: 'will/t', payload: text('bye'), qos: 1, retain: false },
      username: 'bob',
      password: text('pw'),
    });
  });

  it('encodes the same CONNECT byte for byte', () => {
    expect(encoded(decodeOne(connect))).toEqual(Array.from(connect));
  });

  it('decodes PUBLISH with the example topic "a/b" and packet id 10 (§3.3.2.3)', () => {
    const publish = packet(0x32, 'a/b', 0x00, 0x0a, 0x68, 0x69);
    expect(decodeOne(publish)).toEqual({
      type: 'PUBLISH',
      topic: 'a/b',
      qos: 1,
      retain: false,
      dup: false,
      packetId: 10,
      payload: text('hi'),
    });
    expect(encoded(decodeOne(publish))).toEqual(Array.from(publish));
  });

  it('decodes SUBSCRIBE, SUBACK and UNSUBSCRIBE from the payload examples (§3.8.3, §3.9.3, §3.10.3)', () => {
    const subscribe = packet(0x82, 0x00, 0x0a, 'a/b', 0x01, 'c/d', 0x02);
    const plain = { noLocal: false, retainAsPublished: false, retainHandling: 0 };
    expect(decodeOne(subscribe)).toEqual({
      type: 'SUBSCRIBE',
      packetId: 10,
      subscriptions: [
        { filter: 'a/b', qos: 1, ...plain },
        { filter: 'c/d', qos: 2, ...plain },
      ],
    });
    expect(encoded(decodeOne(subscribe))).toEqual(Array.from(subscribe));

    const suback = bytes(0x90, 0x05, 0x00, 0x0a, 0x00, 0x02, 0x80);
    expect(decodeOne(suback)).toEqual({ type: 'SUBACK', packetId: 10, codes: [0, 2, 0x80] });
    expect(encoded(decodeOne(suback))).toEqual(Array.from(suback));

    const unsubscribe = packet(0xa2, 0x00, 0x0a, 'a/b', 'c/d');
    expect(decodeOne(unsubscribe)).toEqual({ type: 'UNSUBSCRIBE', packetId: 10, filters: ['a/b', 'c/d'] });
    expect(encoded(decodeOne(unsubscribe))).toEqual(Array.from(unsubscribe));
  });

  it('decodes the fixed-size packets', () => {
    expect(decodeOne(bytes(0x20, 0x02, 0x01, 0x05))).toEqual({
      type: 'CONNACK',
      sessionPresent: true,
      code: 5,
    });
    expect(decodeOne(bytes(0x40, 0x02, 0x00, 0x07))).toEqual({ type: 'PUBACK', packetId: 7 });
    expect(decodeOne(bytes(0x50, 0x02, 0x00, 0x07))).toEqual({ type: 'PUBREC', packetId: 7 });
    expect(decodeOne(bytes(0x62, 0x02, 0x00, 0x07))).toEqual({ type: 'PUBREL', packetId: 7 });
    expect(decodeOne(bytes(0x70, 0x02, 0x00, 0x07))).toEqual({ type: 'PUBCOMP', packetId: 7 });
    expect(decodeOne(bytes(0xb0, 0x02, 0x00, 0x07))).toEqual({ type: 'UNSUBACK', packetId: 7, codes: [] });
    expect(decodeOne(bytes(0xc0, 0x00))).toEqual({ type: 'PINGREQ' });
    expect(decodeOne(bytes(0xd0, 0x00))).toEqual({ type: 'PINGRESP' });
    expect(decodeOne(bytes(0xe0, 0x00))).toEqual({ type: 'DISCONNECT' });
  });

  it('decodes every packet of a frame, back to back', () => {
    const frame = bytes(0x40, 0x02, 0x00, 0x01, 0x30, 0x04, 'x', 0x21, 0xd0, 0x00);
    expect(decodePackets(frame, 4).packets.map((p) => p.packet.type)).toEqual([
      'PUBACK',
      'PUBLISH',
      'PINGRESP',
    ]);
  });
});

describe('MQTT 5.0 packets', () => {
  // §3.1.2.11, Figure 3-6: the 3.1.1 header at level 5, with a Session Expiry Interval of 10.
  const connect = packet(0x10, 'MQTT', 0x05, 0x02, 0x00, 0x0a, 0x05, 0x11, [0, 0, 0, 0x0a], 'client');

  it('decodes CONNECT properties, at the level the CONNECT itself announces', () => {
    expect(decodeOne(connect, 4)).toEqual({
      type: 'CONNECT',
      protocolName: 'MQTT',
      level: 5,
      cleanStart: true,
      keepAlive: 10,
      clientId: 'client',
      properties: { sessionExpiryInterval: 10 },
    });
    expect(encoded(decodeOne(connect))).toEqual(Array.from(connect));
  });

  it('reads the packets after a CONNECT in the same frame at its level', () => {
    const frame = Uint8Array.from([...connect, 0xe0, 0x01, 0x04]);
    const decoded = decodePackets(frame, 4);
    expect(decoded.failure).toBeUndefined();
    expect(decoded.packets[1]).toEqual({
      level: 5,
      packet: { type: 'DISCONNECT', reasonCode: 4, properties: {} },
    });
  });

  it('decodes a will with its own properties', () => {
    // Will retain, will QoS 1, will flag; no CONNECT properties; a Will Delay Interval of 30.
    const withWill = packet(
      0x10,
      'MQTT',
      0x05,
      0x2c,
      [0x00, 0x00],
      props(),
      'c',
      props(0x18, [0, 0, 0, 0x1e]),
      'w/t',
      [0x00, 0x03, 0x01, 0x02, 0x03],
    );
    const decoded = decodeOne(withWill, 5);
    expect(decoded).toMatchObject({
      will: {
        topic: 'w/t',
        qos: 1,
        retain: true,
        payload: Uint8Array.of(1, 2, 3),
        properties: { willDelayInterval: 30 },
      },
      properties: {},
    });
    expect(encoded(decoded, 5)).toEqual(Array.from(withWill));
  });

  it('decodes CONNACK properties and reason codes', () => {
    const serverKeepAlive = [0x13, 0x00, 0x1e];
    const assignedClientIdentifier = [0x12, ...bytes('id-1')];
    const userProperty = [0x26, ...bytes('k', 'v')];
    const reasonString = [0x1f, ...bytes('no')];
    const connack = packet(
      0x20,
      [0x00, 0x87],
      props(serverKeepAlive, assignedClientIdentifier, userProperty, reasonString),
    );
    expect(decodeOne(connack, 5)).toEqual({
      type: 'CONNACK',
      sessionPresent: false,
      code: 0x87,
      properties: {
        serverKeepAlive: 30,
        assignedClientIdentifier: 'id-1',
        userProperties: [{ name: 'k', value: 'v' }],
        reasonString: 'no',
      },
    });
  });

  it('decodes PUBLISH properties, repeated ones as lists', () => {
    const properties = props(
      [0x01, 0x01], // Payload Format Indicator
      [0x02, 0, 0, 0, 60], // Message Expiry Interval
      [0x03, ...bytes('text/plain')], // Content Type
      [0x0b, 0x02], // Subscription Identifier 2
      [0x0b, 0x80, 0x01], // Subscription Identifier 128
      [0x23, 0x00, 0x03], // Topic Alias
      [0x09, 0x00, 0x02, 0xab, 0xcd], // Correlation Data
    );
    // DUP, QoS 2, retain.
    const publish = packet(0x3d, 't', [0x00, 0x05], properties, [0x7b, 0x7d]);
    expect(decodeOne(publish, 5)).toEqual({
      type: 'PUBLISH',
      topic: 't',
      qos: 2,
      retain: true,
      dup: true,
      packetId: 5,
      payload: text('{}'),
      properties: {
        payloadFormatIndicator: 1,
        messageExpiryInterval: 60,
        contentType: 'text/plain',
        subscriptionIdentifiers: [2, 128],
        topicAlias: 3,
        correlationData: Uint8Array.of(0xab, 0xcd),
      },
    });
  });

  it('decodes subscription options', () => {
    // QoS 1, No Local, Retain As Published, Retain Handling 2.
    const subscribe = packet(0x82, 0x00, 0x01, 0x02, 0x0b, 0x07, 's/#', 0x2d);
    expect(decodeOne(subscribe, 5)).toEqual({
      type: 'SUBSCRIBE',
      packetId: 1,
      properties: { subscriptionIdentifiers: [7] },
      subscriptions: [{ filter: 's/#', qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 2 }],
    });
    expect(encoded(decodeOne(subscribe, 5), 5)).toEqual(Array.from(subscribe));
  });

  it('reads the short forms of acknowledgements, DISCONNECT and AUTH', () => {
    expect(decodeOne(bytes(0x40, 0x02, 0x00, 0x09), 5)).toEqual({
      type: 'PUBACK',
      packetId: 9,
      reasonCode: 0,
      properties: {},
    });
    expect(decodeOne(bytes(0x50, 0x03, 0x00, 0x09, 0x10), 5)).toEqual({
      type: 'PUBREC',
      packetId: 9,
      reasonCode: 0x10,
      properties: {},
    });
    expect(decodeOne(bytes(0xe0, 0x00), 5)).toEqual({ type: 'DISCONNECT', reasonCode: 0, properties: {} });
    expect(decodeOne(bytes(0xf0, 0x00), 5)).toEqual({ type: 'AUTH', reasonCode: 0, properties: {} });
    expect(encoded({ type: 'PUBACK', packetId: 9, reasonCode: 0, properties: {} }, 5)).toEqual([
      0x40, 2, 0, 9,
    ]);
    expect(encoded({ type: 'DISCONNECT', reasonCode: 0x8e, properties: {} }, 5)).toEqual([0xe0, 1, 0x8e]);
  });

  it('decodes AUTH with an authentication method and data', () => {
    const auth = packet(0xf0, 0x18, 0x0c, 0x15, 'SCRAM', 0x16, [0x00, 0x01, 0x2a]);
    expect(decodeOne(auth, 5)).toEqual({
      type: 'AUTH',
      reasonCode: 0x18,
      properties: { authenticationMethod: 'SCRAM', authenticationData: Uint8Array.of(0x2a) },
    });
  });

  it('decodes SUBACK and UNSUBACK reason codes', () => {
    expect(decodeOne(bytes(0x90, 0x05, 0x00, 0x02, 0x00, 0x01, 0x87), 5)).toEqual({
      type: 'SUBACK',
      packetId: 2,
      codes: [1, 0x87],
      properties: {},
    });
    expect(decodeOne(bytes(0xb0, 0x04, 0x00, 0x02, 0x00, 0x11), 5)).toEqual({
      type: 'UNSUBACK',
      packetId: 2,
      codes: [0x11],
      properties: {},
    });
  });
});

describe('malformed packets', () => {
  it.each([
    ['an empty frame', [], 4, 'Empty frame: an MQTT frame holds at least one packet'],
    ['packet type 0', [0x00, 0x00], 4, 'Reserved packet type 0'],
    ['AUTH at 3.1.1', [0xf0, 0x00], 4, 'Packet type 15 is reserved in MQTT 3.1.1 (AUTH is MQTT 5.0 only)'],
    [
      'CONNACK flags 0001',
      [0x21, 0x02, 0x00, 0x00],
      4,
      'CONNACK: reserved fixed header flags must be 0000, are 0001',
    ],
    [
      'SUBSCRIBE flags 0000',
      [0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00],
      4,
      'SUBSCRIBE: reserved fixed header flags must be 0010, are 0000',
    ],
    ['PUBLISH QoS 3', [0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01], 4, 'PUBLISH: QoS 3 is not allowed'],
    [
      'a remaining length of 5 bytes',
      [0x30, 0xff, 0xff, 0xff, 0xff, 0x01],
      4,
      'Malformed PUBLISH: remaining length is longer than 4 bytes',
    ],
    [
      'a cut-off remaining length',
      [0x30, 0x80],
      4,
      'Truncated PUBLISH: the frame ends inside the remaining length',
    ],
    [
      'a short PUBLISH',
      [0x30, 0x28, 0x00, 0x02, 0x61, 0x62, 1, 2, 3, 4, 5, 6, 7, 8],
      4,
      'Truncated PUBLISH: remaining length says 40 bytes, 12 present (28 missing)',
    ],
    ['PINGREQ with a body', [0xc0, 0x01, 0x00], 4, 'PINGREQ: 1 unexpected byte at the end'],
    [
      'a 3.1.1 PUBACK of 3 bytes',
      [0x40, 0x03, 0x00, 0x01, 0x00],
      4,
      'PUBACK: remaining length must be 2 in MQTT 3.1.1, is 3',
    ],
    ['packet id 0', [0x40, 0x02, 0x00, 0x00], 4, 'PUBACK: packet identifier must not be 0'],
    [
      'a SUBSCRIBE without filters',
      [0x82, 0x02, 0x00, 0x01],
      4,
      'SUBSCRIBE: no topic filters (the payload must hold at least one)',
    ],
    [
      '3.1.1 subscription option bits',
      [0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x04],
      4,
      'SUBSCRIBE: reserved subscription option bits of "a" must be 0',
    ],
    [
      'retain handling 3',
      [0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0x30],
      5,
      'SUBSCRIBE: retain handling 3 of "a" is not allowed',
    ],
    [
      'a reserved SUBACK return code',
      [0x90, 0x03, 0x00, 0x01, 0x03],
      4,
      'SUBACK: return code 0x03 is reserved',
    ],
    [
      'CONNACK acknowledge flags',
      [0x20, 0x02, 0x02, 0x00],
      4,
      'CONNACK: reserved acknowledge flags (bits 7-1) must be 0',
    ],
    [
      'an unknown property',
      [0xe0, 0x03, 0x80, 0x01, 0x05],
      5,
      'DISCONNECT properties: unknown property identifier 0x05',
    ],
    [
      'a property cut short',
      [0xe0, 0x08, 0x00, 0x06, 0x11, 0, 0, 0, 1, 0x11],
      5,
      'DISCONNECT properties: Session Expiry Interval needs 4 bytes, 0 left',
    ],
    [
      'a property repeated',
      [0xe0, 0x0c, 0x00, 0x0a, 0x11, 0, 0, 0, 1, 0x11, 0, 0, 0, 2],
      5,
      'DISCONNECT properties: Session Expiry Interval appears more than once',
    ],
    [
      'a topic alias of 0',
      [0x30, 0x07, 0x00, 0x01, 0x61, 0x03, 0x23, 0x00, 0x00],
      5,
      'PUBLISH properties: Topic Alias must not be 0',
    ],
    [
      'a property length past the end',
      [0xe0, 0x03, 0x00, 0x09, 0x01],
      5,
      'DISCONNECT: property length says 9 bytes, 1 left',
    ],
    [
      'a topic longer than the packet',
      [0x30, 0x03, 0x00, 0x05, 0x61],
      4,
      'PUBLISH: topic name length says 5 bytes, 1 left',
    ],
  ] as const)('rejects %s', (_name, data, level, reason) => {
    expect(failure(Uint8Array.from(data), level)).toBe(reason);
  });

  it('checks the connect flags', () => {
    const connect = (flags: number, rest: number[] = []) =>
      packet(0x10, 'MQTT', 0x04, flags, 0x00, 0x3c, 'c', rest);
    expect(failure(connect(0x03))).toBe('CONNECT: the reserved connect flag (bit 0) must be 0');
    expect(failure(connect(0x08))).toBe('CONNECT: will QoS and will retain must be 0 without a will');
    expect(failure(connect(0x1c))).toBe('CONNECT: will QoS 3 is not allowed');
    expect(failure(connect(0x40, [0x00, 0x00]))).toBe(
      'CONNECT: MQTT 3.1.1 allows a password only with a user name',
    );
    expect(failure(packet(0x10, 'MQTT', 0x06, 0x02, 0x00, 0x3c, 'c'))).toBe(
      'CONNECT: unsupported protocol level 6 (3.1 is 3, 3.1.1 is 4, 5.0 is 5)',
    );
    expect(failure(packet(0x10, 'MQTX', 0x04, 0x02, 0x00, 0x3c, 'c'))).toBe(
      'CONNECT: protocol name "MQTX" is not "MQTT" (level 4)',
    );
  });

  it('names the packet of the frame that fails, after whole ones', () => {
    const decoded = decodePackets(Uint8Array.of(0xd0, 0x00, 0x40, 0x02, 0x00), 4);
    expect(decoded.packets).toHaveLength(1);
    expect(decoded.failure).toBe(
      'Packet 2 of the frame: Truncated PUBACK: remaining length says 2 bytes, 1 present (1 missing)',
    );
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(3, 4, 5), (data, level) => {
        const decoded = decodePackets(data, level);
        expect(decoded.failure !== undefined || decoded.packets.length > 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on damaged real packets', () => {
    fc.assert(
      fc.property(
        packetArbitrary(5),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(),
        (packet, changes, cut) => {
          const data = Uint8Array.from(encoded(packet, 5));
          for (const [at, byte] of changes) data[at % data.length] = byte;
          decodePackets(data.subarray(0, Math.max(1, data.length - (cut % 4))), 5);
        },
      ),
    );
  });
});

describe('encodePacket', () => {
  it('names a field that does not fit', () => {
    expect(encodePacket({ type: 'PUBACK', packetId: 0 }, 4)).toEqual({
      ok: false,
      error: 'PUBACK: packet identifier must not be 0',
    });
    expect(encodePacket({ type: 'AUTH' }, 4)).toEqual({ ok: false, error: 'AUTH: exists only in MQTT 5.0' });
    expect(
      encodePacket(
        { type: 'PUBLISH', topic: 't', qos: 1, retain: false, dup: false, payload: new Uint8Array() },
        4,
      ),
    ).toEqual({ ok: false, error: 'PUBLISH: a packet identifier is needed at QoS 1' });
    expect(
      encodePacket(
        { type: 'PUBLISH', topic: 'a\u0000', qos: 0, retain: false, dup: false, payload: new Uint8Array() },
        4,
      ),
    ).toEqual({ ok: false, error: 'PUBLISH: topic name contains U+0000, which MQTT forbids' });
    expect(
      encodePacket({ type: 'DISCONNECT', reasonCode: 0, properties: { sessionExpiryInterval: -1 } }, 5),
    ).toEqual({
      ok: false,
      error: 'DISCONNECT: Session Expiry Interval -1 is not a four-byte integer (0 to 4294967295)',
    });
  });

  it('writes the remaining length in more bytes for a large packet', () => {
    const data = encoded(
      { type: 'PUBLISH', topic: 't', qos: 0, retain: false, dup: false, payload: new Uint8Array(200) },
      4,
    );
    expect(data.slice(0, 3)).toEqual([0x30, 0xcb, 0x01]);
  });

  it('round-trips arbitrary packets at both levels', () => {
    for (const level of [4, 5]) {
      fc.assert(
        fc.property(fc.array(packetArbitrary(level), { minLength: 1, maxLength: 3 }), (packets) => {
          const frame = packets.flatMap((packet) => encoded(packet, level));
          const decoded = decodePackets(Uint8Array.from(frame), level);
          expect(decoded.failure).toBeUndefined();
          expect(decoded.packets.map((p) => p.packet)).toEqual(packets);
        }),
      );
    }
  });
});

describe('peekConnectLevel', () => {
  it('reads the level of a CONNECT and nothing else', () => {
    expect(peekConnectLevel(packet(0x10, 'MQTT', 0x05, 0x02, 0x00, 0x3c, 0x00, 'c'))).toBe(5);
    expect(peekConnectLevel(bytes(0x10, 0x0c, 'MQTT', 0x04))).toBe(4);
    expect(peekConnectLevel(bytes(0x30, 0x03, 'a', 0x00))).toBeNull();
    expect(peekConnectLevel(bytes(0x10, 0x02, 'MQTT'))).toBeNull();
    expect(peekConnectLevel(new Uint8Array(0))).toBeNull();
  });
});

// Arbitraries produce packets in the shape decoding gives back at `level`.

const mqttString = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
const someBytes = fc.uint8Array({ maxLength: 24 });
const packetId = fc.integer({ min: 1, max: 0xffff });
const qos = fc.constantFrom<QoS>(0, 1, 2);
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const flag = fc.constantFrom(0, 1);

const propertiesArbitrary: fc.Arbitrary<MqttProperties> = fc.record(
  {
    payloadFormatIndicator: flag,
    messageExpiryInterval: u32,
    contentType: mqttString,
    responseTopic: mqttString,
    correlationData: someBytes,
    subscriptionIdentifiers: fc.array(fc.integer({ min: 1, max: 268_435_455 }), {
      minLength: 1,
      maxLength: 3,
    }),
    sessionExpiryInterval: u32,
    serverKeepAlive: fc.integer({ min: 0, max: 0xffff }),
    authenticationData: someBytes,
    reasonString: mqttString,
    receiveMaximum: fc.integer({ min: 1, max: 0xffff }),
    topicAlias: fc.integer({ min: 1, max: 0xffff }),
    maximumQoS: flag,
    userProperties: fc.array(fc.record({ name: mqttString, value: mqttString }), {
      minLength: 1,
      maxLength: 3,
    }),
    maximumPacketSize: fc.integer({ min: 1, max: 0xffff_ffff }),
    sharedSubscriptionAvailable: flag,
    assignedClientIdentifier: mqttString,
    authenticationMethod: mqttString,
    requestProblemInformation: flag,
    willDelayInterval: u32,
    requestResponseInformation: flag,
    responseInformation: mqttString,
    serverReference: mqttString,
    topicAliasMaximum: fc.integer({ min: 0, max: 0xffff }),
    retainAvailable: flag,
    wildcardSubscriptionAvailable: flag,
    subscriptionIdentifierAvailable: flag,
  },
  { requiredKeys: [] },
);

function packetArbitrary(level: number): fc.Arbitrary<MqttPacket> {
  const v5 = level >= 5;
  const props: { properties?: fc.Arbitrary<MqttProperties> } = v5 ? { properties: propertiesArbitrary } : {};
  const code: { reasonCode?: fc.Arbitrary<number> } = v5
    ? { reasonCode: fc.integer({ min: 0, max: 255 }) }
    : {};
  const subscription: fc.Arbitrary<MqttSubscription> = v5
    ? fc.record({
        filter: mqttString,
        qos,
        noLocal: fc.boolean(),
        retainAsPublished: fc.boolean(),
        retainHandling: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
      })
    : fc.record({
        filter: mqttString,
        qos,
        noLocal: fc.constant(false),
        retainAsPublished: fc.constant(false),
        retainHandling: fc.constant<0>(0),
      });
  const will: fc.Arbitrary<MqttWill> = fc.record({
    topic: mqttString,
    payload: someBytes,
    qos,
    retain: fc.boolean(),
    ...props,
  });
  const connect = fc
    .record(
      {
        type: fc.constant('CONNECT' as const),
        protocolName: fc.constant('MQTT'),
        level: fc.constant(level),
        cleanStart: fc.boolean(),
        keepAlive: fc.integer({ min: 0, max: 0xffff }),
        clientId: mqttString,
        will,
        username: mqttString,
        password: someBytes,
        ...props,
      },
      {
        requiredKeys: [
          'type',
          'protocolName',
          'level',
          'cleanStart',
          'keepAlive',
          'clientId',
          ...(v5 ? ['properties' as const] : []),
        ],
      },
    )
    .filter((packet) => v5 || packet.password === undefined || packet.username !== undefined);
  const publish = fc
    .record({
      topic: mqttString,
      qos,
      retain: fc.boolean(),
      dup: fc.boolean(),
      id: packetId,
      payload: someBytes,
      ...props,
    })
    .map(({ id, ...rest }): MqttPacket => ({
      type: 'PUBLISH',
      ...rest,
      ...(rest.qos > 0 && { packetId: id }),
    }));
  const ackType = fc.constantFrom(
    'PUBACK' as const,
    'PUBREC' as const,
    'PUBREL' as const,
    'PUBCOMP' as const,
  );
  const codes = fc.array(v5 ? fc.integer({ min: 0, max: 255 }) : fc.constantFrom(0, 1, 2, 0x80), {
    minLength: 1,
    maxLength: 4,
  });
  return fc.oneof(
    connect,
    fc.record({
      type: fc.constant('CONNACK' as const),
      sessionPresent: fc.boolean(),
      code: fc.integer({ min: 0, max: 255 }),
      ...props,
    }),
    publish,
    fc.record({ type: ackType, packetId, ...code, ...props }),
    fc.record({
      type: fc.constant('SUBSCRIBE' as const),
      packetId,
      subscriptions: fc.array(subscription, { minLength: 1, maxLength: 3 }),
      ...props,
    }),
    fc.record({ type: fc.constant('SUBACK' as const), packetId, codes, ...props }),
    fc.record({
      type: fc.constant('UNSUBSCRIBE' as const),
      packetId,
      filters: fc.array(mqttString, { minLength: 1, maxLength: 3 }),
      ...props,
    }),
    fc.record({
      type: fc.constant('UNSUBACK' as const),
      packetId,
      codes: v5 ? codes : fc.constant<number[]>([]),
      ...props,
    }),
    fc.record({ type: fc.constantFrom('PINGREQ' as const, 'PINGRESP' as const) }),
    fc.record({
      type: fc.constantFrom(...(v5 ? (['DISCONNECT', 'AUTH'] as const) : (['DISCONNECT'] as const))),
      ...code,
      ...props,
    }),
  );
}
