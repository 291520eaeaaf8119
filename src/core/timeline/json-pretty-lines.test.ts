import { describe, expect, it } from 'vitest';
import { lineLength, lineOf, lineStartsOf, prettyPrintJson } from './json-pretty-lines';

describe('prettyPrintJson', () => {
  it('indents like JSON.stringify(value, null, 2) and finds every line', () => {
    const text = '{"a":[1,{"b":"x\\ny"}],"c":null}';
    const doc = prettyPrintJson(text);
    const expected = JSON.stringify(JSON.parse(text), null, 2);
    expect(doc?.pretty).toBe(expected);
    const lines = expected.split('\n');
    expect(doc?.lineStarts.length).toBe(lines.length);
    if (!doc) return;
    expect(lines.map((_, i) => lineOf(doc, i))).toEqual(lines);
    expect(lines.map((_, i) => lineLength(doc, i))).toEqual(lines.map((line) => line.length));
    // An escaped newline inside a string stays on its line, so masking a line never splits a string.
    expect(lineOf(doc, 4)).toBe('      "b": "x\\ny"');
  });

  it('returns null for text that does not parse', () => {
    expect(prettyPrintJson('{"a":')).toBeNull();
  });

  it('cuts a long line at maxChars and answers empty past the end', () => {
    const doc = prettyPrintJson(`["${'z'.repeat(100)}"]`);
    if (!doc) throw new Error('should parse');
    expect(lineOf(doc, 1, 10)).toBe(`  "${'z'.repeat(7)}`);
    expect(lineOf(doc, 99)).toBe('');
    expect(lineLength(doc, 99)).toBe(0);
  });

  it('handles a document of one line and a large one', () => {
    expect([...lineStartsOf('42')]).toEqual([0]);
    const big = JSON.stringify(Array.from({ length: 50_000 }, (_, id) => ({ id, name: `item ${id}` })));
    const doc = prettyPrintJson(big);
    expect(doc?.lineStarts.length).toBe(JSON.stringify(JSON.parse(big), null, 2).split('\n').length);
  });
});
