import { useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { Splitter } from '@/components/splitter';
import { useElementSize } from '@/components/use-element-size';
import { useMediaQuery } from '@/components/use-media-query';
import {
  clampSize,
  composerRange,
  effectiveSize,
  PANE_LIMITS,
  sidebarRange,
  SPLITTER_SIZE,
} from '@/core/layout/pane-sizes';
import { useLayoutStore } from '@/stores/layout-store';

/** Below this width the sidebar slides over the workbench and the composer sits above the timeline. */
export const NARROW_LAYOUT = '(max-width: 899px)';

const SIDEBAR_ID = 'app-sidebar';

/** The sidebar beside the workbench with a handle between them; on a narrow screen, behind a toggle button. */
export function AppLayout({ sidebar, children }: { sidebar: ReactNode; children: ReactNode }) {
  const narrow = useMediaQuery(NARROW_LAYOUT);
  const appRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { width } = useElementSize(appRef);
  const storedWidth = useLayoutStore((s) => s.sizes.sidebar);
  const open = useLayoutStore((s) => s.sidebarOpen);
  const setOpen = useLayoutStore((s) => s.setSidebarOpen);
  const setPaneSize = useLayoutStore((s) => s.setPaneSize);
  const range = sidebarRange(width);
  const sidebarWidth = clampSize(storedWidth, range);

  // Escape closes the sliding sidebar, unless a dialog or menu inside it takes the key for itself.
  const onSidebarKeyDown = (event: KeyboardEvent) => {
    if (!narrow || !open || event.key !== 'Escape' || event.defaultPrevented) return;
    if (event.target instanceof Element && event.target.closest('dialog, [role="menu"]')) return;
    setOpen(false);
    toggleRef.current?.focus();
  };

  return (
    <div
      ref={appRef}
      className={narrow ? 'app narrow' : 'app'}
      style={narrow ? undefined : ({ '--sidebar-width': `${sidebarWidth}px` } as CSSProperties)}
    >
      {narrow && (
        <button
          ref={toggleRef}
          type="button"
          className="sidebar-toggle"
          aria-label={open ? 'Hide sidebar' : 'Show sidebar'}
          title={open ? 'Hide sidebar' : 'Show sidebar'}
          aria-expanded={open}
          aria-controls={SIDEBAR_ID}
          onClick={() => setOpen(!open)}
        >
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">
            <path d="M2 4h14M2 9h14M2 14h14" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      )}
      <div id={SIDEBAR_ID} className="sidebar-host" hidden={narrow && !open} onKeyDown={onSidebarKeyDown}>
        {sidebar}
      </div>
      {narrow ? (
        open && <div className="sidebar-backdrop" aria-hidden="true" onClick={() => setOpen(false)} />
      ) : (
        <Splitter
          label="Resize sidebar"
          orientation="vertical"
          pane="before"
          value={sidebarWidth}
          range={range}
          onChange={(size) => setPaneSize('sidebar', size)}
          controls={SIDEBAR_ID}
        />
      )}
      {children}
    </div>
  );
}

/** The composer beside the timeline with a handle between them; on a narrow screen, one above the other. */
export function TabBody({ composer, timeline }: { composer: ReactNode; timeline: ReactNode }) {
  const narrow = useMediaQuery(NARROW_LAYOUT);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(bodyRef);
  const stored = useLayoutStore((s) => s.sizes.composer);
  const setPaneSize = useLayoutStore((s) => s.setPaneSize);
  const range = composerRange(width);
  const composerWidth = effectiveSize(stored, PANE_LIMITS.composer.share, width - SPLITTER_SIZE, range);

  return (
    <div
      ref={bodyRef}
      className="tab-body"
      style={narrow ? undefined : ({ '--composer-width': `${composerWidth}px` } as CSSProperties)}
    >
      {composer}
      {!narrow && (
        <Splitter
          label="Resize composer"
          orientation="vertical"
          pane="before"
          value={composerWidth}
          range={range}
          onChange={(size) => setPaneSize('composer', size)}
        />
      )}
      {timeline}
    </div>
  );
}
