import { err, ok, type Result } from '../shared/result';
import type { SocketLike } from '../session/socket';
import { parseFieldPath, readField, type PathStep } from '../timeline/json-field-filter';
import {
  compileMatcher,
  parseJson,
  type CompiledMatcher,
  type Difference,
  type LensesForMatching,
  type ReceivedData,
} from './message-matcher';
import {
  DEFAULT_CORRELATION_PATH,
  describeStep,
  type Capture,
  type MessageMatcher,
  type Scenario,
  type ScenarioMessage,
  type ScenarioStep,
} from './scenario';

/*
 * Runs a scenario against one connection: framework-free, so the app (on the browser's WebSocket) and
 * `frameline run` (on the `ws` package) share it. Steps run in order; the first failure ends the run, and the
 * steps after it are reported as skipped. Received messages wait in an inbox until a step consumes them; a
 * reply whose correlation id equals a pending request's goes to that request instead, whatever its order.
 */

export type StepStatus = 'running' | 'passed' | 'failed' | 'skipped';

/** A received message, numbered from 0 in arrival order (so a result can point at its row). */
export interface ReceivedMessage {
  index: number;
  data: ReceivedData;
  at: number;
}

export interface StepFailure {
  message: string;
  /** What the step wanted and what came, for a diff. */
  expected?: string;
  actual?: string;
  differences?: Difference[];
}

export interface StepResult {
  /** The step's place: "3", or "4.2.1" for the first step of a repeat's second round. */
  id: string;
  kind: ScenarioStep['kind'];
  description: string;
  status: StepStatus;
  startedAt: number;
  durationMs: number;
  failure?: StepFailure;
  /** `request` steps: from the send to the reply. */
  latencyMs?: number;
  /** Received messages this step matched, by index. */
  matched?: number[];
  /** For a failed expect: the message it compared last (the one its diff shows), by index. */
  compared?: number[];
  /** Sent messages this step sent, by index (from 0 in send order). */
  sent?: number[];
}

export interface ScenarioResult {
  scenario: string;
  passed: boolean;
  durationMs: number;
  steps: StepResult[];
  /** Variables captured along the way. */
  captured: Record<string, string>;
}

export interface ScenarioTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface ScenarioRunOptions {
  url: string;
  /** Subprotocols of a `connect` step that names none. */
  protocols: readonly string[];
  createSocket(url: string, protocols: string[]): SocketLike;
  timers: ScenarioTimers;
  /** Epoch milliseconds. */
  now(): number;
  /** The bytes a step sends, with `{{variables}}` (captured ones first) expanded; a missing template is an error. */
  resolveMessage(
    message: ScenarioMessage,
    captured: ReadonlyMap<string, string>,
  ): Result<string | Uint8Array, string>;
  /** The connection's correlation path for `request` steps; `$.id` when it has none. */
  correlationPath?: string;
  /** Each step as it starts (`running`) and as it ends. */
  onStep?(result: StepResult): void;
  /** The template's name, for step descriptions. */
  templateName?(id: string): string | undefined;
  /** Ends the run early: the current step fails as cancelled. */
  signal?: AbortSignal;
  /** Limit for `connect` and `disconnect` steps without their own. */
  defaultTimeoutMs?: number;
  /** The protocol lenses `protocol` matchers decode with, loaded beforehand (see `lensesUsedBy`). */
  lenses?: LensesForMatching;
}

interface CloseFact {
  code: number;
  reason: string;
  wasClean: boolean;
}

interface PendingRequest {
  path: readonly PathStep[];
  key: string;
  reply: ReceivedMessage | null;
}

class StepFailed extends Error {
  constructor(readonly failure: StepFailure) {
    super(failure.message);
  }
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** Runs one scenario to its end; never throws for what the server does, only reports. */
export async function runScenario(scenario: Scenario, options: ScenarioRunOptions): Promise<ScenarioResult> {
  return new ScenarioRun(scenario, options).run();
}

class ScenarioRun {
  private socket: SocketLike | null = null;
  private opened = false;
  private closed: CloseFact | null = null;
  private readonly inbox: ReceivedMessage[] = [];
  private cursor = 0;
  private received = 0;
  private sentCount = 0;
  private readonly pending = new Set<PendingRequest>();
  /** Each wait in progress re-checks on every socket fact: the current step, and overlapping requests. */
  private readonly wakers = new Set<() => void>();
  /** Overlapping requests still waiting for their replies. */
  private overlapping: Promise<void>[] = [];
  private readonly captured = new Map<string, string>();
  private readonly results: StepResult[] = [];
  /** Where each started step's result goes in `results`. */
  private readonly slots = new Map<string, number>();
  private failed = false;
  private readonly lenses: LensesForMatching;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: ScenarioRunOptions,
  ) {
    this.lenses = options.lenses ?? new Map();
  }

  async run(): Promise<ScenarioResult> {
    const startedAt = this.options.now();
    await this.runSteps(this.scenario.steps, '');
    await this.settleOverlapping();
    // A scenario that does not disconnect leaves no socket open behind it.
    if (this.socket && !this.closed) {
      try {
        this.socket.close(1000);
      } catch {
        // Closing an already closing socket: nothing to do.
      }
    }
    return {
      scenario: this.scenario.name,
      passed: !this.failed,
      durationMs: this.options.now() - startedAt,
      steps: this.results,
      captured: Object.fromEntries(this.captured),
    };
  }

  private async runSteps(steps: readonly ScenarioStep[], prefix: string): Promise<void> {
    for (const [index, step] of steps.entries()) {
      const id = `${prefix}${index + 1}`;
      if (!(step.kind === 'request' && step.overlap)) await this.settleOverlapping();
      if (this.failed) {
        this.report({ ...this.begin(step, id), status: 'skipped', durationMs: 0 });
        continue;
      }
      await this.runStep(step, id);
    }
  }

  private begin(step: ScenarioStep, id: string): StepResult {
    return {
      id,
      kind: step.kind,
      description: describeStep(step, this.options.templateName),
      status: 'running',
      startedAt: this.options.now(),
      durationMs: 0,
    };
  }

  /** Reports a step; a finished one takes the slot its start reserved, so a repeat comes before its steps. */
  private report(result: StepResult): void {
    const slot = this.slots.get(result.id);
    if (result.status === 'running') this.slots.set(result.id, this.results.push(result) - 1);
    else if (slot === undefined) this.results.push(result);
    else this.results[slot] = result;
    this.options.onStep?.(result);
  }

  private async runStep(step: ScenarioStep, id: string): Promise<void> {
    const result = this.begin(step, id);
    this.report(result);
    if (step.kind === 'repeat') {
      for (let round = 1; round <= step.times && !this.failed; round++) {
        await this.runSteps(step.steps, `${id}.${round}.`);
      }
      await this.settleOverlapping();
      this.finish(result, this.failed ? { message: 'A step inside failed' } : null);
      return;
    }
    const outcome = (async () => {
      try {
        if (this.options.signal?.aborted) throw new StepFailed({ message: this.stopReason() });
        await this.execute(step, result);
        this.finish(result, null);
      } catch (error) {
        if (!(error instanceof StepFailed)) throw error;
        this.finish(result, error.failure);
      }
    })();
    // An overlapping request sends now and is finished when its reply comes; the next steps start meanwhile.
    if (step.kind === 'request' && step.overlap) this.overlapping.push(outcome);
    else await outcome;
  }

  /** Waits for every overlapping request in flight to get its reply (or fail). */
  private async settleOverlapping(): Promise<void> {
    while (this.overlapping.length > 0) {
      const waiting = this.overlapping;
      this.overlapping = [];
      await Promise.all(waiting);
    }
  }

  private finish(result: StepResult, failure: StepFailure | null): void {
    const done: StepResult = {
      ...result,
      status: failure ? 'failed' : 'passed',
      durationMs: this.options.now() - result.startedAt,
    };
    if (failure) {
      done.failure = failure;
      this.failed = true;
    }
    this.report(done);
  }

  private async execute(step: Exclude<ScenarioStep, { kind: 'repeat' }>, result: StepResult): Promise<void> {
    switch (step.kind) {
      case 'connect':
        return this.connect(step);
      case 'disconnect':
        return this.disconnect(step);
      case 'send':
        result.sent = [this.send(this.resolve(step.message))];
        return;
      case 'expect': {
        const match = compiled(step.match, this.lenses);
        const captures = compileCaptures(step.capture);
        const message = await this.expect(match, step.timeoutMs, step.mode ?? 'skip', result);
        result.matched = [message.index];
        this.capture(captures, message);
        return;
      }
      case 'expectNone':
        return this.expectNone(compiled(step.match, this.lenses), step.windowMs);
      case 'expectClose':
        return this.expectClose(step);
      case 'request':
        return this.request(step, result);
      case 'wait':
        await this.sleep(step.ms);
        return;
    }
  }

  // ---- connection ----

  private async connect(step: Extract<ScenarioStep, { kind: 'connect' }>): Promise<void> {
    if (this.socket && !this.closed) throw new StepFailed({ message: 'Already connected' });
    this.reset();
    const protocols = [...(step.protocols ?? this.options.protocols)];
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url, protocols);
    } catch (error) {
      throw new StepFailed({ message: `Cannot connect to ${this.options.url}: ${(error as Error).message}` });
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.opened = true;
      this.notify();
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      this.closed = { code: event.code, reason: event.reason, wasClean: event.wasClean };
      this.notify();
    };
    const outcome = await this.waitUntil(
      () => (this.opened ? 'open' : this.closed ? 'closed' : undefined),
      step.timeoutMs ?? this.defaultTimeout(),
    );
    if (outcome === 'timeout') {
      socket.close();
      throw new StepFailed({ message: `No connection within ${step.timeoutMs ?? this.defaultTimeout()} ms` });
    }
    if (outcome === 'closed') {
      const close = this.closed as CloseFact;
      throw new StepFailed({
        message: `The connection failed (${describeClose(close)})`,
        actual: describeClose(close),
      });
    }
    if (step.expectProtocol !== undefined && socket.protocol !== step.expectProtocol) {
      throw new StepFailed({
        message: `Negotiated subprotocol ${socket.protocol ? `“${socket.protocol}”` : 'none'}, expected “${step.expectProtocol}”`,
        expected: step.expectProtocol,
        actual: socket.protocol,
      });
    }
  }

  private reset(): void {
    this.opened = false;
    this.closed = null;
    this.inbox.length = 0;
    this.cursor = 0;
    this.pending.clear();
  }

  private async disconnect(step: Extract<ScenarioStep, { kind: 'disconnect' }>): Promise<void> {
    const socket = this.openSocket();
    try {
      if (step.code === undefined) socket.close(1000);
      else if (step.reason === undefined) socket.close(step.code);
      else socket.close(step.code, step.reason);
    } catch (error) {
      throw new StepFailed({ message: `Cannot close: ${(error as Error).message}` });
    }
    const timeout = step.timeoutMs ?? this.defaultTimeout();
    const outcome = await this.waitUntil(() => (this.closed ? 'closed' : undefined), timeout);
    if (outcome === 'timeout')
      throw new StepFailed({ message: `The server did not close within ${timeout} ms` });
  }

  private openSocket(): SocketLike {
    if (!this.socket || !this.opened)
      throw new StepFailed({ message: 'Not connected: add a connect step first' });
    if (this.closed)
      throw new StepFailed({ message: `The connection is closed (${describeClose(this.closed)})` });
    return this.socket;
  }

  private defaultTimeout(): number {
    return this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  // ---- sending ----

  private resolve(message: ScenarioMessage): string | Uint8Array {
    const resolved = this.options.resolveMessage(message, this.captured);
    if (!resolved.ok) throw new StepFailed({ message: resolved.error });
    return resolved.value;
  }

  private send(payload: string | Uint8Array): number {
    const socket = this.openSocket();
    socket.send(typeof payload === 'string' ? payload : (payload as Uint8Array<ArrayBuffer>));
    return this.sentCount++;
  }

  // ---- receiving ----

  private receive(raw: unknown): void {
    const message: ReceivedMessage = {
      index: this.received++,
      data: toReceived(raw),
      at: this.options.now(),
    };
    for (const request of this.pending) {
      if (request.reply === null && correlationKey(message.data, request.path) === request.key) {
        request.reply = message;
        this.notify();
        return;
      }
    }
    this.inbox.push(message);
    this.notify();
  }

  private notify(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /**
   * Resolves with `check()`'s first defined value, re-checked on every socket fact, or 'timeout'; rejects with
   * the stop reason when the run is stopped meanwhile.
   */
  private waitUntil<T>(check: () => T | undefined, timeoutMs: number): Promise<T | 'timeout'> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const { timers, signal } = this.options;
      const settle = () => {
        timers.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.wakers.delete(wake);
      };
      const onAbort = () => {
        settle();
        reject(new StepFailed({ message: this.stopReason() }));
      };
      const timer = timers.setTimeout(() => {
        settle();
        resolve('timeout');
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort);
      const wake = () => {
        const value = check();
        if (value === undefined) return;
        settle();
        resolve(value);
      };
      this.wakers.add(wake);
    });
  }

  private async sleep(ms: number): Promise<void> {
    await this.waitUntil(() => undefined, ms);
  }

  /** Why the run was stopped: the reason given to the abort, when it is a sentence. */
  private stopReason(): string {
    const reason: unknown = this.options.signal?.reason;
    return typeof reason === 'string' ? reason : 'The run was stopped';
  }

  private async expect(
    match: CompiledMatcher,
    timeoutMs: number,
    mode: 'skip' | 'next',
    result: StepResult,
  ): Promise<ReceivedMessage> {
    this.openSocket();
    let lastMismatch: { message: ReceivedMessage; reason: string; differences: Difference[] } | null = null;
    const check = (): ReceivedMessage | 'closed' | 'mismatch' | undefined => {
      while (this.cursor < this.inbox.length) {
        const message = this.inbox[this.cursor++] as ReceivedMessage;
        const mismatch = match(message.data);
        if (!mismatch) return message;
        lastMismatch = { message, ...mismatch };
        if (mode === 'next') return 'mismatch';
      }
      return this.closed ? 'closed' : undefined;
    };
    const outcome = await this.waitUntil(check, timeoutMs);
    if (typeof outcome === 'object') return outcome;
    const last = lastMismatch as {
      message: ReceivedMessage;
      reason: string;
      differences: Difference[];
    } | null;
    const prefix =
      outcome === 'mismatch'
        ? 'The next message does not match'
        : outcome === 'closed'
          ? `The connection closed (${describeClose(this.closed as CloseFact)}) before a matching message`
          : `No matching message within ${timeoutMs} ms`;
    const failure: StepFailure = { message: last ? `${prefix}: ${last.reason}` : `${prefix} (none arrived)` };
    if (last) {
      result.compared = [last.message.index];
      failure.actual = showData(last.message.data);
      if (last.differences.length > 0) failure.differences = last.differences;
    }
    throw new StepFailed(failure);
  }

  private async expectNone(match: CompiledMatcher, windowMs: number): Promise<void> {
    this.openSocket();
    let seen = this.cursor;
    const outcome = await this.waitUntil(() => {
      for (; seen < this.inbox.length; seen++) {
        const message = this.inbox[seen] as ReceivedMessage;
        if (!match(message.data)) return message;
      }
      return undefined;
    }, windowMs);
    if (outcome !== 'timeout')
      throw new StepFailed({
        message: `A matching message arrived within ${windowMs} ms`,
        actual: showData(outcome.data),
      });
  }

  private async expectClose(step: Extract<ScenarioStep, { kind: 'expectClose' }>): Promise<void> {
    if (!this.socket) throw new StepFailed({ message: 'Not connected: add a connect step first' });
    const outcome = await this.waitUntil(() => this.closed ?? undefined, step.timeoutMs);
    if (outcome === 'timeout')
      throw new StepFailed({ message: `The connection did not close within ${step.timeoutMs} ms` });
    const problems: string[] = [];
    if (step.code !== undefined && outcome.code !== step.code)
      problems.push(`code ${outcome.code}, expected ${step.code}`);
    if (step.reason !== undefined && outcome.reason !== step.reason)
      problems.push(`reason “${outcome.reason}”, expected “${step.reason}”`);
    if (step.clean !== undefined && outcome.wasClean !== step.clean)
      problems.push(step.clean ? 'it was not clean' : 'it was clean');
    if (problems.length > 0)
      throw new StepFailed({
        message: `Closed with ${problems.join('; ')}`,
        expected: describeExpectedClose(step),
        actual: describeClose(outcome),
      });
  }

  private async request(step: Extract<ScenarioStep, { kind: 'request' }>, result: StepResult): Promise<void> {
    const source = step.correlationPath ?? this.options.correlationPath ?? DEFAULT_CORRELATION_PATH;
    const path = parseFieldPath(source);
    if (!path.ok) throw new StepFailed({ message: `Correlation path “${source}”: ${path.error}` });
    const match = step.match ? compiled(step.match, this.lenses) : null;
    const captures = compileCaptures(step.capture);
    const payload = this.resolve(step.message);
    const key = correlationKey(payload, path.value);
    if (key === null)
      throw new StepFailed({
        message: `The request has no ${source} to match its reply by`,
        actual: showData(payload),
      });
    const pending: PendingRequest = { path: path.value, key, reply: null };
    this.openSocket();
    this.pending.add(pending);
    const sentAt = this.options.now();
    try {
      result.sent = [this.send(payload)];
      const outcome = await this.waitUntil(
        () => pending.reply ?? (this.closed ? ('closed' as const) : undefined),
        step.timeoutMs,
      );
      if (outcome === 'timeout')
        throw new StepFailed({ message: `No reply with ${source} = ${key} within ${step.timeoutMs} ms` });
      if (outcome === 'closed')
        throw new StepFailed({
          message: `The connection closed (${describeClose(this.closed as CloseFact)}) before the reply`,
        });
      result.latencyMs = outcome.at - sentAt;
      result.matched = [outcome.index];
      const mismatch = match?.(outcome.data);
      if (mismatch)
        throw new StepFailed({
          message: `The reply does not match: ${mismatch.reason}`,
          actual: showData(outcome.data),
          ...(mismatch.differences.length > 0 ? { differences: mismatch.differences } : {}),
        });
      this.capture(captures, outcome);
    } finally {
      this.pending.delete(pending);
    }
  }

  private capture(captures: readonly CompiledCapture[], message: ReceivedMessage): void {
    if (captures.length === 0) return;
    const parsed = parseJson(message.data);
    if (!parsed.ok)
      throw new StepFailed({ message: `Cannot capture: ${parsed.error}`, actual: showData(message.data) });
    for (const capture of captures) {
      const field = readField(parsed.value, capture.steps);
      if (!field.found)
        throw new StepFailed({
          message: `Cannot capture ${capture.variable}: the message has no ${capture.path}`,
          actual: showData(message.data),
        });
      this.captured.set(
        capture.variable,
        typeof field.value === 'string' ? field.value : JSON.stringify(field.value),
      );
    }
  }
}

interface CompiledCapture extends Capture {
  steps: readonly PathStep[];
}

function compiled(matcher: MessageMatcher, lenses?: LensesForMatching): CompiledMatcher {
  const result = compileMatcher(matcher, lenses ? { lenses } : {});
  if (!result.ok) throw new StepFailed({ message: result.error });
  return result.value;
}

function compileCaptures(captures: readonly Capture[] | undefined): CompiledCapture[] {
  return (captures ?? []).map((capture) => {
    const steps = parseFieldPath(capture.path);
    if (!steps.ok) throw new StepFailed({ message: `Capture path “${capture.path}”: ${steps.error}` });
    if (capture.variable.trim() === '')
      throw new StepFailed({ message: `Capture ${capture.path}: no variable name` });
    return { ...capture, steps: steps.value };
  });
}

/** The correlation value of a JSON message, as canonical JSON text, or null when it has none. */
function correlationKey(data: ReceivedData, path: readonly PathStep[]): string | null {
  if (typeof data !== 'string') return null;
  const parsed = parseJson(data);
  if (!parsed.ok) return null;
  const field = readField(parsed.value, path);
  if (!field.found || field.value === null || typeof field.value === 'object') return null;
  return JSON.stringify(field.value);
}

function toReceived(raw: unknown): ReceivedData {
  if (typeof raw === 'string') return raw;
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  if (ArrayBuffer.isView(raw)) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  return String(raw);
}

const MAX_SHOWN = 2_000;

function showData(data: ReceivedData | string): string {
  if (typeof data === 'string') return data.length > MAX_SHOWN ? `${data.slice(0, MAX_SHOWN)}…` : data;
  const bytes = [...data.subarray(0, 64)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `binary, ${data.byteLength} bytes: ${bytes}${data.byteLength > 64 ? ' …' : ''}`;
}

function describeClose(close: CloseFact): string {
  return `${close.code}${close.reason ? ` “${close.reason}”` : ''}${close.wasClean ? '' : ', not clean'}`;
}

function describeExpectedClose(step: Extract<ScenarioStep, { kind: 'expectClose' }>): string {
  const parts = [
    step.code === undefined ? 'any code' : String(step.code),
    step.reason === undefined ? null : `“${step.reason}”`,
    step.clean === undefined ? null : step.clean ? 'clean' : 'not clean',
  ].filter(Boolean);
  return parts.join(', ');
}

/** The result of a scenario that could not start (its URL does not resolve): its first step failed, the rest skipped. */
export function failedBeforeStart(scenario: Scenario, message: string, now: number): ScenarioResult {
  const steps: StepResult[] = scenario.steps.map((step, index) => ({
    id: String(index + 1),
    kind: step.kind,
    description: describeStep(step),
    status: index === 0 ? 'failed' : 'skipped',
    startedAt: now,
    durationMs: 0,
    ...(index === 0 ? { failure: { message } } : {}),
  }));
  return { scenario: scenario.name, passed: false, durationMs: 0, steps, captured: {} };
}

/** Checks a scenario's steps before a run: every matcher, path and regex compiles. */
export function checkScenario(scenario: Scenario): Result<void, string> {
  const visit = (steps: readonly ScenarioStep[], prefix: string): string | null => {
    for (const [index, step] of steps.entries()) {
      const id = `${prefix}${index + 1}`;
      try {
        if (step.kind === 'expect' || step.kind === 'expectNone') compiled(step.match);
        if (step.kind === 'request' && step.match) compiled(step.match);
        if (step.kind === 'expect' || step.kind === 'request') compileCaptures(step.capture);
      } catch (error) {
        if (error instanceof StepFailed) return `Step ${id}: ${error.message}`;
        throw error;
      }
      if (step.kind === 'repeat') {
        const inner = visit(step.steps, `${id}.`);
        if (inner) return inner;
      }
    }
    return null;
  };
  const problem = visit(scenario.steps, '');
  return problem ? err(problem) : ok(undefined);
}
