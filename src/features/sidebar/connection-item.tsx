import { useState } from 'react';
import { ActionMenu } from '@/components/action-menu';
import { IconButton } from '@/components/icon-button';
import { InlineRename } from '@/components/inline-rename';
import { FORMAT_LABELS, type SavedConnection } from '@/core/workspace/workspace';
import { useTabsStore } from '@/stores/tabs-store';
import { indent, reorderActions, useTree, type SiblingPosition } from './tree-context';
import {
  deleteConnection,
  duplicateConnection,
  moveAmongSiblings,
  updateConnection,
} from '@/runtime/commands/workspace-commands';
import { ChevronDownIcon, ChevronRightIcon, DuplicateIcon, PencilIcon, TrashIcon } from '@/components/icons';

/** One saved connection: open, rename in place, duplicate, move, export, share, delete (with undo), templates. */
export function ConnectionItem(props: {
  connection: SavedConnection;
  depth: number;
  position: SiblingPosition;
}) {
  const { connection, depth, position } = props;
  const tree = useTree();
  const isActive = useTabsStore((s) =>
    s.tabs.some((t) => t.id === s.activeTabId && t.connectionId === connection.id),
  );
  const [expanded, setExpanded] = useState(false);
  const renaming = tree.renamingId === connection.id;

  // Open tabs keep working (the command unlinks them); the live socket is left alone.
  const onDelete = () => deleteConnection(connection.id);

  return (
    <li className={`connection-item${isActive ? ' active' : ''}`}>
      <div className="connection-row-item" style={indent(depth)}>
        <button
          type="button"
          className="icon-button expander"
          aria-label={`${expanded ? 'Collapse' : 'Expand'} ${connection.name}`}
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? <ChevronDownIcon /> : <ChevronRightIcon />}
        </button>
        {renaming ? (
          <InlineRename
            label="Connection name"
            name={connection.name}
            onRename={(name) => updateConnection(connection.id, { name })}
            onDone={() => tree.setRenamingId(null)}
          />
        ) : (
          <button
            type="button"
            className="connection-open"
            onClick={() => tree.openConnection(connection.id)}
            title={connection.url}
          >
            <span className="connection-name">{connection.name}</span>
            <span className="connection-url">{connection.url || 'No URL yet'}</span>
            {connection.protocols.length > 0 && (
              <span className="connection-url">Subprotocols: {connection.protocols.join(', ')}</span>
            )}
          </button>
        )}
        <div className="item-actions">
          <IconButton
            label={`Rename ${connection.name}`}
            title="Rename"
            onClick={() => tree.setRenamingId(connection.id)}
          >
            <PencilIcon />
          </IconButton>
          <IconButton
            label={`Duplicate ${connection.name}`}
            title="Duplicate"
            onClick={() => duplicateConnection(connection.id)}
          >
            <DuplicateIcon />
          </IconButton>
          <IconButton label={`Delete ${connection.name}`} title="Delete (can be undone)" onClick={onDelete}>
            <TrashIcon />
          </IconButton>
          <ActionMenu
            label={`More actions for ${connection.name}`}
            actions={[
              {
                label: 'Move to…',
                onSelect: () =>
                  tree.openDialog({
                    kind: 'move-connection',
                    connectionId: connection.id,
                    name: connection.name,
                  }),
              },
              ...reorderActions(position, (offset) =>
                moveAmongSiblings({ kind: 'connection', id: connection.id }, offset),
              ),
              {
                label: 'Export as file…',
                onSelect: () =>
                  tree.openDialog({
                    kind: 'export',
                    scope: { kind: 'connection', id: connection.id },
                    name: connection.name,
                    mode: 'file',
                  }),
              },
              {
                label: 'Share link…',
                onSelect: () =>
                  tree.openDialog({
                    kind: 'export',
                    mode: 'link',
                    scope: { kind: 'connection', id: connection.id },
                    name: connection.name,
                  }),
              },
            ]}
          />
        </div>
      </div>
      {expanded && (
        <ul className="template-names" aria-label={`Templates of ${connection.name}`}>
          {connection.templates.length === 0 ? (
            <li className="muted" style={indent(depth + 2)}>
              No templates
            </li>
          ) : (
            connection.templates.map((t) => (
              <li key={t.id} style={indent(depth + 2)}>
                <button
                  type="button"
                  className="template-open"
                  title="Open in a tab with this message"
                  onClick={() => tree.openTemplate(connection.id, t.body, t.format)}
                >
                  <span className="format-tag">{FORMAT_LABELS[t.format]}</span> {t.name}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </li>
  );
}
