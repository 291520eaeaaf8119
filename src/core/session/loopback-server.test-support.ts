import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A real `ws` server on 127.0.0.1 and a free port; it accepts the subprotocol `chat.v2` when offered. */
export interface LoopbackServer {
  /** `ws://127.0.0.1:<port>`: append a path. */
  base: string;
  /** Ends every connection, then the server. */
  close(): Promise<void>;
}

/** Starts a server that hands each connection to `onConnection` with its request URL. */
export async function startLoopbackServer(
  onConnection: (socket: WebSocket, url: URL) => void,
): Promise<LoopbackServer> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (offered) => (offered.has('chat.v2') ? 'chat.v2' : false),
  });
  server.on('connection', (socket, request) =>
    onConnection(socket, new URL(request.url ?? '/', 'http://localhost')),
  );
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    base: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
