import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { shortcutProps, useShortcut } from '@/components/use-shortcut';
import { checkCloseOptions } from '@/core/session/close-validation';
import { validateProtocols } from '@/core/session/protocol-validation';
import type { ConnectionState } from '@/core/session/session-events';
import { createRedactor, type Secret } from '@/core/template/secret-redaction';
import { useRedactor } from '@/components/use-redactor';
import { validateWebSocketUrl, type UrlProblem } from '@/core/session/url-validation';
import { connectionTabFields, nameFromUrl, parseProtocolList } from '@/core/workspace/workspace';
import { countFrames } from '@/runtime/recorded-timelines';
import { connect, disconnect, getTimelineEvents } from '@/runtime/session-runtime';
import { useNegotiated, useSessionsStore, useSessionState, useSessionView } from '@/stores/sessions-store';
import { resolveText, unresolvedNames } from '@/runtime/message-resolution';
import { EnvironmentPicker } from './environment-picker';
import { ReconnectCountdown } from './reconnect-countdown';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { CloseOptions } from './close-options';
import { ProtocolPicker, useEffectiveLens } from './protocol-picker';
import { parseHandshakePayload } from '@/core/protocol/handshake-payload';
import { LENS_LABELS } from '@/core/protocol/lens-catalog';
import { prepareLens, readyLens } from '@/runtime/tab-lenses';
import { ok } from '@/core/shared/result';
import { createConnection, updateConnection } from '@/runtime/commands/workspace-commands';

const STATE_LABELS: Record<ConnectionState, string> = {
  idle: 'Not connected',
  connecting: 'Connecting',
  open: 'Open',
  closing: 'Closing',
  closed: 'Closed',
};

/** URL, subprotocols, Connect/Disconnect and the live state of the tab's socket. */
export function ConnectionBar({ tab, automation }: { tab: Tab; automation: ReactNode }) {
  const state = useSessionState(tab.id);
  const negotiated = useNegotiated(tab.id);
  const redactor = useRedactor(tab.id);
  const updateTab = useTabsStore((s) => s.updateTab);
  const { lens } = useEffectiveLens(tab);
  const [urlProblem, setUrlProblem] = useState<UrlProblem | null>(null);
  const [protocolError, setProtocolError] = useState<string | null>(null);
  const [closeCode, setCloseCode] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const [closeError, setCloseError] = useState<string | null>(null);

  const reconnectAt = useSessionsStore((s) => s.views[tab.id]?.reconnectAt ?? null);
  // A pending reconnect is live too: Disconnect is how the user stops it.
  const live = state === 'connecting' || state === 'open' || reconnectAt !== null;

  const urlInput = useRef<HTMLInputElement>(null);
  useShortcut('focus-url', () => {
    urlInput.current?.focus();
    urlInput.current?.select();
  });
  useShortcut('connect', () => (live ? onDisconnect() : connectNow()));

  const onConnect = (event: FormEvent) => {
    event.preventDefault();
    connectNow();
  };

  const connectNow = () => {
    if (live) return;
    // The lens may build the address (Socket.IO) and sends its handshake from the first frame: load it first.
    const lensModule = lens === 'raw' ? null : readyLens(lens);
    if (lens !== 'raw' && !lensModule) {
      prepareLens(lens).then(connectNow, () =>
        setUrlProblem({
          code: 'unparseable',
          message: `Could not load the ${LENS_LABELS[lens]} decoder; reload the page and try again.`,
        }),
      );
      return;
    }
    // {{variables}} expand first; a name no environment defines stops the connect, naming it.
    const expanded = expandConnectionFields(tab);
    if (!expanded.ok) {
      setUrlProblem({ code: 'unparseable', message: expanded.error });
      return;
    }
    const handshake = lensModule ? parseHandshakePayload(expanded.value.handshakePayload) : ok({});
    if (!handshake.ok) {
      setUrlProblem({ code: 'unparseable', message: `Not connected: ${handshake.error}.` });
      return;
    }
    const lensUrl = lensModule?.connectUrl
      ? lensModule.connectUrl(expanded.value.url)
      : ok(expanded.value.url);
    if (!lensUrl.ok) {
      setUrlProblem({ code: 'unparseable', message: lensUrl.error });
      return;
    }
    const url = validateWebSocketUrl(lensUrl.value, { pageProtocol: location.protocol });
    const protocols = validateProtocols(parseProtocolList(expanded.value.protocols));
    setUrlProblem(url.ok ? null : withoutSecrets(url.error, expanded.value.secrets));
    setProtocolError(protocols.ok ? null : protocols.error);
    if (!url.ok || !protocols.ok) return;
    const opened = connect(tab.id, url.value, protocols.value, {
      secrets: expanded.value.secrets,
      lensOptions: handshake.value,
    });
    if (!opened.ok) setUrlProblem({ code: 'unparseable', message: opened.error });
  };

  // Checked as typed, so a problem shows beside its field before Disconnect is pressed.
  const closeCheck = useMemo(
    () => checkCloseOptions({ codeText: closeCode, reason: closeReason }),
    [closeCode, closeReason],
  );

  const onDisconnect = () => {
    if (closeCheck.close === null) {
      setCloseError(
        `Not disconnected: ${closeCheck.codeError ?? closeCheck.reasonError} (see Close options)`,
      );
      return;
    }
    setCloseError(null);
    const closed = disconnect(tab.id, closeCheck.close);
    if (!closed.ok) setCloseError(closed.error);
  };

  const applySuggestion = (suggestion: string) => {
    updateTab(tab.id, { url: suggestion });
    setUrlProblem(null);
  };

  return (
    <section className="connection-bar" aria-label="Connection settings">
      <div className="connection-row">
        <form className="connect-form" onSubmit={onConnect} noValidate>
          <span className={`state-badge state-${state}`} role="status" aria-label="Connection state">
            {STATE_LABELS[state]}
          </span>
          {reconnectAt !== null && <ReconnectCountdown at={reconnectAt} />}
          <input
            ref={urlInput}
            className="url-input"
            type="text"
            aria-label="WebSocket URL"
            {...shortcutProps('WebSocket URL', 'focus-url')}
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
            // Keys keep these two distinct elements: reusing one button whose type flips to "submit" during the
            // click would submit the form and reconnect straight away.
            <button
              key="disconnect"
              type="button"
              className="button danger"
              {...shortcutProps('Disconnect', 'connect')}
              onClick={onDisconnect}
            >
              Disconnect
            </button>
          ) : (
            <button
              key="connect"
              type="submit"
              className="button primary"
              {...shortcutProps('Connect', 'connect')}
            >
              Connect
            </button>
          )}
        </form>
        {/* Outside the form: their own inputs and forms must not submit a connect. */}
        {/* One group, so the tools wrap below the URL together rather than one by one. */}
        <div className="connection-tools">
          <CloseOptions
            code={closeCode}
            reason={closeReason}
            codeError={closeCheck.codeError}
            reasonError={closeCheck.reasonError}
            onCodeChange={(value) => {
              setCloseCode(value);
              setCloseError(null);
            }}
            onReasonChange={(value) => {
              setCloseReason(value);
              setCloseError(null);
            }}
          />
          <ProtocolPicker tab={tab} />
          {automation}
          <SaveConnectionButton tab={tab} />
          <EnvironmentPicker tab={tab} />
        </div>
      </div>
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
            Subprotocol:{' '}
            <strong data-testid="negotiated-protocol">
              {redactor.redact(negotiated.protocol, 'mask').text || 'none'}
            </strong>
          </span>
          <span>
            Extensions: <strong>{negotiated.extensions || 'none'}</strong>
          </span>
        </p>
      )}
    </section>
  );
}

/**
 * In place of the connection bar on a recorded (read-only) tab: what the recording is, and a way to the live
 * connection it was made on. Nothing here connects the recorded tab itself.
 */
export function RecordedConnectionBar({ tab }: { tab: Tab }) {
  const saved = useWorkspaceStore((s) => s.workspace.connections.find((c) => c.id === tab.connectionId));
  const openConnection = useTabsStore((s) => s.openConnection);
  // A recording never changes after it is opened; after a reload its events arrive from the archive once.
  const revision = useSessionView(tab.id).revision;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the revision says when the events were filled in
  const frames = useMemo(() => countFrames(getTimelineEvents(tab.id)), [tab.id, revision]);
  const title = tab.recorded?.title ?? '';
  // Recorded elsewhere, the address may hold a value this workspace keeps secret: masked like the timeline.
  const redactor = useRedactor(tab.id);
  const url = redactor.redact(tab.url, 'mask').text;
  const protocols = redactor.redact(tab.protocolsText, 'mask').text;

  const onOpen = () => {
    if (!saved) return;
    openConnection({ connectionId: saved.id, ...connectionTabFields(saved) });
  };

  return (
    <section className="connection-bar recorded-bar" aria-label="Recorded timeline">
      <div className="connection-row">
        {/* Only the title shrinks: the frame count and "read-only" stay in view however long it is. */}
        <h2 className="recorded-heading">
          <span className="recorded-part">Recorded timeline · </span>
          <span className="recorded-title" title={title}>
            {title}
          </span>
          <span className="recorded-part">
            {' '}
            · {frames.toLocaleString('en-US')} {frames === 1 ? 'frame' : 'frames'} ·{' '}
          </span>
          <span className="recorded-part recorded-pill">read-only</span>
        </h2>
        <ProtocolPicker tab={tab} />
        {saved ? (
          <button
            type="button"
            className="button primary"
            title={`Open a live tab for “${saved.name}” (or go to the one already open)`}
            onClick={onOpen}
          >
            Open connection
          </button>
        ) : (
          tab.connectionId !== null && (
            <p className="recorded-missing muted" role="note">
              The saved connection it was recorded on has been deleted.
            </p>
          )
        )}
      </div>
      {url && (
        <p className="negotiated">
          <span>
            Recorded on <strong className="recorded-url">{url}</strong>
          </span>
          {protocols && (
            <span>
              Offered subprotocols: <strong>{protocols}</strong>
            </span>
          )}
        </p>
      )}
    </section>
  );
}

/**
 * A URL problem about the expanded URL, told without the secrets expanded into it: masked in the message, and
 * `{{name}}` in the suggestion, so applying the fix puts the reference back into the tab, never the value.
 */
function withoutSecrets(problem: UrlProblem, secrets: readonly Secret[]): UrlProblem {
  if (secrets.length === 0) return problem;
  const redactor = createRedactor(secrets);
  const message = redactor.redact(problem.message, 'mask').text;
  if (problem.suggestion === undefined) return { ...problem, message };
  return { ...problem, message, suggestion: redactor.redact(problem.suggestion, 'name').text };
}

function expandConnectionFields(tab: Tab) {
  const secrets: Secret[] = [];
  const expand = (text: string, where: string) => {
    const resolved = resolveText(tab.id, text, { counter: 0 });
    if (!resolved.ok) return resolved;
    secrets.push(...resolved.value.insertedSecrets);
    const missing = unresolvedNames(resolved.value.unresolved);
    if (missing.length === 0) return { ok: true as const, value: resolved.value.text };
    const names = missing.map((name) => `{{${name}}}`).join(', ');
    return {
      ok: false as const,
      error: `No environment defines ${names} used in the ${where}: add it, or pick another environment.`,
    };
  };
  const url = expand(tab.url, 'URL');
  if (!url.ok) return url;
  const protocols = expand(tab.protocolsText, 'subprotocols');
  if (!protocols.ok) return protocols;
  const handshakePayload = expand(tab.handshakePayload, 'handshake payload');
  if (!handshakePayload.ok) return handshakePayload;
  return {
    ok: true as const,
    value: { url: url.value, protocols: protocols.value, handshakePayload: handshakePayload.value, secrets },
  };
}

/** Saves the tab as a connection in the sidebar, or writes its URL and subprotocols back to the one it came from. */
function SaveConnectionButton({ tab }: { tab: Tab }) {
  const saved = useWorkspaceStore((s) => s.workspace.connections.find((c) => c.id === tab.connectionId));
  const updateTab = useTabsStore((s) => s.updateTab);
  const protocols = parseProtocolList(tab.protocolsText);
  const lensFields = {
    ...(tab.lens === null ? {} : { lens: tab.lens }),
    ...(tab.handshakePayload === '' ? {} : { handshakePayload: tab.handshakePayload }),
  };
  const dirty =
    !saved ||
    saved.url !== tab.url ||
    saved.protocols.join('\u0000') !== protocols.join('\u0000') ||
    (saved.lens ?? null) !== tab.lens ||
    (saved.handshakePayload ?? '') !== tab.handshakePayload;

  const onSave = () => {
    if (saved) {
      // Undefined clears them: a lens set back to "follow the subprotocol" leaves the saved connection too.
      updateConnection(saved.id, {
        url: tab.url,
        protocols,
        lens: undefined,
        handshakePayload: undefined,
        ...lensFields,
      });
      return;
    }
    const id = createConnection({ name: nameFromUrl(tab.url), url: tab.url, protocols, ...lensFields });
    updateTab(tab.id, { connectionId: id });
  };

  return (
    <button
      type="button"
      className="button"
      onClick={onSave}
      disabled={!dirty}
      title={
        saved
          ? 'Save URL, subprotocols and protocol to the saved connection'
          : 'Save as a connection in the sidebar'
      }
    >
      {saved ? (dirty ? 'Save' : 'Saved') : 'Save to sidebar'}
    </button>
  );
}
