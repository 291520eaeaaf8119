import { err, ok, type Result } from '../shared/result';

/** Where a byte sequence stops being UTF-8. */
export interface InvalidUtf8 {
  /** Index of the first byte of the first ill-formed (or cut-off) sequence. */
  offset: number;
  message: string;
}

/** How a binary frame is best shown: as text when it is clean UTF-8, otherwise as bytes, with the reason. */
export type BinaryView =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; reason: 'invalid-utf8' | 'control-characters'; offset: number; message: string };

// Fatal, so invalid input is reported rather than patched with U+FFFD; a leading BOM is kept because this is
// for inspecting exactly what arrived.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes bytes that must be UTF-8, reporting the offset of the first invalid byte instead of a replacement. */
export function decodeUtf8(bytes: Uint8Array): Result<string, InvalidUtf8> {
  try {
    return ok(strictDecoder.decode(bytes));
  } catch {
    // TextDecoder only says "invalid"; find where, so the hex view can jump to it.
    return err(describeInvalid(bytes, findInvalidUtf8(bytes)));
  }
}

// C0 controls other than tab, line feed and carriage return, and DEL: text that contains them is almost
// always a binary format that happens to be valid UTF-8 (lengths, small integers). In valid UTF-8 a byte below
// 0x80 is always that ASCII character, so the bytes can be scanned directly.
function isBinaryControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f;
}

/** Picks the view a binary frame opens in: text only if it decodes as UTF-8 without binary control bytes. */
export function binaryView(bytes: Uint8Array): BinaryView {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { kind: 'bytes', reason: 'invalid-utf8', ...decoded.error };
  const offset = bytes.findIndex(isBinaryControl);
  if (offset < 0) return { kind: 'text', text: decoded.value };
  const byte = hexByte(bytes[offset] ?? 0);
  return {
    kind: 'bytes',
    reason: 'control-characters',
    offset,
    message: `Valid UTF-8, but byte offset ${offset} (${byte}) is a control character, so this looks like binary data`,
  };
}

/**
 * Index of the first byte that does not start a well-formed UTF-8 sequence (Unicode Table 3-7), or the length
 * when all are; `cutOff` when that sequence was only missing bytes at the end.
 */
function findInvalidUtf8(bytes: Uint8Array): { offset: number; cutOff: boolean } {
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let continuation: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      continuation = 1;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      continuation = 2;
      // E0 would allow overlong forms, ED would encode surrogates.
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      continuation = 3;
      // F0 would allow overlong forms, F4 code points above U+10FFFF.
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else {
      return { offset: i, cutOff: false };
    }
    for (let k = 1; k <= continuation; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return { offset: i, cutOff: true };
      if (byte < low || byte > high) return { offset: i, cutOff: false };
      low = 0x80;
      high = 0xbf;
    }
    i += continuation + 1;
  }
  return { offset: length, cutOff: false };
}

function describeInvalid(
  bytes: Uint8Array,
  { offset, cutOff }: { offset: number; cutOff: boolean },
): InvalidUtf8 {
  if (cutOff) {
    const sequence = Array.from(bytes.subarray(offset), hexByte).join(' ');
    return {
      offset,
      message: `Not valid UTF-8: the sequence at byte offset ${offset} (${sequence}) is cut off at the end`,
    };
  }
  return { offset, message: `Not valid UTF-8 at byte offset ${offset} (${hexByte(bytes[offset] ?? 0)})` };
}

function hexByte(byte: number): string {
  return '0x' + byte.toString(16).padStart(2, '0');
}
