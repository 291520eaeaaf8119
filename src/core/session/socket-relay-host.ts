import { utf8ByteLength } from '../shared/utf8';
import {
  createMessageBatcher,
  type BatchLimits,
  type RelayCommand,
  type RelayReport,
  type RelayTimers,
} from './socket-relay-protocol';
import type { SocketFactory, SocketLike } from './socket';

/** The worker's side of the relay: owns real sockets, runs page commands, reports what they do. */
export interface SocketRelayHost {
  /** Runs one command from the page. */
  handle(command: RelayCommand): void;
}

const ABNORMAL_CLOSURE = 1006;

/**
 * Creates the host. `createSocket` is the worker's `WebSocket` (or the `ws` package in tests); `now` gives epoch
 * milliseconds, stamped on each fact as it happens.
 */
export function createSocketRelayHost(options: {
  createSocket: SocketFactory;
  post: (report: RelayReport, transfer: ArrayBuffer[]) => void;
  timers: RelayTimers;
  now: () => number;
  limits?: BatchLimits;
}): SocketRelayHost {
  const { createSocket, post, now } = options;
  const batcher = createMessageBatcher({
    post,
    timers: options.timers,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const sockets = new Map<number, SocketLike>();

  // Lifecycle reports go after every message received before them.
  const report = (message: RelayReport): void => {
    batcher.flush();
    post(message, []);
  };

  const open = (command: Extract<RelayCommand, { type: 'open' }>): void => {
    const { id } = command;
    let socket: SocketLike;
    try {
      socket = createSocket(command.url, command.protocols);
    } catch {
      // The page checked the URL already; whatever else the constructor refuses ends the connection.
      const at = now();
      report({ type: 'error', id, at });
      report({ type: 'close', id, at, code: ABNORMAL_CLOSURE, reason: '', wasClean: false });
      return;
    }
    socket.binaryType = command.binaryType;
    sockets.set(id, socket);
    socket.onopen = () => {
      report({ type: 'open', id, at: now(), protocol: socket.protocol, extensions: socket.extensions });
    };
    socket.onmessage = (event) => {
      const at = now();
      const data = event.data;
      const size =
        typeof data === 'string'
          ? utf8ByteLength(data)
          : data instanceof ArrayBuffer
            ? data.byteLength
            : sizeOfOther(data);
      batcher.add(id, data, at, size, socket.bufferedAmount);
    };
    socket.onerror = () => report({ type: 'error', id, at: now() });
    socket.onclose = (event) => {
      sockets.delete(id);
      report({
        type: 'close',
        id,
        at: now(),
        code: event.code,
        reason: event.reason,
        wasClean: event.wasClean,
      });
    };
  };

  return {
    handle(command) {
      switch (command.type) {
        case 'open':
          open(command);
          return;
        case 'binary-type': {
          const socket = sockets.get(command.id);
          if (socket) socket.binaryType = command.binaryType;
          return;
        }
        case 'send': {
          const socket = sockets.get(command.id);
          if (!socket) return;
          try {
            socket.send(command.data);
          } catch {
            // The page sends only while it sees the socket open; if it closed meanwhile, the close report follows.
          }
          post({ type: 'buffered', id: command.id, bufferedAmount: socket.bufferedAmount }, []);
          return;
        }
        case 'close': {
          const socket = sockets.get(command.id);
          if (!socket) return;
          try {
            if (command.code === undefined) socket.close();
            else if (command.reason === undefined) socket.close(command.code);
            else socket.close(command.code, command.reason);
          } catch {
            // The page validated code and reason the way the browser does; nothing else can throw here.
          }
          return;
        }
      }
    },
  };
}

// A Blob (binaryType "blob") or a Node Buffer: whatever reports its length.
function sizeOfOther(data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  const sized = data as { size?: unknown; byteLength?: unknown };
  if (typeof sized.size === 'number') return sized.size;
  return typeof sized.byteLength === 'number' ? sized.byteLength : 0;
}
