// @ts-check
/**
 * The baseline page: its onmessage only counts (and, with keep=1, keeps every message, as a log must). It shows
 * the count once, when it reaches N (or passes it, so that an excess would be seen), and does nothing else per
 * frame. With relay=1 the socket lives in relay-worker.js, which hands messages over in batches as the app's
 * socket worker does: the cost of that hand-over alone, for comparison with the app. With show=frame (the
 * latency reference) it shows the count on every animation frame in which it changed, the most a page can do.
 */

const query = new URLSearchParams(location.search);
const expected = Number(query.get('n'));
const keep = query.get('keep') === '1';
const form = /** @type {HTMLFormElement} */ (document.getElementById('connect-form'));
const input = /** @type {HTMLInputElement} */ (form.querySelector('input'));
const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
const output = /** @type {HTMLOutputElement} */ (document.querySelector('output'));

const relay = query.get('relay') === '1';
const everyFrame = query.get('show') === 'frame';
/** @type {WebSocket | Worker | undefined} */
let socket;
/** @type {unknown[]} every message, when keep=1: held for the page's lifetime, like a log */
const kept = [];
Object.assign(window, { benchKept: kept });

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (socket) return;
  let count = 0;
  if (everyFrame) {
    let shown = 0;
    const show = () => {
      if (count !== shown) output.textContent = String((shown = count));
      if (shown < expected) requestAnimationFrame(show);
    };
    requestAnimationFrame(show);
  }
  if (relay) {
    const worker = new Worker('/__bench/relay-worker.js');
    worker.onmessage = (/** @type {MessageEvent<unknown[]>} */ batch) => {
      if (keep) for (const data of batch.data) kept.push(data);
      count += batch.data.length;
      if (count >= expected) output.textContent = String(count);
    };
    worker.postMessage(input.value);
    socket = worker;
    return;
  }
  socket = new WebSocket(input.value);
  socket.binaryType = 'arraybuffer';
  socket.onmessage = keep
    ? (message) => {
        kept.push(message.data);
        count++;
        if (count >= expected) output.textContent = String(count);
      }
    : () => {
        count++;
        if (count >= expected) output.textContent = String(count);
      };
});
button.disabled = false;

export {};
