import {
  isHelpKey,
  isTextEntry,
  matchShortcut,
  platformFrom,
  type Platform,
  type Shortcut,
} from '@/core/keyboard/shortcuts';

/** Whether typing into the element enters text. */
export function takesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return isTextEntry({
    tagName: target.tagName,
    type: target instanceof HTMLInputElement ? target.type : undefined,
    role: target.getAttribute('role'),
    isContentEditable: target.isContentEditable,
    hasEditContext: 'editContext' in target && target.editContext != null,
  });
}

type NavigatorWithHints = Navigator & { userAgentData?: { platform: string } };

/** The platform whose modifiers the shortcuts use here. */
export const shortcutPlatform: Platform = platformFrom(
  (navigator as NavigatorWithHints).userAgentData?.platform ?? navigator.platform,
);

interface ShortcutListeners {
  /** Returns whether something on screen acted on it; an unhandled key goes on to the page as usual. */
  onShortcut(shortcut: Shortcut): boolean;
  /** `?` pressed outside a text field. */
  onHelp(): void;
}

/**
 * Listens for the shortcuts on the whole document; returns the unsubscribe. It listens in the capture phase so
 * the keys reach it before Monaco, which stops the propagation of keys it binds.
 */
export function listenForShortcuts({ onShortcut, onHelp }: ShortcutListeners): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || event.defaultPrevented) return;
    // A modal dialog owns the keyboard until it closes: nothing behind it should change.
    if (document.querySelector('dialog:modal')) return;
    const shortcut = matchShortcut(event, shortcutPlatform);
    if (shortcut) {
      if (shortcut.inEditorOnly || !onShortcut(shortcut)) return;
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (isHelpKey(event) && !takesText(event.target)) {
      event.preventDefault();
      onHelp();
    }
  };
  document.addEventListener('keydown', onKeyDown, { capture: true });
  return () => document.removeEventListener('keydown', onKeyDown, { capture: true });
}
