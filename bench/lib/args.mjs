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
 * @property {string[]} only Scenarios to run (all by default): see SCENARIOS.
 * @property {number} bigCount Frames per run of the 64 KiB scenario.
 * @property {number} latencyCount Frames per latency run (paced at latencyRate).
 * @property {number} latencyRate Messages per second of the latency stream.
 * @property {number} memoryCount Frames kept in the memory (and filter) scenario.
 * @property {number} memoryRounds Runs of each page in the memory scenario.
 * @property {number} initialJsLimitBytes Maximum gzipped initial JavaScript for Figure 2.
 * @property {string} chromePath
 * @property {boolean} save Write bench/results/*.json.
 * @property {boolean} help
 */

/** The scenarios a plain run runs, in order; `--only` picks some. */
export const SCENARIOS = ['ingest', 'big', 'latency', 'memory', 'pretty'];
/** Run only when named: the 120-byte ingest with the app's sockets kept on the page (`/?sockets=main`). */
export const OPTIONAL_SCENARIOS = ['ingest-main'];

export const USAGE = `Usage: npm run bench -- [flags]   (or: node bench/run.mjs [flags] after vite build)

  --only LIST      scenarios to run, comma-separated: ${[...SCENARIOS, ...OPTIONAL_SCENARIOS].join(',')}
                   (default: ${SCENARIOS.join(',')})
  --count N        frames per ingest run (default 100000)
  --big-count N    64 KiB frames per run of "big" (default 3000)
  --latency-count N  frames per latency run at --latency-rate (default 30000)
  --latency-rate N   messages per second of the latency stream (default 10000)
  --memory-count N   frames kept in "memory", then filtered (default 1000000)
  --memory-rounds N  runs of each page in "memory" (default 1)
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
      only: { type: 'string' },
      'big-count': { type: 'string' },
      'latency-count': { type: 'string' },
      'latency-rate': { type: 'string' },
      'memory-count': { type: 'string' },
      'memory-rounds': { type: 'string' },
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
  const only = values.only === undefined ? SCENARIOS : values.only.split(',').map((name) => name.trim());
  const known = [...SCENARIOS, ...OPTIONAL_SCENARIOS];
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0 || only.length === 0)
    throw new Error(`--only expects some of ${known.join(',')}; got "${values.only}"`);
  const defaultTimeoutS = Math.max(30, Math.ceil(count / 2000));
  return {
    count,
    rounds: integer('rounds', values.rounds, 3, 1),
    warmup: integer('warmup', values.warmup, 0, 0),
    settleMs: integer('settle-ms', values['settle-ms'], 500, 0),
    timeoutMs: integer('timeout-s', values['timeout-s'], defaultTimeoutS, 1) * 1000,
    target: 0.95,
    only,
    bigCount: integer('big-count', values['big-count'], 3000, 1),
    latencyCount: integer('latency-count', values['latency-count'], 30_000, 1),
    latencyRate: integer('latency-rate', values['latency-rate'], 10_000, 1),
    memoryCount: integer('memory-count', values['memory-count'], 1_000_000, 1),
    memoryRounds: integer('memory-rounds', values['memory-rounds'], 1, 1),
    initialJsLimitBytes: 150 * 1024,
    chromePath: values.chrome ?? process.env.CHROME_PATH ?? '/usr/bin/chromium',
    save: !values['no-save'],
    help: values.help ?? false,
  };
}
