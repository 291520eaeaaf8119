import { useMemo, useState } from 'react';
import { findCorrelated, type CorrelatedEntry } from '@/core/protocol/correlated';
import type { ProtocolMessage } from '@/core/protocol/lens';
import { LENS_LABELS } from '@/core/protocol/lens-catalog';
import { withoutType } from '@/core/protocol/row-decoding';
import { formatDuration } from '@/core/shared/format';
import type { Redactor } from '@/core/template/secret-redaction';
import type { TimelineEntry } from '@/core/timeline/timeline';
import type { TabLens } from '@/runtime/tab-lenses';
import { runLensAction } from '@/runtime/commands/lens-commands';
import { useTimeline } from './use-timeline';
import './protocol-detail.css';

/**
 * The selected frame as its protocol reads it: each message's type, summary, fields and body, what it answers
 * or was answered by (with the round trip), and its actions. The raw frame stays below, unchanged.
 */
export function ProtocolDetail({
  tabId,
  lens,
  entry,
  index,
  readOnly,
  open,
  redactor,
  reveal,
  onShowSeq,
  revision,
}: {
  tabId: string;
  lens: TabLens;
  /** The timeline's revision: a reply that arrives later is found on the next one. */
  revision: number;
  entry: TimelineEntry;
  index: number;
  readOnly: boolean;
  open: boolean;
  redactor: Redactor;
  reveal: boolean;
  onShowSeq(seq: number): void;
}) {
  const decoded = lens.session.decodeEntry(entry);
  const label = LENS_LABELS[lens.id];
  const [problem, setProblem] = useState<string | null>(null);
  if (!decoded) return null;
  const shown = (text: string) => (reveal ? text : redactor.redact(text, 'mask').text);
  return (
    <section className="protocol-detail" aria-label={`Decoded (${label})`}>
      <h3 className="protocol-detail-title">Decoded ({label})</h3>
      {!decoded.ok ? (
        <p className="protocol-undecodable" role="note">
          Not a {label} message: {shown(decoded.reason)}
        </p>
      ) : (
        decoded.messages.map((message, i) => (
          <DecodedMessage
            key={i}
            tabId={tabId}
            lens={lens}
            message={message}
            index={index}
            revision={revision}
            actionsAllowed={!readOnly && open}
            shown={shown}
            onShowSeq={onShowSeq}
            onProblem={setProblem}
          />
        ))
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function DecodedMessage({
  tabId,
  lens,
  message,
  index,
  revision,
  actionsAllowed,
  shown,
  onShowSeq,
  onProblem,
}: {
  tabId: string;
  lens: TabLens;
  message: ProtocolMessage;
  index: number;
  revision: number;
  actionsAllowed: boolean;
  shown(text: string): string;
  onShowSeq(seq: number): void;
  onProblem(problem: string | null): void;
}) {
  const timeline = useTimeline(tabId);
  const correlation = message.correlation;
  const related = useMemo(
    () => (timeline && correlation ? findCorrelated(lens.session, timeline, index, correlation) : null),
    // revision: the timeline object stays the same while replies arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lens.session, timeline, index, correlation, revision],
  );
  const actions =
    actionsAllowed && lens.session.lens.actions ? lens.session.lens.actions(message, lens.session.state) : [];
  return (
    <div className={`decoded-message${message.error ? ' decoded-error' : ''}`}>
      <p className="decoded-summary">
        <span className={`lens-chip${message.error ? ' lens-error' : ''}`}>{message.type}</span>{' '}
        <span className="decoded-summary-text">{shown(withoutType(message.type, message.summary))}</span>
      </p>
      {message.error && (
        <p className="decoded-error-text" role="note">
          {shown(message.error)}
        </p>
      )}
      {message.note && <p className="muted decoded-note">{shown(message.note)}</p>}
      {message.fields.length > 0 && (
        <dl className="decoded-fields">
          {message.fields.map((field, i) => (
            <div key={i}>
              <dt>{field.label}</dt>
              <dd>{shown(field.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {message.body !== undefined && message.body !== '' && (
        <pre className="decoded-body" aria-label="Decoded body">
          {shown(message.body)}
        </pre>
      )}
      {related && correlation && (
        <Related correlation={correlation.role} related={related} shown={shown} onShowSeq={onShowSeq} />
      )}
      {actions.length > 0 && (
        <div className="decoded-actions">
          {actions.map((action) => (
            <button
              key={action.label}
              type="button"
              className="button small"
              onClick={() => {
                const done = runLensAction(tabId, action);
                onProblem(done.ok ? null : done.error);
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function Related({
  correlation,
  related,
  shown,
  onShowSeq,
}: {
  correlation: 'request' | 'reply' | 'member';
  related: { partner: CorrelatedEntry | null; members: CorrelatedEntry[] };
  shown(text: string): string;
  onShowSeq(seq: number): void;
}) {
  if (correlation === 'member') {
    if (related.members.length < 2) return null;
    return (
      <div className="decoded-related">
        <p>{related.members.length.toLocaleString('en-US')} messages in this group nearby:</p>
        <ol className="decoded-members">
          {related.members.slice(0, 50).map((member) => (
            <li key={member.seq}>
              <button type="button" className="link-button" onClick={() => onShowSeq(member.seq)}>
                #{member.seq}
              </button>{' '}
              {member.message.type} {shown(member.message.summary)}
            </li>
          ))}
        </ol>
      </div>
    );
  }
  const { partner } = related;
  if (!partner) {
    return (
      <p className="decoded-related muted">
        {correlation === 'request' ? 'No reply yet.' : 'Its request is not on the timeline nearby.'}
      </p>
    );
  }
  const roundTrip = formatDuration(Math.abs(partner.offsetMs));
  return (
    <p className="decoded-related" aria-label={correlation === 'request' ? 'Reply' : 'Request'}>
      {correlation === 'request' ? (
        <>
          Answered by #{partner.seq} after <strong>{roundTrip}</strong>: {shown(partner.message.summary)}{' '}
        </>
      ) : (
        <>
          Reply to #{partner.seq} <strong>{shown(partner.message.summary)}</strong>, round trip{' '}
          <strong>{roundTrip}</strong>{' '}
        </>
      )}
      <button type="button" className="link-button" onClick={() => onShowSeq(partner.seq)}>
        {correlation === 'request' ? 'Show reply' : 'Show request'}
      </button>
    </p>
  );
}
