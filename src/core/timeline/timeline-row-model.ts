import { describeCloseCode } from '../session/close-codes';
import { describeHandshakeFailure } from '../session/handshake-failure';
import type {
  AutoSendSource,
  ReconnectCancelCause,
  ReconnectEvent,
  SessionEvent,
} from '../session/session-events';
import { formatBytes, formatClock, formatDuration, formatSinceOpen } from '../shared/format';
import { toHexString } from '../shared/hex-dump';
import type { Redactor } from '../template/secret-redaction';
import { redactEvent } from './event-redaction';
import { formatColumnValue, jsonRowFacts, type JsonRowFacts } from './row-columns';
import type { TimelineEntry } from './timeline';

export type RowTone = 'in' | 'out' | 'lifecycle' | 'error' | 'close-clean' | 'close-unclean';

/** Everything one timeline row shows, as plain strings. Derived in one place so every view agrees. */
export interface TimelineRowModel {
  seq: number;
  tone: RowTone;
  /** Screen-reader and tooltip word for the direction column. */
  direction: 'Received' | 'Sent' | 'Event';
  kind: string;
  /** Which automation sent this `out` message by itself; null for everything else. */
  auto: AutoSendSource | null;
  clock: string;
  sinceOpen: string;
  size: string;
  preview: string;
  /** The values of the chosen field columns, in their order ('' where a frame has no such field). */
  fields: string[];
  /** Whether the preview or a field holds a secret: masked there, unless the row is revealed. */
  secrets: boolean;
}

/** Which secrets to mask in a row, and whether the user chose to see this one in plain text. */
export interface RowOptions {
  redactor?: Redactor;
  reveal?: boolean;
  /** Top-level JSON fields shown as columns. */
  columns?: readonly string[];
}

// Parsed once per entry object (the timeline hands out the same one while it is in view), not once per render.
const factsByEntry = new WeakMap<TimelineEntry, JsonRowFacts>();

function factsOf(entry: TimelineEntry, text: string): JsonRowFacts {
  let facts = factsByEntry.get(entry);
  if (facts === undefined) {
    facts = jsonRowFacts(text);
    factsByEntry.set(entry, facts);
  }
  return facts;
}

const PREVIEW_CHARS = 240;
const PREVIEW_BYTES = 48;

/**
 * Derives the row a user sees from a timeline entry. Secrets are masked here, lazily, for the few rows on
 * screen: the timeline keeps the real events, and masking at ingest would cost every message of a stream.
 */
export function toRowModel(entry: TimelineEntry, options: RowOptions = {}): TimelineRowModel {
  const event = entry.event;
  const base = {
    seq: entry.seq,
    clock: formatClock(event.at),
    sinceOpen: formatSinceOpen(event.sinceOpen),
  };
  const redactor = options.redactor;
  const masking = redactor !== undefined && redactor.secrets.length > 0;
  if (event.kind === 'message') {
    const preview = masking
      ? previewSecretData(event.data, redactor, options.reveal === true)
      : { text: previewData(event.data), secrets: false };
    const facts = typeof event.data === 'string' ? factsOf(entry, event.data) : null;
    const columns = options.columns ?? [];
    let fieldSecrets = false;
    const fields = columns.map((name) => {
      const value = facts ? formatColumnValue(facts.fields, name) : '';
      if (!masking || value === '') return value;
      const redacted = redactor.redact(value, 'mask');
      if (redacted.found === 0) return value;
      fieldSecrets = true;
      return options.reveal ? value : redacted.text;
    });
    const format = event.format === 'binary' ? 'Binary' : facts?.json ? 'JSON' : 'Text';
    return {
      ...base,
      tone: event.direction,
      direction: event.direction === 'in' ? 'Received' : 'Sent',
      kind: format + (event.auto ? ' · auto' : ''),
      auto: event.auto ?? null,
      size: formatBytes(event.size),
      preview: preview.text,
      fields,
      secrets: preview.secrets || fieldSecrets,
    };
  }
  const redacted = masking ? redactEvent(event, redactor, 'mask') : { event, found: 0 };
  const shown = options.reveal || redacted.found === 0 ? event : redacted.event;
  return {
    ...base,
    direction: 'Event',
    auto: null,
    size: '',
    fields: (options.columns ?? []).map(() => ''),
    ...describeLifecycle(shown as Exclude<SessionEvent, { kind: 'message' }>),
    secrets: redacted.found > 0,
  };
}

/** The one-line summary of a lifecycle event, also used as the detail pane's heading. */
export function describeLifecycle(
  event: Exclude<SessionEvent, { kind: 'message' }>,
): Pick<TimelineRowModel, 'tone' | 'kind' | 'preview'> {
  switch (event.kind) {
    case 'connecting':
      return {
        tone: 'lifecycle',
        kind: 'Connecting',
        preview: event.url + (event.protocols.length > 0 ? ` · offering ${event.protocols.join(', ')}` : ''),
      };
    case 'open':
      return {
        tone: 'lifecycle',
        kind: 'Open',
        preview: [
          `Connected in ${formatDuration(event.openMs)}`,
          event.protocol ? `subprotocol ${event.protocol}` : 'no subprotocol',
          event.extensions ? `extensions ${event.extensions}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
      };
    case 'error':
      return { tone: 'error', kind: 'Error', preview: event.message };
    case 'closing':
      return {
        tone: 'lifecycle',
        kind: 'Closing',
        preview: [
          `${event.initiator === 'client' ? 'You' : 'The server'} started closing`,
          event.code !== null ? `code ${event.code}` : '',
          event.reason ? `reason “${event.reason}”` : '',
        ]
          .filter(Boolean)
          .join(' · '),
      };
    case 'close': {
      const info = describeCloseCode(event.code);
      return {
        tone: event.wasClean ? 'close-clean' : 'close-unclean',
        kind: 'Closed',
        preview: describeClose(event, info.name),
      };
    }
    case 'reconnect':
      return describeReconnect(event);
    case 'timeout':
      return {
        tone: 'error',
        kind: 'Timeout',
        preview: `Connect timed out after ${formatDuration(event.afterMs)}: closing the connection`,
      };
    case 'automation-error':
      return { tone: 'error', kind: 'Automation', preview: event.message };
  }
}

function describeReconnect(event: ReconnectEvent): Pick<TimelineRowModel, 'tone' | 'kind' | 'preview'> {
  switch (event.phase) {
    case 'scheduled':
      return {
        tone: 'lifecycle',
        kind: 'Reconnect',
        preview: `Reconnecting in ${formatDuration(event.delayMs)} (${attemptOf(event)})`,
      };
    case 'attempting':
      return {
        tone: 'lifecycle',
        kind: 'Reconnect',
        preview: `Reconnecting now (${attemptOf(event)})`,
      };
    case 'gave-up':
      return {
        tone: 'error',
        kind: 'Reconnect',
        preview:
          event.attempts === 0
            ? 'Not reconnecting: the reconnect schedule allows no attempts'
            : `Gave up after ${event.attempts} ${event.attempts === 1 ? 'attempt' : 'attempts'}`,
      };
    case 'cancelled':
      return { tone: 'lifecycle', kind: 'Reconnect', preview: CANCEL_PREVIEWS[event.cause] };
  }
}

const CANCEL_PREVIEWS: Record<ReconnectCancelCause, string> = {
  disconnect: 'Reconnect cancelled: you disconnected',
  connect: 'Reconnect cancelled: you connected again',
  disabled: 'Reconnect cancelled: automatic reconnect was turned off',
};

/** "attempt 2 of 5; 3 reconnects since Connect": the attempt restarts after each open, the count does not. */
function attemptOf({
  attempt,
  maxAttempts,
  reconnectsSinceConnect,
}: {
  attempt: number;
  maxAttempts: number | null;
  reconnectsSinceConnect?: number;
}): string {
  const of = maxAttempts === null ? `attempt ${attempt}` : `attempt ${attempt} of ${maxAttempts}`;
  if (reconnectsSinceConnect === undefined) return of;
  return `${of}; ${reconnectsSinceConnect} ${reconnectsSinceConnect === 1 ? 'reconnect' : 'reconnects'} since Connect`;
}

function describeClose(event: Extract<SessionEvent, { kind: 'close' }>, codeName: string): string {
  const code = `${event.code} ${codeName}`;
  const reason = event.reason ? `reason “${event.reason}”` : 'no reason';
  if (event.durationMs === null && !event.wasClean) {
    // Browsers report refused, unreachable and rejected handshakes identically, on purpose: only a probe
    // (see handshake-failure.ts) tells them apart.
    // What the probe found comes first, so a narrow row still shows it before the ellipsis.
    if (event.handshakeFailure)
      return `Could not connect: ${describeHandshakeFailure(event.handshakeFailure).summary} · ${code}`;
    return `Could not connect · ${code} · unclean: the server refused or rejected the connection, or is unreachable`;
  }
  const after = event.durationMs === null ? 'never opened' : `after ${formatDuration(event.durationMs)}`;
  if (!event.wasClean)
    return [code, reason, 'unclean: the connection was lost without a closing handshake', after].join(' · ');
  return [code, reason, 'clean', `closed by ${event.initiator}`, after].join(' · ');
}

function previewData(data: string | ArrayBuffer): string {
  if (typeof data === 'string') {
    const head = data.length > PREVIEW_CHARS ? data.slice(0, PREVIEW_CHARS) + '…' : data;
    return head.replace(/\s+/g, ' ');
  }
  const bytes = new Uint8Array(data, 0, Math.min(data.byteLength, PREVIEW_BYTES));
  return toHexString(bytes) + (data.byteLength > PREVIEW_BYTES ? ' …' : '');
}

/**
 * The preview with secrets masked (or, revealed, as it is, but still saying whether it holds any). Only the
 * head is redacted, yet a secret that the preview's end cuts through is still masked whole: see redactHead.
 */
function previewSecretData(
  data: string | ArrayBuffer,
  redactor: Redactor,
  reveal: boolean,
): { text: string; secrets: boolean } {
  if (typeof data === 'string') {
    const head = redactor.redactHead(data, 'mask', PREVIEW_CHARS);
    if (reveal || head.found === 0) return { text: previewData(data), secrets: head.found > 0 };
    return { text: (head.cut ? head.text + '…' : head.text).replace(/\s+/g, ' '), secrets: true };
  }
  // Secrets starting in the preview are found whole within this window, so their bytes show as dots.
  const window = new Uint8Array(data, 0, Math.min(data.byteLength, PREVIEW_BYTES + redactor.maxByteLength));
  const hidden = redactor.findInBytes(window).filter((range) => range.start < PREVIEW_BYTES);
  if (reveal || hidden.length === 0) return { text: previewData(data), secrets: hidden.length > 0 };
  const bytes = window.subarray(0, PREVIEW_BYTES);
  return {
    text: toHexString(bytes, { hidden }) + (data.byteLength > PREVIEW_BYTES ? ' …' : ''),
    secrets: true,
  };
}
