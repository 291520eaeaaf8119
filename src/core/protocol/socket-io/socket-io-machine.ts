import type { LensEffect, LensFrame, LensInput, LensMachine, LensOptions } from '../lens';
import { encodeSocketPacket, MAIN_NAMESPACE, parseJson, parseSocketHeader } from './socket-io-codec';

/** What the server said in its Engine.IO open packet. */
export interface EngineHandshake {
  sid?: string;
  pingInterval?: number;
  pingTimeout?: number;
}

/** The Socket.IO machine's state: one connection's session and namespaces, plus this tab's ack id counter. */
export interface SocketIoState {
  /** Auth sent with the main namespace's CONNECT; undefined sends a bare `40`. */
  readonly handshakePayload: unknown;
  /** The highest ack id this client has sent; kept across connections so an id is never reused in a tab. */
  readonly lastAckId: number;
  /** Namespaces the server confirmed with CONNECT and nobody has left since, in the order joined. */
  readonly namespaces: readonly string[];
  /** The open packet's handshake, null until it arrives; it also marks that the main CONNECT went out. */
  readonly session: EngineHandshake | null;
}

type Step = { state: SocketIoState; effects: LensEffect[] };

/**
 * Answers the server's Engine.IO pings (`2` → `3`, `2probe` → `3probe`) and, once the open packet arrives,
 * connects to the main namespace (`40`, or `40{auth}`). Follows ack ids sent and namespaces joined. The server
 * owns the heartbeat in Engine.IO 4, so the machine needs no timer: a silent server closes the connection itself.
 */
export const socketIoMachine: LensMachine<SocketIoState> = {
  initial(options: LensOptions): SocketIoState {
    return { handshakePayload: options.handshakePayload, lastAckId: 0, namespaces: [], session: null };
  },
  step(state: SocketIoState, input: LensInput): Step {
    switch (input.kind) {
      case 'open':
      case 'close':
        return { state: { ...state, namespaces: [], session: null }, effects: [] };
      case 'timer':
        return { state, effects: [] };
      case 'frame':
        return onFrame(state, input.frame);
    }
  },
};

function onFrame(state: SocketIoState, frame: LensFrame): Step {
  const text = frame.data;
  // Binary frames are attachments: nothing to answer or count.
  if (typeof text !== 'string') return { state, effects: [] };
  const kind = text.charAt(0);
  if (frame.direction === 'in') {
    if (kind === '2') {
      return { state, effects: [{ kind: 'send', data: `3${text.slice(1)}`, label: `pong${suffix(text)}` }] };
    }
    if (kind === '0' && state.session === null) return onOpenPacket(state, text.slice(1));
  }
  if (kind === '1') return { state: { ...state, namespaces: [] }, effects: [] };
  if (kind === '4') return { state: onSocketPacket(state, frame.direction, text.slice(1)), effects: [] };
  return { state, effects: [] };
}

function onOpenPacket(state: SocketIoState, handshakeText: string): Step {
  const parsed = parseJson(handshakeText);
  const record = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? parsed.value : {};
  const { sid, pingInterval, pingTimeout } = record as Record<string, unknown>;
  const session: EngineHandshake = {};
  if (typeof sid === 'string') session.sid = sid;
  if (typeof pingInterval === 'number') session.pingInterval = pingInterval;
  if (typeof pingTimeout === 'number') session.pingTimeout = pingTimeout;
  const connect = `4${encodeSocketPacket({ type: 'CONNECT', namespace: MAIN_NAMESPACE, payload: serialisable(state.handshakePayload) })}`;
  return {
    state: { ...state, session },
    effects: [{ kind: 'send', data: connect, label: 'connect /' }],
  };
}

function onSocketPacket(state: SocketIoState, direction: 'in' | 'out', text: string): SocketIoState {
  const header = parseSocketHeader(text);
  if (!header.ok) return state;
  const { type, namespace, ackId } = header.value;
  switch (type) {
    case 'EVENT':
    case 'BINARY_EVENT':
      // Only ids this client sent: the server's ids are its own sequence, answered with ACKs.
      return direction === 'out' && ackId !== undefined && ackId > state.lastAckId
        ? { ...state, lastAckId: ackId }
        : state;
    case 'CONNECT':
      return direction === 'in' && !state.namespaces.includes(namespace)
        ? { ...state, namespaces: [...state.namespaces, namespace] }
        : state;
    case 'DISCONNECT':
    case 'CONNECT_ERROR':
      return state.namespaces.includes(namespace)
        ? { ...state, namespaces: state.namespaces.filter((joined) => joined !== namespace) }
        : state;
    default:
      return state;
  }
}

// A payload JSON cannot write (a BigInt, a cycle) is left out rather than thrown on.
function serialisable(payload: unknown): unknown {
  if (payload === undefined) return undefined;
  try {
    return JSON.stringify(payload) === undefined ? undefined : payload;
  } catch {
    return undefined;
  }
}

function suffix(ping: string): string {
  return ping.length > 1 ? ` ${ping.slice(1)}` : '';
}
