import { useState, type FormEvent } from 'react';
import { validateClientClose } from '@/core/session/close-validation';
import { validateProtocols } from '@/core/session/protocol-validation';
import type { ConnectionState } from '@/core/session/session-events';
import { validateWebSocketUrl, type UrlProblem } from '@/core/session/url-validation';
import { nameFromUrl, parseProtocolList } from '@/core/workspace/workspace';
import { connect, disconnect } from '@/runtime/session-runtime';
import { useNegotiated, useSessionState } from '@/stores/sessions-store';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { CloseOptions } from './close-options';

const STATE_LABELS: Record<ConnectionState, string> = {
  idle: 'Not connected',
  connecting: 'Connecting',
  open: 'Open',
  closing: 'Closing',
  closed: 'Closed',
};

/** URL, subprotocols, Connect/Disconnect and the live state of the tab's socket. */
export function ConnectionBar({ tab }: { tab: Tab }) {
  const state = useSessionState(tab.id);
  const negotiated = useNegotiated(tab.id);
  const updateTab = useTabsStore((s) => s.updateTab);
  const [urlProblem, setUrlProblem] = useState<UrlProblem | null>(null);
  const [protocolError, setProtocolError] = useState<string | null>(null);
  const [closeCode, setCloseCode] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const [closeError, setCloseError] = useState<string | null>(null);

  const live = state === 'connecting' || state === 'open';

  const onConnect = (event: FormEvent) => {
    event.preventDefault();
    if (live) return;
    const url = validateWebSocketUrl(tab.url, { pageProtocol: location.protocol });
    const protocols = validateProtocols(parseProtocolList(tab.protocolsText));
    setUrlProblem(url.ok ? null : url.error);
    setProtocolError(protocols.ok ? null : protocols.error);
    if (!url.ok || !protocols.ok) return;
    const opened = connect(tab.id, url.value, protocols.value);
    if (!opened.ok) setUrlProblem({ code: 'unparseable', message: opened.error });
  };

  const onDisconnect = () => {
    const code = closeCode.trim() === '' ? null : Number(closeCode);
    const checked = validateClientClose({ code, reason: closeReason });
    if (!checked.ok) {
      setCloseError(checked.error);
      return;
    }
    setCloseError(null);
    const closed = disconnect(tab.id, checked.value);
    if (!closed.ok) setCloseError(closed.error);
  };

  const applySuggestion = (suggestion: string) => {
    updateTab(tab.id, { url: suggestion });
    setUrlProblem(null);
  };

  return (
    <section className="connection-bar" aria-label="Connection settings">
      <form className="connection-row" onSubmit={onConnect} noValidate>
        <span className={`state-badge state-${state}`} role="status" aria-label="Connection state">
          {STATE_LABELS[state]}
        </span>
        <input
          className="url-input"
          type="text"
          aria-label="WebSocket URL"
          placeholder="ws://127.0.0.1:8787/echo"
          spellCheck={false}
          autoComplete="off"
          value={tab.url}
          aria-invalid={urlProblem ? true : undefined}
          aria-describedby={urlProblem ? `url-problem-${tab.id}` : undefined}
          onChange={(e) => {
            updateTab(tab.id, { url: e.target.value });
            if (urlProblem) setUrlProblem(null);
          }}
        />
        <input
          className="protocols-input"
          type="text"
          aria-label="Subprotocols"
          placeholder="Subprotocols"
          title="Comma-separated, in order of preference"
          spellCheck={false}
          autoComplete="off"
          value={tab.protocolsText}
          aria-invalid={protocolError ? true : undefined}
          onChange={(e) => {
            updateTab(tab.id, { protocolsText: e.target.value });
            if (protocolError) setProtocolError(null);
          }}
        />
        {live ? (
          <button type="button" className="button danger" onClick={onDisconnect}>
            Disconnect
          </button>
        ) : (
          <button type="submit" className="button primary">
            Connect
          </button>
        )}
        <CloseOptions
          code={closeCode}
          reason={closeReason}
          onCodeChange={(value) => {
            setCloseCode(value);
            setCloseError(null);
          }}
          onReasonChange={(value) => {
            setCloseReason(value);
            setCloseError(null);
          }}
        />
        <SaveConnectionButton tab={tab} />
      </form>
      {urlProblem && (
        <p className="field-error" id={`url-problem-${tab.id}`} role="alert">
          {urlProblem.message}
          {urlProblem.suggestion && (
            <button
              type="button"
              className="link-button"
              onClick={() => applySuggestion(urlProblem.suggestion ?? '')}
            >
              Use {urlProblem.suggestion}
            </button>
          )}
        </p>
      )}
      {protocolError && (
        <p className="field-error" role="alert">
          {protocolError}
        </p>
      )}
      {closeError && (
        <p className="field-error" role="alert">
          {closeError}
        </p>
      )}
      {state === 'open' && (
        <p className="negotiated" aria-label="Negotiated">
          <span>
            Subprotocol: <strong data-testid="negotiated-protocol">{negotiated.protocol || 'none'}</strong>
          </span>
          <span>
            Extensions: <strong>{negotiated.extensions || 'none'}</strong>
          </span>
        </p>
      )}
    </section>
  );
}

/** Saves the tab as a connection in the sidebar, or writes its URL and subprotocols back to the one it came from. */
function SaveConnectionButton({ tab }: { tab: Tab }) {
  const saved = useWorkspaceStore((s) => s.connections.find((c) => c.id === tab.connectionId));
  const createConnection = useWorkspaceStore((s) => s.createConnection);
  const updateConnection = useWorkspaceStore((s) => s.updateConnection);
  const updateTab = useTabsStore((s) => s.updateTab);
  const protocols = parseProtocolList(tab.protocolsText);
  const dirty =
    !saved || saved.url !== tab.url || saved.protocols.join('\u0000') !== protocols.join('\u0000');

  const onSave = () => {
    if (saved) {
      updateConnection(saved.id, { url: tab.url, protocols });
      return;
    }
    const id = createConnection({ name: nameFromUrl(tab.url), url: tab.url, protocols });
    updateTab(tab.id, { connectionId: id });
  };

  return (
    <button
      type="button"
      className="button"
      onClick={onSave}
      disabled={!dirty}
      title={
        saved ? 'Save URL and subprotocols to the saved connection' : 'Save as a connection in the sidebar'
      }
    >
      {saved ? (dirty ? 'Save' : 'Saved') : 'Save to sidebar'}
    </button>
  );
}
