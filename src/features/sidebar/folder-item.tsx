import { ActionMenu } from '@/components/action-menu';
import { InlineRename } from '@/components/inline-rename';
import type { Collection, Folder } from '@/core/workspace/workspace';
import { TreeChildren } from './tree-children';
import { indent, reorderActions, useTree, type SiblingPosition } from './tree-context';
import {
  createFolder,
  deleteFolder,
  duplicateFolder,
  moveAmongSiblings,
  renameFolder,
} from '@/runtime/commands/workspace-commands';
import { ChevronDownIcon, ChevronRightIcon } from '@/components/icons';

/** A folder of a collection: expand, rename, new connection or subfolder, duplicate, move, delete (with undo). */
export function FolderItem(props: {
  collection: Collection;
  folder: Folder;
  depth: number;
  position: SiblingPosition;
}) {
  const { collection, folder, depth, position } = props;
  const tree = useTree();
  const expanded = !tree.isCollapsed(folder.id);

  return (
    <li className="folder-item">
      <div className="connection-row-item tree-row" style={indent(depth)}>
        <button
          type="button"
          className="icon-button expander"
          aria-label={`${expanded ? 'Collapse' : 'Expand'} folder ${folder.name}`}
          aria-expanded={expanded}
          onClick={() => tree.toggle(folder.id)}
        >
          {expanded ? <ChevronDownIcon /> : <ChevronRightIcon />}
        </button>
        {tree.renamingId === folder.id ? (
          <InlineRename
            label="Folder name"
            name={folder.name}
            onRename={(name) => renameFolder(collection.id, folder.id, name)}
            onDone={() => tree.setRenamingId(null)}
          />
        ) : (
          <button type="button" className="tree-label" onClick={() => tree.toggle(folder.id)}>
            <FolderIcon open={expanded} />
            <span className="connection-name">{folder.name}</span>
          </button>
        )}
        <div className="item-actions">
          <ActionMenu
            label={`Actions for folder ${folder.name}`}
            actions={[
              { label: 'New connection', onSelect: () => tree.newConnection(collection.id, folder.id) },
              {
                label: 'New folder',
                onSelect: () => {
                  tree.expand(folder.id);
                  tree.setRenamingId(createFolder(collection.id, folder.id, 'New folder'));
                },
              },
              { label: 'Rename', onSelect: () => tree.setRenamingId(folder.id) },
              { label: 'Duplicate', onSelect: () => duplicateFolder(collection.id, folder.id) },
              {
                label: 'Move to…',
                onSelect: () =>
                  tree.openDialog({
                    kind: 'move-folder',
                    collectionId: collection.id,
                    folderId: folder.id,
                    name: folder.name,
                  }),
              },
              ...reorderActions(position, (offset) =>
                moveAmongSiblings({ kind: 'folder', collectionId: collection.id, id: folder.id }, offset),
              ),
              { label: 'Delete', danger: true, onSelect: () => deleteFolder(collection.id, folder.id) },
            ]}
          />
        </div>
      </div>
      {expanded && <TreeChildren collection={collection} folderId={folder.id} depth={depth + 1} />}
    </li>
  );
}

/** A small folder glyph drawn inline: emoji fonts are not everywhere. */
function FolderIcon({ open }: { open: boolean }) {
  return (
    <svg className="folder-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
      <path
        d={open ? 'M1.5 4v8.5h11l2-6H4l-2 6' : 'M1.5 3.5h4.5l1.5 1.5h7v7.5h-13z'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinejoin="round"
      />
    </svg>
  );
}
