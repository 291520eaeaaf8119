import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileFieldFilter,
  evaluateFieldFilter,
  matchesFieldFilter,
  parseFieldFilter,
  type FieldFilter,
} from './json-field-filter';

function parsed(source: string): FieldFilter {
  const result = parseFieldFilter(source);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
const matches = (source: string, text: string) => matchesFieldFilter(parsed(source), text);

describe('parseFieldFilter', () => {
  it('reads dotted, indexed and quoted path steps', () => {
    expect(parsed('$.a.b[0]["key with space"] exists')).toEqual({
      path: [{ key: 'a' }, { key: 'b' }, { index: 0 }, { key: 'key with space' }],
      op: 'exists',
    });
  });

  it('reads every operator and JSON literal, with or without spaces', () => {
    expect(parsed('$.type=="trade"')).toEqual({ path: [{ key: 'type' }], op: '==', value: 'trade' });
    expect(parsed('  $.px  >=  -1.5e3 ')).toMatchObject({ op: '>=', value: -1500 });
    expect(parsed('$.a != null')).toMatchObject({ op: '!=', value: null });
    expect(parsed('$.a == true').value).toBe(true);
    expect(parsed('$.a == false').value).toBe(false);
    expect(parsed('$.a < 3').op).toBe('<');
    expect(parsed('$.a <= 3').op).toBe('<=');
    expect(parsed('$.a > 3').op).toBe('>');
    expect(parsed('$.a contains "x"').op).toBe('contains');
    expect(parsed('$.a == "tab\\t\\u00e9"').value).toBe('tab\té');
  });

  it.each([
    ['', /a path starting with \$/],
    ['type == 1', /^Column 1: expected a path starting with \$/],
    ['$.', /a field name after "\."/],
    ['$.a', /an operator/],
    ['$.a = 1', /== \(two equals signs\)/],
    ['$.a ==', /a value after ==/],
    ["$.a == 'x'", /double-quoted/],
    ['$.a == "x', /a closing "/],
    ['$.a == x', /a JSON value/],
    ['$.a exists 1', /^Column 12: expected the end of the filter/],
    ['$[a] exists', /an array index or a "quoted key"/],
    ['$[0 exists', /"\]"/],
    ['$.a > true', /a number or "string" after >/],
    ['$.a == 1 2', /the end of the filter/],
  ])('explains a malformed filter %j', (source, message) => {
    const result = parseFieldFilter(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('evaluating a field filter', () => {
  const trade = JSON.stringify({
    type: 'trade',
    px: 65001.5,
    user: null,
    tags: ['a', 'b', 3],
    book: { bids: [[1, 2]], 'key with space': 'yes' },
  });

  it('compares with == and != (a missing field matches neither)', () => {
    expect(matches('$.type == "trade"', trade)).toBe(true);
    expect(matches('$.type == "quote"', trade)).toBe(false);
    expect(matches('$.type != "quote"', trade)).toBe(true);
    expect(matches('$.missing != "quote"', trade)).toBe(false);
    expect(matches('$.user == null', trade)).toBe(true);
    // No type coercion: the number 65001.5 is not the string "65001.5".
    expect(matches('$.px == "65001.5"', trade)).toBe(false);
  });

  it('orders numbers with numbers and strings with strings only', () => {
    expect(matches('$.px > 65000', trade)).toBe(true);
    expect(matches('$.px >= 65001.5', trade)).toBe(true);
    expect(matches('$.px < 65000', trade)).toBe(false);
    expect(matches('$.px <= 65001.5', trade)).toBe(true);
    expect(matches('$.type > "a"', trade)).toBe(true);
    expect(matches('$.type > 1', trade)).toBe(false);
  });

  it('tests existence, null included', () => {
    expect(matches('$.user exists', trade)).toBe(true);
    expect(matches('$.nobody exists', trade)).toBe(false);
    expect(matches('$ exists', trade)).toBe(true);
  });

  it('follows indexes and quoted keys', () => {
    expect(matches('$.tags[1] == "b"', trade)).toBe(true);
    expect(matches('$.tags[9] exists', trade)).toBe(false);
    expect(matches('$.book.bids[0][1] == 2', trade)).toBe(true);
    expect(matches('$.book["key with space"] == "yes"', trade)).toBe(true);
    // An index into an object, or a key into an array, does not exist.
    expect(matches('$.book[0] exists', trade)).toBe(false);
    expect(matches('$.tags.length exists', trade)).toBe(false);
  });

  it('finds substrings in strings and elements in arrays with contains', () => {
    expect(matches('$.type contains "rad"', trade)).toBe(true);
    expect(matches('$.type contains "RAD"', trade)).toBe(false);
    expect(matches('$.tags contains "a"', trade)).toBe(true);
    expect(matches('$.tags contains 3', trade)).toBe(true);
    expect(matches('$.px contains "6"', trade)).toBe(false);
  });

  it('does not look up inherited properties', () => {
    expect(evaluateFieldFilter(parsed('$.constructor exists'), {})).toBe(false);
    expect(matches('$.__proto__ exists', '{}')).toBe(false);
  });

  it('matches nothing in text that is not JSON', () => {
    expect(matches('$ exists', 'hello')).toBe(false);
    expect(matches('$.a exists', '{"a":')).toBe(false);
    expect(matches('$ exists', '"just a string"')).toBe(false);
    expect(matches('$[0] == 1', ' [1]')).toBe(true);
  });

  it('confirms what the quick check lets through by parsing, whatever the spacing or number form', () => {
    expect(matches('$.seq == 5', '{"a":{"seq":5},"seq":7}')).toBe(false);
    expect(matches('$.a.seq == 5', '{"a":{"seq":5},"seq":7}')).toBe(true);
    expect(matches('$.seq == 5', '{ "seq" :\n 5 }')).toBe(true);
    expect(matches('$.px == 12000', '{"px":1.2e4}')).toBe(true);
    expect(matches('$.px == 12000', '{"px":12000.0}')).toBe(true);
    expect(matches('$.px > 11999', '{"px":1.2E+4}')).toBe(true);
    expect(matches('$.px < 11999', '{"px":1.2E+4}')).toBe(false);
    expect(matches('$.ok == true', '{"ok":true}')).toBe(true);
    expect(matches('$.ok == false', '{"ok":true}')).toBe(false);
    expect(matches('$.type == "trade"', '{"type":"trade"}')).toBe(true);
    expect(matches('$.type > "a"', '{"type":1}')).toBe(false);
    expect(matches('$.type != "a"', '{"type":1}')).toBe(true);
    expect(matches('$["a.b"] exists', '{"a.b":1}')).toBe(true);
    expect(matches('$["a.b"] exists', '{"axb":1}')).toBe(false);
  });

  it('still finds keys and values written with escapes (the quick check only skips escape-free text)', () => {
    expect(matches('$.type == "trade"', '{"\\u0074ype":"tr\\u0061de"}')).toBe(true);
    expect(matches('$.type == "trade"', '{"type":"trades"}')).toBe(false);
  });
});

describe('the quick check before parsing', () => {
  it('never rejects a frame that parsing would accept', () => {
    const key = fc.constantFrom('a', 'seq', 'px', 'a b');
    const scalar = fc.oneof(
      fc.integer({ min: -50, max: 50 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom('trade', 'quote', 'seq', ''),
      fc.boolean(),
      fc.constant(null),
    );
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    const filter = fc.record({
      path: fc.array(
        fc.oneof(
          key.map((k) => ({ key: k })),
          fc.nat(2).map((i) => ({ index: i })),
        ),
        {
          minLength: 1,
          maxLength: 2,
        },
      ),
      op: fc.constantFrom('==', '!=', '>', '>=', '<', '<=', 'contains', 'exists') as fc.Arbitrary<
        FieldFilter['op']
      >,
      value: scalar,
    });
    const spacing = fc.constantFrom(undefined, 1, 2);
    fc.assert(
      fc.property(value, filter, spacing, (root, f, space) => {
        const text = JSON.stringify(root, null, space);
        if (text === undefined) return;
        const first = text.trimStart()[0];
        const expected = (first === '{' || first === '[') && evaluateFieldFilter(f, JSON.parse(text));
        expect(compileFieldFilter(f)(text)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
