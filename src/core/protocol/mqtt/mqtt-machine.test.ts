import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LensEffect, LensInput } from '../lens';
import { encodePacket, type MqttPacket, type PublishPacket } from './mqtt-codec';
import { generatedClientId, mqttMachine, nextPacketId, type MqttState } from './mqtt-machine';

const T0 = 1_000_000;

function start(): MqttState {
  return { ...mqttMachine.initial({}), seed: 42 };
}

function frameOf(direction: 'in' | 'out', level: number, ...packets: MqttPacket[]): LensInput {
  const chunks = packets.map((packet) => {
    const encoded = encodePacket(packet, level);
    if (!encoded.ok) throw new Error(encoded.error);
    return Array.from(encoded.value);
  });
  return { kind: 'frame', frame: { direction, data: Uint8Array.from(chunks.flat()).buffer } };
}

function out(...packets: MqttPacket[]): LensInput {
  return frameOf('out', 4, ...packets);
}

function out5(...packets: MqttPacket[]): LensInput {
  return frameOf('out', 5, ...packets);
}

function incoming(...packets: MqttPacket[]): LensInput {
  return frameOf('in', 4, ...packets);
}

function incoming5(...packets: MqttPacket[]): LensInput {
  return frameOf('in', 5, ...packets);
}

/** A frame from the server, byte by byte. */
function incoming311(...data: number[]): LensInput {
  return { kind: 'frame', frame: { direction: 'in', data: Uint8Array.from(data).buffer } };
}

function connect(keepAlive: number, level = 4): MqttPacket {
  return {
    type: 'CONNECT',
    protocolName: 'MQTT',
    level,
    cleanStart: true,
    keepAlive,
    clientId: 'c',
    properties: {},
  };
}

function run(state: MqttState, inputs: readonly [LensInput, number][]) {
  let current = state;
  const effects: LensEffect[] = [];
  for (const [input, now] of inputs) {
    const step = mqttMachine.step(current, input, now);
    current = step.state;
    effects.push(...step.effects);
  }
  return { state: current, effects };
}

function sends(effects: readonly LensEffect[]): { label: string; data: number[] }[] {
  return effects.flatMap((effect) =>
    effect.kind === 'send' ? [{ label: effect.label, data: Array.from(effect.data as Uint8Array) }] : [],
  );
}

const accepted: MqttPacket = { type: 'CONNACK', sessionPresent: false, code: 0 };
const publish = (qos: 0 | 1 | 2, packetId?: number): PublishPacket => ({
  type: 'PUBLISH',
  topic: 't',
  qos,
  retain: false,
  dup: false,
  ...(packetId !== undefined && { packetId }),
  payload: new Uint8Array(),
});

/** A 3.1.1 session after CONNECT (keep-alive 60) and an accepting CONNACK. */
function connected(keepAlive = 60): MqttState {
  return run(start(), [
    [{ kind: 'open', protocol: 'mqtt' }, T0],
    [out(connect(keepAlive)), T0 + 10],
    [incoming311(0x20, 0x02, 0x00, 0x00), T0 + 50],
  ]).state;
}

describe('keep-alive', () => {
  it('schedules the first PINGREQ keep-alive seconds after the CONNECT, once CONNACK accepts', () => {
    const afterConnect = run(start(), [
      [{ kind: 'open', protocol: 'mqtt' }, T0],
      [out(connect(60)), T0 + 10],
    ]);
    expect(afterConnect.effects).toEqual([]);
    const step = mqttMachine.step(afterConnect.state, incoming311(0x20, 0x02, 0x00, 0x00), T0 + 50);
    expect(step.effects).toEqual([{ kind: 'set-timer', at: T0 + 10 + 60_000 }]);
    expect(step.state.keepAlive).toBe(60);
  });

  it('adopts the Server Keep Alive of an MQTT 5 CONNACK', () => {
    const { state, effects } = run(start(), [
      [{ kind: 'open', protocol: 'mqtt' }, T0],
      [out(connect(60, 5)), T0],
      [incoming5({ ...accepted, properties: { serverKeepAlive: 20 } }), T0 + 5],
    ]);
    expect(state.keepAlive).toBe(20);
    expect(state.level).toBe(5);
    expect(effects).toEqual([{ kind: 'set-timer', at: T0 + 20_000 }]);
  });

  it('keeps quiet when the CONNACK refuses, or the keep-alive is 0', () => {
    const refused = run(start(), [
      [out(connect(60)), T0],
      [incoming311(0x20, 0x02, 0x00, 0x05), T0 + 5],
      [{ kind: 'timer' }, T0 + 60_000],
    ]);
    expect(refused.effects).toEqual([]);
    const off = run(start(), [
      [out(connect(0)), T0],
      [incoming311(0x20, 0x02, 0x00, 0x00), T0 + 5],
      [out(publish(0)), T0 + 10],
      [{ kind: 'timer' }, T0 + 60_000],
    ]);
    expect(off.effects).toEqual([]);
  });

  it('restarts the countdown with every frame the client sends', () => {
    const step = mqttMachine.step(connected(), out(publish(0)), T0 + 30_000);
    expect(step.effects).toEqual([{ kind: 'set-timer', at: T0 + 90_000 }]);
    const text = mqttMachine.step(
      step.state,
      { kind: 'frame', frame: { direction: 'out', data: 'x' } },
      T0 + 40_000,
    );
    expect(text.effects).toEqual([{ kind: 'set-timer', at: T0 + 100_000 }]);
  });

  it('sends PINGREQ when the keep-alive passes in silence, and not again for its own echo', () => {
    const due = mqttMachine.step(connected(), { kind: 'timer' }, T0 + 10 + 60_000);
    expect(sends(due.effects)).toEqual([{ label: 'PINGREQ (keep-alive)', data: [0xc0, 0x00] }]);
    expect(due.effects).toContainEqual({ kind: 'set-timer', at: T0 + 10 + 120_000 });
    const echo = mqttMachine.step(due.state, out({ type: 'PINGREQ' }), T0 + 10 + 60_001);
    expect(sends(echo.effects)).toEqual([]);
    expect(echo.effects).toEqual([{ kind: 'set-timer', at: T0 + 10 + 120_001 }]);
    const pong = mqttMachine.step(echo.state, incoming({ type: 'PINGRESP' }), T0 + 10 + 60_100);
    expect(pong.effects).toEqual([]);
  });

  it('re-arms a timer that fires early instead of pinging', () => {
    const early = mqttMachine.step(connected(), { kind: 'timer' }, T0 + 30_000);
    expect(early.effects).toEqual([{ kind: 'set-timer', at: T0 + 10 + 60_000 }]);
  });

  it('stops on DISCONNECT either way and on close, keeping the packet id counter', () => {
    const sent = mqttMachine.step(connected(), out({ type: 'DISCONNECT' }), T0 + 100);
    expect(sent.effects).toEqual([{ kind: 'clear-timer' }]);
    expect(mqttMachine.step(sent.state, { kind: 'timer' }, T0 + 120_000).effects).toEqual([]);

    const v5 = run(start(), [
      [out(connect(30, 5)), T0],
      [incoming5(accepted), T0 + 1],
    ]).state;
    const kicked = mqttMachine.step(
      v5,
      incoming5({ type: 'DISCONNECT', reasonCode: 0x8e, properties: {} }),
      T0 + 2,
    );
    expect(kicked.effects).toEqual([{ kind: 'clear-timer' }]);
    expect(kicked.state.keepAlive).toBe(0);

    const busy = run(connected(), [[out(publish(1, 5)), T0 + 200]]).state;
    const closed = mqttMachine.step(busy, { kind: 'close' }, T0 + 300);
    expect(closed.effects).toEqual([{ kind: 'clear-timer' }]);
    expect(closed.state).toMatchObject({
      keepAlive: 0,
      awaiting: [],
      lastPacketId: 5,
      level: 4,
      seed: busy.seed,
    });
  });
});

describe('QoS flows', () => {
  it('answers an incoming QoS 1 PUBLISH with PUBACK and QoS 2 with PUBREC', () => {
    const state = connected();
    expect(
      sends(mqttMachine.step(state, incoming311(0x32, 0x05, 0x00, 0x01, 0x74, 0x00, 0x07), T0).effects),
    ).toEqual([{ label: 'PUBACK #7', data: [0x40, 0x02, 0x00, 0x07] }]);
    expect(
      sends(mqttMachine.step(state, incoming311(0x34, 0x05, 0x00, 0x01, 0x74, 0x01, 0x00), T0).effects),
    ).toEqual([{ label: 'PUBREC #256', data: [0x50, 0x02, 0x01, 0x00] }]);
    expect(sends(mqttMachine.step(state, incoming311(0x30, 0x03, 0x00, 0x01, 0x74), T0).effects)).toEqual([]);
  });

  it('answers PUBREL with PUBCOMP, and the PUBREC of its own publish with PUBREL', () => {
    const state = run(connected(), [[out(publish(2, 3)), T0]]).state;
    expect(state.awaiting).toEqual([3]);
    expect(sends(mqttMachine.step(state, incoming311(0x62, 0x02, 0x00, 0x09), T0).effects)).toEqual([
      { label: 'PUBCOMP #9', data: [0x70, 0x02, 0x00, 0x09] },
    ]);
    const rec = mqttMachine.step(state, incoming311(0x50, 0x02, 0x00, 0x03), T0 + 1);
    expect(sends(rec.effects)).toEqual([{ label: 'PUBREL #3', data: [0x62, 0x02, 0x00, 0x03] }]);
    expect(rec.state.awaiting).toEqual([3]);
    const comp = mqttMachine.step(rec.state, incoming311(0x70, 0x02, 0x00, 0x03), T0 + 2);
    expect(comp.state.awaiting).toEqual([]);
  });

  it('ends a QoS 2 flow without PUBREL when an MQTT 5 PUBREC reports a failure', () => {
    const state = run(start(), [
      [out(connect(0, 5)), T0],
      [out5(publish(2, 4)), T0],
    ]).state;
    const rec = mqttMachine.step(state, incoming5({ type: 'PUBREC', packetId: 4, reasonCode: 0x97 }), T0);
    expect(sends(rec.effects)).toEqual([]);
    expect(rec.state.awaiting).toEqual([]);
  });

  it('answers every packet of one frame', () => {
    const frame = incoming311(0x32, 0x05, 0x00, 0x01, 0x74, 0x00, 0x01, 0x62, 0x02, 0x00, 0x02);
    expect(sends(mqttMachine.step(connected(), frame, T0).effects).map((s) => s.label)).toEqual([
      'PUBACK #1',
      'PUBCOMP #2',
    ]);
  });

  it('acknowledges the whole packets before a malformed one', () => {
    const frame = incoming311(0x32, 0x05, 0x00, 0x01, 0x74, 0x00, 0x01, 0x32, 0x09);
    expect(sends(mqttMachine.step(connected(), frame, T0).effects).map((s) => s.label)).toEqual([
      'PUBACK #1',
    ]);
  });

  it('never answers what the client sends', () => {
    const state = connected();
    for (const packet of [publish(1, 1), publish(2, 2), { type: 'PUBREL', packetId: 2 } as const]) {
      expect(sends(mqttMachine.step(state, out(packet), T0).effects)).toEqual([]);
    }
  });
});

describe('packet ids', () => {
  it('tracks ids awaiting acknowledgement and picks the next free one', () => {
    let state = connected();
    expect(nextPacketId(state)).toBe(1);
    const subscription = {
      filter: 'a',
      qos: 0,
      noLocal: false,
      retainAsPublished: false,
      retainHandling: 0,
    } as const;
    state = run(state, [
      [out(publish(1, 1)), T0],
      [out({ type: 'SUBSCRIBE', packetId: 2, subscriptions: [subscription] }), T0],
      [out({ type: 'UNSUBSCRIBE', packetId: 3, filters: ['a'] }), T0],
    ]).state;
    expect(state).toMatchObject({ awaiting: [1, 2, 3], lastPacketId: 3 });
    expect(nextPacketId(state)).toBe(4);
    state = run(state, [
      [incoming311(0x40, 0x02, 0x00, 0x01), T0],
      [incoming311(0x90, 0x03, 0x00, 0x02, 0x00), T0],
      [incoming311(0xb0, 0x02, 0x00, 0x03), T0],
    ]).state;
    expect(state.awaiting).toEqual([]);
  });

  it('wraps from 65535 to 1, skipping ids in use', () => {
    const state: MqttState = { ...start(), lastPacketId: 65_534, awaiting: [65_535, 1, 2] };
    expect(nextPacketId(state)).toBe(3);
    const sent = mqttMachine.step({ ...start(), lastPacketId: 65_535 }, out(publish(1, 1)), T0).state;
    expect(sent.lastPacketId).toBe(1);
    const resent = mqttMachine.step(
      { ...start(), lastPacketId: 10 },
      out({ ...publish(1, 4), dup: true }),
      T0,
    ).state;
    expect(resent.lastPacketId).toBe(10);
  });

  it('says so when all 65535 ids are in use', () => {
    const all = Array.from({ length: 65_535 }, (_, i) => i + 1);
    expect(nextPacketId({ ...start(), awaiting: all })).toBeNull();
  });
});

describe('machine purity', () => {
  it('moves the client id seed on with each CONNECT sent, and nowhere else', () => {
    const state = start();
    const after = mqttMachine.step(state, out(connect(60)), T0).state;
    expect(after.seed).not.toBe(state.seed);
    expect(generatedClientId(after.seed)).not.toBe(generatedClientId(state.seed));
    expect(generatedClientId(42)).toMatch(/^frameline-[0-9a-z]{7}$/);
    expect(generatedClientId(42)).toBe(generatedClientId(42));
  });

  it('never changes the state it is given, sends only for server frames and the timer, and never loops', () => {
    const packet = fc.oneof(
      fc.constant(accepted),
      fc
        .constantFrom<0 | 1 | 2>(0, 1, 2)
        .chain((qos) => fc.integer({ min: 1, max: 50 }).map((id) => publish(qos, qos > 0 ? id : undefined))),
      fc.integer({ min: 1, max: 50 }).map((packetId): MqttPacket => ({ type: 'PUBREL', packetId })),
      fc.integer({ min: 1, max: 50 }).map((packetId): MqttPacket => ({ type: 'PUBREC', packetId })),
      fc.integer({ min: 1, max: 50 }).map((packetId): MqttPacket => ({ type: 'PUBACK', packetId })),
      fc.constant<MqttPacket>({ type: 'PINGRESP' }),
      fc.constant(connect(1)),
    );
    const input = fc.oneof(
      fc
        .tuple(fc.constantFrom<'in' | 'out'>('in', 'out'), packet)
        .map(([direction, p]) => frameOf(direction, 4, p)),
      fc.constant<LensInput>({ kind: 'timer' }),
      fc.constant<LensInput>({ kind: 'close' }),
      fc.constant<LensInput>({ kind: 'open', protocol: '' }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(input, fc.integer({ min: 0, max: 5000 })), { maxLength: 30 }),
        (inputs) => {
          let state = start();
          let now = T0;
          const queue: LensInput[] = [];
          for (const [first, delay] of inputs) {
            now += delay;
            queue.push(first);
            let handled = 0;
            while (queue.length > 0) {
              const next = queue.shift() as LensInput;
              handled++;
              expect(handled).toBeLessThan(20);
              const frozen = structuredClone(state);
              const step = mqttMachine.step(state, next, now);
              expect(state).toEqual(frozen);
              const sent = step.effects.filter((effect) => effect.kind === 'send');
              if (next.kind === 'frame' && next.frame.direction === 'out') expect(sent).toEqual([]);
              // The shell echoes every send back as an out frame.
              for (const effect of sent) {
                const data = effect.data as Uint8Array;
                queue.push({ kind: 'frame', frame: { direction: 'out', data: data.slice().buffer } });
              }
              state = step.state;
            }
          }
        },
      ),
    );
  });
});

describe('after an automatic reconnect', () => {
  const connectBytes = () => {
    const encoded = encodePacket(connect(30), 4);
    if (!encoded.ok) throw new Error(encoded.error);
    return Array.from(encoded.value);
  };

  it('sends the last CONNECT again by itself when the connection opens again', () => {
    const { effects } = run(connected(30), [
      [{ kind: 'close' }, T0 + 1000],
      [{ kind: 'open', protocol: 'mqtt' }, T0 + 2000],
    ]);
    expect(sends(effects)).toEqual([{ label: 'CONNECT again after a reconnect', data: connectBytes() }]);
  });

  it('sends nothing once the client said DISCONNECT, nor before any CONNECT', () => {
    const { effects } = run(connected(30), [
      [out({ type: 'DISCONNECT' }), T0 + 500],
      [{ kind: 'close' }, T0 + 1000],
      [{ kind: 'open', protocol: 'mqtt' }, T0 + 2000],
    ]);
    expect(sends(effects)).toEqual([]);
    expect(sends(run(start(), [[{ kind: 'open', protocol: 'mqtt' }, T0]]).effects)).toEqual([]);
  });
});
