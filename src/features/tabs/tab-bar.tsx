import { shortcutProps, shortcutText, shortcutTitle, useShortcut } from '@/components/use-shortcut';
import { closeTab } from '@/runtime/commands/tab-commands';
import { useSessionState } from '@/stores/sessions-store';
import { useTabsStore, useTabTitle, type Tab } from '@/stores/tabs-store';

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

  return (
    <div className="tab-bar">
      <div className="tabs" role="tablist" aria-label="Open connections">
        {tabs.map((tab) => (
          <TabItem key={tab.id} tab={tab} active={tab.id === activeTabId} />
        ))}
      </div>
      <button
        type="button"
        className="icon-button new-tab"
        aria-label="New tab"
        {...shortcutProps('New tab', 'new-tab')}
        onClick={() => openTab({})}
      >
        +
      </button>
    </div>
  );
}

function TabItem({ tab, active }: { tab: Tab; active: boolean }) {
  const title = useTabTitle(tab);
  const state = useSessionState(tab.id);
  const activate = useTabsStore((s) => s.activate);
  const close = () => closeTab(tab.id);

  return (
    <div className={`tab${active ? ' active' : ''}`} role="presentation">
      <button
        type="button"
        role="tab"
        aria-selected={active}
        className="tab-title"
        title={`${tab.recorded ? `Recorded timeline (read-only): ${title}` : tab.url}\n${TAB_KEYS}`}
        aria-keyshortcuts="Delete"
        onClick={() => activate(tab.id)}
        onKeyDown={(event) => event.key === 'Delete' && close()}
      >
        {tab.recorded ? (
          <span className="recorded-mark" aria-hidden="true" />
        ) : (
          <span className={`state-dot state-${state}`} aria-hidden="true" />
        )}
        <span className="tab-name">{title}</span>
        {tab.recorded && <span className="tab-badge">Recorded</span>}
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
        ✕
      </button>
    </div>
  );
}
