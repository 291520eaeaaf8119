import { useEffect, useRef, useState, type FormEvent } from 'react';
import { validateVariableNames, type Environment } from '@/core/template/environment';
import type { Variable } from '@/core/template/variable';
import { GLOBAL_ENVIRONMENT_ID } from '@/core/workspace/workspace';
import { useWorkspaceStore } from '@/stores/workspace-store';

/** A modal editor of one environment's name and variables; nothing is stored until Save. */
export function EnvironmentEditor({ environment, onClose }: { environment: Environment; onClose(): void }) {
  const setVariables = useWorkspaceStore((s) => s.setVariables);
  const renameEnvironment = useWorkspaceStore((s) => s.renameEnvironment);
  const deleteEnvironment = useWorkspaceStore((s) => s.deleteEnvironment);
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(environment.name);
  const [rows, setRows] = useState<Variable[]>(() => environment.variables.map((v) => ({ ...v })));
  const [revealed, setRevealed] = useState<Set<number>>(new Set());
  const isGlobal = environment.id === GLOBAL_ENVIRONMENT_ID;
  const problems = validateVariableNames(rows);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const update = (index: number, patch: Partial<Variable>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length > 0) return;
    if (!isGlobal && name.trim()) renameEnvironment(environment.id, name.trim());
    setVariables(environment.id, rows);
    onClose();
  };

  return (
    <dialog
      ref={dialog}
      className="environment-editor"
      aria-label={`Environment ${environment.name}`}
      onClose={onClose}
    >
      <form onSubmit={onSave} noValidate>
        <header className="dialog-header">
          {isGlobal ? (
            <h2>Global variables</h2>
          ) : (
            <input
              type="text"
              aria-label="Environment name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
          <p className="hint">
            Use them as {'{{name}}'} in URLs, subprotocols and messages. Secret values are masked and never
            exported.
          </p>
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
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          const next = new Set(revealed);
                          if (next.has(index)) next.delete(index);
                          else next.add(index);
                          setRevealed(next);
                        }}
                      >
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
                      ✕
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
          {!isGlobal && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                deleteEnvironment(environment.id);
                onClose();
              }}
            >
              Delete environment
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={problems.length > 0}>
            Save
          </button>
        </footer>
      </form>
    </dialog>
  );
}
