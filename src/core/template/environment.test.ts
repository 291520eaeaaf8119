import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportableVariables,
  scopeOrder,
  validateVariableName,
  validateVariableNames,
  type Environment,
} from './environment';
import { interpolate } from './interpolate';
import { mergeScopes, type Variable } from './variable';

function environment(id: string, values: Record<string, string>): Environment {
  return {
    id,
    name: id,
    variables: Object.entries(values).map(([name, value]) => ({ name, value, secret: false })),
  };
}

describe('scopeOrder', () => {
  const tab = environment('staging', { host: 'staging' });
  const collection = environment('collection', { host: 'collection', path: '/c' });
  const global = environment('global', { host: 'global', path: '/g', port: '1' });

  it('puts the tab first, then the collection, then the globals', () => {
    expect(scopeOrder({ tab, collection, global })).toEqual([tab, collection, global]);
    const variables = scopeOrder({ tab, collection, global });
    const dynamic = { uuid: () => '', now: () => 0, randomInt: () => 0, counter: 0 };
    const result = interpolate('{{host}}{{path}}:{{port}}', { variables, dynamic });
    expect(result).toEqual({
      ok: true,
      value: {
        text: 'staging/c:1',
        unresolved: [],
        usedSecrets: [],
        insertedSecrets: [],
        replaced: expect.any(Array),
      },
    });
  });

  it('skips missing levels and lists an environment used twice once', () => {
    expect(scopeOrder({ tab: null, global })).toEqual([global]);
    expect(scopeOrder({})).toEqual([]);
    expect(scopeOrder({ tab: global, collection, global })).toEqual([global, collection]);
  });

  it('merges into a lookup where the first definition wins', () => {
    const merged = mergeScopes(scopeOrder({ tab, collection, global }));
    expect([...merged].map(([name, v]) => `${name}=${v.value}`)).toEqual([
      'host=staging',
      'path=/c',
      'port=1',
    ]);
  });
});

describe('exportableVariables', () => {
  it('keeps secret names and flags but drops their values', () => {
    const variables: Variable[] = [
      { name: 'token', value: 'hunter2', secret: true },
      { name: 'host', value: 'example.com', secret: false },
    ];
    expect(exportableVariables(variables)).toEqual([
      { name: 'token', value: '', secret: true },
      { name: 'host', value: 'example.com', secret: false },
    ]);
  });

  it('keeps secret values only when the user chose to include them', () => {
    const variables: Variable[] = [
      { name: 'token', value: 'hunter2', secret: true },
      { name: 'host', value: 'example.com', secret: false },
    ];
    expect(exportableVariables(variables, { secrets: 'values' })).toEqual(variables);
    expect(exportableVariables(variables, { secrets: 'names' })[0]).toEqual({
      name: 'token',
      value: '',
      secret: true,
    });
  });

  it('copies only the known fields', () => {
    const sneaky = { name: 'a', value: 'v', secret: true, backup: 'v' } as Variable;
    expect(exportableVariables([sneaky])).toEqual([{ name: 'a', value: '', secret: true }]);
  });

  it('never lets a secret value into the export', () => {
    const variableArb = fc.record({ name: fc.string(), value: fc.string(), secret: fc.boolean() });
    const secretArb = fc.stringMatching(/^[a-z]{8}$/).map((s) => `SECRET:${s}`);
    fc.assert(
      fc.property(fc.array(variableArb), secretArb, (variables, secret) => {
        // Every secret value carries a marker that random names and plain values cannot contain.
        const marked = variables.map((v) => (v.secret ? { ...v, value: secret + v.value } : v));
        const exported = exportableVariables(marked);
        expect(JSON.stringify(exported)).not.toContain('SECRET:');
        expect(exported.filter((v) => v.secret).every((v) => v.value === '')).toBe(true);
        expect(exported.map((v) => v.name)).toEqual(marked.map((v) => v.name));
      }),
    );
  });
});

describe('validateVariableName', () => {
  it.each(['token', 'api.base-url', 'v_2', 'Ünïcödé', '名前', '42'])('accepts %s', (name) => {
    expect(validateVariableName(name)).toEqual({ ok: true, value: name });
  });

  it.each([
    ['', 'empty', 'Enter a name for the variable.'],
    [
      '$uuid',
      'reserved-prefix',
      '"$uuid" starts with "$", which is reserved for dynamic values such as {{$uuid}}.',
    ],
    [
      'my token',
      'illegal-character',
      '"my token" contains U+0020 (space). Variable names use letters, digits, "_", "-" and ".".',
    ],
    ['a{b', 'illegal-character', '"a{b" contains "{". Variable names use letters, digits, "_", "-" and ".".'],
    ['a$', 'illegal-character', '"a$" contains "$". Variable names use letters, digits, "_", "-" and ".".'],
    [
      'a\u00a0b',
      'illegal-character',
      '"a\u00a0b" contains U+00A0 (no-break space). Variable names use letters, digits, "_", "-" and ".".',
    ],
    [
      'x😀',
      'illegal-character',
      '"x😀" contains "😀". Variable names use letters, digits, "_", "-" and ".".',
    ],
  ])('rejects %j', (name, code, message) => {
    expect(validateVariableName(name)).toEqual({ ok: false, error: { code, message } });
  });

  it('accepts exactly the names the interpolation syntax can refer to', () => {
    // Characters near the boundary of the syntax, plus any code point at all.
    const nameUnitArb = fc.oneof(
      fc.constantFrom('a', 'Z', '0', '_', '.', '-', '$', ' ', '\t', '{', '}', 'é', '名', '\u0301', '٣'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6, unit: nameUnitArb }), (name) => {
        const valid = validateVariableName(name).ok;
        const variables = [{ name: 'env', variables: [{ name, value: 'V', secret: false }] }];
        const dynamic = { uuid: () => '', now: () => 0, randomInt: () => 0, counter: 0 };
        const result = interpolate(`{{${name}}}`, { variables, dynamic });
        const substituted = result.ok && result.value.text === 'V';
        // A `$` name is refused by validation and never read as a variable, so both sides agree on it too.
        expect(substituted).toBe(valid);
      }),
    );
  });
});

describe('validateVariableNames', () => {
  it('reports each bad row, and duplicates against the first definition', () => {
    expect(
      validateVariableNames([{ name: 'a' }, { name: '' }, { name: 'b' }, { name: 'a' }, { name: 'a' }]),
    ).toEqual([
      { code: 'empty', message: 'Enter a name for the variable.', index: 1, name: '' },
      {
        code: 'duplicate',
        message: '"a" is already defined in this environment (row 1); only the first would be used.',
        index: 3,
        name: 'a',
      },
      {
        code: 'duplicate',
        message: '"a" is already defined in this environment (row 1); only the first would be used.',
        index: 4,
        name: 'a',
      },
    ]);
  });

  it('treats names as case-sensitive, like the lookup', () => {
    expect(validateVariableNames([{ name: 'Token' }, { name: 'token' }])).toEqual([]);
  });
});
