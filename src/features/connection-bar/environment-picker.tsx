import { GLOBAL_ENVIRONMENT_ID } from '@/core/workspace/workspace';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';

/** Which environment's variables this tab uses, on top of its collection's and the global ones. */
export function EnvironmentPicker({ tab }: { tab: Tab }) {
  const environments = useWorkspaceStore((s) => s.workspace.environments);
  const updateTab = useTabsStore((s) => s.updateTab);
  const named = environments.filter((e) => e.id !== GLOBAL_ENVIRONMENT_ID);
  return (
    <select
      className="environment-picker"
      aria-label="Environment"
      title="Variables resolve from this environment, then the collection's, then Global"
      value={tab.environmentId ?? ''}
      onChange={(event) => updateTab(tab.id, { environmentId: event.target.value || null })}
    >
      <option value="">No environment</option>
      {named.map((environment) => (
        <option key={environment.id} value={environment.id}>
          {environment.name}
        </option>
      ))}
    </select>
  );
}
