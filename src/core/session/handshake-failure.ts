import type { CloseEvent, HandshakeFailure, SessionEvent } from './session-events';

/*
 * Browsers report every failed handshake as close 1006, on purpose. One HTTP request to the same address tells
 * the two usual cases apart: nothing answers there at all, or a server answers HTTP but would not upgrade.
 */

/** How long the probe waits for any answer before calling the address unreachable. */
export const PROBE_TIMEOUT_MS = 3_000;

/** What the probe saw: any HTTP response (opaque or not), or a failed request (refused, DNS, TLS, timeout). */
export type ProbeOutcome = 'answered' | 'no-answer';

/** Sends the one probe request to an http(s) URL; the host injects it (a `fetch` in the browser). */
export type HttpProbe = (url: string) => Promise<ProbeOutcome>;

const ABNORMAL_CLOSURE = 1006;

/**
 * The http(s) form of a WebSocket URL: same host, port and path. Credentials, query and fragment are left out,
 * so the probe repeats nothing the path does not need (tokens often travel in the query).
 */
export function probeUrlFor(wsUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(wsUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
  const scheme = url.protocol === 'wss:' ? 'https:' : 'http:';
  return `${scheme}//${url.host}${url.pathname}`;
}

/** Which failure a probe outcome shows. */
export function classifyProbe(outcome: ProbeOutcome): HandshakeFailure {
  return outcome === 'answered' ? 'upgrade-refused' : 'unreachable';
}

/** The failure in words: a short summary for the row and the detail pane's longer account. */
export function describeHandshakeFailure(failure: HandshakeFailure): { summary: string; detail: string } {
  return failure === 'unreachable'
    ? {
        summary: 'nothing answers at that host and port',
        detail:
          'Nothing answers at that host and port: an HTTP request to the same address failed too (connection ' +
          `refused, name not found, TLS failure, or no answer within ${PROBE_TIMEOUT_MS / 1000}\u00a0s).`,
      }
    : {
        summary:
          'a server answered HTTP but refused the WebSocket upgrade (wrong path, authentication, Origin check, ' +
          'or not a WebSocket endpoint)',
        detail:
          'A server answered HTTP at that address but refused the WebSocket upgrade: a wrong path, ' +
          'authentication, an Origin check, or not a WebSocket endpoint.',
      };
}

/** A close worth probing: abnormal, before the socket ever opened, and not asked for by the client. */
export function isHandshakeFailure(event: CloseEvent): boolean {
  return event.code === ABNORMAL_CLOSURE && event.durationMs === null && event.initiator === 'server';
}

/** Passes session events on, adding what a probe found to the close of a failed handshake. */
export interface HandshakeFailureExplainer {
  push(event: SessionEvent): void;
  /** Passes on whatever is held, unexplained, and ignores probes still running. */
  dispose(): void;
}

/**
 * Holds the close of a failed handshake (and the events after it, to keep their order) while one probe runs,
 * then passes it on with `handshakeFailure` set. No probe runs when a reconnect attempt is due sooner than
 * the probe's timeout: that attempt would meet the probe at the host, and its own failure gets probed once
 * the backoff is longer. Events are decided one microtask after the close, so the reconnect event the
 * automation emits right after it is seen first.
 */
export function createHandshakeFailureExplainer(options: {
  probe: HttpProbe;
  emit: (event: SessionEvent) => void;
}): HandshakeFailureExplainer {
  const { probe, emit } = options;
  let url: string | null = null;
  let held: SessionEvent[] | null = null;
  // Bumped by dispose, so a probe answering afterwards changes nothing.
  let generation = 0;

  const release = (close: CloseEvent, failure: HandshakeFailure | null): void => {
    const rest = (held ?? []).slice(1);
    held = null;
    emit(failure === null ? close : { ...close, handshakeFailure: failure });
    // A later event may be another failed handshake (the user connected again meanwhile): it gets its own probe.
    for (const event of rest) push(event);
  };

  const decide = (close: CloseEvent, probeUrl: string, started: number): void => {
    if (started !== generation) return;
    const reconnectSoon = (held ?? []).some(
      (event) =>
        event.kind === 'reconnect' && event.phase === 'scheduled' && event.delayMs < PROBE_TIMEOUT_MS,
    );
    if (reconnectSoon) {
      release(close, null);
      return;
    }
    probe(probeUrl).then(
      (outcome) => {
        if (started === generation) release(close, classifyProbe(outcome));
      },
      () => {
        if (started === generation) release(close, null);
      },
    );
  };

  const push = (event: SessionEvent): void => {
    if (held !== null) {
      held.push(event);
      return;
    }
    if (event.kind === 'connecting') url = event.url;
    const probeUrl = event.kind === 'close' && url !== null ? probeUrlFor(url) : null;
    if (event.kind !== 'close' || probeUrl === null || !isHandshakeFailure(event)) {
      emit(event);
      return;
    }
    held = [event];
    const started = generation;
    queueMicrotask(() => decide(event, probeUrl, started));
  };

  return {
    push,
    dispose() {
      generation++;
      const events = held ?? [];
      held = null;
      for (const event of events) emit(event);
    },
  };
}
