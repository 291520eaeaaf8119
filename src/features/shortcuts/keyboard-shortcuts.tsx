import { useState } from 'react';
import { ModalDialog } from '@/components/modal-dialog';
import { shortcutText, useShortcutListener } from '@/components/use-shortcut';
import { HELP_KEY, SHORTCUTS } from '@/core/keyboard/shortcuts';

// Keys that belong to one control rather than to the app, listed so the dialog tells the whole story.
const LOCAL_KEYS = [
  { keys: 'Escape', description: 'Close a popover, this dialog or the detail pane' },
  { keys: 'Delete', description: 'Close the focused tab' },
  { keys: '↑ ↓', description: 'Select the previous or next timeline row' },
  { keys: HELP_KEY, description: 'Show this list (outside text fields)' },
];

/** Listens for the app's shortcuts and, on `?`, lists them in a dialog. */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  useShortcutListener(() => setOpen(true));
  if (!open) return null;
  return (
    <ModalDialog
      label="Keyboard shortcuts"
      className="small-dialog shortcuts-dialog"
      onClose={() => setOpen(false)}
    >
      <h2>Keyboard shortcuts</h2>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Keys</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.id}>
              <td>{shortcut.description}</td>
              <td>
                <kbd>{shortcutText(shortcut.id)}</kbd>
              </td>
            </tr>
          ))}
          {LOCAL_KEYS.map((local) => (
            <tr key={local.keys}>
              <td>{local.description}</td>
              <td>
                <kbd>{local.keys}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="dialog-footer">
        <span className="spacer" />
        <button type="submit" className="button" autoFocus>
          Close
        </button>
      </form>
    </ModalDialog>
  );
}
