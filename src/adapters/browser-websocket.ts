import type { SocketFactory } from '@/core/session/socket';

/** The app's socket factory: the browser's native WebSocket, nothing in between. */
export const createBrowserSocket: SocketFactory = (url, protocols) => new WebSocket(url, protocols);
