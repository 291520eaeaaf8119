import { useState, type FormEvent } from 'react';
import { ModalDialog } from '@/components/modal-dialog';
import { folderAndDescendants, folderPath, type TreePlace } from '@/core/workspace/workspace-tree';
import { useWorkspaceStore } from '@/stores/workspace-store';

interface MoveDialogProps {
  name: string;
  /** The place it is in now, shown first. */
  current: TreePlace;
  /** A folder being moved cannot go into itself or below itself. */
  movingFolder?: { collectionId: string; folderId: string };
  onMove(to: TreePlace): void;
  onClose(): void;
}

/** Picks a collection or folder to move an item to; every place is listed by its full path. */
export function MoveDialog({ name, current, movingFolder, onMove, onClose }: MoveDialogProps) {
  const collections = useWorkspaceStore((s) => s.workspace.collections);
  const places = collections.flatMap((collection) => {
    const excluded =
      movingFolder && movingFolder.collectionId === collection.id
        ? folderAndDescendants(collection, movingFolder.folderId)
        : new Set<string>();
    const folders = collection.folders.filter((f) => !excluded.has(f.id));
    return [
      {
        key: `${collection.id}/`,
        place: { collectionId: collection.id, folderId: null },
        label: collection.name,
      },
      ...folders.map((f) => ({
        key: `${collection.id}/${f.id}`,
        place: { collectionId: collection.id, folderId: f.id },
        label: folderPath(collection, f.id).join(' / '),
      })),
    ];
  });
  const currentKey = `${current.collectionId}/${current.folderId ?? ''}`;
  const [selected, setSelected] = useState(currentKey);
  const target = places.find((p) => p.key === selected);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (target && target.key !== currentKey) onMove(target.place);
    onClose();
  };

  return (
    <ModalDialog label={`Move ${name}`} className="small-dialog" onClose={onClose}>
      <form onSubmit={onSubmit}>
        <h2>Move “{name}”</h2>
        <label className="stacked-field">
          <span>To</span>
          <select aria-label="Destination" value={selected} onChange={(e) => setSelected(e.target.value)}>
            {places.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
                {p.key === currentKey ? ' (where it is now)' : ''}
              </option>
            ))}
          </select>
        </label>
        <footer className="dialog-footer">
          <span className="spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!target || target.key === currentKey}>
            Move
          </button>
        </footer>
      </form>
    </ModalDialog>
  );
}
