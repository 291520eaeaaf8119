// @ts-check
/**
 * The baseline page: its onmessage only counts (and, with keep=1, keeps every message, as a log must). It shows
 * the count once, when it reaches N (or passes it, so that an excess would be seen), and does nothing else per
 * frame.
 */

const query = new URLSearchParams(location.search);
const expected = Number(query.get('n'));
const keep = query.get('keep') === '1';
const form = /** @type {HTMLFormElement} */ (document.getElementById('connect-form'));
const input = /** @type {HTMLInputElement} */ (form.querySelector('input'));
const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
const output = /** @type {HTMLOutputElement} */ (document.querySelector('output'));

/** @type {WebSocket | undefined} */
let socket;
/** @type {unknown[]} every message, when keep=1: held for the page's lifetime, like a log */
const kept = [];
Object.assign(window, { benchKept: kept });

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (socket) return;
  let count = 0;
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
