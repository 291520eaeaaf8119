import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildShareUrl,
  decodeSharePayload,
  describeLinkLength,
  encodeSharePayload,
  LONG_LINK_CHARACTERS,
  MAX_LINK_CHARACTERS,
  readShareFragment,
} from './share-link';

const DAMAGED = 'The link is cut short or damaged:';
const generous = { maxBytes: 64 * 1024 * 1024 };

async function decoded(encoded: string, options = generous): Promise<string> {
  const result = await decodeSharePayload(encoded, options);
  if (!result.ok) throw new Error(`expected text, got: ${result.error}`);
  return result.value;
}

async function decodeError(encoded: string, options = generous): Promise<string> {
  const result = await decodeSharePayload(encoded, options);
  if (result.ok) throw new Error(`expected an error, got ${result.value.length} characters`);
  return result.error;
}

/** Arbitrary bytes compressed as share links are, in base64url: payloads encodeSharePayload never produces. */
async function deflatedBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const compressed = await new Response(
    new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate')),
  ).arrayBuffer();
  return Buffer.from(compressed).toString('base64url');
}

function repetitiveJson(minBytes: number): string {
  const rows: unknown[] = [];
  let json = '';
  while (json.length < minBytes) {
    for (let i = 0; i < 1000; i++) {
      rows.push({
        id: rows.length,
        name: `connection ${rows.length}`,
        url: 'wss://echo.example/ws',
        on: true,
      });
    }
    json = JSON.stringify(rows);
  }
  return json;
}

describe('encodeSharePayload and decodeSharePayload', () => {
  it('round-trips any text, including astral characters, control characters and a leading BOM', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), async (text) => {
        expect(await decoded(await encodeSharePayload(text))).toBe(text);
      }),
    );
    expect(await decoded(await encodeSharePayload('\uFEFF{"a":"😀"}'))).toBe('\uFEFF{"a":"😀"}');
  });

  it('round-trips JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const json = JSON.stringify(value);
        expect(await decoded(await encodeSharePayload(json))).toBe(json);
      }),
      { numRuns: 50 },
    );
  });

  it('only uses characters that are safe in a URL fragment, without padding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
        expect(await encodeSharePayload(text)).toMatch(/^[A-Za-z0-9_-]+$/);
      }),
    );
  });

  it('shrinks a megabyte of repetitive JSON to a fraction and restores it exactly', async () => {
    const json = repetitiveJson(1024 * 1024);
    const encoded = await encodeSharePayload(json);
    expect(encoded.length).toBeLessThan(json.length / 10);
    expect(await decoded(encoded)).toBe(json);
  });

  it('accepts output of exactly maxBytes and refuses one byte more', async () => {
    const json = JSON.stringify({ greeting: 'héllo wörld', n: [1, 2, 3] });
    const size = Buffer.byteLength(json);
    const encoded = await encodeSharePayload(json);
    expect(await decoded(encoded, { maxBytes: size })).toBe(json);
    expect(await decodeError(encoded, { maxBytes: size - 1 })).toMatch(
      new RegExp(`^The link unpacks to more than ${size - 1} B,`),
    );
  });

  it('stops a decompression bomb at maxBytes', async () => {
    const bomb = await deflatedBytes(new Uint8Array(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    expect(await decodeError(bomb, { maxBytes: 1024 * 1024 })).toBe(
      'The link unpacks to more than 1 MiB, the most Frameline opens from a link; it stopped there so the tab ' +
        'does not run out of memory. Ask for the collection as a file instead.',
    );
  });

  it('reports every truncation as damage, never as a throw or a shorter text', async () => {
    const encoded = await encodeSharePayload(JSON.stringify({ name: 'Chat', url: 'wss://chat.example/ws' }));
    for (let length = 0; length < encoded.length; length++) {
      expect(await decodeError(encoded.slice(0, length))).toMatch(/^The link is cut short or damaged: /);
    }
  });

  it('reports a corrupted character in the compressed data', async () => {
    const encoded = await encodeSharePayload(repetitiveJson(10_000));
    const middle = Math.floor(encoded.length / 2);
    const damaged =
      encoded.slice(0, middle) + (encoded[middle] === 'A' ? 'B' : 'A') + encoded.slice(middle + 1);
    expect(await decodeError(damaged)).toBe(
      `${DAMAGED} its compressed data cannot be unpacked. ` +
        'Copy the whole link again, or ask for the collection as a file.',
    );
  });

  it('never unpacks a changed character into different text: the checksum catches it', async () => {
    const json = JSON.stringify({ name: 'Chat', url: 'wss://chat.example/ws', templates: [{ body: '{}' }] });
    const encoded = await encodeSharePayload(json);
    for (let at = 0; at < encoded.length; at++) {
      for (const replacement of 'AQgw-_') {
        if (encoded[at] === replacement) continue;
        const result = await decodeSharePayload(
          encoded.slice(0, at) + replacement + encoded.slice(at + 1),
          generous,
        );
        // A few header bits (the compression level hint) change nothing, so the same text is fine.
        if (result.ok) expect(result.value).toBe(json);
        else expect(result.error).toMatch(/^The link is cut short or damaged: /);
      }
    }
  });

  it.each([
    ['abc+def', '"+" at character 4'],
    ['abc/def', '"/" at character 4'],
    ['abcd==', '"=" at character 5'],
    ['ab cd', 'U+0020 (space) at character 3'],
    ['abc%20', '"%" at character 4'],
    ['abé', '"é" at character 3'],
  ])('names the character that share links never contain: %j', async (encoded, where) => {
    expect(await decodeError(encoded)).toBe(
      `${DAMAGED} it contains ${where} of its data, but share links only use A-Z, a-z, 0-9, "-" and "_". ` +
        'Copy the whole link again, or ask for the collection as a file.',
    );
  });

  it('refuses a final character whose unused bits are set: it was changed', async () => {
    // "A" encodes 0x00 alone in its group, so "AB" has a stray low bit.
    expect(await decodeError('AB')).toBe(
      `${DAMAGED} its data does not end where a share link can end. ` +
        'Copy the whole link again, or ask for the collection as a file.',
    );
  });

  it('refuses contents that are not UTF-8, anywhere in the text', async () => {
    const message =
      `${DAMAGED} its contents are not valid UTF-8 text. ` +
      'Copy the whole link again, or ask for the collection as a file.';
    expect(await decodeError(await deflatedBytes(new Uint8Array([0x7b, 0xff, 0x7d])))).toBe(message);
    // A multi-byte sequence cut off at the very end only shows when the decoder is flushed.
    expect(await decodeError(await deflatedBytes(new Uint8Array([0x7b, 0xe2, 0x82])))).toBe(message);
  });
});

describe('buildShareUrl', () => {
  it.each([
    ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173/#share=v1.abc'],
    ['http://127.0.0.1:5173/?tab=2', 'http://127.0.0.1:5173/?tab=2#share=v1.abc'],
    ['http://127.0.0.1:5173/#share=v1.old', 'http://127.0.0.1:5173/#share=v1.abc'],
    ['https://frameline.example/app#', 'https://frameline.example/app#share=v1.abc'],
  ])('%s', (appUrl, expected) => {
    expect(buildShareUrl(appUrl, 'abc')).toBe(expected);
  });

  it('builds what readShareFragment reads back', async () => {
    const encoded = await encodeSharePayload('{"name":"Chat"}');
    const url = new URL(buildShareUrl('http://127.0.0.1:5173/#other', encoded));
    expect(readShareFragment(url.hash)).toEqual({ ok: true, value: { version: 1, encoded } });
  });
});

describe('readShareFragment', () => {
  it.each(['', '#', '#other', '#sharing=v1.abc', '#share', '#/share=v1.abc'])(
    'is null when %j is not a share link',
    (hash) => {
      expect(readShareFragment(hash)).toBeNull();
    },
  );

  it.each(['#share=v1.abc-_9', 'share=v1.abc-_9'])('reads %j', (hash) => {
    expect(readShareFragment(hash)).toEqual({ ok: true, value: { version: 1, encoded: 'abc-_9' } });
  });

  it('leaves checking the payload to decodeSharePayload', () => {
    expect(readShareFragment('#share=v1.a.b')).toEqual({ ok: true, value: { version: 1, encoded: 'a.b' } });
  });

  it.each([
    ['#share=', `${DAMAGED} it has nothing after “#share=”.`],
    ['#share=v1.', `${DAMAGED} it has nothing after “#share=v1.”.`],
    ['#share=abc', `${DAMAGED} it does not start with a format version such as “v1.”.`],
    ['#share=v1', `${DAMAGED} it does not start with a format version such as “v1.”.`],
  ])('reports %j as damaged', (hash, message) => {
    expect(readShareFragment(hash)).toEqual({
      ok: false,
      error: `${message} Copy the whole link again, or ask for the collection as a file.`,
    });
  });

  it.each(['#share=v2.abc', '#share=v2.', '#share=v10.abc'])(
    'says %j was made by a newer Frameline',
    (hash) => {
      const version = /v(\d+)/.exec(hash)?.[1];
      expect(readShareFragment(hash)).toEqual({
        ok: false,
        error:
          `This link was made by a newer Frameline (share format v${version}; this one reads v1). ` +
          'Update Frameline and open the link again, or ask for the collection as a file.',
      });
    },
  );
});

describe('describeLinkLength', () => {
  it.each<[number, 'ok' | 'long' | 'too-long']>([
    [0, 'ok'],
    [LONG_LINK_CHARACTERS, 'ok'],
    [LONG_LINK_CHARACTERS + 1, 'long'],
    [MAX_LINK_CHARACTERS, 'long'],
    [MAX_LINK_CHARACTERS + 1, 'too-long'],
  ])('%i characters: %s', (length, level) => {
    expect(describeLinkLength(length).level).toBe(level);
  });

  it('explains each level', () => {
    expect(LONG_LINK_CHARACTERS).toBe(8_000);
    expect(MAX_LINK_CHARACTERS).toBe(2_000_000);
    expect(describeLinkLength(1234).message).toBe('The link is 1,234 characters long.');
    expect(describeLinkLength(12_345).message).toBe(
      'The link is 12,345 characters long. Many chat tools, mail clients and servers cut links past about ' +
        '8,000 characters; if it arrives broken, share the collection as a file.',
    );
    expect(describeLinkLength(2_500_000).message).toBe(
      'The link would be 2,500,000 characters long, more than browsers open (Chrome stops at about 2,000,000). ' +
        'Export the collection as a file and share that instead.',
    );
  });
});
