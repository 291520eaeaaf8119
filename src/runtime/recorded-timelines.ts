import { newId } from '@/adapters/ids';
import type { RecordedTimeline } from '@/core/collection/collection-document';
import type { SessionEvent } from '@/core/session/session-events';
import { formatProtocolList } from '@/core/workspace/workspace';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { createRecordedTimeline } from './session-runtime';

/** What a recorded tab shows: a recording, or an archived session (then it may not belong to a saved connection). */
export type RecordedTimelineSource = Omit<RecordedTimeline, 'connectionId'> & {
  connectionId: string | null;
  /** The archived session it is, so the tab is saved and a reload shows it again; absent: memory only. */
  archiveId?: string | null;
  /** Older events of an archived session left unread (it was too large to show whole). */
  omitted?: number;
};

/**
 * Opens a read-only tab showing a recording's events in the normal timeline, and focuses it; returns the tab's
 * id. The tab has no socket: nothing in it can connect or send. Only a recording the archive holds is saved
 * with the tabs; any other is closed by a reload.
 */
export function openRecordedTimeline(recorded: RecordedTimelineSource): string {
  // The id is chosen here so the timeline exists before the tab first renders: a render that found no timeline
  // would create a live session for the tab instead.
  const id = newId();
  createRecordedTimeline(id, recorded.events, { omitted: recorded.omitted ?? 0 });
  const connecting = recorded.events.find(
    (event): event is Extract<SessionEvent, { kind: 'connecting' }> => event.kind === 'connecting',
  );
  const saved = useWorkspaceStore
    .getState()
    .workspace.connections.find((c) => c.id === recorded.connectionId);
  return useTabsStore.getState().openTab({
    id,
    connectionId: recorded.connectionId,
    // What the recording itself connected to; the saved connection's address only when it does not say.
    url: connecting?.url ?? saved?.url ?? '',
    protocolsText: formatProtocolList(connecting?.protocols ?? saved?.protocols ?? []),
    lens: saved?.lens ?? null,
    recorded: { title: recorded.title, archiveId: recorded.archiveId ?? null },
  });
}

/** How many frames (sent and received messages) a recording holds, for its header. */
export function countFrames(events: Iterable<SessionEvent>): number {
  let frames = 0;
  for (const event of events) if (event.kind === 'message') frames++;
  return frames;
}
