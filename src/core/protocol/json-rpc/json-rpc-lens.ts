import { err, ok, type Result } from '../../shared/result';
import type { ComposerForm, ComposerValues, DecodedFrame, Lens, LensFrame, OutgoingFrame } from '../lens';
import { decodeJsonRpc, type JsonRpcParams } from './json-rpc-codec';
import { describeJsonRpc } from './json-rpc-describe';
import { jsonRpcMachine, type JsonRpcState } from './json-rpc-machine';

function decode(frame: LensFrame): DecodedFrame {
  const decoded = decodeJsonRpc(frame.data);
  if (!decoded.ok) return { ok: false, reason: decoded.error };
  const { batch, messages } = decoded.value;
  return {
    ok: true,
    messages: messages.map((message, index) =>
      describeJsonRpc(message, index, batch ? messages.length : undefined),
    ),
  };
}

const BATCH_EXAMPLE =
  '[\n  { "method": "add", "params": [2, 3] },\n  { "method": "subtract", "params": [7, 4] }\n]';

const forms: readonly ComposerForm[] = [
  {
    id: 'request',
    label: 'Request',
    fields: [
      { kind: 'text', name: 'method', label: 'Method', placeholder: 'add' },
      { kind: 'code', name: 'params', label: 'Params', language: 'json', optional: true },
      { kind: 'checkbox', name: 'notification', label: 'Notification (no reply)', initial: false },
    ],
  },
  {
    id: 'batch',
    label: 'Batch',
    fields: [{ kind: 'code', name: 'calls', label: 'Calls', language: 'json', initial: BATCH_EXAMPLE }],
  },
];

function text(values: ComposerValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

function parseJson(source: string, label: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(source) as unknown);
  } catch (error) {
    return err(`${label}: not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isParams(value: unknown): value is JsonRpcParams {
  return typeof value === 'object' && value !== null;
}

/** Params as the user typed them: empty means none; else an array (by position) or an object (by name). */
function readParams(source: string, label: string): Result<JsonRpcParams | undefined, string> {
  if (source.trim() === '') return ok(undefined);
  const parsed = parseJson(source, label);
  if (!parsed.ok) return parsed;
  if (!isParams(parsed.value)) {
    return err(
      `${label}: must be a JSON array (by position) or object (by name), not ${JSON.stringify(parsed.value)}`,
    );
  }
  return ok(parsed.value);
}

/** A request (or notification, without id) with its members in the spec's order. */
function requestObject(method: string, params: JsonRpcParams | undefined, id: number | undefined): object {
  return {
    jsonrpc: '2.0',
    method,
    ...(params === undefined ? {} : { params }),
    ...(id === undefined ? {} : { id }),
  };
}

function encodeRequest(values: ComposerValues, state: JsonRpcState): Result<OutgoingFrame[], string> {
  const method = text(values, 'method').trim();
  if (method === '') return err('Method: required');
  const params = readParams(text(values, 'params'), 'Params');
  if (!params.ok) return params;
  const id = values.notification === true ? undefined : state.highestId + 1;
  return ok([JSON.stringify(requestObject(method, params.value, id))]);
}

const CALL_KEYS = new Set(['method', 'params', 'notification']);

function encodeBatch(values: ComposerValues, state: JsonRpcState): Result<OutgoingFrame[], string> {
  const parsed = parseJson(text(values, 'calls'), 'Calls');
  if (!parsed.ok) return parsed;
  const calls = parsed.value;
  if (!Array.isArray(calls)) return err('Calls: must be a JSON array of {"method", "params"} objects');
  if (calls.length === 0) return err('Calls: empty; JSON-RPC 2.0 rejects an empty batch');
  const objects: object[] = [];
  let nextId = state.highestId + 1;
  for (const [index, call] of calls.entries()) {
    const where = `Calls: item ${index + 1}`;
    if (typeof call !== 'object' || call === null || Array.isArray(call)) {
      return err(`${where}: must be an object like {"method": "add", "params": [2, 3]}`);
    }
    const record = call as Record<string, unknown>;
    // A typo ("parms") would otherwise drop the params without a word.
    const unknown = Object.keys(record).find((key) => !CALL_KEYS.has(key));
    if (unknown !== undefined)
      return err(`${where}: unknown key ${JSON.stringify(unknown)} (method, params, notification)`);
    if (typeof record.method !== 'string' || record.method.trim() === '') {
      return err(`${where}: "method" must be a non-empty string`);
    }
    if (record.params !== undefined && !isParams(record.params)) {
      return err(`${where}: "params" must be an array or an object`);
    }
    if (record.notification !== undefined && typeof record.notification !== 'boolean') {
      return err(`${where}: "notification" must be true or false`);
    }
    const notification = record.notification === true;
    objects.push(requestObject(record.method, record.params, notification ? undefined : nextId));
    if (!notification) nextId++;
  }
  return ok([JSON.stringify(objects)]);
}

function encode(
  formId: string,
  values: ComposerValues,
  state: JsonRpcState,
): Result<OutgoingFrame[], string> {
  if (formId === 'request') return encodeRequest(values, state);
  if (formId === 'batch') return encodeBatch(values, state);
  return err(`Unknown JSON-RPC form ${JSON.stringify(formId)}`);
}

/**
 * JSON-RPC 2.0 over WebSocket; a batch decodes to one message per element. Message values:
 * `{ type: 'request', id, method, params? }`, `{ type: 'notification', method, params? }`,
 * `{ type: 'result', id, result }`, `{ type: 'error', id, error: { code, message, data? } }`.
 */
export const jsonRpcLens: Lens<JsonRpcState> = {
  id: 'json-rpc',
  decode,
  machine: jsonRpcMachine,
  forms,
  encode,
};
