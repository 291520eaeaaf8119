import { newId } from './ids';

/**
 * Which browser tab of the app this is, across reloads: an id kept in sessionStorage (which lives as long as the
 * browser tab), held as a Web Lock while the page is open, so other tabs can tell a live tab's saved state from
 * one whose browser tab was closed.
 */

const ID_KEY = 'frameline.window-id';
const LOCK_PREFIX = 'frameline.window.';
/** A reload releases the old page's lock a moment after the new page asks for it: wait that long at most. */
const RECLAIM_WAIT_MS = 1500;

export interface WindowIdentity {
  id: string;
  /** Set when this page's id was already in use by a live page (a duplicated browser tab): the id it copied. */
  copiedFrom: string | null;
}

/** Claims this page's window id, keeping the one from before a reload. */
export async function claimWindowIdentity(): Promise<WindowIdentity> {
  const previous = readSessionId();
  if (previous && (await holdLock(previous, RECLAIM_WAIT_MS))) return { id: previous, copiedFrom: null };
  const id = newId();
  writeSessionId(id);
  await holdLock(id, RECLAIM_WAIT_MS);
  return { id, copiedFrom: previous };
}

/** Ids of the app's pages open right now in this browser (those holding their lock). */
export async function liveWindowIds(): Promise<Set<string>> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return new Set();
  const snapshot = await locks.query();
  return new Set(
    (snapshot.held ?? [])
      .map((lock) => lock.name ?? '')
      .filter((name) => name.startsWith(LOCK_PREFIX))
      .map((name) => name.slice(LOCK_PREFIX.length)),
  );
}

/** Holds the window's lock until the page goes away; false if another page holds it past `waitMs`. */
function holdLock(id: string, waitMs: number): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    locks
      .request(`${LOCK_PREFIX}${id}`, { signal: AbortSignal.timeout(waitMs) }, () => {
        resolve(true);
        // Never settles: the lock is released when the page is closed or reloaded.
        return new Promise<never>(() => {});
      })
      .catch(() => resolve(false));
  });
}

function readSessionId(): string | null {
  try {
    return window.sessionStorage.getItem(ID_KEY);
  } catch {
    return null;
  }
}

function writeSessionId(id: string): void {
  try {
    window.sessionStorage.setItem(ID_KEY, id);
  } catch {
    // Without sessionStorage a reload starts as a new window: its tabs are then adopted as a closed window's.
  }
}
