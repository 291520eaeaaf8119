import { describe, expect, it } from 'vitest';
import type { LensEffect, LensInput } from '../lens';
import { inbound, outbound, runMachine } from '../machine.test-support';
import { graphqlWsMachine, type GraphqlWsState } from './graphql-ws-machine';

const open = (protocol = 'graphql-transport-ws'): LensInput => ({ kind: 'open', protocol });

const run = (inputs: readonly LensInput[], state?: GraphqlWsState) =>
  runMachine(graphqlWsMachine, inputs, state);

const sentData = (sent: readonly LensEffect[]) =>
  sent.map((effect) => (effect.kind === 'send' ? effect.data : effect.kind));

describe('graphqlWsMachine', () => {
  it('sends connection_init on open, with the handshake payload when there is one', () => {
    expect(run([open()]).sent).toEqual([
      { kind: 'send', data: '{"type":"connection_init"}', label: 'connection_init' },
    ]);
    const withPayload = graphqlWsMachine.initial({ handshakePayload: { token: 'abc' } });
    expect(sentData(run([open('graphql-ws')], withPayload).sent)).toEqual([
      '{"type":"connection_init","payload":{"token":"abc"}}',
    ]);
    expect(sentData(run([open()], graphqlWsMachine.initial({ handshakePayload: { n: 1n } })).sent)).toEqual([
      '{"type":"connection_init"}',
    ]);
  });

  it('takes the dialect from the negotiated subprotocol', () => {
    expect(run([open('graphql-ws')]).state.dialect).toBe('graphql-ws');
    expect(run([open('')]).state.dialect).toBe('graphql-transport-ws');
  });

  it('answers a server ping with a pong echoing its payload, and never its own', () => {
    expect(run([open(), inbound('{"type":"ping"}')]).sent.slice(1)).toEqual([
      { kind: 'send', data: '{"type":"pong"}', label: 'pong' },
    ]);
    expect(sentData(run([open(), inbound('{"type":"ping","payload":{"t":1}}')]).sent.slice(1))).toEqual([
      '{"type":"pong","payload":{"t":1}}',
    ]);
    expect(run([open(), outbound('{"type":"ping"}'), inbound('{"type":"pong"}')]).sent).toHaveLength(1);
  });

  it('sends no pong in the legacy dialect, and nothing for ka', () => {
    expect(run([open('graphql-ws'), inbound('{"type":"ping"}'), inbound('{"type":"ka"}')]).sent).toHaveLength(
      1,
    );
  });

  it('follows operation ids and which operations still run', () => {
    let { state } = run([
      open(),
      inbound('{"type":"connection_ack"}'),
      outbound('{"id":"1","type":"subscribe","payload":{"query":"{a}"}}'),
      outbound('{"id":"7","type":"subscribe","payload":{"query":"{a}"}}'),
      outbound('{"id":"custom","type":"subscribe","payload":{"query":"{a}"}}'),
    ]);
    expect(state).toMatchObject({ acknowledged: true, lastOperationId: 7, running: ['1', '7', 'custom'] });
    ({ state } = run(
      [
        inbound('{"id":"1","type":"complete"}'),
        inbound('{"id":"7","type":"error","payload":[{"message":"x"}]}'),
      ],
      state,
    ));
    expect(state.running).toEqual(['custom']);
    ({ state } = run([outbound('{"id":"custom","type":"complete"}')], state));
    expect(state.running).toEqual([]);
  });

  it('ends legacy operations with stop, and all of them with connection_terminate', () => {
    let { state } = run([
      open('graphql-ws'),
      outbound('{"id":"1","type":"start","payload":{"query":"{a}"}}'),
      outbound('{"id":"2","type":"start","payload":{"query":"{a}"}}'),
      outbound('{"id":"1","type":"stop"}'),
    ]);
    expect(state.running).toEqual(['2']);
    ({ state } = run([outbound('{"type":"connection_terminate"}')], state));
    expect(state.running).toEqual([]);
  });

  it('resets the connection on close but keeps ids monotonic', () => {
    let { state } = run([
      open(),
      inbound('{"type":"connection_ack"}'),
      outbound('{"id":"4","type":"subscribe","payload":{"query":"{a}"}}'),
    ]);
    ({ state } = run([{ kind: 'close' }], state));
    expect(state).toMatchObject({ running: [], acknowledged: false, lastOperationId: 4 });
    ({ state } = run([open(), outbound('{"id":"2","type":"subscribe","payload":{"query":"{a}"}}')], state));
    expect(state.lastOperationId).toBe(4);
  });

  it('ignores what it cannot read and needs no timer', () => {
    const state = run([open()]).state;
    for (const input of [
      inbound('nope'),
      inbound('[1]'),
      inbound(new ArrayBuffer(1)),
      { kind: 'timer' } as const,
    ]) {
      expect(graphqlWsMachine.step(state, input, 0)).toEqual({ state, effects: [] });
    }
  });

  it('does not mutate the state it is given', () => {
    const frozen = Object.freeze({ ...graphqlWsMachine.initial({}), running: Object.freeze(['1']) });
    expect(() =>
      run(
        [
          open(),
          outbound('{"id":"2","type":"subscribe","payload":{"query":"{a}"}}'),
          inbound('{"id":"1","type":"complete"}'),
        ],
        frozen,
      ),
    ).not.toThrow();
    expect(frozen.running).toEqual(['1']);
  });
});
