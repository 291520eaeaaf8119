// @ts-check
/**
 * `npm run bench`: Figure 1 (ingest of a firehose, app vs a bare counting page) and Figure 2 (start-up: initial
 * JS size and time to a usable Connect button), measured in headless Chromium with no DevTools attached.
 * Expects a fresh `vite build` in dist/. See bench/README.md.
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
 * One ingest run in a fresh Chromium: launch on the harness page, wait for its report, always end the browser.
 * @param {object} context
 * @param {import('./lib/args.mjs').BenchOptions} context.options
 * @param {import('./lib/bench-server.mjs').BenchServer} context.benchServer
 * @param {string} context.wsBase
 * @param {AbortSignal} context.signal
 * @param {'bare' | 'app'} mode
 * @param {string} runId
 * @returns {Promise<HarnessReport>}
 */
async function runOnce({ options, benchServer, wsBase, signal }, mode, runId) {
  const query = new URLSearchParams({
    run: runId,
    mode,
    ws: `${wsBase}/stream?rate=0&count=${options.count}`,
    n: String(options.count),
    settle: String(options.settleMs),
    timeout: String(options.timeoutMs),
  });
  const runAbort = new AbortController();
  const onOuterAbort = () => runAbort.abort(signal.reason);
  signal.addEventListener('abort', onOuterAbort);
  const browser = await launchChromium(
    options.chromePath,
    `${benchServer.origin}/__bench/harness.html?${query}`,
  );
  try {
    const budget = options.timeoutMs + options.settleMs + HARNESS_OVERHEAD_MS;
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
 * @param {'bare' | 'app'} mode
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

  const loadAtStart = loadavg();
  console.log(`Frameline bench: ${chromium}, Node ${process.version}, commit ${git.commit ?? 'unknown'}`);
  if ((loadAtStart[0] ?? 0) > cpus().length) {
    console.log(
      `Note: load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs: other work ` +
        'is running; absolute rates will be low and noisy (the alternating app/bare ratio suffers less).',
    );
  }
  console.log(
    `Ingest: N=${int(options.count)}, ${options.rounds} round(s) of bare + app` +
      `${options.warmup ? ` after ${options.warmup} warm-up pair(s)` : ''}, fresh Chromium per run, no CDP\n`,
  );

  /** @type {Awaited<ReturnType<typeof startTestServer>> | undefined} */
  let testServer;
  /** @type {import('./lib/bench-server.mjs').BenchServer | undefined} */
  let benchServer;
  /** @type {IngestRun[]} */
  const runs = [];
  try {
    testServer = await startTestServer({ host: '127.0.0.1', port: 0, log: () => {} });
    benchServer = await startBenchServer({ dist });
    const context = { options, benchServer, wsBase: testServer.wsUrl, signal };
    let sequence = 0;
    for (let round = 1 - options.warmup; round <= options.rounds; round++) {
      for (const mode of /** @type {const} */ (['bare', 'app'])) {
        signal.throwIfAborted();
        const runId = `${mode}-${++sequence}`;
        /** @type {HarnessReport | null} */
        let report = null;
        /** @type {string | null} */
        let error = null;
        try {
          report = await runOnce(context, mode, runId);
        } catch (caught) {
          // The bare page must work, or the bench is broken; an app failure is a result to report.
          if (mode === 'bare' || signal.aborted) throw caught;
          error = caught instanceof Error ? caught.message : String(caught);
        }
        const run = toRun(mode, round, options.count, report, error);
        if (mode === 'bare' && !run.exact) {
          throw new Error(`the bare page did not count exactly ${options.count}: ${describeRun(run)}`);
        }
        const label = round < 1 ? '(warm-up) ' : '';
        console.log(`  ${label}${describeRun(run)}`);
        if (round >= 1) runs.push(run);
      }
    }
  } finally {
    await killAllBrowsers();
    await benchServer?.close();
    await testServer?.close();
  }

  const ingest = summariseIngest(runs, options.count, options.target);
  const browserStartup = summariseBrowserStartup(
    runs.flatMap((run) => (run.mode === 'app' && run.detail ? [run.detail.startup] : [])),
  );
  const failedAppRuns = runs.filter((run) => run.mode === 'app' && !run.exact);
  /** @param {'bare' | 'app'} mode */
  const range = (mode) => {
    const rates = runs.flatMap((run) =>
      run.mode === mode && run.msgsPerSec !== null ? [run.msgsPerSec] : [],
    );
    return rates.length > 1 ? `(${int(Math.min(...rates))}–${int(Math.max(...rates))})` : '';
  };

  const rows = [
    ['Figure', 'Measure', 'Value', 'Target', 'Result'],
    [
      '1 ingest',
      `bare page, median of ${options.rounds}`,
      `${int(ingest.bareMedianMsgsPerSec)} msg/s ${range('bare')}`,
      'baseline',
      'info',
    ],
    [
      '1 ingest',
      `app, median of ${options.rounds}`,
      `${int(ingest.appMedianMsgsPerSec)} msg/s ${range('app')}`,
      '',
      'info',
    ],
    [
      '1 ingest',
      'app / bare',
      percent(ingest.ratio),
      `>= ${percent(options.target)}`,
      verdict(ingest.ratioPass),
    ],
    [
      '1 ingest',
      `app counted exactly ${int(options.count)}`,
      `${ingest.appExactRuns}/${ingest.appRuns} runs`,
      'all runs',
      verdict(ingest.allCounted),
    ],
    [
      '2 start-up',
      `initial JS, gzip -${bundle.gzipLevel} (${bundle.initial.length} file${bundle.initial.length === 1 ? '' : 's'})`,
      kib(bundle.initialGzipBytes),
      `<= ${kib(bundle.limitBytes)}`,
      verdict(bundle.initialGzipBytes <= bundle.limitBytes),
    ],
    [
      '2 start-up',
      'Monaco in initial JS',
      bundle.monacoInInitial ? 'yes' : 'no',
      'no',
      verdict(!bundle.monacoInInitial),
    ],
    [
      '2 start-up',
      'navigation -> Connect enabled, median',
      ms(browserStartup.connectReadyMedianMs),
      '',
      'info',
    ],
    [
      '2 start-up',
      'editor chunk requested before Connect enabled',
      `${browserStartup.editorChunkRequestedBeforeReadyRuns}/${browserStartup.runs} runs`,
      '',
      'info',
    ],
    ['2 start-up', 'navigation -> editor shown, median', ms(browserStartup.editorMedianMs), '', 'info'],
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
  console.log(
    `Per-round app/bare: ${ingest.perRoundRatios.map((ratio) => percent(ratio)).join(', ')}; ` +
      `editor chunk fetched ${ms(browserStartup.editorChunkStartMedianMs)}–${ms(browserStartup.editorChunkEndMedianMs)} after navigation (median)`,
  );
  const frameLines = runs.flatMap(describeLongFrames);
  if (frameLines.length > 0) {
    console.log('Main thread during ingest (long animation frames > 50 ms; time and share of the run):');
    for (const line of frameLines) console.log(`  ${line}`);
  }
  for (const run of failedAppRuns)
    console.log(`App run #${run.round} failed: ${run.error ?? describeRun(run)}`);

  const results = {
    benchVersion: 1,
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
      count: options.count,
      rounds: options.rounds,
      warmup: options.warmup,
      settleMs: options.settleMs,
      timeoutMs: options.timeoutMs,
      target: options.target,
      initialJsLimitBytes: options.initialJsLimitBytes,
      frameBytes: 120,
    },
    ingest: { ...ingest, runs },
    startup: { bundle, browser: browserStartup },
    verdicts: {
      ingest: ingest.pass,
      initialJs: bundle.pass,
    },
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
