import { useId, type RefObject } from 'react';
import { useMenu } from './use-menu';
import { MoreIcon } from './icons';

/** One entry of an action menu; `danger` marks destructive ones. */
export interface MenuAction {
  label: string;
  onSelect(): void;
  danger?: boolean;
  disabled?: boolean;
}

interface ActionMenuProps {
  /** The button's accessible name, specific to the item ("Actions for Team"). */
  label: string;
  actions: readonly MenuAction[];
}

/** A "more" (three dots) button opening a menu of actions, operated as the ARIA menu-button pattern (see useMenu). */
export function ActionMenu({ label, actions }: ActionMenuProps) {
  const { open, setOpen, container, button, menu, onMenuKeyDown } = useMenu();
  const menuId = useId();

  return (
    <div ref={container} className="action-menu">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={label}
        title="More actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
      >
        <MoreIcon />
      </button>
      {open && (
        <ul
          ref={menu as RefObject<HTMLUListElement>}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu"
          onKeyDown={onMenuKeyDown}
        >
          {actions.map((action) => (
            <li key={action.label} role="none">
              <button
                type="button"
                role="menuitem"
                className={action.danger ? 'danger' : undefined}
                disabled={action.disabled}
                onClick={() => {
                  setOpen(false);
                  action.onSelect();
                }}
              >
                {action.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
