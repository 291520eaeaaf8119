import { useEffect, useId, useRef, type CSSProperties, type ReactNode } from 'react';
import './popover-button.css';

interface PopoverButtonProps {
  /** What the button shows. */
  children: ReactNode;
  /** The button's accessible name, when it is not its text. */
  label?: string;
  buttonClassName?: string;
  /** Below the button, right edges aligned; or above it, left edges aligned (at the foot of the sidebar). */
  placement: 'below' | 'above';
  /** The panel itself: a form or a group with its own name, drawn by the `popover` class. */
  panel: ReactNode;
}

/**
 * A button that opens a native popover (`popovertarget`): in the top layer, closed by Escape or a click outside,
 * and placed against the button with CSS anchor positioning.
 */
export function PopoverButton({
  children,
  label,
  buttonClassName = 'button',
  placement,
  panel,
}: PopoverButtonProps) {
  const id = useId();
  const popoverId = `popover-${id}`;
  const anchor = `--${popoverId.replace(/[^\w-]/g, '')}`;
  const button = useRef<HTMLButtonElement>(null);

  const shell = useRef<HTMLDivElement>(null);

  // The browser puts focus back on Escape; after a click on nothing focusable it would be left on the page.
  useEffect(() => {
    const element = shell.current;
    if (!element) return;
    const onToggle = (event: ToggleEvent) => {
      if (event.newState !== 'closed') return;
      const focused = document.activeElement;
      if (!focused || focused === document.body || element.contains(focused)) button.current?.focus();
    };
    element.addEventListener('toggle', onToggle);
    return () => element.removeEventListener('toggle', onToggle);
  }, []);

  return (
    <>
      <button
        ref={button}
        type="button"
        className={buttonClassName}
        aria-label={label}
        popoverTarget={popoverId}
        style={{ anchorName: anchor } as CSSProperties}
      >
        {children}
      </button>
      <div
        id={popoverId}
        popover="auto"
        className={`popover-shell popover-${placement}`}
        style={{ positionAnchor: anchor } as CSSProperties}
        ref={shell}
      >
        {panel}
      </div>
    </>
  );
}
