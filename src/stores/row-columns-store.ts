import { create } from 'zustand';

/** The top-level JSON fields each connection's rows show as columns. Set by runtime/row-columns.ts. */
interface RowColumnsStore {
  /** By connection key: the saved connection's id, or the tab's id for a connection not saved. */
  byConnection: Readonly<Record<string, readonly string[]>>;
  /** Why the latest choice could not be stored (it still applies until the page closes). */
  error: string | null;
}

const NONE: readonly string[] = [];

export const useRowColumnsStore = create<RowColumnsStore>()(() => ({ byConnection: {}, error: null }));

/** The columns of one connection; the same empty array when it has none, so views do not re-render. */
export function useRowColumns(connectionKey: string): readonly string[] {
  return useRowColumnsStore((s) => s.byConnection[connectionKey] ?? NONE);
}
