import { formatBase64, parseBase64 } from '../../codec/base64';
import type { SessionEvent } from '../../session/session-events';
import { err, ok, type Result } from '../../shared/result';
import { utf8ByteLength } from '../../shared/utf8';
import {
  createDefaultAutomation,
  nameFromUrl,
  parseProtocolList,
  type MessageTemplate,
} from '../../workspace/workspace';
import {
  createDocument,
  type CollectionDocument,
  type DocumentCollection,
  type DocumentConnection,
  type ImportError,
  type ImportNote,
  type RecordedTimeline,
} from '../collection-document';
// The field readers are format-neutral; they live with the Insomnia importer only because it came first.
import {
  A_LIST,
  A_NUMBER,
  A_STRING,
  AN_OBJECT,
  isRecord,
  joinList,
  mismatch,
  optional,
  own,
  required,
} from './read-fields';

/*
 * Chrome writes each WebSocket as one HAR entry (`_resourceType: "websocket"`, the ws:// or wss:// URL, status
 * 101) with its frames in `_webSocketMessages`: `{ type: "send" | "receive", time, opcode, data }`, time in
 * epoch seconds, binary data in base64 (developer.chrome.com/blog/new-in-devtools-76#websocket and DevTools'
 * HAR Log.ts). Firefox writes the handshake entry but no frames. Proxies (mitmproxy) copy Chrome's shape and
 * may spell the URL http(s)://.
 */

/** Sent messages kept as templates per connection; a long recording would otherwise bury the useful ones. */
export const MAX_HAR_TEMPLATES = 200;

const NO_WEBSOCKETS =
  'This HAR file holds no WebSocket connections. To record one in Chrome, open DevTools on the page, select ' +
  'the Network tab and filter by "WS", connect and exchange some messages, then right-click the request list ' +
  'and choose "Save all as HAR with content".';

interface Handshake {
  url: string;
  protocols: string[];
  /** The subprotocol and extensions the server accepted (response headers); empty when none. */
  protocol: string;
  extensions: string;
  status: number | null;
  startedAt: number | null;
  openMs: number;
}

interface Frame {
  direction: 'in' | 'out';
  /** Text exactly as recorded, or the bytes of a binary frame. */
  data: string | Uint8Array<ArrayBuffer>;
  time: FrameTime;
}

/** When a frame was recorded: an epoch time, or milliseconds after the handshake started. */
interface FrameTime {
  ms: number;
  fromHandshake: boolean;
}

/** Frames read from one entry, and what was skipped ("close", "ping", `"error" entry`) for the note. */
interface Frames {
  frames: Frame[];
  skipped: string[];
}

/** What one WebSocket entry adds: its connection, its recording (none from Firefox) and notes. */
interface ImportedEntry {
  connection: DocumentConnection;
  timeline: RecordedTimeline | null;
  notes: ImportNote[];
}

interface EntryContext {
  path: string;
  where: string;
  newId: () => string;
  /** Names given so far, so two recordings of one URL get "(2)". */
  names: Map<string, number>;
}

/** Maps a Chrome or Firefox HAR to one collection of its WebSocket connections, with their recorded frames. */
export function importHar(
  value: unknown,
  options: { newId: () => string; fileName?: string },
): Result<CollectionDocument, ImportError> {
  const entries = readEntries(value);
  if (!entries.ok) return entries;
  const document = createDocument('HAR file');
  const name = options.fileName ? `HAR: ${options.fileName}` : 'HAR import';
  const items: DocumentConnection[] = [];
  const collection: DocumentCollection = { id: options.newId(), name, variables: [], items };
  const names = new Map<string, number>();
  let others = 0;
  for (const [index, entry] of entries.value.entries()) {
    const path = `$.log.entries[${index}]`;
    if (!isRecord(entry)) return err(mismatch(path, 'an entry object', entry));
    const webSocket = isWebSocketEntry(entry, path);
    if (!webSocket.ok) return webSocket;
    if (!webSocket.value) {
      others++;
      continue;
    }
    const context = { path, where: `log.entries[${index}]`, newId: options.newId, names };
    const imported = importEntry(entry, context);
    if (!imported.ok) return imported;
    items.push(imported.value.connection);
    if (imported.value.timeline) document.timelines.push(imported.value.timeline);
    document.notes.push(...imported.value.notes);
  }
  if (items.length === 0) return err({ path: '$.log.entries', message: NO_WEBSOCKETS });
  if (others > 0) {
    document.notes.push({
      where: 'log.entries',
      message: `${others} other ${others === 1 ? 'request was' : 'requests were'} not imported: Frameline imports the WebSocket connections of a HAR file.`,
    });
  }
  document.collections.push(collection);
  return ok(document);
}

function readEntries(value: unknown): Result<unknown[], ImportError> {
  if (!isRecord(value)) return err(mismatch('$', 'a HAR file (an object with "log")', value));
  const log = required(value, 'log', '$', AN_OBJECT);
  if (!log.ok) return log;
  return required(log.value, 'entries', '$.log', A_LIST);
}

/** Chrome marks the entry and lists its frames; Firefox only leaves the 101 handshake and the URL. */
function isWebSocketEntry(entry: Record<string, unknown>, path: string): Result<boolean, ImportError> {
  const frames = optional(entry, '_webSocketMessages', path, A_LIST);
  if (!frames.ok) return frames;
  if (frames.value && frames.value.length > 0) return ok(true);
  if (own(entry, '_resourceType') === 'websocket') return ok(true);
  const response = own(entry, 'response');
  if (isRecord(response) && own(response, 'status') === 101) return ok(true);
  const request = own(entry, 'request');
  const url = isRecord(request) ? own(request, 'url') : undefined;
  return ok(typeof url === 'string' && /^wss?:/i.test(url));
}

function importEntry(
  entry: Record<string, unknown>,
  context: EntryContext,
): Result<ImportedEntry, ImportError> {
  const handshake = readHandshake(entry, context.path);
  if (!handshake.ok) return handshake;
  const recorded = readFrames(entry, context.path);
  if (!recorded.ok) return recorded;
  const frames = recorded.value?.frames ?? [];
  const sent = sentTemplates(frames, context.newId);
  const connection: DocumentConnection = {
    type: 'connection',
    id: context.newId(),
    name: uniqueName(nameFromUrl(handshake.value.url), context.names),
    url: handshake.value.url,
    protocols: handshake.value.protocols,
    templates: sent.templates,
    automation: createDefaultAutomation(),
    scenarios: [],
  };
  const notes = entryNotes(context.where, {
    recorded: recorded.value !== null,
    cut: sent.cut,
    skipped: recorded.value?.skipped ?? [],
  });
  if (recorded.value === null) return ok({ connection, timeline: null, notes });
  const events = timelineEvents(handshake.value, frames);
  const startedAt = events[0]?.at ?? 0;
  const title = `${connection.name}, recorded ${describeTime(startedAt)}`;
  return ok({ connection, timeline: { connectionId: connection.id, title, events }, notes });
}

// ---------------------------------------------------------------------------------------------------------------
// The handshake

function readHandshake(entry: Record<string, unknown>, path: string): Result<Handshake, ImportError> {
  const request = required(entry, 'request', path, AN_OBJECT);
  if (!request.ok) return request;
  const url = required(request.value, 'url', `${path}.request`, A_STRING);
  if (!url.ok) return url;
  const requestHeaders = readHeaders(request.value, `${path}.request`);
  if (!requestHeaders.ok) return requestHeaders;
  const response = optional(entry, 'response', path, AN_OBJECT);
  if (!response.ok) return response;
  const responseFields = response.value ?? {};
  const responseHeaders = readHeaders(responseFields, `${path}.response`);
  if (!responseHeaders.ok) return responseHeaders;
  const status = optional(responseFields, 'status', `${path}.response`, A_NUMBER);
  if (!status.ok) return status;
  const startedAt = readStartedAt(entry, path);
  if (!startedAt.ok) return startedAt;
  const openMs = readOpenMs(entry, path);
  if (!openMs.ok) return openMs;
  return ok({
    url: toWebSocketUrl(url.value),
    protocols: parseProtocolList(header(requestHeaders.value, 'sec-websocket-protocol')),
    protocol: header(responseHeaders.value, 'sec-websocket-protocol'),
    extensions: header(responseHeaders.value, 'sec-websocket-extensions'),
    status: status.value ?? null,
    startedAt: startedAt.value,
    openMs: openMs.value,
  });
}

/** Proxies record the handshake as the HTTP request it is; Frameline connects with the ws(s) form. */
function toWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):/i, (_, secure: string) => `ws${secure.toLowerCase()}:`);
}

type Headers = { name: string; value: string }[];

function readHeaders(record: Record<string, unknown>, path: string): Result<Headers, ImportError> {
  const list = optional(record, 'headers', path, A_LIST);
  if (!list.ok) return list;
  const headers: Headers = [];
  for (const [index, item] of (list.value ?? []).entries()) {
    const itemPath = `${path}.headers[${index}]`;
    if (!isRecord(item)) return err(mismatch(itemPath, 'a header object with "name" and "value"', item));
    const name = required(item, 'name', itemPath, A_STRING);
    if (!name.ok) return name;
    const value = required(item, 'value', itemPath, A_STRING);
    if (!value.ok) return value;
    headers.push({ name: name.value, value: value.value });
  }
  return ok(headers);
}

/** A header's value, case-insensitively (HTTP/2 records names in lower case); repeats joined as HTTP does. */
function header(headers: Headers, name: string): string {
  return headers
    .filter((h) => h.name.toLowerCase() === name)
    .map((h) => h.value)
    .join(', ');
}

function readStartedAt(entry: Record<string, unknown>, path: string): Result<number | null, ImportError> {
  const text = optional(entry, 'startedDateTime', path, A_STRING);
  if (!text.ok) return text;
  if (text.value === undefined) return ok(null);
  const at = Date.parse(text.value);
  if (Number.isNaN(at)) {
    return err(mismatch(`${path}.startedDateTime`, 'an ISO 8601 date and time', text.value));
  }
  return ok(at);
}

// `ssl` is part of `connect` in HAR, and `receive` spans the socket's whole life in Chrome: neither is the wait
// for the 101 response.
const HANDSHAKE_TIMINGS = ['blocked', 'dns', 'connect', 'send', 'wait'] as const;

/** Time from starting the request to the 101 response, from the entry's timings (0 when there are none). */
function readOpenMs(entry: Record<string, unknown>, path: string): Result<number, ImportError> {
  const timings = optional(entry, 'timings', path, AN_OBJECT);
  if (!timings.ok) return timings;
  let total = 0;
  for (const key of HANDSHAKE_TIMINGS) {
    const value = optional(timings.value ?? {}, key, `${path}.timings`, A_NUMBER);
    if (!value.ok) return value;
    // HAR writes -1 for a phase that did not apply.
    total += Math.max(0, value.value ?? 0);
  }
  return ok(total);
}

// ---------------------------------------------------------------------------------------------------------------
// Frames

const OPCODE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'continuation'],
  [8, 'close'],
  [9, 'ping'],
  [10, 'pong'],
]);

/** The entry's frames, or null when it has no `_webSocketMessages` at all (Firefox). */
function readFrames(entry: Record<string, unknown>, path: string): Result<Frames | null, ImportError> {
  const list = optional(entry, '_webSocketMessages', path, A_LIST);
  if (!list.ok) return list;
  if (list.value === undefined) return ok(null);
  const frames: Frame[] = [];
  const skipped: string[] = [];
  let previous: FrameTime | null = null;
  for (const [index, item] of list.value.entries()) {
    const framePath = `${path}._webSocketMessages[${index}]`;
    const frame = readFrame(item, framePath, previous);
    if (!frame.ok) return frame;
    if (typeof frame.value === 'string') {
      skipped.push(frame.value);
    } else {
      frames.push(frame.value);
      previous = frame.value.time;
    }
  }
  return ok({ frames, skipped });
}

/** One frame, or the words for one that is not a message ("close", `"error" entry`). */
function readFrame(
  item: unknown,
  path: string,
  previous: FrameTime | null,
): Result<Frame | string, ImportError> {
  if (!isRecord(item)) {
    return err(mismatch(path, 'a frame object with "type", "time", "opcode" and "data"', item));
  }
  const type = required(item, 'type', path, A_STRING);
  if (!type.ok) return type;
  const opcode = optional(item, 'opcode', path, A_NUMBER);
  if (!opcode.ok) return opcode;
  const data = required(item, 'data', path, A_STRING);
  if (!data.ok) return data;
  const time = readFrameTime(item, path, previous);
  if (!time.ok) return time;
  if (type.value !== 'send' && type.value !== 'receive') return ok(`"${type.value}" entry`);
  // Tools that leave out the opcode record text frames only.
  const code = opcode.value ?? 1;
  if (code !== 1 && code !== 2) return ok(OPCODE_NAMES.get(code) ?? `opcode ${code}`);
  const direction = type.value === 'send' ? 'out' : 'in';
  if (code === 1) return ok({ direction, data: data.value, time: time.value });
  const bytes = parseBase64(data.value);
  if (!bytes.ok) return err(mismatch(`${path}.data`, 'base64 (a binary frame, opcode 2)', data.value));
  return ok({ direction, data: new Uint8Array(bytes.value), time: time.value });
}

/**
 * Epoch seconds as Chrome writes them; milliseconds or a date string as some tools do. Numbers below 10^9 are
 * not epoch seconds of any recording (that is 2001): such tools write seconds since the handshake started.
 * A frame without a time happened when the one before it did (or at the handshake, for the first).
 */
function readFrameTime(
  item: Record<string, unknown>,
  path: string,
  previous: FrameTime | null,
): Result<FrameTime, ImportError> {
  const time = own(item, 'time');
  if (time === undefined || time === null) return ok(previous ?? { ms: 0, fromHandshake: true });
  if (A_NUMBER.test(time)) {
    if (Math.abs(time) < 1e9) return ok({ ms: time * 1000, fromHandshake: true });
    // No date in seconds reaches 1e11 before the year 5000, and no date in milliseconds is below it after 1973.
    return ok({ ms: Math.abs(time) >= 1e11 ? time : time * 1000, fromHandshake: false });
  }
  const parsed = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(parsed)) return err(mismatch(`${path}.time`, 'the time in seconds since 1970', time));
  return ok({ ms: parsed, fromHandshake: false });
}

// ---------------------------------------------------------------------------------------------------------------
// What the frames become

/**
 * The recording as session events: connecting, open when the handshake succeeded, then every message. The open
 * is placed at the handshake's end, or at the first frame if that came earlier: Chrome's `timings.wait` can span
 * the socket's whole life, and no frame can precede the open it travelled on.
 */
function timelineEvents(handshake: Handshake, frames: readonly Frame[]): SessionEvent[] {
  const firstEpoch = frames.find((frame) => !frame.time.fromHandshake)?.time.ms;
  const startAt = handshake.startedAt ?? (firstEpoch ?? 0) - handshake.openMs;
  const frameAt = ({ ms, fromHandshake }: FrameTime) => (fromHandshake ? startAt + ms : ms);
  let firstFrameAt = Number.POSITIVE_INFINITY;
  for (const frame of frames) firstFrameAt = Math.min(firstFrameAt, frameAt(frame.time));
  const openAt = Math.max(startAt, Math.min(startAt + handshake.openMs, firstFrameAt));
  const opened = handshake.status === 101 || frames.length > 0;
  const events: SessionEvent[] = [
    { kind: 'connecting', at: startAt, sinceOpen: null, url: handshake.url, protocols: handshake.protocols },
  ];
  if (opened) {
    const { protocol, extensions } = handshake;
    events.push({ kind: 'open', at: openAt, sinceOpen: 0, protocol, extensions, openMs: openAt - startAt });
  }
  for (const frame of frames) {
    const binary = typeof frame.data !== 'string';
    const at = frameAt(frame.time);
    events.push({
      kind: 'message',
      at,
      // A frame stamped before the handshake started (a clock step) still never shows a negative time.
      sinceOpen: opened ? Math.max(0, at - openAt) : null,
      direction: frame.direction,
      format: binary ? 'binary' : 'text',
      data: typeof frame.data === 'string' ? frame.data : frame.data.buffer,
      size: typeof frame.data === 'string' ? utf8ByteLength(frame.data) : frame.data.byteLength,
    });
  }
  return events;
}

/** Each distinct sent message once, in the order first sent, named after what it says. */
function sentTemplates(
  frames: readonly Frame[],
  newId: () => string,
): { templates: MessageTemplate[]; cut: number } {
  const templates: MessageTemplate[] = [];
  const bodies = new Set<string>();
  const names = new Map<string, number>();
  let cut = 0;
  for (const frame of frames) {
    if (frame.direction !== 'out') continue;
    const template = toTemplate(frame.data);
    const key = `${template.format}\u0000${template.body}`;
    if (bodies.has(key)) continue;
    bodies.add(key);
    if (templates.length >= MAX_HAR_TEMPLATES) {
      cut++;
      continue;
    }
    templates.push({
      id: newId(),
      name: uniqueName(templateLabel(frame.data, template.format), names),
      ...template,
    });
  }
  return { templates, cut };
}

function toTemplate(data: string | Uint8Array): Omit<MessageTemplate, 'id' | 'name'> {
  if (typeof data !== 'string') return { format: 'binary', body: formatBase64(data), encoding: 'base64' };
  // Only objects and lists: "42" or "true" are JSON too, but nobody means them as a JSON message.
  const parsed = parseJson(data);
  return { format: typeof parsed === 'object' && parsed !== null ? 'json' : 'text', body: data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// Fields that name a message in most WebSocket protocols (GraphQL-WS, Phoenix, JSON-RPC, exchange feeds).
const LABEL_FIELDS = ['type', 'event', 'action', 'op', 'method', 'cmd', 'command', 'channel'];
const LABEL_LENGTH = 40;

/** A name a user recognises: the message's `type` (or similar) field, else the start of its text. */
function templateLabel(data: string | Uint8Array, format: MessageTemplate['format']): string {
  if (typeof data !== 'string') {
    return `Binary, ${data.byteLength} ${data.byteLength === 1 ? 'byte' : 'bytes'}`;
  }
  const text = (labelField(format === 'json' ? parseJson(data) : undefined) ?? data)
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return 'Empty message';
  const characters = [...text];
  return characters.length > LABEL_LENGTH ? `${characters.slice(0, LABEL_LENGTH - 1).join('')}…` : text;
}

/** The `type`-like field of a JSON object, or the first string of a JSON list (`["phx_join", ...]`). */
function labelField(parsed: unknown): string | undefined {
  const candidates = isRecord(parsed)
    ? LABEL_FIELDS.map((key) => own(parsed, key))
    : Array.isArray(parsed)
      ? parsed
      : [];
  return candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}

function uniqueName(name: string, names: Map<string, number>): string {
  const seen = names.get(name) ?? 0;
  names.set(name, seen + 1);
  return seen === 0 ? name : `${name} (${seen + 1})`;
}

function describeTime(at: number): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? 'at an unknown time' : date.toISOString();
}

function entryNotes(
  where: string,
  facts: { recorded: boolean; cut: number; skipped: readonly string[] },
): ImportNote[] {
  const notes: ImportNote[] = [];
  if (!facts.recorded) {
    notes.push({
      where,
      message:
        'No messages were recorded for this connection (Firefox does not save WebSocket messages in HAR files), ' +
        'so it was imported without a timeline. Chrome\'s "Save all as HAR with content" includes them.',
    });
  }
  if (facts.cut > 0) {
    notes.push({
      where,
      message: `Only the first ${MAX_HAR_TEMPLATES} different sent messages became templates; ${facts.cut} more ${facts.cut === 1 ? 'is' : 'are'} in the recorded timeline only.`,
    });
  }
  if (facts.skipped.length > 0) {
    const counts = new Map<string, number>();
    for (const kind of facts.skipped) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const list = [...counts].map(([kind, n]) => `${n} ${kind}`);
    notes.push({
      where,
      message: `Skipped ${facts.skipped.length} ${facts.skipped.length === 1 ? 'frame that is' : 'frames that are'} not a text or binary message: ${joinList(list)}.`,
    });
  }
  return notes;
}
