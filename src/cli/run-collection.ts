import {
  connectionsIn,
  type CollectionDocument,
  type DocumentConnection,
} from '../core/collection/collection-document';
import type { SocketLike } from '../core/session/socket';
import { err, ok, type Result } from '../core/shared/result';
import { createDynamicValues } from '../core/template/dynamic-values';
import { interpolate } from '../core/template/interpolate';
import type { VariableScope } from '../core/template/variable';
import type { Scenario } from '../core/scenario/scenario';
import { resolveScenarioMessage } from '../core/scenario/scenario-message';
import {
  checkScenario,
  failedBeforeStart,
  runScenario,
  type ScenarioResult,
  type ScenarioTimers,
} from '../core/scenario/scenario-runner';
import type { LensOptions } from '../core/protocol/lens';
import { parseHandshakePayload } from '../core/protocol/handshake-payload';
import { detectLens } from '../core/protocol/lens-catalog';
import { loadLens } from '../core/protocol/lens-registry';
import { withLens } from '../core/protocol/lens-socket';
import { lensesUsedBy } from '../core/scenario/message-matcher';
import type { RunArguments } from './cli-arguments';

/** One scenario of the file with everything needed to run it. */
export interface PlannedScenario {
  /** "Connection / Scenario": how reports name it. */
  label: string;
  connection: DocumentConnection;
  scenario: Scenario;
  scopes: VariableScope[];
}

/** Every run of one scenario (`--repeat`), and the latency of its request steps over all of them. */
export interface ScenarioReport {
  label: string;
  connection: string;
  /** Names of the handshake headers sent (a browser could not have sent them). */
  headers: string[];
  runs: ScenarioResult[];
  passed: boolean;
  latency: LatencySummary | null;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RunReport {
  passed: boolean;
  durationMs: number;
  scenarios: ScenarioReport[];
  /** Scenarios not run because --bail stopped the run. */
  notRun: string[];
}

/**
 * Picks the scenarios to run and the variables each sees: `--var` first, then `--env`'s environment, then the
 * connection's collection, then the file's global environment. A name or environment that is not in the file
 * is an error listing what is.
 */
export function planRun(
  document: CollectionDocument,
  args: Pick<RunArguments, 'scenarios' | 'environment' | 'variables'>,
): Result<PlannedScenario[], string> {
  const cli: VariableScope = {
    name: '--var',
    variables: args.variables.map(({ name, value }) => ({ name, value, secret: false })),
  };
  let environment: VariableScope | null = null;
  if (args.environment !== null) {
    const found = document.environments.find((e) => e.name === args.environment || e.id === args.environment);
    if (!found) {
      const names = document.environments.map((e) => `“${e.name}”`).join(', ') || 'none';
      return err(`No environment “${args.environment}” in the file (it has: ${names}).`);
    }
    environment = found;
  }
  const global = document.environments.find((e) => e.id === 'global') ?? null;
  const all: PlannedScenario[] = [];
  const add = (connection: DocumentConnection, collection: VariableScope | null) => {
    for (const scenario of connection.scenarios) {
      all.push({
        label: `${connection.name} / ${scenario.name}`,
        connection,
        scenario,
        scopes: [cli, environment, collection, global].filter((s): s is VariableScope => s !== null),
      });
    }
  };
  for (const collection of document.collections) {
    for (const connection of connectionsIn(collection.items)) add(connection, collection);
  }
  for (const connection of document.connections) add(connection, null);
  if (all.length === 0)
    return err('The file holds no scenarios: add one to a connection in Frameline first.');
  if (args.scenarios.length === 0) return ok(all);
  const picked: PlannedScenario[] = [];
  for (const wanted of args.scenarios) {
    const matches = all.filter((p) => p.label === wanted || p.scenario.name === wanted);
    if (matches.length === 0)
      return err(
        `No scenario “${wanted}” in the file (it has: ${all.map((p) => `“${p.label}”`).join(', ')}).`,
      );
    if (matches.length > 1 && !matches.some((p) => p.label === wanted))
      return err(
        `“${wanted}” names ${matches.length} scenarios: pick one as ${matches.map((p) => `“${p.label}”`).join(' or ')}.`,
      );
    for (const match of matches) if (!picked.includes(match)) picked.push(match);
  }
  return ok(picked);
}

/** What running needs from the world: sockets, timers and a clock (Node's, or a test's). */
export interface RunEnvironment {
  createSocket(url: string, protocols: string[], headers: Readonly<Record<string, string>>): SocketLike;
  timers: ScenarioTimers;
  now(): number;
  /** Each run as it finishes, for live output. */
  onRunFinished?(label: string, result: ScenarioResult): void;
}

/** Runs the plan: each scenario `repeat` times, at most `concurrency` at once, in file order. */
export async function runPlan(
  plan: readonly PlannedScenario[],
  args: Pick<RunArguments, 'bail' | 'timeoutMs' | 'repeat' | 'concurrency'>,
  environment: RunEnvironment,
): Promise<RunReport> {
  const startedAt = environment.now();
  const reports: ScenarioReport[] = [];
  const notRun: string[] = [];
  let bailed = false;
  for (const planned of plan) {
    if (bailed) {
      notRun.push(planned.label);
      continue;
    }
    const runs = await runCopies(planned, args, environment, () => bailed);
    const passed = runs.length === args.repeat && runs.every((r) => r.passed);
    reports.push({
      label: planned.label,
      connection: planned.connection.name,
      headers: (planned.connection.headers ?? []).map((h) => h.name),
      runs,
      passed,
      latency: summarizeLatency(runs),
    });
    if (!passed && args.bail) bailed = true;
  }
  return {
    passed: !bailed && notRun.length === 0 && reports.every((r) => r.passed),
    durationMs: environment.now() - startedAt,
    scenarios: reports,
    notRun,
  };
}

async function runCopies(
  planned: PlannedScenario,
  args: Pick<RunArguments, 'bail' | 'timeoutMs' | 'repeat' | 'concurrency'>,
  environment: RunEnvironment,
  bailed: () => boolean,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < args.repeat && !(args.bail && (failed || bailed()))) {
      next++;
      const result = await runOnce(planned, args.timeoutMs, environment);
      results.push(result);
      environment.onRunFinished?.(planned.label, result);
      if (!result.passed) failed = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.concurrency, args.repeat) }, worker));
  return results;
}

async function runOnce(
  planned: PlannedScenario,
  timeoutMs: number | null,
  environment: RunEnvironment,
): Promise<ScenarioResult> {
  const { connection, scenario, scopes } = planned;
  const now = environment.now();
  const checked = checkScenario(scenario);
  if (!checked.ok) return failedBeforeStart(scenario, checked.error, now);
  const url = expandText(connection.url, scopes);
  if (!url.ok) return failedBeforeStart(scenario, `The URL: ${url.error}`, now);
  const protocols: string[] = [];
  for (const protocol of connection.protocols) {
    const expanded = expandText(protocol, scopes);
    if (!expanded.ok) return failedBeforeStart(scenario, `Subprotocol “${protocol}”: ${expanded.error}`, now);
    protocols.push(expanded.value);
  }
  const headers: Record<string, string> = {};
  for (const header of connection.headers ?? []) {
    const value = expandText(header.value, scopes);
    if (!value.ok) return failedBeforeStart(scenario, `Header “${header.name}”: ${value.error}`, now);
    headers[header.name] = value.value;
  }
  // The connection's lens answers the protocol's pings and sends its handshake; `protocol` matchers decode
  // with theirs. The lens modules are plain core code, loaded here as in the app.
  const lensId = connection.lens ?? detectLens({ url: url.value, offered: protocols, negotiated: '' }).lens;
  const lensIds = new Set(lensesUsedBy(scenario.steps));
  if (lensId !== 'raw') lensIds.add(lensId);
  const lenses = new Map(
    await Promise.all([...lensIds].map(async (id) => [id, await loadLens(id)] as const)),
  );
  const connectionLens = lensId === 'raw' ? undefined : lenses.get(lensId);
  let openUrl = url.value;
  if (connectionLens?.connectUrl) {
    const built = connectionLens.connectUrl(url.value);
    if (!built.ok) return failedBeforeStart(scenario, `The URL: ${built.error}`, now);
    openUrl = built.value;
  }
  let lensOptions: LensOptions = {};
  if (connection.handshakePayload && connection.handshakePayload.trim() !== '') {
    const payload = expandText(connection.handshakePayload, scopes);
    if (!payload.ok) return failedBeforeStart(scenario, `The handshake payload: ${payload.error}`, now);
    const parsed = parseHandshakePayload(payload.value);
    if (!parsed.ok) return failedBeforeStart(scenario, `Not connected: ${parsed.error}.`, now);
    lensOptions = parsed.value;
  }
  const controller = new AbortController();
  const limit =
    timeoutMs === null
      ? null
      : environment.timers.setTimeout(
          () => controller.abort(`Stopped: the scenario ran longer than --timeout-ms ${timeoutMs}`),
          timeoutMs,
        );
  let counter = 0;
  try {
    return await runScenario(scenario, {
      url: openUrl,
      protocols,
      lenses,
      createSocket: (socketUrl, socketProtocols) => {
        const socket = environment.createSocket(socketUrl, socketProtocols, headers);
        return connectionLens
          ? withLens(socket, connectionLens, lensOptions, { ...environment.timers, now: environment.now })
          : socket;
      },
      timers: environment.timers,
      now: environment.now,
      resolveMessage: (message, captured) =>
        resolveScenarioMessage(message, captured, {
          templates: connection.templates,
          scopes,
          nextCounter: () => ++counter,
        }),
      templateName: (id) => connection.templates.find((t) => t.id === id)?.name,
      signal: controller.signal,
      ...(connection.correlationPath ? { correlationPath: connection.correlationPath } : {}),
    });
  } finally {
    if (limit !== null) environment.timers.clearTimeout(limit);
  }
}

function expandText(text: string, scopes: readonly VariableScope[]): Result<string, string> {
  const expanded = interpolate(text, { variables: scopes, dynamic: createDynamicValues({ counter: 0 }) });
  if (!expanded.ok) return err(expanded.error.message);
  const missing = [...new Set(expanded.value.unresolved.map((u) => u.name))];
  if (missing.length > 0)
    return err(
      `${missing.map((n) => `{{${n}}}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} defined nowhere: pass --var ${missing[0]}=VALUE or --env NAME`,
    );
  return ok(expanded.value.text);
}

/** Percentiles (nearest rank) of the `request` steps' round trips over every run; null without any. */
export function summarizeLatency(runs: readonly ScenarioResult[]): LatencySummary | null {
  const values = runs
    .flatMap((run) => run.steps)
    .flatMap((step) => (step.latencyMs === undefined ? [] : [step.latencyMs]))
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  const at = (p: number) => values[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] as number;
  return {
    count: values.length,
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: values[values.length - 1] as number,
  };
}
