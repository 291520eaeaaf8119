/**
 * Handler slots are declared through a method signature so that they are checked bivariantly: the browser's
 * WebSocket and `ws` declare richer event types than the driver reads, and strict function variance would
 * reject both. The driver only ever reads the fields listed here.
 */
type Handler<E> = { bivarianceHack(ev: E): void }['bivarianceHack'];

/** The subset of the WHATWG WebSocket that the driver uses; the browser's WebSocket and the `ws` package both fit. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  readonly protocol: string;
  readonly extensions: string;
  readonly bufferedAmount: number;
  send(data: string | ArrayBuffer | ArrayBufferView<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  /**
   * `at` (epoch ms) and `size` (bytes) are optional extras from a socket that stamps and sizes messages where
   * they arrive (the worker relay); native sockets give `data` only, and the driver stamps and sizes itself.
   */
  onmessage: Handler<{ data: unknown; at?: number; size?: number }> | null;
  onerror: Handler<unknown> | null;
  onclose: Handler<{ code: number; reason: string; wasClean: boolean; at?: number }> | null;
}

/** Opens a socket; the browser adapter is `(url, protocols) => new WebSocket(url, protocols)`. */
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;
