import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryView, decodeUtf8 } from './binary-view';

const bytes = (...values: number[]) => new Uint8Array(values);

function strictlyValid(input: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(input);
    return true;
  } catch {
    return false;
  }
}

describe('decodeUtf8', () => {
  it('decodes valid UTF-8, keeping a leading byte order mark', () => {
    expect(decodeUtf8(new TextEncoder().encode('héllo 😀'))).toEqual({ ok: true, value: 'héllo 😀' });
    expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x41))).toEqual({ ok: true, value: '\ufeffA' });
    expect(decodeUtf8(bytes())).toEqual({ ok: true, value: '' });
  });

  it.each<[string, Uint8Array, number, string]>([
    ['a stray continuation byte', bytes(0x41, 0x80), 1, 'Not valid UTF-8 at byte offset 1 (0x80)'],
    [
      'a byte that never appears in UTF-8',
      bytes(0xc3, 0xa9, 0xff),
      2,
      'Not valid UTF-8 at byte offset 2 (0xff)',
    ],
    ['an overlong encoding', bytes(0xc0, 0xaf), 0, 'Not valid UTF-8 at byte offset 0 (0xc0)'],
    ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0, 'Not valid UTF-8 at byte offset 0 (0xe0)'],
    ['an encoded surrogate', bytes(0x41, 0xed, 0xa0, 0x80), 1, 'Not valid UTF-8 at byte offset 1 (0xed)'],
    [
      'a code point above U+10FFFF',
      bytes(0xf4, 0x90, 0x80, 0x80),
      0,
      'Not valid UTF-8 at byte offset 0 (0xf4)',
    ],
    ['a broken sequence mid-text', bytes(0xe2, 0x82, 0x41), 0, 'Not valid UTF-8 at byte offset 0 (0xe2)'],
    [
      'a sequence cut off at the end',
      bytes(0x41, 0x42, 0xe2, 0x82),
      2,
      'Not valid UTF-8: the sequence at byte offset 2 (0xe2 0x82) is cut off at the end',
    ],
    [
      'a four-byte sequence cut off',
      bytes(0xf0, 0x9f, 0x98),
      0,
      'Not valid UTF-8: the sequence at byte offset 0 (0xf0 0x9f 0x98) is cut off at the end',
    ],
  ])('locates %s', (_, input, offset, message) => {
    expect(decodeUtf8(input)).toEqual({ ok: false, error: { offset, message } });
  });

  it('agrees with the platform decoder and reports the longest valid prefix', () => {
    // Bytes biased towards UTF-8 lead and continuation bytes so near-valid sequences are common.
    const byteArb = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0x80, max: 0xbf }));
    const textArb = fc.string({ unit: 'binary', maxLength: 10 }).map((t) => [...new TextEncoder().encode(t)]);
    const inputArb = fc
      .array(fc.oneof(textArb, fc.array(byteArb, { maxLength: 3 })), { maxLength: 5 })
      .map((parts) => new Uint8Array(parts.flat()));
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = decodeUtf8(input);
        expect(result.ok).toBe(strictlyValid(input));
        if (result.ok) return;
        const { offset } = result.error;
        expect(strictlyValid(input.subarray(0, offset))).toBe(true);
        for (let end = offset + 1; end <= input.length; end++) {
          expect(strictlyValid(input.subarray(0, end))).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('binaryView', () => {
  it('shows clean UTF-8 as text, tabs and line breaks included', () => {
    expect(binaryView(new TextEncoder().encode('{"a":1}\r\n\tok'))).toEqual({
      kind: 'text',
      text: '{"a":1}\r\n\tok',
    });
  });

  it('shows invalid UTF-8 as bytes, with where it breaks', () => {
    expect(binaryView(bytes(0x41, 0xff))).toEqual({
      kind: 'bytes',
      reason: 'invalid-utf8',
      offset: 1,
      message: 'Not valid UTF-8 at byte offset 1 (0xff)',
    });
  });

  it('shows UTF-8 with binary control bytes as bytes', () => {
    expect(binaryView(bytes(0xc3, 0xa9, 0x00, 0x01))).toEqual({
      kind: 'bytes',
      reason: 'control-characters',
      offset: 2,
      message: 'Valid UTF-8, but byte offset 2 (0x00) is a control character, so this looks like binary data',
    });
    expect(binaryView(bytes(0x41, 0x7f))).toMatchObject({ reason: 'control-characters', offset: 1 });
  });
});
