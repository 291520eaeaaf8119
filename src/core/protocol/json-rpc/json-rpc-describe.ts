import type { LensField, ProtocolMessage } from '../lens';
import { rpcKey, standardErrorName, type JsonRpcMessage, type JsonRpcParams } from './json-rpc-codec';

const PREVIEW_LENGTH = 100;

function compact(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function clip(text: string): string {
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** `add(2, 3)` for positional params, `add({"a":2})` for named ones: a call as a reader writes it. */
function call(method: string, params: JsonRpcParams | undefined): string {
  if (params === undefined) return `${method}()`;
  const args = Array.isArray(params) ? params.map(compact).join(', ') : compact(params);
  return clip(`${method}(${args})`);
}

function position(index: number, size: number | undefined): LensField[] {
  return size === undefined ? [] : [{ label: 'Batch', value: `${index + 1} of ${size}` }];
}

/**
 * One validated message as a protocol message; `size` is the batch's length when it came in one. Values:
 * `{ type: 'request', id, method, params? }`, `{ type: 'notification', method, params? }`,
 * `{ type: 'result', id, result }`, `{ type: 'error', id, error: { code, message, data? } }`.
 */
export function describeJsonRpc(message: JsonRpcMessage, index = 0, size?: number): ProtocolMessage {
  const batch = position(index, size);
  switch (message.kind) {
    case 'request':
    case 'notification': {
      const { params } = message;
      const isRequest = message.kind === 'request';
      const described: ProtocolMessage = {
        type: message.kind,
        summary: isRequest
          ? `${call(message.method, params)} #${compact(message.id)}`
          : call(message.method, params),
        fields: [
          ...(isRequest ? [{ label: 'ID', value: compact(message.id) }] : []),
          { label: 'Method', value: message.method },
          ...(params === undefined
            ? []
            : [{ label: 'Params', value: Array.isArray(params) ? 'by position' : 'by name' }]),
          ...batch,
        ],
        value: {
          type: message.kind,
          ...(message.kind === 'request' ? { id: message.id } : {}),
          method: message.method,
          ...(params === undefined ? {} : { params }),
        },
      };
      if (params !== undefined) described.body = pretty(params);
      if (message.kind === 'request') described.correlation = { key: rpcKey(message.id), role: 'request' };
      else described.note = 'A notification: the server sends no reply.';
      if (message.method.startsWith('rpc.')) {
        described.note = 'Methods named rpc.* are reserved for the protocol’s own extensions.';
      }
      return described;
    }
    case 'result': {
      const described: ProtocolMessage = {
        type: 'result',
        summary: clip(`→ result #${compact(message.id)}: ${compact(message.result)}`),
        fields: [{ label: 'ID', value: compact(message.id) }, ...batch],
        body: pretty(message.result),
        value: { type: 'result', id: message.id, result: message.result },
      };
      if (message.id !== null) described.correlation = { key: rpcKey(message.id), role: 'reply' };
      return described;
    }
    case 'error': {
      const { code, message: text } = message.error;
      const meaning = standardErrorName(code);
      const suffix = meaning === undefined || meaning === text ? '' : ` (${meaning})`;
      const fields: LensField[] = [
        { label: 'ID', value: compact(message.id) },
        { label: 'Code', value: String(code) },
        { label: 'Meaning', value: meaning ?? 'Defined by the application' },
        { label: 'Message', value: text },
        ...batch,
      ];
      const described: ProtocolMessage = {
        type: 'error',
        summary: clip(`error #${compact(message.id)} ${code} ${text}${suffix}`),
        fields,
        value: { type: 'error', id: message.id, error: message.error },
        error: `${code} ${text}`,
      };
      if (Object.hasOwn(message.error, 'data')) described.body = pretty(message.error.data);
      if (message.id !== null) described.correlation = { key: rpcKey(message.id), role: 'reply' };
      else
        described.note = 'The id is null: the server could not read the request’s id, so no request matches.';
      return described;
    }
  }
}
