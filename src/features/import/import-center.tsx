import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { listenForFileDrops } from '@/adapters/file-drop';
import { clearHash, onHashChange, readHash } from '@/adapters/location-hash';
import type { CollectionDocument, ImportError } from '@/core/collection/collection-document';
import { readShareFragment } from '@/core/share/share-link';
import type { Result } from '@/core/shared/result';
import type { ImportStart } from './import-dialog';

// The dialog and the parsers behind it (YAML, the importers) load on first use: most visits never import.
const ImportDialog = lazy(() => import('./import-dialog'));
const importRuntime = () => import('@/runtime/collection-import');

/**
 * The ways in: the Import button, a file dropped anywhere on the window, and a share link opened in (or pasted
 * into) this tab. Each leads to the same preview; nothing is stored or connected before the user confirms.
 */
export function ImportCenter() {
  const [start, setStart] = useState<(ImportStart & { serial: number }) | null>(null);
  const [dragging, setDragging] = useState(false);

  const openWith = useCallback(
    (label: string, read: () => Promise<Result<CollectionDocument, ImportError>>) =>
      setStart((previous) => ({ kind: 'reading', label, read, serial: (previous?.serial ?? 0) + 1 })),
    [],
  );

  useEffect(
    () =>
      listenForFileDrops({
        onDragging: setDragging,
        onDrop: (file) =>
          openWith(`“${file.name}”`, async () => (await importRuntime()).readImportFile(file)),
      }),
    [openWith],
  );

  useEffect(() => {
    const checkHash = () => {
      const link = readShareFragment(readHash());
      if (link === null) return;
      // Consumed once: a reload must not offer the same import again.
      clearHash();
      openWith('the share link', async () =>
        link.ok
          ? (await importRuntime()).readShareLink(link.value.encoded)
          : { ok: false, error: { path: '$', message: link.error } },
      );
    };
    checkHash();
    return onHashChange(checkHash);
  }, [openWith]);

  return (
    <>
      <button
        type="button"
        aria-label="Import collections"
        className="button small"
        onClick={() => setStart((previous) => ({ kind: 'choose', serial: (previous?.serial ?? 0) + 1 }))}
      >
        Import
      </button>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop the file to preview its import</p>
        </div>
      )}
      {start && (
        <Suspense fallback={null}>
          <ImportDialog key={start.serial} start={start} onClose={() => setStart(null)} />
        </Suspense>
      )}
    </>
  );
}
