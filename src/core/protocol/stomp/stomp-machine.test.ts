import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LensEffect, LensInput } from '../lens';
import { stompMachine, type StompState } from './stomp-machine';

const out = (data: string): LensInput => ({ kind: 'frame', frame: { direction: 'out', data } });
const inbound = (data: string): LensInput => ({ kind: 'frame', frame: { direction: 'in', data } });

const CONNECT = 'CONNECT\naccept-version:1.2\nhost:/\nheart-beat:10000,10000\n\n\0';
const CONNECTED = (heartBeat: string, version = '1.2') =>
  `CONNECTED\nversion:${version}\nheart-beat:${heartBeat}\n\n\0`;

/** Runs inputs at the given times, returning the final state and every effect in order. */
function run(steps: readonly [LensInput, number][], from: StompState = stompMachine.initial({})) {
  let state = from;
  const effects: LensEffect[] = [];
  for (const [input, now] of steps) {
    const before = JSON.stringify(state);
    const next = stompMachine.step(state, input, now);
    expect(JSON.stringify(state)).toBe(before);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

function connected(heartBeat = '0,5000', connect = CONNECT) {
  return run([
    [{ kind: 'open', protocol: 'v12.stomp' }, 0],
    [out(connect), 10],
    [inbound(CONNECTED(heartBeat)), 50],
  ]);
}

describe('stompMachine heart-beating', () => {
  it('schedules a heart-beat every max(cx, sy) once CONNECTED agrees', () => {
    const { state, effects } = connected('0,5000');
    expect(state.heartBeatEvery).toBe(10000);
    expect(effects).toEqual([{ kind: 'set-timer', at: 10010 }]);
  });

  it('uses the larger of the two: the server asking for slower beats wins', () => {
    expect(connected('0,30000').state.heartBeatEvery).toBe(30000);
  });

  it('sends nothing when the client offers 0 or the server wants none', () => {
    expect(connected('10000,0').state.heartBeatEvery).toBe(0);
    expect(connected('0,0').effects).toEqual([]);
    const silent = connected('0,5000', 'CONNECT\naccept-version:1.2\nhost:/\nheart-beat:0,10000\n\n\0');
    expect(silent.state.heartBeatEvery).toBe(0);
    const none = connected('0,5000', 'CONNECT\naccept-version:1.2\nhost:/\n\n\0');
    expect(none.state.heartBeatEvery).toBe(0);
  });

  it('sends an EOL when the timer is due, and the echo does not send again', () => {
    const start = connected('0,5000').state;
    const due = stompMachine.step(start, { kind: 'timer' }, 10010);
    expect(due.effects).toEqual([
      { kind: 'send', data: '\n', label: 'heart-beat' },
      { kind: 'set-timer', at: 20010 },
    ]);
    const echo = stompMachine.step(due.state, out('\n'), 10010);
    expect(echo.effects).toEqual([{ kind: 'set-timer', at: 20010 }]);
  });

  it('any frame sent resets the interval, so a busy client sends no heart-beats', () => {
    const start = connected('0,5000').state;
    const { effects } = run(
      [
        [out('SEND\ndestination:/a\n\nx\0'), 4000],
        [{ kind: 'timer' }, 10010],
      ],
      start,
    );
    expect(effects).toEqual([
      { kind: 'set-timer', at: 14000 },
      { kind: 'set-timer', at: 14000 },
    ]);
  });

  it('frames received do not count as the client sending', () => {
    const start = connected('0,5000').state;
    const { effects } = run(
      [
        [inbound('MESSAGE\nsubscription:sub-1\n\nx\0'), 5000],
        [{ kind: 'timer' }, 10010],
      ],
      start,
    );
    expect(effects.filter((effect) => effect.kind === 'send')).toHaveLength(1);
  });

  it('stops after DISCONNECT and on close', () => {
    const start = connected('0,5000').state;
    const disconnect = stompMachine.step(start, out('DISCONNECT\nreceipt:1\n\n\0'), 100);
    expect(disconnect.effects).toEqual([{ kind: 'clear-timer' }]);
    expect(stompMachine.step(disconnect.state, { kind: 'timer' }, 20000).effects).toEqual([]);
    const closed = stompMachine.step(start, { kind: 'close' }, 100);
    expect(closed.effects).toEqual([{ kind: 'clear-timer' }]);
    expect(stompMachine.step(closed.state, { kind: 'timer' }, 20000).effects).toEqual([]);
  });

  it('never sends more than one heart-beat per interval, whatever the inputs', () => {
    const input = fc.oneof(
      fc.constant<LensInput>({ kind: 'timer' }),
      fc.constant(out('\n')),
      fc.constant(out('SEND\ndestination:/a\n\n\0')),
      fc.constant(inbound('MESSAGE\n\n\0')),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(input, fc.integer({ min: 0, max: 3000 })), { maxLength: 40 }),
        (steps) => {
          let { state } = connected('0,5000');
          let now = 50;
          let lastSend = 10;
          for (const [step, gap] of steps) {
            now += gap;
            const next = stompMachine.step(state, step, now);
            for (const effect of next.effects) {
              if (effect.kind !== 'send') continue;
              expect(now - lastSend).toBeGreaterThanOrEqual(10000);
              lastSend = now;
            }
            if (step.kind === 'frame' && step.frame.direction === 'out') lastSend = now;
            state = next.state;
          }
        },
      ),
    );
  });
});

describe('stompMachine bookkeeping', () => {
  it('learns the version from the subprotocol, else from CONNECTED (no version header = 1.0)', () => {
    expect(connected().state.version).toBe('1.2');
    const fromConnected = run([
      [{ kind: 'open', protocol: '' }, 0],
      [inbound(CONNECTED('0,0', '1.1')), 10],
    ]);
    expect(fromConnected.state.version).toBe('1.1');
    const old = run([
      [{ kind: 'open', protocol: '' }, 0],
      [inbound('CONNECTED\nsession:1\n\n\0'), 10],
    ]);
    expect(old.state.version).toBe('1.0');
    const fixed = run([
      [{ kind: 'open', protocol: 'v11.stomp' }, 0],
      [inbound(CONNECTED('0,0', '1.2')), 10],
    ]);
    expect(fixed.state.version).toBe('1.1');
  });

  it('tracks subscriptions and the highest sub-N and receipt sent', () => {
    const { state } = run(
      [
        [out('SUBSCRIBE\nid:sub-4\ndestination:/topic/a\nack:client\n\n\0'), 1],
        [out('SUBSCRIBE\nid:7\ndestination:/topic/b\n\n\0SEND\ndestination:/a\nreceipt:12\n\n\0'), 2],
        [out('UNSUBSCRIBE\nid:sub-4\n\n\0'), 3],
      ],
      connected().state,
    );
    expect(state.subscriptions).toEqual({ '7': { destination: '/topic/b', ack: 'auto' } });
    expect(state.lastSubscriptionNumber).toBe(7);
    expect(state.lastReceiptNumber).toBe(12);
  });

  it('forgets subscriptions on close but keeps the counters, so ids are never reused', () => {
    const { state } = run(
      [
        [out('SUBSCRIBE\nid:sub-2\ndestination:/topic/a\nreceipt:3\n\n\0'), 1],
        [{ kind: 'close' }, 2],
        [{ kind: 'open', protocol: '' }, 3],
      ],
      connected().state,
    );
    expect(state.subscriptions).toEqual({});
    expect(state.version).toBeUndefined();
    expect([state.lastSubscriptionNumber, state.lastReceiptNumber]).toEqual([2, 3]);
  });

  it('ignores frames it cannot decode', () => {
    const start = connected('0,0').state;
    expect(stompMachine.step(start, out('garbage'), 5).state).toEqual({ ...start, lastSentAt: 5 });
  });
});

describe('stompMachine after an automatic reconnect', () => {
  const reopen = (from: StompState) =>
    run(
      [
        [{ kind: 'close' }, 1000],
        [{ kind: 'open', protocol: 'v12.stomp' }, 2000],
      ],
      from,
    );

  it('sends the last CONNECT again by itself when the connection opens again', () => {
    const sent = reopen(connected().state).effects.filter((e) => e.kind === 'send');
    expect(sent).toEqual([{ kind: 'send', data: CONNECT, label: 'CONNECT again after a reconnect' }]);
  });

  it('sends nothing once the client said DISCONNECT, nor before any CONNECT', () => {
    const after = run([[out('DISCONNECT\nreceipt:1\n\n\0'), 100]], connected().state).state;
    expect(reopen(after).effects.filter((e) => e.kind === 'send')).toEqual([]);
    expect(reopen(stompMachine.initial({})).effects.filter((e) => e.kind === 'send')).toEqual([]);
  });
});
