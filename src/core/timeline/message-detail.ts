import type { MessageEvent } from '../session/session-events';
import { hexDump, type HexDumpLine } from '../shared/hex-dump';

/** Past this, text is shown truncated: one huge `<pre>` freezes a page for seconds. Copy still gets it all. */
export const MAX_SHOWN_CHARS = 256 * 1024;
/** JSON larger than this is not pretty-printed (parsing it on the main thread would stall the UI). */
export const MAX_PRETTY_CHARS = 2 * 1024 * 1024;
/** Hex dumps stop here; the rest is counted. */
export const MAX_HEX_BYTES = 64 * 1024;

export type MessageDetail =
  | { kind: 'json'; pretty: string; raw: string; truncated: boolean }
  | { kind: 'text'; raw: string; truncated: boolean; note: string | null }
  | { kind: 'binary'; lines: HexDumpLine[]; truncated: boolean };

/** What the detail pane shows for a message: pretty JSON when it parses, raw text otherwise, hex for binary. */
export function toMessageDetail(event: MessageEvent): MessageDetail {
  if (typeof event.data !== 'string') {
    const bytes = new Uint8Array(event.data);
    return {
      kind: 'binary',
      lines: hexDump(bytes, { maxBytes: MAX_HEX_BYTES }),
      truncated: bytes.length > MAX_HEX_BYTES,
    };
  }
  const text = event.data;
  const shown = text.length > MAX_SHOWN_CHARS ? text.slice(0, MAX_SHOWN_CHARS) : text;
  const truncated = shown.length < text.length;
  if (!looksLikeJson(text)) return { kind: 'text', raw: shown, truncated, note: null };
  if (text.length > MAX_PRETTY_CHARS) {
    return { kind: 'text', raw: shown, truncated, note: 'Too large to pretty-print; showing raw text.' };
  }
  try {
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    const prettyShown = pretty.length > MAX_SHOWN_CHARS ? pretty.slice(0, MAX_SHOWN_CHARS) : pretty;
    return { kind: 'json', pretty: prettyShown, raw: shown, truncated: truncated || prettyShown !== pretty };
  } catch {
    return {
      kind: 'text',
      raw: shown,
      truncated,
      note: 'Looks like JSON but does not parse; showing raw text.',
    };
  }
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}
