import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComposerValues, LensFrame, ProtocolMessage } from '../lens';
import { jsonRpcLens } from './json-rpc-lens';
import type { JsonRpcState } from './json-rpc-machine';

const context = { protocol: '' };
const inbound = (data: string | ArrayBuffer): LensFrame => ({ direction: 'in', data });

function messages(data: string | ArrayBuffer): ProtocolMessage[] {
  const decoded = jsonRpcLens.decode(inbound(data), context);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.messages;
}

function only(data: string): ProtocolMessage {
  const [message, ...rest] = messages(data);
  expect(rest).toEqual([]);
  if (message === undefined) throw new Error('no message');
  return message;
}

function reason(data: string): string {
  const decoded = jsonRpcLens.decode(inbound(data), context);
  if (decoded.ok) throw new Error('decoded');
  return decoded.reason;
}

function encoded(formId: string, values: ComposerValues, state: JsonRpcState = { highestId: 0 }): unknown[] {
  const result = jsonRpcLens.encode(formId, values, state);
  if (!result.ok) throw new Error(result.error);
  return result.value.map((frame) =>
    JSON.parse(typeof frame === 'string' ? frame : new TextDecoder().decode(frame)),
  );
}

describe('jsonRpcLens.decode: the specification’s examples', () => {
  it('reads a request with positional params and its result', () => {
    expect(only('{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}')).toMatchObject({
      type: 'request',
      summary: 'subtract(42, 23) #1',
      correlation: { key: 'rpc:1', role: 'request' },
      value: { type: 'request', id: 1, method: 'subtract', params: [42, 23] },
      body: '[\n  42,\n  23\n]',
    });
    expect(only('{"jsonrpc": "2.0", "result": 19, "id": 1}')).toMatchObject({
      type: 'result',
      summary: '→ result #1: 19',
      correlation: { key: 'rpc:1', role: 'reply' },
      value: { type: 'result', id: 1, result: 19 },
    });
  });

  it('reads named params', () => {
    const message = only(
      '{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}',
    );
    expect(message.summary).toBe('subtract({"subtrahend":23,"minuend":42}) #3');
    expect(message.fields).toContainEqual({ label: 'Params', value: 'by name' });
  });

  it('reads notifications, which expect no reply', () => {
    const message = only('{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}');
    expect(message).toMatchObject({
      type: 'notification',
      summary: 'update(1, 2, 3, 4, 5)',
      value: { type: 'notification', method: 'update', params: [1, 2, 3, 4, 5] },
    });
    expect(message.correlation).toBeUndefined();
    expect(only('{"jsonrpc": "2.0", "method": "foobar"}').summary).toBe('foobar()');
  });

  it('reads errors, naming the standard codes', () => {
    expect(
      only('{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": 7}'),
    ).toMatchObject({
      type: 'error',
      summary: 'error #7 -32601 Method not found',
      error: '-32601 Method not found',
      correlation: { key: 'rpc:7', role: 'reply' },
      value: { type: 'error', id: 7, error: { code: -32601, message: 'Method not found' } },
    });
    expect(
      only(
        '{"jsonrpc":"2.0","error":{"code":-32602,"message":"b is missing","data":{"field":"b"}},"id":"x"}',
      ),
    ).toMatchObject({
      summary: 'error #"x" -32602 b is missing (Invalid params)',
      body: '{\n  "field": "b"\n}',
      correlation: { key: 'rpc:"x"', role: 'reply' },
    });
    const parse = only('{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}');
    expect(parse.summary).toBe('error #null -32700 Parse error');
    expect(parse.correlation).toBeUndefined();
  });

  it.each([
    [-32700, 'Parse error'],
    [-32600, 'Invalid Request'],
    [-32601, 'Method not found'],
    [-32602, 'Invalid params'],
    [-32603, 'Internal error'],
    [-32000, 'Server error'],
    [-32099, 'Server error'],
    [-32100, 'Reserved'],
    [42, 'Defined by the application'],
  ])('names code %i %s', (code, meaning) => {
    const message = only(`{"jsonrpc":"2.0","error":{"code":${code},"message":"m"},"id":1}`);
    expect(message.fields).toContainEqual({ label: 'Meaning', value: meaning });
  });

  it('keeps the number 1 and the string "1" apart', () => {
    expect(only('{"jsonrpc":"2.0","result":7,"id":"1"}').correlation?.key).toBe('rpc:"1"');
    expect(only('{"jsonrpc":"2.0","result":7,"id":1}').correlation?.key).toBe('rpc:1');
  });

  it('reads a batch of responses as one message per element, in order', () => {
    const batch = `[
      {"jsonrpc": "2.0", "result": 7, "id": "1"},
      {"jsonrpc": "2.0", "result": 19, "id": "2"},
      {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid Request"}, "id": null},
      {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "5"},
      {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"}
    ]`;
    const decoded = messages(batch);
    expect(decoded.map((message) => message.summary)).toEqual([
      '→ result #"1": 7',
      '→ result #"2": 19',
      'error #null -32600 Invalid Request',
      'error #"5" -32601 Method not found',
      '→ result #"9": ["hello",5]',
    ]);
    expect(decoded[4]?.fields).toContainEqual({ label: 'Batch', value: '5 of 5' });
  });

  it('reads binary frames as UTF-8 JSON', () => {
    const bytes = new TextEncoder().encode('{"jsonrpc":"2.0","method":"ping","id":2}');
    expect(messages(bytes.buffer).map((message) => message.summary)).toEqual(['ping() #2']);
  });
});

describe('jsonRpcLens.decode: what is not JSON-RPC 2.0', () => {
  it.each([
    ['{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]', /^Not JSON: /],
    ['[]', 'Empty batch: JSON-RPC 2.0 says an empty array is an Invalid Request'],
    ['[1]', 'Batch element 1 of 1: A JSON-RPC message must be an object, not a number'],
    [
      '[{"jsonrpc":"2.0","method":"a","id":1},{"foo": "boo"}]',
      'Batch element 2 of 2: Missing "jsonrpc": "2.0"',
    ],
    ['"hello"', 'A JSON-RPC message must be an object, not a string'],
    ['{"method":"add","params":[1],"id":1}', 'Missing "jsonrpc": "2.0"'],
    ['{"jsonrpc":"1.0","method":"add","id":1}', '"jsonrpc" is "1.0"; JSON-RPC 2.0 requires exactly "2.0"'],
    ['{"jsonrpc":2,"method":"add","id":1}', '"jsonrpc" is 2; JSON-RPC 2.0 requires exactly "2.0"'],
    ['{"jsonrpc": "2.0", "method": 1, "params": "bar"}', '"method" must be a string, not a number'],
    [
      '{"jsonrpc": "2.0", "method": "a", "params": "bar"}',
      '"params" must be an array or an object, not a string',
    ],
    ['{"jsonrpc":"2.0","method":"a","id":{}}', '"id" must be a string, a number or null, not an object'],
    [
      '{"jsonrpc":"2.0","result":1,"error":{"code":1,"message":"m"},"id":1}',
      'A response has both "result" and "error"; exactly one is allowed',
    ],
    [
      '{"jsonrpc":"2.0","method":"a","result":1,"id":1}',
      'Both a request ("method") and a response ("result"/"error")',
    ],
    ['{"jsonrpc":"2.0","id":1}', 'Neither a request ("method") nor a response ("result" or "error")'],
    [
      '{"jsonrpc":"2.0","result":1}',
      'A response must have an "id" (null when the request\'s id could not be read)',
    ],
    ['{"jsonrpc":"2.0","error":"bad","id":1}', '"error" must be an object, not a string'],
    [
      '{"jsonrpc":"2.0","error":{"code":1.5,"message":"m"},"id":1}',
      '"error.code" must be an integer, not 1.5',
    ],
    ['{"jsonrpc":"2.0","error":{"message":"m"},"id":1}', '"error.code" must be an integer, not missing'],
    ['{"jsonrpc":"2.0","error":{"code":1},"id":1}', '"error.message" must be a string, not missing'],
  ])('%s', (data, expected) => {
    if (typeof expected === 'string') expect(reason(data)).toBe(expected);
    else expect(reason(data)).toMatch(expected);
  });

  it('rejects binary frames that are not UTF-8', () => {
    expect(jsonRpcLens.decode(inbound(new Uint8Array([0xff, 0xfe]).buffer), context)).toEqual({
      ok: false,
      reason: 'Binary frame is not UTF-8 text',
    });
  });

  it('never throws, whatever the frame', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.uint8Array().map((bytes) => bytes.slice().buffer),
        ),
        (data) => void jsonRpcLens.decode(inbound(data), context),
      ),
    );
    const member = fc.record(
      {
        jsonrpc: fc.constantFrom('2.0', '1.0'),
        method: fc.jsonValue(),
        params: fc.jsonValue(),
        id: fc.jsonValue(),
        result: fc.jsonValue(),
        error: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(member, fc.array(member)),
        (value) => void jsonRpcLens.decode(inbound(JSON.stringify(value)), context),
      ),
    );
  });
});

describe('jsonRpcLens.encode', () => {
  it('writes a request with the next id', () => {
    expect(
      encoded('request', { method: 'add', params: '[2, 3]', notification: false }, { highestId: 6 }),
    ).toEqual([{ jsonrpc: '2.0', method: 'add', params: [2, 3], id: 7 }]);
    expect(encoded('request', { method: 'ping', params: '', notification: false })).toEqual([
      { jsonrpc: '2.0', method: 'ping', id: 1 },
    ]);
  });

  it('writes a notification without an id', () => {
    expect(
      encoded('request', { method: 'update', params: '{"a":1}', notification: true }, { highestId: 3 }),
    ).toEqual([{ jsonrpc: '2.0', method: 'update', params: { a: 1 } }]);
  });

  it('writes a batch, each call given the next id in turn', () => {
    const calls = '[{"method":"add","params":[1,2]},{"method":"log","notification":true},{"method":"now"}]';
    expect(encoded('batch', { calls }, { highestId: 9 })).toEqual([
      [
        { jsonrpc: '2.0', method: 'add', params: [1, 2], id: 10 },
        { jsonrpc: '2.0', method: 'log' },
        { jsonrpc: '2.0', method: 'now', id: 11 },
      ],
    ]);
  });

  it('encodes what it decodes', () => {
    const params = fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()));
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== ''),
        params,
        fc.nat(),
        (method, p, highestId) => {
          const frame = jsonRpcLens.encode(
            'request',
            { method, params: JSON.stringify(p), notification: false },
            { highestId },
          );
          if (!frame.ok) return false;
          const [message] = messages(String(frame.value[0]));
          expect(message?.value).toEqual({
            type: 'request',
            id: highestId + 1,
            method,
            params: JSON.parse(JSON.stringify(p)),
          });
          return true;
        },
      ),
    );
  });

  it.each([
    ['request', { method: ' ', params: '' }, 'Method: required'],
    ['request', { method: 'a', params: '[1,' }, /^Params: not JSON: /],
    [
      'request',
      { method: 'a', params: '5' },
      'Params: must be a JSON array (by position) or object (by name), not 5',
    ],
    ['batch', { calls: 'nope' }, /^Calls: not JSON: /],
    ['batch', { calls: '{"method":"a"}' }, 'Calls: must be a JSON array of {"method", "params"} objects'],
    ['batch', { calls: '[]' }, 'Calls: empty; JSON-RPC 2.0 rejects an empty batch'],
    [
      'batch',
      { calls: '[{"method":"a"},3]' },
      'Calls: item 2: must be an object like {"method": "add", "params": [2, 3]}',
    ],
    ['batch', { calls: '[{"method":""}]' }, 'Calls: item 1: "method" must be a non-empty string'],
    [
      'batch',
      { calls: '[{"method":"a","params":1}]' },
      'Calls: item 1: "params" must be an array or an object',
    ],
    [
      'batch',
      { calls: '[{"method":"a","parms":[1]}]' },
      'Calls: item 1: unknown key "parms" (method, params, notification)',
    ],
    [
      'batch',
      { calls: '[{"method":"a","notification":"yes"}]' },
      'Calls: item 1: "notification" must be true or false',
    ],
    ['other', {}, 'Unknown JSON-RPC form "other"'],
  ])('%s %j → %s', (formId, values, expected) => {
    const result = jsonRpcLens.encode(formId, values, { highestId: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    if (typeof expected === 'string') expect(result.error).toBe(expected);
    else expect(result.error).toMatch(expected);
  });

  it('offers the Request and Batch forms', () => {
    expect(
      jsonRpcLens.forms.map((form) => [form.id, form.label, form.fields.map((field) => field.name)]),
    ).toEqual([
      ['request', 'Request', ['method', 'params', 'notification']],
      ['batch', 'Batch', ['calls']],
    ]);
    const batch = jsonRpcLens.forms[1]?.fields[0];
    expect(
      batch?.kind === 'code' &&
        jsonRpcLens.encode('batch', { calls: batch.initial ?? '' }, { highestId: 0 }).ok,
    ).toBe(true);
  });
});
