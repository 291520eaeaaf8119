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
import { asRecord } from '../../shared/as-record';
import { err, ok, type Result } from '../../shared/result';
import { utf8ByteLength } from '../../shared/utf8';
import { decodePackets, encodePacket, peekConnectLevel, type MqttPacket, type QoS } from './mqtt-codec';
import { describePacket } from './mqtt-message';
import { generatedClientId, mqttMachine, nextPacketId, type MqttState } from './mqtt-machine';
import { stringProblem, utf8Bytes } from './mqtt-wire';

const DEFAULT_LEVEL = 4;
const MAX_STRING_BYTES = 0xffff;

const QOS_OPTIONS = [
  { value: '0', label: '0 (at most once)' },
  { value: '1', label: '1 (at least once)' },
  { value: '2', label: '2 (exactly once)' },
] as const;

const FORMS: readonly ComposerForm[] = [
  {
    id: 'connect',
    label: 'Connect',
    fields: [
      {
        kind: 'text',
        name: 'clientId',
        label: 'Client id',
        placeholder: 'empty: frameline-<random>',
        optional: true,
      },
      {
        kind: 'select',
        name: 'version',
        label: 'Version',
        options: [
          { value: '4', label: '3.1.1' },
          { value: '5', label: '5.0' },
        ],
        initial: '4',
      },
      { kind: 'number', name: 'keepAlive', label: 'Keep-alive (seconds)', initial: '60' },
      { kind: 'checkbox', name: 'cleanStart', label: 'Clean start', initial: true },
      { kind: 'text', name: 'username', label: 'User name', optional: true },
      { kind: 'text', name: 'password', label: 'Password', optional: true },
    ],
  },
  {
    id: 'subscribe',
    label: 'Subscribe',
    fields: [
      { kind: 'text', name: 'topic', label: 'Topic filter', placeholder: 'sensors/+/temperature' },
      { kind: 'select', name: 'qos', label: 'QoS', options: QOS_OPTIONS, initial: '0' },
    ],
  },
  {
    id: 'unsubscribe',
    label: 'Unsubscribe',
    fields: [{ kind: 'text', name: 'topic', label: 'Topic filter', placeholder: 'sensors/+/temperature' }],
  },
  {
    id: 'publish',
    label: 'Publish',
    fields: [
      { kind: 'text', name: 'topic', label: 'Topic', placeholder: 'sensors/1/temperature' },
      { kind: 'select', name: 'qos', label: 'QoS', options: QOS_OPTIONS, initial: '0' },
      { kind: 'checkbox', name: 'retain', label: 'Retain', initial: false },
      { kind: 'code', name: 'payload', label: 'Payload', language: 'text', optional: true },
    ],
  },
  { id: 'disconnect', label: 'Disconnect', fields: [] },
];

function textValue(values: ComposerValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

function checkboxValue(values: ComposerValues, name: string, fallback: boolean): boolean {
  const value = values[name];
  return typeof value === 'boolean' ? value : fallback;
}

/** Why `text` cannot be an MQTT string, or null. */
function mqttStringProblem(text: string): string | null {
  const bytes = utf8ByteLength(text);
  if (bytes > MAX_STRING_BYTES) return `${bytes} bytes, more than the 65535 an MQTT string holds`;
  return stringProblem(text);
}

function topicNameProblem(topic: string): string | null {
  if (topic === '') return 'required';
  if (/[+#]/.test(topic)) return 'the wildcards + and # belong in topic filters, not in a topic name';
  return mqttStringProblem(topic);
}

function topicFilterProblem(filter: string): string | null {
  if (filter === '') return 'required';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return '# must be a whole level, and the last one';
    }
    if (level.includes('+') && level !== '+') return '+ must be a whole level';
  }
  return mqttStringProblem(filter);
}

function parseQos(values: ComposerValues): Result<QoS, string> {
  const qos = textValue(values, 'qos') || '0';
  return qos === '0' ? ok(0) : qos === '1' ? ok(1) : qos === '2' ? ok(2) : err('QoS: choose 0, 1 or 2');
}

function packetIdFrom(state: MqttState): Result<number, string> {
  const id = nextPacketId(state);
  return id === null ? err('Packet id: all 65535 packet ids await acknowledgement') : ok(id);
}

function encodeConnect(values: ComposerValues, state: MqttState): Result<MqttPacket, string> {
  const version = textValue(values, 'version') || '4';
  if (version !== '4' && version !== '5') return err('Version: choose 3.1.1 (4) or 5.0 (5)');
  const level = Number(version);
  const keepAliveText = textValue(values, 'keepAlive').trim();
  if (keepAliveText === '') return err('Keep-alive: required (0 turns it off)');
  const keepAlive = /^\d+$/.test(keepAliveText) ? Number(keepAliveText) : NaN;
  if (!(keepAlive <= MAX_STRING_BYTES)) return err('Keep-alive: a whole number of seconds from 0 to 65535');
  const clientId = textValue(values, 'clientId') || generatedClientId(state.seed);
  const clientIdProblem = mqttStringProblem(clientId);
  if (clientIdProblem !== null) return err(`Client id: ${clientIdProblem}`);
  const username = textValue(values, 'username');
  const password = textValue(values, 'password');
  const usernameProblem = mqttStringProblem(username);
  if (usernameProblem !== null) return err(`User name: ${usernameProblem}`);
  if (password !== '' && username === '' && level < 5) {
    return err('Password: MQTT 3.1.1 sends a password only with a user name');
  }
  const passwordBytes = utf8Bytes(password);
  if (passwordBytes.length > MAX_STRING_BYTES) return err('Password: more than the 65535 bytes MQTT allows');
  return ok({
    type: 'CONNECT',
    protocolName: 'MQTT',
    level,
    cleanStart: checkboxValue(values, 'cleanStart', true),
    keepAlive,
    clientId,
    ...(username !== '' && { username }),
    ...(password !== '' && { password: passwordBytes }),
    ...(level >= 5 && { properties: {} }),
  });
}

function encodeSubscribe(values: ComposerValues, state: MqttState): Result<MqttPacket, string> {
  const filter = textValue(values, 'topic');
  const problem = topicFilterProblem(filter);
  if (problem !== null) return err(`Topic filter: ${problem}`);
  const qos = parseQos(values);
  if (!qos.ok) return qos;
  const packetId = packetIdFrom(state);
  if (!packetId.ok) return packetId;
  return ok({
    type: 'SUBSCRIBE',
    packetId: packetId.value,
    subscriptions: [{ filter, qos: qos.value, noLocal: false, retainAsPublished: false, retainHandling: 0 }],
  });
}

function unsubscribePacket(filters: string[], state: MqttState): Result<MqttPacket, string> {
  const packetId = packetIdFrom(state);
  if (!packetId.ok) return packetId;
  return ok({ type: 'UNSUBSCRIBE', packetId: packetId.value, filters });
}

function encodeUnsubscribe(values: ComposerValues, state: MqttState): Result<MqttPacket, string> {
  const filter = textValue(values, 'topic');
  const problem = topicFilterProblem(filter);
  if (problem !== null) return err(`Topic filter: ${problem}`);
  return unsubscribePacket([filter], state);
}

function encodePublish(values: ComposerValues, state: MqttState): Result<MqttPacket, string> {
  const topic = textValue(values, 'topic');
  const problem = topicNameProblem(topic);
  if (problem !== null) return err(`Topic: ${problem}`);
  const qos = parseQos(values);
  if (!qos.ok) return qos;
  let packetId: number | undefined;
  if (qos.value > 0) {
    const id = packetIdFrom(state);
    if (!id.ok) return id;
    packetId = id.value;
  }
  return ok({
    type: 'PUBLISH',
    topic,
    qos: qos.value,
    retain: checkboxValue(values, 'retain', false),
    dup: false,
    ...(packetId !== undefined && { packetId }),
    payload: utf8Bytes(textValue(values, 'payload')),
  });
}

function composePacket(formId: string, values: ComposerValues, state: MqttState): Result<MqttPacket, string> {
  switch (formId) {
    case 'connect':
      return encodeConnect(values, state);
    case 'subscribe':
      return encodeSubscribe(values, state);
    case 'unsubscribe':
      return encodeUnsubscribe(values, state);
    case 'publish':
      return encodePublish(values, state);
    case 'disconnect':
      return ok({ type: 'DISCONNECT' });
    default:
      return err(`Unknown form "${formId}"`);
  }
}

function toFrames(packet: Result<MqttPacket, string>, state: MqttState): Result<OutgoingFrame[], string> {
  if (!packet.ok) return packet;
  const encoded = encodePacket(packet.value, state.level);
  return encoded.ok ? ok([encoded.value]) : encoded;
}

function decode(frame: LensFrame, context: DecodeContext): DecodedFrame {
  if (typeof frame.data === 'string') {
    return { ok: false, reason: 'Text frame: MQTT over WebSocket carries its packets in binary frames' };
  }
  const decoded = decodePackets(new Uint8Array(frame.data), context.mqttLevel ?? DEFAULT_LEVEL);
  if (decoded.failure !== undefined) return { ok: false, reason: decoded.failure };
  return {
    ok: true,
    messages: decoded.packets.map(({ packet, level }) => describePacket(packet, level, frame.direction)),
  };
}

function learn(context: DecodeContext, frame: LensFrame): DecodeContext {
  if (frame.direction !== 'out' || typeof frame.data === 'string') return context;
  // A view, not a copy: most frames stop at their first byte.
  const level = peekConnectLevel(new Uint8Array(frame.data));
  return level === null || level === context.mqttLevel ? context : { ...context, mqttLevel: level };
}

function actions(message: ProtocolMessage, state: MqttState): LensAction[] {
  if (message.type !== 'SUBSCRIBE') return [];
  const subscriptions = asRecord(message.value).subscriptions;
  if (!Array.isArray(subscriptions)) return [];
  const filters = subscriptions.flatMap((subscription: unknown) => {
    const filter = asRecord(subscription).filter;
    return typeof filter === 'string' ? [filter] : [];
  });
  if (filters.length === 0) return [];
  const frames = toFrames(unsubscribePacket(filters, state), state);
  return frames.ok ? [{ label: 'Unsubscribe', frames: frames.value }] : [];
}

/**
 * MQTT 3.1.1 and 5.0 over WebSocket: binary frames of whole control packets, back to back.
 *
 * `value` of each message (properties, MQTT 5 only, appear when present: camelCase names such as
 * `messageExpiryInterval`, `userProperties: [{ name, value }]`, `subscriptionIdentifiers: [n]`, binary data
 * as hex, `authenticationData` as its byte count):
 * - CONNECT `{ type, protocolName, protocolLevel, version: '3.1.1' | '5.0', cleanStart, keepAlive, clientId,
 *   will?: { topic, qos, retain, payload: text | null, payloadBytes, properties? }, username?, passwordBytes?,
 *   properties? }` (the password itself never appears)
 * - CONNACK `{ type, sessionPresent, returnCode (3.1.1) | reasonCode (5.0), accepted, properties? }`
 * - PUBLISH `{ type, topic, qos, retain, dup, packetId?, payload: text | null, payloadBytes, properties? }`
 *   (`payload` is null when the bytes are not UTF-8)
 * - PUBACK, PUBREC, PUBREL, PUBCOMP `{ type, packetId, reasonCode? (5.0), properties? }`
 * - SUBSCRIBE `{ type, packetId, subscriptions: [{ filter, qos, noLocal?, retainAsPublished?,
 *   retainHandling? }] (options 5.0 only), properties? }`
 * - SUBACK `{ type, packetId, returnCodes (3.1.1) | reasonCodes (5.0), properties? }`
 * - UNSUBSCRIBE `{ type, packetId, filters, properties? }`; UNSUBACK `{ type, packetId, reasonCodes? (5.0) }`
 * - PINGREQ, PINGRESP `{ type }`; DISCONNECT, AUTH `{ type, reasonCode? (5.0), properties? }`
 *
 * Correlation keys are `packet:<direction of the request>:<packet id>`; see `correlationKey`.
 */
export const mqttLens: Lens<MqttState> = {
  id: 'mqtt',
  decode,
  learn,
  machine: mqttMachine,
  forms: FORMS,
  encode: (formId, values, state) => toFrames(composePacket(formId, values, state), state),
  actions,
};
