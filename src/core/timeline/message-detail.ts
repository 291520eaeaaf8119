import type { MessageEvent } from '../session/session-events';
import { hexDump, type HexDumpLine } from '../shared/hex-dump';
import { createRedactor, type Redactor } from '../template/secret-redaction';

/** Past this, text is shown truncated: one huge `<pre>` freezes a page for seconds. Copy still gets it all. */
export const MAX_SHOWN_CHARS = 256 * 1024;
/**
 * JSON longer than this is pretty-printed off the main thread and shown a screenful at a time (`pretty: null`
 * here): parsing and laying out megabytes in one go stalls the page.
 */
export const MAX_INLINE_PRETTY_CHARS = 64 * 1024;
/** Hex dumps stop here; the rest is counted. */
export const MAX_HEX_BYTES = 64 * 1024;

/** `secrets` counts the secret occurrences in what is shown (masked, unless revealed): 0 means nothing to hide. */
export type MessageDetail =
  | { kind: 'json'; pretty: string | null; raw: string; truncated: boolean; secrets: number }
  | { kind: 'text'; raw: string; truncated: boolean; note: string | null; secrets: number }
  | { kind: 'binary'; lines: HexDumpLine[]; truncated: boolean; secrets: number };

/** Which secrets to mask, and whether the user chose to see them for this message. */
export interface DetailOptions {
  redactor?: Redactor;
  reveal?: boolean;
}

const NO_SECRETS = createRedactor([]);

/**
 * What the detail pane shows for a message: pretty JSON when it parses, raw text otherwise, hex for binary.
 * Secrets are masked after pretty-printing (which re-escapes strings: the redactor knows that form too). Large
 * JSON-looking text is `json` with `pretty: null`: the view formats it elsewhere and says so if it does not parse.
 */
export function toMessageDetail(event: MessageEvent, options: DetailOptions = {}): MessageDetail {
  const redactor = options.redactor ?? NO_SECRETS;
  const reveal = options.reveal === true;
  if (typeof event.data !== 'string') {
    const bytes = new Uint8Array(event.data);
    // A secret that starts in the dump is found whole in this window, so every byte of it is hidden.
    const window = bytes.subarray(0, MAX_HEX_BYTES + redactor.maxByteLength);
    const hidden = redactor.findInBytes(window).filter((range) => range.start < MAX_HEX_BYTES);
    return {
      kind: 'binary',
      lines: hexDump(bytes, { maxBytes: MAX_HEX_BYTES, hidden: reveal ? [] : hidden }),
      truncated: bytes.length > MAX_HEX_BYTES,
      secrets: hidden.length,
    };
  }
  const text = event.data;
  const raw = shownText(text, redactor, reveal);
  if (!looksLikeJson(text)) return { kind: 'text', ...raw, note: null };
  if (text.length > MAX_INLINE_PRETTY_CHARS) return { kind: 'json', pretty: null, ...raw };
  try {
    const pretty = shownText(JSON.stringify(JSON.parse(text), null, 2), redactor, reveal);
    return {
      kind: 'json',
      pretty: pretty.raw,
      raw: raw.raw,
      truncated: raw.truncated || pretty.truncated,
      secrets: Math.max(raw.secrets, pretty.secrets),
    };
  } catch {
    return { kind: 'text', ...raw, note: 'Looks like JSON but does not parse; showing raw text.' };
  }
}

/** The first MAX_SHOWN_CHARS of a text, masked unless revealed; a secret cut by that limit is masked whole. */
export function shownText(
  text: string,
  redactor: Redactor,
  reveal: boolean,
): { raw: string; truncated: boolean; secrets: number } {
  const head = redactor.redactHead(text, 'mask', MAX_SHOWN_CHARS);
  if (!reveal) return { raw: head.text, truncated: head.cut, secrets: head.found };
  const truncated = text.length > MAX_SHOWN_CHARS;
  return { raw: truncated ? text.slice(0, MAX_SHOWN_CHARS) : text, truncated, secrets: head.found };
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}
