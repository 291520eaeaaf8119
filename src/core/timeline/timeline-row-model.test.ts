import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/session-events';
import { toRowModel } from './timeline-row-model';

const row = (event: SessionEvent) => toRowModel({ seq: 7, event });
const base = { at: Date.UTC(2026, 0, 1, 12, 0, 0, 5), sinceOpen: 1204 };

describe('toRowModel', () => {
  it('describes a received text frame with its size and a one-line preview', () => {
    const model = row({ ...base, kind: 'message', direction: 'in', format: 'text', data: 'a\n  b', size: 5 });
    expect(model).toMatchObject({ seq: 7, tone: 'in', direction: 'Received', kind: 'Text', size: '5 B' });
    expect(model.preview).toBe('a b');
    expect(model.sinceOpen).toBe('+1,204 ms');
  });

  it('previews binary frames as hex', () => {
    const data = new Uint8Array([0xde, 0xad, 0xbe, 0xef]).buffer;
    expect(
      row({ ...base, kind: 'message', direction: 'out', format: 'binary', data, size: 4 }),
    ).toMatchObject({
      tone: 'out',
      direction: 'Sent',
      kind: 'Binary',
      size: '4 B',
      preview: 'de ad be ef',
    });
  });

  it('gives a clean close its code, name, reason and who closed', () => {
    const close = row({
      ...base,
      kind: 'close',
      code: 4001,
      reason: 'token expired',
      wasClean: true,
      initiator: 'server',
      durationMs: 2500,
    });
    expect(close.tone).toBe('close-clean');
    expect(close.preview).toMatch(
      /^4001 .+ · reason “token expired” · clean · closed by server · after 2.5 s$/,
    );
  });

  it('says plainly when a connection never opened', () => {
    const close = row({
      ...base,
      sinceOpen: null,
      kind: 'close',
      code: 1006,
      reason: '',
      wasClean: false,
      initiator: 'server',
      durationMs: null,
    });
    expect(close.tone).toBe('close-unclean');
    expect(close.preview).toMatch(/^Could not connect · 1006 Abnormal Closure · unclean/);
  });

  it('marks a dropped connection as unclean', () => {
    const close = row({
      ...base,
      kind: 'close',
      code: 1006,
      reason: '',
      wasClean: false,
      initiator: 'server',
      durationMs: 200,
    });
    expect(close.preview).toContain('1006 Abnormal Closure · no reason · unclean');
  });
});
