// @ts-check
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A loopback port free right now. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Whether something accepts connections on the port.
 * @param {number} port
 */
function isListening(port) {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
}

/**
 * @param {() => Promise<boolean>} condition
 * @param {number} [timeoutMs]
 */
async function waitFor(condition, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Through npm, as people run it: npm runs the script in a shell and passes signals to that shell only.
// `npm run dev` is the same script and signal path as `npm start` but never builds, so the test stays quick.
describe.each(['SIGTERM', 'SIGINT'])('npm run dev stopped with %s', (signal) => {
  it('frees the app and test server ports', { timeout: 60_000 }, async () => {
    const serverPort = await freePort();
    const appPort = await freePort();
    const child = spawn('npm', ['run', 'dev'], {
      cwd: ROOT,
      env: {
        ...process.env,
        FRAMELINE_SERVER_PORT: String(serverPort),
        FRAMELINE_APP_PORT: String(appPort),
      },
      stdio: 'ignore',
      // Its own process group, so a failing run can still be cleaned up whole.
      detached: true,
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(async () => (await isListening(serverPort)) && (await isListening(appPort)));
      child.kill(/** @type {NodeJS.Signals} */ (signal));
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      await waitFor(async () => !(await isListening(serverPort)) && !(await isListening(appPort)), 10_000);
    } finally {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group has already gone: the case that passes.
      }
    }
    expect(await isListening(serverPort)).toBe(false);
    expect(await isListening(appPort)).toBe(false);
  });
});
