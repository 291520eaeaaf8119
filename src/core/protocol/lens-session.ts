import type { SessionEvent } from '../session/session-events';
import type { TimelineEntry } from '../timeline/timeline';
import type {
  DecodeContext,
  DecodedFrame,
  Lens,
  LensEffect,
  LensInput,
  LensOptions,
  OutgoingFrame,
} from './lens';

/** What a lens session needs from its connection: a way to send by itself, and timers. */
export interface LensSessionHost {
  /** Sends a frame the lens decided on (pong, keep-alive, acknowledgement); the timeline marks it `auto`. */
  sendAutomatic(data: OutgoingFrame): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Epoch milliseconds, on the same clock as the events. */
  now(): number;
}

/**
 * A lens running on one tab's connection: the shell around its pure machine (sends its effects, runs its one
 * timer) and the record of decode contexts, so every row on the timeline decodes with the facts of its own
 * connection (its subprotocol, MQTT's level).
 */
export interface LensSession {
  readonly lens: Lens;
  /** The machine's state now: what the composer takes its next ids from. */
  readonly state: unknown;
  /** Told every event of the connection as it happens, in order. */
  observe(event: SessionEvent): void;
  /** Decodes a frame with the context of its time (`at`, epoch ms). */
  decode(frame: { direction: 'in' | 'out'; data: string | ArrayBuffer }, at: number): DecodedFrame;
  /**
   * A timeline entry's frame decoded, once per entry object (the timeline hands out the same one while it is
   * in view); null for lifecycle entries.
   */
  decodeEntry(entry: TimelineEntry): DecodedFrame | null;
  /** Stops the timer; nothing is sent from now on. */
  dispose(): void;
}

interface ContextSpan {
  from: number;
  context: DecodeContext;
}

/**
 * Starts a lens on a connection whose `history` already happened (a lens chosen mid-session, or a timeline
 * restored after a reload). The history builds the decode contexts and, from the last open on, the machine's
 * state, but nothing is sent for it: those pings were answered, or not, long ago. A keep-alive the history
 * leaves scheduled is scheduled again.
 */
export function createLensSession(
  lens: Lens,
  options: LensOptions,
  host: LensSessionHost,
  history: readonly SessionEvent[] = [],
): LensSession {
  let state = lens.machine.initial(options);
  const spans: ContextSpan[] = [{ from: -Infinity, context: { protocol: '' } }];
  let timer: unknown = null;
  let disposed = false;
  let replaying = false;
  let replayTimer: LensEffect | null = null;

  // Binary frames keep their own context: Socket.IO attachments arrive within one millisecond of each other,
  // which times alone cannot tell apart. The timeline holds these same ArrayBuffers, so they are exact keys.
  const binaryContexts = new WeakMap<ArrayBuffer, DecodeContext>();
  const current = (): DecodeContext => (spans[spans.length - 1] as ContextSpan).context;
  const setContext = (from: number, context: DecodeContext): void => {
    if (context !== current()) spans.push({ from, context });
  };

  const learn = (at: number, frame: { direction: 'in' | 'out'; data: string | ArrayBuffer }): void => {
    if (!lens.learn) return;
    setContext(at, lens.learn(current(), frame));
    if (typeof frame.data !== 'string') binaryContexts.set(frame.data, current());
  };

  const clearTimer = (): void => {
    if (timer !== null) host.clearTimeout(timer);
    timer = null;
  };

  const run = (effects: readonly LensEffect[]): void => {
    for (const effect of effects) {
      if (replaying) {
        if (effect.kind !== 'send') replayTimer = effect;
        continue;
      }
      if (disposed) return;
      if (effect.kind === 'send') host.sendAutomatic(effect.data);
      else if (effect.kind === 'set-timer') {
        clearTimer();
        timer = host.setTimeout(onTimer, Math.max(0, effect.at - host.now()));
      } else clearTimer();
    }
  };

  const step = (input: LensInput, at: number): void => {
    const next = lens.machine.step(state, input, at);
    // The state moves before any effect runs: a send re-enters `observe` with its own frame.
    state = next.state;
    run(next.effects);
  };

  function onTimer(): void {
    timer = null;
    if (!disposed) step({ kind: 'timer' }, host.now());
  }

  const observe = (event: SessionEvent): void => {
    if (disposed) return;
    switch (event.kind) {
      case 'open':
        setContext(event.at, { protocol: event.protocol });
        step({ kind: 'open', protocol: event.protocol }, event.at);
        return;
      case 'message': {
        const frame = { direction: event.direction, data: event.data };
        if (lens.learn) learn(event.at, frame);
        step({ kind: 'frame', frame }, event.at);
        return;
      }
      case 'close':
        step({ kind: 'close' }, event.at);
        return;
      default:
        return;
    }
  };

  replay(history);

  const decodedEntries = new WeakMap<TimelineEntry, DecodedFrame>();
  function decode(frame: { direction: 'in' | 'out'; data: string | ArrayBuffer }, at: number): DecodedFrame {
    const own = typeof frame.data === 'string' ? undefined : binaryContexts.get(frame.data);
    return lens.decode(frame, own ?? contextAt(spans, at));
  }

  function replay(events: readonly SessionEvent[]): void {
    // The machine follows only the current connection; contexts cover every row still on the timeline.
    let lastOpen = -1;
    for (let i = 0; i < events.length; i++) {
      const kind = (events[i] as SessionEvent).kind;
      if (kind === 'open') lastOpen = i;
      else if (kind === 'close') lastOpen = -1;
    }
    replaying = true;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as SessionEvent;
      if (i >= lastOpen && lastOpen >= 0) observe(event);
      else if (event.kind === 'open') setContext(event.at, { protocol: event.protocol });
      else if (event.kind === 'message' && lens.learn)
        learn(event.at, { direction: event.direction, data: event.data });
    }
    replaying = false;
    const pending = replayTimer;
    replayTimer = null;
    if (pending && lastOpen >= 0) run([pending]);
  }

  return {
    lens,
    get state() {
      return state;
    },
    observe,
    decode,
    decodeEntry(entry) {
      const event = entry.event;
      if (event.kind !== 'message') return null;
      let decoded = decodedEntries.get(entry);
      if (!decoded) {
        decoded = decode({ direction: event.direction, data: event.data }, event.at);
        decodedEntries.set(entry, decoded);
      }
      return decoded;
    },
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}

// Spans are in time order; the last one starting at or before `at` holds.
function contextAt(spans: readonly ContextSpan[], at: number): DecodeContext {
  let low = 0;
  let high = spans.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((spans[mid] as ContextSpan).from <= at) low = mid;
    else high = mid - 1;
  }
  return (spans[low] as ContextSpan).context;
}
