/**
 * The app's keyboard shortcuts: one map for matching, the shortcuts dialog and the tooltips.
 *
 * Browser chords (Ctrl+T, Ctrl+W, Ctrl+L, Ctrl+N, Ctrl+Tab) never reach a page, so the app's own shortcuts use
 * Alt+Shift (Ctrl+Shift on a Mac, where Option+Shift types characters) with keys neither Chromium nor Monaco
 * binds to that chord (Monaco has Alt+Shift+F, I, A and the arrows).
 */

export type ShortcutId =
  | 'new-tab'
  | 'close-tab'
  | 'next-tab'
  | 'previous-tab'
  | 'focus-url'
  | 'connect'
  | 'send'
  | 'focus-filter'
  | 'toggle-detail';

export type Platform = 'mac' | 'other';

/** `app`: Alt+Shift (Ctrl+Shift on a Mac). `primary`: Ctrl (Cmd on a Mac). */
type Chord = 'app' | 'primary';

export interface Shortcut {
  id: ShortcutId;
  description: string;
  chord: Chord;
  /** `KeyboardEvent.code`: the key's place, so Shift and Option do not change what matches. */
  code: string;
  /** The key as printed on a US keyboard. */
  keyLabel: string;
  /** Handled by the message editor itself, not by the document's listener. */
  inEditorOnly?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'new-tab', description: 'New tab', chord: 'app', code: 'KeyN', keyLabel: 'N' },
  { id: 'close-tab', description: 'Close tab', chord: 'app', code: 'KeyW', keyLabel: 'W' },
  { id: 'next-tab', description: 'Next tab', chord: 'app', code: 'BracketRight', keyLabel: ']' },
  { id: 'previous-tab', description: 'Previous tab', chord: 'app', code: 'BracketLeft', keyLabel: '[' },
  { id: 'focus-url', description: 'Focus the URL', chord: 'app', code: 'KeyL', keyLabel: 'L' },
  { id: 'connect', description: 'Connect or disconnect', chord: 'app', code: 'KeyC', keyLabel: 'C' },
  {
    id: 'send',
    description: 'Send the message (in the editor)',
    chord: 'primary',
    code: 'Enter',
    keyLabel: 'Enter',
    inEditorOnly: true,
  },
  { id: 'focus-filter', description: 'Filter the timeline', chord: 'app', code: 'KeyK', keyLabel: 'K' },
  {
    id: 'toggle-detail',
    description: 'Show or hide the detail pane',
    chord: 'app',
    code: 'KeyD',
    keyLabel: 'D',
  },
];

/** The key that opens the list of shortcuts, outside text fields. */
export const HELP_KEY = '?';

/** The modifier and key state of a key press, as `KeyboardEvent` has it. */
export interface KeyPress {
  key: string;
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Which platform's modifiers apply, from `navigator.userAgentData.platform` or `navigator.platform`. */
export function platformFrom(name: string): Platform {
  return /mac|iphone|ipad/i.test(name) ? 'mac' : 'other';
}

function chordHeld(chord: Chord, press: KeyPress, platform: Platform): boolean {
  if (chord === 'primary') {
    const primary = platform === 'mac' ? press.metaKey : press.ctrlKey;
    const other = platform === 'mac' ? press.ctrlKey : press.metaKey;
    return primary && !other && !press.altKey && !press.shiftKey;
  }
  if (platform === 'mac') return press.ctrlKey && press.shiftKey && !press.altKey && !press.metaKey;
  return press.altKey && press.shiftKey && !press.ctrlKey && !press.metaKey;
}

/** The shortcut a key press stands for, or null. */
export function matchShortcut(press: KeyPress, platform: Platform): Shortcut | null {
  return (
    SHORTCUTS.find(
      (shortcut) => shortcut.code === press.code && chordHeld(shortcut.chord, press, platform),
    ) ?? null
  );
}

/** Whether a key press asks for the shortcuts list: `?` with no modifier but the Shift that types it. */
export function isHelpKey(press: KeyPress): boolean {
  return press.key === HELP_KEY && !press.altKey && !press.ctrlKey && !press.metaKey;
}

function shortcutById(id: ShortcutId): Shortcut {
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  if (!shortcut) throw new Error(`No shortcut ${id}`);
  return shortcut;
}

/** How the shortcut is written for people: "Alt+Shift+N", or "⌃⇧N" on a Mac. */
export function shortcutLabel(id: ShortcutId, platform: Platform): string {
  const { chord, keyLabel } = shortcutById(id);
  if (platform === 'mac') return `${chord === 'app' ? '⌃⇧' : '⌘'}${keyLabel === 'Enter' ? '↩' : keyLabel}`;
  return `${chord === 'app' ? 'Alt+Shift+' : 'Ctrl+'}${keyLabel}`;
}

/** The shortcut in the form `aria-keyshortcuts` takes: "Alt+Shift+N", "Control+Shift+N", "Meta+Enter". */
export function ariaKeyShortcut(id: ShortcutId, platform: Platform): string {
  const { chord, keyLabel } = shortcutById(id);
  if (chord === 'primary') return `${platform === 'mac' ? 'Meta' : 'Control'}+${keyLabel}`;
  return `${platform === 'mac' ? 'Control' : 'Alt'}+Shift+${keyLabel}`;
}

/** A control's tooltip with its shortcut: "New tab (Alt+Shift+N)". */
export function withShortcut(title: string, id: ShortcutId, platform: Platform): string {
  return `${title} (${shortcutLabel(id, platform)})`;
}

/** What has focus, as far as typing goes. */
export interface FocusTarget {
  tagName: string;
  /** The `type` of an input. */
  type?: string;
  /** The `role` attribute. */
  role?: string | null;
  isContentEditable: boolean;
  /** Whether it takes text through an `EditContext`, as Monaco's input does in Chromium. */
  hasEditContext?: boolean;
}

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

const TEXT_ROLES = new Set(['textbox', 'searchbox', 'combobox']);

/** Whether typing there enters text, so a plain `?` belongs to the field. */
export function isTextEntry(target: FocusTarget): boolean {
  if (target.isContentEditable || target.hasEditContext) return true;
  if (target.role && TEXT_ROLES.has(target.role)) return true;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea') return true;
  return tag === 'input' && !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}
