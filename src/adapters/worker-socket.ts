// A bare URL: the worker's code runs only in the worker.
import socketWorkerUrl from './socket-worker?worker&url';
import { createSocketRelayClient, type SocketRelayClient } from '@/core/session/socket-relay-client';
import type { RelayReport } from '@/core/session/socket-relay-protocol';
import type { SocketFactory } from '@/core/session/socket';
import { createBrowserSocket } from './browser-websocket';
import { startBundledWorker } from './bundled-worker';

type RelayState = { kind: 'starting' | 'ready'; client: SocketRelayClient } | { kind: 'unavailable' };

const now = () => performance.timeOrigin + performance.now();

// `?sockets=main` keeps the sockets on the page, to compare both in the bench.
const wanted =
  typeof Worker !== 'undefined' && new URLSearchParams(location.search).get('sockets') !== 'main';

function startRelay(): RelayState {
  if (!wanted) return { kind: 'unavailable' };
  let worker: Worker;
  try {
    worker = startBundledWorker(socketWorkerUrl, 'frameline-sockets');
  } catch {
    // No worker here (or the policy refused it): the page's own WebSocket works the same, only slower.
    return { kind: 'unavailable' };
  }
  const client = createSocketRelayClient({ post: (command) => worker.postMessage(command), now });
  const state: RelayState = { kind: 'starting', client };
  worker.onmessage = (event: MessageEvent<RelayReport>) => {
    if (event.data.type === 'ready' && relay.kind === 'starting') relay = { kind: 'ready', client };
    client.receive(event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    // Sockets already handed to the worker end like a dropped connection; new ones stay on the page.
    relay = { kind: 'unavailable' };
    client.fail();
    worker.terminate();
  };
  return state;
}

// Started when the app loads, so the worker is up before the first Connect.
let relay: RelayState = startRelay();

/**
 * The app's socket factory: sockets owned by a dedicated worker, which frees the page from the browser's
 * per-message work; the page's own WebSocket when no worker can run.
 */
export const createAppSocket: SocketFactory = (url, protocols) =>
  relay.kind === 'unavailable' ? createBrowserSocket(url, protocols) : relay.client.create(url, protocols);
