import { formatBytes } from '../../shared/format';
import { err, ok, type Result } from '../../shared/result';
import type { DecodeContext, DecodedFrame, LensField, LensFrame, ProtocolMessage } from '../lens';
import {
  MAIN_NAMESPACE,
  parseEnginePacket,
  parseJson,
  parseSocketPacket,
  placeholderNum,
  type EnginePacket,
  type SocketPacket,
} from './socket-io-codec';

/** Longest timeline summary; the detail pane has the rest. */
const SUMMARY_LIMIT = 160;

/** Decodes one WebSocket frame of a Socket.IO connection into its Engine.IO and Socket.IO meaning. */
export function decodeSocketIoFrame(frame: LensFrame, context: DecodeContext): DecodedFrame {
  if (typeof frame.data !== 'string') return { ok: true, messages: [binaryMessage(frame, context)] };
  const engine = parseEnginePacket(frame.data);
  if (!engine.ok) return { ok: false, reason: engine.error };
  const message = engineMessage(engine.value, frame.direction);
  return message.ok ? { ok: true, messages: [message.value] } : { ok: false, reason: message.error };
}

/**
 * What a frame teaches: a BINARY_EVENT or BINARY_ACK header announces that many binary frames in its direction,
 * and each such binary frame counts one off. The shell decodes a frame with the context its own `learn` returned,
 * so after binary frame k of a packet `next` is k + 1 (the record stays, exhausted, while that last frame is the
 * one being decoded) and the frame after it clears the record.
 */
export function learnSocketIo(context: DecodeContext, frame: LensFrame): DecodeContext {
  const pending = context.attachments;
  if (typeof frame.data !== 'string') {
    if (!pending || pending.direction !== frame.direction) return context;
    if (pending.next < pending.count)
      return { ...context, attachments: { ...pending, next: pending.next + 1 } };
    return withoutAttachments(context);
  }
  // Only `45…` and `46…` can announce attachments; the check stays this cheap for every other frame.
  const kind = frame.data.charAt(1);
  const header = frame.data.charAt(0) === '4' && (kind === '5' || kind === '6');
  const packet = header ? parseSocketPacket(frame.data.slice(1)) : null;
  if (packet?.ok && packet.value.attachments > 0) {
    return {
      ...context,
      attachments: {
        direction: frame.direction,
        of: packetHeadline(packet.value),
        next: 0,
        count: packet.value.attachments,
      },
    };
  }
  return pending && pending.next >= pending.count ? withoutAttachments(context) : context;
}

function withoutAttachments(context: DecodeContext): DecodeContext {
  const { attachments: _done, ...rest } = context;
  return rest;
}

/** The readable form of an EVENT or ACK: `chat message("hi", {"n":1})`, `/admin tellme() · ack id 1`. */
export function packetHeadline(packet: SocketPacket): string {
  const args = Array.isArray(packet.payload) ? (packet.payload as unknown[]) : [];
  const namespace = packet.namespace === MAIN_NAMESPACE ? '' : `${packet.namespace} `;
  if (packet.type === 'EVENT' || packet.type === 'BINARY_EVENT') {
    const [name, ...rest] = args;
    const ack = packet.ackId === undefined ? '' : ` · ack id ${packet.ackId}`;
    return `${namespace}${String(name)}(${formatArgs(rest)})${ack}`;
  }
  return `${namespace}ack ${packet.ackId ?? '?'}: ${args.length === 0 ? 'no data' : formatArgs(args)}`;
}

function engineMessage(packet: EnginePacket, direction: 'in' | 'out'): Result<ProtocolMessage, string> {
  switch (packet.type) {
    case 'open':
      return openMessage(packet.data);
    case 'close':
      return ok({
        type: 'close',
        summary: 'close',
        fields: [],
        value: { type: 'close' },
        note:
          direction === 'out'
            ? 'The client ends the Engine.IO session, leaving every namespace; the server closes the connection.'
            : 'The server ends the Engine.IO session, leaving every namespace.',
      });
    case 'ping':
    case 'pong':
      return ok(heartbeatMessage(packet, direction));
    case 'message':
      return socketMessage(packet.data, direction);
    case 'upgrade':
      return ok({
        type: 'upgrade',
        summary: 'upgrade',
        fields: [],
        value: { type: 'upgrade' },
        note: 'Completes a transport upgrade: from here on this WebSocket carries the session.',
      });
    case 'noop':
      return ok({
        type: 'noop',
        summary: 'noop',
        fields: [],
        value: { type: 'noop' },
        note: 'Does nothing: the server uses it to release the long-polling transport during an upgrade.',
      });
  }
}

function openMessage(data: string): Result<ProtocolMessage, string> {
  const parsed = parseJson(data);
  if (!parsed.ok) return err(`Engine.IO open handshake is not JSON: ${parsed.error}`);
  const handshake = parsed.value;
  if (typeof handshake !== 'object' || handshake === null || Array.isArray(handshake)) {
    return err('Engine.IO open handshake must be a JSON object');
  }
  const { sid, upgrades, pingInterval, pingTimeout, maxPayload } = handshake as Record<string, unknown>;
  const fields: LensField[] = [];
  const value: Record<string, unknown> = { type: 'open' };
  const parts: string[] = [];
  if (typeof sid === 'string') {
    fields.push({ label: 'Session id', value: sid });
    value.sid = sid;
    parts.push(`sid ${sid}`);
  }
  if (Array.isArray(upgrades)) {
    fields.push({
      label: 'Upgrades',
      value: upgrades.length === 0 ? 'none' : upgrades.map(String).join(', '),
    });
    value.upgrades = upgrades;
  }
  if (typeof pingInterval === 'number') {
    fields.push({ label: 'Ping interval', value: `${pingInterval} ms` });
    value.pingInterval = pingInterval;
    parts.push(`ping every ${pingInterval} ms`);
  }
  if (typeof pingTimeout === 'number') {
    fields.push({ label: 'Ping timeout', value: `${pingTimeout} ms` });
    value.pingTimeout = pingTimeout;
    parts.push(`timeout ${pingTimeout} ms`);
  }
  if (typeof maxPayload === 'number') {
    fields.push({ label: 'Max payload', value: `${maxPayload} bytes` });
    value.maxPayload = maxPayload;
  }
  return ok({
    type: 'open',
    summary: clip(parts.length === 0 ? 'open' : `open ${parts.join(', ')}`),
    fields,
    body: data,
    value,
    note: 'The server opened an Engine.IO session; the client must now connect to a namespace (CONNECT).',
  });
}

function heartbeatMessage(packet: EnginePacket, direction: 'in' | 'out'): ProtocolMessage {
  const probe = packet.data === 'probe';
  const value: Record<string, unknown> = { type: packet.type };
  if (packet.data !== '') value.data = packet.data;
  const fields = packet.data === '' ? [] : [{ label: 'Data', value: packet.data }];
  let note: string;
  if (packet.type === 'ping') {
    note = probe
      ? 'A probe: the other side answers 3probe to show this transport works.'
      : direction === 'in'
        ? 'The server checks the client is alive; the client must answer with pong within pingTimeout.'
        : 'Engine.IO 4 servers send the pings; a client ping is answered only during an upgrade probe.';
  } else {
    note = probe ? 'Answers a probe: this transport works.' : 'Answers a ping: this side is alive.';
  }
  return { type: packet.type, summary: clip(`${packet.type} ${packet.data}`.trim()), fields, value, note };
}

function socketMessage(text: string, direction: 'in' | 'out'): Result<ProtocolMessage, string> {
  const parsed = parseSocketPacket(text);
  if (!parsed.ok) return err(parsed.error);
  const packet = parsed.value;
  const fields: LensField[] = [{ label: 'Namespace', value: packet.namespace }];
  const body = packet.payloadText;
  const namespacePrefix = packet.namespace === MAIN_NAMESPACE ? '' : ` ${packet.namespace}`;
  switch (packet.type) {
    case 'CONNECT':
      return ok(connectMessage(packet, direction, fields));
    case 'DISCONNECT':
      return ok({
        type: 'DISCONNECT',
        summary: `disconnect ${packet.namespace}`,
        fields,
        value: { type: 'disconnect', namespace: packet.namespace },
        note:
          direction === 'out'
            ? `The client left namespace ${packet.namespace}; the server sends no reply.`
            : `The server removed this client from namespace ${packet.namespace} (e.g. socket.disconnect() on the server).`,
      });
    case 'CONNECT_ERROR': {
      const { message, data } = connectError(packet.payload);
      fields.push({ label: 'Message', value: message });
      if (data !== undefined) fields.push({ label: 'Data', value: JSON.stringify(data) });
      const value: Record<string, unknown> = { type: 'connect-error', namespace: packet.namespace, message };
      if (data !== undefined) value.data = data;
      return ok({
        type: 'CONNECT_ERROR',
        summary: clip(`connect error${namespacePrefix}: ${message}`),
        fields,
        body,
        value,
        error: message,
        note: `The server refused the connection to namespace ${packet.namespace} (e.g. a middleware rejected the auth).`,
      });
    }
    case 'EVENT':
    case 'BINARY_EVENT':
      return ok(eventMessage(packet, fields, body));
    case 'ACK':
    case 'BINARY_ACK':
      return ok(ackMessage(packet, fields, body));
  }
}

function connectMessage(packet: SocketPacket, direction: 'in' | 'out', fields: LensField[]): ProtocolMessage {
  const value: Record<string, unknown> = { type: 'connect', namespace: packet.namespace };
  const payload = packet.payload as Record<string, unknown> | undefined;
  if (direction === 'out') {
    if (payload !== undefined) {
      value.auth = payload;
      fields.push({ label: 'Auth', value: packet.payloadText ?? '' });
    }
    return {
      type: 'CONNECT',
      summary: clip(
        `connect ${packet.namespace}${payload === undefined ? '' : ` auth ${packet.payloadText}`}`,
      ),
      fields,
      body: packet.payloadText,
      value,
      note: `The client asks to join namespace ${packet.namespace}; the server answers CONNECT or CONNECT_ERROR.`,
    };
  }
  const sid = typeof payload?.sid === 'string' ? payload.sid : undefined;
  if (sid !== undefined) {
    value.sid = sid;
    fields.push({ label: 'Socket id', value: sid });
  }
  return {
    type: 'CONNECT',
    summary: `connected ${packet.namespace}${sid === undefined ? '' : ` sid ${sid}`}`,
    fields,
    body: packet.payloadText,
    value,
    note: `The server accepted the client in namespace ${packet.namespace}.`,
  };
}

function eventMessage(packet: SocketPacket, fields: LensField[], body: string | undefined): ProtocolMessage {
  const [name, ...args] = packet.payload as unknown[];
  const value: Record<string, unknown> = {
    type: packet.type === 'EVENT' ? 'event' : 'binary-event',
    namespace: packet.namespace,
    name,
    args,
  };
  fields.push({ label: 'Event', value: String(name) });
  fields.push({ label: 'Arguments', value: String(args.length) });
  if (packet.ackId !== undefined) {
    value.ackId = packet.ackId;
    fields.push({ label: 'Ack id', value: String(packet.ackId) });
  }
  if (packet.type === 'BINARY_EVENT') {
    value.attachments = packet.attachments;
    fields.push({ label: 'Attachments', value: String(packet.attachments) });
  }
  const message: ProtocolMessage = {
    type: packet.type,
    summary: clip(packetHeadline(packet)),
    fields,
    body,
    value,
  };
  if (packet.ackId !== undefined) message.correlation = { key: ackKey(packet), role: 'request' };
  if (packet.attachments > 0) message.note = attachmentsNote(packet.attachments);
  return message;
}

function ackMessage(packet: SocketPacket, fields: LensField[], body: string | undefined): ProtocolMessage {
  const args = packet.payload as unknown[];
  const value: Record<string, unknown> = {
    type: packet.type === 'ACK' ? 'ack' : 'binary-ack',
    namespace: packet.namespace,
    ackId: packet.ackId,
    args,
  };
  fields.push({ label: 'Ack id', value: String(packet.ackId) });
  fields.push({ label: 'Arguments', value: String(args.length) });
  if (packet.type === 'BINARY_ACK') {
    value.attachments = packet.attachments;
    fields.push({ label: 'Attachments', value: String(packet.attachments) });
  }
  const message: ProtocolMessage = {
    type: packet.type,
    summary: clip(packetHeadline(packet)),
    fields,
    body,
    value,
    correlation: { key: ackKey(packet), role: 'reply' },
  };
  if (packet.attachments > 0) message.note = attachmentsNote(packet.attachments);
  return message;
}

function binaryMessage(frame: LensFrame, context: DecodeContext): ProtocolMessage {
  const byteLength = (frame.data as ArrayBuffer).byteLength;
  const pending = context.attachments;
  // The context already counts this frame (see learnSocketIo): it is attachment `next - 1`.
  if (
    pending &&
    pending.direction === frame.direction &&
    pending.next >= 1 &&
    pending.next <= pending.count
  ) {
    const num = pending.next - 1;
    const position = `${num + 1} of ${pending.count}`;
    return {
      type: 'attachment',
      summary: clip(`attachment ${position} of ${pending.of} · ${formatBytes(byteLength)}`),
      fields: [
        { label: 'Attachment', value: position },
        { label: 'Of', value: pending.of },
        { label: 'Size', value: `${byteLength} bytes` },
      ],
      value: { type: 'attachment', num, count: pending.count, of: pending.of, byteLength },
      note: 'A binary argument, sent raw in its own frame after the packet that holds its placeholder.',
    };
  }
  return {
    type: 'binary',
    summary: `binary message · ${formatBytes(byteLength)}`,
    fields: [{ label: 'Size', value: `${byteLength} bytes` }],
    value: { type: 'binary', byteLength },
    note: 'No BINARY_EVENT or BINARY_ACK announced this frame; Socket.IO sends binary only as attachments.',
  };
}

function connectError(payload: unknown): { message: string; data?: unknown } {
  if (typeof payload === 'string') return { message: payload };
  const record = payload as Record<string, unknown>;
  const message = typeof record.message === 'string' ? record.message : JSON.stringify(payload);
  return record.data === undefined ? { message } : { message, data: record.data };
}

function ackKey(packet: SocketPacket): string {
  return `ack:${packet.namespace}:${packet.ackId}`;
}

function attachmentsNote(count: number): string {
  return `${count === 1 ? 'One binary frame follows' : `${count} binary frames follow`}, one per placeholder.`;
}

function formatArgs(args: readonly unknown[]): string {
  return args.map(formatArg).join(', ');
}

function formatArg(arg: unknown): string {
  const num = placeholderNum(arg);
  if (num !== null) return `<attachment ${num + 1}>`;
  return JSON.stringify(arg) ?? String(arg);
}

function clip(text: string): string {
  return text.length <= SUMMARY_LIMIT ? text : `${text.slice(0, SUMMARY_LIMIT - 1)}…`;
}
