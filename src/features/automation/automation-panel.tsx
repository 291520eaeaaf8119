import { useState, type FormEvent } from 'react';
import {
  validateBackoffSettings,
  validateConnectTimeoutMs,
  validateIntervalMs,
} from '@/core/session/reconnect-backoff';
import type { ConnectionAutomation } from '@/core/workspace/workspace';
import { refreshAutomation, startHeartbeat, stopHeartbeat } from '@/runtime/session-runtime';
import { useSessionsStore } from '@/stores/sessions-store';
import type { Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { updateConnection } from '@/runtime/commands/workspace-commands';
import { PopoverButton } from '@/components/popover-button';

/** The form's fields as typed; numbers are checked only on Apply. */
interface Draft {
  sendOnOpen: string[];
  heartbeatTemplateId: string;
  heartbeatMs: string;
  reconnectEnabled: boolean;
  initialDelayMs: string;
  maxDelayMs: string;
  maxAttempts: string;
  connectTimeoutMs: string;
}

const NUMBER_FIELDS = [
  { field: 'initialDelayMs', label: 'First delay (ms)' },
  { field: 'maxDelayMs', label: 'Longest delay (ms)' },
  { field: 'maxAttempts', label: 'Attempts (empty: no limit)' },
  { field: 'connectTimeoutMs', label: 'Connect timeout (ms, empty: none)' },
] as const satisfies readonly { field: keyof Draft; label: string }[];

function toDraft(automation: ConnectionAutomation): Draft {
  return {
    sendOnOpen: automation.sendOnOpen,
    heartbeatTemplateId: automation.heartbeat?.templateId ?? '',
    heartbeatMs: String(automation.heartbeat?.everyMs ?? 1000),
    reconnectEnabled: automation.reconnect.enabled,
    initialDelayMs: String(automation.reconnect.initialDelayMs),
    maxDelayMs: String(automation.reconnect.maxDelayMs),
    maxAttempts:
      automation.reconnect.maxAttempts === 'unlimited' ? '' : String(automation.reconnect.maxAttempts),
    connectTimeoutMs: automation.connectTimeoutMs === null ? '' : String(automation.connectTimeoutMs),
  };
}

/** Checks every field at once; each problem is a sentence naming its field. */
function fromDraft(draft: Draft): { automation: ConnectionAutomation | null; problems: string[] } {
  const problems: string[] = [];
  const heartbeatMs = Number(draft.heartbeatMs);
  let heartbeat: ConnectionAutomation['heartbeat'] = null;
  if (draft.heartbeatTemplateId) {
    const checked = validateIntervalMs(heartbeatMs, { label: 'Heartbeat interval' });
    if (checked.ok) heartbeat = { templateId: draft.heartbeatTemplateId, everyMs: checked.value };
    else problems.push(checked.error);
  }
  const reconnect = {
    enabled: draft.reconnectEnabled,
    initialDelayMs: Number(draft.initialDelayMs),
    maxDelayMs: Number(draft.maxDelayMs),
    maxAttempts: draft.maxAttempts.trim() === '' ? ('unlimited' as const) : Number(draft.maxAttempts),
  };
  if (reconnect.enabled) {
    const checked = validateBackoffSettings(reconnect);
    if (!checked.ok) problems.push(...checked.error.map((p) => p.message));
  }
  let connectTimeoutMs: number | null = null;
  if (draft.connectTimeoutMs.trim() !== '') {
    const checked = validateConnectTimeoutMs(Number(draft.connectTimeoutMs));
    if (checked.ok) connectTimeoutMs = checked.value;
    else problems.push(checked.error);
  }
  if (problems.length > 0) return { automation: null, problems };
  return { automation: { sendOnOpen: draft.sendOnOpen, heartbeat, reconnect, connectTimeoutMs }, problems };
}

/** Sends on open, a heartbeat, reconnecting and a connect timeout for the tab's saved connection. */
export function AutomationPanel({ tab }: { tab: Tab }) {
  const connection = useWorkspaceStore((s) => s.workspace.connections.find((c) => c.id === tab.connectionId));
  const heartbeatEveryMs = useSessionsStore((s) => s.views[tab.id]?.heartbeatEveryMs ?? null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [heartbeatError, setHeartbeatError] = useState<string | null>(null);

  if (!connection) {
    return (
      <PopoverButton
        placement="below"
        panel={
          <div className="popover automation-popover" role="group" aria-label="Automation">
            <p className="hint">
              Save the connection (“Save to sidebar”) to send templates on open, run a heartbeat, or reconnect
              by itself.
            </p>
          </div>
        }
      >
        Automation
      </PopoverButton>
    );
  }
  const current = draft ?? toDraft(connection.automation);
  const edit = (patch: Partial<Draft>) => setDraft({ ...current, ...patch });

  const onApply = (event: FormEvent) => {
    event.preventDefault();
    const checked = fromDraft(current);
    setProblems(checked.problems);
    if (!checked.automation) return;
    updateConnection(connection.id, { automation: checked.automation });
    setDraft(null);
    const refreshed = refreshAutomation(tab.id);
    if (!refreshed.ok) setProblems([refreshed.error]);
  };

  const toggleOnOpen = (templateId: string, checked: boolean) => {
    // Kept in the templates' own order, so reordering templates reorders what is sent.
    const chosen = new Set(current.sendOnOpen);
    if (checked) chosen.add(templateId);
    else chosen.delete(templateId);
    edit({ sendOnOpen: connection.templates.filter((t) => chosen.has(t.id)).map((t) => t.id) });
  };

  return (
    <PopoverButton
      placement="below"
      panel={
        <form className="popover automation-popover" onSubmit={onApply} noValidate aria-label="Automation">
          <fieldset>
            <legend>Send on open (and after each reconnect)</legend>
            {connection.templates.length === 0 && <p className="hint">Save templates first.</p>}
            {connection.templates.map((template) => (
              <label key={template.id} className="check-row">
                <input
                  type="checkbox"
                  checked={current.sendOnOpen.includes(template.id)}
                  onChange={(e) => toggleOnOpen(template.id, e.target.checked)}
                />
                {template.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Heartbeat</legend>
            <div className="field-row">
              <select
                aria-label="Heartbeat template"
                value={current.heartbeatTemplateId}
                onChange={(e) => edit({ heartbeatTemplateId: e.target.value })}
              >
                <option value="">No heartbeat</option>
                {connection.templates.map((template) => (
                  <option key={template.id} value={template.id}>
                    {template.name}
                  </option>
                ))}
              </select>
              <label>
                every{' '}
                <input
                  type="text"
                  inputMode="numeric"
                  aria-label="Heartbeat interval (ms)"
                  value={current.heartbeatMs}
                  onChange={(e) => edit({ heartbeatMs: e.target.value })}
                />{' '}
                ms
              </label>
            </div>
            <div className="field-row">
              {heartbeatEveryMs ? (
                <button type="button" className="button small" onClick={() => stopHeartbeat(tab.id)}>
                  Stop heartbeat
                </button>
              ) : (
                <button
                  type="button"
                  className="button small"
                  disabled={draft !== null || !connection.automation.heartbeat}
                  title={draft !== null ? 'Apply your changes first' : undefined}
                  onClick={() => {
                    const started = startHeartbeat(tab.id);
                    setHeartbeatError(started.ok ? null : started.error);
                  }}
                >
                  Start heartbeat
                </button>
              )}
              {heartbeatEveryMs && <span className="hint">Running every {heartbeatEveryMs} ms</span>}
            </div>
            {heartbeatError && <p className="field-error">{heartbeatError}</p>}
          </fieldset>
          <fieldset>
            <legend>Reconnect</legend>
            <label className="check-row">
              <input
                type="checkbox"
                checked={current.reconnectEnabled}
                onChange={(e) => edit({ reconnectEnabled: e.target.checked })}
              />
              Reconnect after an unclean close
            </label>
            <div className="field-grid">
              {NUMBER_FIELDS.map(({ field, label }) => (
                <label key={field}>
                  {label}
                  <input
                    type="text"
                    inputMode="numeric"
                    value={current[field]}
                    onChange={(e) => edit({ [field]: e.target.value })}
                  />
                </label>
              ))}
            </div>
          </fieldset>
          {problems.length > 0 && (
            <ul className="field-error" role="alert">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <div className="field-row">
            <span className="spacer" />
            <button type="submit" className="button small primary" disabled={draft === null}>
              Apply
            </button>
          </div>
        </form>
      }
    >
      {heartbeatEveryMs ? 'Automation ●' : 'Automation'}
    </PopoverButton>
  );
}
