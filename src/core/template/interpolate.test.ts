import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProtocolList } from '../workspace/workspace';
import { createDynamicValues, type DynamicValues } from './dynamic-values';
import {
  findVariableReferences,
  interpolate,
  maskSecrets,
  originalRange,
  SECRET_MASK,
  type InterpolateOptions,
  type InterpolationError,
  type Interpolated,
} from './interpolate';
import type { Variable, VariableScope } from './variable';

function dynamicValues(overrides: Partial<DynamicValues> = {}): DynamicValues {
  let uuids = 0;
  return {
    uuid: () => `uuid-${++uuids}`,
    now: () => Date.UTC(2024, 0, 2, 3, 4, 5, 678),
    randomInt: () => 42,
    counter: 7,
    ...overrides,
  };
}

function variable(name: string, value: string, options: { secret?: boolean } = {}): Variable {
  return { name, value, secret: options.secret ?? false };
}

function scope(name: string, values: Record<string, string>): VariableScope {
  return { name, variables: Object.entries(values).map(([key, value]) => variable(key, value)) };
}

function run(text: string, options: Partial<InterpolateOptions> = {}) {
  return interpolate(text, { variables: [], dynamic: dynamicValues(), ...options });
}

function resolved(text: string, options: Partial<InterpolateOptions> = {}): Interpolated {
  const result = run(text, options);
  if (!result.ok) throw new Error(`expected success, got ${result.error.message}`);
  return result.value;
}

function failed(text: string, options: Partial<InterpolateOptions> = {}): InterpolationError {
  const result = run(text, options);
  if (result.ok) throw new Error(`expected an error, got ${result.value.text}`);
  return result.error;
}

describe('interpolate: variables', () => {
  it('replaces names, with or without whitespace inside the braces', () => {
    const variables = [scope('env', { host: 'example.com', 'api.v-2_x': 'v2' })];
    expect(resolved('wss://{{host}}/{{ api.v-2_x }}/{{\thost\n}}', { variables }).text).toBe(
      'wss://example.com/v2/example.com',
    );
  });

  it('takes a name from the first scope that defines it', () => {
    const variables = [
      scope('tab', { token: 'tab' }),
      scope('collection', { token: 'collection', region: 'eu' }),
      scope('global', { token: 'global', region: 'us', port: '443' }),
    ];
    expect(resolved('{{token}} {{region}} {{port}}', { variables }).text).toBe('tab eu 443');
  });

  it('accepts an already merged lookup', () => {
    const variables = new Map([['a', variable('a', 'A')]]);
    expect(resolved('{{a}}', { variables }).text).toBe('A');
  });

  it('expands variables inside variables', () => {
    const variables = [
      scope('env', { url: 'wss://{{host}}:{{port}}', host: '{{sub}}.example.com', sub: 'api' }),
    ];
    variables.push(scope('global', { port: '8443' }));
    expect(resolved('{{url}}/socket', { variables }).text).toBe('wss://api.example.com:8443/socket');
  });

  it('lets a specific scope refer to a name defined further out', () => {
    const variables = [scope('tab', { greeting: 'hi {{who}}' }), scope('global', { who: 'world' })];
    expect(resolved('{{greeting}}', { variables }).text).toBe('hi world');
  });

  it('substitutes plain text: no expressions, no re-scan of the output', () => {
    const variables = [scope('env', { a: '${1+1}', b: '{{', c: '}}' })];
    // A value that happens to spell braces is text; it does not form a new reference with its neighbours.
    expect(resolved('{{a}} {{b}}a{{c}}', { variables }).text).toBe('${1+1} {{a}}');
    expect(resolved('{{ 1 + 1 }} {{a.b()}} {{a b}}', { variables }).text).toBe(
      '{{ 1 + 1 }} {{a.b()}} {{a b}}',
    );
  });

  it('expands a variable once per call, so a stored uuid is the same everywhere it is used', () => {
    const variables = [scope('env', { id: '{{$uuid}}' })];
    expect(resolved('{{id}} {{id}} {{$uuid}} {{$uuid}}', { variables }).text).toBe(
      'uuid-1 uuid-1 uuid-2 uuid-3',
    );
  });

  it('resolves URLs, subprotocol lists and bodies the same way', () => {
    const variables = [scope('env', { host: 'localhost:8080', proto: 'chat.v2', user: 'ada' })];
    expect(resolved('ws://{{host}}/chat', { variables }).text).toBe('ws://localhost:8080/chat');
    expect(parseProtocolList(resolved('{{proto}}, json', { variables }).text)).toEqual(['chat.v2', 'json']);
    expect(resolved('{"user":"{{user}}","n":{{$counter}}}', { variables }).text).toBe('{"user":"ada","n":7}');
  });
});

describe('interpolate: dynamic values', () => {
  it('{{$uuid}} calls the generator for each occurrence', () => {
    expect(resolved('{{$uuid}}/{{ $uuid }}').text).toBe('uuid-1/uuid-2');
  });

  it('{{$timestamp}} and {{$isoTimestamp}} read the clock once per call', () => {
    let calls = 0;
    const now = () => 1_700_000_000_000 + calls++;
    const dynamic = dynamicValues({ now });
    expect(resolved('{{$timestamp}} {{$isoTimestamp}} {{$timestamp}}', { dynamic }).text).toBe(
      '1700000000000 2023-11-14T22:13:20.000Z 1700000000000',
    );
    expect(calls).toBe(1);
  });

  it('does not read the clock or the generators when they are not used', () => {
    const unused = () => {
      throw new Error('should not be called');
    };
    const dynamic = { uuid: unused, now: unused, randomInt: unused, counter: 0 };
    expect(resolved('{{x}}', { dynamic }).text).toBe('{{x}}');
  });

  it('{{$randomInt}} and {{$counter}} come from the injected values', () => {
    const ints = [0, 1000, 17];
    const dynamic = dynamicValues({ randomInt: () => ints.shift() ?? -1, counter: 12 });
    expect(resolved('{{$randomInt}},{{$randomInt}},{{$randomInt}} #{{$counter}}', { dynamic }).text).toBe(
      '0,1000,17 #12',
    );
  });

  it('reports an unknown dynamic value as unresolved, and a variable cannot shadow one', () => {
    const variables = [scope('env', { $uuid: 'shadow', $nope: 'x' })];
    const result = resolved('{{$nope}} {{$uuid}}', { variables });
    expect(result.text).toBe('{{$nope}} uuid-1');
    expect(result.unresolved).toEqual([{ name: '$nope', start: 0, end: 9, via: [] }]);
  });

  it('createDynamicValues maps random() onto 0..1000 inclusive and keeps injected sources', () => {
    const values = createDynamicValues({ counter: 3, random: () => 0, uuid: () => 'u', now: () => 5 });
    expect([values.randomInt(), values.uuid(), values.now(), values.counter]).toEqual([0, 'u', 5, 3]);
    expect(createDynamicValues({ counter: 0, random: () => 0.9999999 }).randomInt()).toBe(1000);
    expect(createDynamicValues({ counter: 0, random: () => 0.5 }).randomInt()).toBe(500);
  });

  it('createDynamicValues defaults to real sources', () => {
    const values = createDynamicValues({ counter: 0 });
    expect(values.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Math.abs(values.now() - Date.now())).toBeLessThan(1000);
    for (let i = 0; i < 100; i++) {
      const n = values.randomInt();
      expect(Number.isInteger(n) && n >= 0 && n <= 1000).toBe(true);
    }
  });
});

describe('interpolate: unresolved and literal text', () => {
  it('returns text without {{ as the same string', () => {
    const text = 'plain } text {';
    expect(resolved(text).text).toBe(text);
  });

  it('leaves unknown names as written and locates them in the original text', () => {
    const result = resolved('a {{missing}} b {{ also }}', { variables: [scope('env', { x: '1' })] });
    expect(result.text).toBe('a {{missing}} b {{ also }}');
    expect(result.unresolved).toEqual([
      { name: 'missing', start: 2, end: 13, via: [] },
      { name: 'also', start: 16, end: 26, via: [] },
    ]);
  });

  it('locates a name missing deep inside variables at the reference in the original text', () => {
    const variables = [scope('env', { a: 'x{{b}}', b: '{{gone}} and {{gone}}' })];
    const result = resolved('12{{a}}', { variables });
    expect(result.text).toBe('12x{{gone}} and {{gone}}');
    expect(result.unresolved).toEqual([{ name: 'gone', start: 2, end: 7, via: ['a', 'b'] }]);
  });

  it('treats unmatched or malformed braces as literal text', () => {
    const variables = [scope('env', { a: 'A' })];
    expect(resolved('{{a', { variables }).text).toBe('{{a');
    expect(resolved('a}}', { variables }).text).toBe('a}}');
    expect(resolved('{{a}', { variables }).text).toBe('{{a}');
    expect(resolved('{{}} {{ }} {{$}}', { variables }).text).toBe('{{}} {{ }} {{$}}');
    expect(resolved('{{{a}}}', { variables }).text).toBe('{A}');
    expect(resolved('{{ {{a}}', { variables }).text).toBe('{{ A');
    expect(resolved('{{a}}}}', { variables }).text).toBe('A}}');
    expect(resolved('{{a}} {{', { variables }).unresolved).toEqual([]);
  });

  it('returns the same string when {{ appears but nothing is a reference', () => {
    const text = 'function () {{ return 1; }}';
    expect(resolved(text).text).toBe(text);
  });
});

describe('interpolate: errors', () => {
  it('names a 3-cycle and points at the reference in the original text', () => {
    const variables = [scope('env', { a: '{{b}}', b: 'x{{c}}', c: '{{a}}' })];
    expect(failed('hello {{ a }}!', { variables })).toEqual({
      code: 'cycle',
      message: 'Variable cycle: a → b → c → a',
      start: 6,
      end: 13,
      chain: ['a', 'b', 'c', 'a'],
    });
  });

  it('names only the cycle when it is reached through other variables', () => {
    const variables = [scope('env', { start: '{{a}}', a: '{{b}}', b: '{{a}}' })];
    const error = failed('{{start}}', { variables });
    expect(error.message).toBe('Variable cycle: a → b → a');
    expect(error.chain).toEqual(['start', 'a', 'b', 'a']);
  });

  it('reports a variable that refers to itself', () => {
    const variables = [scope('env', { self: 'x{{self}}' })];
    expect(failed('{{self}}', { variables }).message).toBe('Variable cycle: self → self');
  });

  it('allows 10 levels of nesting and rejects 11, naming the chain', () => {
    const chain = (levels: number) =>
      scope(
        'env',
        Object.fromEntries(
          Array.from({ length: levels }, (_, i) => [`v${i + 1}`, i + 1 < levels ? `{{v${i + 2}}}` : 'end']),
        ),
      );
    expect(resolved('{{v1}}', { variables: [chain(10)] }).text).toBe('end');
    const error = failed('>{{v1}}', { variables: [chain(11)] });
    expect(error).toMatchObject({ code: 'too-deep', start: 1, end: 7 });
    expect(error.message).toBe(
      'Variables nested more than 10 levels deep: v1 → v2 → v3 → v4 → v5 → v6 → v7 → v8 → v9 → v10 → v11',
    );
  });

  it('counts depth from where a variable is used, even when its expansion was computed earlier', () => {
    const variables = [
      scope(
        'env',
        Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [`v${i + 1}`, i < 9 ? `{{v${i + 2}}}` : 'end']),
        ),
      ),
      scope('outer', { top: '{{v1}}' }),
    ];
    // v1 alone is 10 deep; through `top` it is 11.
    const error = failed('{{v1}} {{top}}', { variables });
    expect(error).toMatchObject({ code: 'too-deep', start: 7 });
    expect(error.chain[0]).toBe('top');
    expect(error.chain).toHaveLength(11);
  });

  it('stops variables that repeat each other before they exhaust memory', () => {
    const names = 'abcdefgh'.split('');
    const values = Object.fromEntries(
      names.map((name, i) => [name, `{{${names[i + 1] ?? 'leaf'}}}`.repeat(10)]),
    );
    const variables = [scope('env', { ...values, leaf: 'xxxxxxxxxx' })];
    const error = failed('{{a}}', { variables, maxLength: 1_000_000 });
    expect(error.code).toBe('too-long');
    expect(error.message).toBe(
      'Expanding variables makes the text longer than 1,000,000 characters; check for variables that repeat each other.',
    );
  });
});

describe('interpolate: secrets', () => {
  const variables: VariableScope[] = [
    {
      name: 'env',
      variables: [
        variable('token', 's3cr3t', { secret: true }),
        variable('auth', 'Bearer {{token}}'),
        variable('user', 'ada'),
      ],
    },
  ];

  it('reports which secrets were used, directly or through other variables', () => {
    const result = resolved('{{auth}} {{user}} {{token}}', { variables });
    expect(result.text).toBe('Bearer s3cr3t ada s3cr3t');
    expect(result.usedSecrets).toEqual(['token']);
    expect(resolved('{{user}}', { variables }).usedSecrets).toEqual([]);
  });

  it("masks secrets in previews, including where they are part of another variable's value", () => {
    const result = resolved('{{auth}} {{user}}', { variables, secrets: 'mask' });
    expect(result.text).toBe(`Bearer ${SECRET_MASK} ada`);
    expect(result.usedSecrets).toEqual(['token']);
  });

  it('reports the value each secret expanded to, so what was sent can be redacted later', () => {
    const result = resolved('{{auth}} {{session}} {{token}}', {
      variables: [
        {
          name: 'env',
          variables: [
            ...(variables[0]?.variables ?? []),
            variable('session', 'id-{{$uuid}}', { secret: true }),
          ],
        },
      ],
    });
    expect(result.text).toBe('Bearer s3cr3t id-uuid-1 s3cr3t');
    expect(result.insertedSecrets).toEqual([
      { name: 'token', value: 's3cr3t' },
      { name: 'session', value: 'id-uuid-1' },
    ]);
    expect(resolved('{{auth}}', { variables, secrets: 'mask' }).insertedSecrets).toEqual([]);
    expect(resolved('no references', { variables }).insertedSecrets).toEqual([]);
  });

  it('maskSecrets also hides the encoded forms of secret values', () => {
    const secret = [variable('token', 'a b/c', { secret: true })];
    expect(maskSecrets('ws://h/?t=a%20b%2Fc', secret)).toBe(`ws://h/?t=${SECRET_MASK}`);
  });

  it('maskSecrets hides secret values in text that was already sent, longest first', () => {
    const all = [
      variable('short', 'abc', { secret: true }),
      variable('long', 'abcdef', { secret: true }),
      variable('empty', '', { secret: true }),
      variable('open', 'abc'),
    ];
    expect(maskSecrets('x abcdef abc abcd', all)).toBe(`x ${SECRET_MASK} ${SECRET_MASK} ${SECRET_MASK}d`);
    expect(maskSecrets('a.b (c)', [variable('re', '.b (', { secret: true })])).toBe(`a${SECRET_MASK}c)`);
    const text = 'nothing secret';
    expect(maskSecrets(text, [variable('open', 'secret')])).toBe(text);
  });
});

describe('interpolate: positions in the original text', () => {
  const variables = [scope('env', { name: 'Ada Lovelace', inner: '{{$counter}}{{$counter}}' })];

  it('lists the references that were replaced, with where their values went', () => {
    // `{"n": 7, "who": "Ada Lovelace", "x": {{nope}}}`: the unresolved reference is copied, not replaced.
    const result = resolved('{"n": {{$counter}}, "who": "{{ name }}", "x": {{nope}}}', { variables });
    expect(result.text).toBe('{"n": 7, "who": "Ada Lovelace", "x": {{nope}}}');
    expect(result.replaced).toEqual([
      { start: 6, end: 18, outputStart: 6, outputEnd: 7 },
      { start: 28, end: 38, outputStart: 17, outputEnd: 29 },
    ]);
  });

  it('maps an output position back: inside a value to its whole reference, elsewhere to its character', () => {
    const text = '[{{inner}}, {{name}}] x';
    const result = resolved(text, { variables });
    expect(result.text).toBe('[77, Ada Lovelace] x');
    expect(result.replaced).toEqual([
      { start: 1, end: 10, outputStart: 1, outputEnd: 3 },
      { start: 12, end: 20, outputStart: 5, outputEnd: 17 },
    ]);
    expect(originalRange(result.replaced, 0)).toEqual({ start: 0, end: 1 });
    expect(originalRange(result.replaced, 2)).toEqual({ start: 1, end: 10 });
    expect(originalRange(result.replaced, 3)).toEqual({ start: 10, end: 11 });
    expect(originalRange(result.replaced, 19)).toEqual({ start: 22, end: 23 });
    expect(text[originalRange(result.replaced, 19).start]).toBe(result.text[19]);
  });
});

describe('findVariableReferences', () => {
  it('lists names, kinds and positions for highlighting', () => {
    expect(findVariableReferences('{{a}} x {{ $uuid }} {{bad name}} {{b.c}}')).toEqual([
      { name: 'a', kind: 'variable', start: 0, end: 5 },
      { name: '$uuid', kind: 'dynamic', start: 8, end: 19 },
      { name: 'b.c', kind: 'variable', start: 33, end: 40 },
    ]);
    expect(findVariableReferences('no references')).toEqual([]);
  });

  it('uses UTF-16 offsets, as editors do', () => {
    expect(findVariableReferences('😀{{naïve}}')).toEqual([
      { name: 'naïve', kind: 'variable', start: 2, end: 11 },
    ]);
  });
});

// Names drawn from a small pool so random values refer to each other often, cycles included.
const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];
const nameArb = fc.constantFrom(...NAMES, 'missing', '$uuid', '$counter', '$nope');
const chunkArb = fc.oneof(
  nameArb.map((name) => `{{${name}}}`),
  nameArb.map((name) => `{{ ${name} }}`),
  fc.constantFrom('{{', '}}', '{', '}', ' ', 'x', '{{ a b }}'),
  fc.string({ maxLength: 4 }),
);
const templateArb = fc.array(chunkArb, { maxLength: 8 }).map((chunks) => chunks.join(''));
const scopesArb = fc
  .array(
    fc.record({
      name: fc.constantFrom(...NAMES),
      value: templateArb,
      secret: fc.boolean(),
    }),
    { maxLength: 8 },
  )
  .map((variables): VariableScope[] => [{ name: 'env', variables }]);

describe('interpolate: properties', () => {
  it('returns text without {{ unchanged', () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !text.includes('{{')),
        scopesArb,
        (text, variables) => {
          const result = run(text, { variables });
          expect(result.ok && result.value.text === text && result.value.unresolved.length === 0).toBe(true);
        },
      ),
    );
  });

  it('terminates on any variable graph, cycles included, with a result or a named error', () => {
    fc.assert(
      fc.property(templateArb, scopesArb, (text, variables) => {
        const result = run(text, { variables });
        if (!result.ok) {
          expect(['cycle', 'too-deep']).toContain(result.error.code);
          expect(text.startsWith('{{', result.error.start)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast when every variable refers to every other many times', () => {
    const names = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const variables = [
      scope(
        'env',
        Object.fromEntries(
          names.map((name, i) => [
            name,
            names
              .slice(i + 1, i + 4)
              .map((n) => `{{${n}}}`)
              .join(''),
          ]),
        ),
      ),
    ];
    // Without caching this fans out 3^10 ways; with it each variable is expanded once.
    const error = failed('{{v0}}', { variables });
    expect(error.code).toBe('too-deep');
  });

  it('locates every unresolved name at a {{ in the original text', () => {
    fc.assert(
      fc.property(templateArb, scopesArb, (text, variables) => {
        const result = run(text, { variables });
        if (!result.ok) return;
        for (const missing of result.value.unresolved) {
          expect(text.startsWith('{{', missing.start)).toBe(true);
          expect(text.slice(missing.start, missing.end).endsWith('}}')).toBe(true);
          const written = text.slice(missing.start + 2, missing.end - 2).trim();
          expect(written).toBe(missing.via[0] ?? missing.name);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never shows a secret value in a masked preview unless a non-secret value spells it', () => {
    const secretArb = fc.stringMatching(/^[A-Z]{6}$/).map((s) => `SECRET-${s}`);
    fc.assert(
      fc.property(templateArb, scopesArb, secretArb, (text, scopes, secret) => {
        const variables = scopes.map((s) => ({
          ...s,
          variables: s.variables.map((v) => (v.secret ? { ...v, value: `${secret}${v.value}` } : v)),
        }));
        const result = run(text, { variables, secrets: 'mask' });
        if (result.ok) expect(result.value.text).not.toContain('SECRET-');
      }),
    );
  });
});
