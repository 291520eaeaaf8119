/**
 * Everything that happens on one connection, as timestamped facts. Every fact the socket reports is kept
 * (close code, reason, wasClean, who initiated) so that views can be derived from events alone.
 */

/** `in` = received from the server, `out` = sent by this client. */
export type Direction = 'in' | 'out';

/** Who started the closing handshake (or, for an abnormal close, `server`: the client did not ask for it). */
export type Initiator = 'client' | 'server';

export type MessageFormat = 'text' | 'binary';

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
}

export type SessionEvent =
  ConnectingEvent | OpenEvent | MessageEvent | ErrorEvent | ClosingEvent | CloseEvent;

export type SessionEventKind = SessionEvent['kind'];

/** Lifecycle of one driver, mirroring `WebSocket.readyState` plus `idle` before the first connect. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';
