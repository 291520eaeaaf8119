import { mapTemplateIds, type Scenario } from '../scenario/scenario';
import type { Environment } from '../template/environment';
import type { Variable } from '../template/variable';
import {
  createDefaultCollection,
  DEFAULT_COLLECTION_ID,
  type Collection,
  type ConnectionFields,
  type Folder,
  type MessageTemplate,
  type SavedConnection,
  type Workspace,
} from './workspace';

/**
 * The collection tree's edits, as pure functions over the workspace: collections hold folders (nested through
 * `parentId`) and connections (placed by `collectionId` and `folderId`). Ids come from the caller so that the
 * functions stay deterministic under test.
 */

export type NewId = () => string;

/** Where a connection or folder sits: a collection, and a folder in it or its top level (null). */
export interface TreePlace {
  collectionId: string;
  folderId: string | null;
}

/**
 * What one removal took out, with each item's index, so an undo can put everything back where it was. One shape
 * for every kind of item: a deleted collection fills `collections`, `folders` and `connections`; a deleted
 * template only `templates`.
 */
export interface RemovedItems {
  collections: { item: Collection; index: number }[];
  folders: { collectionId: string; item: Folder; index: number }[];
  connections: { item: SavedConnection; index: number }[];
  templates: { connectionId: string; item: MessageTemplate; index: number }[];
  scenarios: { connectionId: string; item: Scenario; index: number }[];
  environments: { item: Environment; index: number }[];
}

/** A removal that took nothing (yet). */
export function nothingRemoved(): RemovedItems {
  return { collections: [], folders: [], connections: [], templates: [], scenarios: [], environments: [] };
}

/** The folder and every folder nested in it, at any depth. */
export function folderAndDescendants(collection: Collection, folderId: string): Set<string> {
  const ids = new Set([folderId]);
  // Folders may be listed before their parents, so repeat until nothing new is found.
  for (let grew = true; grew;) {
    grew = false;
    for (const folder of collection.folders) {
      if (folder.parentId && ids.has(folder.parentId) && !ids.has(folder.id)) {
        ids.add(folder.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * A copy of a connection with fresh ids for it, its templates and scenarios; its automation and scenario steps
 * follow the new template ids.
 */
export function copyConnection(
  connection: SavedConnection,
  newId: NewId,
  overrides: Partial<Pick<SavedConnection, 'name' | 'collectionId' | 'folderId'>> = {},
): SavedConnection {
  const templateIds = new Map(connection.templates.map((t) => [t.id, newId()]));
  const mapTemplate = (id: string) => templateIds.get(id) ?? id;
  const { automation } = connection;
  return {
    ...connection,
    ...overrides,
    id: newId(),
    templates: connection.templates.map((t): MessageTemplate => ({ ...t, id: mapTemplate(t.id) })),
    automation: {
      ...automation,
      sendOnOpen: automation.sendOnOpen.map(mapTemplate),
      heartbeat: automation.heartbeat
        ? { ...automation.heartbeat, templateId: mapTemplate(automation.heartbeat.templateId) }
        : null,
    },
    scenarios: connection.scenarios.map((scenario) => ({
      ...scenario,
      id: newId(),
      steps: mapTemplateIds(scenario.steps, mapTemplate),
    })),
  };
}

/**
 * Adds a connection at the end of a place: the one given, else the first collection's top level. With no
 * collection to put it in, the default one is made, so a saved connection always has a home.
 */
export function addConnection(
  workspace: Workspace,
  connection: ConnectionFields,
  place?: TreePlace,
): Workspace {
  let { collections } = workspace;
  const target = place ?? { collectionId: collections[0]?.id ?? DEFAULT_COLLECTION_ID, folderId: null };
  if (!collections.some((c) => c.id === target.collectionId)) {
    collections = [...collections, { ...createDefaultCollection(), id: target.collectionId }];
  }
  return { ...workspace, collections, connections: [...workspace.connections, { ...connection, ...target }] };
}

/** Adds a collection after the others. */
export function addCollection(workspace: Workspace, collection: Collection): Workspace {
  return { ...workspace, collections: [...workspace.collections, collection] };
}

/** Applies a change to one collection. */
export function updateCollection(
  workspace: Workspace,
  id: string,
  patch: Partial<Pick<Collection, 'name' | 'variables'>>,
): Workspace {
  return {
    ...workspace,
    collections: workspace.collections.map((c) => (c.id === id ? { ...c, ...patch, id } : c)),
  };
}

/** Sets a collection's environment. */
export function setCollectionVariables(workspace: Workspace, id: string, variables: Variable[]): Workspace {
  return updateCollection(workspace, id, { variables });
}

/** A deep copy of a collection, placed after it: new ids throughout, the same structure and templates. */
export function duplicateCollection(
  workspace: Workspace,
  id: string,
  options: { newId: NewId; name: string },
): { workspace: Workspace; id: string | null } {
  const index = workspace.collections.findIndex((c) => c.id === id);
  const original = workspace.collections[index];
  if (!original) return { workspace, id: null };
  const copyId = options.newId();
  const folderIds = new Map(original.folders.map((f) => [f.id, options.newId()]));
  const mapFolder = (folderId: string | null) => (folderId ? (folderIds.get(folderId) ?? null) : null);
  const copy: Collection = {
    ...original,
    id: copyId,
    name: options.name,
    variables: original.variables.map((v) => ({ ...v })),
    folders: original.folders.map((f) => ({
      ...f,
      id: mapFolder(f.id) ?? f.id,
      parentId: mapFolder(f.parentId),
    })),
  };
  const copies = workspace.connections
    .filter((c) => c.collectionId === id)
    .map((c) => copyConnection(c, options.newId, { collectionId: copyId, folderId: mapFolder(c.folderId) }));
  return {
    workspace: {
      ...workspace,
      collections: insertAt(workspace.collections, index + 1, copy),
      connections: [...workspace.connections, ...copies],
    },
    id: copyId,
  };
}

/** A deep copy of a folder (its subfolders and connections too), placed beside it. */
export function duplicateFolder(
  workspace: Workspace,
  collectionId: string,
  folderId: string,
  options: { newId: NewId; name: string },
): { workspace: Workspace; id: string | null } {
  const collection = workspace.collections.find((c) => c.id === collectionId);
  const index = collection?.folders.findIndex((f) => f.id === folderId) ?? -1;
  const original = collection?.folders[index];
  if (!collection || !original) return { workspace, id: null };
  const inside = folderAndDescendants(collection, folderId);
  const folderIds = new Map([...inside].map((id) => [id, options.newId()]));
  const mapFolder = (id: string | null) => (id ? (folderIds.get(id) ?? id) : null);
  const copies: Folder[] = collection.folders
    .filter((f) => inside.has(f.id))
    .map((f) => ({
      id: mapFolder(f.id) ?? f.id,
      name: f.id === folderId ? options.name : f.name,
      // The copy's root stays beside the original; everything below follows the new ids.
      parentId: f.id === folderId ? f.parentId : mapFolder(f.parentId),
    }));
  const connections = workspace.connections
    .filter((c) => c.collectionId === collectionId && c.folderId !== null && inside.has(c.folderId))
    .map((c) => copyConnection(c, options.newId, { collectionId, folderId: mapFolder(c.folderId) }));
  const folders = [...collection.folders];
  folders.splice(index + 1, 0, ...copies);
  return {
    workspace: {
      ...workspace,
      collections: workspace.collections.map((c) => (c.id === collectionId ? { ...c, folders } : c)),
      connections: [...workspace.connections, ...connections],
    },
    id: folderIds.get(folderId) ?? null,
  };
}

/** Adds an empty folder at the end of its parent. */
export function addFolder(workspace: Workspace, collectionId: string, folder: Folder): Workspace {
  return {
    ...workspace,
    collections: workspace.collections.map((c) =>
      c.id === collectionId ? { ...c, folders: [...c.folders, folder] } : c,
    ),
  };
}

/** Renames a folder. */
export function renameFolder(
  workspace: Workspace,
  collectionId: string,
  folderId: string,
  name: string,
): Workspace {
  return {
    ...workspace,
    collections: workspace.collections.map((c) =>
      c.id === collectionId
        ? { ...c, folders: c.folders.map((f) => (f.id === folderId ? { ...f, name } : f)) }
        : c,
    ),
  };
}

/** Removes a collection with everything in it. */
export function removeCollection(
  workspace: Workspace,
  id: string,
): { workspace: Workspace; removed: RemovedItems } {
  const index = workspace.collections.findIndex((c) => c.id === id);
  const collection = workspace.collections[index];
  const removed = nothingRemoved();
  if (!collection) return { workspace, removed };
  removed.collections.push({ item: collection, index });
  return {
    workspace: {
      ...workspace,
      collections: workspace.collections.filter((c) => c.id !== id),
      connections: keepConnections(workspace.connections, (c) => c.collectionId !== id, removed),
    },
    removed,
  };
}

/** Removes a folder, its subfolders and every connection in them. */
export function removeFolder(
  workspace: Workspace,
  collectionId: string,
  folderId: string,
): { workspace: Workspace; removed: RemovedItems } {
  const removed = nothingRemoved();
  const collection = workspace.collections.find((c) => c.id === collectionId);
  if (!collection) return { workspace, removed };
  const inside = folderAndDescendants(collection, folderId);
  collection.folders.forEach((item, index) => {
    if (inside.has(item.id)) removed.folders.push({ collectionId, item, index });
  });
  if (removed.folders.length === 0) return { workspace, removed };
  return {
    workspace: {
      ...workspace,
      collections: workspace.collections.map((c) =>
        c.id === collectionId ? { ...c, folders: c.folders.filter((f) => !inside.has(f.id)) } : c,
      ),
      connections: keepConnections(
        workspace.connections,
        (c) => !(c.collectionId === collectionId && c.folderId !== null && inside.has(c.folderId)),
        removed,
      ),
    },
    removed,
  };
}

/** Removes one connection. */
export function removeConnection(
  workspace: Workspace,
  id: string,
): { workspace: Workspace; removed: RemovedItems } {
  const removed = nothingRemoved();
  return {
    workspace: {
      ...workspace,
      connections: keepConnections(workspace.connections, (c) => c.id !== id, removed),
    },
    removed,
  };
}

/**
 * Puts removed items back at their old indices (ascending, so earlier ones do not shift later ones). Items
 * whose collection (or connection) has since gone are restored with it only if it was removed together with
 * them; an item already back (by id) is not added twice.
 */
export function restoreRemoved(workspace: Workspace, removed: RemovedItems): Workspace {
  let { collections, connections, environments } = workspace;
  const ascending = <T extends { index: number }>(list: readonly T[]) =>
    [...list].sort((a, b) => a.index - b.index);
  for (const { item, index } of ascending(removed.collections)) {
    if (!collections.some((c) => c.id === item.id)) collections = insertAt(collections, index, item);
  }
  for (const { collectionId, item, index } of ascending(removed.folders)) {
    collections = collections.map((c) =>
      c.id === collectionId && !c.folders.some((f) => f.id === item.id)
        ? { ...c, folders: insertAt(c.folders, index, item) }
        : c,
    );
  }
  for (const { item, index } of ascending(removed.connections)) {
    if (!connections.some((c) => c.id === item.id)) connections = insertAt(connections, index, item);
  }
  for (const { connectionId, item, index } of ascending(removed.templates)) {
    connections = connections.map((c) =>
      c.id === connectionId && !c.templates.some((t) => t.id === item.id)
        ? { ...c, templates: insertAt(c.templates, index, item) }
        : c,
    );
  }
  for (const { connectionId, item, index } of ascending(removed.scenarios ?? [])) {
    connections = connections.map((c) =>
      c.id === connectionId && !c.scenarios.some((t) => t.id === item.id)
        ? { ...c, scenarios: insertAt(c.scenarios, index, item) }
        : c,
    );
  }
  for (const { item, index } of ascending(removed.environments)) {
    if (!environments.some((e) => e.id === item.id)) environments = insertAt(environments, index, item);
  }
  return { ...workspace, collections, connections, environments };
}

/** Moves a connection to another collection or folder (to the end of it). */
export function moveConnection(workspace: Workspace, id: string, to: TreePlace): Workspace {
  const connection = workspace.connections.find((c) => c.id === id);
  if (!connection || !isPlace(workspace, to)) return workspace;
  const moved = { ...connection, collectionId: to.collectionId, folderId: to.folderId };
  return { ...workspace, connections: [...workspace.connections.filter((c) => c.id !== id), moved] };
}

/**
 * Moves a folder with everything in it into another folder or collection. A folder cannot move into itself
 * or its own subfolders: that move is refused (the workspace comes back unchanged).
 */
export function moveFolder(
  workspace: Workspace,
  from: { collectionId: string; folderId: string },
  to: TreePlace,
): Workspace {
  const source = workspace.collections.find((c) => c.id === from.collectionId);
  const folder = source?.folders.find((f) => f.id === from.folderId);
  if (!source || !folder || !isPlace(workspace, to)) return workspace;
  const inside = folderAndDescendants(source, folder.id);
  if (to.collectionId === source.id && to.folderId !== null && inside.has(to.folderId)) return workspace;
  const movedFolders = source.folders
    .filter((f) => inside.has(f.id))
    .map((f) => (f.id === folder.id ? { ...f, parentId: to.folderId } : f));
  const collections = workspace.collections.map((c) => {
    const others = c.id === source.id ? c.folders.filter((f) => !inside.has(f.id)) : c.folders;
    return c.id === to.collectionId
      ? { ...c, folders: [...others, ...movedFolders] }
      : c.id === source.id
        ? { ...c, folders: others }
        : c;
  });
  const connections = workspace.connections.map((c) =>
    c.collectionId === source.id && c.folderId !== null && inside.has(c.folderId)
      ? { ...c, collectionId: to.collectionId }
      : c,
  );
  return { ...workspace, collections, connections };
}

/** Which item to move up (-1) or down (+1) among its siblings. */
export type SiblingMove =
  | { kind: 'collection'; id: string }
  | { kind: 'folder'; collectionId: string; id: string }
  | { kind: 'connection'; id: string };

/**
 * Swaps an item with its previous (-1) or next (+1) sibling: collections in the sidebar, folders in their parent,
 * connections in their folder. At either end nothing changes.
 */
export function moveAmongSiblings(workspace: Workspace, item: SiblingMove, offset: -1 | 1): Workspace {
  if (item.kind === 'collection') {
    return { ...workspace, collections: swapSibling(workspace.collections, item.id, () => true, offset) };
  }
  if (item.kind === 'folder') {
    return {
      ...workspace,
      collections: workspace.collections.map((c) => {
        const folder = c.folders.find((f) => f.id === item.id);
        if (c.id !== item.collectionId || !folder) return c;
        return {
          ...c,
          folders: swapSibling(c.folders, item.id, (f) => f.parentId === folder.parentId, offset),
        };
      }),
    };
  }
  const connection = workspace.connections.find((c) => c.id === item.id);
  if (!connection) return workspace;
  const sameParent = (c: SavedConnection) =>
    c.collectionId === connection.collectionId && c.folderId === connection.folderId;
  return { ...workspace, connections: swapSibling(workspace.connections, item.id, sameParent, offset) };
}

/** Swaps the item with the nearest sibling (as `isSibling` says) before or after it in the list. */
function swapSibling<T extends { id: string }>(
  list: readonly T[],
  id: string,
  isSibling: (item: T) => boolean,
  offset: -1 | 1,
): T[] {
  const from = list.findIndex((item) => item.id === id);
  if (from < 0) return [...list];
  let to = from + offset;
  while (to >= 0 && to < list.length && !isSibling(list[to]!)) to += offset;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** "Team / Auth / Login": where an item sits, for menus that list destinations. */
export function folderPath(collection: Collection, folderId: string | null): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let id = folderId; id && !seen.has(id);) {
    seen.add(id);
    const folder = collection.folders.find((f) => f.id === id);
    if (!folder) break;
    names.unshift(folder.name);
    id = folder.parentId;
  }
  return [collection.name, ...names];
}

function isPlace(workspace: Workspace, place: TreePlace): boolean {
  const collection = workspace.collections.find((c) => c.id === place.collectionId);
  return !!collection && (place.folderId === null || collection.folders.some((f) => f.id === place.folderId));
}

function keepConnections(
  connections: SavedConnection[],
  keep: (connection: SavedConnection) => boolean,
  removed: RemovedItems,
): SavedConnection[] {
  return connections.filter((item, index) => {
    if (keep(item)) return true;
    removed.connections.push({ item, index });
    return false;
  });
}

/** A copy of the list with the item at `index` (clamped to the list). */
export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  const at = Math.min(Math.max(index, 0), list.length);
  return [...list.slice(0, at), item, ...list.slice(at)];
}
