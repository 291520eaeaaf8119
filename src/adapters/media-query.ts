/** Whether a CSS media query matches now. */
export function matchesMedia(query: string): boolean {
  return window.matchMedia(query).matches;
}

/** Calls back when a media query starts or stops matching; returns the unsubscribe. */
export function subscribeMedia(query: string, callback: () => void): () => void {
  const media = window.matchMedia(query);
  media.addEventListener('change', callback);
  return () => media.removeEventListener('change', callback);
}
