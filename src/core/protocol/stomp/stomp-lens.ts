import { asRecord } from '../../shared/as-record';
import { err, ok, type Result } from '../../shared/result';
import type {
  ComposerForm,
  ComposerValues,
  DecodeContext,
  DecodedFrame,
  Lens,
  LensAction,
  LensFrame,
  OutgoingFrame,
  ProtocolMessage,
} from '../lens';
import {
  decodeStompUnits,
  encodeStompFrame,
  versionFromConnected,
  versionFromSubprotocol,
  type OutgoingHeader,
  type StompCommand,
  type StompVersion,
} from './stomp-codec';
import { describeStompUnit } from './stomp-describe';
import { parseHeartBeat, stompMachine, type StompState } from './stomp-machine';

/**
 * The decode context as this lens keeps it: the version a CONNECTED frame announced, for connections whose
 * subprotocol names none. `learn` adds it; a context without it decodes as 1.2.
 */
export interface StompDecodeContext extends DecodeContext {
  stompVersion?: StompVersion;
}

function contextVersion(context: DecodeContext): { version: StompVersion; fixed: boolean } {
  const fixed = versionFromSubprotocol(context.protocol);
  if (fixed !== undefined) return { version: fixed, fixed: true };
  return { version: (context as StompDecodeContext).stompVersion ?? '1.2', fixed: false };
}

function frameData(frame: LensFrame): string | Uint8Array {
  return typeof frame.data === 'string' ? frame.data : new Uint8Array(frame.data);
}

function decode(frame: LensFrame, context: DecodeContext): DecodedFrame {
  const { version, fixed } = contextVersion(context);
  const units = decodeStompUnits(frameData(frame), version, fixed);
  if (!units.ok) return { ok: false, reason: units.error };
  return { ok: true, messages: units.value.map(describeStompUnit) };
}

const CONNECTED_START = /(?:^|\0)(?:\r?\n)*CONNECTED\r?\n/;
const CONNECTED_BYTES = new TextEncoder().encode('CONNECTED');

/** Whether the message may hold a CONNECTED frame: a cheap test, since learn runs on every frame. */
function mayHoldConnected(data: string | ArrayBuffer): boolean {
  if (typeof data === 'string') return CONNECTED_START.test(data);
  const bytes = new Uint8Array(data);
  let start = 0;
  while (bytes[start] === 0x0a || bytes[start] === 0x0d) start++;
  return CONNECTED_BYTES.every((byte, i) => bytes[start + i] === byte);
}

function learn(context: DecodeContext, frame: LensFrame): DecodeContext {
  if (frame.direction !== 'in' || !mayHoldConnected(frame.data)) return context;
  const { version, fixed } = contextVersion(context);
  if (fixed) return context;
  const units = decodeStompUnits(frameData(frame), version);
  if (!units.ok) return context;
  let learned = version;
  for (const unit of units.value) {
    if (unit.kind === 'frame' && unit.frame.command === 'CONNECTED') {
      learned = versionFromConnected(unit.frame) ?? learned;
    }
  }
  if (learned === (context as StompDecodeContext).stompVersion) return context;
  const next: StompDecodeContext = { ...context, stompVersion: learned };
  return next;
}

const ACK_MODES = [
  { value: 'auto', label: 'auto' },
  { value: 'client', label: 'client' },
  { value: 'client-individual', label: 'client-individual' },
] as const;

const forms: readonly ComposerForm[] = [
  {
    id: 'connect',
    label: 'Connect',
    fields: [
      { kind: 'text', name: 'host', label: 'Host', initial: '/' },
      { kind: 'text', name: 'login', label: 'Login', optional: true },
      { kind: 'text', name: 'passcode', label: 'Passcode', optional: true },
      {
        kind: 'text',
        name: 'heartBeat',
        label: 'Heart-beat',
        initial: '10000,10000',
        placeholder: 'cx,cy in ms',
      },
      { kind: 'text', name: 'acceptVersion', label: 'Accept version', initial: '1.2,1.1,1.0' },
    ],
  },
  {
    id: 'subscribe',
    label: 'Subscribe',
    fields: [
      { kind: 'text', name: 'destination', label: 'Destination', placeholder: '/topic/chat' },
      { kind: 'select', name: 'ack', label: 'Ack', options: ACK_MODES, initial: 'auto' },
      { kind: 'text', name: 'id', label: 'ID', optional: true, placeholder: 'next sub-N' },
    ],
  },
  {
    id: 'send',
    label: 'Send',
    fields: [
      { kind: 'text', name: 'destination', label: 'Destination', placeholder: '/queue/a' },
      { kind: 'text', name: 'contentType', label: 'Content type', initial: 'text/plain', optional: true },
      { kind: 'code', name: 'body', label: 'Body', language: 'text' },
      { kind: 'checkbox', name: 'receipt', label: 'Ask for a receipt', initial: false },
    ],
  },
  {
    id: 'unsubscribe',
    label: 'Unsubscribe',
    fields: [{ kind: 'text', name: 'id', label: 'ID', placeholder: 'sub-1' }],
  },
  { id: 'disconnect', label: 'Disconnect', fields: [] },
];

function text(values: ComposerValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

function required(values: ComposerValues, name: string, label: string): Result<string, string> {
  const value = text(values, name).trim();
  return value === '' ? err(`${label}: required`) : ok(value);
}

function nextReceipt(state: StompState): string {
  return String(state.lastReceiptNumber + 1);
}

function single(
  command: StompCommand,
  headers: readonly OutgoingHeader[],
  body: string,
  state: StompState,
): Result<OutgoingFrame[], string> {
  const frame = encodeStompFrame(command, headers, body, state.version ?? '1.2');
  return frame.ok ? ok([frame.value]) : frame;
}

function encodeConnect(values: ComposerValues, state: StompState): Result<OutgoingFrame[], string> {
  const acceptVersion = text(values, 'acceptVersion').trim() || '1.2,1.1,1.0';
  const versions = acceptVersion.split(',').map((version) => version.trim());
  const unknown = versions.find((version) => !['1.0', '1.1', '1.2'].includes(version));
  if (unknown !== undefined) {
    return err(`Accept version: ${JSON.stringify(unknown)} is not a STOMP version (1.0, 1.1 or 1.2)`);
  }
  const heartBeat = text(values, 'heartBeat').trim() || '0,0';
  const parsed = parseHeartBeat(heartBeat);
  if (parsed === undefined) {
    return err(`Heart-beat: ${JSON.stringify(heartBeat)} is not two millisecond counts like 10000,10000`);
  }
  const headers: OutgoingHeader[] = [
    { name: 'accept-version', value: versions.join(','), label: 'Accept version' },
    { name: 'host', value: text(values, 'host').trim() || '/', label: 'Host' },
  ];
  const login = text(values, 'login');
  if (login !== '') headers.push({ name: 'login', value: login, label: 'Login' });
  const passcode = text(values, 'passcode');
  if (passcode !== '') headers.push({ name: 'passcode', value: passcode, label: 'Passcode' });
  headers.push({ name: 'heart-beat', value: `${parsed[0]},${parsed[1]}`, label: 'Heart-beat' });
  return single('CONNECT', headers, '', state);
}

function encodeSubscribe(values: ComposerValues, state: StompState): Result<OutgoingFrame[], string> {
  const destination = required(values, 'destination', 'Destination');
  if (!destination.ok) return destination;
  const ack = text(values, 'ack') || 'auto';
  if (!ACK_MODES.some((mode) => mode.value === ack)) {
    return err(`Ack: ${JSON.stringify(ack)} is not auto, client or client-individual`);
  }
  const id = text(values, 'id').trim() || `sub-${state.lastSubscriptionNumber + 1}`;
  if (Object.hasOwn(state.subscriptions, id))
    return err(`ID: ${id} is already subscribed on this connection`);
  return single(
    'SUBSCRIBE',
    [
      { name: 'id', value: id, label: 'ID' },
      { name: 'destination', value: destination.value, label: 'Destination' },
      { name: 'ack', value: ack, label: 'Ack' },
    ],
    '',
    state,
  );
}

function encodeSend(values: ComposerValues, state: StompState): Result<OutgoingFrame[], string> {
  const destination = required(values, 'destination', 'Destination');
  if (!destination.ok) return destination;
  const headers: OutgoingHeader[] = [{ name: 'destination', value: destination.value, label: 'Destination' }];
  const contentType = text(values, 'contentType').trim();
  if (contentType !== '') headers.push({ name: 'content-type', value: contentType, label: 'Content type' });
  if (values.receipt === true) headers.push({ name: 'receipt', value: nextReceipt(state), label: 'Receipt' });
  return single('SEND', headers, text(values, 'body'), state);
}

function encode(formId: string, values: ComposerValues, state: StompState): Result<OutgoingFrame[], string> {
  switch (formId) {
    case 'connect':
      return encodeConnect(values, state);
    case 'subscribe':
      return encodeSubscribe(values, state);
    case 'send':
      return encodeSend(values, state);
    case 'unsubscribe': {
      const id = required(values, 'id', 'ID');
      return id.ok ? single('UNSUBSCRIBE', [{ name: 'id', value: id.value, label: 'ID' }], '', state) : id;
    }
    case 'disconnect':
      return single('DISCONNECT', [{ name: 'receipt', value: nextReceipt(state) }], '', state);
    default:
      return err(`Unknown STOMP form ${JSON.stringify(formId)}`);
  }
}

function action(
  label: string,
  command: StompCommand,
  headers: OutgoingHeader[],
  state: StompState,
): LensAction[] {
  const frame = encodeStompFrame(command, headers, '', state.version ?? '1.2');
  return frame.ok ? [{ label, frames: [frame.value] }] : [];
}

function ackActions(headers: Record<string, unknown>, state: StompState): LensAction[] {
  const version = state.version ?? '1.2';
  const ackId = headers.ack;
  if (typeof ackId === 'string') {
    return [
      ...action('ACK', 'ACK', [{ name: 'id', value: ackId }], state),
      ...action('NACK', 'NACK', [{ name: 'id', value: ackId }], state),
    ];
  }
  // Before 1.2 a MESSAGE carries no ack header: its subscription's mode says whether it needs one.
  const { subscription, 'message-id': messageId } = headers;
  if (version === '1.2' || typeof subscription !== 'string' || typeof messageId !== 'string') return [];
  const mode = Object.hasOwn(state.subscriptions, subscription)
    ? state.subscriptions[subscription]?.ack
    : undefined;
  if (mode !== 'client' && mode !== 'client-individual') return [];
  if (version === '1.0') return action('ACK', 'ACK', [{ name: 'message-id', value: messageId }], state);
  const ids: OutgoingHeader[] = [
    { name: 'subscription', value: subscription },
    { name: 'message-id', value: messageId },
  ];
  return [...action('ACK', 'ACK', ids, state), ...action('NACK', 'NACK', ids, state)];
}

function actions(message: ProtocolMessage, state: StompState): LensAction[] {
  const headers = asRecord(asRecord(message.value).headers);
  if (message.type === 'MESSAGE') return ackActions(headers, state);
  if (message.type === 'SUBSCRIBE') {
    const id = headers.id;
    // Only while the subscription is open on this connection: unsubscribing twice is an error to the server.
    if (typeof id !== 'string' || !Object.hasOwn(state.subscriptions, id)) return [];
    return action('Unsubscribe', 'UNSUBSCRIBE', [{ name: 'id', value: id }], state);
  }
  return [];
}

/**
 * STOMP 1.0–1.2 over WebSocket (`v12.stomp`, `v11.stomp`, `v10.stomp`). Message values: heart-beats
 * `{ command: 'heart-beat' }`; frames `{ command, headers, body, json? }` with `headers` a record of each
 * header's first value (the one that counts), `body` the body as UTF-8 text ('' when empty) and `json` the
 * parsed body when the content type is JSON, e.g.
 * `{ command: 'MESSAGE', headers: { destination: '/topic/chat', subscription: 'sub-1' }, body: 'hi' }`.
 */
export const stompLens: Lens<StompState> = {
  id: 'stomp',
  decode,
  learn,
  machine: stompMachine,
  forms,
  encode,
  actions,
};
