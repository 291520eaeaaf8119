import type { StepResult } from '../core/scenario/scenario-runner';
import type { RunReport, ScenarioReport } from './run-collection';

/*
 * The three report formats of `frameline run`: pretty for people (colours only on a terminal), JSON with every
 * step's timing for scripts, JUnit XML for CI systems (one testsuite per scenario run, one testcase per step).
 */

export interface PrettyOptions {
  colour: boolean;
}

const ANSI = { green: '\x1b[32m', red: '\x1b[31m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function prettyReport(report: RunReport, options: PrettyOptions): string {
  const paint = (colour: keyof typeof ANSI, text: string) =>
    options.colour ? `${ANSI[colour]}${text}${ANSI.reset}` : text;
  const lines: string[] = [];
  for (const scenario of report.scenarios) {
    const many = scenario.runs.length > 1;
    const failedRuns = scenario.runs.filter((r) => !r.passed).length;
    const mark = scenario.passed ? paint('green', '✓') : paint('red', '✗');
    lines.push(
      `${mark} ${paint('bold', scenario.label)}${many ? ` ×${scenario.runs.length}, ${failedRuns} failed` : ''} ${paint('dim', `(${formatMs(totalMs(scenario))})`)}`,
    );
    if (scenario.headers.length > 0)
      lines.push(
        `    ${paint('dim', `handshake headers sent: ${scenario.headers.join(', ')} (a browser cannot send these; the app does not)`)}`,
      );
    // One run is shown step by step: the first failing one, or the only one.
    const shown = scenario.runs.find((r) => !r.passed) ?? (many ? undefined : scenario.runs[0]);
    if (shown) {
      for (const step of shown.steps) lines.push(...prettyStep(step, paint));
    }
    if (scenario.latency) {
      const l = scenario.latency;
      lines.push(
        `    ${paint('dim', `request latency over ${l.count}: p50 ${formatMs(l.p50)}, p90 ${formatMs(l.p90)}, p95 ${formatMs(l.p95)}, p99 ${formatMs(l.p99)}, max ${formatMs(l.max)}`)}`,
      );
    }
  }
  for (const label of report.notRun)
    lines.push(`${paint('dim', '-')} ${label} ${paint('dim', '(not run: --bail)')}`);
  lines.push('', summaryLine(report));
  return `${lines.join('\n')}\n`;
}

function prettyStep(step: StepResult, paint: (colour: keyof typeof ANSI, text: string) => string): string[] {
  const mark =
    step.status === 'passed'
      ? paint('green', '✓')
      : step.status === 'failed'
        ? paint('red', '✗')
        : paint('dim', '-');
  const timing = step.status === 'skipped' ? 'skipped' : formatMs(step.durationMs);
  const latency = step.latencyMs === undefined ? '' : `, round trip ${formatMs(step.latencyMs)}`;
  const lines = [`    ${mark} ${step.id}. ${step.description} ${paint('dim', `(${timing}${latency})`)}`];
  if (step.failure) {
    lines.push(`        ${paint('red', step.failure.message)}`);
    for (const d of step.failure.differences ?? [])
      lines.push(
        `        ${d.path}: ${paint('green', `- expected ${d.expected}`)}  ${paint('red', `+ actual ${d.actual}`)}`,
      );
    if (step.failure.expected !== undefined)
      lines.push(`        ${paint('green', `- expected: ${step.failure.expected}`)}`);
    if (step.failure.actual !== undefined)
      lines.push(`        ${paint('red', `+ actual:   ${step.failure.actual}`)}`);
  }
  return lines;
}

/** "2 scenarios: 1 passed, 1 failed (1.2 s)". */
export function summaryLine(report: RunReport): string {
  const passed = report.scenarios.filter((s) => s.passed).length;
  const failed = report.scenarios.length - passed;
  const parts = [`${passed} passed`, `${failed} failed`];
  if (report.notRun.length > 0) parts.push(`${report.notRun.length} not run`);
  const total = report.scenarios.length + report.notRun.length;
  return `${total} scenario${total === 1 ? '' : 's'}: ${parts.join(', ')} (${formatMs(report.durationMs)})`;
}

export function jsonReport(report: RunReport): string {
  return `${JSON.stringify(
    {
      passed: report.passed,
      durationMs: report.durationMs,
      scenarios: report.scenarios.map((s) => ({
        name: s.label,
        connection: s.connection,
        headers: s.headers,
        passed: s.passed,
        latency: s.latency,
        runs: s.runs.map((run) => ({
          passed: run.passed,
          durationMs: run.durationMs,
          captured: run.captured,
          steps: run.steps,
        })),
      })),
      notRun: report.notRun,
    },
    null,
    2,
  )}\n`;
}

export function junitReport(report: RunReport): string {
  const suites = report.scenarios.flatMap((scenario) =>
    scenario.runs.map((run, index) => junitSuite(scenario, run.steps, run.durationMs, index)),
  );
  const tests = report.scenarios.flatMap((s) => s.runs).reduce((n, r) => n + r.steps.length, 0);
  const failures = report.scenarios
    .flatMap((s) => s.runs)
    .reduce((n, r) => n + r.steps.filter((step) => step.status === 'failed').length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="frameline" tests="${tests}" failures="${failures}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function junitSuite(
  scenario: ScenarioReport,
  steps: readonly StepResult[],
  durationMs: number,
  index: number,
): string {
  const name = scenario.runs.length > 1 ? `${scenario.label} #${index + 1}` : scenario.label;
  const failures = steps.filter((s) => s.status === 'failed').length;
  const skipped = steps.filter((s) => s.status === 'skipped').length;
  const cases = steps.map((step) => {
    const open = `    <testcase name="${xml(`${step.id}. ${step.description}`)}" classname="${xml(scenario.label)}" time="${seconds(step.durationMs)}"`;
    if (step.status === 'skipped') return `${open}>\n      <skipped/>\n    </testcase>`;
    if (step.status !== 'failed' || !step.failure) return `${open}/>`;
    const detail = [
      step.failure.message,
      ...(step.failure.differences ?? []).map((d) => `${d.path}: expected ${d.expected}, got ${d.actual}`),
      ...(step.failure.expected === undefined ? [] : [`expected: ${step.failure.expected}`]),
      ...(step.failure.actual === undefined ? [] : [`actual:   ${step.failure.actual}`]),
    ].join('\n');
    return `${open}>\n      <failure message="${xml(step.failure.message)}" type="AssertionError">${xml(detail)}</failure>\n    </testcase>`;
  });
  return [
    `  <testsuite name="${xml(name)}" tests="${steps.length}" failures="${failures}" skipped="${skipped}" time="${seconds(durationMs)}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function totalMs(scenario: ScenarioReport): number {
  return scenario.runs.reduce((max, run) => Math.max(max, run.durationMs), 0);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

// Text and attribute values: the five XML specials, and control characters XML 1.0 cannot hold at all.
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot hold
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
