import { useTabsStore } from '@/stores/tabs-store';
import { disposeSession } from '../session-runtime';

/** Closes a tab: its socket closes and its timeline is let go, then the tab leaves the tab bar. */
export function closeTab(tabId: string): void {
  disposeSession(tabId);
  useTabsStore.getState().closeTab(tabId);
}
