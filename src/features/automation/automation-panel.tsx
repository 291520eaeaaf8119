import { useState, type FormEvent } from 'react';
import {
  fromAutomationDraft,
  toAutomationDraft,
  type AutomationDraft,
} from '@/core/workspace/automation-draft';
import { refreshAutomation, startHeartbeat, stopHeartbeat } from '@/runtime/session-runtime';
import { useSessionsStore } from '@/stores/sessions-store';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { updateConnection } from '@/runtime/commands/workspace-commands';
import { PopoverButton } from '@/components/popover-button';

const NUMBER_FIELDS = [
  { field: 'initialDelayMs', label: 'First delay (ms)' },
  { field: 'maxDelayMs', label: 'Longest delay (ms)' },
  { field: 'maxAttempts', label: 'Attempts (empty: no limit)' },
  { field: 'connectTimeoutMs', label: 'Connect timeout (ms, empty: none)' },
] as const satisfies readonly { field: keyof AutomationDraft; label: string }[];

/** Sends on open, a heartbeat, reconnecting and a connect timeout for the tab's saved connection. */
export function AutomationPanel({ tab }: { tab: Tab }) {
  const connection = useWorkspaceStore((s) => s.workspace.connections.find((c) => c.id === tab.connectionId));
  const heartbeatEveryMs = useSessionsStore((s) => s.views[tab.id]?.heartbeatEveryMs ?? null);
  const updateTab = useTabsStore((s) => s.updateTab);
  // Kept with the tab, so unapplied edits survive a reload and the tab can show it has unsaved changes.
  const draft = tab.automationDraft;
  const setDraft = (automationDraft: AutomationDraft | null) => updateTab(tab.id, { automationDraft });
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
  const current = draft ?? toAutomationDraft(connection.automation);
  const edit = (patch: Partial<AutomationDraft>) => setDraft({ ...current, ...patch });

  const onApply = (event: FormEvent) => {
    event.preventDefault();
    const checked = fromAutomationDraft(current);
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
            <label className="check-row">
              <input
                type="checkbox"
                checked={current.heartbeatWithConnection}
                onChange={(e) => edit({ heartbeatWithConnection: e.target.checked })}
              />
              Start with the connection
            </label>
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
      Automation
      {heartbeatEveryMs && (
        <>
          <span className="running-mark" aria-hidden="true" />
          <span className="visually-hidden">(heartbeat running)</span>
        </>
      )}
    </PopoverButton>
  );
}
