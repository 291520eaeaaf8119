import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dialectOf,
  encodeGraphqlMessage,
  errorMessages,
  parseGraphqlMessage,
  type GraphqlDialect,
} from './graphql-ws-codec';

const TRANSPORT: GraphqlDialect = 'graphql-transport-ws';
const LEGACY: GraphqlDialect = 'graphql-ws';

const reason = (text: string, dialect: GraphqlDialect = TRANSPORT) => {
  const result = parseGraphqlMessage(text, dialect);
  return result.ok ? 'decoded' : result.error;
};

describe('dialectOf', () => {
  it('reads graphql-ws as the legacy protocol and anything else as graphql-transport-ws', () => {
    expect(dialectOf('graphql-ws')).toBe('graphql-ws');
    expect(dialectOf('graphql-transport-ws')).toBe('graphql-transport-ws');
    expect(dialectOf('')).toBe('graphql-transport-ws');
    expect(dialectOf('chat')).toBe('graphql-transport-ws');
  });
});

describe('graphql-transport-ws messages, from the protocol', () => {
  it('reads every message type', () => {
    expect(parseGraphqlMessage('{"type":"connection_init","payload":{"token":"t"}}', TRANSPORT)).toEqual({
      ok: true,
      value: { type: 'connection_init', payload: { token: 't' } },
    });
    expect(reason('{"type":"connection_ack"}')).toBe('decoded');
    expect(reason('{"type":"ping"}')).toBe('decoded');
    expect(reason('{"type":"pong","payload":{"t":1}}')).toBe('decoded');
    expect(
      parseGraphqlMessage(
        '{"id":"1","type":"subscribe","payload":{"query":"subscription Sub { countdown(from: 10) }"}}',
        TRANSPORT,
      ),
    ).toEqual({
      ok: true,
      value: { type: 'subscribe', id: '1', payload: { query: 'subscription Sub { countdown(from: 10) }' } },
    });
    expect(reason('{"id":"1","type":"next","payload":{"data":{"countdown":10}}}')).toBe('decoded');
    expect(reason('{"id":"1","type":"error","payload":[{"message":"Bad"}]}')).toBe('decoded');
    expect(reason('{"id":"1","type":"complete"}')).toBe('decoded');
  });

  it('refuses what the protocol forbids, saying why', () => {
    expect(reason('{"type":"subscribe","payload":{"query":"{ a }"}}')).toBe('subscribe without an id');
    expect(reason('{"id":"","type":"next","payload":{}}')).toBe('next id must be a non-empty string, got ""');
    expect(reason('{"id":1,"type":"complete"}')).toBe('complete id must be a non-empty string, got 1');
    expect(reason('{"id":"1","type":"subscribe","payload":{}}')).toBe(
      'subscribe payload.query must be a string',
    );
    expect(reason('{"id":"1","type":"subscribe"}')).toBe(
      'subscribe payload must be an object with the query',
    );
    expect(reason('{"id":"1","type":"subscribe","payload":{"query":"{a}","variables":[1]}}')).toBe(
      'subscribe payload.variables must be an object',
    );
    expect(reason('{"id":"1","type":"subscribe","payload":{"query":"{a}","operationName":3}}')).toBe(
      'subscribe payload.operationName must be a string',
    );
    expect(reason('{"id":"1","type":"error","payload":[]}')).toBe(
      'error payload must be a non-empty array of GraphQL errors',
    );
    expect(reason('{"id":"1","type":"error","payload":[{"msg":"x"}]}')).toBe(
      'error payload must hold GraphQL errors, each with a message',
    );
    expect(reason('{"id":"1","type":"next","payload":[]}')).toBe(
      'next payload must be an execution result object',
    );
    expect(reason('{"id":"1","type":"complete","payload":{}}')).toBe('complete carries no payload');
    expect(reason('{"type":"ping","payload":"x"}')).toBe('ping payload must be a JSON object');
  });

  it('refuses what is not a message, and types of the other dialect', () => {
    expect(reason('{"type":')).toMatch(/^Not JSON: /);
    expect(reason('[1]')).toBe('Not a GraphQL over WebSocket message: expected a JSON object with a type');
    expect(reason('{}')).toBe('Message without a type');
    expect(reason('{"type":7}')).toBe('Message type must be a string, got 7');
    expect(reason('{"type":"hello"}')).toBe('Unknown message type "hello" in graphql-transport-ws');
    expect(reason('{"type":"toString"}')).toBe('Unknown message type "toString" in graphql-transport-ws');
    expect(reason('{"id":"1","type":"start","payload":{"query":"{a}"}}')).toBe(
      '"start" belongs to the legacy graphql-ws protocol, but this connection speaks graphql-transport-ws',
    );
  });
});

describe('legacy graphql-ws messages, from subscriptions-transport-ws', () => {
  it('reads every message type', () => {
    for (const text of [
      '{"type":"connection_init","payload":{"authToken":"t"}}',
      '{"type":"connection_ack"}',
      '{"type":"connection_error","payload":{"message":"Denied"}}',
      '{"type":"ka"}',
      '{"id":"1","type":"start","payload":{"query":"subscription { greetings }","variables":{},"operationName":null}}',
      '{"id":"1","type":"data","payload":{"data":{"greetings":"Hi"}}}',
      '{"id":"1","type":"error","payload":{"message":"Cannot query field"}}',
      '{"id":"1","type":"complete"}',
      '{"id":"1","type":"stop"}',
      '{"type":"connection_terminate"}',
    ]) {
      expect(reason(text, LEGACY)).toBe('decoded');
    }
  });

  it('refuses what the legacy protocol forbids', () => {
    expect(reason('{"type":"start","payload":{"query":"{a}"}}', LEGACY)).toBe('start without an id');
    expect(reason('{"type":"stop"}', LEGACY)).toBe('stop without an id');
    expect(reason('{"id":"1","type":"subscribe","payload":{"query":"{a}"}}', LEGACY)).toBe(
      '"subscribe" belongs to graphql-transport-ws, but this connection speaks the legacy graphql-ws protocol',
    );
    expect(reason('{"type":"ping"}', LEGACY)).toBe(
      '"ping" belongs to graphql-transport-ws, but this connection speaks the legacy graphql-ws protocol',
    );
  });
});

describe('errorMessages', () => {
  it('lists the message of each GraphQL error, or of the one legacy error', () => {
    expect(errorMessages([{ message: 'a' }, { message: 'b', path: ['x'] }])).toEqual(['a', 'b']);
    expect(errorMessages({ message: 'only' })).toEqual(['only']);
    expect(errorMessages('text')).toEqual(['text']);
    expect(errorMessages([{ code: 1 }])).toEqual(['{"code":1}']);
  });
});

describe('round trip and arbitrary input', () => {
  const id = fc.string({ minLength: 1 });
  const object = fc.dictionary(fc.string(), fc.jsonValue());
  const message = fc.oneof(
    fc.record(
      {
        type: fc.constantFrom('connection_init', 'connection_ack', 'ping', 'pong'),
        payload: fc.option(object, { nil: undefined }),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({
      type: fc.constant('subscribe'),
      id,
      payload: fc.record(
        { query: fc.string(), variables: fc.option(object, { nil: undefined }) },
        { requiredKeys: ['query'] },
      ),
    }),
    fc.record({ type: fc.constant('next'), id, payload: object }),
    fc.record({
      type: fc.constant('error'),
      id,
      payload: fc.array(fc.record({ message: fc.string() }), { minLength: 1 }),
    }),
    fc.record({ type: fc.constant('complete'), id }),
  );

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(message, (written) => {
        const read = parseGraphqlMessage(encodeGraphqlMessage(written), TRANSPORT);
        expect(read).toEqual({ ok: true, value: JSON.parse(JSON.stringify(written)) });
      }),
    );
  });

  it('writes type, id and payload in that order', () => {
    expect(encodeGraphqlMessage({ payload: { query: '{a}' }, id: '1', type: 'subscribe' })).toBe(
      '{"type":"subscribe","id":"1","payload":{"query":"{a}"}}',
    );
  });

  it('never throws, whatever the text', () => {
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record(
          {
            type: fc.constantFrom('subscribe', 'start', 'next', 'data', 'error', 'ka', 'x'),
            id: fc.jsonValue(),
            payload: fc.jsonValue(),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(TRANSPORT, LEGACY), (data, dialect) => {
        const result = parseGraphqlMessage(data, dialect);
        if (!result.ok) expect(result.error).not.toBe('');
      }),
    );
  });
});
