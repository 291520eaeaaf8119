import { describe, expect, it, vi } from 'vitest';
import { utf8ByteLength } from './utf8';

const encoder = new TextEncoder();
const expected = (text: string) => encoder.encode(text).byteLength;

describe('utf8ByteLength', () => {
  const samples = [
    '',
    'a',
    'hello, world',
    '\u0000',
    '\u007f',
    '\u0080',
    'é',
    'ß',
    '\u07ff',
    '\u0800',
    '€',
    '日本語のテキスト',
    '\uffff',
    '😀',
    '👩‍👩‍👧‍👦',
    '🇫🇷 flag',
    '\u{10ffff}',
    '\ud800',
    '\udfff',
    'a\ud800b',
    'a\udc00b',
    '\udc00\ud800',
    '\ud800\ud800\udc00',
    'trailing high \ud83d',
    '{"type":"ping","payload":"ünïcödé ✓ 🚀"}',
  ];

  it.each(samples)('matches TextEncoder for %j', (text) => {
    expect(utf8ByteLength(text)).toBe(expected(text));
  });

  it('matches TextEncoder for every single UTF-16 code unit', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = String.fromCharCode(unit);
      expect(utf8ByteLength(text)).toBe(expected(text));
    }
  });

  it('matches TextEncoder for random strings mixing all ranges, including broken surrogates', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pools = [
      [0x20, 0x7e],
      [0x80, 0x7ff],
      [0x800, 0xd7ff],
      [0xd800, 0xdbff],
      [0xdc00, 0xdfff],
      [0xe000, 0xffff],
    ] as const;
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) {
        const pool = pools[Math.floor(random() * pools.length)] ?? pools[0];
        text += String.fromCharCode(pool[0] + Math.floor(random() * (pool[1] - pool[0] + 1)));
      }
      expect(utf8ByteLength(text)).toBe(expected(text));
    }
  });
});

describe('utf8ByteLength on large frames', () => {
  it('sizes pure ASCII without a per-character loop', () => {
    const text = `{"pad":"${'x'.repeat(64 * 1024)}"}`;
    const charCodeAt = vi.spyOn(String.prototype, 'charCodeAt');
    try {
      expect(utf8ByteLength(text)).toBe(text.length);
      expect(charCodeAt).not.toHaveBeenCalled();
    } finally {
      charCodeAt.mockRestore();
    }
  });

  it('encodes long non-ASCII text into a reused buffer and matches TextEncoder', () => {
    const encodeInto = vi.spyOn(TextEncoder.prototype, 'encodeInto');
    try {
      for (const text of [
        `${'a'.repeat(70_000)}é${'b'.repeat(500)}`,
        `é${'日本'.repeat(40_000)}`,
        `${'x'.repeat(1000)}\ud800${'😀'.repeat(300)}\udc00`,
        `${'x'.repeat(10)}é${'y'.repeat(10)}`,
      ]) {
        expect(utf8ByteLength(text)).toBe(expected(text));
      }
      expect(encodeInto).toHaveBeenCalledTimes(3);
    } finally {
      encodeInto.mockRestore();
    }
  });
});
