// @ts-check
/**
 * Starts headless Chromium on a URL with no DevTools connection (no remote-debugging port, no CDP): the page
 * reports back over HTTP. Each browser gets a fresh profile and its own process group, so that it and all of
 * its helper processes can be ended by id.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Browsers this process started and has not ended yet; ended by `killAllBrowsers` on exit paths. */
const live = new Set();

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--mute-audio',
  '--password-store=basic',
  // The harness must never be throttled as a background page, whatever the window manager thinks.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--enable-precise-memory-info',
  '--window-size=1440,900',
  // gc() for the memory figure: heap is read after a full collection, so garbage does not count as retained.
  '--js-flags=--expose-gc',
];

/**
 * @param {string} chromePath
 * @returns {Promise<string>}
 */
export function chromiumVersion(chromePath) {
  return new Promise((resolve, reject) => {
    execFile(chromePath, ['--version'], { timeout: 15_000 }, (error, stdout) => {
      if (error) reject(new Error(`cannot run ${chromePath} --version: ${error.message}`));
      else resolve(stdout.trim());
    });
  });
}

/**
 * @typedef {object} Browser
 * @property {number} pid
 * @property {Promise<number | null>} exited Resolves with the exit code when the main process ends.
 * @property {() => string} stderrTail
 * @property {() => Promise<void>} close Ends the whole process group and deletes the profile.
 */

/**
 * @param {string} chromePath
 * @param {string} url
 * @returns {Promise<Browser>}
 */
export async function launchChromium(chromePath, url) {
  const profile = await mkdtemp(join(tmpdir(), 'frameline-bench-'));
  const child = spawn(chromePath, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, url], {
    detached: true, // its own process group: Ctrl+C in the terminal reaches us, and we end the group
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (/** @type {Buffer} */ chunk) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      resolve(-1);
    });
  });
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    await rm(profile, { recursive: true, force: true });
    throw new Error(`cannot start ${chromePath}: ${stderr.trim()}`);
  }

  /** @type {Promise<void> | undefined} */
  let closing;
  /** @type {Browser} */
  const browser = {
    pid,
    exited,
    stderrTail: () => stderr,
    close() {
      closing ??= (async () => {
        await endProcessGroup(pid, exited);
        live.delete(browser);
        await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      })();
      return closing;
    },
  };
  live.add(browser);
  return browser;
}

/**
 * SIGTERM to the group, up to 5 s for the browser to exit, then SIGKILL to whatever is left of the group.
 * @param {number} pid
 * @param {Promise<unknown>} exited
 */
async function endProcessGroup(pid, exited) {
  signalGroup(pid, 'SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  for (let attempt = 0; attempt < 30 && groupAlive(pid); attempt++) {
    signalGroup(pid, 'SIGKILL');
    await sleep(100);
  }
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

/** @param {number} pid */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends every browser still running. */
export async function killAllBrowsers() {
  await Promise.all([...live].map((browser) => browser.close()));
}

/** Synchronous last resort for process 'exit': SIGKILL to every group still known. */
export function killAllBrowsersNow() {
  for (const browser of live) signalGroup(browser.pid, 'SIGKILL');
}
