import type { Timeline, TimelineEntry } from '../timeline/timeline';
import type { Correlation, ProtocolMessage } from './lens';
import type { LensSession } from './lens-session';

/** How far from the selected row to look for its partners: a reply rarely comes more rows later than this. */
export const CORRELATION_WINDOW = 5000;

/** A message related to the selected one: the request it answers, the reply it got, or a group member. */
export interface CorrelatedEntry {
  seq: number;
  message: ProtocolMessage;
  /** Milliseconds from the selected entry to this one (negative when it came before). */
  offsetMs: number;
}

export interface Correlations {
  /** For a request, its reply; for a reply, its request; null when not within the window. */
  partner: CorrelatedEntry | null;
  /** For a group member: the group's members within the window, the selected one included, in order. */
  members: CorrelatedEntry[];
}

/**
 * Finds the messages related to `correlation` around timeline entry `index`: for a request the first reply
 * after it, for a reply the last request before it (so replies arriving out of order still find their own
 * request), for a group member all members nearby. Scans at most CORRELATION_WINDOW rows each way.
 */
export function findCorrelated(
  session: LensSession,
  timeline: Pick<Timeline, 'get' | 'length'>,
  index: number,
  correlation: Correlation,
): Correlations {
  const selected = timeline.get(index);
  if (!selected) return { partner: null, members: [] };
  const at = selected.event.at;
  const matches = (entry: TimelineEntry): ProtocolMessage | null => {
    const decoded = session.decodeEntry(entry);
    if (!decoded?.ok) return null;
    for (const message of decoded.messages) {
      const other = message.correlation;
      if (!other || other.key !== correlation.key) continue;
      if (correlation.role === 'member' && other.role === 'member') return message;
      if (correlation.role === 'request' && other.role === 'reply') return message;
      if (correlation.role === 'reply' && other.role === 'request') return message;
    }
    return null;
  };
  const found = (entry: TimelineEntry, message: ProtocolMessage): CorrelatedEntry => ({
    seq: entry.seq,
    message,
    offsetMs: entry.event.at - at,
  });

  if (correlation.role === 'member') {
    const members: CorrelatedEntry[] = [];
    const from = Math.max(0, index - CORRELATION_WINDOW);
    const to = Math.min(timeline.length - 1, index + CORRELATION_WINDOW);
    for (let i = from; i <= to; i++) {
      const entry = timeline.get(i);
      const message = entry && matches(entry);
      if (entry && message) members.push(found(entry, message));
    }
    return { partner: null, members };
  }
  const step = correlation.role === 'request' ? 1 : -1;
  for (let n = 1; n <= CORRELATION_WINDOW; n++) {
    const entry = timeline.get(index + n * step);
    if (!entry) break;
    const message = matches(entry);
    if (message) return { partner: found(entry, message), members: [] };
  }
  return { partner: null, members: [] };
}
