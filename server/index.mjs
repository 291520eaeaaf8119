#!/usr/bin/env node
// @ts-check
/**
 * Runs the Frameline test server on 127.0.0.1.
 * Usage: node server/index.mjs [--port N]   (or FRAMELINE_SERVER_PORT=N; default 8787)
 */
import { startTestServer } from './test-server.mjs';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 8787;
const PORT_ENV = 'FRAMELINE_SERVER_PORT';

/**
 * The port from `--port N` / `--port=N`, else the environment, else the default.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ port: number } | { error: string }}
 */
function readPort(args, env) {
  const index = args.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (index !== -1) {
    const arg = args[index] ?? '';
    const value = arg.startsWith('--port=') ? arg.slice('--port='.length) : args[index + 1];
    return parsePort(value, '--port');
  }
  const fromEnv = env[PORT_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return parsePort(fromEnv, PORT_ENV);
  return { port: DEFAULT_PORT };
}

/**
 * @param {string | undefined} value
 * @param {string} source
 * @returns {{ port: number } | { error: string }}
 */
function parsePort(value, source) {
  const port = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
  if (port >= 0 && port <= 65535) return { port };
  return { error: `${source} must be a port number from 0 to 65535, got ${JSON.stringify(value ?? '')}` };
}

/**
 * @param {unknown} error
 * @param {number} port
 */
function describeStartError(error, port) {
  const code = /** @type {NodeJS.ErrnoException} */ (error)?.code;
  if (code === 'EADDRINUSE') {
    return (
      `Port ${port} is already in use, so the test server cannot start.\n` +
      `Stop whatever is using it, or pick another port: --port N or ${PORT_ENV}=N.`
    );
  }
  return `The test server could not start on ${HOST}:${port}: ${error instanceof Error ? error.message : error}`;
}

async function main() {
  const setting = readPort(process.argv.slice(2), process.env);
  if ('error' in setting) {
    console.error(setting.error);
    process.exit(1);
  }

  let server;
  try {
    server = await startTestServer({ host: HOST, port: setting.port });
  } catch (error) {
    console.error(describeStartError(error, setting.port));
    process.exit(1);
  }

  console.log(`Frameline test server: ${server.wsUrl} (try ${server.wsUrl}/echo)`);
  console.log(`Catalogue:             ${server.httpUrl}/`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  /** @param {NodeJS.Signals} signal */
  const stop = async (signal) => {
    // A second Ctrl+C means "now": skip the graceful close.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: closing connections…`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
