/**
 * Everything that happens on one connection, as timestamped facts. Every fact the socket reports is kept
 * (close code, reason, wasClean, who initiated) so that views can be derived from events alone.
 */

/** `in` = received from the server, `out` = sent by this client. */
export type Direction = 'in' | 'out';

/** Who started the closing handshake (or, for an abnormal close, `server`: the client did not ask for it). */
export type Initiator = 'client' | 'server';

export type MessageFormat = 'text' | 'binary';

/**
 * Why a message was sent by itself: an on-open message, an interval (heartbeat) tick, or a protocol lens's
 * reply the protocol requires (a pong, a keep-alive, an acknowledgement).
 */
export type AutoSendSource = 'on-open' | 'interval' | 'protocol';

interface EventBase {
  /** Wall-clock time in epoch milliseconds (fractional, high resolution). */
  at: number;
  /** Milliseconds since this connection's `open` event, or null before it opened. */
  sinceOpen: number | null;
}

export interface ConnectingEvent extends EventBase {
  kind: 'connecting';
  url: string;
  protocols: string[];
}

export interface OpenEvent extends EventBase {
  kind: 'open';
  /** Subprotocol the server selected; empty string when none. */
  protocol: string;
  /** Extensions the server accepted, e.g. `permessage-deflate`; empty string when none. */
  extensions: string;
  /** Milliseconds from `connecting` to `open`. */
  openMs: number;
}

export interface MessageEvent extends EventBase {
  kind: 'message';
  direction: Direction;
  format: MessageFormat;
  /** Text exactly as sent or received, or the binary payload. */
  data: string | ArrayBuffer;
  /** Bytes on the wire: UTF-8 length for text, byteLength for binary. */
  size: number;
  /** Set on `out` messages the session automation sent by itself; absent for everything the user sent. */
  auto?: AutoSendSource;
}

export interface ErrorEvent extends EventBase {
  kind: 'error';
  message: string;
}

export interface ClosingEvent extends EventBase {
  kind: 'closing';
  initiator: Initiator;
  /** The code and reason the client asked for, when it initiated. */
  code: number | null;
  reason: string;
}

export interface CloseEvent extends EventBase {
  kind: 'close';
  code: number;
  reason: string;
  wasClean: boolean;
  initiator: Initiator;
  /** Milliseconds from `open` to `close`, or null when the connection never opened. */
  durationMs: number | null;
  /** For a failed handshake, what one HTTP request to the same address showed; absent when not probed. */
  handshakeFailure?: HandshakeFailure;
}

/**
 * Why a handshake failed, as far as a browser can tell: `unreachable` = nothing answers at that host and port;
 * `upgrade-refused` = a server answered HTTP but refused the WebSocket upgrade.
 */
export type HandshakeFailure = 'unreachable' | 'upgrade-refused';

/** A reconnect attempt is due after `delayMs`; a countdown ends at `at + delayMs`. */
export interface ReconnectScheduledEvent extends EventBase {
  kind: 'reconnect';
  phase: 'scheduled';
  /** 1-based, counting from the last successful open. */
  attempt: number;
  /** The configured attempt limit, or null when unlimited. */
  maxAttempts: number | null;
  /** Reconnect attempts since the user's Connect, this one included (absent in sessions recorded before it). */
  reconnectsSinceConnect?: number;
  delayMs: number;
}

/** The scheduled attempt starts now; its `connecting` event follows. */
export interface ReconnectAttemptingEvent extends EventBase {
  kind: 'reconnect';
  phase: 'attempting';
  attempt: number;
  maxAttempts: number | null;
  /** Reconnect attempts since the user's Connect, this one included (absent in sessions recorded before it). */
  reconnectsSinceConnect?: number;
}

/** The schedule ran out (or allowed no attempt at all): the connection stays closed. */
export interface ReconnectGaveUpEvent extends EventBase {
  kind: 'reconnect';
  phase: 'gave-up';
  /** Attempts made since the last successful open; 0 when the schedule allowed none. */
  attempts: number;
}

/** What cancelled a pending reconnect: a manual disconnect, a manual connect, or reconnect turned off. */
export type ReconnectCancelCause = 'disconnect' | 'connect' | 'disabled';

/** A pending reconnect was dropped before its attempt started. */
export interface ReconnectCancelledEvent extends EventBase {
  kind: 'reconnect';
  phase: 'cancelled';
  /** The attempt that will now not happen. */
  attempt: number;
  cause: ReconnectCancelCause;
}

/** Automatic reconnect after an unclean close, one event per step. */
export type ReconnectEvent =
  ReconnectScheduledEvent | ReconnectAttemptingEvent | ReconnectGaveUpEvent | ReconnectCancelledEvent;

/** The handshake did not finish within the connect timeout, so the client is closing the socket. */
export interface TimeoutEvent extends EventBase {
  kind: 'timeout';
  afterMs: number;
}

/** Which part of the automation failed. */
export type AutomationSource = AutoSendSource | 'reconnect' | 'timeout';

/**
 * Something the automation was meant to do and did not, e.g. a payload that failed to resolve. Kept apart
 * from `error`, which always comes from the socket.
 */
export interface AutomationErrorEvent extends EventBase {
  kind: 'automation-error';
  source: AutomationSource;
  /** The item's name (an on-open message or the interval payload), or null when there is none. */
  label: string | null;
  /** A complete sentence naming the item, e.g. `Heartbeat "ping" not sent: unknown variable "x"`. */
  message: string;
}

export type SessionEvent =
  | ConnectingEvent
  | OpenEvent
  | MessageEvent
  | ErrorEvent
  | ClosingEvent
  | CloseEvent
  | ReconnectEvent
  | TimeoutEvent
  | AutomationErrorEvent;

export type SessionEventKind = SessionEvent['kind'];

/** Lifecycle of one driver, mirroring `WebSocket.readyState` plus `idle` before the first connect. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';
