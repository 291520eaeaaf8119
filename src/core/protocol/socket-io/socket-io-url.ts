import { err, ok, type Result } from '../../shared/result';

const SCHEMES: Readonly<Record<string, string>> = {
  'ws:': 'ws:',
  'wss:': 'wss:',
  'http:': 'ws:',
  'https:': 'wss:',
};
// The query parameters Engine.IO reads; the lens sets them, whatever the user typed.
const ENGINE_PARAMS = new Set(['EIO', 'transport']);
const ENGINE_QUERY = 'EIO=4&transport=websocket';

/**
 * The URL a Socket.IO client opens for what the user typed: `http://host:8787` becomes
 * `ws://host:8787/socket.io/?EIO=4&transport=websocket`. A path of their own (`/custom/path`) and their query
 * parameters stay; `EIO` and `transport` are set to Engine.IO 4 over WebSocket.
 */
export function socketIoUrl(url: string): Result<string, string> {
  const typed = url.trim();
  if (typed === '') return err('URL: required');
  // "host:8787" has no scheme; WebSocket is what the user means.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `ws://${typed}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return err(`URL: not a valid URL: ${typed}`);
  }
  const scheme = SCHEMES[parsed.protocol];
  if (scheme === undefined)
    return err(`URL: Socket.IO needs ws, wss, http or https, not ${parsed.protocol}//`);
  if (parsed.hostname === '') return err(`URL: no host in ${typed}`);
  const path = parsed.pathname === '' || parsed.pathname === '/' ? '/socket.io/' : parsed.pathname;
  // Kept as typed rather than re-serialised, so the user's own encoding of their parameters reaches the server.
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !ENGINE_PARAMS.has(paramName(pair)));
  const query = [...kept, ENGINE_QUERY].join('&');
  const userinfo =
    parsed.username === '' ? '' : `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@`;
  // The fragment goes: a WebSocket URL may not have one.
  return ok(`${scheme}//${userinfo}${parsed.host}${path}?${query}`);
}

function paramName(pair: string): string {
  const name = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
