import { formatBytes } from '@/core/shared/format';

/**
 * Reads a URL's body as UTF-8 text, for importing a collection from an address. Throws an Error whose message is
 * for the user (TanStack Query shows it as is); an abort from `signal` is rethrown unchanged.
 */
export async function fetchText(
  url: string,
  options: { maxBytes: number; signal?: AbortSignal },
): Promise<string> {
  const address = parseAddress(url);
  let response: Response;
  try {
    response = await fetch(address, { signal: options.signal });
  } catch (error) {
    // Browsers give one opaque TypeError for refused connections, DNS failures and CORS refusals alike,
    // on purpose, so the message has to cover all of them.
    if (error instanceof TypeError) {
      throw new Error(
        `The browser could not read ${address.href}. Either the server is unreachable, or it does not allow ` +
          'other sites to read it (CORS: it must send an Access-Control-Allow-Origin header). ' +
          'Download the file and import it from your computer instead.',
        { cause: error },
      );
    }
    throw error;
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const status = response.statusText
      ? `${response.status} ${response.statusText}`
      : String(response.status);
    throw new Error(`The server answered ${status} for ${address.href}.`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(
      `The file at ${address.href} is ${formatBytes(declared)}; Frameline imports up to ${formatBytes(options.maxBytes)}.`,
    );
  }
  return readLimited(response, address, options);
}

function parseAddress(url: string): URL {
  let address: URL;
  try {
    address = new URL(url.trim());
  } catch {
    throw new Error(`“${url}” is not a web address. Enter an http:// or https:// address.`);
  }
  if (address.protocol !== 'http:' && address.protocol !== 'https:') {
    throw new Error(
      `Frameline imports only from the web, not from “${address.protocol}” addresses. Enter an http:// or https:// address.`,
    );
  }
  // fetch() refuses these with the same TypeError as a CORS refusal; saying why is kinder.
  if (address.username !== '' || address.password !== '') {
    throw new Error(
      'Browsers do not fetch addresses with a user name or password in them. Remove them and try again.',
    );
  }
  return address;
}

// Streamed and counted because Content-Length may be missing (chunked) or wrong (compressed).
async function readLimited(
  response: Response,
  address: URL,
  options: { maxBytes: number; signal?: AbortSignal },
): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  // Fatal, unlike Response.text(): a file in another encoding should be named as such, not parsed as mojibake.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new Error(`The connection broke while reading ${address.href}. Try again.`, { cause: error });
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error(
        `The file at ${address.href} is larger than ${formatBytes(options.maxBytes)}, the most Frameline imports; it stopped reading there.`,
      );
    }
    const text = decodeUtf8(decoder, chunk.value, { stream: true });
    if (text === null) {
      await reader.cancel().catch(() => undefined);
      throw notUtf8(address);
    }
    parts.push(text);
  }
  const rest = decodeUtf8(decoder, new Uint8Array(0), { stream: false });
  if (rest === null) throw notUtf8(address);
  parts.push(rest);
  return parts.join('');
}

function decodeUtf8(decoder: TextDecoder, bytes: Uint8Array, options: { stream: boolean }): string | null {
  try {
    return decoder.decode(bytes, options);
  } catch {
    return null;
  }
}

function notUtf8(address: URL): Error {
  return new Error(`The file at ${address.href} is not UTF-8 text, so Frameline cannot import it.`);
}
