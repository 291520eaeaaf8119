import { QueryClient } from '@tanstack/react-query';

/** Async reads that are not the live socket (the test server's catalogue, later imports) go through here. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 60_000 } },
});
