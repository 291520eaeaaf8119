import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatSinceOpen, groupThousands } from './format';

describe('format', () => {
  it('formats byte sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MiB');
  });

  it('formats time since open', () => {
    expect(formatSinceOpen(null)).toBe('');
    expect(formatSinceOpen(0.4)).toBe('+0 ms');
    expect(formatSinceOpen(1204.2)).toBe('+1,204 ms');
    expect(formatSinceOpen(125_120)).toBe('+2:05.120');
  });

  it('formats durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
  });
});

describe('groupThousands', () => {
  it('groups digits in threes', () => {
    expect([0, 7, 999, 1000, 12_345, 1_234_567, -4200].map(groupThousands)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '12,345',
      '1,234,567',
      '-4,200',
    ]);
  });
});
