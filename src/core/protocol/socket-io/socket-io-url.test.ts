import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { socketIoUrl } from './socket-io-url';

const url = (typed: string) => {
  const result = socketIoUrl(typed);
  return result.ok ? result.value : `error: ${result.error}`;
};

describe('socketIoUrl', () => {
  it('adds the Socket.IO path and the Engine.IO query to a bare host', () => {
    expect(url('ws://host:8787')).toBe('ws://host:8787/socket.io/?EIO=4&transport=websocket');
    expect(url('host:8787')).toBe('ws://host:8787/socket.io/?EIO=4&transport=websocket');
  });

  it('turns http into ws and https into wss', () => {
    expect(url('http://host/')).toBe('ws://host/socket.io/?EIO=4&transport=websocket');
    expect(url('https://example.com')).toBe('wss://example.com/socket.io/?EIO=4&transport=websocket');
    expect(url('wss://example.com:8443/')).toBe(
      'wss://example.com:8443/socket.io/?EIO=4&transport=websocket',
    );
  });

  it("keeps the user's own path and query parameters", () => {
    expect(url('ws://host/socket.io/')).toBe('ws://host/socket.io/?EIO=4&transport=websocket');
    expect(url('ws://host/custom/path?token=x')).toBe(
      'ws://host/custom/path?token=x&EIO=4&transport=websocket',
    );
    expect(url('ws://host/?token=a%20b&x=1')).toBe(
      'ws://host/socket.io/?token=a%20b&x=1&EIO=4&transport=websocket',
    );
  });

  it('replaces any EIO or transport the user had, and drops the fragment', () => {
    expect(url('ws://host/socket.io/?EIO=3&transport=polling&sid=abc#top')).toBe(
      'ws://host/socket.io/?sid=abc&EIO=4&transport=websocket',
    );
  });

  it('keeps credentials in the URL', () => {
    expect(url('ws://me:pw@host')).toBe('ws://me:pw@host/socket.io/?EIO=4&transport=websocket');
  });

  it('refuses what is not a WebSocket or HTTP URL', () => {
    expect(url('')).toBe('error: URL: required');
    expect(url('ftp://host/')).toBe('error: URL: Socket.IO needs ws, wss, http or https, not ftp://');
    expect(url('ws://')).toMatch(/^error: URL: /);
  });

  it('never throws, and always sets EIO=4 over WebSocket', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl().map((web) => web.replace(/^http/, 'ws')),
        ),
        (typed) => {
          const result = socketIoUrl(typed);
          if (result.ok) expect(result.value).toMatch(/^wss?:\/\/[^?#]+\?(.+&)?EIO=4&transport=websocket$/);
        },
      ),
    );
  });
});
