import { describe, expect, it } from 'vitest';
import { describeCloseCode, isSendableByClient } from './close-codes';

describe('describeCloseCode', () => {
  it('names and explains every code from 1000 to 1015', () => {
    for (let code = 1000; code <= 1015; code++) {
      const info = describeCloseCode(code);
      expect(info.code).toBe(code);
      expect(['RFC 6455', 'IANA registry']).toContain(info.source);
      expect(info.name.length).toBeGreaterThan(3);
      expect(info.meaning.length).toBeGreaterThan(30);
    }
  });

  it.each([
    [1000, 'Normal Closure', 'RFC 6455'],
    [1001, 'Going Away', 'RFC 6455'],
    [1004, 'Reserved', 'RFC 6455'],
    [1005, 'No Status Received', 'RFC 6455'],
    [1006, 'Abnormal Closure', 'RFC 6455'],
    [1011, 'Internal Error', 'RFC 6455'],
    [1012, 'Service Restart', 'IANA registry'],
    [1013, 'Try Again Later', 'IANA registry'],
    [1014, 'Bad Gateway', 'IANA registry'],
    [1015, 'TLS Handshake', 'RFC 6455'],
    [3000, 'Unauthorized', 'IANA registry'],
    [3003, 'Forbidden', 'IANA registry'],
    [3008, 'Timeout', 'IANA registry'],
  ] as const)('%i is %s (%s)', (code, name, source) => {
    expect(describeCloseCode(code)).toMatchObject({ code, name, source });
  });

  it('says which codes never travel on the wire', () => {
    for (const code of [1005, 1006, 1015]) {
      expect(describeCloseCode(code).meaning).toMatch(/^Never sent on the wire/);
    }
    expect(describeCloseCode(1006).meaning).toMatch(/refused/);
  });

  it.each([
    [1016, 'range', 'Reserved'],
    [2999, 'range', 'Reserved'],
    [3001, 'range', 'Library or Framework Code'],
    [3999, 'range', 'Library or Framework Code'],
    [4000, 'range', 'Application Code'],
    [4999, 'range', 'Application Code'],
    [0, 'invalid', 'Unused'],
    [999, 'invalid', 'Unused'],
    [5000, 'invalid', 'Invalid Code'],
    [65535, 'invalid', 'Invalid Code'],
    [-1, 'invalid', 'Invalid Code'],
    [1000.5, 'invalid', 'Invalid Code'],
    [Number.NaN, 'invalid', 'Invalid Code'],
  ] as const)('%d falls back to its range (%s)', (code, source, name) => {
    const info = describeCloseCode(code);
    expect(info).toMatchObject({ source, name });
    expect(info.code).toBe(code);
    expect(info.meaning.length).toBeGreaterThan(30);
  });
});

describe('isSendableByClient', () => {
  it('allows 1000 and 3000–4999 only', () => {
    expect(isSendableByClient(1000)).toBe(true);
    expect(isSendableByClient(3000)).toBe(true);
    expect(isSendableByClient(4999)).toBe(true);
    for (const code of [0, 999, 1001, 1005, 1006, 1015, 2999, 5000, 3000.5, Number.NaN]) {
      expect(isSendableByClient(code)).toBe(false);
    }
  });
});
