import { err, ok, type Result } from '../../shared/result';

/** A request's id: the spec allows a string, a number or null (null and fractions are discouraged). */
export type JsonRpcId = string | number | null;

/** Positional or named parameters. */
export type JsonRpcParams = unknown[] | Record<string, unknown>;

export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** One JSON-RPC 2.0 message, validated. */
export type JsonRpcMessage =
  | { kind: 'request'; id: JsonRpcId; method: string; params?: JsonRpcParams }
  | { kind: 'notification'; method: string; params?: JsonRpcParams }
  | { kind: 'result'; id: JsonRpcId; result: unknown }
  | { kind: 'error'; id: JsonRpcId; error: JsonRpcErrorObject };

/** What one frame holds: one message, or a batch (an array, one message per element). */
export interface JsonRpcFrame {
  batch: boolean;
  messages: JsonRpcMessage[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isId(value: unknown): value is JsonRpcId {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Checks one element against the spec's request and response objects, naming the rule a bad one breaks. */
export function validateJsonRpc(value: unknown): Result<JsonRpcMessage, string> {
  if (!isObject(value)) return err(`A JSON-RPC message must be an object, not ${kindOf(value)}`);
  if (!Object.hasOwn(value, 'jsonrpc')) return err('Missing "jsonrpc": "2.0"');
  if (value.jsonrpc !== '2.0') {
    return err(`"jsonrpc" is ${JSON.stringify(value.jsonrpc)}; JSON-RPC 2.0 requires exactly "2.0"`);
  }
  const hasId = Object.hasOwn(value, 'id');
  if (hasId && !isId(value.id))
    return err(`"id" must be a string, a number or null, not ${kindOf(value.id)}`);
  const id = hasId ? (value.id as JsonRpcId) : null;
  const hasResult = Object.hasOwn(value, 'result');
  const hasError = Object.hasOwn(value, 'error');

  if (Object.hasOwn(value, 'method')) {
    if (hasResult || hasError) return err('Both a request ("method") and a response ("result"/"error")');
    if (typeof value.method !== 'string')
      return err(`"method" must be a string, not ${kindOf(value.method)}`);
    const method = value.method;
    let params: JsonRpcParams | undefined;
    if (Object.hasOwn(value, 'params')) {
      if (!Array.isArray(value.params) && !isObject(value.params)) {
        return err(`"params" must be an array or an object, not ${kindOf(value.params)}`);
      }
      params = value.params;
    }
    const base = params === undefined ? { method } : { method, params };
    return ok(hasId ? { kind: 'request', id, ...base } : { kind: 'notification', ...base });
  }

  if (hasResult && hasError) return err('A response has both "result" and "error"; exactly one is allowed');
  if (!hasResult && !hasError)
    return err('Neither a request ("method") nor a response ("result" or "error")');
  if (!hasId) return err('A response must have an "id" (null when the request\'s id could not be read)');
  if (hasResult) return ok({ kind: 'result', id, result: value.result });
  const error = value.error;
  if (!isObject(error)) return err(`"error" must be an object, not ${kindOf(error)}`);
  if (typeof error.code !== 'number' || !Number.isInteger(error.code)) {
    return err(`"error.code" must be an integer, not ${JSON.stringify(error.code) ?? 'missing'}`);
  }
  if (typeof error.message !== 'string') {
    return err(
      `"error.message" must be a string, not ${error.message === undefined ? 'missing' : kindOf(error.message)}`,
    );
  }
  const errorObject: JsonRpcErrorObject = { code: error.code, message: error.message };
  if (Object.hasOwn(error, 'data')) errorObject.data = error.data;
  return ok({ kind: 'error', id, error: errorObject });
}

/** Parses and validates one frame: a message or a batch. Binary frames are read as UTF-8 JSON. */
export function decodeJsonRpc(data: string | ArrayBuffer): Result<JsonRpcFrame, string> {
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    try {
      text = decoder.decode(data);
    } catch {
      return err('Binary frame is not UTF-8 text');
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return err(`Not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(parsed)) {
    const message = validateJsonRpc(parsed);
    return message.ok ? ok({ batch: false, messages: [message.value] }) : message;
  }
  if (parsed.length === 0) return err('Empty batch: JSON-RPC 2.0 says an empty array is an Invalid Request');
  const messages: JsonRpcMessage[] = [];
  for (const [index, element] of parsed.entries()) {
    const message = validateJsonRpc(element);
    if (!message.ok) return err(`Batch element ${index + 1} of ${parsed.length}: ${message.error}`);
    messages.push(message.value);
  }
  return ok({ batch: true, messages });
}

/** The spec's name for a reserved error code, or undefined for an application's own code. */
export function standardErrorName(code: number): string | undefined {
  switch (code) {
    case -32700:
      return 'Parse error';
    case -32600:
      return 'Invalid Request';
    case -32601:
      return 'Method not found';
    case -32602:
      return 'Invalid params';
    case -32603:
      return 'Internal error';
    default:
      if (code >= -32099 && code <= -32000) return 'Server error';
      if (code >= -32768 && code <= -32000) return 'Reserved';
      return undefined;
  }
}

/** The correlation key of an id: its JSON, so the string "7" and the number 7 stay apart. */
export function rpcKey(id: JsonRpcId): string {
  return `rpc:${JSON.stringify(id)}`;
}
