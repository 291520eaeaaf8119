import { create } from 'zustand';
import type { ConnectionState } from '@/core/session/session-events';
import type { RateHistory } from '@/core/timeline/rate-history';
import type { ConnectionStats, SessionTotals } from '@/core/timeline/timeline';

/** What the UI shows about one tab's live session; the runtime refreshes it once per timeline flush. */
export interface SessionView {
  state: ConnectionState;
  /** Negotiated subprotocol and extensions of the current connection ('' when none). */
  protocol: string;
  extensions: string;
  stats: ConnectionStats;
  /** Counters since the user's Connect, across automatic reconnects. */
  totals: SessionTotals;
  /** Timeline revision, entry count and dropped count: enough for views to know when to re-read rows. */
  revision: number;
  length: number;
  dropped: number;
  /** When the next automatic reconnect attempt starts (epoch ms), while one is pending. */
  reconnectAt: number | null;
  /** The running heartbeat's interval, or null. */
  heartbeatEveryMs: number | null;
}

interface SessionsStore {
  views: Record<string, SessionView>;
  /** Each tab's traffic over the last minute, one sample a second. */
  rates: Record<string, RateHistory>;
  setView(tabId: string, view: SessionView): void;
  removeView(tabId: string): void;
  setRates(rates: Record<string, RateHistory>): void;
}

export const EMPTY_STATS: ConnectionStats = { received: 0, sent: 0, receivedBytes: 0, sentBytes: 0 };

export const IDLE_VIEW: SessionView = {
  state: 'idle',
  protocol: '',
  extensions: '',
  stats: EMPTY_STATS,
  totals: { ...EMPTY_STATS, connections: 0 },
  revision: 0,
  length: 0,
  dropped: 0,
  reconnectAt: null,
  heartbeatEveryMs: null,
};

/** Live, unpersisted view state of every tab's session. Sockets themselves stay in the runtime. */
export const useSessionsStore = create<SessionsStore>()((set, get) => ({
  views: {},
  rates: {},
  setView: (tabId, view) => set({ views: { ...get().views, [tabId]: view } }),
  removeView: (tabId) => {
    const views = { ...get().views };
    delete views[tabId];
    const rates = { ...get().rates };
    delete rates[tabId];
    set({ views, rates });
  },
  setRates: (rates) => set({ rates }),
}));

const NO_RATES: RateHistory = [];

/** The tab's traffic over the last minute (empty before its first second). */
export function useRateHistory(tabId: string): RateHistory {
  return useSessionsStore((s) => s.rates[tabId] ?? NO_RATES);
}

/** One tab's view, or the idle view before it ever connected. */
export function useSessionView(tabId: string): SessionView {
  return useSessionsStore((s) => s.views[tabId] ?? IDLE_VIEW);
}

/** Only the connection state: components that need no counters skip the once-per-frame updates. */
export function useSessionState(tabId: string): ConnectionState {
  return useSessionsStore((s) => s.views[tabId]?.state ?? 'idle');
}

/** The negotiated subprotocol and extensions, as one string each. */
export function useNegotiated(tabId: string): { protocol: string; extensions: string } {
  const protocol = useSessionsStore((s) => s.views[tabId]?.protocol ?? '');
  const extensions = useSessionsStore((s) => s.views[tabId]?.extensions ?? '');
  return { protocol, extensions };
}
