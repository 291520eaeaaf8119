/** The page's address: what share links are built on, and where an opened share link's fragment arrives. */

/** The app's own address without any fragment, as the base of a share link. */
export function appUrl(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

/** The current fragment, including its "#" (empty when there is none). */
export function readHash(): string {
  return location.hash;
}

/** Drops the fragment without a reload or a history entry, so a reload does not offer the same link again. */
export function clearHash(): void {
  history.replaceState(history.state, '', appUrl());
}

/** Calls back whenever the fragment changes (a share link pasted into the address bar of an open tab). */
export function onHashChange(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}
