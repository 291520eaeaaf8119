/**
 * Number of bytes `text` takes in UTF-8, without encoding it: the timeline sizes every text message, so this
 * must not allocate. Lone surrogates count 3 bytes because TextEncoder (and the browser's WebSocket) replace
 * them with U+FFFD.
 */
export function utf8ByteLength(text: string): number {
  const length = text.length;
  let bytes = length;
  for (let i = 0; i < length; i++) {
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
