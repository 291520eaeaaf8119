// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listenForShortcuts } from './keyboard-shortcuts';

const press = (target: EventTarget, init: KeyboardEventInit) => {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
};

describe('listenForShortcuts', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    document.body.replaceChildren();
  });

  it('hands a shortcut over before the focused element sees it, and keeps it from the page', () => {
    const onShortcut = vi.fn(() => true);
    stop = listenForShortcuts({ onShortcut, onHelp: () => {} });
    const editor = document.body.appendChild(document.createElement('textarea'));
    const seenByEditor = vi.fn();
    editor.addEventListener('keydown', seenByEditor);
    const event = press(editor, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true });
    expect(onShortcut).toHaveBeenCalledWith(expect.objectContaining({ id: 'new-tab' }));
    expect(event.defaultPrevented).toBe(true);
    expect(seenByEditor).not.toHaveBeenCalled();
  });

  it('lets a shortcut nothing handles reach the page as usual', () => {
    stop = listenForShortcuts({ onShortcut: () => false, onHelp: () => {} });
    const event = press(document.body, { key: 'C', code: 'KeyC', altKey: true, shiftKey: true });
    expect(event.defaultPrevented).toBe(false);
  });

  it('leaves Send to the editor', () => {
    const onShortcut = vi.fn(() => true);
    stop = listenForShortcuts({ onShortcut, onHelp: () => {} });
    const event = press(document.body, { key: 'Enter', code: 'Enter', ctrlKey: true });
    expect(onShortcut).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(false);
  });

  it('opens the list on ? outside text fields only', () => {
    const onHelp = vi.fn();
    stop = listenForShortcuts({ onShortcut: () => true, onHelp });
    const field = document.body.appendChild(document.createElement('input'));
    press(field, { key: '?', code: 'Slash', shiftKey: true });
    expect(onHelp).not.toHaveBeenCalled();
    const button = document.body.appendChild(document.createElement('button'));
    press(button, { key: '?', code: 'Slash', shiftKey: true });
    expect(onHelp).toHaveBeenCalledOnce();
  });

  it('stops listening when unsubscribed', () => {
    const onHelp = vi.fn();
    listenForShortcuts({ onShortcut: () => true, onHelp })();
    press(document.body, { key: '?', code: 'Slash', shiftKey: true });
    expect(onHelp).not.toHaveBeenCalled();
  });
});
