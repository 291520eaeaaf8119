import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ByteReader,
  ByteWriter,
  MAX_VARIABLE_BYTE_INTEGER,
  readVariableByteInteger,
  utf8Text,
  variableByteInteger,
} from './mqtt-wire';

describe('variable byte integer', () => {
  // The boundaries of the specification's table (MQTT 5.0 §1.5.5, 3.1.1 §2.2.3).
  const table: [number, number[]][] = [
    [0, [0x00]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [16_383, [0xff, 0x7f]],
    [16_384, [0x80, 0x80, 0x01]],
    [2_097_151, [0xff, 0xff, 0x7f]],
    [2_097_152, [0x80, 0x80, 0x80, 0x01]],
    [268_435_455, [0xff, 0xff, 0xff, 0x7f]],
  ];

  it.each(table)('encodes and decodes %i', (value, bytes) => {
    expect(Array.from(variableByteInteger(value))).toEqual(bytes);
    expect(readVariableByteInteger(Uint8Array.from(bytes), 0)).toEqual({
      ok: true,
      value,
      length: bytes.length,
    });
  });

  it('round-trips every value in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_VARIABLE_BYTE_INTEGER }), (value) => {
        const bytes = variableByteInteger(value);
        expect(readVariableByteInteger(bytes, 0)).toEqual({ ok: true, value, length: bytes.length });
      }),
    );
  });

  it('rejects a fifth byte, a cut-off value and a longer form than needed', () => {
    expect(readVariableByteInteger(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x01), 0)).toEqual({
      ok: false,
      problem: 'too long',
    });
    expect(readVariableByteInteger(Uint8Array.of(0x80, 0x80), 0)).toEqual({
      ok: false,
      problem: 'truncated',
    });
    expect(readVariableByteInteger(Uint8Array.of(0x85, 0x00), 0)).toEqual({
      ok: false,
      problem: 'not shortest',
    });
  });
});

describe('ByteReader', () => {
  it('reads the data types in order', () => {
    const bytes = Uint8Array.of(0x01, 0x00, 0x0a, 0, 0, 1, 0, 0x80, 0x01, 0x00, 0x02, 0x68, 0x69, 0xff);
    const reader = new ByteReader(bytes, 'TEST');
    expect(reader.u8('a')).toBe(1);
    expect(reader.u16('b')).toBe(10);
    expect(reader.u32('c')).toBe(256);
    expect(reader.vbi('d')).toBe(128);
    expect(reader.utf8('e')).toBe('hi');
    expect(Array.from(reader.rest())).toEqual([0xff]);
    expect(reader.error).toBeNull();
  });

  it('keeps the first failure and reads blanks after it', () => {
    const reader = new ByteReader(Uint8Array.of(0x00, 0x05, 0x61), 'PUBLISH');
    expect(reader.utf8('topic name')).toBe('');
    expect(reader.u16('packet identifier')).toBe(0);
    expect(reader.error).toBe('PUBLISH: topic name length says 5 bytes, 1 left');
    expect(reader.left).toBe(0);
  });

  it('names a field cut short', () => {
    const reader = new ByteReader(Uint8Array.of(0x01), 'PUBACK');
    reader.u16('packet identifier');
    expect(reader.error).toBe('PUBACK: packet identifier needs 2 bytes, 1 left');
  });

  it('rejects ill-formed UTF-8 and U+0000 in strings, and keeps a BOM', () => {
    const invalid = new ByteReader(Uint8Array.of(0x00, 0x02, 0xc3, 0x28), 'PUBLISH');
    invalid.utf8('topic name');
    expect(invalid.error).toBe('PUBLISH: topic name is not valid UTF-8');
    const nul = new ByteReader(Uint8Array.of(0x00, 0x01, 0x00), 'PUBLISH');
    nul.utf8('topic name');
    expect(nul.error).toBe('PUBLISH: topic name contains U+0000, which MQTT forbids');
    expect(new ByteReader(Uint8Array.of(0x00, 0x04, 0xef, 0xbb, 0xbf, 0x41), 'X').utf8('s')).toBe('\ufeffA');
  });

  it('bounds a part and hands its failure back', () => {
    const reader = new ByteReader(Uint8Array.of(1, 2, 3), 'SUBACK');
    const part = reader.part(2, 'property length', 'SUBACK properties');
    part.u32('x');
    reader.adopt(part);
    expect(reader.error).toBe('SUBACK properties: x needs 4 bytes, 2 left');
    const tooLong = new ByteReader(Uint8Array.of(1), 'CONNACK');
    tooLong.part(5, 'property length', 'CONNACK properties');
    expect(tooLong.error).toBe('CONNACK: property length says 5 bytes, 1 left');
  });
});

describe('ByteWriter', () => {
  it('writes big-endian integers, strings and binary data', () => {
    const writer = new ByteWriter();
    writer.u8(7, 'a');
    writer.u16(0x1234, 'b');
    writer.u32(0x01020304, 'c');
    writer.vbi(321, 'd');
    writer.utf8('é', 'e');
    writer.binary(Uint8Array.of(9), 'f');
    expect(writer.error).toBeNull();
    expect(Array.from(writer.toBytes())).toEqual([
      7, 0x12, 0x34, 1, 2, 3, 4, 0xc1, 0x02, 0, 2, 0xc3, 0xa9, 0, 1, 9,
    ]);
  });

  it('names a value out of range, U+0000 and lone surrogates', () => {
    const big = new ByteWriter();
    big.u16(70_000, 'keep alive');
    expect(big.error).toBe('keep alive 70000 is not a two-byte integer (0 to 65535)');
    const nul = new ByteWriter();
    nul.utf8('a\u0000', 'topic name');
    expect(nul.error).toBe('topic name contains U+0000, which MQTT forbids');
    const surrogate = new ByteWriter();
    surrogate.utf8('\ud800', 'client identifier');
    expect(surrogate.error).toBe('client identifier contains a lone surrogate, which UTF-8 cannot carry');
    const long = new ByteWriter();
    long.binary(new Uint8Array(70_000), 'password');
    expect(long.error).toBe('password is 70000 bytes, more than the 65535 an MQTT field holds');
  });
});

describe('utf8Text', () => {
  it('is null for bytes that are not UTF-8', () => {
    expect(utf8Text(Uint8Array.of(0x68, 0x69))).toBe('hi');
    expect(utf8Text(Uint8Array.of(0xff))).toBeNull();
  });
});
