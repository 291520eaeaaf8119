import { err, ok, type Result } from '../../shared/result';
import type { ComposerForm, ComposerValues, Lens, LensAction, OutgoingFrame, ProtocolMessage } from '../lens';
import { encodeGraphqlMessage, isRecord, parseJson, type GraphqlDialect } from './graphql-ws-codec';
import { decodeGraphqlWsFrame } from './graphql-ws-decode';
import { graphqlWsMachine, type GraphqlWsState } from './graphql-ws-machine';

export type { GraphqlWsState } from './graphql-ws-machine';

const forms: readonly ComposerForm[] = [
  {
    id: 'subscribe',
    label: 'Subscribe',
    fields: [
      { kind: 'code', name: 'query', label: 'Query', language: 'graphql' },
      { kind: 'code', name: 'variables', label: 'Variables (JSON object)', language: 'json', optional: true },
      { kind: 'text', name: 'operationName', label: 'Operation name', optional: true },
    ],
  },
  {
    // Forms are the same for both dialects; in the legacy one, encoding this form says it has no ping.
    id: 'ping',
    label: 'Ping',
    fields: [
      { kind: 'code', name: 'payload', label: 'Payload (JSON object)', language: 'json', optional: true },
    ],
  },
];

/**
 * GraphQL over WebSocket, in the dialect the negotiated subprotocol names: `graphql-ws` is the legacy
 * subscriptions-transport-ws protocol, anything else graphql-transport-ws. `value` of each decoded message is
 * the message itself, `{ type, id?, payload? }` as sent (e.g. `{ type: 'next', id: '1', payload: { data } }`).
 * Messages of an operation correlate as `op:<id>` members.
 */
export const graphqlWsLens: Lens<GraphqlWsState> = {
  id: 'graphql-ws',
  decode: decodeGraphqlWsFrame,
  machine: graphqlWsMachine,
  forms,
  encode(formId: string, values: ComposerValues, state: GraphqlWsState): Result<OutgoingFrame[], string> {
    switch (formId) {
      case 'subscribe':
        return encodeSubscribe(values, state);
      case 'ping':
        return encodePing(values, state.dialect);
      default:
        return err(`Unknown form "${formId}"`);
    }
  },
  actions(message: ProtocolMessage, state: GraphqlWsState): LensAction[] {
    const { id } = message.value as { id?: unknown };
    if (typeof id !== 'string' || !state.running.includes(id)) return [];
    const type = state.dialect === 'graphql-ws' ? 'stop' : 'complete';
    return [{ label: 'Complete', frames: [encodeGraphqlMessage({ type, id })] }];
  },
};

function encodeSubscribe(values: ComposerValues, state: GraphqlWsState): Result<OutgoingFrame[], string> {
  const query = text(values, 'query');
  if (query.trim() === '') return err('Query: required');
  const payload: Record<string, unknown> = { query };
  const variablesText = text(values, 'variables').trim();
  if (variablesText !== '') {
    const variables = parseJson(variablesText);
    if (!variables.ok) return err(`Variables: not JSON: ${variables.error}`);
    if (!isRecord(variables.value)) return err('Variables: must be a JSON object');
    payload.variables = variables.value;
  }
  const operationName = text(values, 'operationName').trim();
  if (operationName !== '') payload.operationName = operationName;
  const type = state.dialect === 'graphql-ws' ? 'start' : 'subscribe';
  return ok([encodeGraphqlMessage({ type, id: String(state.lastOperationId + 1), payload })]);
}

function encodePing(values: ComposerValues, dialect: GraphqlDialect): Result<OutgoingFrame[], string> {
  if (dialect === 'graphql-ws') {
    return err('Ping: the legacy graphql-ws protocol has no ping; its server sends ka keep-alives instead');
  }
  const payloadText = text(values, 'payload').trim();
  if (payloadText === '') return ok([encodeGraphqlMessage({ type: 'ping' })]);
  const payload = parseJson(payloadText);
  if (!payload.ok) return err(`Payload: not JSON: ${payload.error}`);
  if (!isRecord(payload.value)) return err('Payload: must be a JSON object');
  return ok([encodeGraphqlMessage({ type: 'ping', payload: payload.value })]);
}

function text(values: ComposerValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}
