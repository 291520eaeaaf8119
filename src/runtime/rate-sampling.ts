import { appendRateSample, type RateHistory } from '@/core/timeline/rate-history';
import type { ConnectionStats } from '@/core/timeline/timeline';
import { EMPTY_STATS, useSessionsStore } from '@/stores/sessions-store';

/**
 * Once a second, turns every tab's counters into one more sample of its rate history. One timer for all tabs,
 * and the store changes only for tabs whose traffic moved or whose chart still has something to show.
 */
export function startRateSampling(options: { everyMs?: number } = {}): () => void {
  const previous = new Map<string, ConnectionStats>();
  const sample = () => {
    const { views, rates } = useSessionsStore.getState();
    const next: Record<string, RateHistory> = {};
    let changed = false;
    for (const [tabId, view] of Object.entries(views)) {
      // A tab first seen while connected started counting within this second; one shown idle (a restored or
      // recorded timeline) has old counts that are no traffic of now.
      const live = view.state === 'connecting' || view.state === 'open';
      const before = previous.get(tabId) ?? (live ? EMPTY_STATS : view.stats);
      previous.set(tabId, view.stats);
      const history = rates[tabId] ?? [];
      const quiet = before === view.stats && history.every(isIdle);
      const updated = quiet ? history : appendRateSample(history, before, view.stats);
      if (updated.length > 0) next[tabId] = updated;
      changed ||= updated !== history;
    }
    for (const tabId of previous.keys()) if (!(tabId in views)) previous.delete(tabId);
    if (changed || Object.keys(rates).length !== Object.keys(next).length)
      useSessionsStore.getState().setRates(next);
  };
  const timer = setInterval(sample, options.everyMs ?? 1000);
  return () => clearInterval(timer);
}

function isIdle(sample: RateHistory[number]): boolean {
  return sample.inMessages === 0 && sample.outMessages === 0;
}
