import { createListenerSet } from '../shared/listener-set';
import { err, ok, type Result } from '../shared/result';
import { validateConnectTimeoutMs, validateIntervalMs } from './reconnect-backoff';
import type { SessionDriver } from './session-driver';
import type {
  AutomationSource,
  AutoSendSource,
  CloseEvent,
  ConnectingEvent,
  ConnectionState,
  OpenEvent,
  ReconnectCancelCause,
  SessionEvent,
} from './session-events';

/** The timers and clock the automation runs on: the browser's in the app, fakes in tests. */
export interface AutomationTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Epoch milliseconds; pass the driver's clock so automation events order correctly among its events. */
  now(): number;
}

/** A payload the automation sends by itself, resolved at the moment of each send so variables are current. */
export interface AutoPayload {
  /** Names the item in error messages, e.g. the template's name. */
  label: string;
  resolve(): Result<string | ArrayBuffer | Uint8Array, string>;
}

/** Settings that can change while the session runs; see `updateSettings`. */
export interface AutomationSettings {
  /**
   * The delay before reconnect attempt `attempt` (1-based, counted from the last successful open), or null to
   * give up. Null instead of a function turns automatic reconnect off.
   */
  nextDelayMs: ((attempt: number) => number | null) | null;
  /** The schedule's attempt limit, shown as "attempt 3 of 10" and enforced too; null when unlimited. */
  maxAttempts: number | null;
  /** A socket still connecting after this long is closed and counts as dropped; null waits indefinitely. */
  connectTimeoutMs: number | null;
  /** Sent in this order right after every open, automatic reconnects included. */
  sendOnOpen: readonly AutoPayload[];
  /** An interval each manual connect starts (it runs once open, as `startInterval`); null starts none. */
  intervalOnConnect: IntervalOptions | null;
}

/** What the automation needs: the driver it wraps, its timers, and the initial settings. */
export interface SessionAutomationOptions extends Partial<AutomationSettings> {
  driver: SessionDriver;
  timers: AutomationTimers;
  /** Receives errors thrown by listeners; by default they are rethrown from a microtask, as in the driver. */
  onListenerError?: (error: unknown) => void;
}

/** A repeating send, e.g. an application-level heartbeat. */
export interface IntervalOptions {
  everyMs: number;
  payload: AutoPayload;
}

/** Where automatic reconnect stands, for a countdown or a status line. */
export interface ReconnectStatus {
  /** True while waiting for the delay before the next attempt. */
  pending: boolean;
  /** The pending or most recent attempt since the last open; 0 when not reconnecting. */
  attempt: number;
  /** Epoch milliseconds when the pending attempt starts, or null. */
  nextAt: number | null;
}

/**
 * A driver plus what a user would otherwise do by hand: messages on open, interval sends, reconnect after a
 * dropped connection and a connect timeout. Subscribe here rather than to the driver: these events include
 * the driver's, with automatic sends tagged, plus the automation's own.
 */
export interface SessionAutomation {
  readonly state: ConnectionState;
  /**
   * A manual connect: starts a new session, cancelling a pending reconnect and a running interval, then starting
   * `intervalOnConnect` if set.
   */
  connect(url: string, protocols?: string[]): Result<void, string>;
  /** A manual disconnect: also cancels a pending reconnect and stops the interval. */
  disconnect(options?: { code?: number | null; reason?: string }): Result<void, string>;
  /** A manual send, passed through to the driver untagged. */
  send(data: string | ArrayBuffer | Uint8Array): Result<void, string>;
  /** A send a protocol lens decided on (a pong, a keep-alive), tagged `auto: 'protocol'` on the timeline. */
  sendForProtocol(data: string | ArrayBuffer | Uint8Array): Result<void, string>;
  /**
   * Sends `payload` every `everyMs` while open, replacing any running interval. It survives automatic
   * reconnects (pausing while not open, restarting its period on each open) and ends on a manual connect or
   * disconnect, or when the connection closes for good.
   */
  startInterval(options: IntervalOptions): Result<void, string>;
  /** Stops the interval, if any. */
  stopInterval(): void;
  /** The running interval, or null. */
  readonly interval: { everyMs: number; label: string } | null;
  readonly reconnect: ReconnectStatus;
  /** Applies from now on (a timeout from the next connect); turning reconnect off cancels a pending one. */
  updateSettings(settings: Partial<AutomationSettings>): Result<void, string>;
  /** Listens to every event; returns the unsubscribe function. */
  subscribe(listener: (event: SessionEvent) => void): () => void;
  /** Stops every timer and ignores the driver from now on; the driver itself stays with its owner. */
  dispose(): void;
}

/** An AutoPayload for a fixed value that needs no resolving. */
export function fixedPayload(label: string, data: string | ArrayBuffer | Uint8Array): AutoPayload {
  return { label, resolve: () => ok(data) };
}

interface Timer {
  cancel(): void;
}

interface RunningInterval {
  everyMs: number;
  payload: AutoPayload;
  timer: Timer | null;
}

const DISPOSED = 'This session has been disposed; open a new one.';

/**
 * Wraps a driver with automatic sends, reconnect and a connect timeout. Invalid initial settings are a bug
 * (saved settings were validated when saved) and throw; `updateSettings` returns them as errors instead.
 */
export function createSessionAutomation(options: SessionAutomationOptions): SessionAutomation {
  const { driver, timers } = options;
  let settings: AutomationSettings = {
    nextDelayMs: options.nextDelayMs ?? null,
    maxAttempts: options.maxAttempts ?? null,
    connectTimeoutMs: options.connectTimeoutMs ?? null,
    sendOnOpen: options.sendOnOpen ?? [],
    intervalOnConnect: options.intervalOnConnect ?? null,
  };
  const initial = validateSettings(settings);
  if (!initial.ok) throw new RangeError(initial.error);

  let disposed = false;
  // Bumped by every connecting event, manual disconnect and dispose: work started under an older epoch
  // (a listener reacted to an event by connecting again, say) must not carry on.
  let epoch = 0;
  let target: { url: string; protocols: string[] } | null = null;
  let openAt: number | null = null;
  // The driver emits synchronously from inside send and connect, so these flags say what caused the event.
  let tagging: AutoSendSource | null = null;
  let reconnecting = false;
  let timedOut = false;
  // Attempts started since the last open or manual connect.
  let streak = 0;
  // Attempts started since the last manual connect, across successful reopens.
  let reconnects = 0;
  let pending: { attempt: number; nextAt: number; timer: Timer } | null = null;
  let connectTimer: Timer | null = null;
  let interval: RunningInterval | null = null;

  const listeners = createListenerSet<SessionEvent>(
    options.onListenerError ? { onError: options.onListenerError } : {},
  );
  const emit = listeners.emit;

  const stamp = (): { at: number; sinceOpen: number | null } => {
    const at = timers.now();
    return { at, sinceOpen: openAt === null ? null : at - openAt };
  };

  // A cancelled timer stays silent even if the host fires it anyway, and so does every timer after dispose.
  const startTimer = (ms: number, run: () => void): Timer => {
    let live = true;
    const handle = timers.setTimeout(() => {
      if (!live || disposed) return;
      live = false;
      run();
    }, ms);
    return {
      cancel() {
        if (!live) return;
        live = false;
        timers.clearTimeout(handle);
      },
    };
  };

  const emitAutomationError = (source: AutomationSource, label: string | null, message: string): void => {
    emit({ kind: 'automation-error', ...stamp(), source, label, message });
  };

  // Failures become timeline events: nobody is waiting on an automatic send to hear about them.
  const sendAuto = (payload: AutoPayload, source: AutoSendSource): void => {
    const name = `${source === 'on-open' ? 'On-open message' : 'Heartbeat'} "${payload.label}"`;
    const resolved = payload.resolve();
    if (!resolved.ok) {
      emitAutomationError(source, payload.label, `${name} not sent: ${resolved.error}`);
      return;
    }
    tagging = source;
    let sent: Result<void, string>;
    try {
      sent = driver.send(resolved.value);
    } finally {
      tagging = null;
    }
    if (!sent.ok) emitAutomationError(source, payload.label, `${name} not sent: ${sent.error}`);
  };

  const cancelConnectTimer = (): void => {
    connectTimer?.cancel();
    connectTimer = null;
  };

  const pauseInterval = (): void => {
    interval?.timer?.cancel();
    if (interval) interval.timer = null;
  };

  const stopInterval = (): void => {
    pauseInterval();
    interval = null;
  };

  const armInterval = (current: RunningInterval): void => {
    current.timer?.cancel();
    current.timer = startTimer(current.everyMs, () => {
      current.timer = null;
      if (interval !== current || driver.state !== 'open') return;
      sendAuto(current.payload, 'interval');
      // A listener may have stopped, replaced or re-armed the interval, or closed the connection.
      if (interval === current && current.timer === null && driver.state === 'open') armInterval(current);
    });
  };

  // The session is over for good: nothing automatic should outlive it.
  const endSession = (): void => {
    stopInterval();
    streak = 0;
  };

  const cancelReconnect = (cause: ReconnectCancelCause): void => {
    if (pending === null) return;
    const { attempt, timer } = pending;
    timer.cancel();
    pending = null;
    streak = 0;
    emit({ kind: 'reconnect', phase: 'cancelled', ...stamp(), attempt, cause });
  };

  const scheduleReconnect = (nextDelayMs: (attempt: number) => number | null): void => {
    const attempt = streak + 1;
    const { maxAttempts } = settings;
    const delayMs = maxAttempts !== null && attempt > maxAttempts ? null : nextDelayMs(attempt);
    if (delayMs === null) {
      const attempts = streak;
      endSession();
      emit({ kind: 'reconnect', phase: 'gave-up', ...stamp(), attempts });
      return;
    }
    if (!(Number.isFinite(delayMs) && delayMs >= 0)) {
      throw new RangeError(`nextDelayMs(${attempt}) must return null or a delay ≥ 0, got ${delayMs}`);
    }
    const at = timers.now();
    pending = { attempt, nextAt: at + delayMs, timer: startTimer(delayMs, () => attemptReconnect(attempt)) };
    emit({
      kind: 'reconnect',
      phase: 'scheduled',
      at,
      sinceOpen: null,
      attempt,
      maxAttempts,
      reconnectsSinceConnect: reconnects + 1,
      delayMs,
    });
  };

  const attemptReconnect = (attempt: number): void => {
    pending = null;
    streak = attempt;
    reconnects++;
    const started = epoch;
    emit({
      kind: 'reconnect',
      phase: 'attempting',
      ...stamp(),
      attempt,
      maxAttempts: settings.maxAttempts,
      reconnectsSinceConnect: reconnects,
    });
    if (started !== epoch || target === null) return;
    reconnecting = true;
    let result: Result<void, string>;
    try {
      result = driver.connect(target.url, [...target.protocols]);
    } finally {
      reconnecting = false;
    }
    if (result.ok) return;
    // No socket means no close event to react to, so this attempt fails here and the schedule moves on.
    emitAutomationError('reconnect', null, `Reconnect attempt ${attempt} failed: ${result.error}`);
    if (started === epoch && settings.nextDelayMs !== null) scheduleReconnect(settings.nextDelayMs);
    else endSession();
  };

  const onConnecting = (event: ConnectingEvent): void => {
    epoch++;
    openAt = null;
    timedOut = false;
    cancelConnectTimer();
    if (!reconnecting) {
      // A connect the automation did not make starts a new session.
      cancelReconnect('connect');
      endSession();
      reconnects = 0;
      const onConnect = settings.intervalOnConnect;
      if (onConnect) interval = { everyMs: onConnect.everyMs, payload: onConnect.payload, timer: null };
    }
    target = { url: event.url, protocols: event.protocols };
    const started = epoch;
    emit(event);
    const afterMs = settings.connectTimeoutMs;
    if (afterMs === null || started !== epoch || disposed) return;
    connectTimer = startTimer(afterMs, () => {
      connectTimer = null;
      if (started !== epoch || driver.state !== 'connecting') return;
      timedOut = true;
      emit({ kind: 'timeout', ...stamp(), afterMs });
      if (started !== epoch) return;
      const closed = driver.close();
      if (!closed.ok)
        emitAutomationError('timeout', null, `Could not close the timed-out connection: ${closed.error}`);
    });
  };

  const onOpen = (event: OpenEvent): void => {
    cancelConnectTimer();
    openAt = event.at;
    streak = 0;
    const started = epoch;
    emit(event);
    const stillOpen = (): boolean => started === epoch && !disposed && driver.state === 'open';
    for (const payload of settings.sendOnOpen) {
      if (!stillOpen()) return;
      sendAuto(payload, 'on-open');
    }
    if (interval && interval.timer === null && stillOpen()) armInterval(interval);
  };

  const onClose = (event: CloseEvent): void => {
    cancelConnectTimer();
    openAt = null;
    pauseInterval();
    // A timed-out attempt counts as dropped even though the client closed it.
    const dropped = timedOut || (!event.wasClean && event.initiator === 'server');
    timedOut = false;
    const started = epoch;
    emit(event);
    if (started !== epoch || disposed) return;
    if (dropped && settings.nextDelayMs !== null && target !== null) scheduleReconnect(settings.nextDelayMs);
    else endSession();
  };

  const onDriverEvent = (event: SessionEvent): void => {
    if (disposed) return;
    switch (event.kind) {
      case 'connecting':
        onConnecting(event);
        return;
      case 'open':
        onOpen(event);
        return;
      case 'close':
        onClose(event);
        return;
      case 'message':
        if (tagging !== null && event.direction === 'out') {
          const auto = tagging;
          // Cleared first: a listener sending by hand in reaction must not have its message tagged.
          tagging = null;
          emit({ ...event, auto });
          return;
        }
        emit(event);
        return;
      default:
        emit(event);
    }
  };

  const stopDriverEvents = driver.subscribe(onDriverEvent);

  return {
    get state() {
      return driver.state;
    },

    connect(url, protocols = []) {
      if (disposed) return err(DISPOSED);
      return driver.connect(url, protocols);
    },

    disconnect(closeOptions = {}) {
      if (disposed) return ok(undefined);
      const closed = driver.close(closeOptions);
      if (!closed.ok) return closed;
      epoch++;
      timedOut = false;
      cancelConnectTimer();
      cancelReconnect('disconnect');
      endSession();
      return ok(undefined);
    },

    send(data) {
      if (disposed) return err(DISPOSED);
      return driver.send(data);
    },

    sendForProtocol(data) {
      if (disposed) return err(DISPOSED);
      tagging = 'protocol';
      try {
        return driver.send(data);
      } finally {
        tagging = null;
      }
    },

    startInterval({ everyMs, payload }) {
      if (disposed) return err(DISPOSED);
      const checked = validateIntervalMs(everyMs);
      if (!checked.ok) return checked;
      const state = driver.state;
      if (state !== 'open' && state !== 'connecting' && pending === null) {
        return err('Connect first: an interval runs only while connected.');
      }
      stopInterval();
      const current: RunningInterval = { everyMs: checked.value, payload, timer: null };
      interval = current;
      if (state === 'open') armInterval(current);
      return ok(undefined);
    },

    stopInterval,

    get interval() {
      return interval && { everyMs: interval.everyMs, label: interval.payload.label };
    },

    get reconnect() {
      return pending
        ? { pending: true, attempt: pending.attempt, nextAt: pending.nextAt }
        : { pending: false, attempt: streak, nextAt: null };
    },

    updateSettings(changes) {
      if (disposed) return err(DISPOSED);
      const next = { ...settings, ...changes };
      const checked = validateSettings(next);
      if (!checked.ok) return checked;
      settings = next;
      if (settings.nextDelayMs === null && pending !== null) {
        cancelReconnect('disabled');
        endSession();
      }
      return ok(undefined);
    },

    subscribe(listener) {
      if (disposed) return () => {};
      return listeners.subscribe(listener);
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      epoch++;
      stopDriverEvents();
      cancelConnectTimer();
      pending?.timer.cancel();
      pending = null;
      stopInterval();
      listeners.clear();
    },
  };
}

function validateSettings(settings: AutomationSettings): Result<void, string> {
  const { maxAttempts, connectTimeoutMs, intervalOnConnect } = settings;
  if (intervalOnConnect) {
    const checked = validateIntervalMs(intervalOnConnect.everyMs);
    if (!checked.ok) return checked;
  }
  if (maxAttempts !== null && !(Number.isInteger(maxAttempts) && maxAttempts >= 1)) {
    return err('Attempt limit must be a whole number ≥ 1, or unlimited.');
  }
  if (connectTimeoutMs !== null) {
    const checked = validateConnectTimeoutMs(connectTimeoutMs);
    if (!checked.ok) return checked;
  }
  return ok(undefined);
}
