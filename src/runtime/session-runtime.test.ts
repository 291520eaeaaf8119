// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, disposeSession, findTimeline, subscribeSessions } from './session-runtime';

class SilentSocket {
  readyState = 0;
  binaryType = 'blob';
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  onopen = null;
  onmessage = null;
  onerror = null;
  onclose = null;
  send() {}
  close() {}
}

afterEach(() => {
  disposeSession('tab-a');
  vi.unstubAllGlobals();
});

describe('session runtime', () => {
  it('has no session for a tab until a command makes one, and reading never creates it', () => {
    expect(findTimeline('tab-a')).toBeNull();
    expect(findTimeline('tab-a')).toBeNull();
  });

  it('tells subscribers when connect creates a session and when closing the tab disposes it', () => {
    vi.stubGlobal('WebSocket', SilentSocket);
    const changes = vi.fn();
    const stop = subscribeSessions(changes);

    expect(connect('tab-a', 'ws://127.0.0.1:1/echo', [])).toEqual({ ok: true, value: undefined });
    expect(findTimeline('tab-a')).not.toBeNull();
    expect(changes).toHaveBeenCalledTimes(1);

    disposeSession('tab-a');
    expect(findTimeline('tab-a')).toBeNull();
    expect(changes).toHaveBeenCalledTimes(2);
    stop();
  });
});
