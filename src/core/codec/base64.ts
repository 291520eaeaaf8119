import { err, ok, type Result } from '../shared/result';
import { codecError, type CodecError } from './codec-error';
import { characterAt, describeCharacter } from './describe-character';

const STANDARD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE = new TextEncoder().encode(STANDARD_ALPHABET);

const NOT_BASE64 = -1;
const DECODE = new Int8Array(128).fill(NOT_BASE64);
for (let i = 0; i < STANDARD_ALPHABET.length; i++) DECODE[STANDARD_ALPHABET.charCodeAt(i)] = i;
// URL-safe base64 (RFC 4648 §5) differs only in these two; accepting both means no alphabet switch in the UI.
DECODE[0x2d] = 62;
DECODE[0x5f] = 63;

const PAD = 0x3d;

function isWhitespace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d;
}

/**
 * Reads base64 in the standard or URL-safe alphabet (both may be mixed). Whitespace is ignored anywhere;
 * padding is optional, but when present it must be exactly what the last group needs. Unused low bits in the
 * last character are ignored, as browsers do. One pass, so megabytes decode in linear time.
 */
export function parseBase64(text: string): Result<Uint8Array, CodecError> {
  const length = text.length;
  const bytes = new Uint8Array(Math.ceil((length * 3) / 4));
  let count = 0;
  let group = 0;
  let inGroup = 0;
  let lastData = -1;
  let padStart = -1;
  let padCount = 0;
  let padNeeded = 0;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (isWhitespace(unit)) continue;
    if (unit === PAD) {
      if (padCount === 0) {
        if (inGroup === 1) return err(loneCharacter(text, lastData));
        padStart = i;
        padNeeded = (4 - inGroup) % 4;
      }
      if (padCount >= padNeeded) {
        const reason =
          padNeeded === 0
            ? 'the text is complete without padding'
            : `the last group takes only ${padNeeded === 1 ? 'one "="' : 'two "="'}`;
        return err(unexpected(text, i, reason));
      }
      padCount++;
      continue;
    }
    const value = unit < 128 ? (DECODE[unit] ?? NOT_BASE64) : NOT_BASE64;
    if (value === NOT_BASE64) {
      return err(
        unexpected(text, i, 'base64 uses A-Z, a-z, 0-9 and "+" "/" (or "-" "_" in URL-safe base64)'),
      );
    }
    if (padCount > 0) return err(unexpected(text, i, 'nothing may follow the "=" padding'));
    group = (group << 6) | value;
    lastData = i;
    if (++inGroup === 4) {
      bytes[count++] = group >> 16;
      bytes[count++] = (group >> 8) & 0xff;
      bytes[count++] = group & 0xff;
      group = 0;
      inGroup = 0;
    }
  }
  if (inGroup === 1) return err(loneCharacter(text, lastData));
  if (padCount > 0 && padCount < padNeeded) {
    const needed = padNeeded === 1 ? '"="' : '"=="';
    return err(
      codecError(
        text,
        padStart,
        (where) => `Incomplete padding at ${where}: the last group needs ${needed} or none`,
      ),
    );
  }
  if (inGroup === 2) {
    bytes[count++] = group >> 4;
  } else if (inGroup === 3) {
    bytes[count++] = group >> 10;
    bytes[count++] = (group >> 2) & 0xff;
  }
  return ok(bytes.slice(0, count));
}

function unexpected(text: string, offset: number, reason: string): CodecError {
  const character = describeCharacter(characterAt(text, offset));
  return codecError(text, offset, (where) => `Unexpected ${character} at ${where}: ${reason}`);
}

function loneCharacter(text: string, offset: number): CodecError {
  const character = describeCharacter(characterAt(text, offset));
  return codecError(
    text,
    offset,
    (where) =>
      `Incomplete base64: ${character} at ${where} is alone in the last group and cannot encode a byte; a character is missing or extra`,
  );
}

/** Bytes as standard, padded base64 on one line: what parseBase64 and every other decoder reads back. */
export function formatBase64(bytes: Uint8Array): string {
  const length = bytes.length;
  const out = new Uint8Array(Math.ceil(length / 3) * 4);
  let at = 0;
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const group = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[at++] = ENCODE[group >> 18] ?? 0;
    out[at++] = ENCODE[(group >> 12) & 0x3f] ?? 0;
    out[at++] = ENCODE[(group >> 6) & 0x3f] ?? 0;
    out[at++] = ENCODE[group & 0x3f] ?? 0;
  }
  const rest = length - i;
  if (rest > 0) {
    const group = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out[at++] = ENCODE[group >> 18] ?? 0;
    out[at++] = ENCODE[(group >> 12) & 0x3f] ?? 0;
    out[at++] = rest === 2 ? (ENCODE[(group >> 6) & 0x3f] ?? 0) : PAD;
    out[at++] = PAD;
  }
  // ASCII only, so decoding as UTF-8 is exact; one decode instead of a string per character.
  return new TextDecoder().decode(out);
}
