import type { Collection } from '@/core/workspace/workspace';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { ConnectionItem } from './connection-item';
import { FolderItem } from './folder-item';
import { indent, siblingPosition } from './tree-context';

/** What sits directly in a collection or folder: its folders first, then its connections, in saved order. */
export function TreeChildren(props: { collection: Collection; folderId: string | null; depth: number }) {
  const { collection, folderId, depth } = props;
  const connections = useWorkspaceStore((s) => s.workspace.connections);
  const folders = collection.folders.filter((f) => f.parentId === folderId);
  const here = connections.filter((c) => c.collectionId === collection.id && c.folderId === folderId);

  if (folders.length === 0 && here.length === 0) {
    return (
      <p className="muted tree-empty" style={indent(depth + 1)}>
        {folderId ? 'Empty folder' : 'No connections yet'}
      </p>
    );
  }
  return (
    <ul className="connection-list">
      {folders.map((folder, index) => (
        <FolderItem
          key={folder.id}
          collection={collection}
          folder={folder}
          depth={depth}
          position={siblingPosition(index, folders.length)}
        />
      ))}
      {here.map((connection, index) => (
        <ConnectionItem
          key={connection.id}
          connection={connection}
          depth={depth}
          position={siblingPosition(index, here.length)}
        />
      ))}
    </ul>
  );
}
