import { err, ok, type Result } from '../shared/result';

/** Shortest delay or interval accepted anywhere: below it a misconfigured loop would hammer the server. */
export const MIN_INTERVAL_MS = 100;

/** Longest delay or interval accepted: beyond a day a timer is almost certainly a typo. */
export const MAX_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Longest connect timeout: a handshake that has not finished in ten minutes is not going to. */
export const MAX_CONNECT_TIMEOUT_MS = 10 * 60 * 1000;

/** Largest finite attempt limit; beyond it use 'unlimited'. */
export const MAX_RECONNECT_ATTEMPTS = 1000;

/** Largest growth factor between two delays. */
export const MAX_MULTIPLIER = 10;

/** Reconnect settings as saved: plain data, so randomness for jitter is passed to backoffDelay instead. */
export interface BackoffSettings {
  initialDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number | 'unlimited';
  /** Growth factor between attempts; 1 keeps the delay fixed. Default 2. */
  multiplier?: number;
  /** Up to this fraction is taken off each delay at random, so many clients do not retry in step. Default 0. */
  jitterRatio?: number;
}

/** A setting that cannot be used, named by its field so a form can show the message beside it. */
export interface BackoffProblem {
  field: keyof BackoffSettings;
  message: string;
}

/**
 * Checks reconnect settings and fills in the defaults. Every problem is reported at once, one per field, so a
 * settings form can mark them all.
 */
export function validateBackoffSettings(
  settings: BackoffSettings,
): Result<Required<BackoffSettings>, BackoffProblem[]> {
  const problems: BackoffProblem[] = [];
  const initial = checkMilliseconds(settings.initialDelayMs, {
    label: 'Initial delay',
    max: MAX_INTERVAL_MS,
  });
  if (!initial.ok) problems.push({ field: 'initialDelayMs', message: initial.error });

  const maximum = checkMilliseconds(settings.maxDelayMs, { label: 'Maximum delay', max: MAX_INTERVAL_MS });
  if (!maximum.ok) {
    problems.push({ field: 'maxDelayMs', message: maximum.error });
  } else if (initial.ok && maximum.value < initial.value) {
    problems.push({
      field: 'maxDelayMs',
      message: `Maximum delay must be ≥ initial delay (${formatMs(initial.value)}).`,
    });
  }

  const { maxAttempts } = settings;
  if (
    maxAttempts !== 'unlimited' &&
    !(Number.isInteger(maxAttempts) && maxAttempts >= 1 && maxAttempts <= MAX_RECONNECT_ATTEMPTS)
  ) {
    problems.push({
      field: 'maxAttempts',
      message: `Attempt limit must be a whole number from 1 to ${MAX_RECONNECT_ATTEMPTS}, or unlimited.`,
    });
  }

  const multiplier = settings.multiplier ?? 2;
  if (!(Number.isFinite(multiplier) && multiplier >= 1 && multiplier <= MAX_MULTIPLIER)) {
    problems.push({
      field: 'multiplier',
      message: `Multiplier must be between 1 (a fixed delay) and ${MAX_MULTIPLIER}.`,
    });
  }

  const jitterRatio = settings.jitterRatio ?? 0;
  if (!(Number.isFinite(jitterRatio) && jitterRatio >= 0 && jitterRatio <= 1)) {
    problems.push({
      field: 'jitterRatio',
      message: 'Jitter must be between 0 (none) and 1 (anything up to the whole delay).',
    });
  }

  if (problems.length > 0) return err(problems);
  return ok({
    initialDelayMs: settings.initialDelayMs,
    maxDelayMs: settings.maxDelayMs,
    maxAttempts,
    multiplier,
    jitterRatio,
  });
}

/**
 * The delay before reconnect attempt `attempt` (1-based): the initial delay times the multiplier for each
 * earlier attempt, capped at the maximum, minus jitter; `null` once the attempts are used up. Expects settings
 * that passed validateBackoffSettings. Jitter only shortens a delay, so the cap holds, and never below
 * MIN_INTERVAL_MS.
 */
export function backoffDelay(
  attempt: number,
  settings: BackoffSettings,
  options: { random?: () => number } = {},
): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be an integer ≥ 1, got ${attempt}`);
  }
  if (settings.maxAttempts !== 'unlimited' && attempt > settings.maxAttempts) return null;
  // Overflow to Infinity for late attempts is fine: the cap applies next.
  const grown = settings.initialDelayMs * (settings.multiplier ?? 2) ** (attempt - 1);
  const capped = Math.min(settings.maxDelayMs, grown);
  const jitterRatio = settings.jitterRatio ?? 0;
  if (jitterRatio === 0) return Math.round(capped);
  const random = options.random ?? Math.random;
  return Math.max(MIN_INTERVAL_MS, Math.round(capped * (1 - jitterRatio * random())));
}

/**
 * Checks a repeating interval such as a heartbeat: a whole number of milliseconds from 100 ms to 24 hours.
 * `label` names the field in the message.
 */
export function validateIntervalMs(ms: number, options: { label?: string } = {}): Result<number, string> {
  return checkMilliseconds(ms, { label: options.label ?? 'Interval', max: MAX_INTERVAL_MS });
}

/** Checks how long to wait for the handshake: a whole number of milliseconds from 100 ms to 10 minutes. */
export function validateConnectTimeoutMs(ms: number): Result<number, string> {
  return checkMilliseconds(ms, { label: 'Connect timeout', max: MAX_CONNECT_TIMEOUT_MS });
}

function checkMilliseconds(ms: number, limits: { label: string; max: number }): Result<number, string> {
  const { label, max } = limits;
  if (!Number.isFinite(ms)) return err(`${label} must be a number of milliseconds.`);
  if (!Number.isInteger(ms)) return err(`${label} must be a whole number of milliseconds.`);
  if (ms === 0) return err(`${label} cannot be 0; use at least ${formatMs(MIN_INTERVAL_MS)}.`);
  if (ms < 0) return err(`${label} cannot be negative.`);
  if (ms < MIN_INTERVAL_MS) return err(`${label} must be at least ${formatMs(MIN_INTERVAL_MS)}.`);
  if (ms > max) return err(`${label} can be at most ${formatLong(max)} (${formatMs(max)}).`);
  return ok(ms);
}

function formatMs(ms: number): string {
  return `${ms.toLocaleString('en-US')} ms`;
}

function formatLong(ms: number): string {
  const hours = ms / 3_600_000;
  if (Number.isInteger(hours)) return `${hours} hours`;
  return `${ms / 60_000} minutes`;
}
