import { createListenerSet } from '../shared/listener-set';
import { err, ok, type Result } from '../shared/result';
import { utf8ByteLength } from '../shared/utf8';
import { validateClientClose } from './close-validation';
import { validateProtocols } from './protocol-validation';
import type { ConnectionState, Initiator, SessionEvent } from './session-events';
import type { SocketFactory, SocketLike } from './socket';
import { validateWebSocketUrl } from './url-validation';

/** What the driver needs from its host; everything browser-specific is injected. */
export interface SessionDriverOptions {
  createSocket: SocketFactory;
  /** Epoch milliseconds; defaults to `performance.timeOrigin + performance.now()`. */
  now?: () => number;
  /** The page's `location.protocol`, for the mixed-content check. */
  pageProtocol?: string;
  /**
   * Receives errors thrown by listeners. By default they are rethrown from a microtask: the host reports them
   * as uncaught, while the remaining listeners still receive the event.
   */
  onListenerError?: (error: unknown) => void;
}

/** One tab's connection: turns a socket's callbacks into `SessionEvent`s and never throws. */
export interface SessionDriver {
  readonly state: ConnectionState;
  /** Validates, then opens a new socket; a live socket is closed first and its later events are ignored. */
  connect(url: string, protocols?: string[]): Result<void, string>;
  /** Sends on the open socket; every successful send is also emitted as an `out` message. */
  send(data: string | ArrayBuffer | Uint8Array): Result<void, string>;
  /** Idempotent: closing a closing/closed/idle driver is ok and emits nothing new. */
  close(options?: { code?: number | null; reason?: string }): Result<void, string>;
  /** Listens to every event; returns the unsubscribe function. */
  subscribe(listener: (event: SessionEvent) => void): () => void;
  /** Closes the socket, drops listeners and ignores everything that happens afterwards. */
  dispose(): void;
}

const OPEN = 1;
const CLOSING = 2;

// Browsers deliberately hide why a connection failed (to stop port scanning), so there is nothing more to say.
const ERROR_MESSAGE =
  'The connection failed or was interrupted. Browsers do not expose the cause; see the close code.';

/** Creates a driver; no socket exists until `connect`. */
export function createSessionDriver(options: SessionDriverOptions): SessionDriver {
  const { createSocket } = options;
  const now = options.now ?? defaultNow;
  const urlOptions = options.pageProtocol === undefined ? {} : { pageProtocol: options.pageProtocol };

  let state: ConnectionState = 'idle';
  // The only socket whose events count; handlers compare against it, so a superseded socket goes silent.
  let current: SocketLike | null = null;
  let connectingAt = 0;
  let openAt: number | null = null;
  let clientInitiated = false;
  let disposed = false;

  const listeners = createListenerSet<SessionEvent>(
    options.onListenerError ? { onError: options.onListenerError } : {},
  );
  const emit = listeners.emit;

  // The hot path: one event object per message, no other allocation for text and ArrayBuffer data.
  const onMessage = (data: unknown, stampedAt: number | undefined, knownSize: number | undefined): void => {
    const at = stampedAt ?? now();
    const sinceOpen = openAt === null ? null : at - openAt;
    if (typeof data === 'string') {
      emit({
        kind: 'message',
        at,
        sinceOpen,
        direction: 'in',
        format: 'text',
        data,
        size: knownSize ?? utf8ByteLength(data),
      });
    } else if (data instanceof ArrayBuffer) {
      emit({
        kind: 'message',
        at,
        sinceOpen,
        direction: 'in',
        format: 'binary',
        data,
        size: data.byteLength,
      });
    } else {
      onUnusualMessage(at, sinceOpen, data);
    }
  };

  const onUnusualMessage = (at: number, sinceOpen: number | null, data: unknown): void => {
    const binary = toOwnArrayBuffer(data);
    if (binary) {
      emit({
        kind: 'message',
        at,
        sinceOpen,
        direction: 'in',
        format: 'binary',
        data: binary,
        size: binary.byteLength,
      });
      return;
    }
    emit({
      kind: 'error',
      at,
      sinceOpen,
      message: `Received a message of an unexpected type (${describeType(data)}); it was not recorded.`,
    });
  };

  const attach = (socket: SocketLike): void => {
    // Handlers are never detached: `ws` throws when it emits "error" with no listener, and comparing with
    // `current` is enough to silence a superseded socket.
    socket.onopen = (ev) => {
      if (socket !== current) return;
      const at = stampOf(ev) ?? now();
      openAt = at;
      // A client close during the handshake already moved us to closing; do not step back.
      if (state === 'connecting') state = 'open';
      emit({
        kind: 'open',
        at,
        sinceOpen: 0,
        protocol: socket.protocol,
        extensions: socket.extensions,
        openMs: at - connectingAt,
      });
    };
    socket.onmessage = (ev) => {
      if (socket === current)
        onMessage(
          ev.data,
          typeof ev.at === 'number' ? ev.at : undefined,
          typeof ev.size === 'number' ? ev.size : undefined,
        );
    };
    socket.onerror = (ev) => {
      if (socket !== current) return;
      const at = stampOf(ev) ?? now();
      emit({ kind: 'error', at, sinceOpen: openAt === null ? null : at - openAt, message: errorMessage(ev) });
    };
    socket.onclose = (ev) => {
      if (socket !== current) return;
      const at = stampOf(ev) ?? now();
      const durationMs = openAt === null ? null : at - openAt;
      const initiator: Initiator = clientInitiated ? 'client' : 'server';
      current = null;
      state = 'closed';
      emit({
        kind: 'close',
        at,
        sinceOpen: durationMs,
        code: ev.code,
        reason: ev.reason,
        wasClean: ev.wasClean,
        initiator,
        durationMs,
      });
    };
  };

  return {
    get state() {
      return state;
    },

    connect(url, protocols = []) {
      if (disposed) return err('This session has been disposed; open a new one.');
      const checkedUrl = validateWebSocketUrl(url, urlOptions);
      if (!checkedUrl.ok) return err(checkedUrl.error.message);
      const checkedProtocols = validateProtocols(protocols);
      if (!checkedProtocols.ok) return err(checkedProtocols.error);

      const at = now();
      let socket: SocketLike;
      try {
        socket = createSocket(checkedUrl.value, [...checkedProtocols.value]);
      } catch (error) {
        // Nothing changed yet: the previous connection, if any, carries on.
        return err(`Could not open the connection: ${messageOf(error)}`);
      }

      const previous = current;
      current = socket;
      if (previous) closeQuietly(previous);
      connectingAt = at;
      openAt = null;
      clientInitiated = false;
      state = 'connecting';
      socket.binaryType = 'arraybuffer';
      attach(socket);
      emit({
        kind: 'connecting',
        at,
        sinceOpen: null,
        url: checkedUrl.value,
        protocols: checkedProtocols.value,
      });
      return ok(undefined);
    },

    send(data) {
      const socket = current;
      if (socket === null || state !== 'open' || socket.readyState !== OPEN) {
        return err(notConnectedMessage(socket !== null && socket.readyState === CLOSING ? 'closing' : state));
      }
      let payload: string | ArrayBuffer;
      if (typeof data === 'string') {
        payload = data;
      } else {
        const copy = toOwnArrayBuffer(data);
        if (!copy)
          return err(`Cannot send ${describeType(data)}: send text, an ArrayBuffer or a Uint8Array.`);
        // Sending our own copy means the recorded bytes are exactly the bytes sent, whatever the caller
        // does with its buffer afterwards.
        payload = copy;
      }
      try {
        socket.send(payload);
      } catch (error) {
        return err(`Could not send: ${messageOf(error)}`);
      }
      const at = now();
      const sinceOpen = openAt === null ? null : at - openAt;
      if (typeof payload === 'string') {
        emit({
          kind: 'message',
          at,
          sinceOpen,
          direction: 'out',
          format: 'text',
          data: payload,
          size: utf8ByteLength(payload),
        });
      } else {
        emit({
          kind: 'message',
          at,
          sinceOpen,
          direction: 'out',
          format: 'binary',
          data: payload,
          size: payload.byteLength,
        });
      }
      return ok(undefined);
    },

    close(closeOptions = {}) {
      const checked = validateClientClose(closeOptions);
      if (!checked.ok) return checked;
      const socket = current;
      if (socket === null || (state !== 'connecting' && state !== 'open')) return ok(undefined);

      const { code, reason } = checked.value;
      // Set before calling close() in case a socket implementation reports the close synchronously.
      clientInitiated = true;
      try {
        if (code === undefined) socket.close();
        else if (reason === undefined) socket.close(code);
        else socket.close(code, reason);
      } catch (error) {
        clientInitiated = false;
        return err(`Could not close: ${messageOf(error)}`);
      }
      if (current !== socket) return ok(undefined);
      state = 'closing';
      const at = now();
      emit({
        kind: 'closing',
        at,
        sinceOpen: openAt === null ? null : at - openAt,
        initiator: 'client',
        code: code ?? null,
        reason: reason ?? '',
      });
      return ok(undefined);
    },

    subscribe(listener) {
      if (disposed) return () => {};
      return listeners.subscribe(listener);
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      const socket = current;
      current = null;
      if (socket) closeQuietly(socket);
      if (state !== 'idle') state = 'closed';
      listeners.clear();
    },
  };
}

// A relayed socket stamps each fact where it happened (epoch ms in `at`); native events carry no such field.
function stampOf(ev: unknown): number | undefined {
  const at = typeof ev === 'object' && ev !== null && 'at' in ev ? ev.at : undefined;
  return typeof at === 'number' ? at : undefined;
}

function defaultNow(): number {
  return performance.timeOrigin + performance.now();
}

// The socket is being replaced or disposed: nobody will hear its events, so a failure here is irrelevant.
function closeQuietly(socket: SocketLike): void {
  try {
    if (socket.readyState < CLOSING) socket.close(1000);
  } catch {
    // Already closing or closed.
  }
}

function notConnectedMessage(state: ConnectionState): string {
  switch (state) {
    case 'connecting':
      return 'Not connected yet: wait for the connection to open.';
    case 'closing':
      return 'Not connected: the connection is closing.';
    default:
      return 'Not connected: connect first.';
  }
}

/** Copies binary data into an ArrayBuffer of exactly its length, or returns null for anything else. */
function toOwnArrayBuffer(data: unknown): ArrayBuffer | null {
  if (data instanceof ArrayBuffer) return data.slice(0);
  if (ArrayBuffer.isView(data)) {
    const copy = new Uint8Array(data.byteLength);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return copy.buffer;
  }
  // An ArrayBuffer from another realm (iframe, worker) fails instanceof but is still one.
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return (data as ArrayBuffer).slice(0);
  return null;
}

function describeType(data: unknown): string {
  if (data === null) return 'null';
  if (typeof data !== 'object') return typeof data;
  return (data as { constructor?: { name?: unknown } }).constructor?.name?.toString() ?? 'object';
}

function messageOf(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

// Browsers pass a bare Event; other hosts (e.g. the `ws` package) include a message worth showing.
function errorMessage(ev: unknown): string {
  const detail = typeof ev === 'object' && ev !== null && 'message' in ev ? ev.message : undefined;
  return typeof detail === 'string' && detail !== ''
    ? `The connection failed or was interrupted: ${detail}`
    : ERROR_MESSAGE;
}
