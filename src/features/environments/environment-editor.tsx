import { VariablesDialog } from '@/components/variables-dialog';
import type { Environment } from '@/core/template/environment';
import { GLOBAL_ENVIRONMENT_ID } from '@/core/workspace/workspace';
import {
  deleteEnvironment,
  renameEnvironment,
  setEnvironmentVariables,
} from '@/runtime/commands/workspace-commands';

/** A modal editor of one environment's name and variables; nothing is stored until Save. */
export function EnvironmentEditor({ environment, onClose }: { environment: Environment; onClose(): void }) {
  const isGlobal = environment.id === GLOBAL_ENVIRONMENT_ID;

  return (
    <VariablesDialog
      label={`Environment ${environment.name}`}
      heading={isGlobal ? 'Global variables' : undefined}
      nameLabel="Environment name"
      initialName={environment.name}
      variables={environment.variables}
      hint="Use them as {{name}} in URLs, subprotocols and messages. Secret values are masked and never exported."
      onSave={({ name, variables }) => {
        if (!isGlobal && name) renameEnvironment(environment.id, name);
        setEnvironmentVariables(environment.id, variables);
      }}
      onClose={onClose}
      footer={
        !isGlobal && (
          <button
            type="button"
            className="button small"
            onClick={() => {
              deleteEnvironment(environment.id);
              onClose();
            }}
          >
            Delete environment
          </button>
        )
      }
    />
  );
}
