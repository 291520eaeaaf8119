export type ColorScheme = 'light' | 'dark';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The system's colour scheme now. */
export function getColorScheme(): ColorScheme {
  return query().matches ? 'dark' : 'light';
}

/** Calls back when the system switches between light and dark; returns the unsubscribe. */
export function subscribeColorScheme(callback: () => void): () => void {
  const media = query();
  media.addEventListener('change', callback);
  return () => media.removeEventListener('change', callback);
}
