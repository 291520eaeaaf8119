// @ts-check
/** Command-line flags of `npm run bench`; see ../README.md. */
import { parseArgs } from 'node:util';

/**
 * @typedef {object} BenchOptions
 * @property {number} count Frames per ingest run (N).
 * @property {number} rounds Measured runs of each page (bare and app), alternating.
 * @property {number} warmup Unmeasured bare + app pairs before the measured rounds.
 * @property {number} settleMs Pause after the page is ready (app: after the editor appeared) before the click.
 * @property {number} timeoutMs Limit for one ingest run, from the click to the count reaching N.
 * @property {number} target Minimum app/bare ratio for Figure 1.
 * @property {number} initialJsLimitBytes Maximum gzipped initial JavaScript for Figure 2.
 * @property {string} chromePath
 * @property {boolean} save Write bench/results/*.json.
 * @property {boolean} help
 */

export const USAGE = `Usage: npm run bench -- [flags]   (or: node bench/run.mjs [flags] after vite build)

  --count N        frames per ingest run (default 100000)
  --rounds N       measured runs of each page, bare and app alternating (default 3)
  --warmup N       unmeasured bare + app pairs first (default 0)
  --settle-ms MS   idle time after the page is ready, before clicking Connect (default 500)
  --timeout-s S    limit for one ingest run from click to count N (default: max(30, N / 2000))
  --chrome PATH    Chromium binary (default: $CHROME_PATH or /usr/bin/chromium)
  --no-save        do not write bench/results/*.json
  --help           this text`;

/**
 * @param {string} name
 * @param {string | undefined} raw
 * @param {number} fallback
 * @param {number} min
 */
function integer(name, raw, fallback, min) {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} expects an integer >= ${min}`);
  return value;
}

/**
 * @param {string[]} argv
 * @returns {BenchOptions}
 */
export function parseBenchArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      count: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      'settle-ms': { type: 'string' },
      'timeout-s': { type: 'string' },
      chrome: { type: 'string' },
      'no-save': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const count = integer('count', values.count, 100_000, 1);
  const defaultTimeoutS = Math.max(30, Math.ceil(count / 2000));
  return {
    count,
    rounds: integer('rounds', values.rounds, 3, 1),
    warmup: integer('warmup', values.warmup, 0, 0),
    settleMs: integer('settle-ms', values['settle-ms'], 500, 0),
    timeoutMs: integer('timeout-s', values['timeout-s'], defaultTimeoutS, 1) * 1000,
    target: 0.85,
    initialJsLimitBytes: 150 * 1024,
    chromePath: values.chrome ?? process.env.CHROME_PATH ?? '/usr/bin/chromium',
    save: !values['no-save'],
    help: values.help ?? false,
  };
}
