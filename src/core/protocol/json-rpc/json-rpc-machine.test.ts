import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LensInput } from '../lens';
import { jsonRpcMachine, type JsonRpcState } from './json-rpc-machine';

const out = (data: string | ArrayBuffer): LensInput => ({ kind: 'frame', frame: { direction: 'out', data } });
const inbound = (data: string): LensInput => ({ kind: 'frame', frame: { direction: 'in', data } });

function run(inputs: readonly LensInput[]): JsonRpcState {
  let state = jsonRpcMachine.initial({});
  for (const input of inputs) {
    const next = jsonRpcMachine.step(state, input, 0);
    expect(next.effects).toEqual([]);
    state = next.state;
  }
  return state;
}

describe('jsonRpcMachine', () => {
  it('starts at 0, so the first id is 1', () => {
    expect(jsonRpcMachine.initial({})).toEqual({ highestId: 0 });
  });

  it('tracks the highest integer id sent, in single requests and batches', () => {
    expect(
      run([
        out('{"jsonrpc":"2.0","method":"a","id":4}'),
        out('[{"jsonrpc":"2.0","method":"b","id":9},{"jsonrpc":"2.0","method":"c","id":2},{"bad":true}]'),
        out('{"jsonrpc":"2.0","method":"d","id":3}'),
      ]),
    ).toEqual({ highestId: 9 });
    expect(run([out(new TextEncoder().encode('{"jsonrpc":"2.0","method":"a","id":5}').buffer)])).toEqual({
      highestId: 5,
    });
  });

  it('ignores received frames, string and fractional ids, notifications and garbage', () => {
    expect(
      run([
        inbound('{"jsonrpc":"2.0","method":"server","id":50}'),
        inbound('{"jsonrpc":"2.0","result":1,"id":60}'),
        out('{"jsonrpc":"2.0","method":"a","id":"70"}'),
        out('{"jsonrpc":"2.0","method":"a","id":1.5}'),
        out('{"jsonrpc":"2.0","result":1,"id":80}'),
        out('not json'),
        out('null'),
      ]),
    ).toEqual({ highestId: 0 });
  });

  it('keeps the counter across connections, so ids are never reused in one tab', () => {
    expect(
      run([
        { kind: 'open', protocol: '' },
        out('{"jsonrpc":"2.0","method":"a","id":3}'),
        { kind: 'close' },
        { kind: 'open', protocol: '' },
        { kind: 'timer' },
      ]),
    ).toEqual({ highestId: 3 });
  });

  it('never sends and never lowers the counter', () => {
    const input = fc.oneof(
      fc.integer().map((id) => out(`{"jsonrpc":"2.0","method":"m","id":${id}}`)),
      fc.string().map((text) => out(text)),
      fc.constant<LensInput>({ kind: 'close' }),
    );
    fc.assert(
      fc.property(fc.array(input), (inputs) => {
        let state = jsonRpcMachine.initial({});
        for (const step of inputs) {
          const next = jsonRpcMachine.step(state, step, 0);
          expect(next.effects).toEqual([]);
          expect(next.state.highestId).toBeGreaterThanOrEqual(state.highestId);
          state = next.state;
        }
      }),
    );
  });
});
