import { formatBytes } from '@/core/shared/format';
import { readTextStream } from '@/core/shared/read-text-stream';

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
  const read = await readTextStream(response.body, { maxBytes: options.maxBytes });
  if (read.ok) return read.value;
  switch (read.error.kind) {
    case 'broken':
      if (options.signal?.aborted) throw read.error.cause;
      throw new Error(`The connection broke while reading ${address.href}. Try again.`, {
        cause: read.error.cause,
      });
    case 'too-large':
      throw new Error(
        `The file at ${address.href} is larger than ${formatBytes(options.maxBytes)}, the most Frameline imports; it stopped reading there.`,
      );
    case 'not-utf8':
      throw new Error(`The file at ${address.href} is not UTF-8 text, so Frameline cannot import it.`);
  }
}
