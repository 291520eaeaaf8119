import { useState, type ReactNode } from 'react';
import { formatProtocolList, type SavedConnection } from '@/core/workspace/workspace';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { ConnectionItem } from './connection-item';
import { TestServerCatalogue } from './test-server-catalogue';

/** Saved connections with their templates, and the bundled test server's endpoints. */
export function Sidebar({ settings, environments }: { settings: ReactNode; environments: ReactNode }) {
  const connections = useWorkspaceStore((s) => s.connections);
  const createConnection = useWorkspaceStore((s) => s.createConnection);
  const openConnection = useTabsStore((s) => s.openConnection);
  const updateTab = useTabsStore((s) => s.updateTab);
  const [renamingId, setRenamingId] = useState<string | null>(null);

  const open = (connection: SavedConnection) =>
    openConnection({
      connectionId: connection.id,
      url: connection.url,
      protocolsText: formatProtocolList(connection.protocols),
    });

  const onNew = () => {
    const name = 'New connection';
    const id = createConnection({ name, url: '', protocols: [] });
    openConnection({ connectionId: id, url: '', protocolsText: '' });
    setRenamingId(id);
  };

  return (
    <nav className="sidebar" aria-label="Sidebar">
      <header className="brand">
        <img src="/favicon.svg" alt="" width={22} height={22} />
        <span>Frameline</span>
      </header>
      <div className="sidebar-section">
        <div className="section-header">
          <h2 className="section-title">Connections</h2>
          <button type="button" className="button small" onClick={onNew}>
            New
          </button>
        </div>
        {connections.length === 0 ? (
          <p className="muted empty-hint">
            No saved connections. Choose “Save connection” in a tab, or “New”, to keep one here.
          </p>
        ) : (
          <ul className="connection-list">
            {connections.map((connection) => (
              <ConnectionItem
                key={connection.id}
                connection={connection}
                renaming={renamingId === connection.id}
                onRenamingChange={(renaming) => setRenamingId(renaming ? connection.id : null)}
                onOpen={() => open(connection)}
                onOpenTemplate={(message, format) => updateTab(open(connection), { message, format })}
              />
            ))}
          </ul>
        )}
      </div>
      {environments}
      <TestServerCatalogue />
      <div className="sidebar-footer">{settings}</div>
    </nav>
  );
}
