/**
 * The dedicated worker that owns the app's WebSockets: the browser dispatches each message event here, off the
 * page's main thread, and the relay host hands them to the page in batches (see core/session/socket-relay-*).
 */
import { createSocketRelayHost } from '@/core/session/socket-relay-host';
import type { RelayCommand, RelayReport } from '@/core/session/socket-relay-protocol';

// The DOM library types `self` as a Window; in a dedicated worker it is this much of its global scope.
const scope = self as unknown as {
  postMessage(message: RelayReport, options: { transfer: Transferable[] }): void;
  onmessage: ((event: MessageEvent<RelayCommand>) => void) | null;
};

const host = createSocketRelayHost({
  createSocket: (url, protocols) => new WebSocket(url, protocols),
  post: (report, transfer) => scope.postMessage(report, { transfer }),
  timers: {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (id) => clearTimeout(id as number),
  },
  now: () => performance.timeOrigin + performance.now(),
});

scope.onmessage = (event) => host.handle(event.data);
scope.postMessage({ type: 'ready' }, { transfer: [] });
