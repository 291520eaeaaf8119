import { describe, expect, it } from 'vitest';
import {
  ariaKeyShortcut,
  isHelpKey,
  isTextEntry,
  matchShortcut,
  platformFrom,
  SHORTCUTS,
  shortcutLabel,
  withShortcut,
  type KeyPress,
} from './shortcuts';

const press = (code: string, held: Partial<KeyPress> = {}): KeyPress => ({
  key: '',
  code,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...held,
});

describe('matchShortcut', () => {
  it('takes Alt+Shift elsewhere and Ctrl+Shift on a Mac', () => {
    expect(matchShortcut(press('KeyN', { altKey: true, shiftKey: true }), 'other')?.id).toBe('new-tab');
    expect(matchShortcut(press('KeyN', { ctrlKey: true, shiftKey: true }), 'mac')?.id).toBe('new-tab');
    expect(matchShortcut(press('KeyN', { ctrlKey: true, shiftKey: true }), 'other')).toBeNull();
    expect(matchShortcut(press('KeyN', { altKey: true, shiftKey: true }), 'mac')).toBeNull();
  });

  it('needs exactly the chord: an extra or a missing modifier is not the shortcut', () => {
    expect(matchShortcut(press('KeyN', { altKey: true }), 'other')).toBeNull();
    expect(matchShortcut(press('KeyN', { altKey: true, shiftKey: true, ctrlKey: true }), 'other')).toBeNull();
    expect(matchShortcut(press('KeyN'), 'other')).toBeNull();
  });

  it('matches by key position, whatever Shift makes the key type', () => {
    const next = press('BracketRight', { key: '}', altKey: true, shiftKey: true });
    expect(matchShortcut(next, 'other')?.id).toBe('next-tab');
  });

  it('takes Ctrl+Enter, or Cmd+Enter on a Mac, for Send', () => {
    expect(matchShortcut(press('Enter', { ctrlKey: true }), 'other')?.id).toBe('send');
    expect(matchShortcut(press('Enter', { metaKey: true }), 'mac')?.id).toBe('send');
    expect(matchShortcut(press('Enter', { metaKey: true }), 'other')).toBeNull();
  });

  it('never claims a chord the browser keeps for itself', () => {
    for (const code of ['KeyT', 'KeyW', 'KeyL', 'KeyN', 'Tab']) {
      expect(matchShortcut(press(code, { ctrlKey: true }), 'other')).toBeNull();
      expect(matchShortcut(press(code, { metaKey: true }), 'mac')).toBeNull();
    }
  });

  it('gives every shortcut its own key', () => {
    const chords = SHORTCUTS.map((s) => `${s.chord}:${s.code}`);
    expect(new Set(chords).size).toBe(chords.length);
  });
});

describe('labels', () => {
  it('writes the chord as each platform does', () => {
    expect(shortcutLabel('new-tab', 'other')).toBe('Alt+Shift+N');
    expect(shortcutLabel('new-tab', 'mac')).toBe('⌃⇧N');
    expect(shortcutLabel('send', 'other')).toBe('Ctrl+Enter');
    expect(shortcutLabel('send', 'mac')).toBe('⌘↩');
    expect(withShortcut('New tab', 'new-tab', 'other')).toBe('New tab (Alt+Shift+N)');
  });

  it('writes aria-keyshortcuts values with the names ARIA uses', () => {
    expect(ariaKeyShortcut('next-tab', 'other')).toBe('Alt+Shift+]');
    expect(ariaKeyShortcut('next-tab', 'mac')).toBe('Control+Shift+]');
    expect(ariaKeyShortcut('send', 'mac')).toBe('Meta+Enter');
  });
});

describe('platformFrom', () => {
  it('tells a Mac from the rest', () => {
    expect(platformFrom('macOS')).toBe('mac');
    expect(platformFrom('MacIntel')).toBe('mac');
    expect(platformFrom('Linux x86_64')).toBe('other');
    expect(platformFrom('')).toBe('other');
  });
});

describe('isHelpKey', () => {
  it('is a plain ?, typed with Shift or not', () => {
    expect(isHelpKey(press('Slash', { key: '?', shiftKey: true }))).toBe(true);
    expect(isHelpKey(press('Slash', { key: '?', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isHelpKey(press('Slash', { key: '/' }))).toBe(false);
  });
});

describe('isTextEntry', () => {
  it('is true where typing enters text', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text', isContentEditable: false })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', isContentEditable: false })).toBe(true);
    expect(isTextEntry({ tagName: 'TEXTAREA', isContentEditable: false })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    // Monaco's input in Chromium: a div that takes text through an EditContext.
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: false, hasEditContext: true })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', role: 'textbox', isContentEditable: false })).toBe(true);
  });

  it('is false on buttons, checkboxes and the rest of the page', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox', isContentEditable: false })).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON', isContentEditable: false })).toBe(false);
    expect(isTextEntry({ tagName: 'BODY', isContentEditable: false })).toBe(false);
  });
});
