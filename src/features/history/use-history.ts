import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { listArchivedSessions, readArchivedSession } from '@/adapters/session-archive-db';
import { estimateStorage } from '@/adapters/storage-estimate';
import type { ArchivedSession } from '@/core/archive/archived-session';
import { subscribeArchive } from '@/runtime/session-archive';

const ARCHIVE_KEY = ['archive'] as const;
/** A stream writes a batch every few hundred ms: the list refetches at most this often. */
const REFRESH_MS = 1_000;

/** Every archived session, newest first; refetched (at most once a second) whenever the archive changes. */
export function useArchivedSessions() {
  const client = useQueryClient();
  useEffect(() => {
    // The first change shows at once (a rename, a delete); more within a second are read together after it.
    let timer: ReturnType<typeof setTimeout> | null = null;
    let missed = false;
    const refresh = () => void client.invalidateQueries({ queryKey: ARCHIVE_KEY });
    const quiet = () => {
      timer = setTimeout(() => {
        timer = null;
        if (!missed) return;
        missed = false;
        refresh();
        quiet();
      }, REFRESH_MS);
    };
    const stop = subscribeArchive(() => {
      if (timer !== null) {
        missed = true;
        return;
      }
      refresh();
      quiet();
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client]);
  return useQuery({
    queryKey: [...ARCHIVE_KEY, 'sessions'],
    queryFn: async (): Promise<ArchivedSession[]> => {
      const listed = await listArchivedSessions();
      if (!listed.ok) throw new Error(listed.error.message);
      return listed.value;
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** One archived session's events, for an export; read once when the dialog opens. */
export function useArchivedEvents(id: string) {
  return useQuery({
    queryKey: [...ARCHIVE_KEY, 'events', id],
    queryFn: async () => {
      const read = await readArchivedSession(id);
      if (!read.ok) throw new Error(read.error.message);
      if (!read.value) throw new Error('this session is no longer in History');
      return read.value.events;
    },
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

/** What the browser says this site stores and may store; refetched with the archive list. */
export function useStorageEstimate() {
  return useQuery({ queryKey: [...ARCHIVE_KEY, 'estimate'], queryFn: estimateStorage, staleTime: 5_000 });
}
