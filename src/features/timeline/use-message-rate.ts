import { useEffect, useState } from 'react';
import { useSessionsStore } from '@/stores/sessions-store';

/** Messages per second (received + sent) over the last second, sampled once a second. */
export function useMessageRate(tabId: string): number {
  const [rate, setRate] = useState(0);
  useEffect(() => {
    const total = () => {
      const stats = useSessionsStore.getState().views[tabId]?.stats;
      return stats ? stats.received + stats.sent : 0;
    };
    let previous = total();
    const timer = setInterval(() => {
      const current = total();
      setRate(Math.max(0, current - previous));
      previous = current;
    }, 1000);
    return () => clearInterval(timer);
  }, [tabId]);
  return rate;
}
