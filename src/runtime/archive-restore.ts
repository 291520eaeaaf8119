import { listTabSessions, readArchivedSession, type ReadLimit } from '@/adapters/session-archive-db';
import { sessionsToRestore } from '@/core/archive/archived-session';
import type { SessionEvent } from '@/core/session/session-events';
import { useArchiveStore } from '@/stores/archive-store';
import { useTabsStore } from '@/stores/tabs-store';
import { createRecordedTimeline, findTimeline, restoreTimeline, timelineReadLimit } from './session-runtime';

/**
 * Refills the open tabs' timelines from the archive after a reload, without connecting: a live tab gets its
 * archived sessions' newest events (as many as a timeline keeps in memory) and stays idle; a recorded tab gets the session it
 * shows. Runs after the first render: a tab shows its rows once they are read. A tab the user already connected
 * is left as it is.
 */
export async function restoreTabsFromArchive(): Promise<void> {
  await Promise.all(
    useTabsStore.getState().tabs.map(async (tab) => {
      const archiveId = tab.recorded?.archiveId;
      if (archiveId) {
        const read = await readArchivedSession(archiveId, timelineReadLimit());
        const events = read.ok && read.value ? read.value.events : [];
        if (findTimeline(tab.id)) return;
        createRecordedTimeline(tab.id, events, { omitted: read.ok ? (read.value?.omitted ?? 0) : 0 });
        // The tab stays, read-only, rather than vanishing under the user, and says why it is empty.
        if (!read.ok)
          markUnrestored(tab.id, `History could not be read: ${read.error.message}. Reload to try again.`);
        else if (!read.value)
          markUnrestored(tab.id, 'This session was deleted from History, so there is nothing to show.');
        return;
      }
      if (tab.recorded) return;
      const events = await liveTabEvents(tab.id, timelineReadLimit());
      if (events.length > 0) restoreTimeline(tab.id, events);
    }),
  );
}

function markUnrestored(tabId: string, why: string): void {
  const { unrestored } = useArchiveStore.getState();
  useArchiveStore.setState({ unrestored: { ...unrestored, [tabId]: why } });
}

/**
 * The newest events the archive holds for this tab's live sessions, oldest first: as many as a timeline keeps
 * in memory (by count and by payload bytes), read newest session first so the budget goes to the latest.
 */
async function liveTabEvents(tabId: string, limit: ReadLimit): Promise<SessionEvent[]> {
  const listed = await listTabSessions(tabId);
  if (!listed.ok) return [];
  const newestFirst: SessionEvent[][] = [];
  let events = 0;
  let bytes = 0;
  for (const session of sessionsToRestore(listed.value, limit.events).reverse()) {
    if (events >= limit.events || bytes >= limit.bytes) break;
    const read = await readArchivedSession(session.id, {
      events: limit.events - events,
      bytes: limit.bytes - bytes,
    });
    if (!read.ok || !read.value) continue;
    newestFirst.push(read.value.events);
    events += read.value.events.length;
    for (const event of read.value.events) if (event.kind === 'message') bytes += event.size;
  }
  return newestFirst.reverse().flat();
}
