import { useSyncExternalStore } from 'react';
import { subscribeTabLenses, tabLens, type TabLens } from '@/runtime/tab-lenses';

/** The tab's running protocol lens, or null for Raw (and while its module loads). */
export function useTabLens(tabId: string): TabLens | null {
  return useSyncExternalStore(subscribeTabLenses, () => tabLens(tabId));
}
