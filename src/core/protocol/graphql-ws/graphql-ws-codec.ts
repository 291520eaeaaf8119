import { err, ok, type Result } from '../../shared/result';

/**
 * Pure reading and writing of GraphQL over WebSocket messages, JSON objects `{ type, id?, payload? }`, in both
 * dialects: `graphql-transport-ws` (the graphql-ws package) and the legacy `graphql-ws` subprotocol of
 * subscriptions-transport-ws. Each message is checked against what its dialect allows.
 */

/** The two dialects, named by their subprotocols. */
export type GraphqlDialect = 'graphql-transport-ws' | 'graphql-ws';

/** The legacy subprotocol is the one named `graphql-ws`; anything else, or none, speaks graphql-transport-ws. */
export function dialectOf(protocol: string): GraphqlDialect {
  return protocol.trim().toLowerCase() === 'graphql-ws' ? 'graphql-ws' : 'graphql-transport-ws';
}

/** One message as sent; `payload` as the JSON held it. */
export interface GraphqlMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/** Who may send a message type: the client, the server or either. */
export type Sender = 'client' | 'server' | 'either';

/** What a dialect defines for a type: its sender, whether it belongs to an operation, its payload's rule. */
export interface TypeRule {
  sender: Sender;
  operation: boolean;
  payload: (payload: unknown) => string | null;
}

const optionalObject = (payload: unknown) =>
  payload === undefined || payload === null || isRecord(payload) ? null : 'payload must be a JSON object';
const none = (payload: unknown) => (payload === undefined || payload === null ? null : 'carries no payload');
const anything = () => null;
const executionResult = (payload: unknown) =>
  isRecord(payload) ? null : 'payload must be an execution result object';

const TRANSPORT_RULES: Readonly<Record<string, TypeRule>> = {
  connection_init: { sender: 'client', operation: false, payload: optionalObject },
  connection_ack: { sender: 'server', operation: false, payload: optionalObject },
  ping: { sender: 'either', operation: false, payload: optionalObject },
  pong: { sender: 'either', operation: false, payload: optionalObject },
  subscribe: { sender: 'client', operation: true, payload: (payload) => operationProblem(payload, false) },
  next: { sender: 'server', operation: true, payload: executionResult },
  error: { sender: 'server', operation: true, payload: graphqlErrorsProblem },
  complete: { sender: 'either', operation: true, payload: none },
};

const LEGACY_RULES: Readonly<Record<string, TypeRule>> = {
  connection_init: { sender: 'client', operation: false, payload: optionalObject },
  connection_ack: { sender: 'server', operation: false, payload: anything },
  connection_error: { sender: 'server', operation: false, payload: anything },
  ka: { sender: 'server', operation: false, payload: anything },
  start: { sender: 'client', operation: true, payload: (payload) => operationProblem(payload, true) },
  data: { sender: 'server', operation: true, payload: executionResult },
  error: { sender: 'server', operation: true, payload: anything },
  complete: { sender: 'server', operation: true, payload: none },
  stop: { sender: 'client', operation: true, payload: none },
  connection_terminate: { sender: 'client', operation: false, payload: none },
};

/** The rules of a message type in a dialect, or undefined for a type the dialect does not define. */
export function typeRule(dialect: GraphqlDialect, type: string): TypeRule | undefined {
  const rules = dialect === 'graphql-ws' ? LEGACY_RULES : TRANSPORT_RULES;
  return Object.prototype.hasOwnProperty.call(rules, type) ? rules[type] : undefined;
}

/** Reads a message, refusing what its dialect forbids (a subscribe without id, an unknown type). */
export function parseGraphqlMessage(text: string, dialect: GraphqlDialect): Result<GraphqlMessage, string> {
  const parsed = parseJson(text);
  if (!parsed.ok) return err(`Not JSON: ${parsed.error}`);
  const message = parsed.value;
  if (!isRecord(message))
    return err('Not a GraphQL over WebSocket message: expected a JSON object with a type');
  const { type, id, payload } = message;
  if (type === undefined) return err('Message without a type');
  if (typeof type !== 'string') return err(`Message type must be a string, got ${JSON.stringify(type)}`);
  const rule = typeRule(dialect, type);
  if (rule === undefined) return err(unknownType(type, dialect));
  if (rule.operation) {
    if (id === undefined) return err(`${type} without an id`);
    if (typeof id !== 'string' || id === '')
      return err(`${type} id must be a non-empty string, got ${JSON.stringify(id)}`);
  }
  const problem = rule.payload(payload);
  if (problem !== null) return err(`${type} ${problem}`);
  const result: GraphqlMessage = { type };
  if (typeof id === 'string') result.id = id;
  if (payload !== undefined) result.payload = payload;
  return ok(result);
}

/** Writes a message as JSON with its keys in the order people read them: type, id, payload. */
export function encodeGraphqlMessage(message: GraphqlMessage): string {
  const ordered: GraphqlMessage = { type: message.type };
  if (message.id !== undefined) ordered.id = message.id;
  if (message.payload !== undefined) ordered.payload = message.payload;
  return JSON.stringify(ordered);
}

/** The messages of GraphQL errors (`[{ message, … }]`, or the legacy single error object), in order. */
export function errorMessages(errors: unknown): string[] {
  const list = Array.isArray(errors) ? (errors as unknown[]) : [errors];
  return list.map((error) => {
    if (typeof error === 'string') return error;
    if (isRecord(error) && typeof error.message === 'string') return error.message;
    return JSON.stringify(error) ?? String(error);
  });
}

/** JSON.parse as a Result. */
export function parseJson(text: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

/** Whether a value is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function operationProblem(payload: unknown, legacy: boolean): string | null {
  if (!isRecord(payload)) return 'payload must be an object with the query';
  const { query, variables, operationName, extensions } = payload;
  // subscriptions-transport-ws also takes an already parsed document.
  if (typeof query !== 'string' && !(legacy && isRecord(query))) return 'payload.query must be a string';
  if (variables !== undefined && variables !== null && !isRecord(variables))
    return 'payload.variables must be an object';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return 'payload.operationName must be a string';
  }
  if (extensions !== undefined && extensions !== null && !isRecord(extensions)) {
    return 'payload.extensions must be an object';
  }
  return null;
}

function graphqlErrorsProblem(payload: unknown): string | null {
  if (!Array.isArray(payload) || payload.length === 0)
    return 'payload must be a non-empty array of GraphQL errors';
  return payload.every((error) => isRecord(error) && typeof error.message === 'string')
    ? null
    : 'payload must hold GraphQL errors, each with a message';
}

function unknownType(type: string, dialect: GraphqlDialect): string {
  const other: GraphqlDialect = dialect === 'graphql-ws' ? 'graphql-transport-ws' : 'graphql-ws';
  if (typeRule(other, type) === undefined) return `Unknown message type "${type}" in ${describe(dialect)}`;
  return `"${type}" belongs to ${describe(other)}, but this connection speaks ${describe(dialect)}`;
}

function describe(dialect: GraphqlDialect): string {
  return dialect === 'graphql-ws' ? 'the legacy graphql-ws protocol' : 'graphql-transport-ws';
}
