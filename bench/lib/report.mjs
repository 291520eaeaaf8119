// @ts-check
/** Summaries, the stdout table, the saved JSON and the comparison with the previous run. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What harness.js POSTs (see its `main`); times in ms, relative to the iframe navigation (start-up) or the click.
 * @typedef {{ name: string, type: string, startMs: number, endMs: number, encodedBytes: number }} ResourceTiming
 * @typedef {object} HarnessStartup
 * @property {number} connectReadyMs navigation to an enabled "Connect" button
 * @property {number | null} editorMs navigation to the editor (aria-label="Message"); app only
 * @property {boolean} editorChunkRequestedBeforeReady
 * @property {ResourceTiming | null} editorChunk
 * @property {Record<string, number | null>} navigation navigation and paint timing of the page
 * @property {ResourceTiming[]} scriptsAtReady
 * @property {ResourceTiming[]} resources
 * @typedef {object} LongFrames
 * @property {number} count
 * @property {number} totalMs
 * @property {number} blockingMs
 * @property {number} taskScriptMs attributed scripts (5 ms or more) in tasks before rendering, e.g. event handlers
 * @property {number} otherTasksMs the rest of the tasks before rendering: mostly many short ones (message events)
 * @property {number} renderMs frameCallbacksMs + styleLayoutPaintMs
 * @property {number} frameCallbacksMs requestAnimationFrame callbacks and observers (renderStart to styleAndLayoutStart)
 * @property {number} styleLayoutPaintMs style, layout and paint (styleAndLayoutStart to the end of the frame)
 * @property {number} forcedStyleLayoutMs layout forced synchronously by scripts (part of the above)
 * @property {{ script: string, ms: number, count: number }[]} topScripts
 * @typedef {object} HarnessIngest
 * @property {boolean} reached
 * @property {number | null} elapsedMs click to the shown count reaching N
 * @property {number | null} msgsPerSec
 * @property {string | null} detectedBy "mutation" (MutationObserver) or "poll"
 * @property {number} finalCount the count shown one second after reaching N (or at the timeout)
 * @property {string} finalText
 * @property {string} shownAtEnd
 * @property {number} displayUpdates distinct counts shown during the run
 * @property {number | null} firstShownMs click to the first non-zero count shown
 * @property {number} frames animation frames the harness got during the run
 * @property {number} [framesPerSec]
 * @property {{ count: number, totalMs: number, maxMs: number }} longTasks
 * @property {LongFrames | null} longAnimationFrames frames over 50 ms during the run (null: API unsupported)
 * @property {number | null} heapBeforeBytes JS heap before the click (precise memory info)
 * @property {number | null} heapAfterBytes one second after reaching N
 * @property {number | null} [heapAfterGcBytes] then, after a full collection (memory scenario)
 * @property {boolean} [gcForced] whether gc() ran before and after (Chromium with --expose-gc)
 * @property {string | null} connectionState
 * @property {string[]} alerts
 * @property {{ ms: number, count: number }[]} updates the shown count over time (sampled)
 * @typedef {'bare' | 'app' | 'relay'} PageMode the counting page, the app, or the counting page with its socket in a worker
 * @typedef {object} HarnessReport
 * @property {'result'} kind
 * @property {string} run
 * @property {PageMode} mode
 * @property {number} count
 * @property {HarnessStartup} startup
 * @property {HarnessIngest} ingest
 * @property {string[]} pageErrors
 * @property {string} userAgent
 *
 * @typedef {object} IngestRun
 * @property {PageMode} mode
 * @property {number} round 1-based; warm-up runs are not kept
 * @property {boolean} ok the harness reported a result
 * @property {string | null} error why there is no result
 * @property {boolean} reached the shown count reached N (or passed it) before the timeout
 * @property {boolean} exact the count shown a second after reaching N was exactly N
 * @property {number | null} finalCount
 * @property {number | null} msgsPerSec
 * @property {number | null} elapsedMs
 * @property {HarnessReport | null} detail everything the harness measured
 */

/** @param {number[]} values */
export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** @param {number | null | undefined} value */
export const int = (value) =>
  value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US');
/** @param {number} bytes */
export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
/** @param {number | null | undefined} ms */
export const ms = (ms) =>
  ms === null || ms === undefined ? '–' : `${Math.round(ms).toLocaleString('en-US')} ms`;
/** @param {number | null | undefined} ratio */
export const percent = (ratio) =>
  ratio === null || ratio === undefined ? '–' : `${(ratio * 100).toFixed(1)}%`;
/** @param {boolean | null} pass */
export const verdict = (pass) => (pass === null ? 'info' : pass ? 'PASS' : 'FAIL');

/**
 * @param {string[][]} rows first row is the header
 * @returns {string}
 */
export function formatTable(rows) {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (/** @type {string[]} */ row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(rows[0] ?? []), rule, ...rows.slice(1).map(line)].join('\n');
}

/**
 * Median messages/s of one page's runs that counted exactly N; null without any.
 * @param {IngestRun[]} runs
 * @param {PageMode} mode
 */
export function medianRate(runs, mode) {
  return median(
    runs.flatMap((run) =>
      run.mode === mode && run.reached && run.exact && run.msgsPerSec !== null ? [run.msgsPerSec] : [],
    ),
  );
}

/**
 * @param {IngestRun[]} runs
 * @param {number} count
 * @param {number} target
 */
export function summariseIngest(runs, count, target) {
  const bare = runs.filter((run) => run.mode === 'bare');
  const app = runs.filter((run) => run.mode === 'app');
  const bareMedian = medianRate(runs, 'bare');
  const appMedian = medianRate(runs, 'app');
  const ratio = bareMedian && appMedian ? appMedian / bareMedian : null;
  const appExactRuns = app.filter((run) => run.exact).length;
  const allCounted = app.length > 0 && appExactRuns === app.length;
  /** Paired ratio per round, for spotting drift. */
  const perRoundRatios = app.map((run) => {
    const partner = bare.find((candidate) => candidate.round === run.round);
    return partner?.msgsPerSec && run.msgsPerSec ? run.msgsPerSec / partner.msgsPerSec : null;
  });
  return {
    count,
    target,
    bareMedianMsgsPerSec: bareMedian,
    appMedianMsgsPerSec: appMedian,
    ratio,
    perRoundRatios,
    appExactRuns,
    appRuns: app.length,
    allCounted,
    ratioPass: ratio !== null && ratio >= target,
    pass: ratio !== null && ratio >= target && allCounted,
  };
}

/**
 * Reads the previous latest.json, if any (before it is overwritten).
 * @param {string} resultsDir
 * @returns {Promise<Record<string, any> | null>}
 */
export async function readPrevious(resultsDir) {
  try {
    return JSON.parse(await readFile(join(resultsDir, 'latest.json'), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Writes <timestamp>.json and latest.json (atomically, via a temporary file).
 * @param {string} resultsDir
 * @param {Record<string, unknown> & { timestamp: string }} results
 * @returns {Promise<string>} the timestamped file
 */
export async function saveResults(resultsDir, results) {
  await mkdir(resultsDir, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(resultsDir, `${results.timestamp.replace(/:/g, '-')}.json`);
  await writeFile(file, text);
  const latestTemp = join(resultsDir, `.latest-${process.pid}.tmp`);
  await writeFile(latestTemp, text);
  await rename(latestTemp, join(resultsDir, 'latest.json'));
  return file;
}

/**
 * @param {number | null | undefined} before
 * @param {number | null | undefined} after
 * @param {(value: number) => string} format
 * @param {'higher' | 'lower' | null} better which direction is an improvement (null: no judgement)
 * @param {'relative' | 'points'} [unit] relative change, or percentage points for ratios
 */
function change(before, after, format, better, unit = 'relative') {
  if (typeof before !== 'number' || typeof after !== 'number') return null;
  const delta = unit === 'points' ? after - before : before === 0 ? 0 : (after - before) / before;
  const shown = unit === 'points' ? `${(delta * 100).toFixed(1)} pp` : `${(delta * 100).toFixed(1)}%`;
  const noise = unit === 'points' ? 0.02 : 0.03;
  let judgement = '';
  if (Math.abs(delta) < noise) judgement = ' (within noise)';
  else if (better) judgement = delta > 0 === (better === 'higher') ? ' (better)' : ' (worse)';
  return `${format(before)} -> ${format(after)}  ${delta >= 0 ? '+' : ''}${shown}${judgement}`;
}

/**
 * Lines describing how `current` differs from `previous` (both saved result objects).
 * @param {Record<string, any> | null} previous
 * @param {Record<string, any>} current
 * @returns {string[]}
 */
export function compareWithPrevious(previous, current) {
  if (!previous) return ['No previous bench/results/latest.json: nothing to compare with.'];
  const lines = [
    `Compared with the previous run (${previous.timestamp ?? '?'}, commit ${previous.git?.commit ?? '?'}` +
      `${previous.git?.dirty ? ' + local changes' : ''}, N=${int(previous.config?.count)}, rounds ${previous.config?.rounds ?? '?'}):`,
  ];
  if (previous.config?.count !== current.config.count) {
    lines.push(`  note: N differs (${int(previous.config?.count)} then, ${int(current.config.count)} now)`);
  }
  if (previous.chromium?.version !== current.chromium.version) {
    lines.push(`  note: Chromium differs (${previous.chromium?.version ?? '?'} then)`);
  }
  const rows = [
    [
      'bare page msg/s',
      change(previous.ingest?.bareMedianMsgsPerSec, current.ingest?.bareMedianMsgsPerSec, int, null),
    ],
    [
      'app msg/s',
      change(previous.ingest?.appMedianMsgsPerSec, current.ingest?.appMedianMsgsPerSec, int, 'higher'),
    ],
    ['app / bare', change(previous.ingest?.ratio, current.ingest?.ratio, percent, 'higher', 'points')],
    [
      'initial JS (gzip)',
      change(
        previous.startup?.bundle?.initialGzipBytes,
        current.startup.bundle.initialGzipBytes,
        kib,
        'lower',
      ),
    ],
    [
      'Connect ready',
      change(
        previous.startup?.browser?.connectReadyMedianMs,
        current.startup.browser.connectReadyMedianMs,
        ms,
        'lower',
      ),
    ],
    [
      'editor shown',
      change(previous.startup?.browser?.editorMedianMs, current.startup.browser.editorMedianMs, ms, 'lower'),
    ],
  ];
  // Figures saved by both runs (bench version 2 and later), other than those compared above.
  /** @type {Record<string, 'higher' | 'lower'>} Figures where more is better; for the rest with a target, less is. */
  const better = { 'big.ratio': 'higher', 'big.app': 'higher' };
  for (const figure of current.figures ?? []) {
    if (
      figure.id.startsWith('ingest.') ||
      figure.id.startsWith('startup.') ||
      typeof figure.value !== 'number'
    )
      continue;
    const before = (previous.figures ?? []).find((/** @type {{ id: string }} */ f) => f.id === figure.id);
    if (typeof before?.value !== 'number') continue;
    const ratio = figure.id.endsWith('.ratio');
    const format = ratio ? percent : (/** @type {number} */ value) => value.toFixed(1);
    const direction = better[figure.id] ?? (figure.pass === null ? null : 'lower');
    rows.push([
      figure.id,
      change(before.value, figure.value, format, direction, ratio ? 'points' : 'relative'),
    ]);
  }
  for (const [label, text] of rows) if (text) lines.push(`  ${String(label).padEnd(18)} ${text}`);
  return lines;
}
