import { create } from 'zustand';

/** What History says about the archive itself, beside the list that TanStack Query reads. */
interface ArchiveStatusStore {
  /** Why nothing is archived ("this browser has no IndexedDB"), or null while History works. */
  off: string | null;
  /** The latest thing the archive did on its own (evicted old sessions, stopped one at a quota error). */
  notice: string | null;
  /** Sessions of this browser tab that are still connected: marked live, never evicted. */
  liveIds: readonly string[];
  /** Recorded tabs whose session could not be shown after a reload, with why (deleted, or unreadable). */
  unrestored: Readonly<Record<string, string>>;
  setOff(reason: string | null): void;
  setNotice(notice: string | null): void;
  setLive(id: string, live: boolean): void;
}

/** The archive's status, set by runtime/session-archive.ts. Thin and serializable. */
export const useArchiveStore = create<ArchiveStatusStore>()((set, get) => ({
  off: null,
  notice: null,
  liveIds: [],
  unrestored: {},
  setOff: (off) => {
    if (get().off !== off) set({ off });
  },
  setNotice: (notice) => set({ notice }),
  setLive: (id, live) => {
    const { liveIds } = get();
    if (live === liveIds.includes(id)) return;
    set({ liveIds: live ? [...liveIds, id] : liveIds.filter((x) => x !== id) });
  },
}));
