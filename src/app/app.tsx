import { lazy, Suspense } from 'react';
import { ConnectionBar, RecordedConnectionBar } from '@/features/connection-bar/connection-bar';
import { useEffectiveLens } from '@/features/connection-bar/protocol-picker';
import { Composer } from '@/features/composer/composer';
import { EnvironmentsSection } from '@/features/environments/environments-section';
import { ImportCenter } from '@/features/import/import-center';
import { Sidebar } from '@/features/sidebar/sidebar';
import { TabBar } from '@/features/tabs/tab-bar';
import { TimelinePanel } from '@/features/timeline/timeline-panel';
import { StatusBanners } from '@/features/status/status-banners';
import { KeyboardShortcuts } from '@/features/shortcuts/keyboard-shortcuts';
import { selectActiveTab, useTabsStore, useTabTitle, type Tab } from '@/stores/tabs-store';
import { runShortcut } from '@/components/use-shortcut';
import { AppLayout, TabBody } from './app-layout';

// Scenarios sit below the templates, and their runner and editor are not needed for the first paint.
const ScenariosSection = lazy(() =>
  import('@/features/scenarios/scenarios-section').then((module) => ({ default: module.ScenariosSection })),
);

// History is read from IndexedDB after start-up anyway; its list and export code need not delay the first paint.
const HistorySection = lazy(() =>
  import('@/features/history/history-section').then((module) => ({ default: module.HistorySection })),
);

/** The composition root: the layout and what goes in it. */
export function App() {
  return (
    <>
      {/* First in the tab order: the URL field is behind the whole sidebar otherwise. */}
      <a
        className="skip-link"
        href="#workbench"
        // With no tab open there is no URL field: the link then starts the Tab order at the tab bar.
        onClick={(event) => {
          if (runShortcut('focus-url')) event.preventDefault();
        }}
      >
        Skip to connection
      </a>
      <AppLayout
        sidebar={
          <Sidebar
            settings={
              <Suspense
                fallback={
                  <button type="button" className="settings-button" disabled>
                    Settings
                  </button>
                }
              >
                <SettingsPanel />
              </Suspense>
            }
            environments={<EnvironmentsSection />}
            history={
              <Suspense fallback={null}>
                <HistorySection />
              </Suspense>
            }
            importer={<ImportCenter />}
          />
        }
      >
        <main className="workbench" id="workbench">
          <TabBar />
          <StatusBanners />
          <ActiveTab />
        </main>
      </AppLayout>
      <KeyboardShortcuts />
    </>
  );
}

function ActiveTab() {
  const tab = useTabsStore(selectActiveTab);
  if (!tab) {
    return (
      <div className="empty-state">
        <h2>No open tabs</h2>
        <p>Open a saved connection from the sidebar, or start a new tab with “+”.</p>
      </div>
    );
  }
  // Keyed by tab: every tab gets fresh editor and scroll state.
  return <TabPanel key={tab.id} tab={tab} />;
}

// Opened now and then, so they load right after start-up rather than with it.
const SettingsPanel = lazy(() =>
  import('@/features/settings/settings-panel').then((m) => ({ default: m.SettingsPanel })),
);
const AutomationPanel = lazy(() =>
  import('@/features/automation/automation-panel').then((m) => ({ default: m.AutomationPanel })),
);

// Only tabs that speak a protocol pay for its composer.
const LensComposer = lazy(() =>
  import('@/features/protocol/lens-composer').then((m) => ({ default: m.LensComposer })),
);

function TabLensComposer({ tab }: { tab: Tab }) {
  const { lens } = useEffectiveLens(tab);
  if (lens === 'raw') return null;
  return (
    <Suspense fallback={null}>
      <LensComposer key={lens} tab={tab} lensId={lens} />
    </Suspense>
  );
}

function TabPanel({ tab }: { tab: Tab }) {
  const title = useTabTitle(tab.id);
  if (tab.recorded) {
    // Read-only: no connection bar, composer or automation, so nothing here can connect or send.
    return (
      <section className="tab-panel" aria-label={title}>
        <RecordedConnectionBar tab={tab} />
        <div className="tab-body recorded-body">
          <TimelinePanel tabId={tab.id} readOnly />
        </div>
      </section>
    );
  }
  return (
    <section className="tab-panel" aria-label={title}>
      <ConnectionBar
        tab={tab}
        automation={
          <Suspense
            fallback={
              <button type="button" className="button" disabled>
                Automation
              </button>
            }
          >
            <AutomationPanel tab={tab} />
          </Suspense>
        }
      />
      <TabBody
        composer={
          <Composer
            tab={tab}
            protocol={<TabLensComposer tab={tab} />}
            scenarios={
              <Suspense fallback={null}>
                <ScenariosSection tab={tab} />
              </Suspense>
            }
          />
        }
        timeline={<TimelinePanel tabId={tab.id} />}
      />
    </section>
  );
}
