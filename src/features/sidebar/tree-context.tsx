import { createContext, useContext } from 'react';
import type { MenuAction } from '@/components/action-menu';
import type { ExportScope } from '@/core/collection/workspace-to-document';
import type { TemplateFormat } from '@/core/workspace/workspace';
import type { ExportMode } from './export-dialog';

/** A dialog the tree opens over the app: one at a time. */
export type TreeDialog =
  | { kind: 'move-connection'; connectionId: string; name: string }
  | { kind: 'move-folder'; collectionId: string; folderId: string; name: string }
  /** Export as a file or share as a link: one dialog with the same choices. */
  | { kind: 'export'; scope: ExportScope; name: string; mode: ExportMode }
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

/** Where a row sits among its siblings, so "Move up" and "Move down" are offered only where they can move it. */
export interface SiblingPosition {
  first: boolean;
  last: boolean;
}

/** The position of the item at `index` in a list of `count` siblings. */
export function siblingPosition(index: number, count: number): SiblingPosition {
  return { first: index === 0, last: index === count - 1 };
}

/** "Move up" and "Move down" menu entries for a row. */
export function reorderActions(position: SiblingPosition, move: (offset: -1 | 1) => void): MenuAction[] {
  return [
    { label: 'Move up', disabled: position.first, onSelect: () => move(-1) },
    { label: 'Move down', disabled: position.last, onSelect: () => move(1) },
  ];
}
