import { useState, type FormEvent } from 'react';
import { IconButton } from '@/components/icon-button';
import { FORMAT_LABELS, type SavedConnection, type TemplateFormat } from '@/core/workspace/workspace';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';

interface ConnectionItemProps {
  connection: SavedConnection;
  renaming: boolean;
  onRenamingChange(renaming: boolean): void;
  onOpen(): void;
  onOpenTemplate(body: string, format: TemplateFormat): void;
}

/** One saved connection: open, rename in place, duplicate, delete (with undo), and its templates. */
export function ConnectionItem(props: ConnectionItemProps) {
  const { connection, renaming, onRenamingChange, onOpen, onOpenTemplate } = props;
  const updateConnection = useWorkspaceStore((s) => s.updateConnection);
  const duplicateConnection = useWorkspaceStore((s) => s.duplicateConnection);
  const deleteConnection = useWorkspaceStore((s) => s.deleteConnection);
  const tabs = useTabsStore((s) => s.tabs);
  const unlinkConnection = useTabsStore((s) => s.unlinkConnection);
  const activeTabId = useTabsStore((s) => s.activeTabId);
  const [expanded, setExpanded] = useState(false);
  const [draftName, setDraftName] = useState(connection.name);
  const isActive = tabs.some((t) => t.id === activeTabId && t.connectionId === connection.id);

  const commitRename = (event?: FormEvent) => {
    event?.preventDefault();
    const name = draftName.trim();
    if (name && name !== connection.name) updateConnection(connection.id, { name });
    onRenamingChange(false);
  };

  const onDelete = () => {
    // Open tabs keep working; they are just no longer linked. The live socket is left alone.
    unlinkConnection(connection.id);
    deleteConnection(connection.id);
  };

  return (
    <li className={`connection-item${isActive ? ' active' : ''}`}>
      <div className="connection-row-item">
        <button
          type="button"
          className="icon-button expander"
          aria-label={`${expanded ? 'Collapse' : 'Expand'} ${connection.name}`}
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? '▾' : '▸'}
        </button>
        {renaming ? (
          <form className="rename-form" onSubmit={commitRename}>
            <input
              autoFocus
              type="text"
              aria-label="Connection name"
              value={draftName}
              onFocus={(e) => e.target.select()}
              onChange={(e) => setDraftName(e.target.value)}
              onBlur={() => commitRename()}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  setDraftName(connection.name);
                  onRenamingChange(false);
                }
              }}
            />
          </form>
        ) : (
          <button type="button" className="connection-open" onClick={onOpen} title={connection.url}>
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
            onClick={() => {
              setDraftName(connection.name);
              onRenamingChange(true);
            }}
          >
            ✎
          </IconButton>
          <IconButton
            label={`Duplicate ${connection.name}`}
            title="Duplicate"
            onClick={() => duplicateConnection(connection.id)}
          >
            ⧉
          </IconButton>
          <IconButton label={`Delete ${connection.name}`} title="Delete (can be undone)" onClick={onDelete}>
            🗑
          </IconButton>
        </div>
      </div>
      {expanded && (
        <ul className="template-names" aria-label={`Templates of ${connection.name}`}>
          {connection.templates.length === 0 ? (
            <li className="muted">No templates</li>
          ) : (
            connection.templates.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className="template-open"
                  title="Open in a tab with this message"
                  onClick={() => onOpenTemplate(t.body, t.format)}
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
