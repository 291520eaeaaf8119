import { QueryBoundary } from '@/components/query-boundary';
import { VariablesDialog } from '@/components/variables-dialog';
import { moveConnection, moveFolder, setCollectionVariables } from '@/runtime/commands/workspace-commands';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { ExportDialog } from './export-dialog';
import { MoveDialog } from './move-dialog';
import type { TreeDialog } from './tree-context';

/** The dialog a tree row asked for: export, move, or a collection's variables. */
export default function TreeDialogHost(props: {
  dialog: TreeDialog | null;
  onClose(): void;
  report(message: string): void;
}) {
  const { dialog, onClose, report } = props;
  const { collections, connections } = useWorkspaceStore((s) => s.workspace);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'export':
      return (
        <QueryBoundary>
          <ExportDialog
            scope={dialog.scope}
            name={dialog.name}
            mode={dialog.mode}
            onClose={onClose}
            report={report}
          />
        </QueryBoundary>
      );
    case 'move-connection': {
      const connection = connections.find((c) => c.id === dialog.connectionId);
      if (!connection) return null;
      return (
        <MoveDialog
          name={dialog.name}
          current={{ collectionId: connection.collectionId, folderId: connection.folderId }}
          onMove={(to) => moveConnection(connection.id, to)}
          onClose={onClose}
        />
      );
    }
    case 'move-folder': {
      const folder = collections
        .find((c) => c.id === dialog.collectionId)
        ?.folders.find((f) => f.id === dialog.folderId);
      if (!folder) return null;
      return (
        <MoveDialog
          name={dialog.name}
          current={{ collectionId: dialog.collectionId, folderId: folder.parentId }}
          movingFolder={{ collectionId: dialog.collectionId, folderId: dialog.folderId }}
          onMove={(to) => moveFolder({ collectionId: dialog.collectionId, folderId: dialog.folderId }, to)}
          onClose={onClose}
        />
      );
    }
    case 'variables': {
      const collection = collections.find((c) => c.id === dialog.collectionId);
      if (!collection) return null;
      return (
        <VariablesDialog
          label={`Variables of ${collection.name}`}
          heading={`Variables of ${collection.name}`}
          variables={collection.variables}
          hint="Every connection in this collection sees them as {{name}}, below the tab's environment and above Global. Secret values are masked and never exported or shared."
          onSave={({ variables }) => setCollectionVariables(collection.id, variables)}
          onClose={onClose}
        />
      );
    }
  }
}
