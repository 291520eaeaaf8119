import { describe, expect, it } from 'vitest';
import {
  clampSize,
  composerRange,
  DEFAULT_PANE_SIZES,
  detailRange,
  effectiveSize,
  parsePaneSizes,
  sidebarRange,
  sizeAfterDrag,
  sizeAfterKey,
  splitRange,
} from './pane-sizes';

describe('ranges', () => {
  it('keeps both neighbours at their minimum', () => {
    expect(splitRange(1000, 300, 360)).toEqual({ min: 300, max: 640 });
    expect(splitRange(1000, 200, 600, 480)).toEqual({ min: 200, max: 400 });
    expect(splitRange(2000, 200, 600, 480)).toEqual({ min: 200, max: 480 });
  });

  it('gives the pane its minimum when there is no room for both', () => {
    expect(splitRange(400, 300, 360)).toEqual({ min: 300, max: 300 });
  });

  it('leaves room for the workbench, the timeline and the rows', () => {
    expect(sidebarRange(1024)).toEqual({ min: 200, max: 423 });
    expect(sidebarRange(1440)).toEqual({ min: 200, max: 480 });
    expect(composerRange(1180)).toEqual({ min: 300, max: 819 });
    expect(detailRange(600)).toEqual({ min: 96, max: 503 });
  });

  it('clamps and rounds', () => {
    expect(clampSize(150, { min: 200, max: 400 })).toBe(200);
    expect(clampSize(900, { min: 200, max: 400 })).toBe(400);
    expect(clampSize(250.6, { min: 200, max: 400 })).toBe(251);
  });

  it('uses the default share until the pane was resized, and clamps a stored size', () => {
    const range = { min: 300, max: 800 };
    expect(effectiveSize(null, 0.4, 1000, range)).toBe(400);
    expect(effectiveSize(500, 0.4, 1000, range)).toBe(500);
    expect(effectiveSize(5000, 0.4, 1000, range)).toBe(800);
  });
});

describe('keyboard', () => {
  const range = { min: 200, max: 400 };
  const left = { orientation: 'vertical', pane: 'before' } as const;
  const below = { orientation: 'horizontal', pane: 'after' } as const;

  it('moves a vertical handle with the left and right arrows', () => {
    expect(sizeAfterKey(300, 'ArrowRight', false, range, left)).toBe(316);
    expect(sizeAfterKey(300, 'ArrowLeft', false, range, left)).toBe(284);
    expect(sizeAfterKey(300, 'ArrowLeft', true, range, left)).toBe(220);
    expect(sizeAfterKey(300, 'ArrowUp', false, range, left)).toBeNull();
  });

  it('grows the pane below a horizontal handle when the handle moves up', () => {
    expect(sizeAfterKey(300, 'ArrowUp', false, range, below)).toBe(316);
    expect(sizeAfterKey(300, 'ArrowDown', false, range, below)).toBe(284);
    expect(sizeAfterKey(300, 'ArrowRight', false, range, below)).toBeNull();
  });

  it('stops at the ends of the range, and Home and End jump there', () => {
    expect(sizeAfterKey(395, 'ArrowRight', false, range, left)).toBe(400);
    expect(sizeAfterKey(205, 'ArrowLeft', false, range, left)).toBe(200);
    expect(sizeAfterKey(300, 'Home', false, range, below)).toBe(200);
    expect(sizeAfterKey(300, 'End', false, range, below)).toBe(400);
    expect(sizeAfterKey(300, 'Enter', false, range, below)).toBeNull();
  });

  it('follows the pointer, clamped', () => {
    expect(sizeAfterDrag(300, 40, range, 'before')).toBe(340);
    expect(sizeAfterDrag(300, 40, range, 'after')).toBe(260);
    expect(sizeAfterDrag(300, -500, range, 'before')).toBe(200);
  });
});

describe('parsePaneSizes', () => {
  it('reads stored sizes', () => {
    expect(parsePaneSizes({ sidebar: 320, composer: 500, detail: 240 })).toEqual({
      sidebar: 320,
      composer: 500,
      detail: 240,
    });
  });

  it('falls back to the defaults, field by field, for bad values', () => {
    expect(parsePaneSizes(null)).toEqual(DEFAULT_PANE_SIZES);
    expect(parsePaneSizes('wide')).toEqual(DEFAULT_PANE_SIZES);
    expect(parsePaneSizes([1, 2, 3])).toEqual(DEFAULT_PANE_SIZES);
    expect(parsePaneSizes({ sidebar: 'x', composer: Number.NaN, detail: -4 })).toEqual(DEFAULT_PANE_SIZES);
    expect(parsePaneSizes({ sidebar: 5000, composer: 1e9, detail: 10 })).toEqual(DEFAULT_PANE_SIZES);
    expect(parsePaneSizes({ sidebar: 300, composer: 'wide' })).toEqual({
      ...DEFAULT_PANE_SIZES,
      sidebar: 300,
    });
  });
});
