import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeEnginePacket,
  encodeSocketPacket,
  ENGINE_PACKET_TYPES,
  parseEnginePacket,
  parseSocketHeader,
  parseSocketPacket,
  RESERVED_EVENTS,
  type SocketPacketToEncode,
} from './socket-io-codec';

describe('Engine.IO packets', () => {
  it('reads each type digit and keeps the data after it', () => {
    expect(parseEnginePacket('4hello')).toEqual({ ok: true, value: { type: 'message', data: 'hello' } });
    expect(parseEnginePacket('2probe')).toEqual({ ok: true, value: { type: 'ping', data: 'probe' } });
    expect(parseEnginePacket('3')).toEqual({ ok: true, value: { type: 'pong', data: '' } });
    expect(parseEnginePacket('6')).toEqual({ ok: true, value: { type: 'noop', data: '' } });
  });

  it('refuses an empty frame and unknown type digits', () => {
    expect(parseEnginePacket('')).toEqual({
      ok: false,
      error: 'Empty frame: an Engine.IO packet starts with its type digit 0–6',
    });
    expect(parseEnginePacket('7x')).toEqual({
      ok: false,
      error: 'Unknown Engine.IO packet type "7": expected a digit 0–6',
    });
    expect(parseEnginePacket('hello').ok).toBe(false);
  });

  it('round-trips every type with any data', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENGINE_PACKET_TYPES), fc.string(), (type, data) => {
        expect(parseEnginePacket(encodeEnginePacket({ type, data }))).toEqual({
          ok: true,
          value: { type, data },
        });
      }),
    );
  });
});

describe('Socket.IO packets, from the protocol specification', () => {
  it('reads CONNECT to the main and a custom namespace', () => {
    expect(parseSocketPacket('0')).toEqual({
      ok: true,
      value: { type: 'CONNECT', attachments: 0, namespace: '/', payloadStart: 1 },
    });
    expect(parseSocketPacket('0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"}')).toMatchObject({
      ok: true,
      value: { type: 'CONNECT', namespace: '/admin', payload: { sid: 'oSO0OpakMV_3jnilAAAA' } },
    });
  });

  it('reads CONNECT_ERROR, DISCONNECT and EVENT', () => {
    expect(parseSocketPacket('4{"message":"Not authorized"}')).toMatchObject({
      ok: true,
      value: { type: 'CONNECT_ERROR', namespace: '/', payload: { message: 'Not authorized' } },
    });
    expect(parseSocketPacket('1/admin,')).toMatchObject({
      ok: true,
      value: { type: 'DISCONNECT', namespace: '/admin' },
    });
    expect(parseSocketPacket('2/admin,["bar"]')).toMatchObject({
      ok: true,
      value: { type: 'EVENT', namespace: '/admin', payload: ['bar'], payloadText: '["bar"]' },
    });
  });

  it('reads ack ids, with and without a namespace', () => {
    expect(parseSocketPacket('212["foo"]')).toMatchObject({ ok: true, value: { type: 'EVENT', ackId: 12 } });
    expect(parseSocketPacket('3/admin,13["bar"]')).toMatchObject({
      ok: true,
      value: { type: 'ACK', namespace: '/admin', ackId: 13, payload: ['bar'] },
    });
  });

  it('reads the attachment count of binary packets', () => {
    expect(parseSocketPacket('51-["baz",{"_placeholder":true,"num":0}]')).toMatchObject({
      ok: true,
      value: { type: 'BINARY_EVENT', attachments: 1, namespace: '/' },
    });
    expect(
      parseSocketPacket('52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'),
    ).toMatchObject({ ok: true, value: { type: 'BINARY_EVENT', attachments: 2, namespace: '/admin' } });
    expect(parseSocketPacket('61-15["bar",{"_placeholder":true,"num":0}]')).toMatchObject({
      ok: true,
      value: { type: 'BINARY_ACK', attachments: 1, ackId: 15 },
    });
  });

  it('writes the same packets the specification shows', () => {
    expect(encodeSocketPacket({ type: 'CONNECT', namespace: '/' })).toBe('0');
    expect(encodeSocketPacket({ type: 'CONNECT', namespace: '/admin' })).toBe('0/admin,');
    expect(encodeSocketPacket({ type: 'DISCONNECT', namespace: '/admin' })).toBe('1/admin,');
    expect(encodeSocketPacket({ type: 'EVENT', namespace: '/', ackId: 12, payload: ['foo'] })).toBe(
      '212["foo"]',
    );
    expect(encodeSocketPacket({ type: 'ACK', namespace: '/admin', ackId: 13, payload: ['bar'] })).toBe(
      '3/admin,13["bar"]',
    );
    expect(
      encodeSocketPacket({
        type: 'BINARY_ACK',
        namespace: '/',
        ackId: 15,
        attachments: 1,
        payload: ['bar', { _placeholder: true, num: 0 }],
      }),
    ).toBe('61-15["bar",{"_placeholder":true,"num":0}]');
  });

  it('reads the header without parsing the payload', () => {
    expect(parseSocketHeader('2/chat,7{not json')).toEqual({
      ok: true,
      value: { type: 'EVENT', attachments: 0, namespace: '/chat', ackId: 7, payloadStart: 8 },
    });
  });
});

describe('malformed Socket.IO packets', () => {
  const reason = (text: string) => {
    const result = parseSocketPacket(text);
    return result.ok ? 'decoded' : result.error;
  };

  it('names what is wrong', () => {
    expect(reason('')).toBe('Empty Socket.IO packet: expected a packet type digit 0–6');
    expect(reason('9')).toBe('Unknown Socket.IO packet type "9": expected a digit 0–6');
    expect(reason('2["foo"')).toMatch(/^EVENT payload is not JSON: /);
    expect(reason('5["foo"]')).toBe(
      'BINARY_EVENT without its attachment count: expected digits and "-" after the type digit',
    );
    expect(reason('2[]')).toBe('EVENT payload must be a non-empty array: [name, ...args]');
    expect(reason('2{"a":1}')).toBe('EVENT payload must be a non-empty array: [name, ...args]');
    expect(reason('2[null]')).toBe('EVENT name must be a string, got null');
    expect(reason('2["disconnect"]')).toBe('EVENT name "disconnect" is reserved by Socket.IO');
    expect(reason('3["x"]')).toBe('ACK without its ack id');
    expect(reason('31{"x":1}')).toBe('ACK payload must be an array of arguments');
    expect(reason('0[1]')).toBe('CONNECT payload must be a JSON object');
    expect(reason('1{}')).toBe('DISCONNECT carries no payload');
    expect(reason('4[]')).toBe('CONNECT_ERROR payload must be an error object or message');
    expect(reason('2123456789012345678901["x"]')).toBe('EVENT: ack id 123456789012345678901 too large');
  });

  it('accepts the older string CONNECT_ERROR and an empty ACK', () => {
    expect(reason('4"Not authorized"')).toBe('decoded');
    expect(reason('31[]')).toBe('decoded');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseSocketPacket(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('0', '1', '2', '3', '4', '5', '6'), fc.string(), (type, rest) => {
        expect(typeof parseSocketPacket(type + rest).ok).toBe('boolean');
      }),
    );
  });
});

describe('Socket.IO round trip', () => {
  const namespace = fc.oneof(fc.constant('/'), fc.stringMatching(/^\/[a-z0-9/_-]{0,12}$/));
  const args = fc.array(fc.jsonValue(), { maxLength: 4 });
  const packet: fc.Arbitrary<SocketPacketToEncode> = fc.oneof(
    fc.record({
      type: fc.constant('CONNECT' as const),
      namespace,
      payload: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
    }),
    fc.record({ type: fc.constant('DISCONNECT' as const), namespace }),
    fc.record({
      type: fc.constantFrom('EVENT' as const, 'BINARY_EVENT' as const),
      namespace,
      ackId: fc.option(fc.nat(), { nil: undefined }),
      attachments: fc.nat({ max: 5 }),
      payload: fc
        .tuple(
          fc.string().filter((name) => !RESERVED_EVENTS.includes(name)),
          args,
        )
        .map(([name, rest]) => [name, ...rest]),
    }),
    fc.record({
      type: fc.constantFrom('ACK' as const, 'BINARY_ACK' as const),
      namespace,
      ackId: fc.nat(),
      attachments: fc.nat({ max: 5 }),
      payload: args,
    }),
    fc.record({
      type: fc.constant('CONNECT_ERROR' as const),
      namespace,
      payload: fc.record({ message: fc.string() }),
    }),
  );

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(packet, (written) => {
        const read = parseSocketPacket(encodeSocketPacket(written));
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        const binary = written.type === 'BINARY_EVENT' || written.type === 'BINARY_ACK';
        expect(read.value.type).toBe(written.type);
        expect(read.value.namespace).toBe(written.namespace);
        expect(read.value.ackId).toBe(written.ackId);
        expect(read.value.attachments).toBe(binary ? written.attachments : 0);
        expect(read.value.payload).toEqual(
          written.payload === undefined ? undefined : JSON.parse(JSON.stringify(written.payload)),
        );
      }),
    );
  });
});
