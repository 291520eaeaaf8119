// @ts-check
/**
 * `npm run bench`: ingest of a firehose (120-byte and 64 KiB frames, app vs a bare counting page), latency at a
 * paced rate, memory per kept row at 1,000,000 rows (then the filter there), a 2 MiB JSON frame's pretty view,
 * and start-up (initial JS size, time to a usable Connect button), measured in headless Chromium with no
 * DevTools attached. Expects a fresh `vite build` in dist/. See bench/README.md.
 */
import { execFile } from 'node:child_process';
import { cpus, loadavg, platform, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../server/test-server.mjs';
import { parseBenchArgs, USAGE } from './lib/args.mjs';
import { startBenchServer } from './lib/bench-server.mjs';
import { measureBundle } from './lib/bundle-size.mjs';
import {
  CHROMIUM_FLAGS,
  chromiumVersion,
  killAllBrowsers,
  killAllBrowsersNow,
  launchChromium,
} from './lib/chromium.mjs';
import { snapshotDist } from './lib/dist-snapshot.mjs';
import {
  compareWithPrevious,
  formatTable,
  int,
  kib,
  median,
  medianRate,
  ms,
  percent,
  readPrevious,
  saveResults,
  summariseIngest,
  verdict,
} from './lib/report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
/** The harness's own limits (ready 30 s + editor 30 s + verify 1 s) plus launch slack. */
const HARNESS_OVERHEAD_MS = 75_000;

/**
 * @typedef {import('./lib/report.mjs').IngestRun} IngestRun
 * @typedef {import('./lib/report.mjs').HarnessReport} HarnessReport
 * @typedef {import('./lib/report.mjs').PageMode} PageMode
 */

/**
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<string | null>}
 */
function tryExec(command, args) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, timeout: 10_000 }, (error, stdout) =>
      resolve(error ? null : stdout.trim()),
    );
  });
}

async function gitInfo() {
  const commit = await tryExec('git', ['rev-parse', '--short', 'HEAD']);
  const status = commit === null ? null : await tryExec('git', ['status', '--porcelain']);
  return { commit, dirty: status === null ? null : status.length > 0 };
}

/**
 * What one scenario streams and measures.
 * @typedef {object} ScenarioRun
 * @property {string} scenario harness scenario: ingest | memory | latency | pretty
 * @property {string} stream path and query on the test server, e.g. /stream?rate=0&count=1000
 * @property {number} count frames the page must show
 * @property {number} timeoutMs
 * @property {string} [appQuery] query string for the app's own URL
 */

/**
 * One run in a fresh Chromium: launch on the harness page, wait for its report, always end the browser.
 * @param {object} context
 * @param {import('./lib/args.mjs').BenchOptions} context.options
 * @param {import('./lib/bench-server.mjs').BenchServer} context.benchServer
 * @param {string} context.wsBase
 * @param {AbortSignal} context.signal
 * @param {PageMode} mode
 * @param {string} runId
 * @param {ScenarioRun} plan
 * @returns {Promise<HarnessReport>}
 */
async function runOnce({ options, benchServer, wsBase, signal }, mode, runId, plan) {
  const query = new URLSearchParams({
    run: runId,
    mode,
    scenario: plan.scenario,
    ws: `${wsBase}${plan.stream}`,
    n: String(plan.count),
    settle: String(options.settleMs),
    timeout: String(plan.timeoutMs),
    app: plan.appQuery ?? '',
  });
  const runAbort = new AbortController();
  const onOuterAbort = () => runAbort.abort(signal.reason);
  signal.addEventListener('abort', onOuterAbort);
  const browser = await launchChromium(
    options.chromePath,
    `${benchServer.origin}/__bench/harness.html?${query}`,
  );
  try {
    const budget = plan.timeoutMs + options.settleMs + HARNESS_OVERHEAD_MS;
    const crashed = browser.exited.then((code) => {
      throw new Error(
        `Chromium exited (code ${code}) before the harness reported. stderr:\n${browser.stderrTail()}`,
      );
    });
    const report = await Promise.race([benchServer.waitForReport(runId, budget, runAbort.signal), crashed]);
    return /** @type {HarnessReport} */ (/** @type {unknown} */ (report));
  } finally {
    runAbort.abort(new Error('run finished'));
    signal.removeEventListener('abort', onOuterAbort);
    await browser.close();
  }
}

/**
 * @param {PageMode} mode
 * @param {number} round
 * @param {number} count
 * @param {HarnessReport | null} report
 * @param {string | null} error
 * @returns {IngestRun}
 */
function toRun(mode, round, count, report, error) {
  const ingest = report?.ingest ?? null;
  const finalCount = typeof ingest?.finalCount === 'number' ? ingest.finalCount : null;
  return {
    mode,
    round,
    ok: report !== null,
    error,
    reached: ingest?.reached === true,
    exact: ingest?.reached === true && finalCount === count,
    finalCount,
    msgsPerSec: ingest?.msgsPerSec ?? null,
    elapsedMs: ingest?.elapsedMs ?? null,
    detail: report,
  };
}

/** @param {IngestRun} run */
function describeRun(run) {
  const d = run.detail?.ingest;
  if (!run.ok) return `${run.mode.padEnd(4)} #${run.round}  ERROR ${run.error}`;
  const heapDelta =
    typeof d?.heapAfterBytes === 'number' && typeof d?.heapBeforeBytes === 'number'
      ? `${((d.heapAfterBytes - d.heapBeforeBytes) / 1024 / 1024).toFixed(1)} MiB heap`
      : '';
  const status = run.reached
    ? run.exact
      ? 'exact'
      : `COUNT ${int(run.finalCount)}`
    : `TIMEOUT at ${d?.finalText}`;
  return [
    `${run.mode.padEnd(4)} #${run.round}`,
    `${int(run.msgsPerSec).padStart(7)} msg/s`,
    `${ms(run.elapsedMs).padStart(9)}`,
    status,
    `first shown ${ms(d?.firstShownMs)}`,
    `${d?.displayUpdates ?? '–'} display updates`,
    `${d?.framesPerSec ?? '–'} frames/s`,
    `long tasks ${d?.longTasks?.count ?? '–'} (${ms(d?.longTasks?.totalMs)}, max ${ms(d?.longTasks?.maxMs)})`,
    heapDelta,
  ]
    .filter(Boolean)
    .join('  ');
}

/**
 * Where the page's main thread went during a run, from its long animation frames.
 * @param {IngestRun} run
 * @returns {string[]}
 */
function describeLongFrames(run) {
  const frames = run.detail?.ingest.longAnimationFrames;
  const elapsed = run.elapsedMs;
  if (!frames || !elapsed) return [];
  const share = (/** @type {number} */ value) => `${ms(value)} (${percent(value / elapsed)})`;
  return [
    [
      `${run.mode} #${run.round}: long frames ${frames.count}, ${share(frames.totalMs)} of ${ms(elapsed)}`,
      `tasks: scripts ${share(frames.taskScriptMs)} + short ${share(frames.otherTasksMs)}`,
      `rendering: frame callbacks ${share(frames.frameCallbacksMs)} + style/layout/paint ${share(frames.styleLayoutPaintMs)}`,
      `forced layout ${ms(frames.forcedStyleLayoutMs)}`,
    ].join('; '),
    ...frames.topScripts.slice(0, 4).map((s) => `      ${ms(s.ms).padStart(9)}  ${s.count}x  ${s.script}`),
  ];
}

/** @param {import('./lib/report.mjs').HarnessStartup[]} startups of the app runs */
function summariseBrowserStartup(startups) {
  const numbers = (/** @type {(s: import('./lib/report.mjs').HarnessStartup) => unknown} */ pick) =>
    startups.map(pick).filter((value) => typeof value === 'number');
  return {
    runs: startups.length,
    connectReadyMedianMs: median(numbers((s) => s.connectReadyMs)),
    editorMedianMs: median(numbers((s) => s.editorMs)),
    firstContentfulPaintMedianMs: median(numbers((s) => s.navigation.firstContentfulPaintMs)),
    editorChunkRequestedBeforeReadyRuns: startups.filter((s) => s.editorChunkRequestedBeforeReady).length,
    editorChunkStartMedianMs: median(numbers((s) => s.editorChunk?.startMs)),
    editorChunkEndMedianMs: median(numbers((s) => s.editorChunk?.endMs)),
    perRun: startups.map((s) => ({
      connectReadyMs: s.connectReadyMs,
      editorMs: s.editorMs,
      editorChunkRequestedBeforeReady: s.editorChunkRequestedBeforeReady,
      editorChunk: s.editorChunk,
      navigation: s.navigation,
      scriptsAtReady: s.scriptsAtReady,
    })),
  };
}

/** A run's limit: 30 s at least, else at 2,000 frames/s (a slow machine still finishes). */
const timeoutFor = (/** @type {number} */ frames) => Math.max(30_000, Math.ceil(frames / 2000) * 1000);
const BIG_FRAME_BYTES = 64 * 1024;
const PRETTY_FRAME_BYTES = 2 * 1024 * 1024;

/**
 * A figure as saved in the results JSON: what was measured, its value, its target and the verdict.
 * @typedef {{ id: string, figure: string, measure: string, value: number | string | null, shown: string,
 *   target: string, pass: boolean | null }} Figure
 */

/**
 * @param {string} id
 * @param {string} figure
 * @param {string} measure
 * @param {number | string | null} value
 * @param {string} shown
 * @param {string} target
 * @param {boolean | null} pass null: information only, or not measurable here
 * @returns {Figure}
 */
const figureOf = (id, figure, measure, value, shown, target, pass) => ({
  id,
  figure,
  measure,
  value,
  shown,
  target,
  pass,
});

/**
 * @param {unknown[]} values
 * @returns {number[]}
 */
const numbers = (values) =>
  /** @type {number[]} */ (values.filter((value) => typeof value === 'number' && Number.isFinite(value)));

/**
 * Runs `plan` for each mode, alternating, `rounds` times (after `warmup` unmeasured rounds).
 * @param {{ options: import('./lib/args.mjs').BenchOptions, benchServer: import('./lib/bench-server.mjs').BenchServer,
 *   wsBase: string, signal: AbortSignal, sequence: { next: number } }} context
 * @param {ScenarioRun & { beforeRun?: () => void }} plan
 * @param {{ rounds: number, warmup: number, modes: PageMode[], label: string }} how
 * @returns {Promise<IngestRun[]>}
 */
async function runRounds(context, plan, { rounds, warmup, modes, label }) {
  /** @type {IngestRun[]} */
  const runs = [];
  for (let round = 1 - warmup; round <= rounds; round++) {
    for (const mode of modes) {
      context.signal.throwIfAborted();
      const runId = `${label}-${mode}-${++context.sequence.next}`;
      /** @type {HarnessReport | null} */
      let report = null;
      /** @type {string | null} */
      let error = null;
      plan.beforeRun?.();
      try {
        report = await runOnce(context, mode, runId, plan);
      } catch (caught) {
        // The bare page must work, or the bench is broken; an app failure is a result to report.
        if (mode === 'bare' || context.signal.aborted) throw caught;
        error = caught instanceof Error ? caught.message : String(caught);
      }
      const run = toRun(mode, round, plan.count, report, error);
      if (mode === 'bare' && !run.exact) {
        throw new Error(`the bare page did not count exactly ${plan.count}: ${describeRun(run)}`);
      }
      console.log(`  ${label.padEnd(7)} ${round < 1 ? '(warm-up) ' : ''}${describeRun(run)}`);
      if (round >= 1) runs.push(run);
    }
  }
  return runs;
}

/**
 * @param {IngestRun[]} runs
 * @param {PageMode} mode
 * @param {number} [scale] multiplies each rate (bytes per frame, for bytes/s)
 */
function rateRange(runs, mode, scale = 1) {
  const rates = runs.flatMap((run) =>
    run.mode === mode && run.msgsPerSec !== null ? [run.msgsPerSec * scale] : [],
  );
  return rates.length > 1 ? `(${int(Math.min(...rates))}–${int(Math.max(...rates))})` : '';
}

/** @param {number | null | undefined} bytesPerSec */
const mibPerSec = (bytesPerSec) =>
  typeof bytesPerSec === 'number' ? `${(bytesPerSec / 1024 / 1024).toFixed(1)} MiB/s` : '–';

/** @param {IngestRun} run */
function bytesPerRowOf(run) {
  const d = run.detail?.ingest;
  if (!d || typeof d.heapBeforeBytes !== 'number') return null;
  const after = typeof d.heapAfterGcBytes === 'number' ? d.heapAfterGcBytes : d.heapAfterBytes;
  return typeof after === 'number' && run.exact
    ? (after - d.heapBeforeBytes) / (run.detail?.count ?? 1)
    : null;
}

/**
 * @param {import('./lib/args.mjs').BenchOptions} options
 * @param {AbortSignal} signal
 */
async function bench(options, signal) {
  const startedAt = new Date();
  const [chromium, git] = await Promise.all([chromiumVersion(options.chromePath), gitInfo()]);
  const dist = await snapshotDist(DIST);
  const bundle = measureBundle(dist, options.initialJsLimitBytes);
  const previous = await readPrevious(RESULTS);
  const wants = (/** @type {string} */ name) => options.only.includes(name);

  const loadAtStart = loadavg();
  console.log(`Frameline bench: ${chromium}, Node ${process.version}, commit ${git.commit ?? 'unknown'}`);
  if ((loadAtStart[0] ?? 0) > cpus().length) {
    console.log(
      `Note: load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs: other work ` +
        'is running; absolute rates will be low and noisy (the alternating app/bare ratio suffers less).',
    );
  }
  console.log(
    `Scenarios: ${options.only.join(', ')}; ${options.rounds} round(s)` +
      `${options.warmup ? ` after ${options.warmup} warm-up round(s)` : ''}, fresh Chromium per run, no CDP\n`,
  );

  /** @type {number[]} send times of the current stamped stream, by seq - 1 */
  let stamps = [];
  /** @type {Awaited<ReturnType<typeof startTestServer>> | undefined} */
  let testServer;
  /** @type {import('./lib/bench-server.mjs').BenchServer | undefined} */
  let benchServer;
  /** @type {Record<string, IngestRun[]>} */
  const runsBy = {};
  try {
    testServer = await startTestServer({
      host: '127.0.0.1',
      port: 0,
      log: () => {},
      onStamp: (seq, sentAt) => {
        stamps[seq - 1] = sentAt;
      },
    });
    benchServer = await startBenchServer({ dist, stamps: () => stamps });
    const context = { options, benchServer, wsBase: testServer.wsUrl, signal, sequence: { next: 0 } };
    const both = /** @type {PageMode[]} */ (['bare', 'app']);
    const appOnly = /** @type {PageMode[]} */ (['app']);
    const rounds = { rounds: options.rounds, warmup: options.warmup };
    if (wants('ingest')) {
      runsBy.ingest = await runRounds(
        context,
        {
          scenario: 'ingest',
          stream: `/stream?rate=0&count=${options.count}`,
          count: options.count,
          timeoutMs: options.timeoutMs,
        },
        { ...rounds, modes: both, label: 'ingest' },
      );
    }
    if (wants('ingest-main')) {
      runsBy['ingest-main'] = await runRounds(
        context,
        {
          scenario: 'ingest',
          stream: `/stream?rate=0&count=${options.count}`,
          count: options.count,
          timeoutMs: options.timeoutMs,
          appQuery: 'sockets=main',
        },
        { ...rounds, modes: both, label: 'on-page' },
      );
    }
    if (wants('big')) {
      runsBy.big = await runRounds(
        context,
        {
          scenario: 'ingest',
          stream: `/stream?rate=0&count=${options.bigCount}&size=${BIG_FRAME_BYTES}`,
          count: options.bigCount,
          timeoutMs: timeoutFor(options.bigCount * 20),
        },
        // The relay reference shows what handing 64 KiB strings from a worker to the page costs by itself.
        { ...rounds, modes: [...both, 'relay'], label: 'big' },
      );
    }
    if (wants('latency')) {
      runsBy.latency = await runRounds(
        context,
        {
          scenario: 'latency',
          stream: `/stream?rate=${options.latencyRate}&count=${options.latencyCount}&stamp=1`,
          count: options.latencyCount,
          timeoutMs: timeoutFor(options.latencyCount) + (options.latencyCount / options.latencyRate) * 1000,
          beforeRun: () => {
            stamps = [];
          },
        },
        // The bare page, showing its count every frame, is the floor this machine sets for the same stream.
        { ...rounds, modes: both, label: 'latency' },
      );
    }
    if (wants('memory')) {
      runsBy.memory = await runRounds(
        context,
        {
          scenario: 'memory',
          stream: `/stream?rate=0&count=${options.memoryCount}`,
          count: options.memoryCount,
          timeoutMs: timeoutFor(options.memoryCount),
        },
        { rounds: options.memoryRounds, warmup: 0, modes: both, label: 'memory' },
      );
    }
    if (wants('pretty')) {
      runsBy.pretty = await runRounds(
        context,
        {
          scenario: 'pretty',
          stream: `/stream?rate=0&count=1&size=${PRETTY_FRAME_BYTES}&records=1`,
          count: 1,
          timeoutMs: 30_000,
        },
        { ...rounds, modes: appOnly, label: 'pretty' },
      );
    }
  } finally {
    await killAllBrowsers();
    await benchServer?.close();
    await testServer?.close();
  }

  /** @type {Figure[]} */
  const figures = [];
  /** @type {Record<string, unknown>} */
  const summaries = {};

  if (runsBy.ingest) {
    const runs = runsBy.ingest;
    const ingest = summariseIngest(runs, options.count, options.target);
    summaries.ingest = { ...ingest, runs };
    figures.push(
      figureOf(
        'ingest.bare',
        '1 ingest 120 B',
        `bare page msg/s, median of ${options.rounds}`,
        ingest.bareMedianMsgsPerSec,
        `${int(ingest.bareMedianMsgsPerSec)} msg/s ${rateRange(runs, 'bare')}`,
        'baseline',
        null,
      ),
      figureOf(
        'ingest.app',
        '1 ingest 120 B',
        `app msg/s, median of ${options.rounds}`,
        ingest.appMedianMsgsPerSec,
        `${int(ingest.appMedianMsgsPerSec)} msg/s ${rateRange(runs, 'app')}`,
        '',
        null,
      ),
      figureOf(
        'ingest.ratio',
        '1 ingest 120 B',
        'app / bare',
        ingest.ratio,
        percent(ingest.ratio),
        `>= ${percent(options.target)}`,
        ingest.ratioPass,
      ),
      figureOf(
        'ingest.exact',
        '1 ingest 120 B',
        `app counted exactly ${int(options.count)}`,
        `${ingest.appExactRuns}/${ingest.appRuns}`,
        `${ingest.appExactRuns}/${ingest.appRuns} runs`,
        'all runs',
        ingest.allCounted,
      ),
    );
  }
  if (runsBy['ingest-main']) {
    const runs = runsBy['ingest-main'];
    const onPage = summariseIngest(runs, options.count, options.target);
    summaries.ingestMain = { ...onPage, runs };
    figures.push(
      figureOf(
        'ingestMain.ratio',
        '1 ingest 120 B',
        'app with sockets on the page (?sockets=main) / bare',
        onPage.ratio,
        percent(onPage.ratio),
        'comparison',
        null,
      ),
    );
  }
  if (runsBy.big) {
    const runs = runsBy.big;
    const big = summariseIngest(runs, options.bigCount, 0.8);
    const bareBytes = big.bareMedianMsgsPerSec === null ? null : big.bareMedianMsgsPerSec * BIG_FRAME_BYTES;
    const appBytes = big.appMedianMsgsPerSec === null ? null : big.appMedianMsgsPerSec * BIG_FRAME_BYTES;
    const relayMedian = medianRate(runs, 'relay');
    const relayBytes = relayMedian === null ? null : relayMedian * BIG_FRAME_BYTES;
    const appPerRelay = relayBytes && appBytes !== null ? appBytes / relayBytes : null;
    summaries.big = {
      ...big,
      frameBytes: BIG_FRAME_BYTES,
      bareBytesPerSec: bareBytes,
      appBytesPerSec: appBytes,
      relayBytesPerSec: relayBytes,
      appPerRelay,
      runs,
    };
    figures.push(
      figureOf(
        'big.bare',
        '2 ingest 64 KiB',
        `bare page bytes/s, median of ${options.rounds}`,
        bareBytes,
        mibPerSec(bareBytes),
        'baseline',
        null,
      ),
      figureOf(
        'big.app',
        '2 ingest 64 KiB',
        `app bytes/s, median of ${options.rounds}`,
        appBytes,
        mibPerSec(appBytes),
        '',
        null,
      ),
      figureOf(
        'big.relay',
        '2 ingest 64 KiB',
        `relay page (socket in a worker, keeps every string) bytes/s, median of ${options.rounds}`,
        relayBytes,
        mibPerSec(relayBytes),
        'reference',
        null,
      ),
      figureOf(
        'big.appPerRelay',
        '2 ingest 64 KiB',
        'app / relay page',
        appPerRelay,
        percent(appPerRelay),
        'reference',
        null,
      ),
      figureOf(
        'big.ratio',
        '2 ingest 64 KiB',
        '64 KiB frames bytes/s app / bare',
        big.ratio,
        percent(big.ratio),
        '>= 80.0%',
        big.ratio === null ? false : big.ratio >= 0.8 && big.allCounted,
      ),
    );
  }
  if (runsBy.latency) {
    const runs = runsBy.latency;
    const latencyOfRuns = (/** @type {PageMode} */ mode) =>
      runs
        .filter((run) => run.mode === mode)
        .map((run) => /** @type {Record<string, any>} */ (run.detail)?.latency ?? null);
    const perRun = latencyOfRuns('app');
    const bareRuns = latencyOfRuns('bare');
    const p95 = median(numbers(perRun.map((l) => l?.p95Ms)));
    const p50 = median(numbers(perRun.map((l) => l?.p50Ms)));
    const bareP95 = median(numbers(bareRuns.map((l) => l?.p95Ms)));
    const bareP50 = median(numbers(bareRuns.map((l) => l?.p50Ms)));
    summaries.latency = {
      rate: options.latencyRate,
      count: options.latencyCount,
      p50MedianMs: p50,
      p95MedianMs: p95,
      bareP50MedianMs: bareP50,
      bareP95MedianMs: bareP95,
      perRun,
      bareRuns,
      runs,
    };
    figures.push(
      figureOf(
        'latency.bareP50',
        '3 latency',
        `bare page (count shown every frame) p50, median of ${bareRuns.length}`,
        bareP50,
        ms(bareP50),
        'reference',
        null,
      ),
      figureOf(
        'latency.bareP95',
        '3 latency',
        `bare page (count shown every frame) p95, median of ${bareRuns.length}`,
        bareP95,
        ms(bareP95),
        'reference',
        null,
      ),
      figureOf(
        'latency.p50',
        '3 latency',
        `p50 at ${int(options.latencyRate)} msg/s, median of ${perRun.length}`,
        p50,
        ms(p50),
        '',
        null,
      ),
      figureOf(
        'latency.p95',
        '3 latency',
        `latency p95 at ${int(options.latencyRate)} msg/s, median of ${perRun.length}`,
        p95,
        ms(p95),
        '<= 50 ms',
        p95 === null ? false : p95 <= 50,
      ),
    );
  }
  if (runsBy.memory) {
    const runs = runsBy.memory;
    const bare = median(numbers(runs.filter((r) => r.mode === 'bare').map(bytesPerRowOf)));
    const app = median(numbers(runs.filter((r) => r.mode === 'app').map(bytesPerRowOf)));
    const gcForced = runs.every((run) => run.detail?.ingest.gcForced === true);
    const filters = runs.flatMap((run) => {
      const filter = /** @type {Record<string, any>} */ (run.detail)?.filter;
      return run.mode === 'app' && filter ? [filter] : [];
    });
    const available = filters.some((f) => f.available);
    summaries.memory = {
      count: options.memoryCount,
      gcForced,
      bareBytesPerRow: app === null ? null : bare,
      appBytesPerRow: app,
      runs,
    };
    summaries.filter = { available, perRun: filters };
    const rows = int(options.memoryCount);
    figures.push(
      figureOf(
        'memory.bare',
        '4 memory',
        `bare page (keeps every string) heap bytes per row at ${rows} rows`,
        bare,
        bare === null ? '–' : `${bare.toFixed(0)} B`,
        'baseline',
        null,
      ),
      figureOf(
        'memory.app',
        '4 memory',
        `heap bytes per row at ${rows} rows${gcForced ? '' : ' (no gc())'}`,
        app,
        app === null ? '–' : `${app.toFixed(0)} B`,
        '<= 200 B',
        app === null ? false : app <= 200,
      ),
    );
    if (!available) {
      for (const [id, measure, target] of /** @type {const} */ ([
        ['filter.first', 'first matches on screen after typing', '<= 100 ms'],
        ['filter.full', 'full match count', '<= 1,000 ms'],
        ['filter.longtask', 'longest task while filtering', '<= 50 ms'],
      ]))
        figures.push(
          figureOf(
            id,
            `7 filter at ${rows}`,
            measure,
            null,
            'not available (no "Filter timeline" box)',
            target,
            null,
          ),
        );
    } else {
      const first = median(numbers(filters.map((f) => f.firstMatchesMs)));
      const full = median(numbers(filters.map((f) => f.fullCountMs)));
      const longest = median(numbers(filters.map((f) => f.longTasks?.maxMs)));
      figures.push(
        figureOf(
          'filter.first',
          `7 filter at ${rows}`,
          'first matches on screen after typing',
          first,
          ms(first),
          '<= 100 ms',
          first !== null && first <= 100,
        ),
        figureOf(
          'filter.full',
          `7 filter at ${rows}`,
          'full match count',
          full,
          ms(full),
          '<= 1,000 ms',
          full !== null && full <= 1000,
        ),
        figureOf(
          'filter.longtask',
          `7 filter at ${rows}`,
          'longest task while filtering',
          longest,
          ms(longest),
          '<= 50 ms',
          longest !== null && longest <= 50,
        ),
      );
    }
  }
  if (runsBy.pretty) {
    const runs = runsBy.pretty;
    const perRun = runs.map((run) => /** @type {Record<string, any>} */ (run.detail)?.pretty ?? null);
    const firstScreen = median(numbers(perRun.map((p) => p?.firstScreenMs)));
    const click = median(numbers(perRun.map((p) => p?.clickMaxMs)));
    summaries.pretty = {
      frameBytes: PRETTY_FRAME_BYTES,
      firstScreenMedianMs: firstScreen,
      clickMaxMedianMs: click,
      perRun,
      runs,
    };
    figures.push(
      figureOf(
        'pretty.first',
        '5 large JSON',
        '2 MiB JSON pretty view first screen, median',
        firstScreen,
        ms(firstScreen),
        '<= 200 ms',
        firstScreen === null ? false : firstScreen <= 200,
      ),
      figureOf(
        'pretty.click',
        '5 large JSON',
        `click answered while shown (slowest of ${6}), median`,
        click,
        ms(click),
        '<= 50 ms',
        click === null ? false : click <= 50,
      ),
    );
  }

  const appStartups = Object.values(runsBy)
    .flat()
    .flatMap((run) => (run.mode === 'app' && run.detail ? [run.detail.startup] : []));
  const browserStartup = summariseBrowserStartup(appStartups);
  figures.push(
    figureOf(
      'startup.initialJs',
      '6 start-up',
      `initial JS, gzip -${bundle.gzipLevel} (${bundle.initial.length} file${bundle.initial.length === 1 ? '' : 's'})`,
      bundle.initialGzipBytes,
      kib(bundle.initialGzipBytes),
      `<= ${kib(bundle.limitBytes)}`,
      bundle.initialGzipBytes <= bundle.limitBytes,
    ),
    figureOf(
      'startup.monaco',
      '6 start-up',
      'Monaco in initial JS',
      bundle.monacoInInitial ? 'yes' : 'no',
      bundle.monacoInInitial ? 'yes' : 'no',
      'no',
      !bundle.monacoInInitial,
    ),
    figureOf(
      'startup.connect',
      '6 start-up',
      'navigation -> Connect enabled, median',
      browserStartup.connectReadyMedianMs,
      ms(browserStartup.connectReadyMedianMs),
      '',
      null,
    ),
    figureOf(
      'startup.editor',
      '6 start-up',
      'navigation -> editor shown, median',
      browserStartup.editorMedianMs,
      ms(browserStartup.editorMedianMs),
      '',
      null,
    ),
  );

  const rows = [
    ['Figure', 'Measure', 'Value', 'Target', 'Result'],
    ...figures.map((f) => [
      f.figure,
      f.measure,
      f.shown,
      f.target,
      f.value === null && f.pass === null && f.target !== '' && f.target !== 'baseline'
        ? 'n/a'
        : verdict(f.pass),
    ]),
  ];
  console.log(`\n${formatTable(rows)}\n`);
  console.log(
    `Initial JS: ${bundle.initial.map((c) => `${c.path} ${kib(c.gzipBytes)} gz (${kib(c.bytes)} raw, ${c.via})`).join('; ')}`,
  );
  if (bundle.notPreloaded.length > 0)
    console.log(`  statically imported but not preloaded: ${bundle.notPreloaded.join(', ')}`);
  console.log('Largest lazy chunks (gzip):');
  for (const chunk of bundle.lazy.slice(0, 6)) {
    console.log(`  ${kib(chunk.gzipBytes).padStart(10)}  ${chunk.path}${chunk.monaco ? '  (Monaco)' : ''}`);
  }
  for (const [name, runs] of Object.entries(runsBy)) {
    if (name !== 'ingest' && name !== 'big' && name !== 'ingest-main') continue;
    const summary = /** @type {{ perRoundRatios: (number | null)[] }} */ (
      summaries[name === 'ingest-main' ? 'ingestMain' : name]
    );
    console.log(
      `Per-round app/bare (${name}): ${summary.perRoundRatios.map((ratio) => percent(ratio)).join(', ')}`,
    );
    const frameLines = runs.flatMap(describeLongFrames);
    if (frameLines.length > 0) {
      console.log(`Main thread during ${name} (long animation frames > 50 ms; time and share of the run):`);
      for (const line of frameLines) console.log(`  ${line}`);
    }
  }
  for (const [name, runs] of Object.entries(runsBy)) {
    for (const run of runs.filter((r) => r.mode === 'app' && !r.exact))
      console.log(`App run ${name} #${run.round} failed: ${run.error ?? describeRun(run)}`);
  }

  const results = {
    benchVersion: 2,
    timestamp: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    git,
    node: process.version,
    platform: {
      os: `${platform()} ${release()}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg(),
    },
    chromium: { path: options.chromePath, version: chromium, flags: CHROMIUM_FLAGS },
    config: {
      only: options.only,
      count: options.count,
      rounds: options.rounds,
      warmup: options.warmup,
      settleMs: options.settleMs,
      timeoutMs: options.timeoutMs,
      target: options.target,
      initialJsLimitBytes: options.initialJsLimitBytes,
      frameBytes: 120,
      bigCount: options.bigCount,
      latencyCount: options.latencyCount,
      latencyRate: options.latencyRate,
      memoryCount: options.memoryCount,
      memoryRounds: options.memoryRounds,
    },
    figures,
    ...summaries,
    startup: { bundle, browser: browserStartup },
    verdicts: Object.fromEntries(figures.filter((f) => f.pass !== null).map((f) => [f.id, f.pass])),
  };
  console.log('');
  for (const line of compareWithPrevious(previous, results)) console.log(line);
  if (options.save) {
    const file = await saveResults(RESULTS, results);
    console.log(`\nSaved ${file.slice(ROOT.length)} and bench/results/latest.json`);
  }
}

async function main() {
  let options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  const abort = new AbortController();
  let interrupts = 0;
  /** @param {NodeJS.Signals} name */
  const onSignal = (name) => {
    interrupts++;
    if (interrupts > 1) {
      killAllBrowsersNow();
      process.exit(130);
    }
    console.error(`\n${name}: stopping, ending Chromium and servers…`);
    abort.abort(new Error(`interrupted by ${name}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killAllBrowsersNow);

  try {
    await bench(options, abort.signal);
    return 0;
  } catch (error) {
    console.error(`\nThe bench failed to run: ${error instanceof Error ? error.message : String(error)}`);
    return abort.signal.aborted ? 130 : 1;
  } finally {
    await killAllBrowsers();
  }
}

process.exitCode = await main();
