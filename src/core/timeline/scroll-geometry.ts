/**
 * Past this height a virtual list's spacer stops growing and its scroll range is mapped onto the rows instead:
 * Chromium lays out at most ~33.5M px, which 26 px rows reach at ~1.29M entries.
 */
export const MAX_SCROLL_HEIGHT = 15_000_000;

/** The list's size, and the height its spacer may take at most (MAX_SCROLL_HEIGHT unless testing). */
export interface ScrollGeometryOptions {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
  maxScrollHeight?: number;
}

/** How a list maps its scroll position (`scroll`, in spacer pixels) onto unscaled row positions (`virtual`). */
export interface ScrollGeometry {
  /** The spacer's height. */
  spacer: number;
  /** The largest unscaled top: the last row at the bottom of the viewport. */
  virtualMax: number;
  /** The largest scrollTop. */
  scrollMax: number;
  toVirtual(scroll: number): number;
  toScroll(virtual: number): number;
}

/**
 * Maps scroll positions linearly, so the thumb's position still says how far through the list you are, and
 * both ends line up exactly: scrollTop 0 shows row 0, the largest scrollTop shows the last row. Below the
 * limit the mapping is the identity.
 */
export function scrollGeometry(options: ScrollGeometryOptions): ScrollGeometry {
  const { rowCount, rowHeight, viewportHeight } = options;
  const content = rowCount * rowHeight;
  const spacer = Math.min(content, options.maxScrollHeight ?? MAX_SCROLL_HEIGHT);
  const virtualMax = Math.max(0, content - viewportHeight);
  const scrollMax = Math.max(0, spacer - viewportHeight);
  const ratio = scrollMax === 0 ? 1 : virtualMax / scrollMax;
  return {
    spacer,
    virtualMax,
    scrollMax,
    toVirtual: (scroll) => Math.max(0, Math.min(virtualMax, scroll * ratio)),
    toScroll: (virtual) => Math.max(0, Math.min(scrollMax, virtual / ratio)),
  };
}
