/**
 * The messages between the page and the worker that owns its sockets. The worker takes the browser's own
 * per-message work (event dispatch, UTF-8 decoding, sizing) off the page and hands received messages over in
 * batches; lifecycle facts travel one by one, in order with the messages around them.
 */

/** Page to worker: what to do with socket `id`. */
export type RelayCommand =
  | { type: 'open'; id: number; url: string; protocols: string[]; binaryType: string }
  | { type: 'binary-type'; id: number; binaryType: string }
  | { type: 'send'; id: number; data: string | ArrayBuffer }
  | { type: 'close'; id: number; code?: number; reason?: string };

/**
 * Worker to page. `at` fields are epoch milliseconds stamped in the worker when the fact happened, so time
 * spent queued behind a busy page does not count as network time. `size` is the UTF-8 byte length of text or
 * the byteLength of binary, computed in the worker.
 */
export type RelayReport =
  | { type: 'ready' }
  | { type: 'open'; id: number; at: number; protocol: string; extensions: string }
  | { type: 'messages'; id: number; data: unknown[]; at: number[]; size: number[]; bufferedAmount: number }
  | { type: 'buffered'; id: number; bufferedAmount: number }
  | { type: 'error'; id: number; at: number }
  | { type: 'close'; id: number; at: number; code: number; reason: string; wasClean: boolean };

/** How the worker decides to hand a batch over. */
export interface BatchLimits {
  /** Hand over at most this long after the batch's first message. */
  maxDelayMs: number;
  maxMessages: number;
  maxBytes: number;
}

/** A few milliseconds of batching: about one hand-over per 4 ms under load, never a frame's worth of delay. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxDelayMs: 4, maxMessages: 512, maxBytes: 256 * 1024 };

/** Collects received messages and posts them as `messages` reports; used inside the worker. */
export interface MessageBatcher {
  /** Adds one received message of socket `id`; may post the batch at once when a limit is reached. */
  add(id: number, data: unknown, at: number, size: number, bufferedAmount: number): void;
  /** Posts whatever is collected now: called before any lifecycle report so that order is kept. */
  flush(): void;
}

/** Timer functions of the host, injected so this stays testable in Node. */
export interface RelayTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * Creates a batcher. One batch holds one socket's messages: a message of another socket posts the current
 * batch first, so reports leave in the order the messages arrived.
 */
export function createMessageBatcher(options: {
  post: (report: RelayReport, transfer: ArrayBuffer[]) => void;
  timers: RelayTimers;
  limits?: BatchLimits;
}): MessageBatcher {
  const { post, timers } = options;
  const limits = options.limits ?? DEFAULT_BATCH_LIMITS;
  let batchId = -1;
  let data: unknown[] = [];
  let at: number[] = [];
  let size: number[] = [];
  let transfer: ArrayBuffer[] = [];
  let bytes = 0;
  let bufferedAmount = 0;
  let timer: unknown = null;

  const flush = (): void => {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
    if (data.length === 0) return;
    const report: RelayReport = { type: 'messages', id: batchId, data, at, size, bufferedAmount };
    const moved = transfer;
    data = [];
    at = [];
    size = [];
    transfer = [];
    bytes = 0;
    post(report, moved);
  };

  return {
    add(id, message, stamp, messageSize, buffered) {
      if (id !== batchId) {
        flush();
        batchId = id;
      }
      data.push(message);
      at.push(stamp);
      size.push(messageSize);
      bufferedAmount = buffered;
      // Moved, not copied: the worker never reads a message again once it is handed over.
      if (message instanceof ArrayBuffer) transfer.push(message);
      bytes += messageSize;
      if (data.length >= limits.maxMessages || bytes >= limits.maxBytes) flush();
      else if (timer === null) timer = timers.setTimeout(flush, limits.maxDelayMs);
    },
    flush,
  };
}
