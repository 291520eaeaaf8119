import { useMemo, useState } from 'react';
import {
  importChoice,
  previewImport,
  type ImportChoice,
  type ImportPreviewItem,
} from '@/core/collection/apply-import';
import type { CollectionDocument, ImportError } from '@/core/collection/collection-document';
import { checkImportVariables, type ImportVariableCheck } from '@/core/collection/import-variables';
import { selectWorkspace, useWorkspaceStore } from '@/stores/workspace-store';
import { ImportErrorMessage } from './import-error-message';

const NEW_COLLECTION = '';

interface ImportPreviewProps {
  document: CollectionDocument;
  label: string;
  error: ImportError | null;
  onConfirm(options: { choices: Record<string, ImportChoice>; targetCollectionId: string | null }): void;
  onBack(): void;
  onCancel(): void;
}

/** What an import would add, what already exists (copy or replace), and what could not be carried over. */
export function ImportPreview({ document, label, error, onConfirm, onBack, onCancel }: ImportPreviewProps) {
  const workspace = useWorkspaceStore(selectWorkspace);
  const collections = workspace.collections;
  const items = useMemo(() => previewImport(workspace, document), [workspace, document]);
  const [choices, setChoices] = useState<Record<string, ImportChoice>>({});
  const [target, setTarget] = useState<string>(collections[0]?.id ?? NEW_COLLECTION);
  const targetCollectionId = target || null;
  const variables = useMemo(
    () => checkImportVariables(workspace, document, { choices, targetCollectionId }),
    [workspace, document, choices, targetCollectionId],
  );
  const hasLoose = document.connections.length > 0;
  const replacing = items.filter((item) => item.existing && importChoice(choices, item.id) === 'replace');

  return (
    <div className="import-step">
      <h2>Review the import</h2>
      <p className="hint">
        From {label} ({document.source}). Nothing is saved until you press Import, and nothing connects or
        sends until you press Connect.
      </p>
      <ul className="import-items" aria-label="Items to import">
        {items.map((item) => (
          <li key={`${item.kind}-${item.id}`} className="import-item">
            <div className="import-item-title">
              <span className="format-tag">{KIND_LABELS[item.kind]}</span>
              <strong>{item.name || '(no name)'}</strong>
            </div>
            <p className="muted">{describeCounts(item)}</p>
            {item.hosts.length > 0 && (
              <p className="import-hosts">
                Connects to{' '}
                {item.hosts.map((host, index) => (
                  <span key={host}>
                    {index > 0 && ', '}
                    <code>{host}</code>
                  </span>
                ))}
              </p>
            )}
            {item.existing && (
              <label className="import-choice">
                <span>“{item.existing.name}” is already here (same id).</span>
                <select
                  aria-label={`When “${item.name}” already exists`}
                  value={importChoice(choices, item.id)}
                  onChange={(e) => setChoices({ ...choices, [item.id]: e.target.value as ImportChoice })}
                >
                  <option value="copy">Import as a copy</option>
                  <option value="replace">Replace the existing one</option>
                </select>
              </label>
            )}
          </li>
        ))}
      </ul>
      {hasLoose && (
        <label className="import-choice">
          <span>Add the shared connection{document.connections.length > 1 ? 's' : ''} to</span>
          <select aria-label="Add to collection" value={target} onChange={(e) => setTarget(e.target.value)}>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NEW_COLLECTION}>A new collection</option>
          </select>
        </label>
      )}
      <VariablesReport check={variables} />
      {document.notes.length > 0 && (
        <details className="import-notes" open>
          <summary>Not carried over ({document.notes.length})</summary>
          <ul aria-label="Not carried over">
            {document.notes.map((note, index) => (
              <li key={index}>
                <code>{note.where}</code> {note.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {document.timelines.length > 0 && (
        <p className="muted">
          {document.timelines.length === 1
            ? 'It also holds 1 recorded timeline, which you can open after importing.'
            : `It also holds ${document.timelines.length} recorded timelines, which you can open after importing.`}
        </p>
      )}
      {replacing.length > 0 && (
        <p className="warning-text" role="note">
          Replace overwrites {replacing.map((item) => `“${item.existing?.name}”`).join(', ')} with the
          imported version. Secret values you have here are kept.
        </p>
      )}
      {error && <ImportErrorMessage error={error} />}
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          autoFocus
          onClick={() => onConfirm({ choices, targetCollectionId })}
        >
          Import
        </button>
      </footer>
    </div>
  );
}

/** Why `{{host}}` would stay as written after the import, and which secrets arrive empty; nothing when all is defined. */
function VariablesReport({ check }: { check: ImportVariableCheck }) {
  const { undefinedNames, secretsToFill } = check;
  if (undefinedNames.length === 0 && secretsToFill.length === 0) return null;
  return (
    <div className="import-variables">
      {undefinedNames.length > 0 && (
        <div className="import-variables-line">
          <span className="warning-text">Not defined anywhere:</span>{' '}
          <ul className="inline-list" aria-label="Undefined variables">
            {undefinedNames.map((name) => (
              <li key={name}>
                <code>{`{{${name}}}`}</code>
              </li>
            ))}
          </ul>{' '}
          — these stay as written until you define them in an environment.
        </div>
      )}
      {secretsToFill.length > 0 && (
        <div className="import-variables-line">
          <span>Secret values to fill in after importing:</span>{' '}
          <ul className="inline-list" aria-label="Secrets to fill in">
            {secretsToFill.map((secret) => (
              <li key={`${secret.where}:${secret.name}`}>
                <code>{secret.name}</code> ({secret.where})
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

const KIND_LABELS: Record<ImportPreviewItem['kind'], string> = {
  collection: 'Collection',
  connection: 'Connection',
  environment: 'Environment',
};

function describeCounts(item: ImportPreviewItem): string {
  const parts: string[] = [];
  const count = (n: number, one: string, many: string) => {
    if (n > 0 || (one === 'connection' && item.kind === 'collection'))
      parts.push(`${n} ${n === 1 ? one : many}`);
  };
  count(item.folders, 'folder', 'folders');
  if (item.kind !== 'connection') count(item.connections, 'connection', 'connections');
  count(item.templates, 'template', 'templates');
  count(item.variables, 'variable', 'variables');
  return parts.join(' · ') || 'Empty';
}
