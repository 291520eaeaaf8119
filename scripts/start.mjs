// @ts-check
/**
 * `npm start`: the built app (Vite preview, rebuilt when stale) plus the test server, in one process.
 * `npm run dev`: the same with Vite's dev server (hot reload) instead.
 * Ports: FRAMELINE_SERVER_PORT (test server, default 8787), FRAMELINE_APP_PORT (app, default from
 * vite.config.ts: 4173 for preview, 5173 for dev).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer, preview } from 'vite';
import { startTestServer } from '../server/test-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_PORT_ENV = 'FRAMELINE_SERVER_PORT';
const APP_PORT_ENV = 'FRAMELINE_APP_PORT';
const DEFAULT_SERVER_PORT = 8787;
/** Anything newer than dist/index.html among these means the build is stale. */
const BUILD_INPUTS = ['src', 'index.html', 'public', 'vite.config.ts', 'package.json'];
const BUILT_INDEX = path.join(ROOT, 'dist', 'index.html');

/** @typedef {{ url: string, close: () => Promise<void> }} RunningApp */

/** A startup failure whose message is meant for the user, printed without a stack trace. */
class StartError extends Error {}

/**
 * A port from the environment, or undefined when unset; anything but 0-65535 is a user error.
 * @param {string} name
 * @returns {number | undefined}
 */
function readPortEnv(name) {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (port >= 0 && port <= 65535) return port;
  throw new StartError(`${name} must be a port number from 0 to 65535, got ${JSON.stringify(value)}.`);
}

/**
 * Turns a start failure into a message for the user; a taken port names the variable that changes it.
 * @param {unknown} error
 * @param {{ what: string, port: number | undefined, envVar: string, command: string }} context
 */
function explainStartFailure(error, { what, port, envVar, command }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = /** @type {NodeJS.ErrnoException} */ (error)?.code;
  // Vite reports a taken port only in its message: "Port 4173 is already in use".
  const portInUse = code === 'EADDRINUSE' ? port : Number(/Port (\d+) is already in use/.exec(message)?.[1]);
  if (portInUse === undefined || Number.isNaN(portInUse)) {
    return new StartError(`The ${what} could not start: ${message}`);
  }
  return new StartError(
    `Port ${portInUse} is already in use, so the ${what} cannot start.\n` +
      `Stop whatever is using it, or choose another port, e.g. ${envVar}=${portInUse + 1} ${command}`,
  );
}

/**
 * Latest modification time under `entry` (a file or a whole folder), or 0 when it does not exist.
 * Folders count too: deleting a source file changes its folder's time.
 * @param {string} entry
 */
async function latestChange(entry) {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry, { recursive: true });
  const times = await Promise.all(
    children.map((child) => stat(path.join(entry, child)).then((s) => s.mtimeMs)),
  );
  return Math.max(info.mtimeMs, ...times);
}

async function isBuildStale() {
  const builtAt = await latestChange(BUILT_INDEX);
  if (builtAt === 0) return true;
  const changes = await Promise.all(BUILD_INPUTS.map((input) => latestChange(path.join(ROOT, input))));
  return changes.some((changedAt) => changedAt > builtAt);
}

/**
 * Runs `start` and removes the SIGTERM / stdin 'end' listeners Vite adds on the way: Vite would otherwise
 * exit the process on its own, before the test server has closed its clients with 1001.
 * @template T
 * @param {() => Promise<T>} start
 * @returns {Promise<T>}
 */
async function withoutViteExitHandlers(start) {
  const sigtermBefore = new Set(process.listeners('SIGTERM'));
  const stdinEndBefore = new Set(process.stdin.listeners('end'));
  try {
    return await start();
  } finally {
    for (const listener of process.listeners('SIGTERM')) {
      if (!sigtermBefore.has(listener)) process.off('SIGTERM', listener);
    }
    for (const listener of process.stdin.listeners('end')) {
      if (!stdinEndBefore.has(listener)) process.stdin.off('end', /** @type {() => void} */ (listener));
    }
  }
}

/**
 * @param {number | undefined} port
 * @returns {Promise<RunningApp>}
 */
async function startDevServer(port) {
  const server = await withoutViteExitHandlers(async () => {
    const dev = await createServer({
      root: ROOT,
      clearScreen: false,
      server: port === undefined ? { strictPort: true } : { port, strictPort: true },
    });
    return dev.listen();
  });
  return { url: server.resolvedUrls?.local[0] ?? '', close: () => server.close() };
}

/**
 * @param {number | undefined} port
 * @returns {Promise<RunningApp>}
 */
async function startPreview(port) {
  if (await isBuildStale()) {
    console.log('Building the app (dist/ is missing or older than its sources)…');
    await build({ root: ROOT, clearScreen: false });
  }
  const server = await withoutViteExitHandlers(() =>
    preview({
      root: ROOT,
      clearScreen: false,
      preview: port === undefined ? { strictPort: true } : { port, strictPort: true },
    }),
  );
  return { url: server.resolvedUrls?.local[0] ?? '', close: () => server.close() };
}

/**
 * @param {{ appUrl: string, wsUrl: string, dev: boolean }} addresses
 */
function printAddresses({ appUrl, wsUrl, dev }) {
  console.log('');
  console.log(`Frameline app:  ${appUrl}${dev ? '  (dev server, hot reload)' : ''}`);
  console.log(`Test server:    ${wsUrl} (try ${wsUrl}/echo)`);
  console.log('');
  console.log('Press Ctrl+C to stop both.');
}

/**
 * Closes everything on SIGINT / SIGTERM, then exits 0. A second signal exits at once.
 * @param {Array<() => Promise<void>>} closers
 */
function closeOnSignal(closers) {
  let stopping = false;
  /** @param {NodeJS.Signals} signal */
  const stop = async (signal) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    await Promise.allSettled(closers.map((close) => close()));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main() {
  const dev = process.argv.includes('--dev');
  const command = dev ? 'npm run dev' : 'npm start';
  const serverPort = readPortEnv(SERVER_PORT_ENV) ?? DEFAULT_SERVER_PORT;
  const appPort = readPortEnv(APP_PORT_ENV);

  const testServer = await startTestServer({
    port: serverPort,
    log: (line) => console.log(`[test-server] ${line}`),
  }).catch((error) => {
    throw explainStartFailure(error, {
      what: 'test server',
      port: serverPort,
      envVar: SERVER_PORT_ENV,
      command,
    });
  });

  /** @type {RunningApp} */
  let app;
  try {
    app = dev ? await startDevServer(appPort) : await startPreview(appPort);
  } catch (error) {
    await testServer.close();
    throw explainStartFailure(error, { what: 'Frameline app', port: appPort, envVar: APP_PORT_ENV, command });
  }

  printAddresses({ appUrl: app.url, wsUrl: testServer.wsUrl, dev });
  closeOnSignal([() => app.close(), () => testServer.close()]);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof StartError ? error.message : error);
  process.exit(1);
}
