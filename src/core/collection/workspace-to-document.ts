import { exportableVariables } from '../template/environment';
import {
  connectionFields,
  type Collection,
  type SavedConnection,
  type Workspace,
} from '../workspace/workspace';
import {
  createDocument,
  type CollectionDocument,
  type DocumentConnection,
  type DocumentItem,
} from './collection-document';

/** What to export or share: everything, one collection, or one connection with its templates. */
export type ExportScope =
  { kind: 'everything' } | { kind: 'collection'; id: string } | { kind: 'connection'; id: string };

/**
 * The part of the workspace a scope names, as a document tree. Secret variable values are left out here, at the
 * one place data leaves the app, so no export path can forget it. Null when the scope names nothing.
 */
export function workspaceToDocument(workspace: Workspace, scope: ExportScope): CollectionDocument | null {
  const document = createDocument('Frameline collection');
  if (scope.kind === 'connection') {
    const connection = workspace.connections.find((c) => c.id === scope.id);
    if (!connection) return null;
    document.connections.push(toDocumentConnection(connection));
    return document;
  }
  const collections =
    scope.kind === 'collection'
      ? workspace.collections.filter((c) => c.id === scope.id)
      : workspace.collections;
  if (scope.kind === 'collection' && collections.length === 0) return null;
  for (const collection of collections) {
    document.collections.push({
      id: collection.id,
      name: collection.name,
      variables: exportableVariables(collection.variables),
      items: itemsUnder(collection, null, workspace.connections),
    });
  }
  if (scope.kind === 'everything') {
    document.environments = workspace.environments.map((e) => ({
      id: e.id,
      name: e.name,
      variables: exportableVariables(e.variables),
    }));
  }
  return document;
}

/** A folder's (or the top level's) children: folders first, then connections, each in stored order. */
function itemsUnder(
  collection: Collection,
  folderId: string | null,
  connections: readonly SavedConnection[],
  visiting: Set<string> = new Set(),
): DocumentItem[] {
  const folders: DocumentItem[] = collection.folders
    .filter((f) => f.parentId === folderId && !visiting.has(f.id))
    .map((f) => ({
      type: 'folder',
      id: f.id,
      name: f.name,
      items: itemsUnder(collection, f.id, connections, new Set([...visiting, f.id])),
    }));
  const inFolder = connections
    .filter((c) => c.collectionId === collection.id && c.folderId === folderId)
    .map(toDocumentConnection);
  return [...folders, ...inFolder];
}

function toDocumentConnection(connection: SavedConnection): DocumentConnection {
  return { type: 'connection', ...connectionFields(connection) };
}
