import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher, lensesUsedBy, subsetDifferences } from './message-matcher';
import type { MessageMatcher } from './scenario';
import type { Lens } from '../protocol/lens';
import { jsonRpcLens } from '../protocol/json-rpc/json-rpc-lens';

const json = fc.jsonValue();

function matcher(m: MessageMatcher) {
  const compiled = compileMatcher(m);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.value;
}

describe('JSON subset', () => {
  it('every value holds itself', () => {
    fc.assert(
      fc.property(json, (value) => subsetDifferences(value, structuredClone(value), '$').length === 0),
    );
  });

  it('an object with more keys still holds the expected ones', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), json),
        fc.dictionary(fc.string(), json),
        (expected, extra) => subsetDifferences(expected, { ...extra, ...expected }, '$').length === 0,
      ),
    );
  });

  it('a changed leaf is named by its path', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (key, value) => {
        const differences = subsetDifferences(
          { outer: { [key]: value } },
          { outer: { [key]: value + 1 } },
          '$',
        );
        return differences.length === 1 && differences[0]?.path.startsWith('$.outer');
      }),
    );
  });

  it('reports a missing key, a wrong type and a wrong array length', () => {
    expect(subsetDifferences({ type: 'ack', id: 1 }, { type: 'message' }, '$')).toEqual([
      { path: '$.type', expected: '"ack"', actual: '"message"' },
      { path: '$.id', expected: '1', actual: 'missing' },
    ]);
    expect(subsetDifferences({ a: { b: 1 } }, { a: [1] }, '$')).toEqual([
      { path: '$.a', expected: 'an object', actual: '[1]' },
    ]);
    expect(subsetDifferences([1, 2], [1, 2, 3], '$')).toEqual([
      { path: '$', expected: '2 elements', actual: '3 elements' },
    ]);
    expect(subsetDifferences({ 'a key': 1 }, { 'a key': 2 }, '$')[0]?.path).toBe('$["a key"]');
  });

  it('the matcher explains a mismatch and refuses text that is not JSON', () => {
    const match = matcher({ kind: 'json-subset', value: { type: 'message', content: 'hi' } });
    expect(match('{"type":"message","content":"hi","id":3}')).toBeNull();
    expect(match('{"type":"message","content":"hello"}')?.reason).toBe(
      '$.content: expected "hi", got "hello"',
    );
    expect(match('not json')?.reason).toMatch(/does not parse as JSON/);
    expect(match(new Uint8Array([1]))?.reason).toMatch(/binary/);
  });
});

describe('other matchers', () => {
  it('JSON path predicates use the timeline filter language, each one must hold', () => {
    const match = matcher({
      kind: 'json-path',
      predicates: ['$.type == "trade"', '$.px > 0', '$.id exists'],
    });
    expect(match('{"type":"trade","px":5,"id":1}')).toBeNull();
    expect(match('{"type":"trade","px":0,"id":1}')?.reason).toBe('Does not hold: $.px > 0');
    const bad = compileMatcher({ kind: 'json-path', predicates: ['$.type = "x"'] });
    expect(bad.ok ? null : bad.error).toMatch(
      /^Predicate “\$\.type = "x"”: Column 8: expected == \(two equals signs\)/,
    );
  });

  it('a text regex, an invalid one explained before the run', () => {
    expect(matcher({ kind: 'text-regex', pattern: '^pong \\d+$' })('pong 12')).toBeNull();
    expect(matcher({ kind: 'text-regex', pattern: 'PONG', flags: 'i' })('pong')).toBeNull();
    expect(matcher({ kind: 'text-regex', pattern: 'x' })('y')?.reason).toBe('No match for /x/');
    const bad = compileMatcher({ kind: 'text-regex', pattern: '(' });
    expect(bad.ok ? null : bad.error).toMatch(/^Regular expression \/\(\/: /);
  });

  it('binary length and hex prefix', () => {
    const match = matcher({ kind: 'binary', length: 4, hexPrefix: 'de ad' });
    expect(match(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))).toBeNull();
    expect(match(new Uint8Array([0xde, 0xad]))?.reason).toBe('Expected 4 bytes, got 2');
    expect(match(new Uint8Array([0, 0, 0, 0]))?.reason).toBe('Expected it to start with de ad, got 00 00');
    expect(match('text')?.reason).toMatch(/binary message, got a text one/);
    expect(compileMatcher({ kind: 'binary', hexPrefix: 'zz' }).ok).toBe(false);
  });
});

describe('protocol matcher', () => {
  const lenses = new Map([['json-rpc', jsonRpcLens as Lens]] as const);

  it('matches the decoded value of any message of the frame, as a JSON subset', () => {
    const compiled = compileMatcher(
      { kind: 'protocol', lens: 'json-rpc', value: { type: 'result', id: 2, result: 5 } },
      { lenses },
    );
    if (!compiled.ok) throw new Error(compiled.error);
    const batch = JSON.stringify([
      { jsonrpc: '2.0', id: 1, result: 'x' },
      { jsonrpc: '2.0', id: 2, result: 5 },
    ]);
    expect(compiled.value(batch)).toBeNull();
    expect(compiled.value(JSON.stringify({ jsonrpc: '2.0', id: 2, result: 6 }))).toMatchObject({
      differences: [{ path: '$.result', expected: '5', actual: '6' }],
    });
  });

  it('says why a frame is not a message of the protocol', () => {
    const compiled = compileMatcher({ kind: 'protocol', lens: 'json-rpc', value: {} }, { lenses });
    if (!compiled.ok) throw new Error(compiled.error);
    expect(compiled.value('{"id":1,"result":2}')?.reason).toMatch(/^Not a JSON-RPC 2\.0 message: /);
  });

  it('is an error when its lens was not loaded for the run', () => {
    expect(compileMatcher({ kind: 'protocol', lens: 'mqtt', value: {} }, { lenses })).toEqual({
      ok: false,
      error: 'The MQTT lens is not loaded.',
    });
  });

  it('lists the lenses a scenario decodes with, nested steps included', () => {
    expect(
      lensesUsedBy([
        { kind: 'expect', match: { kind: 'protocol', lens: 'stomp', value: {} }, timeoutMs: 1 },
        {
          kind: 'repeat',
          times: 2,
          steps: [{ kind: 'expectNone', match: { kind: 'protocol', lens: 'mqtt', value: {} }, windowMs: 1 }],
        },
        { kind: 'expect', match: { kind: 'any' }, timeoutMs: 1 },
      ]),
    ).toEqual(['stomp', 'mqtt']);
  });
});
