import type { SocketLike } from '../session/socket';
import type { Lens, LensOptions } from './lens';
import { createLensSession, type LensSessionHost } from './lens-session';

/**
 * A socket with a protocol lens inside: it answers pings, keeps the connection alive and acknowledges as the
 * protocol requires, while its owner (`frameline run`'s scenario runner) sees every frame as usual. The app
 * does the same through its runtime; this is for code that drives a socket directly.
 */
export function withLens(
  socket: SocketLike,
  lens: Lens,
  options: LensOptions,
  timers: Pick<LensSessionHost, 'setTimeout' | 'clearTimeout' | 'now'>,
): SocketLike {
  const outer: SocketLike = {
    get binaryType() {
      return socket.binaryType;
    },
    set binaryType(value: string) {
      socket.binaryType = value;
    },
    get readyState() {
      return socket.readyState;
    },
    get protocol() {
      return socket.protocol;
    },
    get extensions() {
      return socket.extensions;
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    send(data) {
      socket.send(data);
      session.observe(outgoing(data, timers.now()));
    },
    close(code, reason) {
      socket.close(code, reason);
    },
    onopen: null,
    onmessage: null,
    onerror: null,
    onclose: null,
  };
  const session = createLensSession(lens, options, {
    ...timers,
    sendAutomatic: (data) => {
      if (socket.readyState !== 1) return;
      socket.send(data as string | ArrayBufferView<ArrayBuffer>);
      session.observe(outgoing(data, timers.now()));
    },
  });
  socket.onopen = (ev) => {
    session.observe({
      kind: 'open',
      at: timers.now(),
      sinceOpen: 0,
      protocol: socket.protocol,
      extensions: '',
      openMs: 0,
    });
    outer.onopen?.(ev);
  };
  socket.onmessage = (ev) => {
    const data = ev.data;
    if (typeof data === 'string' || data instanceof ArrayBuffer) {
      session.observe({
        kind: 'message',
        at: timers.now(),
        sinceOpen: null,
        direction: 'in',
        format: typeof data === 'string' ? 'text' : 'binary',
        data,
        size: 0,
      });
    }
    outer.onmessage?.(ev);
  };
  socket.onerror = (ev) => outer.onerror?.(ev);
  socket.onclose = (ev) => {
    session.observe({
      kind: 'close',
      at: timers.now(),
      sinceOpen: null,
      code: ev.code,
      reason: ev.reason,
      wasClean: ev.wasClean,
      initiator: 'server',
      durationMs: null,
    });
    session.dispose();
    outer.onclose?.(ev);
  };
  return outer;
}

function outgoing(data: string | ArrayBuffer | ArrayBufferView, at: number) {
  const payload =
    typeof data === 'string' || data instanceof ArrayBuffer
      ? data
      : (new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer as ArrayBuffer);
  return {
    kind: 'message' as const,
    at,
    sinceOpen: null,
    direction: 'out' as const,
    format: typeof payload === 'string' ? ('text' as const) : ('binary' as const),
    data: payload,
    size: 0,
  };
}
