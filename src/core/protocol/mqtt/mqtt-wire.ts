/** The largest value a variable byte integer holds (four bytes of seven bits). */
export const MAX_VARIABLE_BYTE_INTEGER = 268_435_455;

/** The most bytes an MQTT string or binary field holds (its length prefix is two bytes). */
const MAX_TWO_BYTE = 0xffff;

// ignoreBOM keeps a leading U+FEFF: MQTT forbids stripping it from a string.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const LONE_SURROGATE = /\p{Cs}/u;

/** The text of `bytes` when they are well-formed UTF-8, else null. */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Outcome of reading a variable byte integer at some offset. */
export type VariableByteIntegerRead =
  | { ok: true; value: number; length: number }
  | { ok: false; problem: 'truncated' | 'too long' | 'not shortest' };

/** Reads a variable byte integer (remaining length, property length, …) at `offset` without going past `end`. */
export function readVariableByteInteger(
  bytes: Uint8Array,
  offset: number,
  end = bytes.length,
): VariableByteIntegerRead {
  let value = 0;
  let multiplier = 1;
  for (let length = 1; length <= 4; length++) {
    const index = offset + length - 1;
    if (index >= end) return { ok: false, problem: 'truncated' };
    const byte = bytes[index] ?? 0;
    value += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) {
      // A trailing zero group means a shorter encoding existed, which the specification forbids.
      if (length > 1 && byte === 0) return { ok: false, problem: 'not shortest' };
      return { ok: true, value, length };
    }
    multiplier *= 128;
  }
  return { ok: false, problem: 'too long' };
}

/** The bytes of `value` as a variable byte integer; the caller keeps it within 0..MAX_VARIABLE_BYTE_INTEGER. */
export function variableByteInteger(value: number): Uint8Array {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return Uint8Array.from(out);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Reads MQTT's data types from one packet. Malformed input must never throw, so the first failure sticks
 * (`error`), the reader jumps to its end, and every later read returns a blank: parsers read straight through
 * and check `error` once.
 */
export class ByteReader {
  private position: number;
  private failure: string | null = null;

  /** `label` starts every error, e.g. "PUBLISH" or "PUBLISH properties". */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly label: string,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.position = start;
  }

  get left(): number {
    return this.end - this.position;
  }

  get error(): string | null {
    return this.failure;
  }

  /** Records a failure (the first one wins) and stops reading. */
  fail(message: string): void {
    this.failure ??= `${this.label}: ${message}`;
    this.position = this.end;
  }

  /** Takes over the failure of a reader over a part of this one's bytes. */
  adopt(part: ByteReader): void {
    if (part.failure !== null && this.failure === null) {
      this.failure = part.failure;
      this.position = this.end;
    }
  }

  private need(count: number, what: string): boolean {
    if (this.failure !== null) return false;
    if (this.left >= count) return true;
    this.fail(`${what} needs ${plural(count, 'byte')}, ${this.left} left`);
    return false;
  }

  u8(what: string): number {
    if (!this.need(1, what)) return 0;
    return this.bytes[this.position++] ?? 0;
  }

  u16(what: string): number {
    if (!this.need(2, what)) return 0;
    const value = ((this.bytes[this.position] ?? 0) << 8) | (this.bytes[this.position + 1] ?? 0);
    this.position += 2;
    return value;
  }

  u32(what: string): number {
    if (!this.need(4, what)) return 0;
    let value = 0;
    for (let i = 0; i < 4; i++) value = value * 256 + (this.bytes[this.position + i] ?? 0);
    this.position += 4;
    return value;
  }

  vbi(what: string): number {
    if (this.failure !== null) return 0;
    const read = readVariableByteInteger(this.bytes, this.position, this.end);
    if (!read.ok) {
      this.fail(
        read.problem === 'truncated'
          ? `${what} is cut off (${this.left} left)`
          : read.problem === 'too long'
            ? `${what} is a variable byte integer longer than 4 bytes`
            : `${what} is a variable byte integer not in its shortest form`,
      );
      return 0;
    }
    this.position += read.length;
    return read.value;
  }

  bytesOf(count: number, what: string): Uint8Array {
    if (!this.need(count, what)) return new Uint8Array(0);
    const slice = this.bytes.slice(this.position, this.position + count);
    this.position += count;
    return slice;
  }

  /** Binary data: a two-byte length, then that many bytes. */
  binary(what: string): Uint8Array {
    const length = this.u16(`${what} length`);
    if (this.failure !== null) return new Uint8Array(0);
    if (length > this.left) {
      this.fail(`${what} length says ${plural(length, 'byte')}, ${this.left} left`);
      return new Uint8Array(0);
    }
    return this.bytesOf(length, what);
  }

  /** A UTF-8 encoded string: well-formed and free of U+0000, as the specification requires. */
  utf8(what: string): string {
    const bytes = this.binary(what);
    if (this.failure !== null) return '';
    const text = utf8Text(bytes);
    if (text === null) {
      this.fail(`${what} is not valid UTF-8`);
      return '';
    }
    if (text.includes('\u0000')) {
      this.fail(`${what} contains U+0000, which MQTT forbids`);
      return '';
    }
    return text;
  }

  /** Everything left. */
  rest(): Uint8Array {
    return this.bytesOf(this.left, 'rest');
  }

  /** A reader over the next `count` bytes (a property list), which this one skips. */
  part(count: number, what: string, label: string): ByteReader {
    if (this.failure === null && count > this.left) {
      this.fail(`${what} says ${plural(count, 'byte')}, ${this.left} left`);
    }
    if (this.failure !== null) return new ByteReader(new Uint8Array(0), label);
    const start = this.position;
    this.position += count;
    return new ByteReader(this.bytes, label, start, start + count);
  }
}

/** Writes MQTT's data types; like the reader, the first out-of-range value sticks as `error`. */
export class ByteWriter {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private failure: string | null = null;

  get length(): number {
    return this.size;
  }

  get error(): string | null {
    return this.failure;
  }

  fail(message: string): void {
    this.failure ??= message;
  }

  raw(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  /** Appends what another writer wrote, and its failure. */
  append(other: ByteWriter): void {
    if (other.failure !== null) this.fail(other.failure);
    for (const chunk of other.chunks) this.raw(chunk);
  }

  private inRange(value: number, max: number, what: string, kind: string): boolean {
    if (Number.isInteger(value) && value >= 0 && value <= max) return true;
    this.fail(`${what} ${value} is not ${kind} (0 to ${max})`);
    return false;
  }

  u8(value: number, what: string): void {
    if (this.inRange(value, 0xff, what, 'a byte')) this.raw(Uint8Array.of(value));
  }

  u16(value: number, what: string): void {
    if (this.inRange(value, MAX_TWO_BYTE, what, 'a two-byte integer')) {
      this.raw(Uint8Array.of(value >> 8, value & 0xff));
    }
  }

  u32(value: number, what: string): void {
    if (this.inRange(value, 0xffff_ffff, what, 'a four-byte integer')) {
      this.raw(
        Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff),
      );
    }
  }

  vbi(value: number, what: string): void {
    if (this.inRange(value, MAX_VARIABLE_BYTE_INTEGER, what, 'a variable byte integer')) {
      this.raw(variableByteInteger(value));
    }
  }

  binary(bytes: Uint8Array, what: string): void {
    if (bytes.length > MAX_TWO_BYTE) {
      this.fail(`${what} is ${bytes.length} bytes, more than the 65535 an MQTT field holds`);
      return;
    }
    this.u16(bytes.length, what);
    this.raw(bytes);
  }

  utf8(text: string, what: string): void {
    const problem = stringProblem(text);
    if (problem !== null) {
      this.fail(`${what} ${problem}`);
      return;
    }
    this.binary(encoder.encode(text), what);
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** Why `text` cannot be an MQTT string (U+0000, a lone surrogate), or null when it can. */
export function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains U+0000, which MQTT forbids';
  if (LONE_SURROGATE.test(text)) return 'contains a lone surrogate, which UTF-8 cannot carry';
  return null;
}

/** "0x8E": a code or identifier byte as the specification writes it. */
export function byteHex(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The UTF-8 bytes of `text`. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}
