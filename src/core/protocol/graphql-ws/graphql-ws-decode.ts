import type { DecodeContext, DecodedFrame, LensField, LensFrame, ProtocolMessage } from '../lens';
import {
  dialectOf,
  errorMessages,
  isRecord,
  parseGraphqlMessage,
  typeRule,
  type GraphqlDialect,
  type GraphqlMessage,
} from './graphql-ws-codec';

/** Longest timeline summary; the detail pane has the rest. */
const SUMMARY_LIMIT = 160;

/** Decodes one frame of a GraphQL over WebSocket connection, in the dialect its subprotocol names. */
export function decodeGraphqlWsFrame(frame: LensFrame, context: DecodeContext): DecodedFrame {
  if (typeof frame.data !== 'string') {
    return {
      ok: false,
      reason: `Binary frame of ${frame.data.byteLength} bytes: GraphQL over WebSocket messages are JSON text`,
    };
  }
  const dialect = dialectOf(context.protocol);
  const parsed = parseGraphqlMessage(frame.data, dialect);
  if (!parsed.ok) return { ok: false, reason: parsed.error };
  return { ok: true, messages: [describeMessage(parsed.value, dialect, frame.direction)] };
}

function describeMessage(
  message: GraphqlMessage,
  dialect: GraphqlDialect,
  direction: 'in' | 'out',
): ProtocolMessage {
  const { type, id, payload } = message;
  const fields: LensField[] = id === undefined ? [] : [{ label: 'Operation id', value: id }];
  const described: ProtocolMessage = { type, summary: type, fields, value: message };
  if (id !== undefined) described.correlation = { key: `op:${id}`, role: 'member' };
  const payloadText = payload === undefined ? undefined : json(payload);
  const withPayload = payloadText === undefined || payload === null ? '' : ` ${payloadText}`;
  switch (type) {
    case 'connection_init':
      described.summary = `connection_init${withPayload}`;
      described.note =
        dialect === 'graphql-ws'
          ? 'The client asks to start; the server answers connection_ack or connection_error.'
          : 'The client asks to start; the server answers connection_ack, or closes the socket (4403 forbidden).';
      break;
    case 'connection_ack':
      described.summary = `connection_ack${withPayload}`;
      described.note = 'The server accepted the connection: operations may start.';
      break;
    case 'connection_error': {
      const reason = errorMessages(payload).join('; ');
      described.summary = `connection_error: ${reason}`;
      described.error = reason;
      described.note = 'The server refused the connection, or could not read a message the client sent.';
      break;
    }
    case 'ka':
      described.note = 'Keep-alive from the server.';
      break;
    case 'ping':
      described.summary = `ping${withPayload}`;
      described.note = `The ${direction === 'in' ? 'server' : 'client'} checks the connection; the other side answers pong.`;
      break;
    case 'pong':
      described.summary = `pong${withPayload}`;
      described.note = 'Answers a ping.';
      break;
    case 'subscribe':
    case 'start':
      describeOperation(described, message);
      break;
    case 'next':
    case 'data':
      describeResult(described, message);
      break;
    case 'error': {
      const messages = errorMessages(payload);
      described.summary = `error ${id}: ${messages.join('; ')}`;
      described.error = messages.join('; ');
      messages.forEach((text, index) =>
        fields.push({ label: messages.length === 1 ? 'Error' : `Error ${index + 1}`, value: text }),
      );
      described.note =
        dialect === 'graphql-ws'
          ? `Operation ${id} failed before it ran (usually validation).`
          : `Operation ${id} failed before it ran (usually validation); no complete follows.`;
      break;
    }
    case 'complete':
      described.summary = `complete ${id}`;
      described.note =
        direction === 'out'
          ? `The client stops listening to operation ${id}.`
          : `Operation ${id} is done: no more results will come.`;
      break;
    case 'stop':
      described.summary = `stop ${id}`;
      described.note = `The client stops operation ${id}; the server answers complete.`;
      break;
    case 'connection_terminate':
      described.note = 'The client ends the connection.';
      break;
  }
  described.summary = clip(described.summary);
  if (payloadText !== undefined && described.body === undefined) described.body = payloadText;
  const sender = typeRule(dialect, type)?.sender;
  const from = direction === 'in' ? 'server' : 'client';
  if (sender !== undefined && sender !== 'either' && sender !== from) {
    described.note = `Only the ${sender} sends ${type}; a ${from} sending it breaks the protocol.`;
  }
  return described;
}

function describeOperation(described: ProtocolMessage, message: GraphqlMessage): void {
  const payload = message.payload as Record<string, unknown>;
  const { query, variables, operationName, extensions } = payload;
  const queryText = typeof query === 'string' ? query : (json(query) ?? '');
  const name = typeof operationName === 'string' && operationName !== '' ? ` ${operationName}` : '';
  described.summary = `${message.type} ${message.id}${name}: ${queryText.replace(/\s+/g, ' ').trim()}`;
  if (name !== '') described.fields.push({ label: 'Operation name', value: operationName as string });
  if (isRecord(variables)) described.fields.push({ label: 'Variables', value: json(variables) ?? '' });
  if (isRecord(extensions)) described.fields.push({ label: 'Extensions', value: json(extensions) ?? '' });
  described.body = queryText;
  described.note = `Starts operation ${message.id}; every message about it carries this id.`;
}

function describeResult(described: ProtocolMessage, message: GraphqlMessage): void {
  const payload = message.payload as Record<string, unknown>;
  described.summary = `${message.type} ${message.id}: ${json(payload) ?? ''}`;
  // Resolver errors travel inside a result, beside whatever data did resolve.
  if (payload.errors !== undefined && payload.errors !== null) {
    const messages = errorMessages(payload.errors);
    described.error = messages.join('; ');
    messages.forEach((text, index) =>
      described.fields.push({ label: messages.length === 1 ? 'Error' : `Error ${index + 1}`, value: text }),
    );
  }
}

function json(value: unknown): string | undefined {
  return JSON.stringify(value);
}

function clip(text: string): string {
  return text.length <= SUMMARY_LIMIT ? text : `${text.slice(0, SUMMARY_LIMIT - 1)}…`;
}
