import { describe, expect, it } from 'vitest';
import { parseHandshakePayload } from './handshake-payload';

describe('parseHandshakePayload', () => {
  it('is no payload when empty, the JSON value otherwise, and says why text is not JSON', () => {
    expect(parseHandshakePayload('  ')).toEqual({ ok: true, value: {} });
    expect(parseHandshakePayload('{"token":"t"}')).toEqual({
      ok: true,
      value: { handshakePayload: { token: 't' } },
    });
    const bad = parseHandshakePayload('{token}');
    expect(bad.ok ? '' : bad.error).toMatch(/^the handshake payload is not JSON \(/);
  });
});
