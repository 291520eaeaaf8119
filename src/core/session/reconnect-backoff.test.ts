import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  validateBackoffSettings,
  validateConnectTimeoutMs,
  validateIntervalMs,
  type BackoffSettings,
} from './reconnect-backoff';

const base: BackoffSettings = { initialDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 10 };

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const delays = Array.from({ length: 8 }, (_, i) => backoffDelay(i + 1, base));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('returns null once the attempts are used up', () => {
    expect(backoffDelay(10, base)).toBe(30_000);
    expect(backoffDelay(11, base)).toBeNull();
    expect(backoffDelay(1, { ...base, maxAttempts: 1 })).toBe(1000);
    expect(backoffDelay(2, { ...base, maxAttempts: 1 })).toBeNull();
  });

  it('never runs out when unlimited, and stays at the cap however late', () => {
    const unlimited = { ...base, maxAttempts: 'unlimited' as const };
    expect(backoffDelay(5000, unlimited)).toBe(30_000);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, unlimited)).toBe(30_000);
  });

  it('uses the multiplier, 1 meaning a fixed delay', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, { ...base, multiplier: 1.5 }))).toEqual([1000, 1500, 2250]);
    expect([1, 2, 3].map((n) => backoffDelay(n, { ...base, multiplier: 1 }))).toEqual([1000, 1000, 1000]);
  });

  it('takes jitter off the delay with the injected randomness', () => {
    const settings = { ...base, jitterRatio: 0.5 };
    expect(backoffDelay(1, settings, { random: () => 0 })).toBe(1000);
    expect(backoffDelay(1, settings, { random: () => 0.5 })).toBe(750);
    expect(backoffDelay(6, settings, { random: () => 0.999 })).toBe(15_015);
    expect(backoffDelay(1, { ...base, initialDelayMs: 100, jitterRatio: 1 }, { random: () => 0.99 })).toBe(
      100,
    );
  });

  it('stays within [(1 - ratio) × delay, cap] for any valid settings', () => {
    const settingsArb = fc
      .record({
        initialDelayMs: fc.integer({ min: 100, max: 60_000 }),
        extra: fc.integer({ min: 0, max: 600_000 }),
        maxAttempts: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant('unlimited' as const)),
        multiplier: fc.double({ min: 1, max: 10, noNaN: true }),
        jitterRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ extra, ...rest }): BackoffSettings => ({ ...rest, maxDelayMs: rest.initialDelayMs + extra }));
    fc.assert(
      fc.property(
        settingsArb,
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (s, n, r) => {
          expect(validateBackoffSettings(s).ok).toBe(true);
          const delay = backoffDelay(n, s, { random: () => r });
          if (s.maxAttempts !== 'unlimited' && n > s.maxAttempts) {
            expect(delay).toBeNull();
            return;
          }
          expect(delay).not.toBeNull();
          expect(delay).toBeLessThanOrEqual(s.maxDelayMs);
          expect(delay).toBeGreaterThanOrEqual(100);
          const unjittered = backoffDelay(n, { ...s, jitterRatio: 0 }) ?? 0;
          expect(delay).toBeGreaterThanOrEqual(Math.floor(unjittered * (1 - (s.jitterRatio ?? 0))));
        },
      ),
    );
  });

  it('treats an attempt number below 1 as a programming error', () => {
    expect(() => backoffDelay(0, base)).toThrow(RangeError);
    expect(() => backoffDelay(1.5, base)).toThrow(RangeError);
  });
});

describe('validateBackoffSettings', () => {
  it('fills in the defaults', () => {
    expect(validateBackoffSettings(base)).toEqual({
      ok: true,
      value: { ...base, multiplier: 2, jitterRatio: 0 },
    });
    expect(validateBackoffSettings({ ...base, maxAttempts: 'unlimited', maxDelayMs: 1000 }).ok).toBe(true);
  });

  it.each<[Partial<BackoffSettings>, keyof BackoffSettings, string]>([
    [{ initialDelayMs: 0 }, 'initialDelayMs', 'Initial delay cannot be 0; use at least 100 ms.'],
    [{ initialDelayMs: 99 }, 'initialDelayMs', 'Initial delay must be at least 100 ms.'],
    [{ initialDelayMs: -5 }, 'initialDelayMs', 'Initial delay cannot be negative.'],
    [{ initialDelayMs: 150.5 }, 'initialDelayMs', 'Initial delay must be a whole number of milliseconds.'],
    [{ initialDelayMs: Number.NaN }, 'initialDelayMs', 'Initial delay must be a number of milliseconds.'],
    [{ maxDelayMs: 999 }, 'maxDelayMs', 'Maximum delay must be ≥ initial delay (1,000 ms).'],
    [{ maxDelayMs: 0 }, 'maxDelayMs', 'Maximum delay cannot be 0; use at least 100 ms.'],
    [{ maxDelayMs: 86_400_001 }, 'maxDelayMs', 'Maximum delay can be at most 24 hours (86,400,000 ms).'],
    [{ maxAttempts: 0 }, 'maxAttempts', 'Attempt limit must be a whole number from 1 to 1000, or unlimited.'],
    [
      { maxAttempts: 1001 },
      'maxAttempts',
      'Attempt limit must be a whole number from 1 to 1000, or unlimited.',
    ],
    [
      { maxAttempts: 2.5 },
      'maxAttempts',
      'Attempt limit must be a whole number from 1 to 1000, or unlimited.',
    ],
    [
      { maxAttempts: Infinity },
      'maxAttempts',
      'Attempt limit must be a whole number from 1 to 1000, or unlimited.',
    ],
    [{ multiplier: 0.5 }, 'multiplier', 'Multiplier must be between 1 (a fixed delay) and 10.'],
    [{ multiplier: 11 }, 'multiplier', 'Multiplier must be between 1 (a fixed delay) and 10.'],
    [
      { jitterRatio: 1.5 },
      'jitterRatio',
      'Jitter must be between 0 (none) and 1 (anything up to the whole delay).',
    ],
    [
      { jitterRatio: -0.1 },
      'jitterRatio',
      'Jitter must be between 0 (none) and 1 (anything up to the whole delay).',
    ],
  ])('%j → %s: %s', (change, field, message) => {
    expect(validateBackoffSettings({ ...base, ...change })).toEqual({
      ok: false,
      error: [{ field, message }],
    });
  });

  it('reports every problem at once', () => {
    const result = validateBackoffSettings({
      initialDelayMs: 0,
      maxDelayMs: 50,
      maxAttempts: 0,
      multiplier: 0,
    });
    expect(result.ok ? [] : result.error.map((p) => p.field)).toEqual([
      'initialDelayMs',
      'maxDelayMs',
      'maxAttempts',
      'multiplier',
    ]);
  });
});

describe('validateIntervalMs', () => {
  it('accepts whole milliseconds from 100 ms to 24 hours', () => {
    expect(validateIntervalMs(100)).toEqual({ ok: true, value: 100 });
    expect(validateIntervalMs(30_000)).toEqual({ ok: true, value: 30_000 });
    expect(validateIntervalMs(86_400_000)).toEqual({ ok: true, value: 86_400_000 });
  });

  it.each<[number, string]>([
    [0, 'Heartbeat interval cannot be 0; use at least 100 ms.'],
    [-1000, 'Heartbeat interval cannot be negative.'],
    [1.5, 'Heartbeat interval must be a whole number of milliseconds.'],
    [99, 'Heartbeat interval must be at least 100 ms.'],
    [86_400_001, 'Heartbeat interval can be at most 24 hours (86,400,000 ms).'],
    [Number.NaN, 'Heartbeat interval must be a number of milliseconds.'],
    [Infinity, 'Heartbeat interval must be a number of milliseconds.'],
  ])('%d → %s', (ms, message) => {
    expect(validateIntervalMs(ms, { label: 'Heartbeat interval' })).toEqual({ ok: false, error: message });
  });

  it('says "Interval" when no label is given', () => {
    expect(validateIntervalMs(0)).toEqual({ ok: false, error: 'Interval cannot be 0; use at least 100 ms.' });
  });
});

describe('validateConnectTimeoutMs', () => {
  it('accepts 100 ms to 10 minutes', () => {
    expect(validateConnectTimeoutMs(100)).toEqual({ ok: true, value: 100 });
    expect(validateConnectTimeoutMs(600_000)).toEqual({ ok: true, value: 600_000 });
  });

  it.each<[number, string]>([
    [0, 'Connect timeout cannot be 0; use at least 100 ms.'],
    [50, 'Connect timeout must be at least 100 ms.'],
    [600_001, 'Connect timeout can be at most 10 minutes (600,000 ms).'],
    [-1, 'Connect timeout cannot be negative.'],
  ])('%d → %s', (ms, message) => {
    expect(validateConnectTimeoutMs(ms)).toEqual({ ok: false, error: message });
  });
});
