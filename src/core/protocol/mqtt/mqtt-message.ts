import type { Correlation, LensField, ProtocolMessage } from '../lens';
import { toHexString } from '../../shared/hex-dump';
import {
  versionName,
  type ConnackPacket,
  type ConnectPacket,
  type MqttPacket,
  type MqttSubscription,
  type PublishAckPacket,
  type PublishPacket,
  type ReasonPacket,
  type SubackPacket,
  type SubscribePacket,
  type UnsubackPacket,
  type UnsubscribePacket,
} from './mqtt-codec';
import { propertiesJson, propertyFields, type MqttProperties } from './mqtt-properties';
import {
  connackReturnCodeNote,
  connackReturnCodeText,
  reasonCodeNote,
  reasonCodeText,
  subackReturnCodeText,
} from './mqtt-reason-codes';
import { utf8Text } from './mqtt-wire';

type Direction = 'in' | 'out';

const QOS_NAMES = ['at most once', 'at least once', 'exactly once'] as const;
const PREVIEW_CHARACTERS = 60;
const PREVIEW_BYTES = 16;

/**
 * The correlation key of an exchange: `packet:<direction the request travelled>:<id>`. Client and server number
 * their packets independently, so the id alone is ambiguous; a reply travels the other way from its request,
 * so it names the opposite of its own direction. A QoS 2 flow (PUBLISH, PUBREC, PUBREL, PUBCOMP) shares one key.
 */
export function correlationKey(requestDirection: Direction, packetId: number): string {
  return `packet:${requestDirection}:${packetId}`;
}

function request(direction: Direction, packetId: number): Correlation {
  return { key: correlationKey(direction, packetId), role: 'request' };
}

function reply(direction: Direction, packetId: number): Correlation {
  return { key: correlationKey(direction === 'in' ? 'out' : 'in', packetId), role: 'reply' };
}

function qosText(qos: number): string {
  return `${qos} (${QOS_NAMES[qos] ?? 'invalid'})`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function withProperties(value: Record<string, unknown>, properties: MqttProperties | undefined) {
  const json = propertiesJson(properties);
  return json === undefined ? value : { ...value, properties: json };
}

/** A payload as the UTF-8 text it holds, or as its size and first bytes when it is not text. */
interface PayloadView {
  text: string | null;
  /** One line for a summary. */
  preview: string;
  /** For the detail pane. */
  field: string;
}

function payloadView(payload: Uint8Array): PayloadView {
  const text = utf8Text(payload);
  const size = `${payload.length} byte${payload.length === 1 ? '' : 's'}`;
  if (text !== null) {
    // Only the start can show, so a megabyte payload is not scanned whole.
    const line = text
      .slice(0, PREVIEW_CHARACTERS * 4)
      .replace(/\s+/g, ' ')
      .trim();
    const preview =
      payload.length === 0
        ? '(empty)'
        : line.length > PREVIEW_CHARACTERS
          ? `${line.slice(0, PREVIEW_CHARACTERS)}…`
          : line;
    return { text, preview, field: `${size}, UTF-8 text` };
  }
  const hex =
    toHexString(payload, { maxBytes: PREVIEW_BYTES }) + (payload.length > PREVIEW_BYTES ? ' …' : '');
  return { text: null, preview: `${size} ${hex}`, field: `${size}: ${hex}` };
}

/** Describes one decoded packet for the timeline; `level` is the protocol level it was read at. */
export function describePacket(packet: MqttPacket, level: number, direction: Direction): ProtocolMessage {
  const v5 = level >= 5;
  switch (packet.type) {
    case 'CONNECT':
      return describeConnect(packet);
    case 'CONNACK':
      return describeConnack(packet, v5);
    case 'PUBLISH':
      return describePublish(packet, direction);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      return describePublishAck(packet, v5, direction);
    case 'SUBSCRIBE':
      return describeSubscribe(packet, v5, direction);
    case 'SUBACK':
      return describeSuback(packet, v5, direction);
    case 'UNSUBSCRIBE':
      return describeUnsubscribe(packet, direction);
    case 'UNSUBACK':
      return describeUnsuback(packet, v5, direction);
    case 'PINGREQ':
      return {
        type: packet.type,
        summary: 'keep-alive ping',
        fields: [],
        value: { type: packet.type },
        note: 'The client shows it is alive; the server answers PINGRESP.',
      };
    case 'PINGRESP':
      return { type: packet.type, summary: 'keep-alive answer', fields: [], value: { type: packet.type } };
    case 'DISCONNECT':
    case 'AUTH':
      return describeReasonPacket(packet, v5);
  }
}

function describeConnect(packet: ConnectPacket): ProtocolMessage {
  const version = versionName(packet.level);
  const v5 = packet.level >= 5;
  const cleanLabel = v5 ? 'Clean start' : 'Clean session';
  const fields: LensField[] = [
    { label: 'Protocol', value: `${packet.protocolName} ${version} (level ${packet.level})` },
    {
      label: 'Client id',
      value: packet.clientId === '' ? '(empty: the server assigns one)' : packet.clientId,
    },
    { label: cleanLabel, value: yesNo(packet.cleanStart) },
    { label: 'Keep-alive', value: packet.keepAlive === 0 ? '0 (off)' : `${packet.keepAlive} s` },
  ];
  if (packet.username !== undefined) fields.push({ label: 'User name', value: packet.username });
  if (packet.password !== undefined)
    fields.push({ label: 'Password', value: `(${packet.password.length} bytes)` });
  fields.push(...propertyFields(packet.properties));
  const will = packet.will;
  let willJson: Record<string, unknown> | undefined;
  if (will) {
    const view = payloadView(will.payload);
    fields.push(
      { label: 'Will topic', value: will.topic },
      { label: 'Will QoS', value: qosText(will.qos) },
      { label: 'Will retain', value: yesNo(will.retain) },
      { label: 'Will payload', value: view.text === null ? view.field : `${view.field}: ${view.preview}` },
      ...propertyFields(will.properties, 'Will '),
    );
    willJson = withProperties(
      {
        topic: will.topic,
        qos: will.qos,
        retain: will.retain,
        payload: view.text,
        payloadBytes: will.payload.length,
      },
      will.properties,
    );
  }
  const parts = [
    `MQTT ${version}`,
    packet.clientId === '' ? 'server-assigned id' : JSON.stringify(packet.clientId),
    `keep-alive ${packet.keepAlive} s`,
  ];
  if (packet.cleanStart) parts.push(v5 ? 'clean start' : 'clean session');
  if (packet.username !== undefined) parts.push(`user ${JSON.stringify(packet.username)}`);
  if (will) parts.push(`will on ${will.topic}`);
  return {
    type: 'CONNECT',
    summary: parts.join(', '),
    fields,
    value: withProperties(
      {
        type: 'CONNECT',
        protocolName: packet.protocolName,
        protocolLevel: packet.level,
        version,
        cleanStart: packet.cleanStart,
        keepAlive: packet.keepAlive,
        clientId: packet.clientId,
        ...(willJson && { will: willJson }),
        ...(packet.username !== undefined && { username: packet.username }),
        ...(packet.password !== undefined && { passwordBytes: packet.password.length }),
      },
      packet.properties,
    ),
  };
}

function describeConnack(packet: ConnackPacket, v5: boolean): ProtocolMessage {
  const accepted = packet.code === 0;
  const codeText = v5 ? reasonCodeText(packet.code) : connackReturnCodeText(packet.code);
  const note = accepted ? undefined : v5 ? reasonCodeNote(packet.code) : connackReturnCodeNote(packet.code);
  const summary = accepted
    ? `accepted${packet.sessionPresent ? ', session present' : ''}`
    : `refused: ${codeText}${reasonSuffix(packet.properties)}`;
  return {
    type: 'CONNACK',
    summary,
    fields: [
      { label: 'Session present', value: yesNo(packet.sessionPresent) },
      { label: v5 ? 'Reason code' : 'Return code', value: codeText },
      ...propertyFields(packet.properties),
    ],
    value: withProperties(
      {
        type: 'CONNACK',
        sessionPresent: packet.sessionPresent,
        ...(v5 ? { reasonCode: packet.code } : { returnCode: packet.code }),
        accepted,
      },
      packet.properties,
    ),
    ...(!accepted && { error: codeText }),
    ...(note !== undefined && { note }),
  };
}

function reasonSuffix(properties: MqttProperties | undefined): string {
  return properties?.reasonString ? `: ${properties.reasonString}` : '';
}

function describePublish(packet: PublishPacket, direction: Direction): ProtocolMessage {
  const view = payloadView(packet.payload);
  const alias = packet.properties?.topicAlias;
  const topicLabel = packet.topic === '' && alias !== undefined ? `(topic alias ${alias})` : packet.topic;
  const flags = `QoS ${packet.qos}${packet.retain ? ' retain' : ''}${packet.dup ? ' dup' : ''}`;
  const fields: LensField[] = [
    { label: 'Topic', value: topicLabel },
    { label: 'QoS', value: qosText(packet.qos) },
    { label: 'Retain', value: yesNo(packet.retain) },
    { label: 'Duplicate', value: yesNo(packet.dup) },
  ];
  if (packet.packetId !== undefined) fields.push({ label: 'Packet id', value: String(packet.packetId) });
  fields.push({ label: 'Payload', value: view.field }, ...propertyFields(packet.properties));
  const problems: string[] = [];
  if (packet.dup && packet.qos === 0) problems.push('DUP must be 0 at QoS 0');
  if (/[+#]/.test(packet.topic)) problems.push('a topic name must not contain the wildcards + or #');
  return {
    type: 'PUBLISH',
    summary: `${topicLabel} ${flags}: ${view.preview}`,
    fields,
    ...(view.text !== null && view.text !== '' && { body: view.text }),
    value: withProperties(
      {
        type: 'PUBLISH',
        topic: packet.topic,
        qos: packet.qos,
        retain: packet.retain,
        dup: packet.dup,
        ...(packet.packetId !== undefined && { packetId: packet.packetId }),
        payload: view.text,
        payloadBytes: packet.payload.length,
      },
      packet.properties,
    ),
    ...(packet.packetId !== undefined && { correlation: request(direction, packet.packetId) }),
    ...(problems.length > 0 && { error: problems.join('; ') }),
  };
}

function describePublishAck(packet: PublishAckPacket, v5: boolean, direction: Direction): ProtocolMessage {
  const code = packet.reasonCode ?? 0;
  const codeText = reasonCodeText(code);
  const fields: LensField[] = [{ label: 'Packet id', value: String(packet.packetId) }];
  if (v5) fields.push({ label: 'Reason code', value: codeText }, ...propertyFields(packet.properties));
  const note = v5 ? reasonCodeNote(code) : undefined;
  return {
    type: packet.type,
    summary: `#${packet.packetId}${v5 && code !== 0 ? ` ${codeText}${reasonSuffix(packet.properties)}` : ''}`,
    fields,
    value: withProperties(
      { type: packet.type, packetId: packet.packetId, ...(v5 && { reasonCode: code }) },
      packet.properties,
    ),
    correlation:
      packet.type === 'PUBREL' ? request(direction, packet.packetId) : reply(direction, packet.packetId),
    ...(v5 && code >= 0x80 && { error: codeText }),
    ...(note !== undefined && { note }),
  };
}

const RETAIN_HANDLING = [
  'send retained messages',
  'send retained messages only for a new subscription',
  'send no retained messages',
] as const;

function subscriptionText(subscription: MqttSubscription, v5: boolean): string {
  const parts = [`${subscription.filter} QoS ${subscription.qos}`];
  if (v5 && subscription.noLocal) parts.push('no local');
  if (v5 && subscription.retainAsPublished) parts.push('retain as published');
  if (v5 && subscription.retainHandling !== 0) parts.push(RETAIN_HANDLING[subscription.retainHandling]);
  return parts.join(', ');
}

function describeSubscribe(packet: SubscribePacket, v5: boolean, direction: Direction): ProtocolMessage {
  return {
    type: 'SUBSCRIBE',
    summary: `#${packet.packetId} ${packet.subscriptions.map((s) => `${s.filter} QoS ${s.qos}`).join(', ')}`,
    fields: [
      { label: 'Packet id', value: String(packet.packetId) },
      ...packet.subscriptions.map((subscription, index) => ({
        label: `Topic filter ${index + 1}`,
        value: subscriptionText(subscription, v5),
      })),
      ...propertyFields(packet.properties),
    ],
    value: withProperties(
      {
        type: 'SUBSCRIBE',
        packetId: packet.packetId,
        subscriptions: packet.subscriptions.map((s) =>
          v5
            ? {
                filter: s.filter,
                qos: s.qos,
                noLocal: s.noLocal,
                retainAsPublished: s.retainAsPublished,
                retainHandling: s.retainHandling,
              }
            : { filter: s.filter, qos: s.qos },
        ),
      },
      packet.properties,
    ),
    correlation: request(direction, packet.packetId),
  };
}

function describeSuback(packet: SubackPacket, v5: boolean, direction: Direction): ProtocolMessage {
  const texts = packet.codes.map((code) =>
    v5 ? reasonCodeText(code, 'SUBACK') : subackReturnCodeText(code),
  );
  const short = packet.codes.map((code, index) =>
    code < 0x80 ? `QoS ${code}` : v5 ? (texts[index] ?? '') : 'failure',
  );
  const failures = packet.codes.flatMap((code, index) =>
    code >= 0x80 ? [`subscription ${index + 1} refused: ${texts[index] ?? ''}`] : [],
  );
  return {
    type: 'SUBACK',
    summary: `#${packet.packetId} ${short.join(', ')}${reasonSuffix(packet.properties)}`,
    fields: [
      { label: 'Packet id', value: String(packet.packetId) },
      ...texts.map((text, index) => ({
        label: `${v5 ? 'Reason' : 'Return'} code ${index + 1}`,
        value: text,
      })),
      ...propertyFields(packet.properties),
    ],
    value: withProperties(
      {
        type: 'SUBACK',
        packetId: packet.packetId,
        ...(v5 ? { reasonCodes: packet.codes } : { returnCodes: packet.codes }),
      },
      packet.properties,
    ),
    correlation: reply(direction, packet.packetId),
    ...(failures.length > 0 && { error: failures.join('; ') }),
  };
}

function describeUnsubscribe(packet: UnsubscribePacket, direction: Direction): ProtocolMessage {
  return {
    type: 'UNSUBSCRIBE',
    summary: `#${packet.packetId} ${packet.filters.join(', ')}`,
    fields: [
      { label: 'Packet id', value: String(packet.packetId) },
      ...packet.filters.map((filter, index) => ({ label: `Topic filter ${index + 1}`, value: filter })),
      ...propertyFields(packet.properties),
    ],
    value: withProperties(
      { type: 'UNSUBSCRIBE', packetId: packet.packetId, filters: packet.filters },
      packet.properties,
    ),
    correlation: request(direction, packet.packetId),
  };
}

function describeUnsuback(packet: UnsubackPacket, v5: boolean, direction: Direction): ProtocolMessage {
  const texts = packet.codes.map((code) => reasonCodeText(code));
  const failures = packet.codes.flatMap((code, index) =>
    code >= 0x80 ? [`filter ${index + 1}: ${texts[index] ?? ''}`] : [],
  );
  return {
    type: 'UNSUBACK',
    summary: `#${packet.packetId}${v5 ? ` ${texts.join(', ')}` : ''}${reasonSuffix(packet.properties)}`,
    fields: [
      { label: 'Packet id', value: String(packet.packetId) },
      ...texts.map((text, index) => ({ label: `Reason code ${index + 1}`, value: text })),
      ...propertyFields(packet.properties),
    ],
    value: withProperties(
      { type: 'UNSUBACK', packetId: packet.packetId, ...(v5 && { reasonCodes: packet.codes }) },
      packet.properties,
    ),
    correlation: reply(direction, packet.packetId),
    ...(failures.length > 0 && { error: failures.join('; ') }),
  };
}

function describeReasonPacket(packet: ReasonPacket, v5: boolean): ProtocolMessage {
  const code = packet.reasonCode ?? 0;
  const codeText = reasonCodeText(code, packet.type === 'DISCONNECT' ? 'DISCONNECT' : 'other');
  const method = packet.properties?.authenticationMethod;
  const summary = !v5
    ? 'disconnect'
    : `${codeText}${method !== undefined ? ` (${method})` : ''}${reasonSuffix(packet.properties)}`;
  const note = v5 ? reasonCodeNote(code) : undefined;
  return {
    type: packet.type,
    summary,
    fields: v5 ? [{ label: 'Reason code', value: codeText }, ...propertyFields(packet.properties)] : [],
    value: withProperties({ type: packet.type, ...(v5 && { reasonCode: code }) }, packet.properties),
    ...(v5 && code >= 0x80 && { error: codeText }),
    ...(note !== undefined && { note }),
  };
}
