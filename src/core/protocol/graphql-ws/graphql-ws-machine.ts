import type { LensEffect, LensFrame, LensInput, LensMachine, LensOptions } from '../lens';
import {
  dialectOf,
  encodeGraphqlMessage,
  isRecord,
  parseJson,
  type GraphqlDialect,
} from './graphql-ws-codec';

/** The GraphQL over WebSocket machine's state: one connection's dialect and operations, plus the id counter. */
export interface GraphqlWsState {
  /** From the negotiated subprotocol at open; graphql-transport-ws until then. */
  readonly dialect: GraphqlDialect;
  /** The `connection_init` payload; undefined sends none. */
  readonly handshakePayload: unknown;
  /** The highest numeric operation id sent; kept across connections so an id is never reused in a tab. */
  readonly lastOperationId: number;
  /** Ids of operations started and not yet ended by complete, error or stop, in the order started. */
  readonly running: readonly string[];
  /** Whether the server sent connection_ack on this connection. */
  readonly acknowledged: boolean;
}

type Step = { state: GraphqlWsState; effects: LensEffect[] };

/**
 * Sends `connection_init` as soon as the socket opens and, in graphql-transport-ws, answers each server `ping`
 * with a `pong` carrying the same payload. Follows operation ids sent and which operations still run. The
 * protocol needs no timer of the client: the legacy server's `ka` keep-alives ask for no answer.
 */
export const graphqlWsMachine: LensMachine<GraphqlWsState> = {
  initial(options: LensOptions): GraphqlWsState {
    return {
      dialect: 'graphql-transport-ws',
      handshakePayload: options.handshakePayload,
      lastOperationId: 0,
      running: [],
      acknowledged: false,
    };
  },
  step(state: GraphqlWsState, input: LensInput): Step {
    switch (input.kind) {
      case 'open': {
        const opened = { ...state, dialect: dialectOf(input.protocol), running: [], acknowledged: false };
        const init = encodeGraphqlMessage({
          type: 'connection_init',
          payload: serialisable(state.handshakePayload),
        });
        return { state: opened, effects: [{ kind: 'send', data: init, label: 'connection_init' }] };
      }
      case 'close':
        return { state: { ...state, running: [], acknowledged: false }, effects: [] };
      case 'timer':
        return { state, effects: [] };
      case 'frame':
        return onFrame(state, input.frame);
    }
  },
};

function onFrame(state: GraphqlWsState, frame: LensFrame): Step {
  if (typeof frame.data !== 'string') return { state, effects: [] };
  const parsed = parseJson(frame.data);
  if (!parsed.ok || !isRecord(parsed.value)) return { state, effects: [] };
  const { type, id, payload } = parsed.value;
  const operation = typeof id === 'string' && id !== '' ? id : null;
  if (frame.direction === 'in') {
    switch (type) {
      case 'ping':
        if (state.dialect !== 'graphql-transport-ws') break;
        return {
          state,
          effects: [
            {
              kind: 'send',
              data: encodeGraphqlMessage({ type: 'pong', payload: pongPayload(payload) }),
              label: 'pong',
            },
          ],
        };
      case 'connection_ack':
        return { state: state.acknowledged ? state : { ...state, acknowledged: true }, effects: [] };
      case 'complete':
      case 'error':
        return { state: ended(state, operation), effects: [] };
    }
    return { state, effects: [] };
  }
  switch (type) {
    case 'subscribe':
    case 'start':
      return { state: started(state, operation), effects: [] };
    case 'complete':
    case 'stop':
      return { state: ended(state, operation), effects: [] };
    case 'connection_terminate':
      return { state: state.running.length === 0 ? state : { ...state, running: [] }, effects: [] };
  }
  return { state, effects: [] };
}

function started(state: GraphqlWsState, id: string | null): GraphqlWsState {
  if (id === null) return state;
  // Only plain decimal ids count: the composer's next id is one more than the highest of those.
  const numeric = /^\d{1,15}$/.test(id) ? Number(id) : 0;
  const running = state.running.includes(id) ? state.running : [...state.running, id];
  const lastOperationId = Math.max(state.lastOperationId, numeric);
  return running === state.running && lastOperationId === state.lastOperationId
    ? state
    : { ...state, running, lastOperationId };
}

function ended(state: GraphqlWsState, id: string | null): GraphqlWsState {
  if (id === null || !state.running.includes(id)) return state;
  return { ...state, running: state.running.filter((running) => running !== id) };
}

// The pong echoes the ping's payload, which the protocol allows to be an object only.
function pongPayload(payload: unknown): unknown {
  return isRecord(payload) ? payload : undefined;
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
