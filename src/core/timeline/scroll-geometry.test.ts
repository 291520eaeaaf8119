import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, scrollGeometry } from './scroll-geometry';

describe('scrollGeometry', () => {
  it('is the identity while the rows fit', () => {
    const geometry = scrollGeometry({ rowCount: 1000, rowHeight: 26, viewportHeight: 400 });
    expect(geometry.spacer).toBe(26_000);
    expect(geometry.scrollMax).toBe(25_600);
    expect(geometry.virtualMax).toBe(25_600);
    expect(geometry.toScroll(1234)).toBe(1234);
    expect(geometry.toVirtual(1234)).toBe(1234);
  });

  it('caps the spacer for 2,000,000 rows and maps both ends exactly', () => {
    const geometry = scrollGeometry({ rowCount: 2_000_000, rowHeight: 26, viewportHeight: 400 });
    expect(geometry.spacer).toBe(MAX_SCROLL_HEIGHT);
    expect(geometry.toVirtual(0)).toBe(0);
    expect(geometry.toVirtual(geometry.scrollMax)).toBe(52_000_000 - 400);
    // The middle of the scroll range is the middle of the rows.
    expect(geometry.toVirtual(geometry.scrollMax / 2)).toBeCloseTo((52_000_000 - 400) / 2);
    // A round trip lands on the same row.
    const rowTop = 1_234_567 * 26;
    expect(Math.floor(geometry.toVirtual(geometry.toScroll(rowTop)) / 26)).toBe(1_234_567);
  });

  it('clamps out-of-range positions and handles an empty list', () => {
    const geometry = scrollGeometry({ rowCount: 10, rowHeight: 26, viewportHeight: 400 });
    expect(geometry.scrollMax).toBe(0);
    expect(geometry.toScroll(500)).toBe(0);
    expect(scrollGeometry({ rowCount: 0, rowHeight: 26, viewportHeight: 400 }).spacer).toBe(0);
  });
});
