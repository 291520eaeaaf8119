import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { AutomationPanel } from '@/features/automation/automation-panel';
import { ConnectionBar, RecordedConnectionBar } from '@/features/connection-bar/connection-bar';
import { Composer } from '@/features/composer/composer';
import { EnvironmentsSection } from '@/features/environments/environments-section';
import { ImportCenter } from '@/features/import/import-center';
import { SettingsPanel } from '@/features/settings/settings-panel';
import { Sidebar } from '@/features/sidebar/sidebar';
import { TabBar } from '@/features/tabs/tab-bar';
import { TimelinePanel } from '@/features/timeline/timeline-panel';
import { StatusBanners } from '@/features/status/status-banners';
import { selectActiveTab, useTabsStore, useTabTitle, type Tab } from '@/stores/tabs-store';
import { queryClient } from './query-client';

// History is read from IndexedDB after start-up anyway; its list and export code need not delay the first paint.
const HistorySection = lazy(() =>
  import('@/features/history/history-section').then((module) => ({ default: module.HistorySection })),
);

/** The composition root: layout and providers. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <div className="app">
        <Sidebar
          settings={<SettingsPanel />}
          environments={<EnvironmentsSection />}
          history={
            <Suspense fallback={null}>
              <HistorySection />
            </Suspense>
          }
          importer={<ImportCenter />}
        />
        <main className="workbench">
          <TabBar />
          <StatusBanners />
          <ActiveTab />
        </main>
      </div>
    </QueryClientProvider>
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
      <ConnectionBar tab={tab} automation={<AutomationPanel tab={tab} />} />
      <div className="tab-body">
        <Composer tab={tab} />
        <TimelinePanel tabId={tab.id} />
      </div>
    </section>
  );
}
