import type { Scenario } from '../scenario/scenario';
import { suffixedName } from '../shared/suffixed-name';
import type { Variable } from '../template/variable';
import {
  GLOBAL_ENVIRONMENT_ID,
  type ConnectionFields,
  type MessageTemplate,
  type SavedConnection,
  type Workspace,
} from './workspace';
import * as tree from './workspace-tree';

/**
 * Every change a user can make to their saved work, as a pure edit: `(workspace) => { workspace, removed }`.
 * The store applies edits and nothing else, so whatever an edit returns is what gets saved; an edit that deletes
 * reports what it took in the one undo shape (`RemovedItems`) that `restore` puts back. Ids come from the caller
 * (or its `newId`), so edits stay deterministic under test and can be re-run on a fresher copy of the workspace
 * (another browser tab may have saved in between).
 */

/** What an edit made: the next workspace, and what it removed (null when it removed nothing). */
export interface EditResult {
  workspace: Workspace;
  removed: tree.RemovedItems | null;
}

export type WorkspaceEdit = (workspace: Workspace) => EditResult;

const changed = (workspace: Workspace): EditResult => ({ workspace, removed: null });

const withRemoved = ({ workspace, removed }: { workspace: Workspace; removed: tree.RemovedItems }) => ({
  workspace,
  removed: isEmpty(removed) ? null : removed,
});

/** A new connection (with its id) saved where `place` says, else at the end of the first collection. */
export function createConnection(connection: ConnectionFields, place?: tree.TreePlace): WorkspaceEdit {
  return (ws) => changed(tree.addConnection(ws, connection, place));
}

/** Changes a connection's own fields (name, URL, subprotocols, automation). */
export function updateConnection(
  id: string,
  patch: Partial<Omit<SavedConnection, 'id' | 'templates'>>,
): WorkspaceEdit {
  return (ws) =>
    changed({ ...ws, connections: ws.connections.map((c) => (c.id === id ? { ...c, ...patch, id } : c)) });
}

/** A copy of a connection right after it, named "… (copy)", with fresh ids for it and its templates. */
export function duplicateConnection(id: string, newId: tree.NewId): WorkspaceEdit {
  return (ws) => {
    const index = ws.connections.findIndex((c) => c.id === id);
    const original = ws.connections[index];
    if (!original) return changed(ws);
    const name = copyName(
      original.name,
      ws.connections.map((c) => c.name),
    );
    const copy = tree.copyConnection(original, newId, { name });
    return changed({ ...ws, connections: tree.insertAt(ws.connections, index + 1, copy) });
  };
}

export function deleteConnection(id: string): WorkspaceEdit {
  return (ws) => withRemoved(tree.removeConnection(ws, id));
}

export function moveConnection(id: string, to: tree.TreePlace): WorkspaceEdit {
  return (ws) => changed(tree.moveConnection(ws, id, to));
}

/** An empty collection after the others. */
export function createCollection(collection: { id: string; name: string }): WorkspaceEdit {
  return (ws) => changed(tree.addCollection(ws, { ...collection, variables: [], folders: [] }));
}

export function renameCollection(id: string, name: string): WorkspaceEdit {
  return (ws) => changed(tree.updateCollection(ws, id, { name }));
}

/** A deep copy of a collection right after it, named "… (copy)". */
export function duplicateCollection(id: string, newId: tree.NewId): WorkspaceEdit {
  return (ws) => {
    const original = ws.collections.find((c) => c.id === id);
    if (!original) return changed(ws);
    const name = copyName(
      original.name,
      ws.collections.map((c) => c.name),
    );
    return changed(tree.duplicateCollection(ws, id, { newId, name }).workspace);
  };
}

export function deleteCollection(id: string): WorkspaceEdit {
  return (ws) => withRemoved(tree.removeCollection(ws, id));
}

export function setCollectionVariables(id: string, variables: Variable[]): WorkspaceEdit {
  return (ws) => changed(tree.setCollectionVariables(ws, id, variables));
}

/** An empty folder at the end of its parent (a folder, or the collection's top level). */
export function createFolder(
  collectionId: string,
  folder: { id: string; name: string; parentId: string | null },
): WorkspaceEdit {
  return (ws) => changed(tree.addFolder(ws, collectionId, folder));
}

export function renameFolder(collectionId: string, folderId: string, name: string): WorkspaceEdit {
  return (ws) => changed(tree.renameFolder(ws, collectionId, folderId, name));
}

/** A deep copy of a folder beside it, named "… (copy)" among its siblings. */
export function duplicateFolder(collectionId: string, folderId: string, newId: tree.NewId): WorkspaceEdit {
  return (ws) => {
    const collection = ws.collections.find((c) => c.id === collectionId);
    const original = collection?.folders.find((f) => f.id === folderId);
    if (!collection || !original) return changed(ws);
    const siblings = collection.folders.filter((f) => f.parentId === original.parentId);
    const name = copyName(
      original.name,
      siblings.map((f) => f.name),
    );
    return changed(tree.duplicateFolder(ws, collectionId, folderId, { newId, name }).workspace);
  };
}

export function deleteFolder(collectionId: string, folderId: string): WorkspaceEdit {
  return (ws) => withRemoved(tree.removeFolder(ws, collectionId, folderId));
}

export function moveFolder(
  from: { collectionId: string; folderId: string },
  to: tree.TreePlace,
): WorkspaceEdit {
  return (ws) => changed(tree.moveFolder(ws, from, to));
}

/** Moves a collection, folder or connection up (-1) or down (+1) among its siblings. */
export function moveAmongSiblings(item: tree.SiblingMove, offset: -1 | 1): WorkspaceEdit {
  return (ws) => changed(tree.moveAmongSiblings(ws, item, offset));
}

/** Adds a template (with its id) at the end of a connection's list. */
export function addTemplate(connectionId: string, template: MessageTemplate): WorkspaceEdit {
  return mapConnection(connectionId, (c) => ({ ...c, templates: [...c.templates, template] }));
}

export function updateTemplate(
  connectionId: string,
  templateId: string,
  patch: Partial<Omit<MessageTemplate, 'id'>>,
): WorkspaceEdit {
  return mapConnection(connectionId, (c) => ({
    ...c,
    templates: c.templates.map((t) => (t.id === templateId ? { ...t, ...patch, id: templateId } : t)),
  }));
}

export function deleteTemplate(connectionId: string, templateId: string): WorkspaceEdit {
  return (ws) => {
    const removed = tree.nothingRemoved();
    const connections = ws.connections.map((c) => {
      if (c.id !== connectionId) return c;
      const index = c.templates.findIndex((t) => t.id === templateId);
      const item = c.templates[index];
      if (!item) return c;
      removed.templates.push({ connectionId, item, index });
      return { ...c, templates: c.templates.filter((t) => t.id !== templateId) };
    });
    return withRemoved({ workspace: { ...ws, connections }, removed });
  };
}

/** Adds a scenario (with its id) at the end of a connection's list. */
export function addScenario(connectionId: string, scenario: Scenario): WorkspaceEdit {
  return mapConnection(connectionId, (c) => ({ ...c, scenarios: [...c.scenarios, scenario] }));
}

/** Renames a scenario or replaces its steps. */
export function updateScenario(
  connectionId: string,
  scenarioId: string,
  patch: Partial<Omit<Scenario, 'id'>>,
): WorkspaceEdit {
  return mapConnection(connectionId, (c) => ({
    ...c,
    scenarios: c.scenarios.map((s) => (s.id === scenarioId ? { ...s, ...patch, id: scenarioId } : s)),
  }));
}

export function deleteScenario(connectionId: string, scenarioId: string): WorkspaceEdit {
  return (ws) => {
    const removed = tree.nothingRemoved();
    const connections = ws.connections.map((c) => {
      if (c.id !== connectionId) return c;
      const index = c.scenarios.findIndex((s) => s.id === scenarioId);
      const item = c.scenarios[index];
      if (!item) return c;
      removed.scenarios.push({ connectionId, item, index });
      return { ...c, scenarios: c.scenarios.filter((s) => s.id !== scenarioId) };
    });
    return withRemoved({ workspace: { ...ws, connections }, removed });
  };
}

/** A copy of a scenario right after it, named "… (copy)". */
export function duplicateScenario(connectionId: string, scenarioId: string, copyId: string): WorkspaceEdit {
  return mapConnection(connectionId, (c) => {
    const index = c.scenarios.findIndex((s) => s.id === scenarioId);
    const original = c.scenarios[index];
    if (!original) return c;
    const name = copyName(
      original.name,
      c.scenarios.map((s) => s.name),
    );
    const copy = { ...structuredClone(original), id: copyId, name };
    return { ...c, scenarios: tree.insertAt(c.scenarios, index + 1, copy) };
  });
}

/** A copy of a template right after it, named "… (copy)". */
export function duplicateTemplate(connectionId: string, templateId: string, copyId: string): WorkspaceEdit {
  return mapConnection(connectionId, (c) => {
    const index = c.templates.findIndex((t) => t.id === templateId);
    const original = c.templates[index];
    if (!original) return c;
    const name = copyName(
      original.name,
      c.templates.map((t) => t.name),
    );
    return { ...c, templates: tree.insertAt(c.templates, index + 1, { ...original, id: copyId, name }) };
  });
}

/** Moves a template up (-1) or down (+1) in its connection's list; at either end nothing changes. */
export function moveTemplate(connectionId: string, templateId: string, offset: -1 | 1): WorkspaceEdit {
  return mapConnection(connectionId, (c) => {
    const from = c.templates.findIndex((t) => t.id === templateId);
    const to = from + offset;
    if (from < 0 || to < 0 || to >= c.templates.length) return c;
    const templates = [...c.templates];
    const [moved] = templates.splice(from, 1);
    if (moved) templates.splice(to, 0, moved);
    return { ...c, templates };
  });
}

/** An empty named environment after the others. */
export function createEnvironment(environment: { id: string; name: string }): WorkspaceEdit {
  return (ws) => changed({ ...ws, environments: [...ws.environments, { ...environment, variables: [] }] });
}

export function renameEnvironment(id: string, name: string): WorkspaceEdit {
  return (ws) =>
    changed({ ...ws, environments: ws.environments.map((e) => (e.id === id ? { ...e, name } : e)) });
}

export function setEnvironmentVariables(id: string, variables: Variable[]): WorkspaceEdit {
  return (ws) =>
    changed({ ...ws, environments: ws.environments.map((e) => (e.id === id ? { ...e, variables } : e)) });
}

/** The global environment cannot be deleted, only emptied. */
export function deleteEnvironment(id: string): WorkspaceEdit {
  return (ws) => {
    const index = ws.environments.findIndex((e) => e.id === id);
    const item = ws.environments[index];
    if (id === GLOBAL_ENVIRONMENT_ID || !item) return changed(ws);
    const removed = tree.nothingRemoved();
    removed.environments.push({ item, index });
    return withRemoved({
      workspace: { ...ws, environments: ws.environments.filter((e) => e.id !== id) },
      removed,
    });
  };
}

export function setTimelineCap(timelineCap: number): WorkspaceEdit {
  return (ws) => changed({ ...ws, settings: { ...ws.settings, timelineCap } });
}

/** Sets how many sessions and bytes History keeps. */
export function setArchiveLimits(limits: {
  archiveMaxSessions: number;
  archiveMaxBytes: number;
}): WorkspaceEdit {
  return (ws) => changed({ ...ws, settings: { ...ws.settings, ...limits } });
}

/** Puts back what an edit removed (Undo), where it was. */
export function restore(removed: tree.RemovedItems): WorkspaceEdit {
  return (ws) => changed(tree.restoreRemoved(ws, removed));
}

/** Takes an import the user confirmed: `merge` adds the document to whatever workspace is current. */
export function importDocument(merge: (workspace: Workspace) => Workspace): WorkspaceEdit {
  return (ws) => changed(merge(ws));
}

/** "Echo" → "Echo (copy)", then "Echo (copy 2)" … so duplicates stay tellable apart. */
export function copyName(name: string, taken: readonly string[]): string {
  return suffixedName(name, taken, 'copy');
}

function mapConnection(id: string, update: (connection: SavedConnection) => SavedConnection): WorkspaceEdit {
  return (ws) => changed({ ...ws, connections: ws.connections.map((c) => (c.id === id ? update(c) : c)) });
}

function isEmpty(removed: tree.RemovedItems): boolean {
  return Object.values(removed).every((list: unknown[]) => list.length === 0);
}

/** "collection “Team”", "template “Ping”", "2 items": what an undo notice names. */
export function describeRemoved(removed: tree.RemovedItems): string {
  const named = (kind: string, name: string) => `${kind} “${name}”`;
  const [collection] = removed.collections;
  if (collection) return named('collection', collection.item.name);
  const [folder] = removed.folders;
  if (folder) return named('folder', folder.item.name);
  const [connection] = removed.connections;
  if (connection && removed.connections.length === 1) return named('connection', connection.item.name);
  const [template] = removed.templates;
  if (template && removed.templates.length === 1) return named('template', template.item.name);
  const [scenario] = removed.scenarios;
  if (scenario && removed.scenarios.length === 1) return named('scenario', scenario.item.name);
  const [environment] = removed.environments;
  if (environment && removed.environments.length === 1) return named('environment', environment.item.name);
  const count = Object.values(removed).reduce((sum: number, list: unknown[]) => sum + list.length, 0);
  return `${count} items`;
}
