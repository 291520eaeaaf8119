import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/session-events';
import { createRedactor, SECRET_MASK } from '../template/secret-redaction';
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

  it('says what the probe found when a handshake failed', () => {
    const failed = {
      ...base,
      sinceOpen: null,
      kind: 'close',
      code: 1006,
      reason: '',
      wasClean: false,
      initiator: 'server',
      durationMs: null,
    } as const;
    expect(row({ ...failed, handshakeFailure: 'unreachable' }).preview).toBe(
      'Could not connect: nothing answers at that host and port · 1006 Abnormal Closure',
    );
    expect(row({ ...failed, handshakeFailure: 'upgrade-refused' }).preview).toBe(
      'Could not connect: a server answered HTTP but refused the WebSocket upgrade ' +
        '(wrong path, authentication, Origin check, or not a WebSocket endpoint) · 1006 Abnormal Closure',
    );
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

describe('toRowModel for automation', () => {
  const text = { ...base, kind: 'message', direction: 'out', format: 'text', data: 'ping', size: 4 } as const;

  it('marks messages the automation sent, and only those', () => {
    expect(row({ ...text, auto: 'interval' })).toMatchObject({ kind: 'Text · auto', auto: 'interval' });
    expect(row({ ...text, auto: 'on-open' })).toMatchObject({ kind: 'Text · auto', auto: 'on-open' });
    const data = new Uint8Array([1]).buffer;
    expect(row({ ...text, format: 'binary', data, size: 1, auto: 'on-open' }).kind).toBe('Binary · auto');
    expect(row(text)).toMatchObject({ kind: 'Text', auto: null });
    expect(row({ ...base, kind: 'error', message: 'x' }).auto).toBeNull();
  });

  it('describes each reconnect step', () => {
    const scheduled = row({
      ...base,
      kind: 'reconnect',
      phase: 'scheduled',
      attempt: 3,
      maxAttempts: 10,
      reconnectsSinceConnect: 5,
      delayMs: 2000,
    });
    expect(scheduled).toMatchObject({
      tone: 'lifecycle',
      direction: 'Event',
      kind: 'Reconnect',
      size: '',
      preview: 'Reconnecting in 2 s (attempt 3 of 10; 5 reconnects since Connect)',
    });
    expect(
      row({ ...base, kind: 'reconnect', phase: 'scheduled', attempt: 1, maxAttempts: null, delayMs: 750 })
        .preview,
    ).toBe('Reconnecting in 750 ms (attempt 1)');
    expect(
      row({
        ...base,
        kind: 'reconnect',
        phase: 'attempting',
        attempt: 1,
        maxAttempts: 10,
        reconnectsSinceConnect: 1,
      }).preview,
    ).toBe('Reconnecting now (attempt 1 of 10; 1 reconnect since Connect)');
    // Recorded before the count existed: the attempt alone.
    expect(
      row({ ...base, kind: 'reconnect', phase: 'attempting', attempt: 3, maxAttempts: 10 }).preview,
    ).toBe('Reconnecting now (attempt 3 of 10)');
    expect(row({ ...base, kind: 'reconnect', phase: 'gave-up', attempts: 10 })).toMatchObject({
      tone: 'error',
      preview: 'Gave up after 10 attempts',
    });
    expect(row({ ...base, kind: 'reconnect', phase: 'gave-up', attempts: 1 }).preview).toBe(
      'Gave up after 1 attempt',
    );
    expect(row({ ...base, kind: 'reconnect', phase: 'gave-up', attempts: 0 }).preview).toBe(
      'Not reconnecting: the reconnect schedule allows no attempts',
    );
    const cancelled = (cause: 'disconnect' | 'connect' | 'disabled') =>
      row({ ...base, kind: 'reconnect', phase: 'cancelled', attempt: 2, cause }).preview;
    expect([cancelled('disconnect'), cancelled('connect'), cancelled('disabled')]).toEqual([
      'Reconnect cancelled: you disconnected',
      'Reconnect cancelled: you connected again',
      'Reconnect cancelled: automatic reconnect was turned off',
    ]);
  });

  it('describes a connect timeout and an automation error as errors', () => {
    expect(row({ ...base, sinceOpen: null, kind: 'timeout', afterMs: 5000 })).toMatchObject({
      tone: 'error',
      kind: 'Timeout',
      sinceOpen: '',
      preview: 'Connect timed out after 5 s: closing the connection',
    });
    const message = 'Heartbeat "ping" not sent: unknown variable "token"';
    expect(
      row({ ...base, kind: 'automation-error', source: 'interval', label: 'ping', message }),
    ).toMatchObject({ tone: 'error', kind: 'Automation', preview: message });
  });

  describe('with secrets', () => {
    const redactor = createRedactor([{ name: 'token', value: 'hunter2 ü' }]);
    const masked = (event: SessionEvent, reveal = false) =>
      toRowModel({ seq: 1, event }, { redactor, reveal });

    it('masks the URL and offered subprotocols of a connect, in their encoded forms too', () => {
      const model = masked({
        ...base,
        kind: 'connecting',
        url: new URL('ws://h/echo?token=hunter2 ü').href,
        protocols: ['bearer.hunter2 ü'],
      });
      expect(model.preview).toBe(`ws://h/echo?token=${SECRET_MASK} · offering bearer.${SECRET_MASK}`);
      expect(model.secrets).toBe(true);
    });

    it('masks messages in both directions, close reasons and errors, and shows them revealed', () => {
      const frame: SessionEvent = {
        ...base,
        kind: 'message',
        direction: 'in',
        format: 'text',
        data: 'echo hunter2 ü',
        size: 15,
      };
      expect(masked(frame)).toMatchObject({ preview: `echo ${SECRET_MASK}`, secrets: true });
      expect(masked(frame, true)).toMatchObject({ preview: 'echo hunter2 ü', secrets: true });
      const closed = masked({
        ...base,
        kind: 'close',
        code: 4001,
        reason: 'bad hunter2 ü',
        wasClean: true,
        initiator: 'server',
        durationMs: 1,
      });
      expect(closed.preview).toContain(`reason “bad ${SECRET_MASK}”`);
      expect(masked({ ...base, kind: 'error', message: 'x hunter2 ü' }).preview).toBe(`x ${SECRET_MASK}`);
      expect(masked({ ...base, kind: 'open', protocol: 'p', extensions: '', openMs: 1 }).secrets).toBe(false);
    });

    it('masks a secret that the preview cut runs through', () => {
      const data = 'x'.repeat(236) + 'hunter2 ü' + 'y'.repeat(50);
      const model = masked({ ...base, kind: 'message', direction: 'out', format: 'text', data, size: 300 });
      expect(model.preview).toBe('x'.repeat(236) + SECRET_MASK + '…');
      expect(model.preview).not.toContain('h');
    });

    it("dots out a secret's bytes in a binary preview", () => {
      const data = new Uint8Array([1, ...new TextEncoder().encode('hunter2 ü'), 2]).buffer;
      const model = masked({ ...base, kind: 'message', direction: 'out', format: 'binary', data, size: 12 });
      expect(model.preview).toBe(`01 ${Array(10).fill('••').join(' ')} 02`);
    });
  });
});

describe('JSON rows and field columns', () => {
  const text = (data: string): SessionEvent => ({
    ...base,
    kind: 'message',
    direction: 'in',
    format: 'text',
    data,
    size: data.length,
  });

  it('says JSON for frames holding a JSON object or array, Text otherwise', () => {
    expect(row(text('{"type":"trade"}')).kind).toBe('JSON');
    expect(row(text('[1, 2]')).kind).toBe('JSON');
    expect(row(text('{"type":')).kind).toBe('Text');
    expect(row({ ...(text('{"a":1}') as object), auto: 'interval' } as SessionEvent).kind).toBe(
      'JSON · auto',
    );
  });

  it('shows the chosen top-level fields in order, empty where a frame has none', () => {
    const columns = ['type', 'id'];
    expect(toRowModel({ seq: 1, event: text('{"id":3,"type":"trade"}') }, { columns }).fields).toEqual([
      'trade',
      '3',
    ]);
    expect(toRowModel({ seq: 2, event: text('plain') }, { columns }).fields).toEqual(['', '']);
    const open: SessionEvent = { ...base, kind: 'open', protocol: '', extensions: '', openMs: 3 };
    expect(toRowModel({ seq: 3, event: open }, { columns }).fields).toEqual(['', '']);
  });

  it('masks a secret in a field column unless the row is revealed', () => {
    const redactor = createRedactor([{ name: 'token', value: 's3cr3t-value' }]);
    const event = text('{"auth":"s3cr3t-value","type":"login"}');
    const masked = toRowModel({ seq: 4, event }, { redactor, columns: ['auth', 'type'] });
    expect(masked.fields).toEqual([SECRET_MASK, 'login']);
    expect(masked.secrets).toBe(true);
    const shown = toRowModel({ seq: 4, event }, { redactor, columns: ['auth'], reveal: true });
    expect(shown.fields).toEqual(['s3cr3t-value']);
  });
});
