import { utf8ByteLength } from '../shared/utf8';
import { isSendableByClient } from './close-codes';
import { MAX_CLOSE_REASON_BYTES } from './close-validation';
import type { RelayCommand, RelayReport } from './socket-relay-protocol';
import type { SocketFactory, SocketLike } from './socket';

/** The page's side of the relay: sockets that look native to the driver, backed by the worker. */
export interface SocketRelayClient {
  /** Opens a relayed socket; throws synchronously where `new WebSocket` would (a URL that does not parse). */
  create: SocketFactory;
  /** Delivers one report from the worker. */
  receive(report: RelayReport): void;
  /** The worker is gone: every live socket reports an error, then an abnormal close. */
  fail(): void;
}

/** What a relayed socket hands its `onmessage`: the data, plus when it arrived and its size, from the worker. */
export interface RelayedMessageEvent {
  data: unknown;
  at: number;
  size: number;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** An Error named like the DOMException the browser throws, so callers can tell the cases apart the same way. */
function domError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

class RelayedSocket implements SocketLike {
  readyState = CONNECTING;
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  onclose: SocketLike['onclose'] = null;
  private type: string;
  // One event object reused for every message: the driver reads it synchronously and keeps nothing.
  private readonly messageEvent: RelayedMessageEvent = { data: null, at: 0, size: 0 };

  constructor(
    private readonly id: number,
    private readonly post: (command: RelayCommand) => void,
    binaryType: string,
  ) {
    this.type = binaryType;
  }

  get binaryType(): string {
    return this.type;
  }

  set binaryType(value: string) {
    if (value === this.type) return;
    this.type = value;
    this.post({ type: 'binary-type', id: this.id, binaryType: value });
  }

  send(data: string | ArrayBuffer | ArrayBufferView<ArrayBuffer>): void {
    if (this.readyState === CONNECTING) {
      throw domError(
        'InvalidStateError',
        "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.",
      );
    }
    const payload = typeof data === 'string' || data instanceof ArrayBuffer ? data : copyOfView(data);
    const size = typeof payload === 'string' ? utf8ByteLength(payload) : payload.byteLength;
    // Like the browser: after close, sends are dropped but still counted as buffered.
    this.bufferedAmount += size;
    if (this.readyState !== OPEN) return;
    this.post({ type: 'send', id: this.id, data: payload });
  }

  close(code?: number, reason?: string): void {
    if (code !== undefined && (!Number.isInteger(code) || !isSendableByClient(code))) {
      throw domError('InvalidAccessError', `The close code must be 1000 or in 3000-4999; got ${code}.`);
    }
    if (reason !== undefined && utf8ByteLength(reason) > MAX_CLOSE_REASON_BYTES) {
      throw domError(
        'SyntaxError',
        `The close reason must not exceed ${MAX_CLOSE_REASON_BYTES} UTF-8 bytes.`,
      );
    }
    if (this.readyState >= CLOSING) return;
    this.readyState = CLOSING;
    const command: RelayCommand = { type: 'close', id: this.id };
    if (code !== undefined) command.code = code;
    if (reason !== undefined) command.reason = reason;
    this.post(command);
  }

  /** Applies one report about this socket; returns whether the socket is finished. */
  receive(report: RelayReport): boolean {
    switch (report.type) {
      case 'open':
        if (this.readyState === CONNECTING) this.readyState = OPEN;
        this.protocol = report.protocol;
        this.extensions = report.extensions;
        this.onopen?.({ type: 'open', at: report.at });
        return false;
      case 'messages': {
        this.bufferedAmount = report.bufferedAmount;
        const event = this.messageEvent;
        const { data, at, size } = report;
        for (let i = 0; i < data.length; i++) {
          if (this.readyState === CLOSED) break;
          event.data = data[i];
          event.at = at[i] as number;
          event.size = size[i] as number;
          this.onmessage?.(event);
        }
        event.data = null;
        return false;
      }
      case 'buffered':
        this.bufferedAmount = report.bufferedAmount;
        return false;
      case 'error':
        this.onerror?.({ type: 'error', at: report.at });
        return false;
      case 'close':
        this.readyState = CLOSED;
        this.onclose?.({
          code: report.code,
          reason: report.reason,
          wasClean: report.wasClean,
          at: report.at,
        });
        return true;
      case 'ready':
        return false;
    }
  }

  /** The worker died: the same facts a dropped connection gives. */
  abort(at: number): void {
    if (this.readyState === CLOSED) return;
    this.onerror?.({ type: 'error', at });
    this.readyState = CLOSED;
    this.onclose?.({ code: 1006, reason: '', wasClean: false, at });
  }
}

function copyOfView(view: ArrayBufferView<ArrayBuffer>): ArrayBuffer {
  const copy = new Uint8Array(view.byteLength);
  copy.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return copy.buffer;
}

/** Creates the client; `post` sends a command to the worker, `now` stamps a failure of the worker itself. */
export function createSocketRelayClient(options: {
  post: (command: RelayCommand) => void;
  now: () => number;
}): SocketRelayClient {
  const { post, now } = options;
  const sockets = new Map<number, RelayedSocket>();
  let nextId = 1;

  return {
    create(url, protocols) {
      // `new WebSocket` throws SyntaxError synchronously for these; the worker could only say so later.
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw domError('SyntaxError', `The URL '${url}' is invalid.`);
      }
      if (parsed.hash !== '' || url.includes('#')) {
        throw domError('SyntaxError', 'The URL contains a fragment identifier.');
      }
      const id = nextId++;
      const binaryType = 'blob';
      const socket = new RelayedSocket(id, post, binaryType);
      sockets.set(id, socket);
      post({ type: 'open', id, url: parsed.href, protocols: [...protocols], binaryType });
      return socket;
    },
    receive(report) {
      if (report.type === 'ready') return;
      const socket = sockets.get(report.id);
      // Reports of a socket already finished (or never known) have no one to tell.
      if (socket && socket.receive(report)) sockets.delete(report.id);
    },
    fail() {
      const at = now();
      const live = [...sockets.values()];
      sockets.clear();
      for (const socket of live) socket.abort(at);
    },
  };
}
