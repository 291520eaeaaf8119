import type { LensEffect, LensFrame, LensInput, LensMachine } from '../lens';
import {
  decodeStompUnits,
  headerValue,
  versionFromConnected,
  versionFromSubprotocol,
  type StompFrame,
  type StompVersion,
} from './stomp-codec';

/** A subscription this client opened on the current connection. */
export interface StompSubscription {
  destination: string;
  /** `auto`, `client` or `client-individual`: ACK/NACK buttons depend on it. */
  ack: string;
}

/** The STOMP connection as the machine knows it. */
export interface StompState {
  /** Fixed by a versioned subprotocol, else by CONNECTED; undefined before either. */
  version: StompVersion | undefined;
  versionFromSubprotocol: boolean;
  /** The `heart-beat` the client asked for in CONNECT/STOMP: [cx, cy] in ms. */
  clientHeartBeat: readonly [number, number] | undefined;
  /** How often the client must send something, in ms; 0 when heart-beating is off. */
  heartBeatEvery: number;
  /** Epoch ms of the last frame this client sent. */
  lastSentAt: number;
  /** After DISCONNECT the client may send nothing more, heart-beats included. */
  disconnecting: boolean;
  subscriptions: Readonly<Record<string, StompSubscription>>;
  /** Highest N of the `sub-N` ids sent, across connections so ids are never reused in one tab. */
  lastSubscriptionNumber: number;
  /** Highest numeric receipt id sent, across connections. */
  lastReceiptNumber: number;
  /**
   * The last CONNECT (or STOMP) frame the client sent, kept across connections: after an automatic reconnect it
   * is sent again by itself, so the session comes back. A DISCONNECT forgets it.
   */
  lastConnect: string | null;
}

// By the frame's command (after any heart-beat EOLs): CONNECT or STOMP is remembered, DISCONNECT forgets it.
function connectToReplay(last: string | null, data: string | ArrayBuffer): string | null {
  if (typeof data !== 'string') return last;
  const command = /^(?:\r?\n)*([A-Z]+)\r?\n/.exec(data)?.[1];
  if (command === 'CONNECT' || command === 'STOMP') return data;
  if (command === 'DISCONNECT') return null;
  return last;
}

/** The text of a client heart-beat: one EOL. */
export const HEART_BEAT_FRAME = '\n';

const EMPTY_CONNECTION = {
  version: undefined,
  versionFromSubprotocol: false,
  clientHeartBeat: undefined,
  heartBeatEvery: 0,
  lastSentAt: 0,
  disconnecting: false,
  subscriptions: {},
} satisfies Omit<StompState, 'lastSubscriptionNumber' | 'lastReceiptNumber' | 'lastConnect'>;

/** `cx,cy` as two non-negative integers, or undefined when malformed. */
export function parseHeartBeat(text: string | undefined): readonly [number, number] | undefined {
  const match = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(text ?? '');
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2])];
}

/** The N of `sub-N` (or a bare number), the form this lens writes. */
function subscriptionNumber(id: string): number | undefined {
  const match = /^(?:sub-)?(\d+)$/.exec(id);
  return match === null ? undefined : Number(match[1]);
}

function receiptNumber(id: string): number | undefined {
  const match = /^(?:receipt-)?(\d+)$/.exec(id);
  return match === null ? undefined : Number(match[1]);
}

function frameData(frame: LensFrame): string | Uint8Array {
  return typeof frame.data === 'string' ? frame.data : new Uint8Array(frame.data);
}

function framesOf(frame: LensFrame, state: StompState): StompFrame[] {
  const decoded = decodeStompUnits(frameData(frame), state.version ?? '1.2', state.versionFromSubprotocol);
  if (!decoded.ok) return [];
  return decoded.value.flatMap((unit) => (unit.kind === 'frame' ? [unit.frame] : []));
}

function learnFromSent(state: StompState, frame: StompFrame): StompState {
  let next = state;
  const receipt = headerValue(frame, 'receipt');
  const receiptN = receipt === undefined ? undefined : receiptNumber(receipt);
  if (receiptN !== undefined && receiptN > next.lastReceiptNumber)
    next = { ...next, lastReceiptNumber: receiptN };
  switch (frame.command) {
    case 'CONNECT':
    case 'STOMP':
      return { ...next, clientHeartBeat: parseHeartBeat(headerValue(frame, 'heart-beat')) ?? [0, 0] };
    case 'SUBSCRIBE': {
      const id = headerValue(frame, 'id');
      if (id === undefined) return next;
      const subscription = {
        destination: headerValue(frame, 'destination') ?? '',
        ack: headerValue(frame, 'ack') ?? 'auto',
      };
      const n = subscriptionNumber(id);
      return {
        ...next,
        subscriptions: { ...next.subscriptions, [id]: subscription },
        lastSubscriptionNumber:
          n !== undefined && n > next.lastSubscriptionNumber ? n : next.lastSubscriptionNumber,
      };
    }
    case 'UNSUBSCRIBE': {
      const id = headerValue(frame, 'id');
      if (id === undefined || !Object.hasOwn(next.subscriptions, id)) return next;
      const subscriptions = { ...next.subscriptions };
      delete subscriptions[id];
      return { ...next, subscriptions };
    }
    case 'DISCONNECT':
      return { ...next, disconnecting: true };
    default:
      return next;
  }
}

function learnFromReceived(state: StompState, frame: StompFrame): StompState {
  if (frame.command !== 'CONNECTED') return state;
  const version = state.versionFromSubprotocol
    ? state.version
    : (versionFromConnected(frame) ?? state.version);
  const [cx] = state.clientHeartBeat ?? [0, 0];
  const [, sy] = parseHeartBeat(headerValue(frame, 'heart-beat')) ?? [0, 0];
  return { ...state, version, heartBeatEvery: cx > 0 && sy > 0 ? Math.max(cx, sy) : 0 };
}

function onFrame(
  state: StompState,
  frame: LensFrame,
  now: number,
): { state: StompState; effects: LensEffect[] } {
  if (frame.direction === 'in') {
    const next = framesOf(frame, state).reduce(learnFromReceived, state);
    const started = state.heartBeatEvery === 0 && next.heartBeatEvery > 0 && !next.disconnecting;
    const effects: LensEffect[] = started
      ? [{ kind: 'set-timer', at: Math.max(now, next.lastSentAt + next.heartBeatEvery) }]
      : [];
    return { state: next, effects };
  }
  // Any frame sent, a heart-beat included, restarts the quiet interval the heart-beat fills.
  const next = { ...framesOf(frame, state).reduce(learnFromSent, state), lastSentAt: now };
  if (next.disconnecting)
    return { state: next, effects: state.disconnecting ? [] : [{ kind: 'clear-timer' }] };
  const effects: LensEffect[] =
    next.heartBeatEvery > 0 ? [{ kind: 'set-timer', at: now + next.heartBeatEvery }] : [];
  return { state: next, effects };
}

function onTimer(state: StompState, now: number): { state: StompState; effects: LensEffect[] } {
  if (state.heartBeatEvery === 0 || state.disconnecting) return { state, effects: [] };
  const due = state.lastSentAt + state.heartBeatEvery;
  if (now < due) return { state, effects: [{ kind: 'set-timer', at: due }] };
  return {
    // The echo of this heart-beat resets the interval again; marking it sent here keeps a lost echo harmless.
    state: { ...state, lastSentAt: now },
    effects: [
      { kind: 'send', data: HEART_BEAT_FRAME, label: 'heart-beat' },
      { kind: 'set-timer', at: now + state.heartBeatEvery },
    ],
  };
}

/** Heart-beats as negotiated by CONNECT and CONNECTED; tracks subscriptions, receipts and the version. */
export const stompMachine: LensMachine<StompState> = {
  initial: () => ({
    ...EMPTY_CONNECTION,
    lastSubscriptionNumber: 0,
    lastReceiptNumber: 0,
    lastConnect: null,
  }),
  step(state: StompState, input: LensInput, now: number) {
    switch (input.kind) {
      case 'open': {
        const version = versionFromSubprotocol(input.protocol);
        return {
          state: {
            ...state,
            ...EMPTY_CONNECTION,
            version,
            versionFromSubprotocol: version !== undefined,
            lastSentAt: now,
          },
          effects: state.lastConnect
            ? [{ kind: 'send', data: state.lastConnect, label: 'CONNECT again after a reconnect' }]
            : [],
        };
      }
      case 'frame': {
        const stepped = onFrame(state, input.frame, now);
        if (input.frame.direction !== 'out') return stepped;
        const lastConnect = connectToReplay(state.lastConnect, input.frame.data);
        return lastConnect === stepped.state.lastConnect
          ? stepped
          : { ...stepped, state: { ...stepped.state, lastConnect } };
      }
      case 'timer':
        return onTimer(state, now);
      case 'close':
        return { state: { ...state, ...EMPTY_CONNECTION }, effects: [{ kind: 'clear-timer' }] };
    }
  },
};
