import { ActionMenu } from '@/components/action-menu';
import { InlineRename } from '@/components/inline-rename';
import type { Collection } from '@/core/workspace/workspace';
import { TreeChildren } from './tree-children';
import { indent, reorderActions, useTree, type SiblingPosition } from './tree-context';
import {
  createFolder,
  deleteCollection,
  duplicateCollection,
  moveAmongSiblings,
  renameCollection,
} from '@/runtime/commands/workspace-commands';
import { ChevronDownIcon, ChevronRightIcon } from '@/components/icons';

/** A collection: its folders and connections, its variables, export and share, and the usual edits. */
export function CollectionItem({
  collection,
  position,
}: {
  collection: Collection;
  position: SiblingPosition;
}) {
  const tree = useTree();
  const expanded = !tree.isCollapsed(collection.id);
  const variableCount = collection.variables.length;

  return (
    <li className="collection-item">
      <div className="connection-row-item tree-row collection-row" style={indent(0)}>
        <button
          type="button"
          className="icon-button expander"
          aria-label={`${expanded ? 'Collapse' : 'Expand'} collection ${collection.name}`}
          aria-expanded={expanded}
          onClick={() => tree.toggle(collection.id)}
        >
          {expanded ? <ChevronDownIcon /> : <ChevronRightIcon />}
        </button>
        {tree.renamingId === collection.id ? (
          <InlineRename
            label="Collection name"
            name={collection.name}
            onRename={(name) => renameCollection(collection.id, name)}
            onDone={() => tree.setRenamingId(null)}
          />
        ) : (
          <button type="button" className="tree-label" onClick={() => tree.toggle(collection.id)}>
            <span className="connection-name">{collection.name}</span>
            {variableCount > 0 && (
              <span className="muted tree-badge" title="Variables of this collection">
                {variableCount === 1 ? '1 variable' : `${variableCount} variables`}
              </span>
            )}
          </button>
        )}
        <div className="item-actions">
          <ActionMenu
            label={`Actions for collection ${collection.name}`}
            actions={[
              { label: 'New connection', onSelect: () => tree.newConnection(collection.id, null) },
              {
                label: 'New folder',
                onSelect: () => {
                  tree.expand(collection.id);
                  tree.setRenamingId(createFolder(collection.id, null, 'New folder'));
                },
              },
              {
                label: 'Variables…',
                onSelect: () => tree.openDialog({ kind: 'variables', collectionId: collection.id }),
              },
              {
                label: 'Export as file…',
                onSelect: () =>
                  tree.openDialog({
                    kind: 'export',
                    scope: { kind: 'collection', id: collection.id },
                    name: collection.name,
                    mode: 'file',
                  }),
              },
              {
                label: 'Share link…',
                onSelect: () =>
                  tree.openDialog({
                    kind: 'export',
                    mode: 'link',
                    scope: { kind: 'collection', id: collection.id },
                    name: collection.name,
                  }),
              },
              { label: 'Rename', onSelect: () => tree.setRenamingId(collection.id) },
              { label: 'Duplicate', onSelect: () => duplicateCollection(collection.id) },
              ...reorderActions(position, (offset) =>
                moveAmongSiblings({ kind: 'collection', id: collection.id }, offset),
              ),
              { label: 'Delete', danger: true, onSelect: () => deleteCollection(collection.id) },
            ]}
          />
        </div>
      </div>
      {expanded && <TreeChildren collection={collection} folderId={null} depth={1} />}
    </li>
  );
}
