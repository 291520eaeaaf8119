import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { ActionMenu } from '@/components/action-menu';
import { connectionTabFields } from '@/core/workspace/workspace';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { CollectionItem } from './collection-item';

// The tree's dialogs load when one first opens: none is needed to show the sidebar.
const TreeDialogHost = lazy(() => import('./tree-dialog-host'));
// The catalogue is fetched after start-up anyway; it brings the query library, which the first paint needs not.
const TestServerCatalogue = lazy(() => import('./test-server-catalogue'));
import { siblingPosition, TreeContext, type TreeActions, type TreeDialog } from './tree-context';
import { createCollection, createConnection } from '@/runtime/commands/workspace-commands';

interface SidebarProps {
  settings: ReactNode;
  environments: ReactNode;
  /** The archived sessions, from the history feature. */
  history: ReactNode;
  /** The Import button (and what it opens), from the import feature. */
  importer: ReactNode;
}

/** Collections of saved connections and their templates, environments, History, and the bundled test server. */
export function Sidebar({ settings, environments, history, importer }: SidebarProps) {
  const collections = useWorkspaceStore((s) => s.workspace.collections);
  const actions = useTreeActions();

  return (
    <nav className="sidebar" aria-label="Sidebar">
      <header className="brand">
        <img src="/favicon.svg" alt="" width={22} height={22} />
        <span>Frameline</span>
      </header>
      <TreeContext.Provider value={actions.tree}>
        <div className="sidebar-section">
          <div className="section-header">
            <h2 className="section-title">Collections</h2>
            <div className="section-actions">
              {importer}
              <button
                type="button"
                className="button small"
                aria-label="New collection"
                title="New collection"
                onClick={() => actions.tree.setRenamingId(createCollection('New collection'))}
              >
                New
              </button>
              <ActionMenu
                label="Collection options"
                actions={[
                  {
                    label: 'Export everything as a file…',
                    onSelect: () =>
                      actions.setDialog({
                        kind: 'export',
                        scope: { kind: 'everything' },
                        name: 'everything',
                        mode: 'file',
                      }),
                  },
                  {
                    label: 'New connection',
                    onSelect: () => actions.tree.newConnection(collections[0]?.id ?? '', null),
                  },
                ]}
              />
            </div>
          </div>
          {actions.notice && (
            <p className="muted empty-hint" role="status">
              {actions.notice}
            </p>
          )}
          {collections.length === 0 ? (
            <p className="muted empty-hint">
              No saved connections. Choose “Save to sidebar” in a tab, make a collection with “New”, or import
              one.
            </p>
          ) : (
            <ul className="connection-list tree" aria-label="Collections">
              {collections.map((collection, index) => (
                <CollectionItem
                  key={collection.id}
                  collection={collection}
                  position={siblingPosition(index, collections.length)}
                />
              ))}
            </ul>
          )}
        </div>
        {actions.dialog && (
          <Suspense fallback={null}>
            <TreeDialogHost
              dialog={actions.dialog}
              onClose={() => actions.setDialog(null)}
              report={actions.tree.report}
            />
          </Suspense>
        )}
      </TreeContext.Provider>
      {environments}
      {history}
      <Suspense fallback={null}>
        <TestServerCatalogue />
      </Suspense>
      <div className="sidebar-footer">{settings}</div>
    </nav>
  );
}

/** The tree's state (collapsed rows, renaming, the open dialog, a short notice) and the actions rows call. */
function useTreeActions() {
  const openConnectionTab = useTabsStore((s) => s.openConnection);
  const updateTab = useTabsStore((s) => s.updateTab);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<TreeDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const tree = useMemo((): TreeActions => {
    const open = (connectionId: string) => {
      const connection = useWorkspaceStore
        .getState()
        .workspace.connections.find((c) => c.id === connectionId);
      if (!connection) return null;
      return openConnectionTab({ connectionId, ...connectionTabFields(connection) });
    };
    const setExpanded = (id: string, expanded: boolean) =>
      setCollapsed((previous) => {
        const next = new Set(previous);
        if (expanded) next.delete(id);
        else next.add(id);
        return next;
      });
    return {
      isCollapsed: (id) => collapsed.has(id),
      toggle: (id) => setExpanded(id, collapsed.has(id)),
      expand: (id) => setExpanded(id, true),
      renamingId,
      setRenamingId,
      openDialog: setDialog,
      openConnection: (id) => void open(id),
      openTemplate: (connectionId, message, format) => {
        const tabId = open(connectionId);
        if (tabId) updateTab(tabId, { message, format });
      },
      newConnection: (collectionId, folderId) => {
        const place = collectionId ? { collectionId, folderId } : undefined;
        const id = createConnection({ name: 'New connection', url: '', protocols: [] }, place);
        if (!id) return;
        if (place) setExpanded(collectionId, true);
        if (folderId) setExpanded(folderId, true);
        openConnectionTab({ connectionId: id, url: '', protocolsText: '' });
        setRenamingId(id);
      },
      report: setNotice,
    };
  }, [collapsed, renamingId, openConnectionTab, updateTab]);

  return { tree, dialog, setDialog, notice };
}
