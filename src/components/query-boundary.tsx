import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** Async reads that are not the live socket (History, imports from a URL, share links) go through here. */
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 60_000 } },
});

/**
 * Gives its children the app's one query cache. Only lazily loaded parts read through queries, so each wraps
 * itself in this and react-query stays out of the start-up bundle.
 */
export function QueryBoundary({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
