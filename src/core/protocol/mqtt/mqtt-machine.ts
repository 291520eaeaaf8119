import type { LensEffect, LensFrame, LensInput, LensMachine } from '../lens';
import { decodePackets, encodePacket, type MqttPacket } from './mqtt-codec';

/** The MQTT connection as the machine knows it. */
export interface MqttState {
  /** The protocol level of the last CONNECT sent on this connection; 4 until one is. */
  level: number;
  /** The keep-alive (s) the last CONNECT asked for, while its CONNACK is awaited; null otherwise. */
  requestedKeepAlive: number | null;
  /** The keep-alive in force (s) once a CONNACK accepted the session; 0 sends no PINGREQ. */
  keepAlive: number;
  /** Epoch ms of the last frame this client sent. */
  lastSentAt: number;
  /** Packet ids of this client's exchanges still awaiting their acknowledgement, ascending. */
  awaiting: readonly number[];
  /** The packet id this client used last (0 before any), kept across connections. */
  lastPacketId: number;
  /** Feeds the generated client id (`frameline-…`), so encode stays pure; moves on with each CONNECT sent. */
  seed: number;
  /**
   * The last CONNECT frame the client sent, kept across connections: after an automatic reconnect it is sent
   * again by itself, since a broker drops a connection that never says CONNECT. A DISCONNECT forgets it.
   */
  lastConnect: Uint8Array | null;
}

const MAX_PACKET_ID = 0xffff;
const DEFAULT_LEVEL = 4;

const DISCONNECTED = {
  level: DEFAULT_LEVEL,
  requestedKeepAlive: null,
  keepAlive: 0,
  lastSentAt: 0,
  awaiting: [],
} satisfies Omit<MqttState, 'lastPacketId' | 'seed' | 'lastConnect'>;

/** The client id a Connect with an empty one sends: `frameline-` and seven base-36 digits from `seed`. */
export function generatedClientId(seed: number): string {
  // A 32-bit finalizer, so neighbouring seeds give unrelated ids.
  let x = (seed ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return `frameline-${x.toString(36).padStart(7, '0')}`;
}

function nextSeed(seed: number): number {
  return (Math.imul(seed, 1664525) + 1013904223) >>> 0;
}

/**
 * The packet id the composer uses next: the one after the last used, wrapping from 65535 to 1, skipping ids
 * still awaiting acknowledgement. Null when all 65535 are.
 */
export function nextPacketId(state: MqttState): number | null {
  const busy = new Set(state.awaiting);
  let candidate = state.lastPacketId;
  for (let tries = 0; tries < MAX_PACKET_ID; tries++) {
    candidate = candidate >= MAX_PACKET_ID ? 1 : candidate + 1;
    if (!busy.has(candidate)) return candidate;
  }
  return null;
}

/**
 * The last id after the client sent `sent`: ids move forward around the 1..65535 circle, so an id within
 * half a turn ahead is the new last one, and an older one (a resent PUBLISH, a hand-written id) is not.
 */
function advancePacketId(last: number, sent: number): number {
  if (last === 0) return sent;
  const forward = (sent - last + MAX_PACKET_ID) % MAX_PACKET_ID;
  return forward > 0 && forward <= MAX_PACKET_ID >> 1 ? sent : last;
}

function withAwaiting(awaiting: readonly number[], id: number): readonly number[] {
  return awaiting.includes(id) ? awaiting : [...awaiting, id].sort((a, b) => a - b);
}

function withoutAwaiting(awaiting: readonly number[], id: number): readonly number[] {
  return awaiting.includes(id) ? awaiting.filter((other) => other !== id) : awaiting;
}

function packetsOf(frame: LensFrame, level: number): MqttPacket[] {
  if (typeof frame.data === 'string') return [];
  // Whole packets before a malformed one still happened: acknowledge those.
  return decodePackets(new Uint8Array(frame.data), level).packets.map((decoded) => decoded.packet);
}

function send(packet: MqttPacket, level: number, label: string): LensEffect[] {
  const encoded = encodePacket(packet, level);
  return encoded.ok ? [{ kind: 'send', data: encoded.value, label }] : [];
}

function keepAliveTimer(state: MqttState): LensEffect[] {
  return state.keepAlive > 0 ? [{ kind: 'set-timer', at: state.lastSentAt + state.keepAlive * 1000 }] : [];
}

function learnFromSent(state: MqttState, packet: MqttPacket): MqttState {
  switch (packet.type) {
    case 'CONNECT':
      return {
        ...state,
        level: packet.level,
        requestedKeepAlive: packet.keepAlive,
        keepAlive: 0,
        seed: nextSeed(state.seed),
      };
    case 'PUBLISH':
      if (packet.packetId === undefined) return state;
      return trackSent(state, packet.packetId);
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
      return trackSent(state, packet.packetId);
    case 'DISCONNECT':
      return { ...state, requestedKeepAlive: null, keepAlive: 0 };
    default:
      return state;
  }
}

function trackSent(state: MqttState, id: number): MqttState {
  return {
    ...state,
    awaiting: withAwaiting(state.awaiting, id),
    lastPacketId: advancePacketId(state.lastPacketId, id),
  };
}

function sent(state: MqttState, frame: LensFrame, now: number): { state: MqttState; effects: LensEffect[] } {
  let next: MqttState = { ...state, lastSentAt: now, lastConnect: connectToReplay(state.lastConnect, frame) };
  for (const packet of packetsOf(frame, state.level)) next = learnFromSent(next, packet);
  // Any frame sent restarts the keep-alive countdown; a CONNECT or DISCONNECT stops it.
  const effects = next.keepAlive > 0 ? keepAliveTimer(next) : state.keepAlive > 0 ? [clearTimer] : [];
  return { state: next, effects };
}

const clearTimer: LensEffect = { kind: 'clear-timer' };

// By the fixed header's packet type: CONNECT (1) is remembered, DISCONNECT (14) forgets it.
function connectToReplay(last: Uint8Array | null, frame: LensFrame): Uint8Array | null {
  if (typeof frame.data === 'string' || frame.data.byteLength === 0) return last;
  const bytes = new Uint8Array(frame.data);
  const type = (bytes[0] as number) >> 4;
  if (type === 1) return bytes.slice();
  if (type === 14) return null;
  return last;
}

function received(state: MqttState, frame: LensFrame): { state: MqttState; effects: LensEffect[] } {
  let next = state;
  const effects: LensEffect[] = [];
  for (const packet of packetsOf(frame, state.level)) {
    switch (packet.type) {
      case 'CONNACK': {
        if (next.requestedKeepAlive === null) break;
        // A v5 server may impose its own keep-alive, which the client must then use.
        const keepAlive =
          packet.code === 0 ? (packet.properties?.serverKeepAlive ?? next.requestedKeepAlive) : 0;
        next = { ...next, requestedKeepAlive: null, keepAlive };
        effects.push(...keepAliveTimer(next));
        break;
      }
      case 'PUBLISH':
        if (packet.packetId === undefined) break;
        if (packet.qos === 1) {
          effects.push(
            ...send({ type: 'PUBACK', packetId: packet.packetId }, next.level, `PUBACK #${packet.packetId}`),
          );
        } else {
          effects.push(
            ...send({ type: 'PUBREC', packetId: packet.packetId }, next.level, `PUBREC #${packet.packetId}`),
          );
        }
        break;
      case 'PUBREL':
        effects.push(
          ...send({ type: 'PUBCOMP', packetId: packet.packetId }, next.level, `PUBCOMP #${packet.packetId}`),
        );
        break;
      case 'PUBREC':
        // A v5 failure code ends the QoS 2 flow here: there is nothing to release.
        if ((packet.reasonCode ?? 0) >= 0x80) {
          next = { ...next, awaiting: withoutAwaiting(next.awaiting, packet.packetId) };
        } else {
          effects.push(
            ...send({ type: 'PUBREL', packetId: packet.packetId }, next.level, `PUBREL #${packet.packetId}`),
          );
        }
        break;
      case 'PUBACK':
      case 'PUBCOMP':
      case 'SUBACK':
      case 'UNSUBACK':
        next = { ...next, awaiting: withoutAwaiting(next.awaiting, packet.packetId) };
        break;
      case 'DISCONNECT':
        if (next.keepAlive > 0) effects.push(clearTimer);
        next = { ...next, requestedKeepAlive: null, keepAlive: 0 };
        break;
      default:
        break;
    }
  }
  return { state: next, effects };
}

function timerDue(state: MqttState, now: number): { state: MqttState; effects: LensEffect[] } {
  if (state.keepAlive === 0) return { state, effects: [] };
  const due = state.lastSentAt + state.keepAlive * 1000;
  if (now < due) return { state, effects: [{ kind: 'set-timer', at: due }] };
  const ping = send({ type: 'PINGREQ' }, state.level, 'PINGREQ (keep-alive)');
  const next = { ...state, lastSentAt: now };
  return { state: next, effects: [...ping, ...keepAliveTimer(next)] };
}

/**
 * Keeps an MQTT session alive and finishes the QoS flows the protocol requires of a client: PINGREQ after
 * keep-alive seconds without sending, PUBACK / PUBREC for an incoming QoS 1 / QoS 2 PUBLISH, PUBCOMP for a
 * PUBREL, PUBREL for a PUBREC of its own publish. It answers only frames from the server, so its own sends,
 * which come back to it as `out` frames, only reset the keep-alive.
 */
export const mqttMachine: LensMachine<MqttState> = {
  initial: () => ({
    ...DISCONNECTED,
    lastPacketId: 0,
    seed: Math.floor(Math.random() * 0x1_0000_0000),
    lastConnect: null,
  }),
  step(state: MqttState, input: LensInput, now: number) {
    switch (input.kind) {
      case 'open':
        return {
          state: { ...state, ...DISCONNECTED },
          effects: state.lastConnect
            ? [{ kind: 'send', data: state.lastConnect, label: 'CONNECT again after a reconnect' }]
            : [],
        };
      case 'close':
        return { state: { ...state, ...DISCONNECTED }, effects: [clearTimer] };
      case 'timer':
        return timerDue(state, now);
      case 'frame':
        return input.frame.direction === 'out' ? sent(state, input.frame, now) : received(state, input.frame);
    }
  },
};
