import type { SessionEvent } from '../session/session-events';
import type { Environment } from '../template/environment';
import type { Variable } from '../template/variable';
import type { ConnectionFields } from '../workspace/workspace';

/**
 * The tree shape collections travel in: the Frameline collection file, share links, and what every importer
 * (Insomnia, HAR) produces before the user confirms. The workspace stores the same data flat (see
 * workspace.ts); `document-to-workspace.ts` and `workspace-to-document.ts` convert between the two.
 */

/** A saved connection as it travels: everything but its place in the tree, which the tree itself gives. */
export interface DocumentConnection extends ConnectionFields {
  type: 'connection';
}

export interface DocumentFolder {
  type: 'folder';
  id: string;
  name: string;
  items: DocumentItem[];
}

export type DocumentItem = DocumentFolder | DocumentConnection;

export interface DocumentCollection {
  id: string;
  name: string;
  /** The collection's own environment. Secret values are empty outside the app (see exportableVariables). */
  variables: Variable[];
  items: DocumentItem[];
}

/** Something an import could not carry over, said once per item: "Headers are not sent by browsers". */
export interface ImportNote {
  /** Where it was, in the source's own terms: `resources[3] "Login socket"`, `log.entries[0]`. */
  where: string;
  message: string;
}

/** Frames recorded elsewhere (a HAR file), to open as a read-only timeline of the connection they belong to. */
export interface RecordedTimeline {
  /** The `DocumentConnection.id` the frames were recorded on. */
  connectionId: string;
  title: string;
  events: SessionEvent[];
}

/** What one import or share link would add, before anything is stored. */
export interface CollectionDocument {
  /** Names the source for the preview: "Frameline collection", "Insomnia v4 export", "HAR file". */
  source: string;
  collections: DocumentCollection[];
  /** Connections shared on their own (a share link of one connection): the user picks their collection. */
  connections: DocumentConnection[];
  /** Named environments (a whole-workspace export); the global one has id `global`. */
  environments: Environment[];
  notes: ImportNote[];
  timelines: RecordedTimeline[];
}

/** Every connection in a document tree, at any depth, in order. */
export function connectionsIn(items: readonly DocumentItem[]): DocumentConnection[] {
  return items.flatMap((item) => (item.type === 'folder' ? connectionsIn(item.items) : [item]));
}

/** An empty document from a source, for importers to fill. */
export function createDocument(source: string): CollectionDocument {
  return { source, collections: [], connections: [], environments: [], notes: [], timelines: [] };
}

/** Why a source cannot be imported at all: a sentence for the user and the JSON path it points at ("$" = root). */
export interface ImportError {
  message: string;
  path: string;
}
