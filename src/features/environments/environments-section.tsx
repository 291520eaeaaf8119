import { useState } from 'react';
import { GLOBAL_ENVIRONMENT_ID } from '@/core/workspace/workspace';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { EnvironmentEditor } from './environment-editor';
import { createEnvironment } from '@/runtime/commands/workspace-commands';

/** The sidebar's list of environments; each opens in an editor of its variables. */
export function EnvironmentsSection() {
  const environments = useWorkspaceStore((s) => s.workspace.environments);
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = environments.find((e) => e.id === editingId);

  return (
    <div className="sidebar-section">
      <div className="section-header">
        <h2 className="section-title">Environments</h2>
        <button
          type="button"
          className="button small"
          aria-label="New environment"
          onClick={() => setEditingId(createEnvironment(`Environment ${environments.length}`))}
        >
          New
        </button>
      </div>
      <ul className="environment-list">
        {environments.map((environment) => (
          <li key={environment.id}>
            <button type="button" className="catalogue-item" onClick={() => setEditingId(environment.id)}>
              <span>
                {environment.name}
                {environment.id === GLOBAL_ENVIRONMENT_ID && <span className="muted"> · every tab</span>}
              </span>
              <span className="muted">
                {environment.variables.length === 1
                  ? '1 variable'
                  : `${environment.variables.length} variables`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {editing && <EnvironmentEditor environment={editing} onClose={() => setEditingId(null)} />}
    </div>
  );
}
