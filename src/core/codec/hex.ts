import { err, ok, type Result } from '../shared/result';
import { codecError, type CodecError } from './codec-error';
import { characterAt, describeCharacter } from './describe-character';

const NOT_HEX = -1;
const HEX_VALUES = new Int8Array(128).fill(NOT_HEX);
for (let i = 0; i < 10; i++) HEX_VALUES[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUES[0x41 + i] = 10 + i;
  HEX_VALUES[0x61 + i] = 10 + i;
}

const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');

function hexValue(text: string, offset: number): number {
  const unit = text.charCodeAt(offset);
  return unit < 128 ? (HEX_VALUES[unit] ?? NOT_HEX) : NOT_HEX;
}

function isWhitespace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d;
}

// ":" (de:ad), "-" (de-ad) and "," (0x01, 0x02) are how bytes are written in MAC addresses, UUIDs and C arrays.
function isSeparator(unit: number): boolean {
  return unit === 0x3a || unit === 0x2d || unit === 0x2c;
}

/**
 * Reads bytes written as hex: two digits per byte, either case. Spaces, tabs and line breaks may sit between
 * bytes, each byte may carry a `0x` prefix (so `0xdeadbeef` reads as four bytes), and one `:`, `-` or `,` may
 * separate two bytes. Errors name the offending character with its line and column.
 */
export function parseHex(text: string): Result<Uint8Array, CodecError> {
  const length = text.length;
  const bytes = new Uint8Array(length >> 1);
  let count = 0;
  let afterByte = false;
  let pendingSeparator = -1;
  let i = 0;
  while (i < length) {
    const unit = text.charCodeAt(i);
    if (isWhitespace(unit)) {
      i++;
      continue;
    }
    if (isSeparator(unit)) {
      if (!afterByte) return err(misplacedSeparator(text, i));
      afterByte = false;
      pendingSeparator = i;
      i++;
      continue;
    }
    const hasPrefix = unit === 0x30 && (text.charCodeAt(i + 1) | 0x20) === 0x78;
    const digits = hasPrefix ? i + 2 : i;
    const high = hexValue(text, digits);
    if (high === NOT_HEX) {
      if (!hasPrefix) return err(unexpected(text, digits, 'hex digits are 0-9 and a-f'));
      if (digits >= length) {
        return err(codecError(text, i, (where) => `"0x" at ${where} has no hex digits after it`));
      }
      return err(unexpected(text, digits, 'two hex digits must follow "0x"'));
    }
    const low = hexValue(text, digits + 1);
    if (low === NOT_HEX) {
      const next = text.charCodeAt(digits + 1);
      if (digits + 1 >= length || isWhitespace(next) || isSeparator(next)) {
        const digit = text.charAt(digits);
        return err(
          codecError(
            text,
            digits,
            (where) =>
              `Incomplete byte "${digit}" at ${where}: each byte takes two hex digits (write 0${digit})`,
          ),
        );
      }
      return err(unexpected(text, digits + 1, 'hex digits are 0-9 and a-f'));
    }
    bytes[count++] = (high << 4) | low;
    afterByte = true;
    pendingSeparator = -1;
    i = digits + 2;
  }
  if (pendingSeparator >= 0) return err(misplacedSeparator(text, pendingSeparator));
  return ok(bytes.slice(0, count));
}

function unexpected(text: string, offset: number, reason: string): CodecError {
  const character = describeCharacter(characterAt(text, offset));
  return codecError(text, offset, (where) => `Unexpected ${character} at ${where}: ${reason}`);
}

function misplacedSeparator(text: string, offset: number): CodecError {
  return unexpected(text, offset, 'a separator must sit between two bytes');
}

/**
 * Bytes as lowercase hex pairs separated by spaces, with a line break every `bytesPerLine` bytes (default 16;
 * Infinity for one line). The output is what parseHex reads back.
 */
export function formatHex(bytes: Uint8Array, options: { bytesPerLine?: number } = {}): string {
  const bytesPerLine = options.bytesPerLine ?? 16;
  if (!(Number.isInteger(bytesPerLine) && bytesPerLine > 0) && bytesPerLine !== Infinity) {
    throw new RangeError(`bytesPerLine must be a positive integer or Infinity, got ${bytesPerLine}`);
  }
  if (bytes.length === 0) return '';
  // Written as ASCII codes and decoded once: linear and without millions of small strings for a large frame.
  const out = new Uint8Array(bytes.length * 3 - 1);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    const at = i * 3;
    if (i > 0) out[at - 1] = i % bytesPerLine === 0 ? 0x0a : 0x20;
    out[at] = HEX_DIGITS[byte >> 4] ?? 0;
    out[at + 1] = HEX_DIGITS[byte & 0x0f] ?? 0;
  }
  return new TextDecoder().decode(out);
}
