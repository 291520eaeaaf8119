import { formatBase64, parseBase64 } from '../codec/base64';
import { characterAt, describeCharacter } from '../codec/describe-character';
import { formatBytes, groupThousands } from '../shared/format';
import { readTextStream } from '../shared/read-text-stream';
import { err, ok, type Result } from '../shared/result';

/** Past this many characters many chat tools, mail clients and servers cut or refuse a link. */
export const LONG_LINK_CHARACTERS = 8_000;

/** Chrome refuses longer URLs (its limit is 2 MiB of characters; kept round and a little under). */
export const MAX_LINK_CHARACTERS = 2_000_000;

const FRAGMENT_KEY = 'share=';
const CURRENT_VERSION = 1;

// zlib's "deflate", not "deflate-raw": its Adler-32 trailer costs 8 characters and turns a mistyped or mangled
// character into an error, where a raw stream unpacks most such changes into different, plausible text.
const COMPRESSION_FORMAT = 'deflate';

const DAMAGED = 'The link is cut short or damaged:';
const COPY_AGAIN = 'Copy the whole link again, or ask for the collection as a file.';

// Fed to the decompressor in slices this small: browsers inflate a whole input chunk at once whatever the
// reader's backpressure, and deflate expands at most ~1,032:1, so one slice can produce about 1 MiB at most.
const INPUT_SLICE_BYTES = 1024;

/** Compresses JSON (zlib deflate) into base64url without padding, ready to follow `#share=v1.`. */
export async function encodeSharePayload(json: string): Promise<string> {
  const compressed = await new Response(
    new Blob([json]).stream().pipeThrough(new CompressionStream(COMPRESSION_FORMAT)),
  ).arrayBuffer();
  return formatBase64(new Uint8Array(compressed)).replace(/[+/=]/g, (c) =>
    c === '+' ? '-' : c === '/' ? '_' : '',
  );
}

/**
 * Reverses encodeSharePayload. The link is untrusted, so decompression streams and stops once the output passes
 * `maxBytes`; every way a link can be broken comes back as a message for the person who pasted it.
 */
export async function decodeSharePayload(
  encoded: string,
  options: { maxBytes: number },
): Promise<Result<string, string>> {
  const bytes = parseBase64Url(encoded);
  if (!bytes.ok) return bytes;
  return inflateText(bytes.value, options.maxBytes);
}

function parseBase64Url(encoded: string): Result<Uint8Array, string> {
  const invalid = encoded.search(/[^A-Za-z0-9_-]/);
  if (invalid !== -1) {
    const character = describeCharacter(characterAt(encoded, invalid));
    return err(
      `${DAMAGED} it contains ${character} at character ${groupThousands(invalid + 1)} of its data, ` +
        `but share links only use A-Z, a-z, 0-9, "-" and "_". ${COPY_AGAIN}`,
    );
  }
  // One character past a whole group carries 6 bits, less than a byte: the rest of the link is missing.
  // The unused low bits of a final partial group are zero in every link Frameline makes.
  const lastValue = base64UrlValue(encoded.charCodeAt(encoded.length - 1));
  const unusedBitsMask = [0, -1, 0b1111, 0b11][encoded.length % 4] ?? 0;
  if (unusedBitsMask === -1 || (lastValue & unusedBitsMask) !== 0) {
    return err(`${DAMAGED} its data does not end where a share link can end. ${COPY_AGAIN}`);
  }
  const parsed = parseBase64(encoded);
  // Unreachable after the checks above; kept as a value so a parser change cannot throw into the UI.
  if (!parsed.ok) return err(`${DAMAGED} ${parsed.error.message}. ${COPY_AGAIN}`);
  return ok(parsed.value);
}

function base64UrlValue(unit: number): number {
  if (unit >= 0x41 && unit <= 0x5a) return unit - 0x41;
  if (unit >= 0x61 && unit <= 0x7a) return unit - 0x61 + 26;
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30 + 52;
  return unit === 0x2d ? 62 : 63;
}

async function inflateText(bytes: Uint8Array, maxBytes: number): Promise<Result<string, string>> {
  let offset = 0;
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + INPUT_SLICE_BYTES));
      offset += INPUT_SLICE_BYTES;
    },
  });
  const read = await readTextStream(source.pipeThrough(new DecompressionStream(COMPRESSION_FORMAT)), {
    maxBytes,
    ignoreBOM: true,
  });
  if (read.ok) return read;
  switch (read.error.kind) {
    case 'broken':
      // Corrupt, truncated and checksum failures each have browser-specific wording that means nothing to
      // the person who pasted the link, so they share one message.
      return err(`${DAMAGED} its compressed data cannot be unpacked. ${COPY_AGAIN}`);
    case 'too-large':
      return err(
        `The link unpacks to more than ${formatBytes(maxBytes)}, the most Frameline opens from a link; ` +
          'it stopped there so the tab does not run out of memory. Ask for the collection as a file instead.',
      );
    case 'not-utf8':
      return err(`${DAMAGED} its contents are not valid UTF-8 text. ${COPY_AGAIN}`);
  }
}

/** `<appUrl without its fragment>#share=v1.<encoded>`; the fragment never reaches a server. */
export function buildShareUrl(appUrl: string, encoded: string): string {
  const hashAt = appUrl.indexOf('#');
  const base = hashAt === -1 ? appUrl : appUrl.slice(0, hashAt);
  return `${base}#${FRAGMENT_KEY}v${CURRENT_VERSION}.${encoded}`;
}

/**
 * Reads `location.hash` (with or without the "#"): null when it is not a share link at all, an error when it is
 * one this Frameline cannot open (a newer version, no data).
 */
export function readShareFragment(hash: string): Result<{ version: 1; encoded: string }, string> | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith(FRAGMENT_KEY)) return null;
  const value = fragment.slice(FRAGMENT_KEY.length);
  if (value === '') return err(`${DAMAGED} it has nothing after “#share=”. ${COPY_AGAIN}`);
  const match = /^v(\d+)\.(.*)$/s.exec(value);
  if (match === null) {
    return err(`${DAMAGED} it does not start with a format version such as “v1.”. ${COPY_AGAIN}`);
  }
  const version = Number(match[1]);
  const encoded = match[2] ?? '';
  if (version !== CURRENT_VERSION) {
    return err(
      `This link was made by a newer Frameline (share format v${match[1]}; this one reads v${CURRENT_VERSION}). ` +
        'Update Frameline and open the link again, or ask for the collection as a file.',
    );
  }
  if (encoded === '') return err(`${DAMAGED} it has nothing after “#share=v1.”. ${COPY_AGAIN}`);
  return ok({ version: CURRENT_VERSION, encoded });
}

/** Whether a share link of this many characters will survive being passed around, said for the person sharing. */
export function describeLinkLength(length: number): { level: 'ok' | 'long' | 'too-long'; message: string } {
  const characters = `${groupThousands(length)} characters`;
  if (length > MAX_LINK_CHARACTERS) {
    return {
      level: 'too-long',
      message:
        `The link would be ${characters} long, more than browsers open (Chrome stops at about ` +
        `${groupThousands(MAX_LINK_CHARACTERS)}). Export the collection as a file and share that instead.`,
    };
  }
  if (length > LONG_LINK_CHARACTERS) {
    return {
      level: 'long',
      message:
        `The link is ${characters} long. Many chat tools, mail clients and servers cut links past about ` +
        `${groupThousands(LONG_LINK_CHARACTERS)} characters; if it arrives broken, share the collection as a file.`,
    };
  }
  return { level: 'ok', message: `The link is ${characters} long.` };
}
