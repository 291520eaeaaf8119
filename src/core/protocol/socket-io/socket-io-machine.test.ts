import { describe, expect, it } from 'vitest';
import type { LensInput } from '../lens';
import { inbound, outbound, runMachine } from '../machine.test-support';
import { socketIoMachine, type SocketIoState } from './socket-io-machine';

const OPEN_PACKET =
  '0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

const run = (inputs: readonly LensInput[], state?: SocketIoState) =>
  runMachine(socketIoMachine, inputs, state);

describe('socketIoMachine', () => {
  it('connects to the main namespace once the open packet arrives', () => {
    const { sent, state } = run([{ kind: 'open', protocol: '' }, inbound(OPEN_PACKET)]);
    expect(sent).toEqual([{ kind: 'send', data: '40', label: 'connect /' }]);
    expect(state.session).toEqual({ sid: 'lv_VI97HAXpY6yYWAAAC', pingInterval: 25000, pingTimeout: 20000 });
  });

  it('sends the handshake payload as the auth of that CONNECT', () => {
    const initial = socketIoMachine.initial({ handshakePayload: { token: 'abc' } });
    expect(run([{ kind: 'open', protocol: '' }, inbound(OPEN_PACKET)], initial).sent).toEqual([
      { kind: 'send', data: '40{"token":"abc"}', label: 'connect /' },
    ]);
  });

  it('sends a bare CONNECT when the payload cannot be written as JSON', () => {
    const initial = socketIoMachine.initial({ handshakePayload: { big: 1n } });
    expect(run([inbound(OPEN_PACKET)], initial).sent).toEqual([
      { kind: 'send', data: '40', label: 'connect /' },
    ]);
  });

  it('connects once per connection, again after a reconnect', () => {
    const { sent } = run([
      { kind: 'open', protocol: '' },
      inbound(OPEN_PACKET),
      inbound(OPEN_PACKET),
      { kind: 'close' },
      { kind: 'open', protocol: '' },
      inbound(OPEN_PACKET),
    ]);
    expect(sent.map((effect) => (effect.kind === 'send' ? effect.data : effect.kind))).toEqual(['40', '40']);
  });

  it('answers pings and probes from the server, and nothing else', () => {
    expect(run([inbound('2')]).sent).toEqual([{ kind: 'send', data: '3', label: 'pong' }]);
    expect(run([inbound('2probe')]).sent).toEqual([{ kind: 'send', data: '3probe', label: 'pong probe' }]);
    // Its own pongs and pings the user sends come back as outgoing frames: no answer, no loop.
    expect(
      run([outbound('2'), outbound('3'), inbound('3'), inbound('42["x"]'), inbound(new ArrayBuffer(2))]).sent,
    ).toEqual([]);
  });

  it('counts the ack ids this client sends, never the server ones, across connections', () => {
    let { state } = run([
      outbound('421["a"]'),
      outbound('42/chat,7["b"]'),
      outbound('423["c"]'),
      inbound('4250["d"]'),
    ]);
    expect(state.lastAckId).toBe(7);
    ({ state } = run([outbound('451-9[{"_placeholder":true,"num":0}]')], state));
    expect(state.lastAckId).toBe(9);
    ({ state } = run([{ kind: 'close' }, { kind: 'open', protocol: '' }], state));
    expect(state.lastAckId).toBe(9);
  });

  it('remembers the namespaces the server confirmed until they are left', () => {
    let { state } = run([inbound('40{"sid":"a"}'), outbound('40/admin,'), inbound('40/admin,{"sid":"b"}')]);
    expect(state.namespaces).toEqual(['/', '/admin']);
    ({ state } = run([outbound('41/admin,'), inbound('44/other,{"message":"no"}')], state));
    expect(state.namespaces).toEqual(['/']);
    ({ state } = run([inbound('41')], state));
    expect(state.namespaces).toEqual([]);
    ({ state } = run([inbound('40/x,{"sid":"c"}'), inbound('1')], state));
    expect(state.namespaces).toEqual([]);
    ({ state } = run([inbound('40/x,{"sid":"c"}'), { kind: 'close' }], state));
    expect(state.namespaces).toEqual([]);
  });

  it('needs no timer and does not mutate the state it is given', () => {
    const initial = socketIoMachine.initial({});
    const frozen = Object.freeze({ ...initial, namespaces: Object.freeze([...initial.namespaces]) });
    expect(socketIoMachine.step(frozen, { kind: 'timer' }, 0)).toEqual({ state: frozen, effects: [] });
    expect(() =>
      run([inbound(OPEN_PACKET), inbound('40{"sid":"a"}'), outbound('421["a"]')], frozen),
    ).not.toThrow();
    expect(frozen).toEqual(initial);
  });
});
