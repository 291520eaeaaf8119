// @ts-check
/**
 * One small HTTP server on 127.0.0.1: the built app at "/", the harness pages at "/__bench/", and the endpoint
 * where a harness page POSTs its result. Same origin for all of it, so the harness can reach into the app's
 * iframe and no DevTools protocol is needed.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const HARNESS_DIR = fileURLToPath(new URL('../harness/', import.meta.url));
const HARNESS_FILES = ['harness.html', 'harness.js', 'bare.html', 'bare.js', 'relay-worker.js'];
const MAX_REPORT_BYTES = 8 * 1024 * 1024;

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The harness's own policy: like the app's, no inline script. */
const HARNESS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/** @param {string} path */
const contentType = (path) => CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

/**
 * @typedef {{ kind: 'result' | 'error', run: string, [key: string]: unknown }} HarnessMessage
 * @typedef {object} BenchServer
 * @property {string} origin e.g. http://127.0.0.1:41234
 * @property {(run: string, timeoutMs: number, signal?: AbortSignal) => Promise<HarnessMessage>} waitForReport
 *   Resolves with the run's result; rejects on the harness's error report, the timeout or the signal.
 * @property {() => Promise<void>} close
 */

/**
 * @param {{ dist: import('./dist-snapshot.mjs').Snapshot, stamps?: () => number[] }} options `stamps`: the send
 *   times of the current stamped stream by seq (index seq - 1), served at GET /__bench/stamps
 * @returns {Promise<BenchServer>}
 */
export async function startBenchServer({ dist, stamps = () => [] }) {
  /** @type {Map<string, Buffer>} */
  const harness = new Map();
  for (const name of HARNESS_FILES) harness.set(`/__bench/${name}`, await readFile(HARNESS_DIR + name));

  /** @type {Map<string, HarnessMessage>} reports that arrived before anyone waited for them */
  const arrived = new Map();
  /** @type {Map<string, (message: HarnessMessage) => void>} */
  const waiting = new Map();

  /** @param {HarnessMessage} message */
  const deliver = (message) => {
    const waiter = waiting.get(message.run);
    if (waiter) waiter(message);
    else arrived.set(message.run, message);
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === '/__bench/report') {
      readBody(request)
        .then((body) => {
          const message = /** @type {HarnessMessage} */ (JSON.parse(body));
          if (typeof message.run !== 'string') throw new Error('report without "run"');
          deliver(message);
          response.writeHead(204).end();
        })
        .catch((error) => {
          response.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(error));
        });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/__bench/stamps') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(stamps()));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const fromHarness = harness.get(path);
    const body = fromHarness ?? dist.get(path);
    if (body === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    /** @type {Record<string, string | number>} */
    const headers = {
      'Content-Type': contentType(path),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    };
    if (fromHarness && path.endsWith('.html')) headers['Content-Security-Policy'] = HARNESS_CSP;
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('bench server has no address');

  return {
    origin: `http://127.0.0.1:${address.port}`,
    waitForReport(run, timeoutMs, signal) {
      return new Promise((resolve, reject) => {
        /** @type {NodeJS.Timeout | undefined} */
        let timer;
        const finish = () => {
          clearTimeout(timer);
          waiting.delete(run);
          signal?.removeEventListener('abort', onAbort);
        };
        const onAbort = () => {
          finish();
          reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        /** @param {HarnessMessage} message */
        const onMessage = (message) => {
          finish();
          if (message.kind === 'error') reject(new Error(`harness (${run}): ${String(message.message)}`));
          else resolve(message);
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort);
        timer = setTimeout(() => {
          finish();
          reject(new Error(`no report from the harness for ${run} within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        const early = arrived.get(run);
        if (early) {
          arrived.delete(run);
          onMessage(early);
        } else {
          waiting.set(run, onMessage);
        }
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @returns {Promise<string>}
 */
function readBody(request) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    request.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_REPORT_BYTES) {
        reject(new Error('report too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
