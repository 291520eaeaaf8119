import { lazy, Suspense, useMemo, useState } from 'react';
import { copyText } from '@/adapters/clipboard';
import { describeCloseCode } from '@/core/session/close-codes';
import { describeHandshakeFailure } from '@/core/session/handshake-failure';
import type { SessionEvent } from '@/core/session/session-events';
import { formatBytes, formatClock, formatDuration, formatSinceOpen } from '@/core/shared/format';
import { toHexString } from '@/core/shared/hex-dump';
import { findIndexBySeq } from '@/core/timeline/find-index-by-seq';
import {
  MAX_SHOWN_CHARS,
  shownText,
  toMessageDetail,
  type MessageDetail,
} from '@/core/timeline/message-detail';
import { redactEvent } from '@/core/timeline/event-redaction';
import type { Redactor } from '@/core/template/secret-redaction';
import { useRedactor } from '@/components/use-redactor';
import { shortcutKeys, shortcutText } from '@/components/use-shortcut';
import { formatBase64 } from '@/core/codec/base64';
import { decodeUtf8 } from '@/core/codec/binary-view';
import { formatHex } from '@/core/codec/hex';
import { downloadBytes } from '@/adapters/files';
import { describeLifecycle } from '@/core/timeline/timeline-row-model';
import { InlineNameForm } from '@/components/inline-name-form';
import { SegmentedControl } from '@/components/segmented-control';
import { send } from '@/runtime/session-runtime';
import { useTimeline } from './use-timeline';
import { useTabLens } from '@/components/use-tab-lens';
import { saveTemplateForTab } from '@/runtime/commands/workspace-commands';
import { useSessionState, useSessionView } from '@/stores/sessions-store';
import type { TextPattern } from '@/core/timeline/timeline-filter';
import { HighlightedText } from './highlighted-text';
import { JsonPrettyView } from './json-pretty-view';
import { SecretToggle } from './secret-toggle';
import { CloseIcon } from '@/components/icons';

interface DetailPaneProps {
  tabId: string;
  /** A recorded timeline: no Resend, since nothing in it may send. */
  readOnly: boolean;
  seq: number | null;
  onClose(): void;
  /** Whether the user chose to see this entry's secret values (the same choice as its row's). */
  revealed: boolean;
  onToggleReveal(): void;
  /** The timeline filter's text pattern: its matches are marked. */
  pattern: TextPattern | null;
  /** Selects another entry and scrolls to it (a reply's request, a group's members). */
  onShowSeq(seq: number): void;
}

// Only tabs that speak a protocol pay for its decoded view.
const ProtocolDetail = lazy(() => import('./protocol-detail').then((m) => ({ default: m.ProtocolDetail })));

/** What the pane shows of an entry: the message's views, or the lifecycle event, secrets masked unless revealed. */
type ShownEntry =
  | { kind: 'message'; detail: MessageDetail; secrets: boolean }
  | { kind: 'lifecycle'; event: Exclude<SessionEvent, { kind: 'message' }>; secrets: boolean };

function showEntry(event: SessionEvent, redactor: Redactor, reveal: boolean): ShownEntry {
  if (event.kind === 'message') {
    const detail = toMessageDetail(event, { redactor, reveal });
    return { kind: 'message', detail, secrets: detail.secrets > 0 };
  }
  const redacted = redactEvent(event, redactor, 'mask');
  const shown = reveal ? event : (redacted.event as Exclude<SessionEvent, { kind: 'message' }>);
  return { kind: 'lifecycle', event: shown, secrets: redacted.found > 0 };
}

/** The selected row in full: pretty JSON, raw text or a hex dump, with copy. */
export function DetailPane({
  tabId,
  readOnly,
  seq,
  onClose,
  revealed,
  onToggleReveal,
  pattern,
  onShowSeq,
}: DetailPaneProps) {
  const view = useSessionView(tabId);
  const lens = useTabLens(tabId);
  const open = useSessionState(tabId) === 'open';
  const timeline = useTimeline(tabId);
  const redactor = useRedactor(tabId);
  // Re-resolve on each flush: the entry may have been dropped by the cap or cleared.
  const index = seq === null || !timeline ? -1 : findIndexBySeq(timeline, seq);
  const entry = index >= 0 ? timeline?.get(index) : undefined;
  const event = entry?.event;
  void view.revision;
  // Keyed on the event object, so a stream flowing past the selected entry does not redo its views.
  const shown = useMemo(
    () => (event ? showEntry(event, redactor, revealed) : null),
    [event, redactor, revealed],
  );

  if (seq === null || !event || !shown) {
    return (
      <aside className="detail-pane empty" aria-label="Message detail">
        <p className="muted">
          {seq === null ? 'Select a row to see it in full.' : 'That entry is no longer kept.'}
        </p>
      </aside>
    );
  }
  return (
    <aside className="detail-pane" aria-label="Message detail">
      <div className="detail-header">
        <strong>{heading(event)}</strong>
        <span className="muted">
          {formatClock(event.at)} {formatSinceOpen(event.sinceOpen)}
        </span>
        <span className="spacer" />
        {shown.secrets && <SecretToggle label="Show secrets" revealed={revealed} onToggle={onToggleReveal} />}
        <button
          type="button"
          className="icon-button"
          aria-label="Close detail"
          title={`Close detail (Escape or ${shortcutText('toggle-detail')})`}
          aria-keyshortcuts={`Escape ${shortcutKeys('toggle-detail')}`}
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </div>
      {lens && entry && event.kind === 'message' && (
        <Suspense fallback={null}>
          <ProtocolDetail
            tabId={tabId}
            lens={lens}
            entry={entry}
            index={index}
            revision={view.revision}
            readOnly={readOnly}
            open={open}
            redactor={redactor}
            reveal={revealed}
            onShowSeq={onShowSeq}
          />
        </Suspense>
      )}
      {event.kind === 'message' && shown.kind === 'message' ? (
        <MessageBody
          tabId={tabId}
          readOnly={readOnly}
          seq={seq}
          event={event}
          detail={shown.detail}
          redactor={redactor}
          reveal={revealed}
          pattern={pattern}
        />
      ) : shown.kind === 'lifecycle' ? (
        <LifecycleBody event={shown.event} pattern={pattern} />
      ) : null}
    </aside>
  );
}

const TEXT_MODE_OPTIONS = [
  { value: 'pretty', label: 'Pretty' },
  { value: 'raw', label: 'Raw' },
] as const;

const BINARY_MODE_LABELS: Record<BinaryMode, string> = { hex: 'Hex', base64: 'Base64', utf8: 'UTF-8' };

/** Marks per line of the large JSON view: a line can be 4,000 characters long. */
const MAX_LINE_MARKS = 200;

function truncate(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
}

/** Up to MAX_SHOWN_CHARS of a text, masked unless revealed (a secret cut by the limit is masked whole). */
function shownWithEllipsis(text: string, redactor: Redactor, reveal: boolean): string {
  const shown = shownText(text, redactor, reveal);
  return shown.truncated ? `${shown.raw}…` : shown.raw;
}

function heading(event: SessionEvent): string {
  if (event.kind !== 'message') return describeLifecycle(event).kind;
  const direction = event.direction === 'in' ? 'Received' : 'Sent';
  return `${direction} ${event.format} · ${formatBytes(event.size)}`;
}

type BinaryMode = 'hex' | 'base64' | 'utf8';

function MessageBody({
  tabId,
  readOnly,
  seq,
  event,
  detail,
  redactor,
  reveal,
  pattern,
}: {
  tabId: string;
  readOnly: boolean;
  seq: number;
  event: Extract<SessionEvent, { kind: 'message' }>;
  detail: MessageDetail;
  redactor: Redactor;
  reveal: boolean;
  pattern: TextPattern | null;
}) {
  const open = useSessionState(tabId) === 'open';
  const [mode, setMode] = useState<'pretty' | 'raw'>('pretty');
  const [binaryMode, setBinaryMode] = useState<BinaryMode>('hex');
  const bytes = useMemo(() => (typeof event.data === 'string' ? null : new Uint8Array(event.data)), [event]);
  const utf8 = useMemo(() => (bytes ? decodeUtf8(bytes) : null), [bytes]);
  // What leaves the pane unless revealed (Copy, Download, the base64 view) has each secret as {{name}}: the
  // whole message, since a secret past what is shown would leave with a copy too.
  const outBytes = useMemo(
    () => (bytes && !reveal ? redactor.redactBytes(bytes, 'name') : bytes),
    [bytes, reveal, redactor],
  );
  const masked = !reveal && (detail.secrets > 0 || outBytes !== bytes);
  const base64 = useMemo(
    () => (outBytes && binaryMode === 'base64' ? formatBase64(outBytes) : ''),
    [outBytes, binaryMode],
  );
  const utf8Shown = useMemo(
    () => (utf8?.ok && binaryMode === 'utf8' ? shownWithEllipsis(utf8.value, redactor, reveal) : ''),
    [utf8, binaryMode, redactor, reveal],
  );
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  const [naming, setNaming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const text = typeof event.data === 'string' ? event.data : null;
  // Large JSON is formatted in a worker and shown a screenful at a time, in full.
  const largePretty = detail.kind === 'json' && detail.pretty === null && mode === 'pretty';
  // Pretty-printing changes spacing, so a match found in the frame's text may have nowhere to show in it.
  const matchOnlyInRaw = useMemo(
    () =>
      pattern !== null &&
      detail.kind === 'json' &&
      detail.pretty !== null &&
      mode === 'pretty' &&
      !pattern.test(detail.pretty) &&
      pattern.test(detail.raw),
    [pattern, detail, mode],
  );
  // The large view marks the lines on screen only, so a big frame costs no more to highlight than to show.
  const highlightLine = useMemo(
    () =>
      pattern === null
        ? undefined
        : (line: string) => pattern.ranges(line, MAX_LINE_MARKS).map(([start, end]) => ({ start, end })),
    [pattern],
  );

  const onResend = () => {
    const sent = send(tabId, event.data);
    setActionError(sent.ok ? null : sent.error);
  };

  const outText = (value: string) => (reveal ? value : redactor.redact(value, 'name').text);

  const copyableText = (): string => {
    if (bytes === null || outBytes === null) return outText(String(event.data));
    if (binaryMode === 'base64') return formatBase64(outBytes);
    if (binaryMode === 'utf8' && utf8?.ok) return outText(utf8.value);
    return toHexString(outBytes);
  };

  const onCopy = async () => {
    const copied = await copyText(copyableText());
    setCopyStatus(copied.ok ? 'Copied' : copied.error);
  };

  return (
    <div className="detail-body">
      <div className="detail-toolbar">
        {detail.kind === 'json' && (
          <SegmentedControl label="Detail view" value={mode} options={TEXT_MODE_OPTIONS} onChange={setMode} />
        )}
        {bytes !== null && (
          <SegmentedControl
            label="Binary view"
            value={binaryMode}
            options={(['hex', 'base64', 'utf8'] as const).map((option) => ({
              value: option,
              label: BINARY_MODE_LABELS[option],
              disabled: option === 'utf8' && !utf8?.ok,
              title: option === 'utf8' && utf8 && !utf8.ok ? `Not UTF-8: ${utf8.error.message}` : undefined,
            }))}
            onChange={setBinaryMode}
          />
        )}
        {detail.kind === 'text' && detail.note && <span className="muted">{detail.note}</span>}
        {matchOnlyInRaw && <span className="muted">The filter matches in the Raw view</span>}
        <span className="spacer" />
        {copyStatus && (
          <span className="muted" role="status">
            {copyStatus}
          </span>
        )}
        {naming ? (
          <InlineNameForm
            label="Template name"
            onSubmit={(name) => {
              // Always the {{name}} form, revealed or not: a template is saved, and secrets are never stored.
              saveTemplateForTab(tabId, {
                name: name || 'Untitled message',
                ...(bytes
                  ? {
                      format: 'binary',
                      encoding: 'hex',
                      body: formatHex(redactor.redactBytes(bytes, 'name'), { bytesPerLine: 16 }),
                    }
                  : {
                      format: detail.kind === 'json' ? 'json' : 'text',
                      body: redactor.redact(text ?? '', 'name').text,
                    }),
              });
              setNaming(false);
            }}
            onCancel={() => setNaming(false)}
          />
        ) : (
          <button
            type="button"
            className="button small"
            title={detail.secrets > 0 ? 'Saves secrets as {{name}}, never their values' : undefined}
            onClick={() => setNaming(true)}
          >
            Save as template
          </button>
        )}
        {outBytes !== null && (
          <button
            type="button"
            className="button small"
            title={
              masked ? 'Secrets are written as {{name}}: show them to download the exact bytes' : undefined
            }
            onClick={() => downloadBytes(outBytes, `frame-${seq}.bin`)}
          >
            Download
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            className="button small"
            disabled={!open}
            title={open ? 'Send these exact bytes again' : 'Connect first'}
            onClick={onResend}
          >
            Resend
          </button>
        )}
        <button
          type="button"
          className="button small"
          title={masked ? 'Copies what is shown, with secrets as {{name}}' : undefined}
          onClick={onCopy}
        >
          Copy
        </button>
      </div>
      {actionError && (
        <p className="field-error" role="alert">
          {actionError}
        </p>
      )}
      {detail.kind === 'binary' && binaryMode === 'base64' ? (
        <pre className="detail-content" aria-label="Base64">
          {truncate(base64)}
        </pre>
      ) : detail.kind === 'binary' && binaryMode === 'utf8' && utf8?.ok ? (
        <pre className="detail-content" aria-label="UTF-8 text">
          <HighlightedText text={utf8Shown} pattern={pattern} />
        </pre>
      ) : detail.kind === 'binary' ? (
        <pre className="detail-content hex-dump" aria-label="Hex dump">
          {detail.lines.map((line) => `${line.offset}  ${line.hex.padEnd(49)}  ${line.ascii}`).join('\n')}
        </pre>
      ) : largePretty && text !== null ? (
        <JsonPrettyView
          text={text}
          redactor={redactor}
          reveal={reveal}
          highlight={highlightLine}
          fallback={
            <>
              <pre className="detail-content" aria-label="Message content">
                <HighlightedText text={detail.raw} pattern={pattern} />
              </pre>
              <p className="muted">Looks like JSON but does not parse; showing raw text.</p>
            </>
          }
        />
      ) : (
        <pre className="detail-content" aria-label="Message content">
          <HighlightedText
            text={detail.kind === 'json' && mode === 'pretty' ? (detail.pretty ?? detail.raw) : detail.raw}
            pattern={pattern}
          />
        </pre>
      )}
      {detail.truncated && !largePretty && (
        <p className="muted">Showing the beginning of a large message; Copy gets all of it.</p>
      )}
    </div>
  );
}

function closeInitiator(event: Extract<SessionEvent, { kind: 'close' }>): string {
  if (event.wasClean || event.initiator === 'client') return event.initiator;
  return event.durationMs === null
    ? 'no one: the connection never opened'
    : 'no one: the connection was lost';
}

function LifecycleBody({
  event,
  pattern,
}: {
  event: Exclude<SessionEvent, { kind: 'message' }>;
  pattern: TextPattern | null;
}) {
  const rows: [string, string][] = [];
  switch (event.kind) {
    case 'reconnect':
    case 'timeout':
    case 'automation-error':
      rows.push(['What happened', describeLifecycle(event).preview]);
      break;
    case 'connecting':
      rows.push(['URL', event.url], ['Offered subprotocols', event.protocols.join(', ') || 'none']);
      break;
    case 'open':
      rows.push(
        ['Subprotocol', event.protocol || 'none'],
        ['Extensions', event.extensions || 'none'],
        ['Time to open', formatDuration(event.openMs)],
      );
      break;
    case 'error':
      rows.push(['Message', event.message]);
      break;
    case 'closing':
      rows.push(
        ['Initiated by', event.initiator],
        ['Code', event.code === null ? 'none' : String(event.code)],
        ['Reason', event.reason || 'none'],
      );
      break;
    case 'close': {
      const info = describeCloseCode(event.code);
      rows.push(
        ['Code', `${event.code} ${info.name}`],
        ['Meaning', info.meaning],
        ...(event.handshakeFailure
          ? [['Why', describeHandshakeFailure(event.handshakeFailure).detail] as [string, string]]
          : []),
        ['Reason', event.reason || 'none'],
        ['Clean', event.wasClean ? 'yes: both sides completed the closing handshake' : 'no'],
        ['Initiated by', closeInitiator(event)],
        ['Connected for', event.durationMs === null ? 'never opened' : formatDuration(event.durationMs)],
      );
      break;
    }
  }
  return (
    // Focusable: in a short pane the facts scroll, and keyboard users must be able to scroll them too.
    <dl className="detail-facts" tabIndex={0} aria-label="Event details">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>
            <HighlightedText text={value} pattern={pattern} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
