import { useMemo, useState } from 'react';
import { copyText } from '@/adapters/clipboard';
import { describeCloseCode } from '@/core/session/close-codes';
import type { SessionEvent } from '@/core/session/session-events';
import { formatBytes, formatClock, formatDuration, formatSinceOpen } from '@/core/shared/format';
import { toHexString } from '@/core/shared/hex-dump';
import { findIndexBySeq } from '@/core/timeline/find-index-by-seq';
import { MAX_SHOWN_CHARS, toMessageDetail } from '@/core/timeline/message-detail';
import { formatBase64 } from '@/core/codec/base64';
import { decodeUtf8 } from '@/core/codec/binary-view';
import { formatHex } from '@/core/codec/hex';
import { downloadBytes } from '@/adapters/files';
import { describeLifecycle } from '@/core/timeline/timeline-row-model';
import { InlineNameForm } from '@/components/inline-name-form';
import { SegmentedControl } from '@/components/segmented-control';
import { getTimeline, send } from '@/runtime/session-runtime';
import { saveTemplateForTab } from '@/runtime/commands/workspace-commands';
import { useSessionState, useSessionView } from '@/stores/sessions-store';

interface DetailPaneProps {
  tabId: string;
  /** A recorded timeline: no Resend, since nothing in it may send. */
  readOnly: boolean;
  seq: number | null;
  onClose(): void;
}

/** The selected row in full: pretty JSON, raw text or a hex dump, with copy. */
export function DetailPane({ tabId, readOnly, seq, onClose }: DetailPaneProps) {
  const view = useSessionView(tabId);
  const timeline = getTimeline(tabId);
  // Re-resolve on each flush: the entry may have been dropped by the cap or cleared.
  const index = seq === null ? -1 : findIndexBySeq(timeline, seq);
  const event = index >= 0 ? timeline.get(index)?.event : undefined;
  void view.revision;

  if (seq === null || !event) {
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
        <button type="button" className="icon-button" aria-label="Close detail" onClick={onClose}>
          ✕
        </button>
      </div>
      {event.kind === 'message' ? (
        <MessageBody tabId={tabId} readOnly={readOnly} seq={seq} event={event} />
      ) : (
        <LifecycleBody event={event} />
      )}
    </aside>
  );
}

const TEXT_MODE_OPTIONS = [
  { value: 'pretty', label: 'Pretty' },
  { value: 'raw', label: 'Raw' },
] as const;

const BINARY_MODE_LABELS: Record<BinaryMode, string> = { hex: 'Hex', base64: 'Base64', utf8: 'UTF-8' };

function truncate(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
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
}: {
  tabId: string;
  readOnly: boolean;
  seq: number;
  event: Extract<SessionEvent, { kind: 'message' }>;
}) {
  const detail = useMemo(() => toMessageDetail(event), [event]);
  const open = useSessionState(tabId) === 'open';
  const [mode, setMode] = useState<'pretty' | 'raw'>('pretty');
  const [binaryMode, setBinaryMode] = useState<BinaryMode>('hex');
  const bytes = useMemo(() => (typeof event.data === 'string' ? null : new Uint8Array(event.data)), [event]);
  const utf8 = useMemo(() => (bytes ? decodeUtf8(bytes) : null), [bytes]);
  const base64 = useMemo(
    () => (bytes && binaryMode === 'base64' ? formatBase64(bytes) : ''),
    [bytes, binaryMode],
  );
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  const [naming, setNaming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const text = typeof event.data === 'string' ? event.data : null;

  const onResend = () => {
    const sent = send(tabId, event.data);
    setActionError(sent.ok ? null : sent.error);
  };

  const copyableText = (): string => {
    if (bytes === null) return String(event.data);
    if (binaryMode === 'base64') return formatBase64(bytes);
    if (binaryMode === 'utf8' && utf8?.ok) return utf8.value;
    return toHexString(bytes);
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
              saveTemplateForTab(tabId, {
                name: name || 'Untitled message',
                ...(bytes
                  ? { format: 'binary', encoding: 'hex', body: formatHex(bytes, { bytesPerLine: 16 }) }
                  : { format: detail.kind === 'json' ? 'json' : 'text', body: text ?? '' }),
              });
              setNaming(false);
            }}
            onCancel={() => setNaming(false)}
          />
        ) : (
          <button type="button" className="button small" onClick={() => setNaming(true)}>
            Save as template
          </button>
        )}
        {bytes !== null && (
          <button
            type="button"
            className="button small"
            onClick={() => downloadBytes(bytes, `frame-${seq}.bin`)}
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
        <button type="button" className="button small" onClick={onCopy}>
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
          {truncate(utf8.value)}
        </pre>
      ) : detail.kind === 'binary' ? (
        <pre className="detail-content hex-dump" aria-label="Hex dump">
          {detail.lines.map((line) => `${line.offset}  ${line.hex.padEnd(49)}  ${line.ascii}`).join('\n')}
        </pre>
      ) : (
        <pre className="detail-content" aria-label="Message content">
          {detail.kind === 'json' && mode === 'pretty' ? detail.pretty : detail.raw}
        </pre>
      )}
      {detail.truncated && (
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

function LifecycleBody({ event }: { event: Exclude<SessionEvent, { kind: 'message' }> }) {
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
        ['Reason', event.reason || 'none'],
        ['Clean', event.wasClean ? 'yes: both sides completed the closing handshake' : 'no'],
        ['Initiated by', closeInitiator(event)],
        ['Connected for', event.durationMs === null ? 'never opened' : formatDuration(event.durationMs)],
      );
      break;
    }
  }
  return (
    <dl className="detail-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
