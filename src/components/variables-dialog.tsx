import { useState, type FormEvent, type ReactNode } from 'react';
import { validateVariableNames } from '@/core/template/environment';
import type { Variable } from '@/core/template/variable';
import { ModalDialog } from './modal-dialog';
import { CloseIcon } from './icons';

interface VariablesDialogProps {
  /** The dialog's accessible name ("Environment Staging", "Variables of Team"). */
  label: string;
  /** A fixed heading; without it the name is an editable field labelled `nameLabel`. */
  heading?: string;
  nameLabel?: string;
  initialName?: string;
  variables: readonly Variable[];
  hint: ReactNode;
  onSave(result: { name: string; variables: Variable[] }): void;
  onClose(): void;
  /** Extra footer buttons (Delete environment). */
  footer?: ReactNode;
}

/** Edits a name and a list of variables in a modal; nothing is stored until Save, and bad names block it. */
export function VariablesDialog(props: VariablesDialogProps) {
  const { label, heading, nameLabel, initialName = '', hint, onSave, onClose, footer } = props;
  const [name, setName] = useState(initialName);
  const [rows, setRows] = useState<Variable[]>(() => props.variables.map((v) => ({ ...v })));
  const [revealed, setRevealed] = useState<Set<number>>(new Set());
  const problems = validateVariableNames(rows);

  const update = (index: number, patch: Partial<Variable>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length > 0) return;
    onSave({ name: name.trim() || initialName, variables: rows });
    onClose();
  };

  const toggleReveal = (index: number) => {
    const next = new Set(revealed);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setRevealed(next);
  };

  return (
    <ModalDialog label={label} className="variables-dialog" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <header className="dialog-header">
          {heading ? (
            <h2>{heading}</h2>
          ) : (
            <input
              type="text"
              aria-label={nameLabel}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
          <p className="hint">{hint}</p>
        </header>
        <table className="variables-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Value</th>
              <th>Secret</th>
              <th>
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No variables yet.
                </td>
              </tr>
            )}
            {rows.map((row, index) => {
              const problem = problems.find((p) => p.index === index);
              return (
                <tr key={index}>
                  <td>
                    <input
                      type="text"
                      aria-label={`Variable ${index + 1} name`}
                      value={row.name}
                      aria-invalid={problem ? true : undefined}
                      title={problem?.message}
                      onChange={(e) => update(index, { name: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type={row.secret && !revealed.has(index) ? 'password' : 'text'}
                      aria-label={`Variable ${index + 1} value`}
                      value={row.value}
                      autoComplete="off"
                      onChange={(e) => update(index, { value: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Variable ${index + 1} is secret`}
                      checked={row.secret}
                      onChange={(e) => update(index, { secret: e.target.checked })}
                    />
                    {row.secret && (
                      <button type="button" className="link-button" onClick={() => toggleReveal(index)}>
                        {revealed.has(index) ? 'Hide' : 'Show'}
                      </button>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove variable ${index + 1}`}
                      onClick={() => setRows(rows.filter((_, i) => i !== index))}
                    >
                      <CloseIcon />
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {problems.length > 0 && (
          <ul className="field-error" role="alert">
            {problems.map((p) => (
              <li key={`${p.index}-${p.code}`}>
                Row {p.index + 1}: {p.message}
              </li>
            ))}
          </ul>
        )}
        <footer className="dialog-footer">
          <button
            type="button"
            className="button small"
            onClick={() => setRows([...rows, { name: '', value: '', secret: false }])}
          >
            Add variable
          </button>
          {footer}
          <span className="spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={problems.length > 0}>
            Save
          </button>
        </footer>
      </form>
    </ModalDialog>
  );
}
