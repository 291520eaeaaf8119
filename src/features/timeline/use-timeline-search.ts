import { useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import { browserSearchHost } from '@/adapters/search-host';
import { useRedactor } from '@/components/use-redactor';
import type { Timeline } from '@/core/timeline/timeline';
import {
  compileTimelineFilter,
  type CompiledTimelineFilter,
  type TimelineFilterSettings,
} from '@/core/timeline/timeline-filter';
import {
  createTimelineSearch,
  type SearchableTimeline,
  type SearchSnapshot,
  type TimelineSearch,
} from '@/core/timeline/timeline-search';
import { useTimeline } from './use-timeline';

/** The tab's search, its live snapshot, and the compiled filter (its errors and its pattern, for highlights). */
export interface TimelineSearchState {
  search: TimelineSearch;
  snapshot: SearchSnapshot;
  filter: CompiledTimelineFilter;
  /** The timeline searched; null until a command gives the tab a session. */
  timeline: Timeline | null;
}

// Searched until the tab has a session, so the bar works (and counts 0) before anything connects.
const NO_ENTRIES: SearchableTimeline = {
  length: 0,
  get: () => undefined,
  revision: 0,
  dropped: 0,
  subscribe: () => () => {},
};

/**
 * Runs the filter bar's settings over the tab's timeline. The search only follows the timeline while this
 * hook is subscribed, so creating it holds nothing and an unmounted panel leaves no work running.
 */
export function useTimelineSearch(tabId: string, settings: TimelineFilterSettings): TimelineSearchState {
  const timeline = useTimeline(tabId);
  const redactor = useRedactor(tabId);
  const search = useMemo(
    () => createTimelineSearch({ timeline: timeline ?? NO_ENTRIES, host: browserSearchHost() }),
    [timeline],
  );
  const filter = useMemo(() => compileTimelineFilter(settings, { redactor }), [settings, redactor]);
  // Before paint: the first chunk's matches appear in the same frame as the keystroke.
  useLayoutEffect(() => search.setMatcher(filter.match), [search, filter]);
  const snapshot = useSyncExternalStore(search.subscribe, search.getSnapshot);
  return { search, snapshot, filter, timeline };
}
