import { err, ok, type Result } from './result';

/** Why a stream could not be read as text: it broke, it passed the limit, or its bytes are not UTF-8. */
export type TextStreamProblem =
  { kind: 'broken'; cause: unknown } | { kind: 'too-large' } | { kind: 'not-utf8' };

/**
 * Reads a byte stream as UTF-8 text, counting as it goes and cancelling the stream once it passes `maxBytes`,
 * so an untrusted source (a server, a compressed link) can never fill the tab's memory.
 */
export async function readTextStream(
  stream: ReadableStream<Uint8Array>,
  options: { maxBytes: number; ignoreBOM?: boolean },
): Promise<Result<string, TextStreamProblem>> {
  const reader = stream.getReader();
  // Fatal, unlike Response.text(): text in another encoding should be named as such, not read as mojibake.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: options.ignoreBOM ?? false });
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      return err({ kind: 'broken', cause });
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      return err({ kind: 'too-large' });
    }
    const text = decode(decoder, chunk.value, { stream: true });
    if (text === null) {
      await reader.cancel().catch(() => undefined);
      return err({ kind: 'not-utf8' });
    }
    parts.push(text);
  }
  const rest = decode(decoder, new Uint8Array(0), { stream: false });
  if (rest === null) return err({ kind: 'not-utf8' });
  parts.push(rest);
  return ok(parts.join(''));
}

function decode(decoder: TextDecoder, bytes: Uint8Array, options: { stream: boolean }): string | null {
  try {
    return decoder.decode(bytes, options);
  } catch {
    return null;
  }
}
