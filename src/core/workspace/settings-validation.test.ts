import { describe, expect, it } from 'vitest';
import { parseArchiveMaxMiB, parseArchiveMaxSessions, parseTimelineCap } from './settings-validation';

describe('parseTimelineCap', () => {
  it('accepts whole numbers in range, with thousands separators', () => {
    expect(parseTimelineCap('100000')).toEqual({ ok: true, value: 100_000 });
    expect(parseTimelineCap(' 250,000 ')).toEqual({ ok: true, value: 250_000 });
    expect(parseTimelineCap('100')).toEqual({ ok: true, value: 100 });
  });

  it('explains what is wrong otherwise', () => {
    expect(parseTimelineCap('')).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
    expect(parseTimelineCap('1.5')).toMatchObject({ ok: false });
    expect(parseTimelineCap('-5')).toMatchObject({ ok: false });
    expect(parseTimelineCap('99')).toMatchObject({
      ok: false,
      error: expect.stringContaining('between 100'),
    });
    expect(parseTimelineCap('1000001')).toMatchObject({ ok: false });
  });
});

describe('History limits', () => {
  it('accept whole numbers of sessions and MiB (returned as bytes)', () => {
    expect(parseArchiveMaxSessions('1,000')).toEqual({ ok: true, value: 1000 });
    expect(parseArchiveMaxSessions('1')).toEqual({ ok: true, value: 1 });
    expect(parseArchiveMaxMiB('1024')).toEqual({ ok: true, value: 1024 * 1024 * 1024 });
  });

  it('refuse anything else with a sentence', () => {
    for (const text of ['', '0', '-1', '2.5', 'lots', '100001'])
      expect(parseArchiveMaxSessions(text)).toMatchObject({
        ok: false,
        error: expect.stringContaining('sessions'),
      });
    for (const text of ['', '0', '1.5', '99999999'])
      expect(parseArchiveMaxMiB(text)).toMatchObject({ ok: false, error: expect.stringContaining('MiB') });
  });
});
