import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/session-events';
import { createRedactor } from '../template/secret-redaction';
import {
  compileTextPattern,
  compileTimelineFilter,
  matchTextOf,
  NO_FILTER,
  type TimelineFilterSettings,
} from './timeline-filter';

const base = { at: 0, sinceOpen: 0 };
const text = (direction: 'in' | 'out', data: string, auto?: 'interval'): SessionEvent => ({
  ...base,
  kind: 'message',
  direction,
  format: 'text',
  data,
  size: data.length,
  ...(auto ? { auto } : {}),
});
const open: SessionEvent = { ...base, kind: 'open', protocol: '', extensions: '', openMs: 3 };
const binary: SessionEvent = {
  ...base,
  kind: 'message',
  direction: 'in',
  format: 'binary',
  data: new Uint8Array([0xde, 0xad, 0xbe, 0xef]).buffer,
  size: 4,
};
const noSecrets = createRedactor([]);

function matcher(settings: Partial<TimelineFilterSettings>, redactor = noSecrets) {
  const compiled = compileTimelineFilter({ ...NO_FILTER, ...settings }, { redactor });
  return (event: SessionEvent) => compiled.match === null || compiled.match(event);
}

describe('compileTextPattern', () => {
  it('is empty for an empty box and case-insensitive by default', () => {
    expect(compileTextPattern('', { regex: false, matchCase: false })).toEqual({ ok: true, value: null });
    const pattern = compileTextPattern('A.b', { regex: false, matchCase: false });
    if (!pattern.ok || !pattern.value) throw new Error('no pattern');
    expect(pattern.value.test('xa.By')).toBe(true);
    // Not a regular expression: the dot is a dot.
    expect(pattern.value.test('axb')).toBe(false);
    expect(pattern.value.ranges('a.b A.B', 10)).toEqual([
      [0, 3],
      [4, 7],
    ]);
  });

  it('matches case when asked', () => {
    const pattern = compileTextPattern('ab', { regex: false, matchCase: true });
    if (!pattern.ok || !pattern.value) throw new Error('no pattern');
    expect(pattern.value.test('AB')).toBe(false);
    expect(pattern.value.ranges('ab ab ab', 2)).toEqual([
      [0, 2],
      [3, 5],
    ]);
  });

  it('compiles regular expressions and explains invalid ones without throwing', () => {
    const pattern = compileTextPattern('"seq":\\d+5,', { regex: true, matchCase: false });
    if (!pattern.ok || !pattern.value) throw new Error('no pattern');
    expect(pattern.value.test('{"seq":125,')).toBe(true);
    expect(pattern.value.test('{"seq":12,')).toBe(false);
    const invalid = compileTextPattern('(', { regex: true, matchCase: false });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.error).toBe('Invalid regular expression: Unterminated group');
  });

  it('skips empty regular expression matches when highlighting', () => {
    const pattern = compileTextPattern('x*', { regex: true, matchCase: false });
    if (!pattern.ok || !pattern.value) throw new Error('no pattern');
    expect(pattern.value.ranges('axxbx', 10)).toEqual([
      [1, 3],
      [4, 5],
    ]);
  });
});

describe('matchTextOf', () => {
  it('reads the whole text of a frame, secrets masked', () => {
    const redactor = createRedactor([{ name: 'token', value: 's3cret' }]);
    const long = 'x'.repeat(1000) + 'needle s3cret';
    expect(matchTextOf(text('in', long), redactor)).toBe('x'.repeat(1000) + 'needle ••••');
  });

  it("reads a binary frame's hex preview and a lifecycle row's kind and summary", () => {
    expect(matchTextOf(binary, noSecrets)).toBe('de ad be ef');
    expect(matchTextOf(open, noSecrets)).toBe('Open Connected in 3 ms · no subprotocol');
  });
});

describe('compileTimelineFilter', () => {
  it('lets everything through without a filter (no matcher at all)', () => {
    expect(compileTimelineFilter(NO_FILTER, { redactor: noSecrets }).match).toBeNull();
  });

  it('filters by direction, showing lifecycle rows only for All', () => {
    const sent = matcher({ direction: 'out' });
    expect(sent(text('out', 'a'))).toBe(true);
    expect(sent(text('in', 'a'))).toBe(false);
    expect(sent(open)).toBe(false);
    expect(matcher({ direction: 'in' })(binary)).toBe(true);
  });

  it('hides lifecycle rows and automatic sends when those toggles are off', () => {
    expect(matcher({ lifecycle: false })(open)).toBe(false);
    expect(matcher({ lifecycle: false })(text('in', 'a'))).toBe(true);
    expect(matcher({ auto: false })(text('out', 'ping', 'interval'))).toBe(false);
    expect(matcher({ auto: false })(text('out', 'ping'))).toBe(true);
  });

  it('does not find a secret by its value', () => {
    const redactor = createRedactor([{ name: 'token', value: 's3cret' }]);
    expect(matcher({ text: 's3cret' }, redactor)(text('out', 'auth s3cret'))).toBe(false);
    expect(matcher({ text: 'auth' }, redactor)(text('out', 'auth s3cret'))).toBe(true);
    expect(matcher({ field: '$.t == "s3cret"' }, redactor)(text('out', '{"t":"s3cret"}'))).toBe(false);
  });

  it('combines text and a JSON field filter, which only JSON text frames pass', () => {
    const both = matcher({ text: 'trade', field: '$.px > 10' });
    expect(both(text('in', '{"type":"trade","px":11}'))).toBe(true);
    expect(both(text('in', '{"type":"trade","px":9}'))).toBe(false);
    expect(both(text('in', '{"type":"quote","px":11}'))).toBe(false);
    const field = matcher({ field: '$ exists' });
    expect(field(text('in', 'not json'))).toBe(false);
    expect(field(binary)).toBe(false);
    expect(field(open)).toBe(false);
  });

  it('reports parts that do not compile and applies the rest', () => {
    const compiled = compileTimelineFilter(
      { ...NO_FILTER, text: '[', regex: true, field: '$.a ==', direction: 'in' },
      { redactor: noSecrets },
    );
    expect(compiled.textError).toMatch(/Invalid regular expression/);
    expect(compiled.fieldError).toMatch(/a value after ==/);
    expect(compiled.pattern).toBeNull();
    expect(compiled.match?.(text('in', 'x'))).toBe(true);
    expect(compiled.match?.(text('out', 'x'))).toBe(false);
  });
});
