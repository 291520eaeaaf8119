import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/session-events';
import { createRedactor } from '../template/secret-redaction';
import { socketIoLens } from '../protocol/socket-io/socket-io-lens';
import { scenarioStepsFromSession } from './scenario-from-session';

const none = createRedactor([]);

const base = { sinceOpen: null };
const message = (
  direction: 'in' | 'out',
  data: string | ArrayBuffer,
  at: number,
  auto?: 'on-open' | 'protocol',
): SessionEvent => ({
  ...base,
  kind: 'message',
  direction,
  format: typeof data === 'string' ? 'text' : 'binary',
  data,
  size: typeof data === 'string' ? data.length : data.byteLength,
  at,
  ...(auto ? { auto } : {}),
});

describe('scenarioStepsFromSession', () => {
  it('makes sends of what the user sent and expects of the stable fields of what followed', () => {
    const events: SessionEvent[] = [
      { ...base, kind: 'connecting', url: 'ws://x/chat', protocols: ['chat.v1'], at: 0 },
      { ...base, kind: 'open', protocol: 'chat.v1', extensions: '', openMs: 5, at: 5 },
      message('in', '{"type":"join","clients":1,"ts":"2026-01-01"}', 6),
      message('out', '{"type":"ping"}', 10, 'on-open'),
      message('out', '{"user":"ada","content":"hi"}', 100),
      message(
        'in',
        '{"type":"message","id":7,"user":"ada","content":"hi","ts":"2026-01-01","sentAt":1}',
        600,
      ),
      message('out', 'plain text', 700),
      message('in', 'pong (1)', 710),
      message('out', new Uint8Array([0xde, 0xad]).buffer, 800),
      message('in', new Uint8Array([1, 2, 3]).buffer, 810),
      {
        ...base,
        kind: 'close',
        code: 1000,
        reason: '',
        wasClean: true,
        initiator: 'client',
        durationMs: 900,
        at: 900,
      },
      message('out', 'after the close', 1000),
    ];
    expect(scenarioStepsFromSession(events, none)).toEqual([
      { kind: 'connect', protocols: ['chat.v1'] },
      { kind: 'send', message: { kind: 'inline', format: 'json', body: '{"user":"ada","content":"hi"}' } },
      {
        kind: 'expect',
        match: { kind: 'json-subset', value: { type: 'message', user: 'ada', content: 'hi' } },
        timeoutMs: 1500,
      },
      { kind: 'send', message: { kind: 'inline', format: 'text', body: 'plain text' } },
      { kind: 'expect', match: { kind: 'text-regex', pattern: '^pong \\(1\\)$' }, timeoutMs: 1000 },
      { kind: 'send', message: { kind: 'inline', format: 'binary', encoding: 'hex', body: 'de ad' } },
      { kind: 'expect', match: { kind: 'binary', length: 3 }, timeoutMs: 1000 },
      { kind: 'disconnect' },
    ]);
  });

  it('still gives a runnable outline for a session that never connected', () => {
    expect(scenarioStepsFromSession([], none)).toEqual([{ kind: 'connect' }, { kind: 'disconnect' }]);
  });

  it('keeps secret values out: {{name}} in a sent text, the mask in bytes, and no expectation on what held one', () => {
    const redactor = createRedactor([{ name: 'token', value: 'hunter2-secret' }]);
    const steps = scenarioStepsFromSession(
      [
        { ...base, kind: 'connecting', url: 'ws://x/echo', protocols: [], at: 0 },
        message('out', '{"auth":"hunter2-secret","type":"login"}', 10),
        message('in', '{"type":"welcome","echo":"hunter2-secret"}', 20),
        message('in', 'token hunter2-secret accepted', 30),
        message('out', new TextEncoder().encode('xhunter2-secretx').buffer, 40),
      ],
      redactor,
    );
    expect(JSON.stringify(steps)).not.toContain('hunter2');
    expect(steps[1]).toEqual({
      kind: 'send',
      message: { kind: 'inline', format: 'json', body: '{"auth":"{{token}}","type":"login"}' },
    });
    expect(steps[2]).toMatchObject({ match: { kind: 'json-subset', value: { type: 'welcome' } } });
    expect(steps[3]).toMatchObject({ match: { kind: 'any' } });
    expect(steps[4]).toMatchObject({ message: { format: 'binary' } });
  });
});

describe('scenarioStepsFromSession with the tab’s protocol lens', () => {
  const lens = {
    id: 'socket.io' as const,
    decode: (frame: { direction: 'in' | 'out'; data: string | ArrayBuffer }) =>
      socketIoLens.decode(frame, { protocol: '' }),
  };

  it('expects decoded messages by their stable fields, and leaves out what the lens answered by itself', () => {
    const events: SessionEvent[] = [
      { ...base, kind: 'connecting', url: 'ws://x/socket.io/', protocols: [], at: 0 },
      { ...base, kind: 'open', protocol: '', extensions: '', openMs: 5, at: 5 },
      message('out', '421["echo","hi"]', 100),
      message('in', '2', 150),
      message('out', '3', 151, 'protocol'),
      message('in', '431["hi"]', 160),
      message('in', 'not socket.io', 170),
    ];
    const steps = scenarioStepsFromSession(events, none, { lens });
    expect(steps).toEqual([
      { kind: 'connect' },
      { kind: 'send', message: { kind: 'inline', format: 'text', body: '421["echo","hi"]' } },
      {
        kind: 'expect',
        match: { kind: 'protocol', lens: 'socket.io', value: { type: 'ack', namespace: '/' } },
        timeoutMs: 1000,
      },
      { kind: 'expect', match: { kind: 'text-regex', pattern: '^not socket\\.io$' }, timeoutMs: 1000 },
      { kind: 'disconnect' },
    ]);
  });
});
