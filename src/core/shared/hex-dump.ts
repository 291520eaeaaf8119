/** One line of a classic hex dump: offset, 16 bytes in hex, and their printable ASCII. */
export interface HexDumpLine {
  offset: string;
  hex: string;
  ascii: string;
}

const BYTES_PER_LINE = 16;

/** Formats bytes as hex-dump lines, stopping after `maxBytes` so a huge frame cannot freeze the view. */
export function hexDump(bytes: Uint8Array, options: { maxBytes?: number } = {}): HexDumpLine[] {
  const end = Math.min(bytes.length, options.maxBytes ?? bytes.length);
  const lines: HexDumpLine[] = [];
  for (let start = 0; start < end; start += BYTES_PER_LINE) {
    const stop = Math.min(start + BYTES_PER_LINE, end);
    let hex = '';
    let ascii = '';
    for (let i = start; i < stop; i++) {
      const byte = bytes[i] ?? 0;
      hex += (i > start ? (i - start === 8 ? '  ' : ' ') : '') + byte.toString(16).padStart(2, '0');
      ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    }
    lines.push({ offset: start.toString(16).padStart(8, '0'), hex, ascii });
  }
  return lines;
}

/** Bytes as space-separated hex pairs ("00 ff 10"), for previews and copying. */
export function toHexString(bytes: Uint8Array, options: { maxBytes?: number } = {}): string {
  const end = Math.min(bytes.length, options.maxBytes ?? bytes.length);
  const parts: string[] = new Array(end);
  for (let i = 0; i < end; i++) parts[i] = (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return parts.join(' ');
}
