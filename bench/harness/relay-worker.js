// @ts-check
/**
 * The relay reference's worker: it owns the socket, as the app's socket worker does, and hands received
 * messages to the page in batches with the app's limits (4 ms, 512 messages, 256 KiB; see
 * src/core/session/socket-relay-protocol.ts). It does nothing else per message.
 */

const MAX_DELAY_MS = 4;
const MAX_MESSAGES = 512;
const MAX_BYTES = 256 * 1024;

/** @type {unknown[]} */
let batch = [];
/** @type {ArrayBuffer[]} */
let transfer = [];
let bytes = 0;
/** @type {ReturnType<typeof setTimeout> | null} */
let timer = null;

const flush = () => {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (batch.length === 0) return;
  self.postMessage(batch, { transfer });
  batch = [];
  transfer = [];
  bytes = 0;
};

self.onmessage = (/** @type {MessageEvent<string>} */ event) => {
  const socket = new WebSocket(event.data);
  socket.binaryType = 'arraybuffer';
  socket.onmessage = (message) => {
    const data = message.data;
    batch.push(data);
    if (data instanceof ArrayBuffer) {
      transfer.push(data);
      bytes += data.byteLength;
    } else {
      bytes += data.length;
    }
    if (batch.length >= MAX_MESSAGES || bytes >= MAX_BYTES) flush();
    else if (timer === null) timer = setTimeout(flush, MAX_DELAY_MS);
  };
};
