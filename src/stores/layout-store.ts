import { create } from 'zustand';
import type { PaneName, PaneSizes } from '@/core/layout/pane-sizes';
import { loadPaneSizes, savePaneSizes } from '@/adapters/pane-sizes-storage';

interface LayoutStore {
  sizes: PaneSizes;
  /** Whether the sidebar is shown on a narrow screen, where it slides over the workbench; never saved. */
  sidebarOpen: boolean;
  setPaneSize(pane: PaneName, size: number): void;
  setSidebarOpen(open: boolean): void;
}

/** The workbench's pane sizes, remembered by this browser, and the narrow-screen sidebar toggle. */
export const useLayoutStore = create<LayoutStore>()((set, get) => ({
  sizes: loadPaneSizes(),
  sidebarOpen: false,
  setPaneSize: (pane, size) => {
    if (get().sizes[pane] === size) return;
    const sizes = { ...get().sizes, [pane]: size };
    set({ sizes });
    savePaneSizes(sizes);
  },
  setSidebarOpen: (sidebarOpen) => set({ sidebarOpen }),
}));
