import { inlineMessageBodies } from '../scenario/scenario';
import type { Environment } from '../template/environment';
import { usedVariableNames } from '../template/used-variables';
import type { VariableScope } from '../template/variable';
import type { ConnectionFields, Workspace } from '../workspace/workspace';
import type { CollectionDocument } from './collection-document';
import type { ExportScope } from './workspace-to-document';

/** An environment an export can carry, and the names its connections use that it defines. */
export interface EnvironmentOffer {
  id: string;
  name: string;
  /** In the order the export first uses them. */
  provides: string[];
}

/**
 * The texts of a connection that `{{names}}` expand in: its URL, each subprotocol, every template body and the
 * inline messages of its scenarios.
 */
export function connectionTexts(connection: ConnectionFields): string[] {
  return [
    connection.url,
    ...connection.protocols,
    ...connection.templates.map((t) => t.body),
    ...connection.scenarios.flatMap((s) => inlineMessageBodies(s.steps)),
  ];
}

/**
 * The `{{names}}` a scope's connections use (URL, subprotocols, template bodies), followed transitively through
 * the values of the variables that would travel with it: the exported collections' own variables (a connection
 * exported alone carries none) and `options.environments`. Names those collection variables define still count.
 * Dynamic values (`{{$uuid}}`) are not names. In order of first use.
 */
export function variablesUsedByScope(
  workspace: Workspace,
  scope: ExportScope,
  options: { environments: readonly Environment[] },
): string[] {
  const connections = workspace.connections.filter((c) =>
    scope.kind === 'everything'
      ? true
      : scope.kind === 'collection'
        ? c.collectionId === scope.id
        : c.id === scope.id,
  );
  const collections: VariableScope[] =
    scope.kind === 'connection'
      ? []
      : workspace.collections.filter((c) => scope.kind === 'everything' || c.id === scope.id);
  return usedVariableNames(connections.flatMap(connectionTexts), [...collections, ...options.environments]);
}

/** The environments that define any of `names`, in their own order, each with the names it defines. */
export function environmentsDefining(
  environments: readonly Environment[],
  names: readonly string[],
): EnvironmentOffer[] {
  return environments.flatMap((environment) => {
    const provides = names.filter((name) => environment.variables.some((v) => v.name === name));
    return provides.length > 0 ? [{ id: environment.id, name: environment.name, provides }] : [];
  });
}

/**
 * The environments (named ones and Global) an export of `scope` can offer to include: those defining a name its
 * connections use, directly or through another variable's value. "Everything" carries them all anyway.
 */
export function exportEnvironmentOffers(workspace: Workspace, scope: ExportScope): EnvironmentOffer[] {
  const { environments } = workspace;
  return environmentsDefining(environments, variablesUsedByScope(workspace, scope, { environments }));
}

/** The secret variables a document carries, with where each is ("Staging", "Team"), for the export dialog. */
export function secretsIn(document: CollectionDocument): { name: string; where: string }[] {
  const secrets: { name: string; where: string }[] = [];
  for (const owner of [...document.collections, ...document.environments]) {
    for (const variable of owner.variables) {
      if (variable.secret) secrets.push({ name: variable.name, where: owner.name });
    }
  }
  return secrets;
}
