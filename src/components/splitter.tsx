import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import {
  sizeAfterDrag,
  sizeAfterKey,
  type SizeRange,
  type SplitterOrientation,
} from '@/core/layout/pane-sizes';

interface SplitterProps {
  /** The accessible name, e.g. "Resize sidebar". */
  label: string;
  /** `vertical` divides left from right, `horizontal` top from bottom. */
  orientation: SplitterOrientation;
  /** Which side of the handle holds the pane whose size `value` is. */
  pane: 'before' | 'after';
  value: number;
  range: SizeRange;
  onChange(size: number): void;
  /** The id of the pane it sizes. */
  controls?: string;
}

/** A focusable handle between two panes: drag it, or move it with the arrow keys (Shift for bigger steps). */
export function Splitter({ label, orientation, pane, value, range, onChange, controls }: SplitterProps) {
  const drag = useRef<{ pointerId: number; origin: number; startValue: number } | null>(null);
  const along = (event: PointerEvent) => (orientation === 'vertical' ? event.clientX : event.clientY);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    // No text selection while dragging; the handle keeps focus so the keys work right after.
    event.preventDefault();
    event.currentTarget.focus();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointerId: event.pointerId, origin: along(event), startValue: value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (current?.pointerId !== event.pointerId) return;
    onChange(sizeAfterDrag(current.startValue, along(event) - current.origin, range, pane));
  };
  const endDrag = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId !== event.pointerId) return;
    drag.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = sizeAfterKey(value, event.key, event.shiftKey, range, { orientation, pane });
    if (next === null) return;
    event.preventDefault();
    onChange(next);
  };

  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={range.min}
      aria-valuemax={range.max}
      aria-controls={controls}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onKeyDown={onKeyDown}
    />
  );
}
