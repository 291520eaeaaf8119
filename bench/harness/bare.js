// @ts-check
/**
 * The baseline for Figure 1: a page whose onmessage only counts. It shows the count once, when it reaches N
 * (or passes it, so that an excess would be seen), and does nothing else per frame.
 */

const expected = Number(new URLSearchParams(location.search).get('n'));
const form = /** @type {HTMLFormElement} */ (document.getElementById('connect-form'));
const input = /** @type {HTMLInputElement} */ (form.querySelector('input'));
const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
const output = /** @type {HTMLOutputElement} */ (document.querySelector('output'));

/** @type {WebSocket | undefined} */
let socket;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (socket) return;
  let count = 0;
  socket = new WebSocket(input.value);
  socket.binaryType = 'arraybuffer';
  socket.onmessage = () => {
    count++;
    if (count >= expected) output.textContent = String(count);
  };
});
button.disabled = false;

export {};
