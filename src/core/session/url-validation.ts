import { err, ok, type Result } from '../shared/result';

/** Why a URL cannot be opened as a WebSocket. */
export type UrlProblemCode = 'empty' | 'unparseable' | 'scheme' | 'fragment' | 'mixed-content';

/** A URL problem in words, with a fix when one is obvious. */
export interface UrlProblem {
  code: UrlProblemCode;
  message: string;
  /** A corrected URL the UI can offer with one click. */
  suggestion?: string;
}

// A scheme-looking prefix, but not `host:port`.
const SCHEME_PREFIX = /^[a-z][a-z0-9+.-]*:(?!\d)/i;
const HOST_AND_PORT = /^[^\s/:?#]+:\d+(?:[/?#]|$)/;
const WEB_SCHEMES: ReadonlySet<string> = new Set(['ws:', 'wss:', 'http:', 'https:']);

/**
 * Checks a URL the way `new WebSocket(url)` would, plus mixed content, and returns the normalized href. Every
 * problem that has an obvious fix carries a suggestion that is itself valid (all fixes applied at once).
 */
export function validateWebSocketUrl(
  input: string,
  options: { pageProtocol?: string } = {},
): Result<string, UrlProblem> {
  const text = input.trim();
  if (text === '') {
    return err({ code: 'empty', message: 'Enter a WebSocket URL, for example wss://example.com/socket.' });
  }
  // Parsers disagree on inner spaces (Chromium escapes them into the host, Node rejects them): refuse them.
  const space = text.search(/\s/);
  if (space >= 0) {
    return err({
      code: 'unparseable',
      message: `The URL contains a space at character ${space + 1}. Encode it as %20 in a path or query; hosts cannot contain spaces.`,
    });
  }

  const parsed = parse(text);
  if (!parsed) return unparseable(text, options.pageProtocol);
  if (!WEB_SCHEMES.has(parsed.protocol) && HOST_AND_PORT.test(text)) {
    // `localhost:8080` parses, but as the scheme "localhost:": the user forgot the scheme.
    const candidate = parse('ws://' + text);
    return err({
      code: 'scheme',
      message: `The URL has no scheme, so "${parsed.protocol}" was read as one. Start it with ws:// or wss:// (TLS).`,
      ...(candidate ? { suggestion: correct(candidate, options.pageProtocol) } : {}),
    });
  }

  const { protocol } = parsed;
  if (protocol === 'http:' || protocol === 'https:') {
    const suggestion = correct(parsed, options.pageProtocol);
    const target = suggestion.startsWith('wss:') ? 'wss' : 'ws';
    return err({
      code: 'scheme',
      message: `WebSockets use ws:// or wss://, not ${protocol}//. Browsers would convert it silently; use ${target}:// so the URL you see is the URL used.`,
      suggestion,
    });
  }
  if (protocol !== 'ws:' && protocol !== 'wss:') {
    return err({
      code: 'scheme',
      message: `"${protocol}" is not a WebSocket scheme. Use ws:// or wss:// (TLS).`,
    });
  }

  if (parsed.href.includes('#')) {
    return err({
      code: 'fragment',
      message:
        'WebSocket URLs cannot contain a #fragment; the browser refuses them. Remove everything from "#".',
      suggestion: correct(parsed, options.pageProtocol),
    });
  }

  if (protocol === 'ws:' && options.pageProtocol === 'https:' && !isLoopback(parsed.hostname)) {
    return err({
      code: 'mixed-content',
      message:
        'This page is served over HTTPS, so the browser blocks unencrypted ws:// connections (mixed content). Use wss://, or a localhost address.',
      suggestion: correct(parsed, options.pageProtocol),
    });
  }

  return ok(parsed.href);
}

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function unparseable(text: string, pageProtocol: string | undefined): Result<never, UrlProblem> {
  if (SCHEME_PREFIX.test(text)) {
    return err({
      code: 'unparseable',
      message:
        'This is not a valid URL: the host is missing or has characters that are not allowed (such as spaces).',
    });
  }
  const rest = text.startsWith('//') ? text.slice(2) : text;
  // A path alone (`/socket`) has no host to suggest.
  const candidate = rest.startsWith('/') ? null : parse('ws://' + rest);
  if (candidate) {
    return err({
      code: 'unparseable',
      message: 'The URL has no scheme. Start it with ws:// or wss:// (TLS).',
      suggestion: correct(candidate, pageProtocol),
    });
  }
  return err({
    code: 'unparseable',
    message: 'This is not a valid URL. It should look like wss://example.com/socket.',
  });
}

/** Applies every fix at once so a suggestion never fails validation itself. */
function correct(url: URL, pageProtocol: string | undefined): string {
  const fixed = new URL(url.href);
  if (fixed.protocol === 'http:') fixed.protocol = 'ws:';
  else if (fixed.protocol === 'https:') fixed.protocol = 'wss:';
  // Assigning '' drops the fragment entirely, including a bare '#'.
  fixed.hash = '';
  if (fixed.protocol === 'ws:' && pageProtocol === 'https:' && !isLoopback(fixed.hostname))
    fixed.protocol = 'wss:';
  return fixed.href;
}

/** Hosts that browsers treat as potentially trustworthy, so ws:// to them is allowed from an https page. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  // The URL parser has already normalized IPv4 forms like 127.1 or 0x7f000001 to dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
