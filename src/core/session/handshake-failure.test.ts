import { describe, expect, it, vi } from 'vitest';
import {
  classifyProbe,
  createHandshakeFailureExplainer,
  describeHandshakeFailure,
  probeUrlFor,
  type ProbeOutcome,
} from './handshake-failure';
import type { CloseEvent, SessionEvent } from './session-events';

const connecting: SessionEvent = {
  kind: 'connecting',
  at: 1,
  sinceOpen: null,
  url: 'ws://127.0.0.1:9/nope?token=t',
  protocols: [],
};

function close(overrides: Partial<CloseEvent> = {}): CloseEvent {
  return {
    kind: 'close',
    at: 2,
    sinceOpen: null,
    code: 1006,
    reason: '',
    wasClean: false,
    initiator: 'server',
    durationMs: null,
    ...overrides,
  };
}

const scheduled = (delayMs: number): SessionEvent => ({
  kind: 'reconnect',
  phase: 'scheduled',
  at: 3,
  sinceOpen: null,
  attempt: 1,
  maxAttempts: null,
  delayMs,
});

/** An explainer whose probe answers when the test says so; `emitted` is what it passed on. */
function setup() {
  const answers: ((outcome: ProbeOutcome) => void)[] = [];
  const probe = vi.fn((_url: string) => new Promise<ProbeOutcome>((resolve) => answers.push(resolve)));
  const emitted: SessionEvent[] = [];
  const explainer = createHandshakeFailureExplainer({ probe, emit: (event) => emitted.push(event) });
  return { probe, emitted, explainer, answer: (outcome: ProbeOutcome) => answers.shift()?.(outcome) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('probeUrlFor', () => {
  it('keeps host, port and path, with http for ws and https for wss', () => {
    expect(probeUrlFor('ws://127.0.0.1:8787/echo')).toBe('http://127.0.0.1:8787/echo');
    expect(probeUrlFor('wss://example.com/a/b')).toBe('https://example.com/a/b');
    expect(probeUrlFor('wss://example.com:444/')).toBe('https://example.com:444/');
  });

  it('leaves out credentials and the query', () => {
    expect(probeUrlFor('ws://user:secret@host:81/path?token=abc')).toBe('http://host:81/path');
  });

  it('refuses anything but ws and wss', () => {
    expect(probeUrlFor('http://host/')).toBeNull();
    expect(probeUrlFor('not a url')).toBeNull();
  });
});

describe('classifyProbe', () => {
  it('tells an HTTP answer from no answer', () => {
    expect(classifyProbe('answered')).toBe('upgrade-refused');
    expect(classifyProbe('no-answer')).toBe('unreachable');
    expect(describeHandshakeFailure('unreachable').summary).toBe('nothing answers at that host and port');
    expect(describeHandshakeFailure('upgrade-refused').summary).toMatch(
      /^a server answered HTTP but refused the WebSocket upgrade \(wrong path/,
    );
  });
});

describe('createHandshakeFailureExplainer', () => {
  it('probes a failed handshake once and adds what it found to the close', async () => {
    const { probe, emitted, explainer, answer } = setup();
    explainer.push(connecting);
    explainer.push(close());
    expect(emitted).toEqual([connecting]);
    await tick();
    expect(probe).toHaveBeenCalledTimes(1);
    expect(probe).toHaveBeenCalledWith('http://127.0.0.1:9/nope');
    answer('answered');
    await tick();
    expect(emitted).toEqual([connecting, close({ handshakeFailure: 'upgrade-refused' })]);
  });

  it('keeps the order of events that come while the probe runs', async () => {
    const { emitted, explainer, answer } = setup();
    explainer.push(connecting);
    explainer.push(close());
    explainer.push(scheduled(5_000));
    await tick();
    answer('no-answer');
    await tick();
    expect(emitted).toEqual([connecting, close({ handshakeFailure: 'unreachable' }), scheduled(5_000)]);
  });

  it('probes again for a later failed handshake held behind the first', async () => {
    const { probe, emitted, explainer, answer } = setup();
    explainer.push(connecting);
    explainer.push(close());
    explainer.push({ ...connecting, at: 4 });
    explainer.push(close({ at: 5 }));
    await tick();
    answer('no-answer');
    await tick();
    expect(probe).toHaveBeenCalledTimes(2);
    answer('answered');
    await tick();
    expect(emitted.map((e) => (e.kind === 'close' ? e.handshakeFailure : e.kind))).toEqual([
      'connecting',
      'unreachable',
      'connecting',
      'upgrade-refused',
    ]);
  });

  it('sends nothing for a close after open, a client close or a clean close', async () => {
    const { probe, emitted, explainer } = setup();
    const closes = [
      close({ durationMs: 500, sinceOpen: 500 }),
      close({ initiator: 'client' }),
      close({ code: 1000, wasClean: true }),
      close({ code: 4000 }),
    ];
    for (const event of closes) {
      explainer.push(connecting);
      explainer.push(event);
    }
    await tick();
    expect(probe).not.toHaveBeenCalled();
    expect(emitted.filter((e) => e.kind === 'close')).toEqual(closes);
  });

  it('does not probe when a reconnect is due sooner than the probe could answer', async () => {
    const { probe, emitted, explainer } = setup();
    explainer.push(connecting);
    explainer.push(close());
    explainer.push(scheduled(1_000));
    await tick();
    expect(probe).not.toHaveBeenCalled();
    expect(emitted).toEqual([connecting, close(), scheduled(1_000)]);
  });

  it('passes a close on unexplained when the probe itself fails', async () => {
    const emitted: SessionEvent[] = [];
    const explainer = createHandshakeFailureExplainer({
      probe: () => Promise.reject(new Error('bug')),
      emit: (event) => emitted.push(event),
    });
    explainer.push(connecting);
    explainer.push(close());
    await tick();
    await tick();
    expect(emitted).toEqual([connecting, close()]);
  });

  it('on dispose passes on what it holds and ignores a late answer', async () => {
    const { probe, emitted, explainer, answer } = setup();
    explainer.push(connecting);
    explainer.push(close());
    explainer.dispose();
    expect(emitted).toEqual([connecting, close()]);
    await tick();
    expect(probe).not.toHaveBeenCalled();
    answer('answered');
    await tick();
    expect(emitted).toHaveLength(2);
  });
});
