import { err, ok, type Result } from '../../shared/result';

/** The STOMP versions this lens speaks; they differ only in header escaping. */
export type StompVersion = '1.0' | '1.1' | '1.2';

/** Every command of STOMP 1.0–1.2, client frames then server frames. */
export const STOMP_COMMANDS = [
  'CONNECT',
  'STOMP',
  'SEND',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'ACK',
  'NACK',
  'BEGIN',
  'COMMIT',
  'ABORT',
  'DISCONNECT',
  'CONNECTED',
  'MESSAGE',
  'RECEIPT',
  'ERROR',
] as const;

export type StompCommand = (typeof STOMP_COMMANDS)[number];

/** One header as it appeared on the wire (unescaped), in order; a frame may repeat a name. */
export interface StompHeader {
  name: string;
  value: string;
}

/** One STOMP frame, decoded. */
export interface StompFrame {
  command: StompCommand;
  headers: StompHeader[];
  /** The body's bytes: a body may be binary, and content-length counts bytes. */
  body: Uint8Array;
}

/** What one WebSocket message holds: frames and heart-beats (a bare EOL), in order. */
export type StompUnit = { kind: 'frame'; frame: StompFrame } | { kind: 'heart-beat' };

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

/** The version a negotiated subprotocol (`v12.stomp`, `v11.stomp`, `v10.stomp`) fixes, if it names one. */
export function versionFromSubprotocol(protocol: string): StompVersion | undefined {
  switch (protocol.trim().toLowerCase()) {
    case 'v12.stomp':
      return '1.2';
    case 'v11.stomp':
      return '1.1';
    case 'v10.stomp':
      return '1.0';
    default:
      return undefined;
  }
}

/** A CONNECTED frame's `version` header as a version; the spec says a missing one means 1.0. */
export function versionFromConnected(frame: StompFrame): StompVersion | undefined {
  const version = headerValue(frame, 'version');
  if (version === undefined) return '1.0';
  return version === '1.0' || version === '1.1' || version === '1.2' ? version : undefined;
}

/** The first value of header `name`: the spec says the first of repeated entries is the one that counts. */
export function headerValue(frame: StompFrame, name: string): string | undefined {
  return frame.headers.find((header) => header.name === name)?.value;
}

/** CONNECT and CONNECTED never escape, so a 1.0 server can still read a client's first frame. */
function escapes(command: string, version: StompVersion): boolean {
  return version !== '1.0' && command !== 'CONNECT' && command !== 'STOMP' && command !== 'CONNECTED';
}

function unescapeHeader(text: string, version: StompVersion): Result<string, string> {
  if (!text.includes('\\')) return ok(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = text[i + 1];
    i++;
    if (next === 'n') out += '\n';
    else if (next === 'c') out += ':';
    else if (next === '\\') out += '\\';
    else if (next === 'r' && version === '1.2') out += '\r';
    else if (next === 'r') return err(`undefined escape \\r (STOMP ${version} defines only \\n \\c \\\\)`);
    else if (next === undefined) return err('ends in a lone backslash');
    else return err(`undefined escape \\${next} (STOMP ${version} defines only ${definedEscapes(version)})`);
  }
  return ok(out);
}

function definedEscapes(version: StompVersion): string {
  return version === '1.2' ? '\\r \\n \\c \\\\' : '\\n \\c \\\\';
}

function escapeHeader(text: string, version: StompVersion): string {
  let out = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/:/g, '\\c');
  if (version === '1.2') out = out.replace(/\r/g, '\\r');
  return out;
}

function isEolAt(bytes: Uint8Array, at: number): number {
  if (bytes[at] === LF) return 1;
  if (bytes[at] === CR && bytes[at + 1] === LF) return 2;
  return 0;
}

/** A short, visible rendering of wire text for error messages. */
function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}

interface Line {
  text: string;
  /** Why the line stopped: its end of line, a NUL (the frame ended early) or the end of the message. */
  stop: 'eol' | 'nul' | 'end';
  /** Where the next line starts. */
  next: number;
}

/** Reads one line ending in LF (a CR before it is dropped: 1.2's EOL is `[CR] LF`); undefined if not UTF-8. */
function readLine(bytes: Uint8Array, from: number): Line | undefined {
  let end = from;
  while (end < bytes.length && bytes[end] !== LF && bytes[end] !== NUL) end++;
  const stop = end >= bytes.length ? 'end' : bytes[end] === NUL ? 'nul' : 'eol';
  const contentEnd = stop === 'eol' && end > from && bytes[end - 1] === CR ? end - 1 : end;
  try {
    return { text: strictDecoder.decode(bytes.subarray(from, contentEnd)), stop, next: end + 1 };
  } catch {
    return undefined;
  }
}

function isCommand(text: string): text is StompCommand {
  return (STOMP_COMMANDS as readonly string[]).includes(text);
}

interface Parsed {
  frame: StompFrame;
  next: number;
}

function parseFrame(bytes: Uint8Array, from: number, version: StompVersion): Result<Parsed, string> {
  const commandLine = readLine(bytes, from);
  if (commandLine === undefined) return err('The command line is not UTF-8');
  const command = commandLine.text;
  if (!isCommand(command)) return err(`Unknown STOMP command ${quote(command)}`);
  if (commandLine.stop === 'end') return err(`Truncated ${command} frame: nothing after the command`);
  if (commandLine.stop === 'nul')
    return err(`${command} frame ends (NUL) right after its command, with no EOL`);
  const unescaping = escapes(command, version);

  const headers: StompHeader[] = [];
  let at = commandLine.next;
  for (;;) {
    const eol = isEolAt(bytes, at);
    if (eol > 0) {
      at += eol;
      break;
    }
    const line = readLine(bytes, at);
    const which = `header line ${headers.length + 1}`;
    if (line === undefined) return err(`${command} ${which} is not UTF-8`);
    if (line.stop === 'end') return err(`Truncated ${command} frame: headers not ended by a blank line`);
    if (line.stop === 'nul')
      return err(`${command} frame ends (NUL) before the blank line that ends its headers`);
    at = line.next;
    const colon = line.text.indexOf(':');
    if (colon < 0) return err(`${command} header line ${quote(line.text)} has no colon`);
    if (colon === 0) return err(`${command} header line ${quote(line.text)} has an empty name`);
    const rawName = line.text.slice(0, colon);
    const rawValue = line.text.slice(colon + 1);
    if (!unescaping) {
      headers.push({ name: rawName, value: rawValue });
      continue;
    }
    const name = unescapeHeader(rawName, version);
    if (!name.ok) return err(`${command} header name ${quote(rawName)}: ${name.error}`);
    const value = unescapeHeader(rawValue, version);
    if (!value.ok) return err(`${command} header ${quote(name.value)}: ${value.error}`);
    headers.push({ name: name.value, value: value.value });
  }

  const declared = headers.find((header) => header.name === 'content-length')?.value;
  if (declared !== undefined) {
    if (!/^\d+$/.test(declared.trim())) {
      return err(`${command} content-length ${quote(declared)} is not a number of bytes`);
    }
    const length = Number(declared.trim());
    const present = bytes.length - at;
    if (length > present) {
      return err(`Truncated ${command} frame: content-length says ${length} bytes, ${present} present`);
    }
    const end = at + length;
    if (end === bytes.length) {
      return err(`Truncated ${command} frame: no NUL after the ${length}-byte body (content-length)`);
    }
    if (bytes[end] !== NUL) {
      return err(
        `${command} content-length says ${length} bytes, but the byte after them is 0x${(bytes[end] ?? 0)
          .toString(16)
          .padStart(2, '0')}, not NUL`,
      );
    }
    return ok({ frame: { command, headers, body: bytes.slice(at, end) }, next: end + 1 });
  }
  const end = bytes.indexOf(NUL, at);
  if (end < 0) return err(`Truncated ${command} frame: no NUL at the end of the body`);
  return ok({ frame: { command, headers, body: bytes.slice(at, end) }, next: end + 1 });
}

/**
 * Decodes every STOMP frame of one WebSocket message. EOLs before the first frame are heart-beats; EOLs after a
 * frame's NUL are the spec's optional padding. `version` picks the header escaping; unless `versionFixed` (a
 * versioned subprotocol), a CONNECTED frame sets it for the frames after it in the same message.
 */
export function decodeStompUnits(
  data: string | Uint8Array,
  version: StompVersion,
  versionFixed = false,
): Result<StompUnit[], string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  if (bytes.length === 0)
    return err('Empty message: a STOMP frame starts with a command, a heart-beat is an EOL');
  const units: StompUnit[] = [];
  let at = 0;
  for (let eol = isEolAt(bytes, at); eol > 0; eol = isEolAt(bytes, at)) {
    units.push({ kind: 'heart-beat' });
    at += eol;
  }
  let current = version;
  let frames = 0;
  while (at < bytes.length) {
    const parsed = parseFrame(bytes, at, current);
    if (!parsed.ok) return err(frames === 0 ? parsed.error : `STOMP frame ${frames + 1}: ${parsed.error}`);
    frames++;
    units.push({ kind: 'frame', frame: parsed.value.frame });
    if (!versionFixed && parsed.value.frame.command === 'CONNECTED') {
      current = versionFromConnected(parsed.value.frame) ?? current;
    }
    at = parsed.value.next;
    for (let eol = isEolAt(bytes, at); eol > 0; eol = isEolAt(bytes, at)) at += eol;
  }
  return ok(units);
}

/** The body as text; STOMP's default encoding is UTF-8, and undecodable bytes show as U+FFFD. */
export function bodyText(frame: StompFrame): string {
  return lenientDecoder.decode(frame.body);
}

/** A header to write, with the label of the composer field it came from, so errors name that field. */
export interface OutgoingHeader {
  name: string;
  value: string;
  label?: string;
}

/**
 * Writes one frame as text: headers escaped per version (never in CONNECT), `content-length` set for a
 * non-empty body, NUL at the end. Values that cannot be written (a line break where escaping is off) are errors.
 */
export function encodeStompFrame(
  command: StompCommand,
  headers: readonly OutgoingHeader[],
  body: string,
  version: StompVersion,
): Result<string, string> {
  const escaping = escapes(command, version);
  let text = `${command}\n`;
  for (const header of headers) {
    if (!escaping && /[\r\n]/.test(header.value)) {
      const where = command === 'CONNECT' || command === 'STOMP' ? `a ${command} frame` : 'STOMP 1.0';
      return err(`${header.label ?? header.name}: cannot hold a line break in ${where} (no escaping there)`);
    }
    if (!escaping && /[\r\n:]/.test(header.name)) {
      return err(`Header name ${JSON.stringify(header.name)}: cannot hold a colon or line break unescaped`);
    }
    const name = escaping ? escapeHeader(header.name, version) : header.name;
    const value = escaping ? escapeHeader(header.value, version) : header.value;
    text += `${name}:${value}\n`;
  }
  if (body.length > 0) text += `content-length:${encoder.encode(body).length}\n`;
  return ok(`${text}\n${body}\0`);
}
