import { describe, expect, it, vi } from 'vitest';
import type { MessageEvent } from '../session/session-events';
import { createRedactor, SECRET_MASK } from '../template/secret-redaction';
import { MAX_HEX_BYTES, MAX_INLINE_PRETTY_CHARS, MAX_SHOWN_CHARS, toMessageDetail } from './message-detail';

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
  it('leaves large JSON to be formatted off the main thread, whatever its size', () => {
    const big = JSON.stringify({ rows: Array.from({ length: 40_000 }, (_, id) => ({ id })) });
    expect(big.length).toBeGreaterThan(MAX_INLINE_PRETTY_CHARS);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(toMessageDetail(message(big))).toMatchObject({ kind: 'json', pretty: null, truncated: true });
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('pretty-prints JSON objects and arrays', () => {
    expect(toMessageDetail(message('{"a":[1,2]}'))).toEqual({
      kind: 'json',
      pretty: '{\n  "a": [\n    1,\n    2\n  ]\n}',
      raw: '{"a":[1,2]}',
      truncated: false,
      secrets: 0,
    });
  });

  it('shows broken JSON and plain text raw', () => {
    expect(toMessageDetail(message('{"a":'))).toMatchObject({ kind: 'text', note: expect.any(String) });
    expect(toMessageDetail(message('hello "world"'))).toEqual({
      kind: 'text',
      raw: 'hello "world"',
      truncated: false,
      note: null,
      secrets: 0,
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
      secrets: 0,
    });
    const big = toMessageDetail(message(new ArrayBuffer(MAX_HEX_BYTES + 1)));
    expect(big).toMatchObject({ kind: 'binary', truncated: true });
  });

  describe('with secrets', () => {
    const redactor = createRedactor([{ name: 'token', value: 'se"cret' }]);

    it('masks them in pretty JSON (where they are re-escaped) and in raw text, unless revealed', () => {
      const event = message(JSON.stringify({ token: 'se"cret', n: 1 }));
      const detail = toMessageDetail(event, { redactor });
      expect(detail).toMatchObject({
        kind: 'json',
        pretty: `{\n  "token": "${SECRET_MASK}",\n  "n": 1\n}`,
        raw: `{"token":"${SECRET_MASK}","n":1}`,
        secrets: 1,
      });
      const revealed = toMessageDetail(event, { redactor, reveal: true });
      expect(revealed).toMatchObject({ raw: '{"token":"se\\"cret","n":1}', secrets: 1 });
    });

    it('masks a secret cut by the display limit whole', () => {
      const text = 'x'.repeat(MAX_SHOWN_CHARS - 3) + 'se"cret' + 'y';
      const detail = toMessageDetail(message(text), { redactor });
      expect(detail).toMatchObject({ kind: 'text', truncated: true, secrets: 1 });
      if (detail.kind === 'text') expect(detail.raw.endsWith('xxx' + SECRET_MASK.slice(0, 3))).toBe(true);
      if (detail.kind === 'text') expect(detail.raw).not.toContain('se');
    });

    it("hides a secret's bytes in the hex dump", () => {
      const bytes = new Uint8Array([0xff, ...new TextEncoder().encode('se"cret'), 0x00]);
      const detail = toMessageDetail(message(bytes.buffer), { redactor });
      expect(detail).toMatchObject({ kind: 'binary', secrets: 1 });
      if (detail.kind === 'binary') expect(detail.lines[0]?.hex).toBe('ff •• •• •• •• •• •• ••  00');
    });
  });
});
