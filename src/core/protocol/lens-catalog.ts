import { LENS_IDS, type LensId } from './lens';

/**
 * What the app knows about each lens before its module loads: its name and how to recognise its servers. Kept
 * apart from the lenses themselves, which load on demand, so the start-up bundle stays small.
 */

/** The names shown in the "Protocol" combobox, in its order. */
export const LENS_LABELS: Readonly<Record<LensId, string>> = {
  raw: 'Raw',
  'socket.io': 'Socket.IO',
  'graphql-ws': 'GraphQL over WebSocket',
  'json-rpc': 'JSON-RPC 2.0',
  stomp: 'STOMP',
  mqtt: 'MQTT',
};

// Subprotocols that name their protocol; a server that negotiates one has said what it speaks.
const LENS_BY_SUBPROTOCOL: Readonly<Record<string, LensId>> = {
  'graphql-transport-ws': 'graphql-ws',
  'graphql-ws': 'graphql-ws',
  'v12.stomp': 'stomp',
  'v11.stomp': 'stomp',
  'v10.stomp': 'stomp',
  stomp: 'stomp',
  mqtt: 'mqtt',
  mqttv3: 'mqtt',
  'mqttv3.1': 'mqtt',
  jsonrpc: 'json-rpc',
  'json-rpc': 'json-rpc',
  'jsonrpc-2.0': 'json-rpc',
};

/** Whether a stored value names a lens (an older or newer file may hold one this build does not know). */
export function isLensId(value: unknown): value is LensId {
  return typeof value === 'string' && (LENS_IDS as readonly string[]).includes(value);
}

/** Where a preselected lens came from, for the hint beside the combobox. */
export interface DetectedLens {
  lens: LensId;
  /** e.g. `subprotocol mqtt` or `path /socket.io/`; null for Raw, when nothing suggested a protocol. */
  reason: string | null;
}

/**
 * The lens a connection's own facts suggest: the negotiated subprotocol first (what the server said), then the
 * first offered one that names a protocol, then a Socket.IO path. Raw when nothing does.
 */
export function detectLens(facts: {
  url: string;
  offered: readonly string[];
  negotiated: string;
}): DetectedLens {
  const negotiated = LENS_BY_SUBPROTOCOL[facts.negotiated.toLowerCase()];
  if (negotiated) return { lens: negotiated, reason: `subprotocol ${facts.negotiated}` };
  for (const offered of facts.offered) {
    const lens = LENS_BY_SUBPROTOCOL[offered.toLowerCase()];
    if (lens) return { lens, reason: `subprotocol ${offered}` };
  }
  if (/\/socket\.io(\/|$|\?)/i.test(pathOf(facts.url)))
    return { lens: 'socket.io', reason: 'path /socket.io/' };
  return { lens: 'raw', reason: null };
}

// Lenient on purpose: the URL may still hold {{variables}} or be half typed.
function pathOf(url: string): string {
  const afterScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  return afterScheme.split('#')[0] ?? '';
}
