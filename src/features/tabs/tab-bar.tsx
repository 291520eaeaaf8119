import { useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { ActionMenu } from '@/components/action-menu';
import { CloseIcon, PlusIcon } from '@/components/icons';
import { InlineRename } from '@/components/inline-rename';
import { shortcutProps, shortcutText, shortcutTitle, useShortcut } from '@/components/use-shortcut';
import { closeTab } from '@/runtime/commands/tab-commands';
import { useSessionState } from '@/stores/sessions-store';
import { useTabsStore, useTabTitles, useUnsavedChanges, type Tab } from '@/stores/tabs-store';

const TAB_KEYS = [
  'Delete closes this tab',
  `${shortcutText('close-tab')} closes the active tab`,
  `${shortcutText('next-tab')} / ${shortcutText('previous-tab')}: next / previous tab`,
].join('\n');

/** One tab per open connection; each keeps its own socket and timeline. */
export function TabBar() {
  const tabs = useTabsStore((s) => s.tabs);
  const activeTabId = useTabsStore((s) => s.activeTabId);
  const openTab = useTabsStore((s) => s.openTab);
  const activate = useTabsStore((s) => s.activate);

  useShortcut('new-tab', () => openTab({}));
  useShortcut('close-tab', () => activeTabId !== null && closeTab(activeTabId));
  // Wraps around, as browsers' own tab switching does.
  const activateBy = (offset: number) => {
    const at = tabs.findIndex((tab) => tab.id === activeTabId);
    const next = at < 0 ? undefined : tabs[(at + offset + tabs.length) % tabs.length];
    if (next) activate(next.id);
  };
  useShortcut('next-tab', () => activateBy(1));
  useShortcut('previous-tab', () => activateBy(-1));
  const titles = useTabTitles();
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const tablist = useRef<HTMLDivElement>(null);

  return (
    <div className="tab-bar">
      <div ref={tablist} className="tabs" role="tablist" aria-label="Open connections">
        {tabs.map((tab) => (
          <TabItem
            key={tab.id}
            tab={tab}
            title={titles.get(tab.id) ?? ''}
            active={tab.id === activeTabId}
            onRename={() => setRenamingId(tab.id)}
          />
        ))}
      </div>
      {renamingId !== null && titles.has(renamingId) && (
        <TabRename
          tabId={renamingId}
          title={titles.get(renamingId) ?? ''}
          tablist={tablist}
          onDone={() => setRenamingId(null)}
        />
      )}
      <button
        type="button"
        className="icon-button new-tab"
        aria-label="New tab"
        {...shortcutProps('New tab', 'new-tab')}
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

/** The tab's button in the tab list, found by tab id. */
function tabButton(tablist: RefObject<HTMLDivElement | null>, tabId: string): HTMLElement | null {
  return (
    tablist.current?.querySelector<HTMLElement>(`[data-tab-id="${CSS.escape(tabId)}"] [role="tab"]`) ?? null
  );
}

/**
 * The name field over a tab being renamed. It lies outside the tab list (which may hold only tabs), placed over
 * the tab; when it goes, focus returns to the tab it named.
 */
function TabRename({
  tabId,
  title,
  tablist,
  onDone,
}: {
  tabId: string;
  title: string;
  tablist: RefObject<HTMLDivElement | null>;
  onDone(): void;
}) {
  const renameTab = useTabsStore((s) => s.renameTab);
  const [place, setPlace] = useState<CSSProperties>({ left: 0 });

  useLayoutEffect(() => {
    const tab = tabButton(tablist, tabId)?.parentElement;
    const bar = tablist.current?.parentElement;
    if (!tab || !bar) return;
    tab.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const left = tab.getBoundingClientRect().left - bar.getBoundingClientRect().left;
    setPlace({ left: Math.max(0, left), minWidth: tab.getBoundingClientRect().width });
  }, [tabId, tablist]);

  return (
    <div className="tab-rename" style={place}>
      <InlineRename
        label="Tab name"
        name={title}
        onRename={(name) => renameTab(tabId, name)}
        onClear={() => renameTab(tabId, '')}
        onDone={() => {
          onDone();
          // Enter or Escape leave focus nowhere once the field goes; a click elsewhere has put it there already.
          requestAnimationFrame(() => {
            if (document.activeElement === document.body) tabButton(tablist, tabId)?.focus();
          });
        }}
      />
    </div>
  );
}

interface TabItemProps {
  tab: Tab;
  title: string;
  active: boolean;
  onRename(): void;
}

function TabItem({ tab, title, active, onRename }: TabItemProps) {
  const state = useSessionState(tab.id);
  const unsaved = useUnsavedChanges(tab);
  const activate = useTabsStore((s) => s.activate);
  const close = () => closeTab(tab.id);

  const hint = tab.recorded ? `Recorded timeline (read-only): ${title}` : tab.url;
  return (
    <div className={`tab${active ? ' active' : ''}`} role="presentation" data-tab-id={tab.id}>
      <button
        type="button"
        role="tab"
        aria-selected={active}
        className="tab-title"
        title={`${hint}${unsaved ? '\nUnsaved changes' : ''}\nDouble-click or F2 renames\n${TAB_KEYS}`}
        aria-keyshortcuts="F2 Delete"
        onClick={() => activate(tab.id)}
        onDoubleClick={onRename}
        onKeyDown={(event) => {
          if (event.key === 'Delete') close();
          else if (event.key === 'F2') onRename();
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
        title={active ? shortcutTitle(`Close ${title}`, 'close-tab') : `Close ${title}`}
        onClick={close}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
