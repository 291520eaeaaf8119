import { describe, expect, it } from 'vitest';
import { expandedJsonProblem } from './expanded-json';
import { interpolate } from './interpolate';

const dynamic = { uuid: () => 'id', now: () => 0, randomInt: () => 4, counter: 12 };

function check(written: string, values: Record<string, string> = {}) {
  const variables = [
    {
      name: 'env',
      variables: Object.entries(values).map(([name, value]) => ({ name, value, secret: false })),
    },
  ];
  const expanded = interpolate(written, { variables, dynamic });
  if (!expanded.ok) throw new Error(expanded.error.message);
  return expandedJsonProblem(written, expanded.value);
}

describe('expandedJsonProblem', () => {
  it('judges the text as sent, so placeholders that expand to JSON are no problem', () => {
    expect(check('{"n": {{$counter}}}')).toBeNull();
    expect(check('{"who": "{{name}}", "tags": {{tags}}}', { name: 'Ada', tags: '["a","b"]' })).toBeNull();
    expect(check('{"n": 1}')).toBeNull();
  });

  it('locates a problem after a placeholder in the text as written', () => {
    // Sent as `{"n": 12,}`: the comma's position differs by the placeholder's length.
    expect(check('{"n": {{$counter}},}')).toEqual({
      message: 'Expected a property name in double quotes, found "}"',
      start: 19,
      end: 20,
      line: 1,
      column: 20,
    });
  });

  it('marks the whole placeholder when its value is what breaks the JSON', () => {
    expect(check('{\n  "who": {{name}}\n}', { name: 'Ada Lovelace' })).toEqual({
      message: 'Expected a value, found "A"',
      start: 11,
      end: 19,
      line: 2,
      column: 10,
    });
  });

  it('reports a name no environment defines, which is sent as written', () => {
    expect(check('{"n": {{missing}}}')?.start).toBe(7);
  });

  it('places a problem at the end of the text at its end', () => {
    expect(check('{"n": {{$counter}}')).toMatchObject({ start: 18, end: 18, column: 19 });
  });
});
