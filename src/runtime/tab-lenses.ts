import type { Lens, LensId, LensOptions, ProtocolLensId } from '@/core/protocol/lens';
import { detectLens } from '@/core/protocol/lens-catalog';
import { loadedLens, loadLens } from '@/core/protocol/lens-registry';
import type { LensSession, LensSessionHost } from '@/core/protocol/lens-session';
import type { SessionEvent } from '@/core/session/session-events';
import { createListenerSet } from '@/core/shared/listener-set';
import { parseProtocolList } from '@/core/workspace/workspace';
import { useTabsStore } from '@/stores/tabs-store';

/**
 * The protocol lens each tab reads its timeline with: which one (picked, or detected from the subprotocol or
 * URL), and its running session. Nothing here is React or store state; views subscribe with
 * useSyncExternalStore.
 */
export interface TabLens {
  id: ProtocolLensId;
  session: LensSession;
}

const lenses = new Map<string, TabLens>();
const listeners = createListenerSet<void>();

/** What the tab's own fields and its negotiated subprotocol say its lens is. */
export function effectiveLens(tabId: string, negotiated: string): LensId {
  const tab = useTabsStore.getState().tabs.find((t) => t.id === tabId);
  if (!tab) return 'raw';
  if (tab.lens !== null) return tab.lens;
  return detectLens({ url: tab.url, offered: parseProtocolList(tab.protocolsText), negotiated }).lens;
}

/** The tab's lens while one is attached and loaded, else null (Raw, or its module still loading). */
export function tabLens(tabId: string): TabLens | null {
  return lenses.get(tabId) ?? null;
}

/** Calls `listener` whenever a tab's lens is attached, replaced or removed. */
export function subscribeTabLenses(listener: () => void): () => void {
  return listeners.subscribe(listener);
}

/** Where a lens session sends and keeps time; null for a recorded timeline, which never sends. */
export type LensHostFactory = (() => LensSessionHost) | null;

const silentHost: LensSessionHost = {
  sendAutomatic: () => {},
  setTimeout: () => null,
  clearTimeout: () => {},
  now: () => Date.now(),
};

/**
 * Puts the tab on lens `id` (Raw removes it). `history` is what the timeline already holds, replayed without
 * sending. A lens not loaded yet loads first and attaches when it arrives, unless the choice changed meanwhile.
 * `restart` makes a fresh session even for the same lens (a manual connect with new options).
 */
export function attachLens(
  tabId: string,
  id: LensId,
  options: {
    history: () => readonly SessionEvent[];
    host: LensHostFactory;
    lensOptions?: LensOptions;
    restart?: boolean;
  },
): Promise<void> {
  const existing = lenses.get(tabId);
  if (existing && existing.id === id && !options.restart) return Promise.resolve();
  if (id === 'raw') {
    detachLens(tabId);
    return Promise.resolve();
  }
  const lens = loadedLens(id);
  if (!lens || !shell) {
    wanted.set(tabId, id);
    return Promise.all([loadLens(id), loadShell()]).then(() => {
      if (wanted.get(tabId) !== id) return;
      wanted.delete(tabId);
      return attachLens(tabId, id, options);
    });
  }
  wanted.delete(tabId);
  existing?.session.dispose();
  const session = shell.createLensSession(
    lens,
    options.lensOptions ?? {},
    options.host ? options.host() : silentHost,
    options.history(),
  );
  lenses.set(tabId, { id, session });
  listeners.emit();
  return Promise.resolve();
}

// The shell around a lens machine loads with the first lens, like the lenses themselves.
let shell: typeof import('@/core/protocol/lens-session') | null = null;

/** Loads what running a lens needs besides the lens itself; `attachLens` waits for it. */
export function loadShell(): Promise<void> {
  return import('@/core/protocol/lens-session').then((module) => {
    shell = module;
  });
}

/** The lens if it and its shell are loaded, so a connect can start it with the first frame; else null. */
export function readyLens(id: ProtocolLensId): Lens | null {
  return shell ? loadedLens(id) : null;
}

/** Loads the lens and its shell, for `readyLens`. */
export function prepareLens(id: ProtocolLensId): Promise<Lens> {
  return Promise.all([loadLens(id), loadShell()]).then(([lens]) => lens);
}

// The lens each tab waits for while its module loads: a later choice wins over an earlier load.
const wanted = new Map<string, LensId>();

/** Feeds one of the tab's events to its lens (a cheap no-op for Raw). */
export function observeLensEvent(tabId: string, event: SessionEvent): void {
  lenses.get(tabId)?.session.observe(event);
}

/** Stops the tab's lens (tab closed, or Raw chosen). */
export function detachLens(tabId: string): void {
  // A load still on its way for this tab finds nobody waiting and attaches nothing.
  wanted.delete(tabId);
  const existing = lenses.get(tabId);
  if (!existing) return;
  existing.session.dispose();
  lenses.delete(tabId);
  listeners.emit();
}
