import type { Environment } from '../template/environment';
import { isDefinedIn, usedVariableNames } from '../template/used-variables';
import type { Variable, VariableScope } from '../template/variable';
import type { Workspace } from '../workspace/workspace';
import { importChoice, type ImportOptions } from './apply-import';
import { connectionsIn, type CollectionDocument, type DocumentConnection } from './collection-document';
import { connectionTexts } from './export-environments';

/** A secret variable that arrives without a value, and where it lives ("Staging", a collection's name). */
export interface SecretToFill {
  name: string;
  where: string;
}

/** What the import preview says about variables, so `{{host}}` staying unresolved is never a surprise. */
export interface ImportVariableCheck {
  /**
   * Names the imported connections use (directly or through a variable's value) that nothing would define
   * after the import: no imported environment or collection variable, no local environment, and not the
   * variables of the collection a connection lands in. In order of first use.
   */
  undefinedNames: string[];
  /** Secrets that arrive without a value and keep none from this machine (a replaced item keeps local ones). */
  secretsToFill: SecretToFill[];
}

/** Checks the variables of an import as the user has chosen so far. Pure: the preview recomputes it. */
export function checkImportVariables(
  workspace: Workspace,
  document: CollectionDocument,
  options: Pick<ImportOptions, 'choices' | 'targetCollectionId'>,
): ImportVariableCheck {
  const replaces = (id: string, stored: readonly { id: string }[]) =>
    importChoice(options.choices, id) === 'replace' && stored.some((s) => s.id === id);
  // A replaced environment's variables are the imported ones; every other local one stays.
  const environments: Environment[] = [
    ...workspace.environments.filter(
      (local) => !document.environments.some((e) => e.id === local.id && replaces(e.id, [local])),
    ),
    ...document.environments,
  ];

  // Connections grouped by the collection variables they will see once imported.
  const groups: { connections: DocumentConnection[]; collection: VariableScope | null }[] = [
    ...document.collections.map((c) => ({ connections: connectionsIn(c.items), collection: c })),
    ...document.connections.map((connection) => ({
      connections: [connection],
      collection: landingCollection(workspace, document, connection, options),
    })),
  ];
  const undefinedNames = new Set<string>();
  for (const { connections, collection } of groups) {
    const scopes = collection ? [collection, ...environments] : environments;
    for (const name of usedVariableNames(connections.flatMap(connectionTexts), scopes)) {
      if (!isDefinedIn(scopes, name)) undefinedNames.add(name);
    }
  }

  const secretsToFill: SecretToFill[] = [];
  const owners: { owner: { id: string; name: string; variables: Variable[] }; local: readonly Owner[] }[] = [
    ...document.collections.map((owner) => ({ owner, local: workspace.collections })),
    ...document.environments.map((owner) => ({ owner, local: workspace.environments })),
  ];
  for (const { owner, local } of owners) {
    const kept = replaces(owner.id, local) ? (local.find((l) => l.id === owner.id)?.variables ?? []) : [];
    for (const variable of owner.variables) {
      if (variable.secret && variable.value === '' && !hasLocalValue(kept, variable.name)) {
        secretsToFill.push({ name: variable.name, where: owner.name });
      }
    }
  }
  return { undefinedNames: [...undefinedNames], secretsToFill };
}

/** The variables a connection shared on its own will see: its old collection's if replaced, else the target's. */
function landingCollection(
  workspace: Workspace,
  document: CollectionDocument,
  connection: DocumentConnection,
  options: Pick<ImportOptions, 'choices' | 'targetCollectionId'>,
): VariableScope | null {
  const existing = workspace.connections.find((c) => c.id === connection.id);
  const collectionId =
    existing && importChoice(options.choices, connection.id) === 'replace'
      ? existing.collectionId
      : options.targetCollectionId;
  const stored = workspace.collections.find((c) => c.id === collectionId);
  if (!stored) return null;
  // That collection may itself be replaced by this import: then it has the imported variables.
  const incoming = document.collections.find((c) => c.id === stored.id);
  return incoming && importChoice(options.choices, stored.id) === 'replace' ? incoming : stored;
}

/** A stored collection or environment: what a replaced item keeps its secret values from. */
interface Owner {
  id: string;
  variables: readonly Variable[];
}

function hasLocalValue(variables: readonly Variable[], name: string): boolean {
  return variables.some((v) => v.secret && v.name === name && v.value !== '');
}
