import { describe, expect, it } from 'vitest';
import { parseTimelineCap } from './settings-validation';

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
