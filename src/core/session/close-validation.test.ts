import { describe, expect, it } from 'vitest';
import { checkCloseOptions, validateClientClose } from './close-validation';

describe('validateClientClose', () => {
  it('accepts no code and no reason', () => {
    expect(validateClientClose({})).toEqual({ ok: true, value: {} });
    expect(validateClientClose({ code: null, reason: '' })).toEqual({ ok: true, value: {} });
  });

  it('accepts 1000 and 3000–4999 with or without a reason', () => {
    expect(validateClientClose({ code: 1000 })).toEqual({ ok: true, value: { code: 1000 } });
    expect(validateClientClose({ code: 3000, reason: 'bye' })).toEqual({
      ok: true,
      value: { code: 3000, reason: 'bye' },
    });
    expect(validateClientClose({ code: 4999, reason: 'x' })).toEqual({
      ok: true,
      value: { code: 4999, reason: 'x' },
    });
  });

  it('uses 1000 for a reason without a code', () => {
    expect(validateClientClose({ reason: 'done' })).toEqual({
      ok: true,
      value: { code: 1000, reason: 'done' },
    });
    expect(validateClientClose({ code: null, reason: 'done' })).toEqual({
      ok: true,
      value: { code: 1000, reason: 'done' },
    });
  });

  it.each([1001, 1005, 1006, 1015, 999, 2999, 5000, 0, -1])(
    'rejects code %i with a specific message',
    (code) => {
      expect(validateClientClose({ code })).toEqual({
        ok: false,
        error: `Close code ${code} cannot be sent by a browser: use 1000 or 3000–4999.`,
      });
    },
  );

  it.each([1000.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the non-integer code %d', (code) => {
    const result = validateClientClose({ code });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/whole number/);
  });

  it('measures the reason in UTF-8 bytes, not characters', () => {
    expect(validateClientClose({ code: 1000, reason: 'a'.repeat(123) }).ok).toBe(true);
    expect(validateClientClose({ code: 1000, reason: 'a'.repeat(124) })).toEqual({
      ok: false,
      error: 'Reason is 124 bytes in UTF-8; the limit is 123.',
    });
    // 65 × "é" is only 65 characters but 130 bytes.
    expect(validateClientClose({ code: 4000, reason: 'é'.repeat(65) })).toEqual({
      ok: false,
      error: 'Reason is 130 bytes in UTF-8; the limit is 123.',
    });
    expect(validateClientClose({ reason: '😀'.repeat(30) }).ok).toBe(true);
    expect(validateClientClose({ reason: '😀'.repeat(31) }).ok).toBe(false);
  });

  it('reports the code before the reason', () => {
    const result = validateClientClose({ code: 1001, reason: 'x'.repeat(200) });
    expect(result).toEqual({
      ok: false,
      error: 'Close code 1001 cannot be sent by a browser: use 1000 or 3000–4999.',
    });
  });
});

describe('checkCloseOptions', () => {
  it('sends 1000 when the code is left empty, as the placeholder says', () => {
    expect(checkCloseOptions({ codeText: '', reason: '' })).toEqual({
      codeError: null,
      reasonError: null,
      close: { code: 1000 },
    });
    expect(checkCloseOptions({ codeText: '  ', reason: 'bye' }).close).toEqual({ code: 1000, reason: 'bye' });
  });

  it('takes a typed code', () => {
    expect(checkCloseOptions({ codeText: ' 4100 ', reason: '' }).close).toEqual({ code: 4100 });
  });

  it('flags each field on its own', () => {
    expect(checkCloseOptions({ codeText: '1001', reason: 'é'.repeat(65) })).toEqual({
      codeError: 'Close code 1001 cannot be sent by a browser: use 1000 or 3000–4999.',
      reasonError: 'Reason is 130 bytes in UTF-8; the limit is 123.',
      close: null,
    });
    expect(checkCloseOptions({ codeText: '4000', reason: 'x'.repeat(124) }).codeError).toBeNull();
  });

  it.each(['abc', '1e3', '4000.5', '0x0fa0'])('names text that is not a whole number: %s', (codeText) => {
    expect(checkCloseOptions({ codeText, reason: '' }).codeError).toBe(
      `Close code must be a whole number; got “${codeText}”.`,
    );
  });
});
