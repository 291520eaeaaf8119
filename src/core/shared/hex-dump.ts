/** One line of a classic hex dump: offset, 16 bytes in hex, and their printable ASCII. */
export interface HexDumpLine {
  offset: string;
  hex: string;
  ascii: string;
}

const BYTES_PER_LINE = 16;

/** A run of bytes not to show, `end` exclusive (a secret's bytes). */
export interface HiddenBytes {
  start: number;
  end: number;
}

/** How far to dump, and which bytes to show as `••` (in the ASCII column `•`), keeping every column aligned. */
export interface HexOptions {
  maxBytes?: number;
  /** Sorted, non-overlapping. */
  hidden?: readonly HiddenBytes[];
}

/** Formats bytes as hex-dump lines, stopping after `maxBytes` so a huge frame cannot freeze the view. */
export function hexDump(bytes: Uint8Array, options: HexOptions = {}): HexDumpLine[] {
  const end = Math.min(bytes.length, options.maxBytes ?? bytes.length);
  const isHidden = hiddenTest(options.hidden);
  const lines: HexDumpLine[] = [];
  for (let start = 0; start < end; start += BYTES_PER_LINE) {
    const stop = Math.min(start + BYTES_PER_LINE, end);
    let hex = '';
    let ascii = '';
    for (let i = start; i < stop; i++) {
      const byte = bytes[i] ?? 0;
      const hidden = isHidden(i);
      hex +=
        (i > start ? (i - start === 8 ? '  ' : ' ') : '') +
        (hidden ? '••' : byte.toString(16).padStart(2, '0'));
      ascii += hidden ? '•' : byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    }
    lines.push({ offset: start.toString(16).padStart(8, '0'), hex, ascii });
  }
  return lines;
}

/** Bytes as space-separated hex pairs ("00 ff 10"), for previews and copying. */
export function toHexString(bytes: Uint8Array, options: HexOptions = {}): string {
  const end = Math.min(bytes.length, options.maxBytes ?? bytes.length);
  const isHidden = hiddenTest(options.hidden);
  const parts: string[] = new Array(end);
  for (let i = 0; i < end; i++) parts[i] = isHidden(i) ? '••' : (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return parts.join(' ');
}

// Indexes are asked in increasing order, so one cursor walks the ranges once.
function hiddenTest(hidden: readonly HiddenBytes[] | undefined): (index: number) => boolean {
  if (!hidden || hidden.length === 0) return () => false;
  let cursor = 0;
  return (index) => {
    while (cursor < hidden.length && (hidden[cursor] as HiddenBytes).end <= index) cursor++;
    const range = hidden[cursor];
    return range !== undefined && range.start <= index;
  };
}
