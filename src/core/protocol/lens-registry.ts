import type { Lens, ProtocolLensId } from './lens';

/**
 * Loads each lens on demand: a tab pays for a protocol's decoder only once it uses it, and the start-up bundle
 * carries none. A module loads once; later calls share its promise.
 */
const loaders: Readonly<Record<ProtocolLensId, () => Promise<Lens>>> = {
  'socket.io': () =>
    import('./socket-io/socket-io-lens').then(
      (m) => ({ ...m.socketIoLens, connectUrl: m.socketIoUrl }) as Lens,
    ),
  'graphql-ws': () => import('./graphql-ws/graphql-ws-lens').then((m) => m.graphqlWsLens as Lens),
  'json-rpc': () => import('./json-rpc/json-rpc-lens').then((m) => m.jsonRpcLens as Lens),
  stomp: () => import('./stomp/stomp-lens').then((m) => m.stompLens as Lens),
  mqtt: () => import('./mqtt/mqtt-lens').then((m) => m.mqttLens as Lens),
};

const loading = new Map<ProtocolLensId, Promise<Lens>>();
const loaded = new Map<ProtocolLensId, Lens>();

/** The lens, loading its module first if need be. */
export function loadLens(id: ProtocolLensId): Promise<Lens> {
  let promise = loading.get(id);
  if (!promise) {
    promise = loaders[id]().then((lens) => {
      loaded.set(id, lens);
      return lens;
    });
    // A failed load (a network hiccup fetching the chunk) may be retried by the next call.
    promise.catch(() => loading.delete(id));
    loading.set(id, promise);
  }
  return promise;
}

/** The lens if its module has loaded, else null (call `loadLens` to load it). */
export function loadedLens(id: ProtocolLensId): Lens | null {
  return loaded.get(id) ?? null;
}
