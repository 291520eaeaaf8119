import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBase64, parseBase64 } from './base64';
import type { CodecError } from './codec-error';

function bytesOf(text: string): number[] {
  const result = parseBase64(text);
  if (!result.ok) throw new Error(`expected bytes, got: ${result.error.message}`);
  return [...result.value];
}

function errorOf(text: string): CodecError {
  const result = parseBase64(text);
  if (result.ok) throw new Error(`expected an error, got ${result.value.length} bytes`);
  return result.error;
}

describe('parseBase64', () => {
  it.each<[string, number[]]>([
    ['', []],
    [' \n', []],
    ['3q2+7w==', [0xde, 0xad, 0xbe, 0xef]],
    ['3q2+7w', [0xde, 0xad, 0xbe, 0xef]],
    ['3q2-7w', [0xde, 0xad, 0xbe, 0xef]],
    ['3q2 +7\nw=\r\n=', [0xde, 0xad, 0xbe, 0xef]],
    ['SGk=', [0x48, 0x69]],
    ['SGk', [0x48, 0x69]],
    ['SGVsbG8', [0x48, 0x65, 0x6c, 0x6c, 0x6f]],
    ['__-_', [0xff, 0xff, 0xbf]],
    ['_-8', [0xff, 0xef]],
    ['//+/', [0xff, 0xff, 0xbf]],
    // Unused low bits are ignored, as atob does.
    ['QR==', [0x41]],
  ])('%j', (text, expected) => {
    expect(bytesOf(text)).toEqual(expected);
  });

  const alphabet = 'base64 uses A-Z, a-z, 0-9 and "+" "/" (or "-" "_" in URL-safe base64)';
  it.each<[string, CodecError]>([
    [
      'SGVs\nbG8!',
      { message: `Unexpected "!" at line 2, column 4: ${alphabet}`, offset: 8, line: 2, column: 4 },
    ],
    ['SGk.', { message: `Unexpected "." at line 1, column 4: ${alphabet}`, offset: 3, line: 1, column: 4 }],
    ['é', { message: `Unexpected "é" at line 1, column 1: ${alphabet}`, offset: 0, line: 1, column: 1 }],
    [
      'SG\u00a0k=',
      {
        message: `Unexpected U+00A0 (no-break space) at line 1, column 3: ${alphabet}`,
        offset: 2,
        line: 1,
        column: 3,
      },
    ],
    [
      'SGk==',
      {
        message: 'Unexpected "=" at line 1, column 5: the last group takes only one "="',
        offset: 4,
        line: 1,
        column: 5,
      },
    ],
    [
      'SG===',
      {
        message: 'Unexpected "=" at line 1, column 5: the last group takes only two "="',
        offset: 4,
        line: 1,
        column: 5,
      },
    ],
    [
      'SGVs=',
      {
        message: 'Unexpected "=" at line 1, column 5: the text is complete without padding',
        offset: 4,
        line: 1,
        column: 5,
      },
    ],
    [
      '=',
      {
        message: 'Unexpected "=" at line 1, column 1: the text is complete without padding',
        offset: 0,
        line: 1,
        column: 1,
      },
    ],
    [
      'SG=',
      {
        message: 'Incomplete padding at line 1, column 3: the last group needs "==" or none',
        offset: 2,
        line: 1,
        column: 3,
      },
    ],
    [
      'SGk=SGk=',
      {
        message: 'Unexpected "S" at line 1, column 5: nothing may follow the "=" padding',
        offset: 4,
        line: 1,
        column: 5,
      },
    ],
    [
      'SGVsb',
      {
        message:
          'Incomplete base64: "b" at line 1, column 5 is alone in the last group and cannot encode a byte; a character is missing or extra',
        offset: 4,
        line: 1,
        column: 5,
      },
    ],
    [
      'SGVs\nb===',
      {
        message:
          'Incomplete base64: "b" at line 2, column 1 is alone in the last group and cannot encode a byte; a character is missing or extra',
        offset: 5,
        line: 2,
        column: 1,
      },
    ],
  ])('rejects %j', (text, expected) => {
    expect(errorOf(text)).toEqual(expected);
  });

  it('agrees with Node on any valid base64, padded or not, in either alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.boolean(), (bytes, padded) => {
        const standard = Buffer.from(bytes).toString('base64');
        const urlSafe = Buffer.from(bytes).toString('base64url');
        expect(parseBase64(padded ? standard : standard.replace(/=+$/, ''))).toEqual({
          ok: true,
          value: bytes,
        });
        expect(parseBase64(urlSafe)).toEqual({ ok: true, value: bytes });
      }),
    );
  });

  it('ignores whitespace anywhere', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.array(fc.nat()), (bytes, cuts) => {
        const text = formatBase64(bytes);
        let spaced = text;
        for (const cut of cuts) {
          const at = cut % (spaced.length + 1);
          spaced = spaced.slice(0, at) + ' \n\t\r'.charAt(cut % 4) + spaced.slice(at);
        }
        expect(parseBase64(spaced)).toEqual({ ok: true, value: bytes });
      }),
    );
  });

  // Correctness at size only: how fast is a benchmark's business, not a unit test's.
  it('decodes megabytes exactly', () => {
    const bytes = Uint8Array.from({ length: 6_000_000 }, (_, i) => (i * 31) & 0xff);
    const text = Buffer.from(bytes).toString('base64');
    const parsed = parseBase64(text);
    expect(parsed.ok && Buffer.from(parsed.value).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('formatBase64', () => {
  it.each<[number[], string]>([
    [[], ''],
    [[0x66], 'Zg=='],
    [[0x66, 0x6f], 'Zm8='],
    [[0x66, 0x6f, 0x6f], 'Zm9v'],
    [[0xff, 0xff, 0xbf], '//+/'],
  ])('%j → %s', (bytes, text) => {
    expect(formatBase64(new Uint8Array(bytes))).toBe(text);
  });

  it('matches Node and round-trips any bytes through parseBase64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = formatBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(parseBase64(text)).toEqual({ ok: true, value: bytes });
      }),
    );
  });

  it('encodes megabytes exactly', () => {
    const bytes = Uint8Array.from({ length: 6_000_000 }, (_, i) => (i * 13) & 0xff);
    const text = formatBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
  });
});
