import { create } from 'zustand';
import { newId } from '@/adapters/ids';
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

/** The last thing deleted, kept so one click can put it back where it was. */
export type Deletion =
  | { kind: 'connection'; connection: SavedConnection; index: number }
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
  createConnection(
    input: Omit<SavedConnection, 'id' | 'templates' | 'automation'> &
      Partial<Pick<SavedConnection, 'templates' | 'automation'>>,
  ): string;
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

/** Saved connections and templates. Persistence lives in app/workspace-persistence.ts. */
export const useWorkspaceStore = create<WorkspaceStore>()((set, get) => ({
  ...createEmptyWorkspace(),
  lastDeletion: null,
  loadStatus: { kind: 'loaded' },
  saveError: null,

  replaceWorkspace: (workspace, loadStatus) =>
    set({
      connections: workspace.connections,
      environments: workspace.environments,
      settings: workspace.settings,
      loadStatus,
    }),

  setSaveError: (saveError) => set({ saveError }),

  createConnection: (input) => {
    const id = newId();
    const connection: SavedConnection = {
      templates: [],
      automation: createDefaultAutomation(),
      ...input,
      id,
    };
    set({ connections: [...get().connections, connection] });
    return id;
  },

  updateConnection: (id, patch) =>
    set({ connections: get().connections.map((c) => (c.id === id ? { ...c, ...patch, id } : c)) }),

  duplicateConnection: (id) => {
    const connections = get().connections;
    const index = connections.findIndex((c) => c.id === id);
    const original = connections[index];
    if (!original) return null;
    const copy: SavedConnection = {
      ...original,
      id: newId(),
      name: copyName(
        original.name,
        connections.map((c) => c.name),
      ),
      templates: original.templates.map((t) => ({ ...t, id: newId() })),
    };
    set({ connections: [...connections.slice(0, index + 1), copy, ...connections.slice(index + 1)] });
    return copy.id;
  },

  deleteConnection: (id) => {
    const connections = get().connections;
    const index = connections.findIndex((c) => c.id === id);
    const connection = connections[index];
    if (!connection) return;
    set({
      connections: connections.filter((c) => c.id !== id),
      lastDeletion: { kind: 'connection', connection, index },
    });
  },

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
      templates: insertAt(c.templates, index + 1, copy),
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
    if (deletion.kind === 'connection') {
      set({
        connections: insertAt(get().connections, deletion.index, deletion.connection),
        lastDeletion: null,
      });
      return;
    }
    if (deletion.kind === 'environment') {
      set({
        environments: insertAt(get().environments, deletion.index, deletion.environment),
        lastDeletion: null,
      });
      return;
    }
    mapConnection(set, get, deletion.connectionId, (c) => ({
      ...c,
      templates: insertAt(c.templates, deletion.index, deletion.template),
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
  return { connections: state.connections, environments: state.environments, settings: state.settings };
}

type Setter = (partial: Partial<WorkspaceState>) => void;

function mapConnection(
  set: Setter,
  get: () => WorkspaceState,
  id: string,
  update: (connection: SavedConnection) => SavedConnection,
): void {
  set({ connections: get().connections.map((c) => (c.id === id ? update(c) : c)) });
}

function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  const at = Math.min(Math.max(index, 0), list.length);
  return [...list.slice(0, at), item, ...list.slice(at)];
}

/** "Echo" → "Echo (copy)", then "Echo (copy 2)" … so duplicates stay tellable apart. */
export function copyName(name: string, taken: readonly string[]): string {
  const base = `${name} (copy)`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${name} (copy ${n})`;
    if (!taken.includes(candidate)) return candidate;
  }
}
