import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { copyText } from '@/adapters/clipboard';
import { ModalDialog } from '@/components/modal-dialog';
import { exportEnvironmentOffers, secretsIn } from '@/core/collection/export-environments';
import {
  workspaceToDocument,
  type ExportChoices,
  type ExportScope,
} from '@/core/collection/workspace-to-document';
import { createShareLink, exportToFile, type ShareLink } from '@/runtime/collection-export';
import { selectWorkspace, useWorkspaceStore } from '@/stores/workspace-store';

/** A file to download, or a link that carries the same data in its fragment. */
export type ExportMode = 'file' | 'link';

interface ExportDialogProps {
  scope: ExportScope;
  /** The collection's or connection's name ("everything" for a whole-workspace export). */
  name: string;
  mode: ExportMode;
  onClose(): void;
  /** Says what was downloaded, after the dialog closes. */
  report(message: string): void;
}

/**
 * Export as a file or share as a link, with what the data needs: the environments its connections use (checked
 * by default) and, only when asked and after a warning, secret values.
 */
export function ExportDialog({ scope, name, mode, onClose, report }: ExportDialogProps) {
  const workspace = useWorkspaceStore(selectWorkspace);
  const everything = scope.kind === 'everything';
  const offers = useMemo(
    () => (everything ? [] : exportEnvironmentOffers(workspace, scope)),
    [everything, workspace, scope],
  );
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const environmentIds = useMemo(
    () => offers.filter((offer) => !unchecked.has(offer.id)).map((offer) => offer.id),
    [offers, unchecked],
  );
  const secrets = useMemo(() => {
    const document = workspaceToDocument(workspace, scope, { environmentIds });
    return document ? secretsIn(document) : [];
  }, [workspace, scope, environmentIds]);
  const choices = useMemo(
    (): ExportChoices => ({
      environmentIds,
      secrets: includeSecrets && secrets.length > 0 ? 'values' : 'names',
    }),
    [environmentIds, includeSecrets, secrets.length],
  );
  const link = useShareLink(scope, choices, { enabled: mode === 'link' });
  const [status, setStatus] = useState<string | null>(null);
  const secretsHintId = useId();

  const onCopy = async () => {
    if (!link.data) return;
    const copied = await copyText(link.data.url);
    setStatus(copied.ok ? 'Link copied.' : copied.error);
  };

  const toggle = (id: string, checked: boolean) => {
    const next = new Set(unchecked);
    if (checked) next.delete(id);
    else next.add(id);
    setUnchecked(next);
  };

  const onDownload = () => {
    const exported = exportToFile(scope, choices);
    if (!exported.ok) return setStatus(exported.error);
    if (mode === 'link') return setStatus(`Saved ${exported.value}.`);
    report(
      everything ? `Exported everything as ${exported.value}.` : `Exported “${name}” as ${exported.value}.`,
    );
    onClose();
  };

  const carrier = mode === 'file' ? 'file' : 'link';
  const verb = mode === 'file' ? 'Export' : 'Share';
  const environmentNames = workspace.environments.map((e) => e.name).join(', ');

  return (
    <ModalDialog
      label={everything ? `${verb} everything` : `${verb} ${name}`}
      className="small-dialog export-dialog"
      onClose={onClose}
    >
      <h2>{everything ? `${verb} everything` : `${verb} “${name}”`}</h2>
      <p className="hint">
        {mode === 'file'
          ? 'A Frameline collection file, to import in another browser or keep in git.'
          : 'Everything is inside the link, after the “#”, which browsers never send to a server. Whoever opens it sees a preview first; nothing is added or connected until they confirm.'}{' '}
        {choices.secrets === 'values'
          ? 'Secret values are included.'
          : 'Secret values are left out; only their names are written.'}
      </p>

      {everything && (
        <div className="export-section export-box" role="group" aria-label="Environments included">
          <strong>Every environment is included:</strong> {environmentNames}.
        </div>
      )}
      {offers.length > 0 && (
        <fieldset className="export-section">
          <legend>Environments its connections use</legend>
          {offers.map((offer) => (
            <label key={offer.id} className="check-row export-environment">
              <input
                type="checkbox"
                checked={!unchecked.has(offer.id)}
                onChange={(e) => toggle(offer.id, e.target.checked)}
              />
              <span>
                <span className="export-environment-name">{offer.name}</span> —{' '}
                <span className="export-environment-provides">{offer.provides.join(', ')}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {secrets.length > 0 && (
        <div className="export-section">
          <label className="check-row">
            <input
              type="checkbox"
              checked={includeSecrets}
              aria-describedby={secretsHintId}
              onChange={(e) => setIncludeSecrets(e.target.checked)}
            />
            Include secret values
          </label>
          <p className="hint export-secret-names" id={secretsHintId}>
            Secrets: {secrets.map((s) => `${s.name} (${s.where})`).join(', ')}.
          </p>
          {includeSecrets && (
            <p className="export-warning" role="alert">
              The {carrier} will contain these secret values in plain text. Anyone who has the {carrier} can
              read and use them.
            </p>
          )}
        </div>
      )}

      {mode === 'link' && <ShareLinkField link={link} />}
      {status && <p role="status">{status}</p>}
      <footer className="dialog-footer">
        {mode === 'link' && (
          <button type="button" className="button" onClick={onDownload}>
            Download a file instead
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          {mode === 'file' ? 'Cancel' : 'Close'}
        </button>
        {mode === 'file' && (
          <button type="button" className="button primary" onClick={onDownload}>
            Download
          </button>
        )}
        {mode === 'link' && (
          <button
            type="button"
            className="button primary"
            disabled={!link.data || link.data.level === 'too-long'}
            onClick={() => void onCopy()}
          >
            Copy link
          </button>
        )}
      </footer>
    </ModalDialog>
  );
}

/** The share link for the current choices, rebuilt whenever they change. */
function useShareLink(scope: ExportScope, choices: ExportChoices, options: { enabled: boolean }) {
  return useQuery({
    queryKey: ['share-link', scope, choices],
    queryFn: async () => {
      const result = await createShareLink(scope, choices);
      if (!result.ok) throw new Error(result.error);
      return result.value;
    },
    enabled: options.enabled,
    gcTime: 0,
    staleTime: 0,
  });
}

function ShareLinkField({ link }: { link: UseQueryResult<ShareLink, Error> }) {
  return (
    <div className="share-link-field">
      {link.isPending && (
        <p className="share-link-pending" role="status">
          Building the link…
        </p>
      )}
      {link.isError && (
        <p className="field-error" role="alert">
          {link.error.message}
        </p>
      )}
      {link.data && (
        <>
          <textarea
            className="share-link"
            aria-label="Share link"
            readOnly
            rows={4}
            value={link.data.level === 'too-long' ? '' : link.data.url}
            onFocus={(e) => e.target.select()}
          />
          <p className={link.data.level === 'ok' ? 'muted' : 'warning-text'} aria-label="Link length">
            {link.data.message}
          </p>
        </>
      )}
    </div>
  );
}
