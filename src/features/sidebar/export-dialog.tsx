import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { copyText } from '@/adapters/clipboard';
import { ModalDialog } from '@/components/modal-dialog';
import type { ExportScope } from '@/core/collection/workspace-to-document';
import { createShareLink, exportToFile } from '@/runtime/collection-export';

/** A link carrying the collection (or connection) in its fragment, its length, and a file when it is too long. */
export function ShareDialog({ scope, name, onClose }: { scope: ExportScope; name: string; onClose(): void }) {
  const link = useQuery({
    queryKey: ['share-link', scope],
    queryFn: async () => {
      const result = await createShareLink(scope);
      if (!result.ok) throw new Error(result.error);
      return result.value;
    },
    gcTime: 0,
    staleTime: 0,
  });
  const [status, setStatus] = useState<string | null>(null);

  const onCopy = async () => {
    if (!link.data) return;
    const copied = await copyText(link.data.url);
    setStatus(copied.ok ? 'Link copied.' : copied.error);
  };

  const onExport = () => {
    const exported = exportToFile(scope);
    setStatus(exported.ok ? `Saved ${exported.value}.` : exported.error);
  };

  return (
    <ModalDialog label={`Share ${name}`} className="small-dialog share-dialog" onClose={onClose}>
      <h2>Share “{name}”</h2>
      <p className="hint">
        Everything is inside the link, after the “#”, which browsers never send to a server. Secret values are
        left out. Whoever opens it sees a preview first; nothing is added or connected until they confirm.
      </p>
      {link.isPending && <p role="status">Building the link…</p>}
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
      {status && <p role="status">{status}</p>}
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onExport}>
          Export as file instead
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!link.data || link.data.level === 'too-long'}
          onClick={() => void onCopy()}
        >
          Copy link
        </button>
      </footer>
    </ModalDialog>
  );
}
