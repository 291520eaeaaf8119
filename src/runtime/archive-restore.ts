import { listTabSessions, readArchivedSession } from '@/adapters/session-archive-db';
import { sessionsToRestore } from '@/core/archive/archived-session';
import type { SessionEvent } from '@/core/session/session-events';
import { useArchiveStore } from '@/stores/archive-store';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { createRecordedTimeline, findTimeline, restoreTimeline } from './session-runtime';

/**
 * Refills the open tabs' timelines from the archive after a reload, without connecting: a live tab gets its
 * archived sessions' newest events (up to the timeline's cap) and stays idle; a recorded tab gets the session it
 * shows. Runs after the first render: a tab shows its rows once they are read. A tab the user already connected
 * is left as it is.
 */
export async function restoreTabsFromArchive(): Promise<void> {
  const cap = useWorkspaceStore.getState().workspace.settings.timelineCap;
  await Promise.all(
    useTabsStore.getState().tabs.map(async (tab) => {
      const archiveId = tab.recorded?.archiveId;
      if (archiveId) {
        const read = await readArchivedSession(archiveId);
        const events = read.ok && read.value ? read.value.events : [];
        if (findTimeline(tab.id)) return;
        createRecordedTimeline(tab.id, events);
        // The tab stays, read-only, rather than vanishing under the user, and says why it is empty.
        if (!read.ok)
          markUnrestored(tab.id, `History could not be read: ${read.error.message}. Reload to try again.`);
        else if (!read.value)
          markUnrestored(tab.id, 'This session was deleted from History, so there is nothing to show.');
        return;
      }
      if (tab.recorded) return;
      const events = await liveTabEvents(tab.id, cap);
      if (events.length > 0) restoreTimeline(tab.id, events);
    }),
  );
}

function markUnrestored(tabId: string, why: string): void {
  const { unrestored } = useArchiveStore.getState();
  useArchiveStore.setState({ unrestored: { ...unrestored, [tabId]: why } });
}

/** The newest `cap` events the archive holds for this tab's live sessions, oldest first. */
async function liveTabEvents(tabId: string, cap: number): Promise<SessionEvent[]> {
  const listed = await listTabSessions(tabId);
  if (!listed.ok) return [];
  const events: SessionEvent[] = [];
  for (const session of sessionsToRestore(listed.value, cap)) {
    const read = await readArchivedSession(session.id);
    if (read.ok && read.value) for (const event of read.value.events) events.push(event);
  }
  return events.length > cap ? events.slice(events.length - cap) : events;
}
