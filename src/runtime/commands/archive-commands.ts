import {
  deleteArchivedSessions,
  readArchivedSession,
  renameArchivedSession as renameInDatabase,
} from '@/adapters/session-archive-db';
import { sessionLabel } from '@/core/archive/archived-session';
import { err, ok, type Result } from '@/core/shared/result';
import { useTabsStore } from '@/stores/tabs-store';
import { openRecordedTimeline } from '../recorded-timelines';
import { timelineReadLimit } from '../session-runtime';
import {
  flushArchive,
  forgetArchivedSessions,
  isArchiving,
  isLive,
  notifyArchiveChanged,
} from '../session-archive';

/*
 * One command per thing a user does in History. Each returns a sentence for the user when it could not be done;
 * none throws into React.
 */

/**
 * Opens an archived session read-only in a tab (or focuses the tab already showing it); returns the tab's id.
 * A session still running is shown as far as it has been written, which is everything up to now.
 */
export async function openArchivedSession(id: string): Promise<Result<string, string>> {
  const open = useTabsStore.getState().tabs.find((t) => t.recorded?.archiveId === id);
  if (open) {
    useTabsStore.getState().activate(open.id);
    return ok(open.id);
  }
  if (isArchiving(id)) await flushArchive();
  const read = await readArchivedSession(id, timelineReadLimit());
  if (!read.ok) return err(`The session could not be read: ${read.error.message}.`);
  if (!read.value) return err('This session is no longer in History.');
  const { summary, events, omitted } = read.value;
  return ok(
    openRecordedTimeline({
      connectionId: summary.connectionId,
      title: sessionLabel(summary),
      events,
      archiveId: summary.id,
      omitted,
    }),
  );
}

/** Renames an archived session in History (an empty name puts its own title back). */
export async function renameArchivedSession(id: string, name: string): Promise<Result<void, string>> {
  const trimmed = name.trim();
  const renamed = await renameInDatabase(id, trimmed === '' ? null : trimmed);
  if (!renamed.ok) return err(`The session could not be renamed: ${renamed.error.message}.`);
  if (!renamed.value) return err('This session is no longer in History.');
  notifyArchiveChanged();
  return ok(undefined);
}

/** Deletes an archived session and its events. A session still connected cannot be deleted. */
export async function deleteArchivedSession(id: string): Promise<Result<void, string>> {
  if (isLive(id)) return err('This session is still connected: disconnect or close its tab first.');
  forgetArchivedSessions([id]);
  const deleted = await deleteArchivedSessions([id]);
  if (!deleted.ok) return err(`The session could not be deleted: ${deleted.error.message}.`);
  notifyArchiveChanged();
  return ok(undefined);
}
