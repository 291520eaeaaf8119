import { asRecord } from '@/core/shared/as-record';

/**
 * The workbench's resizable panes, in CSS pixels: the sidebar's width, the composer's width beside the timeline,
 * the detail pane's height under the rows. `null` means "never resized": the layout picks a share of the space.
 */
export interface PaneSizes {
  sidebar: number;
  composer: number | null;
  detail: number | null;
}

export type PaneName = keyof PaneSizes;

export const DEFAULT_PANE_SIZES: PaneSizes = { sidebar: 260, composer: null, detail: null };

/** The smallest each pane (and what it shares the space with) may get, so none can vanish. */
export const PANE_LIMITS = {
  sidebar: { min: 200, max: 480, workbenchMin: 600 },
  composer: { min: 300, timelineMin: 360, share: 0.43 },
  detail: { min: 96, listMin: 96, share: 0.38 },
} as const;

/** The thickness of a splitter line, which takes its own slice of the space (its grip overlaps the panes). */
export const SPLITTER_SIZE = 1;

/** A closed range of sizes; `min` never exceeds `max`. */
export interface SizeRange {
  min: number;
  max: number;
}

/** Clamps a size into its range, rounded to whole pixels. */
export function clampSize(value: number, range: SizeRange): number {
  return Math.round(Math.min(range.max, Math.max(range.min, value)));
}

/**
 * The sizes a pane may take when it shares `available` pixels with a neighbour: it keeps `min`, the neighbour
 * keeps `otherMin`, and with too little room for both the pane gets its minimum and the neighbour what is left.
 */
export function splitRange(available: number, min: number, otherMin: number, cap = Infinity): SizeRange {
  const max = Math.min(cap, available - otherMin);
  return { min, max: Math.max(min, Math.floor(max)) };
}

/** The sidebar's range beside a workbench in an app `width` pixels wide. */
export function sidebarRange(width: number): SizeRange {
  const { min, max, workbenchMin } = PANE_LIMITS.sidebar;
  return splitRange(width - SPLITTER_SIZE, min, workbenchMin, max);
}

/** The composer's range in a tab body `width` pixels wide. */
export function composerRange(width: number): SizeRange {
  const { min, timelineMin } = PANE_LIMITS.composer;
  return splitRange(width - SPLITTER_SIZE, min, timelineMin);
}

/** The detail pane's range when it shares `height` pixels with the timeline's rows. */
export function detailRange(height: number): SizeRange {
  const { min, listMin } = PANE_LIMITS.detail;
  return splitRange(height - SPLITTER_SIZE, min, listMin);
}

/** The size a pane shows: the stored one, or its default share of the space, clamped into its range. */
export function effectiveSize(
  stored: number | null,
  share: number,
  available: number,
  range: SizeRange,
): number {
  return clampSize(stored ?? available * share, range);
}

/** How a splitter lies: `vertical` divides left from right (moved with ← →), `horizontal` top from bottom. */
export type SplitterOrientation = 'vertical' | 'horizontal';

export interface SplitterKeyOptions {
  orientation: SplitterOrientation;
  /** Where the sized pane lies: `before` (left or above the handle) grows as the handle moves right or down. */
  pane: 'before' | 'after';
  /** Pixels per arrow press; Shift moves `largeStep`. */
  step?: number;
  largeStep?: number;
}

/**
 * The size after a key press on a splitter, or `null` for keys it does not handle. Arrows along the handle's
 * axis move it; Home and End jump to the smallest and largest size.
 */
export function sizeAfterKey(
  value: number,
  key: string,
  shiftKey: boolean,
  range: SizeRange,
  options: SplitterKeyOptions,
): number | null {
  if (key === 'Home') return range.min;
  if (key === 'End') return range.max;
  const forward = options.orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
  const backward = options.orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
  if (key !== forward && key !== backward) return null;
  const step = shiftKey ? (options.largeStep ?? 80) : (options.step ?? 16);
  const handleMoves = key === forward ? step : -step;
  return clampSize(value + (options.pane === 'before' ? handleMoves : -handleMoves), range);
}

/** The size while dragging: the size at the start, moved by how far the pointer went along the handle's axis. */
export function sizeAfterDrag(
  startValue: number,
  pointerDelta: number,
  range: SizeRange,
  pane: 'before' | 'after',
): number {
  return clampSize(startValue + (pane === 'before' ? pointerDelta : -pointerDelta), range);
}

/** Reads stored sizes; anything missing, not a finite number or outside the absolute limits is the default. */
export function parsePaneSizes(stored: unknown): PaneSizes {
  const record = asRecord(stored);
  const sidebar = record.sidebar;
  return {
    sidebar:
      isSize(sidebar) && sidebar >= PANE_LIMITS.sidebar.min && sidebar <= PANE_LIMITS.sidebar.max
        ? sidebar
        : DEFAULT_PANE_SIZES.sidebar,
    composer: optionalSize(record.composer, PANE_LIMITS.composer.min),
    detail: optionalSize(record.detail, PANE_LIMITS.detail.min),
  };
}

// Screens are not wider than this; a larger stored size is a corrupt value, not a preference.
const LARGEST_SIZE = 10_000;

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function optionalSize(value: unknown, min: number): number | null {
  return isSize(value) && value >= min && value <= LARGEST_SIZE ? value : null;
}
