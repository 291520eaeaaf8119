import { describe, expect, it } from 'vitest';
import { describeFieldError, jsonPath, parseWithSchema } from './schema-issues';
import * as z from 'zod/mini';

describe('parseWithSchema', () => {
  const schema = z.strictObject({
    name: z.string(),
    tags: z.array(z.string()),
    count: z.int(),
    kind: z.enum(['a', 'b', 'c']),
    enabled: z.boolean(),
    nested: z.strictObject({ id: z.string().check(z.minLength(1)) }),
    when: z.optional(z.iso.datetime()),
    custom: z.optional(z.string({ error: 'should be a name like "Team".' })),
  });
  const valid = { name: 'n', tags: [], count: 1, kind: 'a', enabled: true, nested: { id: 'x' } };

  it('returns the parsed value', () => {
    expect(parseWithSchema(schema, valid, { root: '$' })).toEqual({ ok: true, value: valid });
  });

  it('words the first issue from its kind, at its JSON path, unless the schema states its own words', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: 1 }, '$.name', 'should be text.'],
      [{ tags: {} }, '$.tags', 'should be a list.'],
      [{ tags: ['a', 2] }, '$.tags[1]', 'should be text.'],
      [{ count: 1.5 }, '$.count', 'should be a whole number.'],
      [{ kind: 'd' }, '$.kind', 'should be "a", "b" or "c".'],
      [{ enabled: 'yes' }, '$.enabled', 'should be true or false.'],
      [{ nested: [] }, '$.nested', 'should be an object.'],
      [{ nested: { id: '' } }, '$.nested.id', 'should be non-empty text.'],
      [{ when: 'noon' }, '$.when', 'should be a date and time such as "2026-12-01T12:00:00.000Z".'],
      [{ custom: 3 }, '$.custom', 'should be a name like "Team".'],
      [{ nested: { id: 'x', colour: 'red', size: 1 } }, '$.nested.colour', 'is not a field Frameline knows.'],
      [{ 'odd key': 1 }, '$["odd key"]', 'is not a field Frameline knows.'],
    ];
    for (const [change, path, message] of cases) {
      expect(parseWithSchema(schema, { ...valid, ...change }, { root: '$' }), path).toEqual({
        ok: false,
        error: { path, message },
      });
    }
  });

  it('writes paths of stored data without the "$."', () => {
    expect(parseWithSchema(schema, { ...valid, tags: [1] }, { root: '' })).toEqual({
      ok: false,
      error: { path: 'tags[0]', message: 'should be text.' },
    });
    expect(parseWithSchema(schema, 'text', { root: '' })).toEqual({
      ok: false,
      error: { path: '$', message: 'should be an object.' },
    });
  });
});

describe('jsonPath and describeFieldError', () => {
  it('writes identifiers with dots, indexes in brackets and other keys quoted', () => {
    expect(jsonPath('$', ['collections', 0, 'items', 12, 'url'])).toBe('$.collections[0].items[12].url');
    expect(jsonPath('', ['connections', 0, 'a-b'])).toBe('connections[0]["a-b"]');
    expect(jsonPath('$', [])).toBe('$');
  });

  it('puts the path before a message about it; a whole sentence stands alone', () => {
    expect(describeFieldError({ path: 'connections[0].url', message: 'should be text.' })).toBe(
      'connections[0].url should be text.',
    );
    expect(
      describeFieldError({ path: 'connections', message: 'Saved data has no list of connections.' }),
    ).toBe('Saved data has no list of connections.');
  });
});
