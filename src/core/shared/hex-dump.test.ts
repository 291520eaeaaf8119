import { describe, expect, it } from 'vitest';
import { hexDump, toHexString } from './hex-dump';

describe('hexDump', () => {
  it('prints offset, hex with a gap after 8 bytes, and printable ASCII', () => {
    const bytes = new Uint8Array([0x48, 0x69, 0x00, 0xff, 0x20, 0x7e, 0x7f, 0x41, 0x42, 0x0a]);
    expect(hexDump(bytes)).toEqual([
      { offset: '00000000', hex: '48 69 00 ff 20 7e 7f 41  42 0a', ascii: 'Hi.. ~.AB.' },
    ]);
  });

  it('breaks lines every 16 bytes and honours maxBytes', () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);
    const lines = hexDump(bytes);
    expect(lines.map((l) => l.offset)).toEqual(['00000000', '00000010', '00000020']);
    expect(lines[2]?.hex).toBe('20 21 22 23 24 25 26 27');
    expect(hexDump(bytes, { maxBytes: 16 })).toHaveLength(1);
  });

  it('returns nothing for an empty frame', () => {
    expect(hexDump(new Uint8Array())).toEqual([]);
  });
});

describe('toHexString', () => {
  it('pads every byte to two digits', () => {
    expect(toHexString(new Uint8Array([0, 15, 255]))).toBe('00 0f ff');
    expect(toHexString(new Uint8Array([1, 2, 3]), { maxBytes: 2 })).toBe('01 02');
  });
});

describe('hidden bytes', () => {
  it('shows hidden bytes as dots in both columns, keeping the columns aligned', () => {
    const bytes = new Uint8Array([0x41, 0x42, 0x43, 0x44, 0x45]);
    const hidden = [{ start: 1, end: 3 }];
    expect(hexDump(bytes, { hidden })).toEqual([
      { offset: '00000000', hex: '41 •• •• 44 45', ascii: 'A••DE' },
    ]);
    expect(
      toHexString(bytes, {
        hidden: [
          { start: 0, end: 1 },
          { start: 4, end: 9 },
        ],
      }),
    ).toBe('•• 42 43 44 ••');
  });
});
