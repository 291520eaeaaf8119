import { suffixedName } from '../shared/suffixed-name';
import type { Environment } from '../template/environment';
import type { Variable } from '../template/variable';
import {
  connectionFields,
  type Collection,
  type ConnectionFields,
  type Folder,
  type SavedConnection,
  type Workspace,
} from '../workspace/workspace';
import type { NewId } from '../workspace/workspace-tree';
import {
  connectionsIn,
  type CollectionDocument,
  type DocumentCollection,
  type DocumentConnection,
  type DocumentItem,
  type RecordedTimeline,
} from './collection-document';

/** What to do with an item whose id is already in the workspace. New items are always added. */
export type ImportChoice = 'copy' | 'replace';

/**
 * The choice made for an item, 'copy' when none was. Only own entries count: an item whose id is "constructor"
 * or "toString" must not pick up what every object inherits.
 */
export function importChoice(choices: Readonly<Record<string, ImportChoice>>, id: string): ImportChoice {
  return Object.hasOwn(choices, id) && choices[id] === 'replace' ? 'replace' : 'copy';
}

/** One top-level item of an import, as the preview lists it. */
export interface ImportPreviewItem {
  kind: 'collection' | 'connection' | 'environment';
  id: string;
  name: string;
  /** The stored item with the same id, if any: the user picks copy (default) or replace. */
  existing: { name: string } | null;
  folders: number;
  connections: number;
  templates: number;
  variables: number;
  /** Hosts its connections would connect to ("127.0.0.1:8787", "{{host}}"), once each. */
  hosts: string[];
}

/** Lists what a document would add, and which items already exist. Pure: nothing is stored. */
export function previewImport(workspace: Workspace, document: CollectionDocument): ImportPreviewItem[] {
  return [
    ...document.collections.map((c) =>
      previewItem('collection', c, workspace.collections, {
        folders: countFolders(c.items),
        connections: connectionsIn(c.items),
        variables: c.variables.length,
      }),
    ),
    ...document.connections.map((c) =>
      previewItem('connection', c, workspace.connections, { connections: [c] }),
    ),
    ...document.environments.map((e) =>
      previewItem('environment', e, workspace.environments, { variables: e.variables.length }),
    ),
  ];
}

function previewItem(
  kind: ImportPreviewItem['kind'],
  item: { id: string; name: string },
  stored: readonly { id: string; name: string }[],
  contents: { folders?: number; connections?: readonly DocumentConnection[]; variables?: number },
): ImportPreviewItem {
  const existing = stored.find((s) => s.id === item.id);
  const connections = contents.connections ?? [];
  return {
    kind,
    id: item.id,
    name: item.name,
    existing: existing ? { name: existing.name } : null,
    folders: contents.folders ?? 0,
    connections: connections.length,
    templates: connections.reduce((sum, c) => sum + c.templates.length, 0),
    variables: contents.variables ?? 0,
    hosts: hostsOf(connections),
  };
}

export interface ImportOptions {
  /** By top-level item id; an item that exists and has no choice is imported as a copy. */
  choices: Readonly<Record<string, ImportChoice>>;
  /** Where connections shared on their own go; null (or a collection that is gone) makes a new collection. */
  targetCollectionId: string | null;
  newId: NewId;
}

export interface ImportResult {
  workspace: Workspace;
  /** The document's connection ids mapped to the ids they were stored under (copies get new ones). */
  connectionIds: Map<string, string>;
  /** Recorded timelines, pointing at the stored connections. */
  timelines: RecordedTimeline[];
}

/**
 * Adds a document to the workspace as the user chose. Nothing stored is lost unless the user chose "replace"
 * for it; ids stay unique; a replaced item keeps its place and the local values of its secret variables (which
 * an export never carries).
 */
export function applyImport(
  workspace: Workspace,
  document: CollectionDocument,
  options: ImportOptions,
): ImportResult {
  const taken = new Set<string>([
    ...workspace.collections.flatMap((c) => [c.id, ...c.folders.map((f) => f.id)]),
    ...workspace.connections.map((c) => c.id),
  ]);
  const connectionIds = new Map<string, string>();
  let collections = [...workspace.collections];
  let connections = [...workspace.connections];
  const replaces = (id: string) => importChoice(options.choices, id) === 'replace';

  for (const incoming of document.collections) {
    const index = collections.findIndex((c) => c.id === incoming.id);
    const existing = collections[index];
    if (existing && replaces(incoming.id)) {
      // Its own old ids are free again: the replacement may reuse them.
      for (const id of [existing.id, ...existing.folders.map((f) => f.id)]) taken.delete(id);
      connections = connections.filter((c) => {
        if (c.collectionId !== existing.id) return true;
        taken.delete(c.id);
        return false;
      });
      const flat = flattenCollection(incoming, {
        id: existing.id,
        taken,
        newId: options.newId,
        connectionIds,
      });
      collections[index] = {
        ...flat.collection,
        variables: keepLocalSecrets(incoming.variables, existing.variables),
      };
      connections.push(...flat.connections);
    } else {
      const id = existing ? options.newId() : incoming.id;
      const name = existing
        ? importedName(
            incoming.name,
            collections.map((c) => c.name),
          )
        : incoming.name;
      const flat = flattenCollection(
        { ...incoming, name },
        { id, taken, newId: options.newId, connectionIds, freshIds: !!existing },
      );
      collections.push(flat.collection);
      connections.push(...flat.connections);
    }
  }

  if (document.connections.length > 0) {
    let target = collections.find((c) => c.id === options.targetCollectionId);
    if (!target) {
      target = {
        id: options.newId(),
        name: importedName(
          'Shared connections',
          collections.map((c) => c.name),
        ),
        variables: [],
        folders: [],
      };
      collections = [...collections, target];
    }
    for (const incoming of document.connections) {
      const index = connections.findIndex((c) => c.id === incoming.id);
      const existing = connections[index];
      if (existing && replaces(incoming.id)) {
        connections[index] = {
          ...toSaved(incoming, existing.id),
          collectionId: existing.collectionId,
          folderId: existing.folderId,
        };
        connectionIds.set(incoming.id, existing.id);
      } else {
        const id = uniqueId(incoming.id, taken, options.newId);
        connections.push({ ...toSaved(incoming, id), collectionId: target.id, folderId: null });
        connectionIds.set(incoming.id, id);
      }
    }
  }

  const environments = mergeEnvironments(workspace.environments, document.environments, options);
  const timelines = document.timelines.flatMap((timeline) => {
    const connectionId = connectionIds.get(timeline.connectionId);
    return connectionId ? [{ ...timeline, connectionId }] : [];
  });
  return { workspace: { ...workspace, collections, connections, environments }, connectionIds, timelines };
}

function flattenCollection(
  incoming: DocumentCollection,
  options: {
    id: string;
    taken: Set<string>;
    newId: NewId;
    connectionIds: Map<string, string>;
    /** A copy of something already here gets new ids throughout, so the two never get mixed up later. */
    freshIds?: boolean;
  },
): { collection: Collection; connections: SavedConnection[] } {
  const { taken, newId, connectionIds } = options;
  taken.add(options.id);
  const idFor = (id: string) => (options.freshIds ? claim(newId(), taken) : uniqueId(id, taken, newId));
  const folders: Folder[] = [];
  const connections: SavedConnection[] = [];
  const visit = (items: readonly DocumentItem[], parentId: string | null) => {
    for (const item of items) {
      if (item.type === 'folder') {
        const id = idFor(item.id);
        folders.push({ id, name: item.name, parentId });
        visit(item.items, id);
      } else {
        const id = idFor(item.id);
        connectionIds.set(item.id, id);
        connections.push({ ...toSaved(item, id), collectionId: options.id, folderId: parentId });
      }
    }
  };
  visit(incoming.items, null);
  return {
    collection: {
      id: options.id,
      name: incoming.name,
      variables: incoming.variables.map((v) => ({ ...v })),
      folders,
    },
    connections,
  };
}

function toSaved(connection: DocumentConnection, id: string): ConnectionFields {
  return { ...connectionFields(connection), id };
}

function mergeEnvironments(
  stored: readonly Environment[],
  incoming: readonly Environment[],
  options: ImportOptions,
): Environment[] {
  const environments = [...stored];
  for (const environment of incoming) {
    const index = environments.findIndex((e) => e.id === environment.id);
    const existing = environments[index];
    if (!existing) {
      environments.push(environment);
    } else if (importChoice(options.choices, environment.id) === 'replace') {
      environments[index] = {
        ...existing,
        variables: keepLocalSecrets(environment.variables, existing.variables),
      };
    } else {
      environments.push({
        ...environment,
        id: options.newId(),
        name: importedName(
          environment.name,
          environments.map((e) => e.name),
        ),
      });
    }
  }
  return environments;
}

/** A secret arrives without its value; where this machine has one under the same name, it stays. */
function keepLocalSecrets(incoming: readonly Variable[], local: readonly Variable[]): Variable[] {
  return incoming.map((variable) => {
    if (!variable.secret || variable.value !== '') return { ...variable };
    const kept = local.find((v) => v.name === variable.name && v.secret);
    return { ...variable, value: kept?.value ?? '' };
  });
}

/** "Team" → "Team (imported)", then "Team (imported 2)"… when the name is already in use. */
function importedName(name: string, taken: readonly string[]): string {
  return taken.includes(name) ? suffixedName(name, taken, 'imported') : name;
}

function uniqueId(id: string, taken: Set<string>, newId: NewId): string {
  return claim(taken.has(id) ? newId() : id, taken);
}

function claim(id: string, taken: Set<string>): string {
  taken.add(id);
  return id;
}

function countFolders(items: readonly DocumentItem[]): number {
  return items.reduce((sum, item) => sum + (item.type === 'folder' ? 1 + countFolders(item.items) : 0), 0);
}

/** The authority of each URL as written ("127.0.0.1:8787", "{{host}}"), so unresolved variables show too. */
function hostsOf(connections: readonly DocumentConnection[]): string[] {
  const hosts = connections.map(
    (c) => /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(c.url.trim())?.[1] ?? (c.url.trim() || '(no URL)'),
  );
  return [...new Set(hosts)];
}
