import { useState, type FormEvent } from 'react';
import { formatBytes } from '@/core/shared/format';
import { parseArchiveMaxMiB, parseArchiveMaxSessions } from '@/core/workspace/settings-validation';
import { setArchiveLimits } from '@/runtime/commands/workspace-commands';
import { useWorkspaceStore } from '@/stores/workspace-store';

const MIB = 1024 * 1024;

/** How many sessions and how many MiB History keeps; applying a lower limit evicts the oldest at once. */
export function ArchiveLimitsForm() {
  const { archiveMaxSessions, archiveMaxBytes } = useWorkspaceStore((s) => s.workspace.settings);
  const [sessions, setSessions] = useState(String(archiveMaxSessions));
  const [mib, setMib] = useState(String(Math.round(archiveMaxBytes / MIB)));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const count = parseArchiveMaxSessions(sessions);
    const bytes = parseArchiveMaxMiB(mib);
    const problem = !count.ok ? count.error : !bytes.ok ? bytes.error : null;
    setError(problem);
    if (!count.ok || !bytes.ok) return;
    setArchiveLimits({ archiveMaxSessions: count.value, archiveMaxBytes: bytes.value });
    setSessions(String(count.value));
    setSaved(true);
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      <label htmlFor="archive-max-sessions">Sessions kept in History</label>
      <input
        id="archive-max-sessions"
        type="text"
        inputMode="numeric"
        value={sessions}
        aria-invalid={error && !parseArchiveMaxSessions(sessions).ok ? true : undefined}
        onChange={(e) => {
          setSessions(e.target.value);
          setSaved(false);
        }}
      />
      <label htmlFor="archive-max-mib">History size limit (MiB)</label>
      <div className="settings-row">
        <input
          id="archive-max-mib"
          type="text"
          inputMode="numeric"
          value={mib}
          aria-invalid={error && !parseArchiveMaxMiB(mib).ok ? true : undefined}
          onChange={(e) => {
            setMib(e.target.value);
            setSaved(false);
          }}
        />
        <button type="submit" className="button small">
          Set limits
        </button>
      </div>
      <p className="hint">
        {saved
          ? `Set: History keeps up to ${archiveMaxSessions.toLocaleString('en-US')} sessions and ${formatBytes(archiveMaxBytes)}.`
          : 'Past either limit the oldest sessions are removed; a connected one never is.'}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
