import { lazy, Suspense, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SegmentedControl } from '@/components/segmented-control';
import { useColorScheme } from '@/components/use-color-scheme';
import { shortcutKeys, shortcutTitle } from '@/components/use-shortcut';
import { toMessagePayload, type MessageDraft } from '@/core/codec/message-payload';
import { formatBytes } from '@/core/shared/format';
import { utf8ByteLength } from '@/core/shared/utf8';
import { FORMAT_LABELS, type TemplateFormat } from '@/core/workspace/workspace';
import { send, sendDraft as sendDraftNow } from '@/runtime/session-runtime';
import { ResolvedPreview } from './resolved-preview';
import type { EditorHandle, EditorMarker } from './message-editor';
import { lineAndColumn, type CodecError } from '@/core/codec/codec-error';
import { expandedJsonProblem, type ExpandedJsonProblem } from '@/core/template/expanded-json';
import { resolveText } from '@/runtime/message-resolution';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { useSessionState } from '@/stores/sessions-store';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import { BinaryControls, type LoadedFile } from './binary-controls';
import { LARGE_MESSAGE_CHARS } from './large-message';
import { TemplateList } from './template-list';

// The environment first, as a chunk of its own: Monaco calls its Trusted Types hook while Monaco's modules
// evaluate, and within one chunk (shared with Monaco's JSON mode) the bundler placed those modules before it.
const MessageEditor = lazy(() => import('./monaco-environment').then(() => import('./message-editor')));
const FORMATS: TemplateFormat[] = ['text', 'json', 'binary'];

/** The message editor, its send controls and the tab's saved templates. */
/**
 * `scenarios` is the saved connection's Scenarios section, placed under the templates; `protocol` is the
 * composer of the tab's protocol lens, placed above the raw message editor.
 */
export function Composer({
  tab,
  scenarios,
  protocol,
}: {
  tab: Tab;
  scenarios?: ReactNode;
  protocol?: ReactNode;
}) {
  const state = useSessionState(tab.id);
  const updateTab = useTabsStore((s) => s.updateTab);
  const scheme = useColorScheme();
  const [sendError, setSendError] = useState<string | null>(null);
  const [editor, setEditor] = useState<EditorHandle | null>(null);
  const [largeFile, setLargeFile] = useState<LoadedFile | null>(null);
  const [tabMovesFocus, setTabMovesFocus] = useState(true);
  const editorHintId = useId();
  const open = state === 'open';

  const environments = useWorkspaceStore((s) => s.workspace.environments);
  const collections = useWorkspaceStore((s) => s.workspace.collections);
  // With {{variables}} the bytes are those of the expanded text; positions then no longer match the editor,
  // so a spelling mistake is reported without a marker.
  const hasVariables = tab.message.includes('{{');
  const large = tab.message.length > LARGE_MESSAGE_CHARS;
  const expanded = useMemo(
    () => (hasVariables ? resolveText(tab.id, tab.message, { counter: 0 }) : null),
    // environments, collections: a variable's value changes the expanded text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tab.id, tab.message, tab.environmentId, tab.connectionId, hasVariables, environments, collections],
  );
  const body = expanded?.ok ? expanded.value.text : tab.message;
  const payload = useMemo(
    () => toMessagePayload({ format: tab.format, body, encoding: tab.binaryEncoding }),
    [tab.format, body, tab.binaryEncoding],
  );
  const codecProblem = payload.ok ? null : payload.error;
  // Judged on the text as it will be sent, so a `{{placeholder}}` standing for a value is no JSON problem.
  // Not on every keystroke of a large message: sending still checks it once.
  const jsonProblem = useMemo(() => {
    if (tab.format !== 'json' || large || expanded?.ok === false) return null;
    return expandedJsonProblem(tab.message, expanded?.value ?? { text: tab.message, replaced: [] });
  }, [tab.format, tab.message, large, expanded]);
  const markers = useMemo(
    () => editorMarkers(tab, hasVariables ? null : codecProblem, jsonProblem),
    // environments, collections: a variable defined or removed changes which names are unresolved.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      tab.id,
      tab.message,
      tab.environmentId,
      tab.connectionId,
      codecProblem,
      jsonProblem,
      environments,
      collections,
    ],
  );

  const [pendingConfirm, setPendingConfirm] = useState<PendingConfirm | null>(null);

  const sendDraft = (draft: MessageDraft, options: { confirmed?: boolean } = {}) => {
    setPendingConfirm(null);
    const sent = sendDraftNow(tab.id, draft, options);
    if (sent.ok) {
      setSendError(null);
      return;
    }
    if (sent.error.kind === 'confirm') {
      setSendError(null);
      setPendingConfirm({ draft, ...sent.error });
      return;
    }
    setSendError(sent.error.message);
  };

  const cancelConfirm = () => {
    setPendingConfirm(null);
    editor?.focus();
  };

  const sendBytes = (bytes: Uint8Array) => {
    const sent = send(tab.id, bytes);
    setSendError(sent.ok ? null : sent.error);
  };

  return (
    <section className="composer" aria-label="Composer">
      {protocol}
      <div className="panel-header">
        {/* Two groups, so the format controls wrap among themselves and Send keeps its place on the first row. */}
        <div className="composer-format">
          <SegmentedControl
            label="Message format"
            value={tab.format}
            options={FORMATS.map((format) => ({ value: format, label: FORMAT_LABELS[format] }))}
            onChange={(format) => updateTab(tab.id, { format })}
          />
          {tab.format === 'json' && (
            <button
              type="button"
              className="button small"
              disabled={!editor || large}
              title={large ? 'Formatting is off for large messages' : undefined}
              onClick={() => editor?.format()}
            >
              Format
            </button>
          )}
          {tab.format === 'binary' && (
            <BinaryControls
              tab={tab}
              onLargeFile={setLargeFile}
              onError={(message) => setSendError(message)}
            />
          )}
        </div>
        <div className="composer-actions">
          <button
            type="button"
            className="button primary"
            disabled={!open}
            title={open ? shortcutTitle('Send', 'send') : 'Connect first'}
            aria-keyshortcuts={shortcutKeys('send')}
            onClick={() => sendDraft(draftOf(tab))}
          >
            Send
          </button>
        </div>
      </div>
      {largeFile && (
        <div className="file-bar" role="group" aria-label="Loaded file">
          <span>
            <strong>{largeFile.name}</strong> · {formatBytes(largeFile.bytes.length)}: too large to edit here;
            it is sent as it is.
          </span>
          <button
            type="button"
            className="button small primary"
            disabled={!open}
            onClick={() => sendBytes(largeFile.bytes)}
          >
            Send file
          </button>
          <button type="button" className="button small" onClick={() => setLargeFile(null)}>
            Discard
          </button>
        </div>
      )}
      <div className="editor-host">
        <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
          <MessageEditor
            value={tab.message}
            format={tab.format}
            theme={scheme}
            markers={markers}
            onChange={(message) => {
              // Editing answers the question: the draft it was about is gone.
              setPendingConfirm(null);
              updateTab(tab.id, { message });
            }}
            onSend={() => sendDraft(latestDraft(tab.id))}
            onReady={setEditor}
            tabMovesFocus={tabMovesFocus}
            onToggleTabMovesFocus={() => setTabMovesFocus((moves) => !moves)}
            describedBy={editorHintId}
            large={large}
          />
        </Suspense>
      </div>
      <div className="editor-status">
        <span id={editorHintId} aria-live="polite">
          {tabMovesFocus
            ? 'Tab moves focus · Ctrl+M to indent with Tab'
            : 'Tab indents · Ctrl+M to move focus with Tab'}
        </span>
        <span className="warning-text" role="status">
          {large ? 'Large message: validation and folding are off' : ''}
        </span>
        {jsonProblem && <span className="warning-text">1 JSON problem</span>}
        <span className="byte-count" aria-label="Message size">
          {payload.ok
            ? formatBytes(
                typeof payload.value === 'string' ? utf8ByteLength(payload.value) : payload.value.length,
              )
            : `invalid ${tab.binaryEncoding}`}
        </span>
      </div>
      {codecProblem && (
        <p className="field-error" role="alert">
          {codecProblem.message}
        </p>
      )}
      <ResolvedPreview tab={tab} />
      {pendingConfirm && (
        <SendConfirmation
          pending={pendingConfirm}
          checkedExpanded={pendingConfirm.draft.body.includes('{{')}
          onSendAnyway={() => sendDraft(pendingConfirm.draft, { confirmed: true })}
          onCancel={cancelConfirm}
        />
      )}
      {sendError && (
        <p className="field-error" role="alert">
          {sendError}
        </p>
      )}
      <TemplateList tab={tab} onSend={sendDraft} canSend={open} />
      {scenarios}
    </section>
  );
}

interface PendingConfirm {
  draft: MessageDraft;
  unresolved: string[];
  invalidJson: ExpandedJsonProblem | null;
}

/** Asks before sending what is probably a mistake; Escape or Cancel sends nothing. */
function SendConfirmation({
  pending,
  checkedExpanded,
  onSendAnyway,
  onCancel,
}: {
  pending: PendingConfirm;
  checkedExpanded: boolean;
  onSendAnyway(): void;
  onCancel(): void;
}) {
  const { unresolved, invalidJson } = pending;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };
  return (
    <div
      className="confirm-bar"
      role="alertdialog"
      aria-label={invalidJson ? 'Invalid JSON' : 'Unresolved variables'}
      onKeyDown={onKeyDown}
    >
      <span>
        {invalidJson && (
          <>
            Not valid JSON{checkedExpanded ? ' once its variables are filled in' : ''}: {invalidJson.message}{' '}
            at line {invalidJson.line}, column {invalidJson.column}.{' '}
          </>
        )}
        {unresolved.length > 0 &&
          `No environment defines ${unresolved.map((name) => `{{${name}}}`).join(', ')}: it would be sent as written.`}
      </span>
      <button type="button" className="button small primary" onClick={onSendAnyway}>
        Send anyway
      </button>
      {/* The safe choice has the focus: Enter right after Ctrl+Enter must not send a mistake. */}
      <button type="button" className="button small" autoFocus onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function editorMarkers(
  tab: Tab,
  codecProblem: CodecError | null,
  jsonProblem: ExpandedJsonProblem | null,
): EditorMarker[] {
  const markers: EditorMarker[] = [];
  if (codecProblem) markers.push({ severity: 'error', length: 1, ...codecProblem });
  if (jsonProblem) {
    const { line, column, message } = jsonProblem;
    // At the very end there is no character to underline; Monaco then marks the word before.
    markers.push({
      severity: 'error',
      line,
      column,
      length: Math.max(1, jsonProblem.end - jsonProblem.start),
      message,
    });
  }
  if (!tab.message.includes('{{')) return markers;
  const resolved = resolveText(tab.id, tab.message, { counter: 0, secrets: 'mask' });
  if (!resolved.ok) return markers;
  for (const unresolved of resolved.value.unresolved) {
    const { line, column } = lineAndColumn(tab.message, unresolved.start);
    markers.push({
      severity: 'warning',
      line,
      column,
      length: unresolved.end - unresolved.start,
      message: `No environment defines “${unresolved.name}”: it would be sent as written.`,
    });
  }
  return markers;
}

function draftOf(tab: Tab): MessageDraft {
  return { format: tab.format, body: tab.message, encoding: tab.binaryEncoding };
}

// Ctrl+Enter is bound once inside Monaco: read the draft as it is at the moment of sending.
function latestDraft(tabId: string): MessageDraft {
  const tab = useTabsStore.getState().tabs.find((t) => t.id === tabId);
  return tab ? draftOf(tab) : { format: 'text', body: '' };
}
