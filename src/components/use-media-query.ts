import { useCallback, useSyncExternalStore } from 'react';
import { matchesMedia, subscribeMedia } from '@/adapters/media-query';

/** Whether a CSS media query matches, re-rendering when that changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback((callback: () => void) => subscribeMedia(query, callback), [query]);
  return useSyncExternalStore(subscribe, () => matchesMedia(query));
}
