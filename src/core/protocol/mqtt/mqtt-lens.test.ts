import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DecodeContext, LensFrame, ProtocolMessage } from '../lens';
import { encodePacket, type MqttPacket } from './mqtt-codec';
import { mqttLens } from './mqtt-lens';
import { generatedClientId, type MqttState } from './mqtt-machine';

const context4: DecodeContext = { protocol: 'mqtt' };
const context5: DecodeContext = { protocol: 'mqtt', mqttLevel: 5 };

function state(overrides: Partial<MqttState> = {}): MqttState {
  return { ...mqttLens.machine.initial({}), seed: 7, ...overrides };
}

function frame(direction: 'in' | 'out', data: Uint8Array | number[]): LensFrame {
  return { direction, data: Uint8Array.from(data).buffer };
}

function packetBytes(packet: MqttPacket, level = 4): Uint8Array {
  const encoded = encodePacket(packet, level);
  if (!encoded.ok) throw new Error(encoded.error);
  return encoded.value;
}

function messages(direction: 'in' | 'out', packet: MqttPacket, level = 4): ProtocolMessage[] {
  const decoded = mqttLens.decode(
    frame(direction, packetBytes(packet, level)),
    level === 5 ? context5 : context4,
  );
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.messages;
}

function only(direction: 'in' | 'out', packet: MqttPacket, level = 4): ProtocolMessage {
  const [message] = messages(direction, packet, level);
  if (message === undefined) throw new Error('no message');
  return message;
}

function encodeBytes(formId: string, values: Record<string, string | boolean>, machine = state()): number[] {
  const result = mqttLens.encode(formId, values, machine);
  if (!result.ok) throw new Error(result.error);
  expect(result.value).toHaveLength(1);
  return Array.from(result.value[0] as Uint8Array);
}

const text = (value: string) => new TextEncoder().encode(value);

describe('decode', () => {
  it('wants binary frames', () => {
    expect(mqttLens.decode({ direction: 'in', data: 'hello' }, context4)).toEqual({
      ok: false,
      reason: 'Text frame: MQTT over WebSocket carries its packets in binary frames',
    });
  });

  it('shows a CONNECT with the password masked, and only its length in the value', () => {
    const message = only('out', {
      type: 'CONNECT',
      protocolName: 'MQTT',
      level: 4,
      cleanStart: true,
      keepAlive: 60,
      clientId: 'dev-1',
      username: 'alice',
      password: text('s3cret'),
      will: { topic: 'status/dev-1', payload: text('offline'), qos: 1, retain: true },
    });
    expect(message.summary).toBe(
      'MQTT 3.1.1, "dev-1", keep-alive 60 s, clean session, user "alice", will on status/dev-1',
    );
    expect(message.fields).toContainEqual({ label: 'Password', value: '(6 bytes)' });
    expect(message.fields).toContainEqual({ label: 'Clean session', value: 'yes' });
    expect(message.value).toEqual({
      type: 'CONNECT',
      protocolName: 'MQTT',
      protocolLevel: 4,
      version: '3.1.1',
      cleanStart: true,
      keepAlive: 60,
      clientId: 'dev-1',
      will: { topic: 'status/dev-1', qos: 1, retain: true, payload: 'offline', payloadBytes: 7 },
      username: 'alice',
      passwordBytes: 6,
    });
    expect(JSON.stringify(message)).not.toContain('s3cret');
  });

  it('labels the clean start flag and properties of an MQTT 5 CONNECT', () => {
    const message = only(
      'out',
      {
        type: 'CONNECT',
        protocolName: 'MQTT',
        level: 5,
        cleanStart: false,
        keepAlive: 0,
        clientId: '',
        properties: { sessionExpiryInterval: 3600, receiveMaximum: 10, authenticationData: text('token') },
      },
      4,
    );
    expect(message.fields).toEqual(
      expect.arrayContaining([
        { label: 'Clean start', value: 'no' },
        { label: 'Keep-alive', value: '0 (off)' },
        { label: 'Session Expiry Interval', value: '3600 s' },
        { label: 'Receive Maximum', value: '10' },
        { label: 'Authentication Data', value: '(5 bytes)' },
      ]),
    );
    expect(message.value).toMatchObject({
      version: '5.0',
      clientId: '',
      properties: { sessionExpiryInterval: 3600, receiveMaximum: 10, authenticationData: 5 },
    });
  });

  it('labels will properties as the will’s', () => {
    const message = only(
      'out',
      {
        type: 'CONNECT',
        protocolName: 'MQTT',
        level: 5,
        cleanStart: true,
        keepAlive: 60,
        clientId: 'c',
        will: {
          topic: 'w',
          payload: Uint8Array.of(0xff),
          qos: 0,
          retain: false,
          properties: { willDelayInterval: 5, contentType: 'x/y' },
        },
        properties: {},
      },
      5,
    );
    expect(message.fields).toEqual(
      expect.arrayContaining([
        { label: 'Will payload', value: '1 byte: ff' },
        { label: 'Will Delay Interval', value: '5 s' },
        { label: 'Will Content Type', value: 'x/y' },
      ]),
    );
    expect(message.value).toMatchObject({
      will: { payload: null, payloadBytes: 1, properties: { willDelayInterval: 5, contentType: 'x/y' } },
    });
  });

  it('marks a refused CONNACK as an error, with its return or reason code named', () => {
    const refused = only('in', { type: 'CONNACK', sessionPresent: false, code: 5 });
    expect(refused.summary).toBe('refused: 0x05 Connection refused, not authorized');
    expect(refused.error).toBe('0x05 Connection refused, not authorized');
    expect(refused.note).toBe('The client is not authorized to connect.');
    expect(refused.value).toEqual({ type: 'CONNACK', sessionPresent: false, returnCode: 5, accepted: false });

    const v5 = only(
      'in',
      { type: 'CONNACK', sessionPresent: false, code: 0x87, properties: { reasonString: 'no' } },
      5,
    );
    expect(v5.summary).toBe('refused: 0x87 Not authorized: no');
    expect(v5.error).toBe('0x87 Not authorized');
    expect(v5.value).toEqual({
      type: 'CONNACK',
      sessionPresent: false,
      reasonCode: 0x87,
      accepted: false,
      properties: { reasonString: 'no' },
    });

    const accepted = only('in', { type: 'CONNACK', sessionPresent: true, code: 0 });
    expect(accepted.summary).toBe('accepted, session present');
    expect(accepted.error).toBeUndefined();
  });

  it('shows a text PUBLISH payload as text, with the body and a request correlation', () => {
    const message = only('out', {
      type: 'PUBLISH',
      topic: 'sensors/1',
      qos: 1,
      retain: true,
      dup: false,
      packetId: 7,
      payload: text('{"t":21}'),
    });
    expect(message.summary).toBe('sensors/1 QoS 1 retain: {"t":21}');
    expect(message.body).toBe('{"t":21}');
    expect(message.correlation).toEqual({ key: 'packet:out:7', role: 'request' });
    expect(message.value).toEqual({
      type: 'PUBLISH',
      topic: 'sensors/1',
      qos: 1,
      retain: true,
      dup: false,
      packetId: 7,
      payload: '{"t":21}',
      payloadBytes: 8,
    });
  });

  it('shows a binary PUBLISH payload as its size and first bytes', () => {
    const message = only('in', {
      type: 'PUBLISH',
      topic: 'raw',
      qos: 0,
      retain: false,
      dup: false,
      payload: Uint8Array.of(0x00, 0xff, 0x10),
    });
    expect(message.summary).toBe('raw QoS 0: 3 bytes 00 ff 10');
    expect(message.fields).toContainEqual({ label: 'Payload', value: '3 bytes: 00 ff 10' });
    expect(message.body).toBeUndefined();
    expect(message.correlation).toBeUndefined();
    expect(message.value).toMatchObject({ payload: null, payloadBytes: 3 });
  });

  it('names MQTT 5 PUBLISH properties', () => {
    const message = only(
      'in',
      {
        type: 'PUBLISH',
        topic: '',
        qos: 0,
        retain: false,
        dup: false,
        payload: text('hi'),
        properties: {
          topicAlias: 4,
          payloadFormatIndicator: 1,
          messageExpiryInterval: 60,
          contentType: 'text/plain',
          responseTopic: 'replies/1',
          correlationData: text('req-1'),
          subscriptionIdentifiers: [3, 9],
          userProperties: [
            { name: 'a', value: '1' },
            { name: 'a', value: '2' },
          ],
        },
      },
      5,
    );
    expect(message.summary).toBe('(topic alias 4) QoS 0: hi');
    expect(message.fields).toEqual(
      expect.arrayContaining([
        { label: 'Payload Format Indicator', value: '1 (UTF-8 text)' },
        { label: 'Message Expiry Interval', value: '60 s' },
        { label: 'Content Type', value: 'text/plain' },
        { label: 'Response Topic', value: 'replies/1' },
        { label: 'Correlation Data', value: '"req-1" (5 bytes)' },
        { label: 'Subscription Identifier', value: '3' },
        { label: 'Subscription Identifier', value: '9' },
        { label: 'User Property', value: 'a: 1' },
        { label: 'User Property', value: 'a: 2' },
        { label: 'Topic Alias', value: '4' },
      ]),
    );
    expect(message.value).toMatchObject({
      properties: {
        correlationData: '7265712d31',
        subscriptionIdentifiers: [3, 9],
        userProperties: [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ],
      },
    });
  });

  it('flags a QoS 0 PUBLISH with DUP and a topic name with a wildcard', () => {
    const message = only('in', {
      type: 'PUBLISH',
      topic: 'a/#',
      qos: 0,
      retain: false,
      dup: true,
      payload: text(''),
    });
    expect(message.error).toBe('DUP must be 0 at QoS 0; a topic name must not contain the wildcards + or #');
    expect(message.summary).toBe('a/# QoS 0 dup: (empty)');
  });

  it('pairs each request with its reply, which travels the other way', () => {
    expect(only('in', { type: 'PUBACK', packetId: 7 }).correlation).toEqual({
      key: 'packet:out:7',
      role: 'reply',
    });
    expect(only('in', { type: 'PUBREC', packetId: 8 }).correlation).toEqual({
      key: 'packet:out:8',
      role: 'reply',
    });
    expect(only('out', { type: 'PUBREL', packetId: 8 }).correlation).toEqual({
      key: 'packet:out:8',
      role: 'request',
    });
    expect(only('in', { type: 'PUBCOMP', packetId: 8 }).correlation).toEqual({
      key: 'packet:out:8',
      role: 'reply',
    });
    // The server's own publish, and the client's acknowledgement of it.
    const serverPublish = only('in', {
      type: 'PUBLISH',
      topic: 't',
      qos: 1,
      retain: false,
      dup: false,
      packetId: 8,
      payload: text('x'),
    });
    expect(serverPublish.correlation).toEqual({ key: 'packet:in:8', role: 'request' });
    expect(only('out', { type: 'PUBACK', packetId: 8 }).correlation).toEqual({
      key: 'packet:in:8',
      role: 'reply',
    });
    const subscribe: MqttPacket = {
      type: 'SUBSCRIBE',
      packetId: 2,
      subscriptions: [{ filter: 'a/+', qos: 1, noLocal: false, retainAsPublished: false, retainHandling: 0 }],
    };
    expect(only('out', subscribe).correlation).toEqual({ key: 'packet:out:2', role: 'request' });
    expect(only('in', { type: 'SUBACK', packetId: 2, codes: [1] }).correlation).toEqual({
      key: 'packet:out:2',
      role: 'reply',
    });
    expect(only('out', { type: 'UNSUBSCRIBE', packetId: 3, filters: ['a/+'] }).correlation).toEqual({
      key: 'packet:out:3',
      role: 'request',
    });
    expect(only('in', { type: 'UNSUBACK', packetId: 3, codes: [] }).correlation).toEqual({
      key: 'packet:out:3',
      role: 'reply',
    });
  });

  it('describes SUBSCRIBE options and SUBACK failures', () => {
    const subscribe = only(
      'out',
      {
        type: 'SUBSCRIBE',
        packetId: 4,
        subscriptions: [
          { filter: 'a/#', qos: 2, noLocal: true, retainAsPublished: true, retainHandling: 2 },
          { filter: 'b', qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 },
        ],
        properties: {},
      },
      5,
    );
    expect(subscribe.summary).toBe('#4 a/# QoS 2, b QoS 0');
    expect(subscribe.fields).toContainEqual({
      label: 'Topic filter 1',
      value: 'a/# QoS 2, no local, retain as published, send no retained messages',
    });
    expect(subscribe.value).toEqual({
      type: 'SUBSCRIBE',
      packetId: 4,
      subscriptions: [
        { filter: 'a/#', qos: 2, noLocal: true, retainAsPublished: true, retainHandling: 2 },
        { filter: 'b', qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 },
      ],
    });

    const suback311 = only('in', { type: 'SUBACK', packetId: 10, codes: [0, 2, 0x80] });
    expect(suback311.summary).toBe('#10 QoS 0, QoS 2, failure');
    expect(suback311.error).toBe('subscription 3 refused: 0x80 Failure');
    expect(suback311.value).toEqual({ type: 'SUBACK', packetId: 10, returnCodes: [0, 2, 0x80] });

    const suback5 = only('in', { type: 'SUBACK', packetId: 4, codes: [0x00, 0x87], properties: {} }, 5);
    expect(suback5.summary).toBe('#4 QoS 0, 0x87 Not authorized');
    expect(suback5.fields).toContainEqual({ label: 'Reason code 1', value: '0x00 Granted QoS 0' });
    expect(suback5.error).toBe('subscription 2 refused: 0x87 Not authorized');
    expect(suback5.value).toEqual({ type: 'SUBACK', packetId: 4, reasonCodes: [0, 0x87] });
  });

  it('names the reason codes of MQTT 5 acknowledgements, DISCONNECT and AUTH', () => {
    const puback = only('in', { type: 'PUBACK', packetId: 1, reasonCode: 0x10, properties: {} }, 5);
    expect(puback.summary).toBe('#1 0x10 No matching subscribers');
    expect(puback.error).toBeUndefined();
    expect(puback.value).toEqual({ type: 'PUBACK', packetId: 1, reasonCode: 0x10 });
    expect(only('in', { type: 'PUBREC', packetId: 1, reasonCode: 0x97, properties: {} }, 5).error).toBe(
      '0x97 Quota exceeded',
    );

    const kicked = only(
      'in',
      { type: 'DISCONNECT', reasonCode: 0x8e, properties: { reasonString: 'bye' } },
      5,
    );
    expect(kicked.summary).toBe('0x8E Session taken over: bye');
    expect(kicked.error).toBe('0x8E Session taken over');
    expect(kicked.note).toBe('Another connection with the same client identifier took over this session.');
    expect(kicked.value).toEqual({
      type: 'DISCONNECT',
      reasonCode: 0x8e,
      properties: { reasonString: 'bye' },
    });
    expect(only('out', { type: 'DISCONNECT', reasonCode: 0, properties: {} }, 5).summary).toBe(
      '0x00 Normal disconnection',
    );
    expect(only('out', { type: 'DISCONNECT' }).value).toEqual({ type: 'DISCONNECT' });

    const auth = only(
      'in',
      { type: 'AUTH', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM-SHA-1' } },
      5,
    );
    expect(auth.summary).toBe('0x18 Continue authentication (SCRAM-SHA-1)');
  });

  it('decodes every packet of a frame, and fails naming a packet cut short', () => {
    const decoded = mqttLens.decode(frame('in', [0xd0, 0x00, 0x40, 0x02, 0x00, 0x05]), context4);
    expect(decoded.ok && decoded.messages.map((m) => m.type)).toEqual(['PINGRESP', 'PUBACK']);
    expect(mqttLens.decode(frame('in', [0x30, 0x0a, 0x00, 0x01, 0x61]), context4)).toEqual({
      ok: false,
      reason: 'Truncated PUBLISH: remaining length says 10 bytes, 3 present (7 missing)',
    });
  });

  it('reads at the connection level, 3.1.1 when unknown', () => {
    const puback5 = frame('in', [0x40, 0x03, 0x00, 0x05, 0x10]);
    expect(mqttLens.decode(puback5, context4)).toEqual({
      ok: false,
      reason: 'PUBACK: remaining length must be 2 in MQTT 3.1.1, is 3',
    });
    expect(mqttLens.decode(puback5, context5)).toMatchObject({
      ok: true,
      messages: [{ value: { reasonCode: 0x10 } }],
    });
  });

  it('never throws, whatever the frame', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 80 })),
        fc.constantFrom<'in' | 'out'>('in', 'out'),
        fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
        (data, direction, mqttLevel) => {
          const lensFrame: LensFrame = {
            direction,
            data: typeof data === 'string' ? data : data.slice().buffer,
          };
          const context = { protocol: '', ...(mqttLevel !== undefined && { mqttLevel }) };
          const decoded = mqttLens.decode(lensFrame, context);
          expect(typeof decoded.ok).toBe('boolean');
          mqttLens.learn?.(context, lensFrame);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('learn', () => {
  const learn = mqttLens.learn as NonNullable<typeof mqttLens.learn>;
  const connect5 = packetBytes({
    type: 'CONNECT',
    protocolName: 'MQTT',
    level: 5,
    cleanStart: true,
    keepAlive: 0,
    clientId: 'c',
  });

  it('takes the level from an outgoing CONNECT', () => {
    expect(learn(context4, frame('out', connect5))).toEqual({ protocol: 'mqtt', mqttLevel: 5 });
  });

  it('returns the same context when nothing changes', () => {
    expect(learn(context5, frame('out', connect5))).toBe(context5);
    expect(learn(context4, frame('in', connect5))).toBe(context4);
    expect(learn(context4, frame('out', [0xc0, 0x00]))).toBe(context4);
    expect(learn(context4, { direction: 'out', data: 'CONNECT' })).toBe(context4);
    expect(learn(context4, frame('out', [0x10, 0x02, 0x00]))).toBe(context4);
  });
});

describe('encode', () => {
  it('writes CONNECT from the form, generating a client id from the state seed', () => {
    const data = encodeBytes('connect', { clientId: '', version: '4', keepAlive: '60', cleanStart: true });
    const id = generatedClientId(7);
    expect(data).toEqual([
      0x10,
      12 + id.length,
      ...[0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c],
      0x00,
      id.length,
      ...text(id),
    ]);
    // Deterministic for one state: tests and previews agree.
    expect(encodeBytes('connect', { version: '4', keepAlive: '60' })).toEqual(data);
  });

  it('writes an MQTT 5 CONNECT with user name, password and an empty property list', () => {
    const values = {
      clientId: 'me',
      version: '5',
      keepAlive: '30',
      cleanStart: false,
      username: 'u',
      password: 'p',
    };
    expect(encodeBytes('connect', values)).toEqual([
      0x10,
      0x15,
      ...[0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x05, 0xc0, 0x00, 0x1e, 0x00],
      ...[0x00, 0x02, 0x6d, 0x65, 0x00, 0x01, 0x75, 0x00, 0x01, 0x70],
    ]);
  });

  it('names the field of an invalid CONNECT', () => {
    const base = { clientId: 'c', version: '4', keepAlive: '60', cleanStart: true };
    expect(mqttLens.encode('connect', { ...base, keepAlive: '70000' }, state())).toEqual({
      ok: false,
      error: 'Keep-alive: a whole number of seconds from 0 to 65535',
    });
    expect(mqttLens.encode('connect', { ...base, keepAlive: '1.5' }, state())).toMatchObject({ ok: false });
    expect(mqttLens.encode('connect', { ...base, keepAlive: '' }, state())).toEqual({
      ok: false,
      error: 'Keep-alive: required (0 turns it off)',
    });
    expect(mqttLens.encode('connect', { ...base, password: 'p' }, state())).toEqual({
      ok: false,
      error: 'Password: MQTT 3.1.1 sends a password only with a user name',
    });
    expect(mqttLens.encode('connect', { ...base, version: '6' }, state())).toEqual({
      ok: false,
      error: 'Version: choose 3.1.1 (4) or 5.0 (5)',
    });
    expect(mqttLens.encode('connect', { ...base, clientId: 'a\u0000' }, state())).toEqual({
      ok: false,
      error: 'Client id: contains U+0000, which MQTT forbids',
    });
    expect(mqttLens.encode('connect', { ...base, version: '5', password: 'p' }, state())).toMatchObject({
      ok: true,
    });
  });

  it('writes SUBSCRIBE and UNSUBSCRIBE with the next free packet id', () => {
    const machine = state({ lastPacketId: 4, awaiting: [5] });
    expect(encodeBytes('subscribe', { topic: 'a/+', qos: '1' }, machine)).toEqual([
      0x82, 0x08, 0x00, 0x06, 0x00, 0x03, 0x61, 0x2f, 0x2b, 0x01,
    ]);
    expect(encodeBytes('subscribe', { topic: 'a/+', qos: '1' }, { ...machine, level: 5 })).toEqual([
      0x82, 0x09, 0x00, 0x06, 0x00, 0x00, 0x03, 0x61, 0x2f, 0x2b, 0x01,
    ]);
    expect(encodeBytes('unsubscribe', { topic: '#' }, machine)).toEqual([
      0xa2, 0x05, 0x00, 0x06, 0x00, 0x01, 0x23,
    ]);
  });

  it('writes PUBLISH, with a packet id only above QoS 0', () => {
    expect(encodeBytes('publish', { topic: 'a', qos: '0', retain: true, payload: 'hi' })).toEqual([
      0x31, 0x05, 0x00, 0x01, 0x61, 0x68, 0x69,
    ]);
    expect(
      encodeBytes(
        'publish',
        { topic: 'a', qos: '2', retain: false, payload: '' },
        state({ lastPacketId: 65_535 }),
      ),
    ).toEqual([0x34, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01]);
  });

  it('names the field of an invalid topic, QoS or packet id', () => {
    expect(mqttLens.encode('publish', { topic: 'a/+', qos: '0' }, state())).toEqual({
      ok: false,
      error: 'Topic: the wildcards + and # belong in topic filters, not in a topic name',
    });
    expect(mqttLens.encode('publish', { topic: '', qos: '0' }, state())).toEqual({
      ok: false,
      error: 'Topic: required',
    });
    expect(mqttLens.encode('publish', { topic: 'a', qos: '3' }, state())).toEqual({
      ok: false,
      error: 'QoS: choose 0, 1 or 2',
    });
    expect(mqttLens.encode('subscribe', { topic: 'a/#/b', qos: '0' }, state())).toEqual({
      ok: false,
      error: 'Topic filter: # must be a whole level, and the last one',
    });
    expect(mqttLens.encode('unsubscribe', { topic: 'a+' }, state())).toEqual({
      ok: false,
      error: 'Topic filter: + must be a whole level',
    });
    const full = state({ awaiting: Array.from({ length: 65_535 }, (_, i) => i + 1) });
    expect(mqttLens.encode('publish', { topic: 'a', qos: '1' }, full)).toEqual({
      ok: false,
      error: 'Packet id: all 65535 packet ids await acknowledgement',
    });
    expect(mqttLens.encode('nope', {}, state())).toEqual({ ok: false, error: 'Unknown form "nope"' });
  });

  it('writes DISCONNECT', () => {
    expect(encodeBytes('disconnect', {})).toEqual([0xe0, 0x00]);
    expect(encodeBytes('disconnect', {}, state({ level: 5 }))).toEqual([0xe0, 0x00]);
  });

  it('decodes what it encodes', () => {
    const topic = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 20 })
      .filter((s) => !/[+#]/.test(s) && !s.includes('\u0000'));
    fc.assert(
      fc.property(
        topic,
        fc.constantFrom('0', '1', '2'),
        fc.boolean(),
        fc.string(),
        fc.constantFrom(4, 5),
        (t, qos, retain, payload, level) => {
          const result = mqttLens.encode('publish', { topic: t, qos, retain, payload }, state({ level }));
          if (!result.ok) throw new Error(result.error);
          const decoded = mqttLens.decode(frame('out', result.value[0] as Uint8Array), {
            protocol: '',
            mqttLevel: level,
          });
          expect(decoded).toMatchObject({
            ok: true,
            messages: [
              {
                value: {
                  type: 'PUBLISH',
                  topic: t,
                  qos: Number(qos),
                  retain,
                  payloadBytes: new TextEncoder().encode(payload).length,
                },
              },
            ],
          });
        },
      ),
    );
  });

  it('offers every form the composer shows', () => {
    expect(
      mqttLens.forms.map((form) => [form.id, form.label, form.fields.map((field) => field.name)]),
    ).toEqual([
      ['connect', 'Connect', ['clientId', 'version', 'keepAlive', 'cleanStart', 'username', 'password']],
      ['subscribe', 'Subscribe', ['topic', 'qos']],
      ['unsubscribe', 'Unsubscribe', ['topic']],
      ['publish', 'Publish', ['topic', 'qos', 'retain', 'payload']],
      ['disconnect', 'Disconnect', []],
    ]);
  });
});

describe('actions', () => {
  it('offers Unsubscribe on a SUBSCRIBE, with the next packet id', () => {
    const subscribe = only('out', {
      type: 'SUBSCRIBE',
      packetId: 1,
      subscriptions: [{ filter: 'a', qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 }],
    });
    const actions = mqttLens.actions?.(subscribe, state({ lastPacketId: 1 })) ?? [];
    expect(
      actions.map((action) => ({
        label: action.label,
        frames: action.frames.map((f) => Array.from(f as Uint8Array)),
      })),
    ).toEqual([{ label: 'Unsubscribe', frames: [[0xa2, 0x05, 0x00, 0x02, 0x00, 0x01, 0x61]] }]);
    expect(mqttLens.actions?.(only('in', { type: 'PINGRESP' }), state())).toEqual([]);
  });
});

describe('a session through the machine', () => {
  it('connects, subscribes, receives a QoS 1 message and acknowledges it', () => {
    let machine = state();
    let context: DecodeContext = { protocol: 'mqtt' };
    const learn = mqttLens.learn as NonNullable<typeof mqttLens.learn>;
    const feed = (lensFrame: LensFrame, now: number) => {
      context = learn(context, lensFrame);
      const step = mqttLens.machine.step(machine, { kind: 'frame', frame: lensFrame }, now);
      machine = step.state;
      return step.effects;
    };
    const sendForm = (formId: string, values: Record<string, string | boolean>, now: number) => {
      const result = mqttLens.encode(formId, values, machine);
      if (!result.ok) throw new Error(result.error);
      return feed(frame('out', result.value[0] as Uint8Array), now);
    };
    machine = mqttLens.machine.step(machine, { kind: 'open', protocol: 'mqtt' }, 0).state;
    sendForm('connect', { clientId: 'me', version: '5', keepAlive: '10', cleanStart: true }, 0);
    expect(context.mqttLevel).toBe(5);
    expect(
      feed(
        frame('in', packetBytes({ type: 'CONNACK', sessionPresent: false, code: 0, properties: {} }, 5)),
        5,
      ),
    ).toEqual([{ kind: 'set-timer', at: 10_000 }]);
    sendForm('subscribe', { topic: 'news/#', qos: '1' }, 1000);
    expect(machine.awaiting).toEqual([1]);
    feed(frame('in', packetBytes({ type: 'SUBACK', packetId: 1, codes: [1], properties: {} }, 5)), 1100);
    expect(machine.awaiting).toEqual([]);
    const publish = packetBytes(
      {
        type: 'PUBLISH',
        topic: 'news/a',
        qos: 1,
        retain: false,
        dup: false,
        packetId: 42,
        payload: text('x'),
        properties: {},
      },
      5,
    );
    const effects = feed(frame('in', publish), 2000);
    const ack = effects.find((effect) => effect.kind === 'send');
    expect(ack).toMatchObject({ label: 'PUBACK #42' });
    const ackFrame = frame('out', (ack as { data: Uint8Array }).data);
    const decodedAck = mqttLens.decode(ackFrame, context);
    expect(decodedAck).toMatchObject({
      ok: true,
      messages: [{ type: 'PUBACK', correlation: { key: 'packet:in:42', role: 'reply' } }],
    });
    expect(feed(ackFrame, 2001)).toEqual([{ kind: 'set-timer', at: 12_001 }]);
    expect(sendForm('publish', { topic: 'news/b', qos: '1', payload: 'y' }, 3000)).toEqual([
      { kind: 'set-timer', at: 13_000 },
    ]);
    expect(machine.awaiting).toEqual([2]);
  });
});
