import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodecError } from './codec-error';
import { formatHex, parseHex } from './hex';

function bytesOf(text: string): number[] {
  const result = parseHex(text);
  if (!result.ok) throw new Error(`expected bytes, got: ${result.error.message}`);
  return [...result.value];
}

function errorOf(text: string): CodecError {
  const result = parseHex(text);
  if (result.ok) throw new Error(`expected an error, got ${result.value.length} bytes`);
  return result.error;
}

describe('parseHex', () => {
  it.each<[string, number[]]>([
    ['', []],
    ['  \n\t ', []],
    ['00ff10', [0x00, 0xff, 0x10]],
    ['DEADbeef', [0xde, 0xad, 0xbe, 0xef]],
    ['de ad\nbe\tef', [0xde, 0xad, 0xbe, 0xef]],
    ['\r\n  de  ad  \r\n', [0xde, 0xad]],
    ['0xde 0XAD', [0xde, 0xad]],
    ['0xdeadbeef', [0xde, 0xad, 0xbe, 0xef]],
    ['0x01, 0x02,0x03', [1, 2, 3]],
    ['de:ad:be:ef', [0xde, 0xad, 0xbe, 0xef]],
    ['de-ad - be', [0xde, 0xad, 0xbe]],
    ['00', [0]],
  ])('%j', (text, expected) => {
    expect(bytesOf(text)).toEqual(expected);
  });

  it.each<[string, CodecError]>([
    [
      'de ad\nbe eg',
      {
        message: 'Unexpected "g" at line 2, column 5: hex digits are 0-9 and a-f',
        offset: 10,
        line: 2,
        column: 5,
      },
    ],
    [
      'gg',
      {
        message: 'Unexpected "g" at line 1, column 1: hex digits are 0-9 and a-f',
        offset: 0,
        line: 1,
        column: 1,
      },
    ],
    [
      'abc',
      {
        message: 'Incomplete byte "c" at line 1, column 3: each byte takes two hex digits (write 0c)',
        offset: 2,
        line: 1,
        column: 3,
      },
    ],
    [
      'ab c de',
      {
        message: 'Incomplete byte "c" at line 1, column 4: each byte takes two hex digits (write 0c)',
        offset: 3,
        line: 1,
        column: 4,
      },
    ],
    [
      'a:b',
      {
        message: 'Incomplete byte "a" at line 1, column 1: each byte takes two hex digits (write 0a)',
        offset: 0,
        line: 1,
        column: 1,
      },
    ],
    ['0x', { message: '"0x" at line 1, column 1 has no hex digits after it', offset: 0, line: 1, column: 1 }],
    [
      '0x zz',
      {
        message: 'Unexpected U+0020 (space) at line 1, column 3: two hex digits must follow "0x"',
        offset: 2,
        line: 1,
        column: 3,
      },
    ],
    [
      ':de',
      {
        message: 'Unexpected ":" at line 1, column 1: a separator must sit between two bytes',
        offset: 0,
        line: 1,
        column: 1,
      },
    ],
    [
      'de::ad',
      {
        message: 'Unexpected ":" at line 1, column 4: a separator must sit between two bytes',
        offset: 3,
        line: 1,
        column: 4,
      },
    ],
    [
      'de, ad,\n',
      {
        message: 'Unexpected "," at line 1, column 7: a separator must sit between two bytes',
        offset: 6,
        line: 1,
        column: 7,
      },
    ],
    [
      'de\r\n\r\nad\u00a0be',
      {
        message: 'Unexpected U+00A0 (no-break space) at line 3, column 3: hex digits are 0-9 and a-f',
        offset: 8,
        line: 3,
        column: 3,
      },
    ],
    [
      'de\r😀',
      {
        message: 'Unexpected "😀" at line 2, column 1: hex digits are 0-9 and a-f',
        offset: 3,
        line: 2,
        column: 1,
      },
    ],
    [
      'd\u200b',
      {
        message: 'Unexpected U+200B (zero-width space) at line 1, column 2: hex digits are 0-9 and a-f',
        offset: 1,
        line: 1,
        column: 2,
      },
    ],
  ])('rejects %j', (text, expected) => {
    expect(errorOf(text)).toEqual(expected);
  });

  it('decodes a few megabytes exactly', () => {
    const bytes = Uint8Array.from({ length: 2_000_000 }, (_, i) => (i * 7) & 0xff);
    const text = formatHex(bytes);
    const parsed = parseHex(text);
    expect(parsed.ok && parsed.value.length === bytes.length && parsed.value[12345] === bytes[12345]).toBe(
      true,
    );
  });
});

describe('formatHex', () => {
  it('writes lowercase pairs, 16 to a line by default', () => {
    const bytes = Uint8Array.from({ length: 18 }, (_, i) => i * 15);
    expect(formatHex(bytes)).toBe('00 0f 1e 2d 3c 4b 5a 69 78 87 96 a5 b4 c3 d2 e1\nf0 ff');
    expect(formatHex(new Uint8Array())).toBe('');
  });

  it('honours bytesPerLine, with Infinity for one line', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    expect(formatHex(bytes, { bytesPerLine: 2 })).toBe('01 02\n03 04\n05');
    expect(formatHex(bytes, { bytesPerLine: 1 })).toBe('01\n02\n03\n04\n05');
    expect(formatHex(bytes, { bytesPerLine: Infinity })).toBe('01 02 03 04 05');
  });

  it('rejects a nonsensical line length as a programming error', () => {
    expect(() => formatHex(new Uint8Array([1]), { bytesPerLine: 0 })).toThrow(RangeError);
    expect(() => formatHex(new Uint8Array([1]), { bytesPerLine: 1.5 })).toThrow(RangeError);
  });

  it('round-trips any bytes through parseHex', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (bytes, bytesPerLine) => {
          expect(parseHex(formatHex(bytes, { bytesPerLine }))).toEqual({ ok: true, value: bytes });
        },
      ),
    );
  });

  it('round-trips through the other spellings parseHex accepts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 50 }),
        fc.constantFrom('', ' ', ':', '-', ', ', '\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        (bytes, separator, prefixed, upper) => {
          const pairs = [...bytes].map((b) => (prefixed ? '0x' : '') + b.toString(16).padStart(2, '0'));
          const text = upper ? pairs.join(separator).toUpperCase() : pairs.join(separator);
          expect(parseHex(text)).toEqual({ ok: true, value: bytes });
        },
      ),
    );
  });
});
