import { create } from 'zustand';
import { newId } from '@/adapters/ids';
import { suffixedName } from '@/core/shared/suffixed-name';
import type { Environment } from '@/core/template/environment';
import type { Variable } from '@/core/template/variable';
import {
  createDefaultAutomation,
  createEmptyWorkspace,
  GLOBAL_ENVIRONMENT_ID,
  type MessageTemplate,
  type SavedConnection,
  type Workspace,
} from '@/core/workspace/workspace';
import * as tree from '@/core/workspace/workspace-tree';

/** The last thing deleted, kept so one click can put it back where it was. */
export type Deletion =
  /** A collection, folder or connection, with everything that was inside it. */
  | { kind: 'tree'; label: string; removed: tree.RemovedItems }
  | { kind: 'environment'; environment: Environment; index: number }
  | { kind: 'template'; connectionId: string; template: MessageTemplate; index: number };

export type LoadStatus =
  | { kind: 'loaded' }
  /** Stored data could not be read: saving is paused so it is never overwritten. */
  | { kind: 'blocked'; message: string };

interface WorkspaceState extends Workspace {
  lastDeletion: Deletion | null;
  loadStatus: LoadStatus;
  /** The latest failed save, shown until a save succeeds. */
  saveError: string | null;
}

interface WorkspaceActions {
  replaceWorkspace(workspace: Workspace, status: LoadStatus): void;
  setSaveError(message: string | null): void;
  /** Saves a connection: where `place` says, else at the top of the first collection (made if none). */
  createConnection(
    input: Omit<SavedConnection, 'id' | 'templates' | 'automation' | 'collectionId' | 'folderId'> &
      Partial<Pick<SavedConnection, 'templates' | 'automation'>>,
    place?: tree.TreePlace,
  ): string;
  moveConnection(id: string, to: tree.TreePlace): void;
  createCollection(name: string): string;
  renameCollection(id: string, name: string): void;
  duplicateCollection(id: string): string | null;
  deleteCollection(id: string): void;
  setCollectionVariables(id: string, variables: Variable[]): void;
  createFolder(collectionId: string, parentId: string | null, name: string): string;
  renameFolder(collectionId: string, folderId: string, name: string): void;
  duplicateFolder(collectionId: string, folderId: string): string | null;
  deleteFolder(collectionId: string, folderId: string): void;
  moveFolder(from: { collectionId: string; folderId: string }, to: tree.TreePlace): void;
  /** Moves a collection, folder or connection up (-1) or down (+1) among its siblings. */
  moveAmongSiblings(item: tree.SiblingMove, offset: -1 | 1): void;
  /** Replaces the saved collections, connections and environments at once (an import the user confirmed). */
  commitImport(workspace: Pick<Workspace, 'collections' | 'connections' | 'environments'>): void;
  updateConnection(id: string, patch: Partial<Omit<SavedConnection, 'id'>>): void;
  duplicateConnection(id: string): string | null;
  deleteConnection(id: string): void;
  addTemplate(connectionId: string, input: Omit<MessageTemplate, 'id'>): string;
  updateTemplate(connectionId: string, templateId: string, patch: Partial<Omit<MessageTemplate, 'id'>>): void;
  deleteTemplate(connectionId: string, templateId: string): void;
  duplicateTemplate(connectionId: string, templateId: string): string | null;
  /** Moves a template up (-1) or down (+1) in its connection's list. */
  moveTemplate(connectionId: string, templateId: string, offset: -1 | 1): void;
  undoDeletion(): void;
  dismissDeletion(): void;
  setTimelineCap(cap: number): void;
  createEnvironment(name: string): string;
  renameEnvironment(id: string, name: string): void;
  setVariables(environmentId: string, variables: Variable[]): void;
  /** The global environment cannot be deleted, only emptied. */
  deleteEnvironment(id: string): void;
}

export type WorkspaceStore = WorkspaceState & WorkspaceActions;

/** Saved collections, connections and templates. Persistence lives in runtime/workspace-persistence.ts. */
export const useWorkspaceStore = create<WorkspaceStore>()((set, get) => ({
  ...createEmptyWorkspace(),
  lastDeletion: null,
  loadStatus: { kind: 'loaded' },
  saveError: null,

  replaceWorkspace: (workspace, loadStatus) =>
    set({
      collections: workspace.collections,
      connections: workspace.connections,
      environments: workspace.environments,
      settings: workspace.settings,
      loadStatus,
    }),

  setSaveError: (saveError) => set({ saveError }),

  createConnection: (input, place) => {
    const id = newId();
    const connection = { templates: [], automation: createDefaultAutomation(), ...input, id };
    apply(set, get, (ws) => tree.addConnection(ws, connection, place));
    return id;
  },

  updateConnection: (id, patch) =>
    set({ connections: get().connections.map((c) => (c.id === id ? { ...c, ...patch, id } : c)) }),

  duplicateConnection: (id) => {
    const connections = get().connections;
    const index = connections.findIndex((c) => c.id === id);
    const original = connections[index];
    if (!original) return null;
    const copy = tree.copyConnection(original, newId, {
      name: copyName(
        original.name,
        connections.map((c) => c.name),
      ),
    });
    set({ connections: tree.insertAt(connections, index + 1, copy) });
    return copy.id;
  },

  deleteConnection: (id) => {
    const connection = get().connections.find((c) => c.id === id);
    if (!connection) return;
    removeWith(set, get, `connection “${connection.name}”`, (ws) => tree.removeConnection(ws, id));
  },

  moveConnection: (id, to) => apply(set, get, (ws) => tree.moveConnection(ws, id, to)),

  createCollection: (name) => {
    const id = newId();
    apply(set, get, (ws) => tree.addCollection(ws, { id, name, variables: [], folders: [] }));
    return id;
  },

  renameCollection: (id, name) => apply(set, get, (ws) => tree.updateCollection(ws, id, { name })),

  duplicateCollection: (id) => {
    const collections = get().collections;
    const original = collections.find((c) => c.id === id);
    if (!original) return null;
    const name = copyName(
      original.name,
      collections.map((c) => c.name),
    );
    const result = tree.duplicateCollection(selectWorkspace(get()), id, { newId, name });
    set(pickTree(result.workspace));
    return result.id;
  },

  deleteCollection: (id) => {
    const collection = get().collections.find((c) => c.id === id);
    if (!collection) return;
    removeWith(set, get, `collection “${collection.name}”`, (ws) => tree.removeCollection(ws, id));
  },

  setCollectionVariables: (id, variables) =>
    apply(set, get, (ws) => tree.setCollectionVariables(ws, id, variables)),

  createFolder: (collectionId, parentId, name) => {
    const id = newId();
    apply(set, get, (ws) => tree.addFolder(ws, collectionId, { id, name, parentId }));
    return id;
  },

  renameFolder: (collectionId, folderId, name) =>
    apply(set, get, (ws) => tree.renameFolder(ws, collectionId, folderId, name)),

  duplicateFolder: (collectionId, folderId) => {
    const collection = get().collections.find((c) => c.id === collectionId);
    const original = collection?.folders.find((f) => f.id === folderId);
    if (!collection || !original) return null;
    const name = copyName(
      original.name,
      collection.folders.filter((f) => f.parentId === original.parentId).map((f) => f.name),
    );
    const result = tree.duplicateFolder(selectWorkspace(get()), collectionId, folderId, { newId, name });
    set(pickTree(result.workspace));
    return result.id;
  },

  deleteFolder: (collectionId, folderId) => {
    const folder = get()
      .collections.find((c) => c.id === collectionId)
      ?.folders.find((f) => f.id === folderId);
    if (!folder) return;
    removeWith(set, get, `folder “${folder.name}”`, (ws) => tree.removeFolder(ws, collectionId, folderId));
  },

  moveFolder: (from, to) => apply(set, get, (ws) => tree.moveFolder(ws, from, to)),

  moveAmongSiblings: (item, offset) => apply(set, get, (ws) => tree.moveAmongSiblings(ws, item, offset)),

  commitImport: (workspace) =>
    set({
      collections: workspace.collections,
      connections: workspace.connections,
      environments: workspace.environments,
    }),

  addTemplate: (connectionId, input) => {
    const id = newId();
    mapConnection(set, get, connectionId, (c) => ({ ...c, templates: [...c.templates, { ...input, id }] }));
    return id;
  },

  updateTemplate: (connectionId, templateId, patch) =>
    mapConnection(set, get, connectionId, (c) => ({
      ...c,
      templates: c.templates.map((t) => (t.id === templateId ? { ...t, ...patch, id: templateId } : t)),
    })),

  deleteTemplate: (connectionId, templateId) => {
    const connection = get().connections.find((c) => c.id === connectionId);
    const index = connection?.templates.findIndex((t) => t.id === templateId) ?? -1;
    const template = connection?.templates[index];
    if (!template) return;
    mapConnection(set, get, connectionId, (c) => ({
      ...c,
      templates: c.templates.filter((t) => t.id !== templateId),
    }));
    set({ lastDeletion: { kind: 'template', connectionId, template, index } });
  },

  duplicateTemplate: (connectionId, templateId) => {
    const connection = get().connections.find((c) => c.id === connectionId);
    const index = connection?.templates.findIndex((t) => t.id === templateId) ?? -1;
    const original = connection?.templates[index];
    if (!connection || !original) return null;
    const copy: MessageTemplate = {
      ...original,
      id: newId(),
      name: copyName(
        original.name,
        connection.templates.map((t) => t.name),
      ),
    };
    mapConnection(set, get, connectionId, (c) => ({
      ...c,
      templates: tree.insertAt(c.templates, index + 1, copy),
    }));
    return copy.id;
  },

  moveTemplate: (connectionId, templateId, offset) =>
    mapConnection(set, get, connectionId, (c) => {
      const from = c.templates.findIndex((t) => t.id === templateId);
      const to = from + offset;
      if (from < 0 || to < 0 || to >= c.templates.length) return c;
      const templates = [...c.templates];
      const [moved] = templates.splice(from, 1);
      if (moved) templates.splice(to, 0, moved);
      return { ...c, templates };
    }),

  undoDeletion: () => {
    const deletion = get().lastDeletion;
    if (!deletion) return;
    if (deletion.kind === 'tree') {
      set({ ...pickTree(tree.restoreRemoved(selectWorkspace(get()), deletion.removed)), lastDeletion: null });
      return;
    }
    if (deletion.kind === 'environment') {
      set({
        environments: tree.insertAt(get().environments, deletion.index, deletion.environment),
        lastDeletion: null,
      });
      return;
    }
    mapConnection(set, get, deletion.connectionId, (c) => ({
      ...c,
      templates: tree.insertAt(c.templates, deletion.index, deletion.template),
    }));
    set({ lastDeletion: null });
  },

  dismissDeletion: () => set({ lastDeletion: null }),

  setTimelineCap: (timelineCap) => set({ settings: { ...get().settings, timelineCap } }),

  createEnvironment: (name) => {
    const id = newId();
    set({ environments: [...get().environments, { id, name, variables: [] }] });
    return id;
  },

  renameEnvironment: (id, name) =>
    set({ environments: get().environments.map((e) => (e.id === id ? { ...e, name } : e)) }),

  setVariables: (environmentId, variables) =>
    set({ environments: get().environments.map((e) => (e.id === environmentId ? { ...e, variables } : e)) }),

  deleteEnvironment: (id) => {
    if (id === GLOBAL_ENVIRONMENT_ID) return;
    const environments = get().environments;
    const index = environments.findIndex((e) => e.id === id);
    const environment = environments[index];
    if (!environment) return;
    set({
      environments: environments.filter((e) => e.id !== id),
      lastDeletion: { kind: 'environment', environment, index },
    });
  },
}));

/** The saved workspace as plain data, for persistence and export. */
export function selectWorkspace(state: WorkspaceState): Workspace {
  return {
    collections: state.collections,
    connections: state.connections,
    environments: state.environments,
    settings: state.settings,
  };
}

type Setter = (partial: Partial<WorkspaceState>) => void;

function pickTree(workspace: Workspace): Pick<WorkspaceState, 'collections' | 'connections'> {
  return { collections: workspace.collections, connections: workspace.connections };
}

/** Runs one tree edit from core over the current workspace. */
function apply(set: Setter, get: () => WorkspaceState, edit: (workspace: Workspace) => Workspace): void {
  set(pickTree(edit(selectWorkspace(get()))));
}

/** Runs one removal and keeps what it took out for Undo. */
function removeWith(
  set: Setter,
  get: () => WorkspaceState,
  label: string,
  remove: (workspace: Workspace) => { workspace: Workspace; removed: tree.RemovedItems },
): void {
  const { workspace, removed } = remove(selectWorkspace(get()));
  set({ ...pickTree(workspace), lastDeletion: { kind: 'tree', label, removed } });
}

function mapConnection(
  set: Setter,
  get: () => WorkspaceState,
  id: string,
  update: (connection: SavedConnection) => SavedConnection,
): void {
  set({ connections: get().connections.map((c) => (c.id === id ? update(c) : c)) });
}

/** "Echo" → "Echo (copy)", then "Echo (copy 2)" … so duplicates stay tellable apart. */
export function copyName(name: string, taken: readonly string[]): string {
  return suffixedName(name, taken, 'copy');
}
