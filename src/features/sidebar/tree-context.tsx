import { createContext, useContext } from 'react';
import type { ExportScope } from '@/core/collection/workspace-to-document';
import type { TemplateFormat } from '@/core/workspace/workspace';

/** A dialog the tree opens over the app: one at a time. */
export type TreeDialog =
  | { kind: 'move-connection'; connectionId: string; name: string }
  | { kind: 'move-folder'; collectionId: string; folderId: string; name: string }
  | { kind: 'share'; scope: ExportScope; name: string }
  | { kind: 'variables'; collectionId: string };

/** What every row of the tree needs from the sidebar: expansion, renaming, dialogs, opening tabs. */
export interface TreeActions {
  isCollapsed(id: string): boolean;
  toggle(id: string): void;
  expand(id: string): void;
  renamingId: string | null;
  setRenamingId(id: string | null): void;
  openDialog(dialog: TreeDialog): void;
  openConnection(connectionId: string): void;
  openTemplate(connectionId: string, body: string, format: TemplateFormat): void;
  /** Creates a connection in a place, opens it in a tab and starts renaming it. */
  newConnection(collectionId: string, folderId: string | null): void;
  report(message: string): void;
}

export const TreeContext = createContext<TreeActions | null>(null);

/** The tree's shared actions; only rendered inside the sidebar's provider. */
export function useTree(): TreeActions {
  const actions = useContext(TreeContext);
  if (!actions) throw new Error('useTree outside the collection tree');
  return actions;
}

/** Indentation of a row at a depth of the tree, in pixels. */
export function indent(depth: number): { paddingLeft: number } {
  return { paddingLeft: 4 + depth * 14 };
}
