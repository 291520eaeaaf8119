import { useSyncExternalStore } from 'react';
import { getColorScheme, subscribeColorScheme, type ColorScheme } from '@/adapters/color-scheme';

/** The system colour scheme, re-rendering when it changes. */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribeColorScheme, getColorScheme);
}
