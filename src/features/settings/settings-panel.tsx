import { useState, type FormEvent } from 'react';
import { parseTimelineCap } from '@/core/workspace/settings-validation';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { setTimelineCap } from '@/runtime/commands/workspace-commands';
import { ArchiveLimitsForm } from './archive-limits-form';
import { PopoverButton } from '@/components/popover-button';

/** App settings, tucked in the sidebar's footer. */
export function SettingsPanel() {
  const cap = useWorkspaceStore((s) => s.workspace.settings.timelineCap);
  const [draft, setDraft] = useState(String(cap));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTimelineCap(draft);
    setError(parsed.ok ? null : parsed.error);
    if (!parsed.ok) return;
    setTimelineCap(parsed.value);
    setDraft(String(parsed.value));
    setSaved(true);
  };

  return (
    <PopoverButton
      buttonClassName="settings-button"
      placement="above"
      panel={
        <div className="popover settings-popover" role="group" aria-label="App settings">
          <form className="settings-form" onSubmit={onSubmit} noValidate>
            <label htmlFor="timeline-cap">Timeline entries kept per tab</label>
            <div className="settings-row">
              <input
                id="timeline-cap"
                type="text"
                inputMode="numeric"
                value={draft}
                aria-invalid={error ? true : undefined}
                onChange={(e) => {
                  setDraft(e.target.value);
                  setSaved(false);
                }}
              />
              <button type="submit" className="button small">
                Apply
              </button>
            </div>
            <p className="hint">
              {saved
                ? `Applied: each tab keeps the newest ${cap.toLocaleString('en-US')} entries.`
                : 'Older entries are dropped, and counted, once a tab holds this many.'}
            </p>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
          </form>
          <ArchiveLimitsForm />
        </div>
      }
    >
      Settings
    </PopoverButton>
  );
}
