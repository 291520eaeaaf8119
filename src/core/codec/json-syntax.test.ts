import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonProblem } from './json-syntax';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonProblem', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e+3, true, false, null, "x\\n\\u00e9"]}\n',
    '"text"',
    '0',
    '{"a":{"b":[]}}',
  ])('accepts %s', (text) => {
    expect(findJsonProblem(text)).toBeNull();
  });

  it.each<[string, number, string]>([
    ['', 0, 'Expected a value, found the end of the text'],
    ['{"a":}', 5, 'Expected a value, found "}"'],
    ['{"a":1,}', 7, 'Expected a property name in double quotes, found "}"'],
    ['{"a" 1}', 5, 'Expected ":", found "1"'],
    ['[1 2]', 3, 'Expected "," or "]", found "2"'],
    ['{"a":1 "b":2}', 7, 'Expected "," or "}", found """'],
    ['{"a":1}}', 7, 'Expected the end of the text after the JSON value, found "}"'],
    ['{"a":"b', 5, 'This string is never closed: a closing " is missing'],
    ['"a\nb"', 2, 'U+000A (line feed) inside a string: escape it'],
    ['"\\x"', 2, 'Expected one of " \\ / b f n r t u after "\\", found "x"'],
    ['"\\u12g4"', 1, '"\\u" must be followed by four hex digits'],
    ['012', 1, 'A number cannot start with 0'],
    ['1.', 2, 'Expected a digit after ".", found the end of the text'],
    ['-', 1, 'Expected a digit, found the end of the text'],
    ['{"n": {{$counter}}}', 7, 'Expected a property name in double quotes, found "{"'],
    ['[1]\u00a0', 3, 'Expected the end of the text after the JSON value, found U+00A0 (no-break space)'],
  ])('locates the problem in %j', (text, offset, message) => {
    expect(findJsonProblem(text)).toEqual({ offset, message });
  });

  it('scans deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(200_000);
    expect(findJsonProblem(deep)).toEqual({
      offset: deep.length,
      message: 'Expected a value, found the end of the text',
    });
  });

  it('reports a problem exactly when JSON.parse rejects the text', () => {
    // Valid JSON with one character inserted, deleted or replaced: mostly invalid, sometimes still valid.
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace'),
        fc.constantFrom(...'{}[]",:.-+eE0 1\\ntu\n'),
      )
      .map(([json, at, edit, character]) => {
        const i = at % (json.length + 1);
        if (edit === 'insert') return json.slice(0, i) + character + json.slice(i);
        if (edit === 'delete') return json.slice(0, i) + json.slice(i + 1);
        return json.slice(0, i) + character + json.slice(i + 1);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        const problem = findJsonProblem(text);
        expect(problem === null).toBe(parses(text));
        if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });
});
