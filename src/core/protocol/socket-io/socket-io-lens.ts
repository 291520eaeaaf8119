import { err, ok, type Result } from '../../shared/result';
import type { ComposerForm, ComposerValues, Lens, OutgoingFrame } from '../lens';
import {
  encodeSocketPacket,
  MAIN_NAMESPACE,
  parseJson,
  RESERVED_EVENTS,
  type SocketPacketToEncode,
} from './socket-io-codec';
import { decodeSocketIoFrame, learnSocketIo } from './socket-io-decode';
import { socketIoMachine, type SocketIoState } from './socket-io-machine';

export { socketIoUrl } from './socket-io-url';
export type { SocketIoState } from './socket-io-machine';

const forms: readonly ComposerForm[] = [
  {
    id: 'emit',
    label: 'Emit',
    fields: [
      { kind: 'text', name: 'event', label: 'Event name', placeholder: 'chat message' },
      // Binary arguments would need attachments in frames of their own; the composer writes JSON only.
      {
        kind: 'code',
        name: 'args',
        label: 'Arguments (JSON array; binary not supported)',
        language: 'json',
        optional: true,
      },
      { kind: 'text', name: 'namespace', label: 'Namespace', initial: MAIN_NAMESPACE },
      { kind: 'checkbox', name: 'ack', label: 'Ask for an acknowledgement', initial: false },
    ],
  },
  {
    id: 'connect',
    label: 'Connect to namespace',
    fields: [
      { kind: 'text', name: 'namespace', label: 'Namespace', initial: MAIN_NAMESPACE },
      { kind: 'code', name: 'auth', label: 'Auth (JSON object)', language: 'json', optional: true },
    ],
  },
  {
    id: 'disconnect',
    label: 'Leave namespace',
    fields: [{ kind: 'text', name: 'namespace', label: 'Namespace', initial: MAIN_NAMESPACE }],
  },
];

/**
 * Socket.IO 5 over Engine.IO 4, WebSocket transport. `value` of each decoded message:
 * - Engine.IO: `{ type: 'open', sid, upgrades, pingInterval, pingTimeout, maxPayload }`, `{ type: 'close' }`,
 *   `{ type: 'ping' | 'pong', data? }` (`data: 'probe'`), `{ type: 'upgrade' }`, `{ type: 'noop' }`;
 * - Socket.IO: `{ type: 'connect', namespace, auth? }` from the client, `{ type: 'connect', namespace, sid? }`
 *   from the server, `{ type: 'disconnect', namespace }`, `{ type: 'connect-error', namespace, message, data? }`,
 *   `{ type: 'event' | 'binary-event', namespace, name, args, ackId?, attachments? }`,
 *   `{ type: 'ack' | 'binary-ack', namespace, ackId, args, attachments? }`; `args` as sent, binary arguments as
 *   their `{ _placeholder: true, num }` stand-ins;
 * - binary frames: `{ type: 'attachment', num, count, of, byteLength }` (`num` from 0, `of` the packet's
 *   summary), or `{ type: 'binary', byteLength }` when no packet announced one.
 */
export const socketIoLens: Lens<SocketIoState> = {
  id: 'socket.io',
  decode: decodeSocketIoFrame,
  learn: learnSocketIo,
  machine: socketIoMachine,
  forms,
  encode(formId: string, values: ComposerValues, state: SocketIoState): Result<OutgoingFrame[], string> {
    switch (formId) {
      case 'emit':
        return encodeEmit(values, state);
      case 'connect':
        return encodeConnect(values);
      case 'disconnect': {
        const namespace = namespaceOf(values);
        return namespace.ok ? ok([message({ type: 'DISCONNECT', namespace: namespace.value })]) : namespace;
      }
      default:
        return err(`Unknown form "${formId}"`);
    }
  },
};

function encodeEmit(values: ComposerValues, state: SocketIoState): Result<OutgoingFrame[], string> {
  const event = text(values, 'event').trim();
  if (event === '') return err('Event name: required');
  if (RESERVED_EVENTS.includes(event)) return err(`Event name: "${event}" is reserved by Socket.IO`);
  const args = argumentsOf(text(values, 'args'));
  if (!args.ok) return args;
  const namespace = namespaceOf(values);
  if (!namespace.ok) return namespace;
  const packet: SocketPacketToEncode = {
    type: 'EVENT',
    namespace: namespace.value,
    payload: [event, ...args.value],
  };
  if (values.ack === true) packet.ackId = state.lastAckId + 1;
  return ok([message(packet)]);
}

function encodeConnect(values: ComposerValues): Result<OutgoingFrame[], string> {
  const namespace = namespaceOf(values);
  if (!namespace.ok) return namespace;
  const authText = text(values, 'auth').trim();
  if (authText === '') return ok([message({ type: 'CONNECT', namespace: namespace.value })]);
  const auth = parseJson(authText);
  if (!auth.ok) return err(`Auth: not JSON: ${auth.error}`);
  if (typeof auth.value !== 'object' || auth.value === null || Array.isArray(auth.value)) {
    return err('Auth: must be a JSON object');
  }
  return ok([message({ type: 'CONNECT', namespace: namespace.value, payload: auth.value })]);
}

// An array is the argument list; any other JSON value is the one argument, as `emit(name, value)` sends it.
function argumentsOf(argsText: string): Result<unknown[], string> {
  if (argsText.trim() === '') return ok([]);
  const parsed = parseJson(argsText);
  if (!parsed.ok) return err(`Arguments: not JSON: ${parsed.error}`);
  return ok(Array.isArray(parsed.value) ? (parsed.value as unknown[]) : [parsed.value]);
}

function namespaceOf(values: ComposerValues): Result<string, string> {
  const namespace = text(values, 'namespace').trim();
  if (namespace === '') return ok(MAIN_NAMESPACE);
  if (!namespace.startsWith('/')) return err(`Namespace: must start with "/", like /admin`);
  if (namespace.includes(','))
    return err('Namespace: must not contain a comma (it ends the namespace on the wire)');
  return ok(namespace);
}

function message(packet: SocketPacketToEncode): string {
  return `4${encodeSocketPacket(packet)}`;
}

function text(values: ComposerValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}
