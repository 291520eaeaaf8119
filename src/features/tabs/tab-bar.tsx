import { useEffect, useRef, useState } from 'react';
import { ActionMenu } from '@/components/action-menu';
import { CloseIcon, PlusIcon } from '@/components/icons';
import { InlineRename } from '@/components/inline-rename';
import { closeTab } from '@/runtime/commands/tab-commands';
import { useSessionState } from '@/stores/sessions-store';
import { useTabsStore, useTabTitles, useUnsavedChanges, type Tab } from '@/stores/tabs-store';

/** One tab per open connection; each keeps its own socket and timeline. */
export function TabBar() {
  const tabs = useTabsStore((s) => s.tabs);
  const activeTabId = useTabsStore((s) => s.activeTabId);
  const openTab = useTabsStore((s) => s.openTab);
  const titles = useTabTitles();
  const [renamingId, setRenamingId] = useState<string | null>(null);

  return (
    <div className="tab-bar">
      <div className="tabs" role="tablist" aria-label="Open connections">
        {tabs.map((tab) => (
          <TabItem
            key={tab.id}
            tab={tab}
            title={titles.get(tab.id) ?? ''}
            active={tab.id === activeTabId}
            renaming={tab.id === renamingId}
            onRenamingChange={(renaming) => setRenamingId(renaming ? tab.id : null)}
          />
        ))}
      </div>
      <button
        type="button"
        className="icon-button new-tab"
        aria-label="New tab"
        title="New tab"
        onClick={() => openTab({})}
      >
        <PlusIcon />
      </button>
      <ActionMenu
        label="Tab actions"
        actions={[
          {
            label: 'Rename tab',
            disabled: activeTabId === null,
            onSelect: () => setRenamingId(activeTabId),
          },
          {
            label: 'Close tab',
            disabled: activeTabId === null,
            onSelect: () => activeTabId && closeTab(activeTabId),
          },
        ]}
      />
    </div>
  );
}

interface TabItemProps {
  tab: Tab;
  title: string;
  active: boolean;
  renaming: boolean;
  onRenamingChange(renaming: boolean): void;
}

function TabItem({ tab, title, active, renaming, onRenamingChange }: TabItemProps) {
  const state = useSessionState(tab.id);
  const unsaved = useUnsavedChanges(tab);
  const activate = useTabsStore((s) => s.activate);
  const renameTab = useTabsStore((s) => s.renameTab);
  const tabButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  const close = () => closeTab(tab.id);

  // Once the name field goes, focus returns to the tab it named rather than to the page.
  useEffect(() => {
    if (wasRenaming.current && !renaming) tabButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  if (renaming) {
    return (
      <div className={`tab renaming${active ? ' active' : ''}`} role="presentation">
        <InlineRename
          label="Tab name"
          name={title}
          onRename={(name) => renameTab(tab.id, name)}
          onClear={() => renameTab(tab.id, '')}
          onDone={() => onRenamingChange(false)}
        />
      </div>
    );
  }

  const hint = tab.recorded ? `Recorded timeline (read-only): ${title}` : tab.url;
  return (
    <div className={`tab${active ? ' active' : ''}`} role="presentation">
      <button
        ref={tabButton}
        type="button"
        role="tab"
        aria-selected={active}
        className="tab-title"
        title={`${hint}${unsaved ? '\nUnsaved changes' : ''}\nDouble-click or F2 renames · Delete closes this tab`}
        aria-keyshortcuts="F2 Delete"
        onClick={() => activate(tab.id)}
        onDoubleClick={() => onRenamingChange(true)}
        onKeyDown={(event) => {
          if (event.key === 'Delete') close();
          else if (event.key === 'F2') onRenamingChange(true);
        }}
      >
        {tab.recorded ? (
          <span className="recorded-mark" aria-hidden="true" />
        ) : (
          <span className={`state-dot state-${state}`} aria-hidden="true" />
        )}
        <span className="tab-name">{title}</span>
        {tab.recorded && <span className="tab-badge">Recorded</span>}
        {unsaved && (
          <span className="unsaved-mark">
            <span className="visually-hidden">(unsaved changes)</span>
          </span>
        )}
      </button>
      {/* A tablist may hold only tabs: keyboard and screen-reader users close with Delete on the tab. */}
      <button
        type="button"
        className="icon-button tab-close"
        aria-hidden="true"
        tabIndex={-1}
        title={`Close ${title}`}
        onClick={close}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
