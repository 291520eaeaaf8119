import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchText } from './fetch-text';

// A real HTTP server with one behaviour per path, so limits and failures go through real sockets and streams.
let server: Server;
let base = '';
const COLLECTION = JSON.stringify({ name: 'Chät 😀', items: [] });
let endlessClosedEarly: Promise<boolean> = Promise.resolve(false);

beforeAll(async () => {
  server = createServer((request, response) => {
    switch (request.url) {
      case '/collection.json':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(COLLECTION);
        break;
      case '/missing.json':
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('nothing here');
        break;
      case '/endless': {
        // Chunked, no Content-Length: only counting the stream can stop it.
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        const timer = setInterval(() => response.write(chunk), 1);
        endlessClosedEarly = new Promise((resolve) =>
          response.once('close', () => {
            clearInterval(timer);
            resolve(!response.writableFinished);
          }),
        );
        break;
      }
      case '/declared-huge':
        response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        response.write('{');
        break;
      case '/cut-off':
        response.writeHead(200, { 'content-length': '100' });
        response.write('{"name":', () => response.destroy());
        break;
      case '/latin1':
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(Buffer.from([0x7b, 0xe9, 0x7d]));
        break;
      default:
        response.writeHead(500);
        response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const limit = { maxBytes: 64 * 1024 };

describe('fetchText', () => {
  it('reads a body as UTF-8 text', async () => {
    await expect(fetchText(`${base}/collection.json`, limit)).resolves.toBe(COLLECTION);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const maxBytes = Buffer.byteLength(COLLECTION);
    await expect(fetchText(`${base}/collection.json`, { maxBytes })).resolves.toBe(COLLECTION);
  });

  it('names the status of a non-2xx answer', async () => {
    await expect(fetchText(`${base}/missing.json`, limit)).rejects.toThrow(
      `The server answered 404 Not Found for ${base}/missing.json.`,
    );
  });

  it('stops reading a body without Content-Length once it passes the limit', async () => {
    await expect(fetchText(`${base}/endless`, limit)).rejects.toThrow(
      `The file at ${base}/endless is larger than 64 KiB, the most Frameline imports; it stopped reading there.`,
    );
    // The server sees the connection drop: the body was not drained in the background.
    await expect(endlessClosedEarly).resolves.toBe(true);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    await expect(fetchText(`${base}/declared-huge`, limit)).rejects.toThrow(
      `The file at ${base}/declared-huge is 50 MiB; Frameline imports up to 64 KiB.`,
    );
  });

  it('says so when the connection breaks partway through the body', async () => {
    await expect(fetchText(`${base}/cut-off`, limit)).rejects.toThrow(
      `The connection broke while reading ${base}/cut-off. Try again.`,
    );
  });

  it('refuses a body that is not UTF-8', async () => {
    await expect(fetchText(`${base}/latin1`, limit)).rejects.toThrow(
      `The file at ${base}/latin1 is not UTF-8 text, so Frameline cannot import it.`,
    );
  });

  it('explains an unreachable server or a CORS refusal, and suggests a file', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await expect(fetchText(`http://127.0.0.1:${port}/collection.json`, limit)).rejects.toThrow(
      `The browser could not read http://127.0.0.1:${port}/collection.json. Either the server is unreachable, ` +
        'or it does not allow other sites to read it (CORS: it must send an Access-Control-Allow-Origin ' +
        'header). Download the file and import it from your computer instead.',
    );
  });

  it.each([
    ['not a url', '“not a url” is not a web address. Enter an http:// or https:// address.'],
    ['', '“” is not a web address. Enter an http:// or https:// address.'],
    [
      'file:///home/me/collection.json',
      'Frameline imports only from the web, not from “file:” addresses. Enter an http:// or https:// address.',
    ],
    [
      'ws://127.0.0.1:8080/echo',
      'Frameline imports only from the web, not from “ws:” addresses. Enter an http:// or https:// address.',
    ],
    [
      'https://me:secret@example.com/c.json',
      'Browsers do not fetch addresses with a user name or password in them. Remove them and try again.',
    ],
  ])('refuses %j before fetching', async (url, message) => {
    await expect(fetchText(url, limit)).rejects.toThrow(message);
  });

  it('accepts an address with spaces around it', async () => {
    await expect(fetchText(`  ${base}/collection.json\n`, limit)).resolves.toBe(COLLECTION);
  });

  it('rethrows an abort unchanged, for TanStack Query to recognise', async () => {
    await expect(
      fetchText(`${base}/collection.json`, { ...limit, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
