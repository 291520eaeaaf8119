import { useCallback, useSyncExternalStore } from 'react';
import type { Timeline } from '@/core/timeline/timeline';
import { findTimeline, subscribeSessions } from '@/runtime/session-runtime';

/**
 * The tab's timeline, or null until a command gives the tab a session. Reading it never creates one: a view
 * that rendered for a tab with nothing connected must not open anything behind the user's back.
 */
export function useTimeline(tabId: string): Timeline | null {
  const read = useCallback(() => findTimeline(tabId), [tabId]);
  return useSyncExternalStore(subscribeSessions, read);
}
