// The first character outside ASCII; the regex engine scans one-byte strings natively, far faster than a loop.
const NON_ASCII = /[\u0080-\uffff]/;
/** Below this many characters after the first non-ASCII one, counting by hand beats a call into the encoder. */
const ENCODER_THRESHOLD = 256;

let encoder: TextEncoder | null = null;
// Reused across calls and grown on demand, so sizing large frames allocates only when a bigger one comes.
let scratch = new Uint8Array(0);

/**
 * Number of bytes `text` takes in UTF-8: the timeline sizes every text message, so this must be cheap. Pure
 * ASCII (most JSON) is its length; longer non-ASCII text is encoded into a reused buffer. Lone surrogates count
 * 3 bytes because TextEncoder (and the browser's WebSocket) replace them with U+FFFD.
 */
export function utf8ByteLength(text: string): number {
  const firstNonAscii = text.search(NON_ASCII);
  if (firstNonAscii < 0) return text.length;
  const rest = text.length - firstNonAscii;
  if (rest < ENCODER_THRESHOLD || typeof TextEncoder === 'undefined') return countFrom(text, firstNonAscii);
  encoder ??= new TextEncoder();
  // Each UTF-16 unit encodes to at most 3 bytes, so this buffer always takes the whole tail.
  if (scratch.length < rest * 3) scratch = new Uint8Array(rest * 3);
  return (
    firstNonAscii +
    encoder.encodeInto(firstNonAscii === 0 ? text : text.slice(firstNonAscii), scratch).written
  );
}

function countFrom(text: string, from: number): number {
  const length = text.length;
  let bytes = length;
  for (let i = from; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      bytes += 1;
    } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A valid pair: two UTF-16 units become four bytes (already counted 2, add 2).
        bytes += 2;
        i++;
      } else {
        bytes += 2;
      }
    } else {
      bytes += 2;
    }
  }
  return bytes;
}
