import { useRef, type CSSProperties, type ReactNode } from 'react';
import { Splitter } from '@/components/splitter';
import { useElementSize } from '@/components/use-element-size';
import { detailRange, effectiveSize, PANE_LIMITS, SPLITTER_SIZE } from '@/core/layout/pane-sizes';
import { useLayoutStore } from '@/stores/layout-store';

/** The timeline's rows above the detail pane, with a handle between them that sets the detail pane's height. */
export function DetailSplit({ list, detail }: { list: ReactNode; detail: ReactNode }) {
  const splitRef = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(splitRef);
  const stored = useLayoutStore((s) => s.sizes.detail);
  const setPaneSize = useLayoutStore((s) => s.setPaneSize);
  const range = detailRange(height);
  const detailHeight = effectiveSize(stored, PANE_LIMITS.detail.share, height - SPLITTER_SIZE, range);

  return (
    <div
      ref={splitRef}
      className="timeline-split"
      style={{ '--detail-height': `${detailHeight}px` } as CSSProperties}
    >
      {list}
      <Splitter
        label="Resize detail pane"
        orientation="horizontal"
        pane="after"
        value={detailHeight}
        range={range}
        onChange={(size) => setPaneSize('detail', size)}
      />
      {detail}
    </div>
  );
}
