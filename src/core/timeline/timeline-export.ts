import { formatBase64 } from '../codec/base64';
import type { MessageEvent, OpenEvent, SessionEvent } from '../session/session-events';
import type { Redactor } from '../template/secret-redaction';
import { redactEvents } from './event-redaction';

/*
 * Two ways out for a recorded timeline: NDJSON keeps every fact of every event (close codes, reasons, who
 * initiated, automation errors) for scripts and diffing; HAR keeps what other tools read: one entry per
 * connection attempt in the shape Chrome DevTools writes (`_resourceType: "websocket"`, `_webSocketMessages`
 * with epoch-second times and base64 binary), so Chrome, HAR viewers and Frameline's own importer open it.
 */

export type TimelineExportFormat = 'ndjson' | 'har';

/** A timeline ready to be written: its events as the file will hold them, and what to tell the user first. */
export interface PreparedExport {
  /** The events with every secret as `{{name}}`. */
  redacted: SessionEvent[];
  /** The events as they happened, secrets and all: written only when the user includes secret values. */
  original: readonly SessionEvent[];
  /** How many entries hold a secret value. */
  withSecrets: number;
}

/** Redacts once, when the export dialog opens, so it can say how many entries hold secrets. */
export function prepareExport(events: readonly SessionEvent[], redactor: Redactor): PreparedExport {
  const { events: redacted, withSecrets } = redactEvents(events, redactor, 'name');
  return { redacted, original: events, withSecrets };
}

/** What the file describes when its events do not say it (the tab's fields), and who wrote it. */
export interface TimelineFileOptions {
  format: TimelineExportFormat;
  /** Write secret values as they were sent instead of `{{name}}`. */
  includeSecrets: boolean;
  redactor: Redactor;
  fallback: { url: string; protocols: string[] };
  creator: { name: string; version: string };
}

/**
 * The file's text and the address it is about (for its name). Secrets are `{{name}}` everywhere, the
 * stand-in address included, unless `includeSecrets` is set.
 */
export function timelineFile(
  prepared: PreparedExport,
  options: TimelineFileOptions,
): { text: string; url: string } {
  const { includeSecrets, redactor } = options;
  const events = includeSecrets ? prepared.original : prepared.redacted;
  const hide = (text: string) => (includeSecrets ? text : redactor.redact(text, 'name').text);
  const target = connectionOf(events, {
    url: hide(options.fallback.url),
    protocols: options.fallback.protocols.map(hide),
  });
  const text =
    options.format === 'ndjson'
      ? timelineToNdjson(events)
      : timelineToHar(events, { ...target, creator: options.creator });
  return { text, url: target.url };
}

/**
 * The address and offered subprotocols the export describes: the first connect the kept entries show, since that
 * is what their socket really used (variables expanded). The fallback stands in when it was dropped.
 */
function connectionOf(
  events: readonly SessionEvent[],
  fallback: { url: string; protocols: string[] },
): { url: string; protocols: string[] } {
  for (const event of events) {
    if (event.kind === 'connecting') return { url: event.url, protocols: [...event.protocols] };
  }
  return fallback;
}

// Every line starts with these, so lines read alike; the remaining keys follow in alphabetical order.
const LEADING_KEYS: readonly string[] = ['kind', 'at', 'sinceOpen'];

/** One JSON object per event and line, every field kept, binary data as `{ "base64": ... }`, keys in a fixed order. */
export function timelineToNdjson(events: readonly SessionEvent[]): string {
  return events.map((event) => `${JSON.stringify(ndjsonRecord(event))}\n`).join('');
}

function ndjsonRecord(event: SessionEvent): Record<string, unknown> {
  const binary = event.kind === 'message' && typeof event.data !== 'string' ? event.data : null;
  const fields = Object.entries(event).map(([key, value]): [string, unknown] =>
    key === 'data' && binary ? [key, { base64: formatBase64(new Uint8Array(binary)) }] : [key, value],
  );
  fields.sort(([a], [b]) => keyRank(a) - keyRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(fields);
}

function keyRank(key: string): number {
  const rank = LEADING_KEYS.indexOf(key);
  return rank === -1 ? LEADING_KEYS.length : rank;
}

/** What the HAR says about the connection when the events do not (a timeline whose start was capped away). */
export interface HarExportOptions {
  url: string;
  protocols: string[];
  creator: { name: string; version: string };
}

/** A HAR 1.2 document with one Chrome-style WebSocket entry per connection attempt (each `connecting` event). */
export function timelineToHar(events: readonly SessionEvent[], options: HarExportOptions): string {
  const entries = splitAttempts(events).map((attempt) => harEntry(attempt, options));
  const creator = { name: options.creator.name, version: options.creator.version };
  return JSON.stringify({ log: { version: '1.2', creator, entries } }, null, 2);
}

/** Events grouped by attempt: each `connecting` starts one; events before the first form their own. */
function splitAttempts(events: readonly SessionEvent[]): SessionEvent[][] {
  const attempts: SessionEvent[][] = [];
  for (const event of events) {
    const current = attempts.at(-1);
    if (event.kind === 'connecting' || !current) attempts.push([event]);
    else current.push(event);
  }
  return attempts;
}

function harEntry(attempt: readonly SessionEvent[], options: HarExportOptions): Record<string, unknown> {
  const first = attempt[0];
  const connecting = first?.kind === 'connecting' ? first : null;
  const url = connecting?.url ?? options.url;
  const protocols = connecting?.protocols ?? options.protocols;
  const startAt = first?.at ?? 0;
  const endAt = attempt.reduce((latest, event) => Math.max(latest, event.at), startAt);
  const open = attempt.find((event): event is OpenEvent => event.kind === 'open');
  // Like Chrome: `wait` is the handshake, `receive` the life of the socket after it.
  const wait = open ? open.openMs : endAt - startAt;
  const receive = open ? Math.max(0, endAt - open.at) : 0;
  const messages = attempt.filter((event): event is MessageEvent => event.kind === 'message');
  return {
    _resourceType: 'websocket',
    cache: {},
    request: harRequest(url, protocols),
    response: harResponse(open),
    startedDateTime: isoTime(startAt),
    time: wait + receive,
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait, receive },
    _webSocketMessages: messages.map(harFrame),
  };
}

function harRequest(url: string, protocols: readonly string[]): Record<string, unknown> {
  // The handshake headers every browser sends; the key and user agent are not in the events, so not here.
  const headers = [
    { name: 'Upgrade', value: 'websocket' },
    { name: 'Connection', value: 'Upgrade' },
    { name: 'Sec-WebSocket-Version', value: '13' },
  ];
  if (protocols.length > 0) headers.push({ name: 'Sec-WebSocket-Protocol', value: protocols.join(', ') });
  return {
    method: 'GET',
    url,
    httpVersion: 'HTTP/1.1',
    headers,
    queryString: queryString(url),
    cookies: [],
    headersSize: -1,
    bodySize: 0,
  };
}

function harResponse(open: OpenEvent | undefined): Record<string, unknown> {
  const headers = open
    ? [
        { name: 'Upgrade', value: 'websocket' },
        { name: 'Connection', value: 'Upgrade' },
        ...(open.protocol ? [{ name: 'Sec-WebSocket-Protocol', value: open.protocol }] : []),
        ...(open.extensions ? [{ name: 'Sec-WebSocket-Extensions', value: open.extensions }] : []),
      ]
    : [];
  return {
    // HAR's status for a request that got no response is 0.
    status: open ? 101 : 0,
    statusText: open ? 'Switching Protocols' : '',
    httpVersion: open ? 'HTTP/1.1' : '',
    headers,
    cookies: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: 0,
  };
}

/** Chrome's frame shape: time in epoch seconds (with a fraction), opcode 1 for text and 2 for base64 binary. */
function harFrame(event: MessageEvent): Record<string, unknown> {
  const text = typeof event.data === 'string';
  return {
    type: event.direction === 'out' ? 'send' : 'receive',
    time: event.at / 1000,
    opcode: text ? 1 : 2,
    data: typeof event.data === 'string' ? event.data : formatBase64(new Uint8Array(event.data)),
  };
}

function queryString(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function isoTime(at: number): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}
