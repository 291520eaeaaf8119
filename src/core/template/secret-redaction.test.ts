import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, SECRET_MASK, secretsOf, type Secret } from './secret-redaction';

const token: Secret = { name: 'token', value: 'tök en/"42"\\x' };
const redactor = createRedactor([token]);
const named = (text: string) => redactor.redact(text, 'name').text;
const masked = (text: string) => redactor.redact(text, 'mask').text;

/** Every form the token's value may take in a log, as the encoders named write it. */
const FORMS: [string, string][] = [
  ['as typed', token.value],
  ['JSON.stringify', JSON.stringify(token.value).slice(1, -1)],
  ['JSON with \\u escapes (Python)', 't\\u00f6k en/\\"42\\"\\\\x'],
  ['JSON with \\u escapes and \\/ (PHP)', 't\\u00F6k en\\/\\"42\\"\\\\x'],
  ['encodeURIComponent', encodeURIComponent(token.value)],
  ['encodeURIComponent, lowercase hex', encodeURIComponent(token.value).toLowerCase()],
  ['URL query normalization', new URL(`ws://h/e?t=${token.value}`).search.slice(3)],
  ['form encoding', new URLSearchParams({ t: token.value }).toString().slice(2)],
  [
    'JSON-escaped query value',
    JSON.stringify(new URL(`ws://h/e?t=${token.value}`).search.slice(3)).slice(1, -1),
  ],
];

describe('createRedactor', () => {
  it.each(FORMS)('finds the secret %s', (_form, written) => {
    expect(written).not.toBe('');
    const text = `before ${written} after`;
    expect(redactor.redact(text, 'name')).toEqual({ text: 'before {{token}} after', found: 1 });
    expect(masked(text)).toBe(`before ${SECRET_MASK} after`);
  });

  it('finds a secret in a URL query and in a pretty-printed JSON frame', () => {
    const url = new URL(`ws://127.0.0.1:8787/echo?token=${token.value}&x=1`).href;
    expect(named(url)).toBe('ws://127.0.0.1:8787/echo?token={{token}}&x=1');
    const pretty = JSON.stringify({ auth: { token: token.value } }, null, 2);
    expect(named(pretty)).toBe('{\n  "auth": {\n    "token": "{{token}}"\n  }\n}');
  });

  it('replaces longer secrets first, so one containing another goes whole', () => {
    const both = createRedactor([
      { name: 'short', value: 'abc' },
      { name: 'long', value: 'abcdef' },
    ]);
    expect(both.secrets.map((s) => s.name)).toEqual(['long', 'short']);
    expect(both.redact('x abcdef abc abcd', 'name')).toEqual({
      text: 'x {{long}} {{short}} {{short}}d',
      found: 3,
    });
  });

  it('leaves no whole secret behind when two secrets overlap', () => {
    const overlapping = createRedactor([
      { name: 'a', value: 'ABCD' },
      { name: 'b', value: 'CDEF' },
    ]);
    const text = overlapping.redact('ABCDEF CDEFAB', 'name').text;
    expect(text).toBe('{{a}}EF {{b}}AB');
    expect(text).not.toContain('ABCD');
    expect(text).not.toContain('CDEF');
  });

  it('matches secrets literally: regular-expression characters mean nothing', () => {
    const odd = createRedactor([{ name: 're', value: '.b (' }]);
    expect(odd.redact('a.b (c) axb (c)', 'mask').text).toBe(`a${SECRET_MASK}c) axb (c)`);
  });

  it('masks even a one-character secret everywhere it occurs', () => {
    expect(createRedactor([{ name: 'k', value: 'x' }]).redact('axbxc', 'mask').text).toBe(
      `a${SECRET_MASK}b${SECRET_MASK}c`,
    );
  });

  it('keeps text without secrets as it is, and does nothing without secrets', () => {
    expect(redactor.redact('nothing here', 'name')).toEqual({ text: 'nothing here', found: 0 });
    const none = createRedactor([{ name: 'empty', value: '' }]);
    expect(none.secrets).toEqual([]);
    expect(none.redact(token.value, 'name').text).toBe(token.value);
  });

  it('writes the first name when two secrets share a value', () => {
    const twice = createRedactor([
      { name: 'first', value: 'same' },
      { name: 'second', value: 'same' },
    ]);
    expect(twice.redact('a same b', 'name').text).toBe('a {{first}} b');
  });

  it('never throws, even for lone surrogates that no URL encoder accepts', () => {
    const lone = createRedactor([{ name: 'odd', value: 'a\ud800b' }]);
    expect(lone.redact('x a\ud800b y', 'name').text).toBe('x {{odd}} y');
    expect(lone.redact('x "a\\ud800b" y', 'name').text).toBe('x "{{odd}}" y');
  });

  it('secretsOf keeps only secrets that have a value', () => {
    expect(
      secretsOf([
        { name: 'a', value: '1', secret: true },
        { name: 'b', value: '', secret: true },
        { name: 'c', value: '3', secret: false },
      ]),
    ).toEqual([{ name: 'a', value: '1' }]);
  });
});

describe('redactHead', () => {
  const secret = createRedactor([{ name: 'k', value: 'SECRET-VALUE' }]);

  it('redacts a secret cut by the end of the head whole, so none of it shows', () => {
    const text = 'x'.repeat(15) + 'SECRET-VALUE' + 'y'.repeat(100);
    const head = secret.redactHead(text, 'mask', 20);
    expect(head).toEqual({ text: 'x'.repeat(15) + SECRET_MASK + 'y', found: 1, cut: true });
    expect(head.text).not.toMatch(/S|SE|SEC/);
  });

  it('reads on when secrets shrink the head below the preview length', () => {
    const text = 'SECRET-VALUE'.repeat(40) + 'tail';
    const head = secret.redactHead(text, 'mask', 30);
    expect(head.text).toBe(SECRET_MASK.repeat(8).slice(0, 30));
    expect(head.cut).toBe(true);
  });

  it('is the whole redacted text when that is short enough', () => {
    expect(secret.redactHead('a SECRET-VALUE b', 'name', 100)).toEqual({
      text: 'a {{k}} b',
      found: 1,
      cut: false,
    });
  });

  it('agrees with redact() on every prefix length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('SECRET-VALUE', 'SECRET', 'x', ' '), { maxLength: 40 }),
        fc.nat(80),
        (parts, n) => {
          const text = parts.join('');
          const whole = secret.redact(text, 'name').text;
          const head = secret.redactHead(text, 'name', n);
          expect(head.text).toBe(whole.slice(0, n));
          expect(head.cut).toBe(whole.length > n);
        },
      ),
    );
  });
});

describe('bytes', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const text = (data: Uint8Array) => new TextDecoder().decode(data);

  it('replaces the UTF-8 bytes of a secret with the bytes of {{name}}', () => {
    const frame = new Uint8Array([0, 1, ...bytes(token.value), 255, ...bytes(token.value)]);
    const redacted = redactor.redactBytes(frame, 'name');
    expect([...redacted.subarray(0, 2)]).toEqual([0, 1]);
    expect(text(redacted.subarray(2, 11))).toBe('{{token}}');
    expect(redacted[11]).toBe(255);
    expect(text(redacted.subarray(12))).toBe('{{token}}');
    expect(redactor.findInBytes(frame).map((r) => [r.start, r.end, r.name])).toEqual([
      [2, 2 + bytes(token.value).length, 'token'],
      [3 + bytes(token.value).length, frame.length, 'token'],
    ]);
  });

  it('gives back the same bytes when there is nothing to replace', () => {
    const frame = new Uint8Array([1, 2, 3]);
    expect(redactor.redactBytes(frame, 'name')).toBe(frame);
  });

  it('prefers the longest secret at a position and never overlaps ranges', () => {
    const two = createRedactor([
      { name: 'short', value: 'ab' },
      { name: 'long', value: 'abab' },
    ]);
    expect(two.findInBytes(bytes('ababab')).map((r) => [r.start, r.end, r.name])).toEqual([
      [0, 4, 'long'],
      [4, 6, 'short'],
    ]);
  });
});

/*
 * The property: whatever surrounds a secret, the `{{name}}` output holds no occurrence of its value, nor of its
 * JSON-escaped or percent-encoded forms. It is only true when `{{name}}` cannot itself spell (part of) a form:
 * names are drawn from G–Z, letters that appear in none of the forms (percent escapes use 0–9A–F, JSON escapes
 * lowercase letters), and secret values contain neither braces nor G–Z.
 */
describe('property', () => {
  const name = fc.stringMatching(/^[G-Z]{1,6}$/);
  const value = fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('"', '\\', '/', '%', ' ', '+', '&', '=', 'ü', '✓', '\n', '\u0001'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength: 12,
    })
    .filter((v) => !/[{}G-Z]/.test(v));
  const forms = (v: string) => [v, JSON.stringify(v).slice(1, -1), encodeURIComponent(v)];

  it('leaves no form of the secret in any text', () => {
    fc.assert(
      fc.property(name, value, fc.array(fc.string({ unit: 'binary' }), { maxLength: 6 }), (n, v, pieces) => {
        // The secret in raw and encoded forms, between arbitrary text.
        const text = pieces.flatMap((piece, i) => [piece, forms(v)[i % 3] as string]).join('');
        const out = createRedactor([{ name: n, value: v }]).redact(text, 'name').text;
        for (const form of forms(v)) expect(out).not.toContain(form);
      }),
      { numRuns: 500 },
    );
  });
});
