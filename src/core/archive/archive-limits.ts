import type { ArchivedSession } from './archived-session';

/** How much History keeps: at most this many sessions and this many counted bytes. */
export interface ArchiveLimits {
  maxSessions: number;
  maxBytes: number;
}

export const DEFAULT_ARCHIVE_MAX_SESSIONS = 500;
export const DEFAULT_ARCHIVE_MAX_BYTES = 1024 * 1024 * 1024;

/**
 * The sessions to delete so the rest fit the limits: the oldest first, never one `isLive` says is still being
 * written. Live sessions still count toward the limits, so older ones make room for them.
 */
export function chooseEvictions(
  sessions: readonly ArchivedSession[],
  limits: ArchiveLimits,
  isLive: (session: ArchivedSession) => boolean,
): ArchivedSession[] {
  let count = sessions.length;
  let bytes = 0;
  for (const session of sessions) bytes += session.size;
  const evicted: ArchivedSession[] = [];
  const oldestFirst = [...sessions].sort((a, b) => a.startedAt - b.startedAt);
  for (const session of oldestFirst) {
    if (count <= limits.maxSessions && bytes <= limits.maxBytes) break;
    if (isLive(session)) continue;
    evicted.push(session);
    count--;
    bytes -= session.size;
  }
  return evicted;
}

/** The archive's own counted size. */
export function archiveSize(sessions: readonly ArchivedSession[]): number {
  let bytes = 0;
  for (const session of sessions) bytes += session.size;
  return bytes;
}

/** "Removed 3 oldest sessions to stay under the archive limit", for the notice. */
export function evictionNotice(count: number): string {
  return count === 1
    ? 'Removed the oldest session to stay under the archive limit.'
    : `Removed ${count.toLocaleString('en-US')} oldest sessions to stay under the archive limit.`;
}
