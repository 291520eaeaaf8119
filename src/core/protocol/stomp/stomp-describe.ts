import type { Correlation, LensField, ProtocolMessage } from '../lens';
import { bodyText, headerValue, type StompFrame, type StompUnit } from './stomp-codec';

const PREVIEW_LENGTH = 80;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/** `(a, b)` from the details that are present, or nothing. */
function details(parts: readonly (string | undefined)[]): string {
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length > 0 ? ` (${present.join(', ')})` : '';
}

function labelled(label: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : `${label} ${value}`;
}

function withBody(head: string, body: string): string {
  const shown = preview(body);
  return shown === '' ? head : `${head}: ${shown}`;
}

function summarize(frame: StompFrame, body: string): string {
  const header = (name: string) => headerValue(frame, name);
  const receipt = labelled('receipt', header('receipt'));
  switch (frame.command) {
    case 'CONNECT':
    case 'STOMP':
      return (
        `${frame.command} ${header('host') ?? ''}`.trimEnd() +
        details([
          labelled('accept-version', header('accept-version')),
          labelled('login', header('login')),
          labelled('heart-beat', header('heart-beat')),
        ])
      );
    case 'CONNECTED':
      return (
        `CONNECTED version ${header('version') ?? '1.0'}` +
        details([labelled('heart-beat', header('heart-beat')), header('server')])
      );
    case 'SUBSCRIBE':
      return (
        `SUBSCRIBE ${header('destination') ?? '(no destination)'}` +
        details([labelled('id', header('id')), `ack ${header('ack') ?? 'auto'}`, receipt])
      );
    case 'UNSUBSCRIBE':
      return `UNSUBSCRIBE ${header('id') ?? header('destination') ?? '(no id)'}${details([receipt])}`;
    case 'SEND':
      return withBody(`SEND ${header('destination') ?? '(no destination)'}${details([receipt])}`, body);
    case 'MESSAGE':
      return withBody(`MESSAGE ${header('destination') ?? '(no destination)'}`, body);
    case 'RECEIPT':
      return `RECEIPT receipt-id ${header('receipt-id') ?? '(none)'}`;
    case 'ERROR':
      return `ERROR: ${header('message') ?? (preview(body) || '(no message)')}`;
    case 'ACK':
    case 'NACK':
      return (
        `${frame.command} ${header('id') ?? header('message-id') ?? '(no id)'}` +
        details([labelled('transaction', header('transaction')), receipt])
      );
    case 'BEGIN':
    case 'COMMIT':
    case 'ABORT':
      return `${frame.command} ${header('transaction') ?? '(no transaction)'}${details([receipt])}`;
    case 'DISCONNECT':
      return `DISCONNECT${details([receipt])}`;
  }
}

function correlate(frame: StompFrame): Correlation | undefined {
  // A subscription groups its messages; that beats pairing the rare receipt a SUBSCRIBE asks for.
  if (frame.command === 'SUBSCRIBE' || frame.command === 'UNSUBSCRIBE') {
    const id = headerValue(frame, 'id');
    if (id !== undefined) return { key: `subscription:${id}`, role: 'member' };
  }
  if (frame.command === 'MESSAGE') {
    const id = headerValue(frame, 'subscription');
    return id === undefined ? undefined : { key: `subscription:${id}`, role: 'member' };
  }
  if (frame.command === 'RECEIPT') {
    const id = headerValue(frame, 'receipt-id');
    return id === undefined ? undefined : { key: `receipt:${id}`, role: 'reply' };
  }
  const receipt = headerValue(frame, 'receipt');
  return receipt === undefined ? undefined : { key: `receipt:${receipt}`, role: 'request' };
}

function headerFields(frame: StompFrame): LensField[] {
  const seen = new Set<string>();
  return frame.headers.map((header) => {
    const repeated = seen.has(header.name);
    seen.add(header.name);
    return { label: repeated ? `${header.name} (repeated, ignored)` : header.name, value: header.value };
  });
}

function firstHeaders(frame: StompFrame): Record<string, string> {
  const first = new Map<string, string>();
  for (const header of frame.headers) if (!first.has(header.name)) first.set(header.name, header.value);
  // fromEntries defines own properties, so a header named __proto__ stays a header.
  return Object.fromEntries(first);
}

function parsedJson(frame: StompFrame, body: string): { json: unknown } | undefined {
  if (!(headerValue(frame, 'content-type') ?? '').toLowerCase().includes('json')) return undefined;
  try {
    return { json: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

function noteFor(frame: StompFrame): string | undefined {
  switch (frame.command) {
    case 'ERROR':
      return 'The server closes the connection after an ERROR frame.';
    case 'MESSAGE':
      return headerValue(frame, 'ack') === undefined
        ? undefined
        : 'The subscription acknowledges by hand: ACK (or NACK) with this ack id.';
    case 'DISCONNECT':
      return 'The client sends nothing after DISCONNECT; the RECEIPT confirms everything before it arrived.';
    default:
      return undefined;
  }
}

const heartBeat = (): ProtocolMessage => ({
  type: 'heart-beat',
  summary: 'heart-beat',
  fields: [],
  value: { command: 'heart-beat' },
  note: 'A bare end of line: keeps the connection alive while nothing else is sent.',
});

/**
 * One decoded unit as a protocol message. Value: `{ command: 'heart-beat' }` for a heart-beat, else
 * `{ command, headers: { name: value } (first of repeated wins), body, json? }` (`json` for JSON content types).
 */
export function describeStompUnit(unit: StompUnit): ProtocolMessage {
  if (unit.kind === 'heart-beat') return heartBeat();
  const { frame } = unit;
  const body = bodyText(frame);
  const fields: LensField[] = [{ label: 'Command', value: frame.command }, ...headerFields(frame)];
  if (frame.body.length > 0) fields.push({ label: 'Body size', value: `${frame.body.length} bytes` });
  const message: ProtocolMessage = {
    type: frame.command,
    summary: summarize(frame, body),
    fields,
    value: { command: frame.command, headers: firstHeaders(frame), body, ...parsedJson(frame, body) },
  };
  if (frame.body.length > 0) message.body = body;
  const correlation = correlate(frame);
  if (correlation !== undefined) message.correlation = correlation;
  if (frame.command === 'ERROR') message.error = headerValue(frame, 'message') ?? (preview(body) || 'ERROR');
  const note = noteFor(frame);
  if (note !== undefined) message.note = note;
  return message;
}
