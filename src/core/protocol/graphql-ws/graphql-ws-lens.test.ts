import { describe, expect, it } from 'vitest';
import type { ProtocolMessage } from '../lens';
import { graphqlWsLens, type GraphqlWsState } from './graphql-ws-lens';

const transport: GraphqlWsState = { ...graphqlWsLens.machine.initial({}), dialect: 'graphql-transport-ws' };
const legacy: GraphqlWsState = { ...transport, dialect: 'graphql-ws' };

function decoded(data: string, protocol = 'graphql-transport-ws'): ProtocolMessage {
  const result = graphqlWsLens.decode({ direction: 'in', data }, { protocol });
  if (!result.ok) throw new Error(result.reason);
  return result.messages[0] as ProtocolMessage;
}

describe('graphqlWsLens', () => {
  it('is the graphql-ws lens with Subscribe and Ping forms', () => {
    expect(graphqlWsLens.id).toBe('graphql-ws');
    expect(graphqlWsLens.forms.map((form) => [form.id, form.label])).toEqual([
      ['subscribe', 'Subscribe'],
      ['ping', 'Ping'],
    ]);
  });

  it('subscribes with the next operation id, as start in the legacy dialect', () => {
    const values = { query: 'subscription { greetings }', variables: '', operationName: '' };
    expect(graphqlWsLens.encode('subscribe', values, transport)).toEqual({
      ok: true,
      value: ['{"type":"subscribe","id":"1","payload":{"query":"subscription { greetings }"}}'],
    });
    expect(graphqlWsLens.encode('subscribe', values, { ...legacy, lastOperationId: 9 })).toEqual({
      ok: true,
      value: ['{"type":"start","id":"10","payload":{"query":"subscription { greetings }"}}'],
    });
    expect(
      graphqlWsLens.encode(
        'subscribe',
        { query: 'query Q($n: Int) { a(n: $n) }', variables: '{"n":2}', operationName: ' Q ' },
        transport,
      ),
    ).toEqual({
      ok: true,
      value: [
        '{"type":"subscribe","id":"1","payload":{"query":"query Q($n: Int) { a(n: $n) }","variables":{"n":2},"operationName":"Q"}}',
      ],
    });
  });

  it('pings in graphql-transport-ws only', () => {
    expect(graphqlWsLens.encode('ping', {}, transport)).toEqual({ ok: true, value: ['{"type":"ping"}'] });
    expect(graphqlWsLens.encode('ping', { payload: '{"t":1}' }, transport)).toEqual({
      ok: true,
      value: ['{"type":"ping","payload":{"t":1}}'],
    });
    expect(graphqlWsLens.encode('ping', {}, legacy)).toEqual({
      ok: false,
      error: 'Ping: the legacy graphql-ws protocol has no ping; its server sends ka keep-alives instead',
    });
  });

  it('names the field that is wrong', () => {
    expect(graphqlWsLens.encode('subscribe', { query: '  ' }, transport)).toEqual({
      ok: false,
      error: 'Query: required',
    });
    const badVariables = graphqlWsLens.encode('subscribe', { query: '{a}', variables: '{' }, transport);
    expect(badVariables.ok ? '' : badVariables.error).toMatch(/^Variables: not JSON: /);
    expect(graphqlWsLens.encode('subscribe', { query: '{a}', variables: '[1]' }, transport)).toEqual({
      ok: false,
      error: 'Variables: must be a JSON object',
    });
    expect(graphqlWsLens.encode('ping', { payload: '3' }, transport)).toEqual({
      ok: false,
      error: 'Payload: must be a JSON object',
    });
    expect(graphqlWsLens.encode('mutate', {}, transport)).toEqual({
      ok: false,
      error: 'Unknown form "mutate"',
    });
  });

  it('offers Complete on messages of a running operation only', () => {
    const running = { ...transport, running: ['1'] };
    const next = decoded('{"id":"1","type":"next","payload":{"data":{}}}');
    expect(graphqlWsLens.actions?.(next, running)).toEqual([
      { label: 'Complete', frames: ['{"type":"complete","id":"1"}'] },
    ]);
    expect(graphqlWsLens.actions?.(next, transport)).toEqual([]);
    expect(graphqlWsLens.actions?.(decoded('{"type":"connection_ack"}'), running)).toEqual([]);
    const data = decoded('{"id":"1","type":"data","payload":{"data":{}}}', 'graphql-ws');
    expect(graphqlWsLens.actions?.(data, { ...legacy, running: ['1'] })).toEqual([
      { label: 'Complete', frames: ['{"type":"stop","id":"1"}'] },
    ]);
  });

  it('decodes what it encodes', () => {
    const sent = graphqlWsLens.encode('subscribe', { query: '{ a }', variables: '{"x":1}' }, transport);
    if (!sent.ok) throw new Error(sent.error);
    expect(
      graphqlWsLens.decode({ direction: 'out', data: sent.value[0] as string }, { protocol: '' }),
    ).toMatchObject({
      ok: true,
      messages: [{ value: { type: 'subscribe', id: '1', payload: { query: '{ a }', variables: { x: 1 } } } }],
    });
  });
});
