import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeContext, LensFrame, ProtocolMessage } from '../lens';
import { decodeGraphqlWsFrame } from './graphql-ws-decode';

const TRANSPORT: DecodeContext = { protocol: 'graphql-transport-ws' };
const LEGACY: DecodeContext = { protocol: 'graphql-ws' };
const inbound = (data: string | ArrayBuffer): LensFrame => ({ direction: 'in', data });
const outbound = (data: string | ArrayBuffer): LensFrame => ({ direction: 'out', data });

function only(frame: LensFrame, context: DecodeContext = TRANSPORT): ProtocolMessage {
  const decoded = decodeGraphqlWsFrame(frame, context);
  if (!decoded.ok) throw new Error(`expected a message, got: ${decoded.reason}`);
  expect(decoded.messages).toHaveLength(1);
  return decoded.messages[0] as ProtocolMessage;
}

describe('graphql-transport-ws', () => {
  it('shows a subscribe with its query on one line, and correlates the operation', () => {
    const subscribe = only(
      outbound(
        '{"id":"1","type":"subscribe","payload":{"query":"subscription {\\n  greetings\\n}","variables":{"n":1}}}',
      ),
    );
    expect(subscribe).toMatchObject({
      type: 'subscribe',
      summary: 'subscribe 1: subscription { greetings }',
      body: 'subscription {\n  greetings\n}',
      value: {
        type: 'subscribe',
        id: '1',
        payload: { query: 'subscription {\n  greetings\n}', variables: { n: 1 } },
      },
      correlation: { key: 'op:1', role: 'member' },
    });
    expect(subscribe.fields).toEqual([
      { label: 'Operation id', value: '1' },
      { label: 'Variables', value: '{"n":1}' },
    ]);
  });

  it('names the operation when the subscribe gives its name', () => {
    const named = only(
      outbound(
        '{"id":"2","type":"subscribe","payload":{"query":"subscription OnGreet { greetings }","operationName":"OnGreet"}}',
      ),
    );
    expect(named.summary).toBe('subscribe 2 OnGreet: subscription OnGreet { greetings }');
    expect(named.fields).toContainEqual({ label: 'Operation name', value: 'OnGreet' });
  });

  it('shows results, with resolver errors as the error', () => {
    const next = only(inbound('{"id":"1","type":"next","payload":{"data":{"greetings":"Hi"}}}'));
    expect(next).toMatchObject({
      type: 'next',
      summary: 'next 1: {"data":{"greetings":"Hi"}}',
      body: '{"data":{"greetings":"Hi"}}',
      correlation: { key: 'op:1', role: 'member' },
    });
    expect(next.error).toBeUndefined();
    const partial = only(
      inbound('{"id":"1","type":"next","payload":{"data":null,"errors":[{"message":"Boom"}]}}'),
    );
    expect(partial.error).toBe('Boom');
    expect(partial.fields).toContainEqual({ label: 'Error', value: 'Boom' });
  });

  it('lists each GraphQL error of an error message', () => {
    const error = only(
      inbound(
        '{"id":"3","type":"error","payload":[{"message":"Cannot query field \\"x\\""},{"message":"Second"}]}',
      ),
    );
    expect(error).toMatchObject({
      type: 'error',
      summary: 'error 3: Cannot query field "x"; Second',
      error: 'Cannot query field "x"; Second',
      correlation: { key: 'op:3', role: 'member' },
    });
    expect(error.fields).toEqual([
      { label: 'Operation id', value: '3' },
      { label: 'Error 1', value: 'Cannot query field "x"' },
      { label: 'Error 2', value: 'Second' },
    ]);
    expect(error.note).toMatch(/no complete follows/);
  });

  it('shows connection messages, pings and completes', () => {
    expect(only(outbound('{"type":"connection_init","payload":{"token":"t"}}'))).toMatchObject({
      summary: 'connection_init {"token":"t"}',
      body: '{"token":"t"}',
      value: { type: 'connection_init', payload: { token: 't' } },
    });
    expect(only(inbound('{"type":"connection_ack"}'))).toMatchObject({
      summary: 'connection_ack',
      value: { type: 'connection_ack' },
    });
    expect(only(inbound('{"type":"ping"}')).note).toBe(
      'The server checks the connection; the other side answers pong.',
    );
    expect(only(outbound('{"type":"pong","payload":{"t":1}}')).summary).toBe('pong {"t":1}');
    const complete = only(inbound('{"id":"1","type":"complete"}'));
    expect(complete).toMatchObject({ summary: 'complete 1', correlation: { key: 'op:1', role: 'member' } });
    expect(complete.note).toBe('Operation 1 is done: no more results will come.');
    expect(only(outbound('{"id":"1","type":"complete"}')).note).toBe(
      'The client stops listening to operation 1.',
    );
  });

  it('notes a message sent by the wrong side', () => {
    expect(only(inbound('{"id":"1","type":"subscribe","payload":{"query":"{a}"}}')).note).toBe(
      'Only the client sends subscribe; a server sending it breaks the protocol.',
    );
  });

  it('refuses invalid JSON, unknown types, forbidden messages and binary frames', () => {
    const reason = (frame: LensFrame, context = TRANSPORT) => {
      const decoded = decodeGraphqlWsFrame(frame, context);
      return decoded.ok ? 'decoded' : decoded.reason;
    };
    expect(reason(inbound('nope'))).toMatch(/^Not JSON: /);
    expect(reason(inbound('{"type":"hello"}'))).toBe('Unknown message type "hello" in graphql-transport-ws');
    expect(reason(outbound('{"type":"subscribe","payload":{"query":"{a}"}}'))).toBe(
      'subscribe without an id',
    );
    expect(reason(inbound('{"type":"ka"}'))).toBe(
      '"ka" belongs to the legacy graphql-ws protocol, but this connection speaks graphql-transport-ws',
    );
    expect(reason(inbound('{"type":"ka"}'), { protocol: '' })).toMatch(/^"ka" belongs to the legacy/);
    expect(reason(inbound(new Uint8Array(3).buffer))).toBe(
      'Binary frame of 3 bytes: GraphQL over WebSocket messages are JSON text',
    );
  });
});

describe('legacy graphql-ws', () => {
  it('shows start, data, error, stop, ka and connection_error', () => {
    expect(
      only(outbound('{"id":"1","type":"start","payload":{"query":"subscription { greetings }"}}'), LEGACY),
    ).toMatchObject({
      type: 'start',
      summary: 'start 1: subscription { greetings }',
      correlation: { key: 'op:1', role: 'member' },
    });
    expect(
      only(inbound('{"id":"1","type":"data","payload":{"data":{"greetings":"Hi"}}}'), LEGACY).summary,
    ).toBe('data 1: {"data":{"greetings":"Hi"}}');
    expect(
      only(inbound('{"id":"1","type":"error","payload":{"message":"Bad query"}}'), LEGACY),
    ).toMatchObject({
      summary: 'error 1: Bad query',
      error: 'Bad query',
    });
    expect(only(outbound('{"id":"1","type":"stop"}'), LEGACY)).toMatchObject({
      summary: 'stop 1',
      correlation: { key: 'op:1', role: 'member' },
    });
    expect(only(inbound('{"type":"ka"}'), LEGACY)).toMatchObject({
      summary: 'ka',
      note: 'Keep-alive from the server.',
    });
    expect(only(inbound('{"type":"connection_error","payload":{"message":"Denied"}}'), LEGACY)).toMatchObject(
      {
        summary: 'connection_error: Denied',
        error: 'Denied',
      },
    );
    expect(only(outbound('{"type":"connection_terminate"}'), LEGACY).correlation).toBeUndefined();
  });
});

describe('decoding arbitrary input', () => {
  it('never throws', () => {
    const data = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record(
          {
            type: fc.constantFrom(
              'subscribe',
              'start',
              'next',
              'data',
              'error',
              'complete',
              'ping',
              'connection_error',
            ),
            id: fc.oneof(fc.string(), fc.jsonValue()),
            payload: fc.jsonValue(),
          },
          { requiredKeys: ['type'] },
        )
        .map((value) => JSON.stringify(value)),
      fc.uint8Array().map((array) => array.buffer as ArrayBuffer),
    );
    fc.assert(
      fc.property(
        data,
        fc.constantFrom('in' as const, 'out' as const),
        fc.constantFrom('', 'graphql-ws', 'graphql-transport-ws'),
        (frame, direction, protocol) => {
          const decoded = decodeGraphqlWsFrame({ direction, data: frame }, { protocol });
          if (decoded.ok) expect(decoded.messages[0]?.summary).not.toBe('');
          else expect(decoded.reason).not.toBe('');
        },
      ),
    );
  });
});
