import { describe, expect, it } from 'vitest';
import { toMessagePayload } from './message-payload';

describe('toMessagePayload', () => {
  it('sends text and JSON exactly as written', () => {
    expect(toMessagePayload({ format: 'text', body: ' a\tb\n' })).toEqual({ ok: true, value: ' a\tb\n' });
    expect(toMessagePayload({ format: 'json', body: '{ "a" : 1 }' })).toEqual({
      ok: true,
      value: '{ "a" : 1 }',
    });
  });

  it('decodes hex and base64 bodies into bytes', () => {
    const expected = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
    expect(toMessagePayload({ format: 'binary', encoding: 'hex', body: 'de ad\nbe ef' })).toEqual({
      ok: true,
      value: expected,
    });
    expect(toMessagePayload({ format: 'binary', encoding: 'base64', body: '3q2+7w==' })).toEqual({
      ok: true,
      value: expected,
    });
  });

  it('locates a spelling mistake', () => {
    const result = toMessagePayload({ format: 'binary', encoding: 'hex', body: 'de ad\nbe eg' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ line: 2, column: 5 });
  });
});
