import { useEffect, useLayoutEffect, useRef } from 'react';
import { listenForShortcuts, shortcutPlatform } from '@/adapters/keyboard-shortcuts';
import { ariaKeyShortcut, shortcutLabel, withShortcut, type ShortcutId } from '@/core/keyboard/shortcuts';

// Whoever shows the control a shortcut stands for handles it; the last mounted wins (only one tab is on screen).
const handlers = new Map<ShortcutId, () => void>();

/** Runs `handler` when the shortcut is pressed, for as long as the calling component is mounted. */
export function useShortcut(id: ShortcutId, handler: () => void): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const run = () => latest.current();
    handlers.set(id, run);
    return () => {
      if (handlers.get(id) === run) handlers.delete(id);
    };
  }, [id]);
}

/** Does what the shortcut does, as if pressed; returns false when nothing on screen handles it now. */
export function runShortcut(id: ShortcutId): boolean {
  const handler = handlers.get(id);
  handler?.();
  return handler !== undefined;
}

/** Listens on the document for every shortcut while mounted; `onHelp` opens the list of them. */
export function useShortcutListener(onHelp: () => void): void {
  const latestHelp = useRef(onHelp);
  useLayoutEffect(() => {
    latestHelp.current = onHelp;
  });
  useEffect(
    () =>
      listenForShortcuts({
        onShortcut: (shortcut) => runShortcut(shortcut.id),
        onHelp: () => latestHelp.current(),
      }),
    [],
  );
}

/** A control's tooltip and `aria-keyshortcuts`, naming its shortcut as this platform writes it. */
export function shortcutProps(title: string, id: ShortcutId): { title: string; 'aria-keyshortcuts': string } {
  return { title: shortcutTitle(title, id), 'aria-keyshortcuts': shortcutKeys(id) };
}

/** A tooltip with the shortcut: "New tab (Alt+Shift+N)". */
export function shortcutTitle(title: string, id: ShortcutId): string {
  return withShortcut(title, id, shortcutPlatform);
}

/** The shortcut as `aria-keyshortcuts` names it on this platform. */
export function shortcutKeys(id: ShortcutId): string {
  return ariaKeyShortcut(id, shortcutPlatform);
}

/** The shortcut as this platform writes it: "Alt+Shift+N", or "⌃⇧N" on a Mac. */
export function shortcutText(id: ShortcutId): string {
  return shortcutLabel(id, shortcutPlatform);
}
