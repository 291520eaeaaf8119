import { describe, expect, it } from 'vitest';
import { validateWebSocketUrl, type UrlProblem } from './url-validation';

function problem(input: string, pageProtocol?: string): UrlProblem {
  const result = validateWebSocketUrl(input, pageProtocol === undefined ? {} : { pageProtocol });
  if (result.ok) throw new Error(`expected a problem for ${input}, got ${result.value}`);
  return result.error;
}

function valid(input: string, pageProtocol?: string): string {
  const result = validateWebSocketUrl(input, pageProtocol === undefined ? {} : { pageProtocol });
  if (!result.ok) throw new Error(`expected ${input} to be valid: ${result.error.message}`);
  return result.value;
}

describe('validateWebSocketUrl: valid URLs', () => {
  it.each([
    ['ws://localhost:8080', 'ws://localhost:8080/'],
    ['wss://example.com/socket', 'wss://example.com/socket'],
    ['  wss://example.com/socket?token=abc&x=1  ', 'wss://example.com/socket?token=abc&x=1'],
    ['ws://127.0.0.1:9001/path/to?q=%20', 'ws://127.0.0.1:9001/path/to?q=%20'],
    ['ws://[::1]:8080/', 'ws://[::1]:8080/'],
    ['wss://[2001:db8::1]:443/x', 'wss://[2001:db8::1]/x'],
    ['WSS://Example.COM:8443/A', 'wss://example.com:8443/A'],
    ['ws://user:pass@example.com/', 'ws://user:pass@example.com/'],
  ])('%s → %s', (input, href) => {
    expect(valid(input)).toBe(href);
  });

  it('allows wss:// from an https page and ws:// from an http page', () => {
    expect(valid('wss://example.com', 'https:')).toBe('wss://example.com/');
    expect(valid('ws://example.com', 'http:')).toBe('ws://example.com/');
  });

  it.each([
    'ws://localhost:8080',
    'ws://api.localhost/x',
    'ws://127.0.0.1:1',
    'ws://127.5.6.7',
    'ws://[::1]:9',
  ])('allows ws:// to the loopback host %s from an https page', (input) => {
    expect(validateWebSocketUrl(input, { pageProtocol: 'https:' }).ok).toBe(true);
  });
});

describe('validateWebSocketUrl: problems', () => {
  it.each(['', '   ', '\n\t'])('empty: %j', (input) => {
    const found = problem(input);
    expect(found.code).toBe('empty');
    expect(found.suggestion).toBeUndefined();
  });

  it('a space inside the URL is named, whatever the parser would do with it', () => {
    const result = validateWebSocketUrl('ws://exa mple.com/');
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'unparseable' }) });
    if (!result.ok) expect(result.error.message).toContain('space at character 9');
  });

  it('unparseable without a scheme suggests ws://', () => {
    expect(problem('example.com/socket')).toEqual({
      code: 'unparseable',
      message: expect.stringMatching(/no scheme/),
      suggestion: 'ws://example.com/socket',
    });
    expect(problem('//example.com/a?b=1').suggestion).toBe('ws://example.com/a?b=1');
    expect(problem('localhost').suggestion).toBe('ws://localhost/');
  });

  it('unparseable without a scheme suggests wss:// from an https page unless loopback', () => {
    expect(problem('example.com/socket', 'https:').suggestion).toBe('wss://example.com/socket');
    expect(problem('localhost/socket', 'https:').suggestion).toBe('ws://localhost/socket');
  });

  it.each(['ws://', 'ws://exa mple.com', 'http://', 'wss://[::1', 'foo bar', '/socket'])(
    'unparseable without a suggestion: %s',
    (input) => {
      const found = problem(input);
      expect(found.code).toBe('unparseable');
      expect(found.suggestion).toBeUndefined();
      expect(found.message.length).toBeGreaterThan(20);
    },
  );

  it('host:port without a scheme is a scheme problem with a suggestion', () => {
    expect(problem('localhost:8080')).toMatchObject({ code: 'scheme', suggestion: 'ws://localhost:8080/' });
    expect(problem('localhost:8080/chat?room=1')).toMatchObject({
      code: 'scheme',
      suggestion: 'ws://localhost:8080/chat?room=1',
    });
    // Switching to wss: makes 443 the default port, so the URL drops it.
    expect(problem('example.com:443', 'https:')).toMatchObject({
      code: 'scheme',
      suggestion: 'wss://example.com/',
    });
    expect(problem('localhost:99999').code).toBe('scheme');
  });

  it('http: and https: are scheme problems suggesting ws: and wss:', () => {
    expect(problem('http://example.com/socket')).toEqual({
      code: 'scheme',
      message: expect.stringMatching(/ws:\/\//),
      suggestion: 'ws://example.com/socket',
    });
    expect(problem('https://example.com:8443/socket?x=1')).toMatchObject({
      code: 'scheme',
      suggestion: 'wss://example.com:8443/socket?x=1',
    });
  });

  it('a scheme suggestion applies every other fix too', () => {
    expect(problem('http://example.com/#top').suggestion).toBe('ws://example.com/');
    expect(problem('http://example.com/', 'https:').suggestion).toBe('wss://example.com/');
    expect(problem('http://localhost:3000/', 'https:').suggestion).toBe('ws://localhost:3000/');
  });

  it.each(['ftp://example.com', 'file:///tmp/socket', 'mailto:a@b.c', 'javascript:alert(1)'])(
    'other schemes have no suggestion: %s',
    (input) => {
      const found = problem(input);
      expect(found.code).toBe('scheme');
      expect(found.suggestion).toBeUndefined();
    },
  );

  it('a fragment, even an empty one, is a problem with a suggestion without it', () => {
    expect(problem('ws://example.com/socket#part')).toEqual({
      code: 'fragment',
      message: expect.stringMatching(/#fragment/),
      suggestion: 'ws://example.com/socket',
    });
    expect(problem('wss://example.com/socket?x=1#')).toMatchObject({
      code: 'fragment',
      suggestion: 'wss://example.com/socket?x=1',
    });
    expect(problem('ws://example.com/#x', 'https:').suggestion).toBe('wss://example.com/');
  });

  it('ws: from an https page is mixed content with a wss: suggestion', () => {
    expect(problem('ws://example.com:8080/socket?a=b', 'https:')).toEqual({
      code: 'mixed-content',
      message: expect.stringMatching(/HTTPS/),
      suggestion: 'wss://example.com:8080/socket?a=b',
    });
    expect(problem('ws://128.0.0.1/', 'https:').code).toBe('mixed-content');
    expect(problem('ws://localhost.example.com/', 'https:').code).toBe('mixed-content');
  });

  it('every suggestion passes validation itself', () => {
    const inputs = [
      'example.com/socket',
      'localhost:8080',
      'http://example.com/#a',
      'https://example.com',
      'ws://example.com/#',
      'ws://example.com/',
    ];
    for (const pageProtocol of ['http:', 'https:']) {
      for (const input of inputs) {
        const found = validateWebSocketUrl(input, { pageProtocol });
        if (found.ok || found.error.suggestion === undefined) continue;
        expect(validateWebSocketUrl(found.error.suggestion, { pageProtocol }).ok).toBe(true);
      }
    }
  });
});
