import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../session/session-events';
import { MAX_HEX_BYTES, MAX_SHOWN_CHARS, toMessageDetail } from './message-detail';

const message = (data: string | ArrayBuffer): MessageEvent => ({
  kind: 'message',
  at: 0,
  sinceOpen: 0,
  direction: 'in',
  format: typeof data === 'string' ? 'text' : 'binary',
  data,
  size: 0,
});

describe('toMessageDetail', () => {
  it('pretty-prints JSON objects and arrays', () => {
    expect(toMessageDetail(message('{"a":[1,2]}'))).toEqual({
      kind: 'json',
      pretty: '{\n  "a": [\n    1,\n    2\n  ]\n}',
      raw: '{"a":[1,2]}',
      truncated: false,
    });
  });

  it('shows broken JSON and plain text raw', () => {
    expect(toMessageDetail(message('{"a":'))).toMatchObject({ kind: 'text', note: expect.any(String) });
    expect(toMessageDetail(message('hello "world"'))).toEqual({
      kind: 'text',
      raw: 'hello "world"',
      truncated: false,
      note: null,
    });
  });

  it('truncates what it shows of huge text', () => {
    const detail = toMessageDetail(message('x'.repeat(MAX_SHOWN_CHARS + 10)));
    expect(detail).toMatchObject({ kind: 'text', truncated: true });
    if (detail.kind === 'text') expect(detail.raw).toHaveLength(MAX_SHOWN_CHARS);
  });

  it('hex-dumps binary, capped', () => {
    const small = toMessageDetail(message(new Uint8Array([1, 2, 3]).buffer));
    expect(small).toEqual({
      kind: 'binary',
      lines: [{ offset: '00000000', hex: '01 02 03', ascii: '...' }],
      truncated: false,
    });
    const big = toMessageDetail(message(new ArrayBuffer(MAX_HEX_BYTES + 1)));
    expect(big).toMatchObject({ kind: 'binary', truncated: true });
  });
});
