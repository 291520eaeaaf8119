import { parsePaneSizes, type PaneSizes } from '@/core/layout/pane-sizes';
import { readJson, writeJson } from './local-storage';

/** Pane sizes are a preference of this browser, not part of the workspace: they are never exported. */
export const PANE_SIZES_KEY = 'frameline.layout';

/** The sizes saved in this browser; missing, unreadable or bad values give the defaults. */
export function loadPaneSizes(): PaneSizes {
  const stored = readJson(PANE_SIZES_KEY);
  return parsePaneSizes(stored.ok ? stored.value : null);
}

/** Saves the sizes; a full or disabled store only means they are not remembered, so failures are dropped. */
export function savePaneSizes(sizes: PaneSizes): void {
  writeJson(PANE_SIZES_KEY, sizes);
}
