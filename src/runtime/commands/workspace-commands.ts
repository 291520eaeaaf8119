import type { Scenario } from '@/core/scenario/scenario';
import { newId } from '@/adapters/ids';
import { applyImport, type ImportOptions, type ImportResult } from '@/core/collection/apply-import';
import type { CollectionDocument } from '@/core/collection/collection-document';
import { err, ok, type Result } from '@/core/shared/result';
import type { Variable } from '@/core/template/variable';
import {
  createDefaultAutomation,
  nameFromUrl,
  parseProtocolList,
  type MessageTemplate,
  type SavedConnection,
} from '@/core/workspace/workspace';
import * as edits from '@/core/workspace/workspace-edits';
import type { SiblingMove, TreePlace } from '@/core/workspace/workspace-tree';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { archiveRecordings, type ArchivedRecording } from '../session-archive';

/**
 * One command per thing a user does to their saved work. Each makes the ids it needs, runs one core edit through
 * the store (which saves it), and touches other stores only where the intent spans them (deleting a connection
 * unlinks its tabs). A command that creates something returns its id, or null when the edit could not be saved.
 */

const apply = (change: edits.WorkspaceEdit): boolean => useWorkspaceStore.getState().edit(change);
const created = (id: string, change: edits.WorkspaceEdit): string | null => (apply(change) ? id : null);

type NewConnection = Pick<SavedConnection, 'name' | 'url' | 'protocols'> &
  Partial<Pick<SavedConnection, 'templates' | 'automation'>>;

/** Saves a connection where `place` says, else at the end of the first collection (made if there is none). */
export function createConnection(input: NewConnection, place?: TreePlace): string | null {
  const id = newId();
  const connection = { templates: [], automation: createDefaultAutomation(), scenarios: [], ...input, id };
  return created(id, edits.createConnection(connection, place));
}

export function updateConnection(
  id: string,
  patch: Partial<Omit<SavedConnection, 'id' | 'templates'>>,
): boolean {
  return apply(edits.updateConnection(id, patch));
}

export function duplicateConnection(id: string): boolean {
  return apply(edits.duplicateConnection(id, newId));
}

/** Deletes a saved connection. Its open tabs keep working (their sockets are left alone), just unlinked. */
export function deleteConnection(id: string): boolean {
  const deleted = apply(edits.deleteConnection(id));
  if (deleted) useTabsStore.getState().unlinkConnection(id);
  return deleted;
}

export function moveConnection(id: string, to: TreePlace): boolean {
  return apply(edits.moveConnection(id, to));
}

export function createCollection(name: string): string | null {
  const id = newId();
  return created(id, edits.createCollection({ id, name }));
}

export function renameCollection(id: string, name: string): boolean {
  return apply(edits.renameCollection(id, name));
}

export function duplicateCollection(id: string): boolean {
  return apply(edits.duplicateCollection(id, newId));
}

export function deleteCollection(id: string): boolean {
  return apply(edits.deleteCollection(id));
}

export function setCollectionVariables(id: string, variables: Variable[]): boolean {
  return apply(edits.setCollectionVariables(id, variables));
}

export function createFolder(collectionId: string, parentId: string | null, name: string): string | null {
  const id = newId();
  return created(id, edits.createFolder(collectionId, { id, name, parentId }));
}

export function renameFolder(collectionId: string, folderId: string, name: string): boolean {
  return apply(edits.renameFolder(collectionId, folderId, name));
}

export function duplicateFolder(collectionId: string, folderId: string): boolean {
  return apply(edits.duplicateFolder(collectionId, folderId, newId));
}

export function deleteFolder(collectionId: string, folderId: string): boolean {
  return apply(edits.deleteFolder(collectionId, folderId));
}

export function moveFolder(from: { collectionId: string; folderId: string }, to: TreePlace): boolean {
  return apply(edits.moveFolder(from, to));
}

export function moveAmongSiblings(item: SiblingMove, offset: -1 | 1): boolean {
  return apply(edits.moveAmongSiblings(item, offset));
}

export function addTemplate(connectionId: string, input: Omit<MessageTemplate, 'id'>): string | null {
  const id = newId();
  return created(id, edits.addTemplate(connectionId, { ...input, id }));
}

export function updateTemplate(
  connectionId: string,
  templateId: string,
  patch: Partial<Omit<MessageTemplate, 'id'>>,
): boolean {
  return apply(edits.updateTemplate(connectionId, templateId, patch));
}

export function deleteTemplate(connectionId: string, templateId: string): boolean {
  return apply(edits.deleteTemplate(connectionId, templateId));
}

export function duplicateTemplate(connectionId: string, templateId: string): string | null {
  const id = newId();
  return created(id, edits.duplicateTemplate(connectionId, templateId, id));
}

export function moveTemplate(connectionId: string, templateId: string, offset: -1 | 1): boolean {
  return apply(edits.moveTemplate(connectionId, templateId, offset));
}

export function addScenario(connectionId: string, input: Omit<Scenario, 'id'>): string | null {
  const id = newId();
  return created(id, edits.addScenario(connectionId, { ...input, id }));
}

export function updateScenario(
  connectionId: string,
  scenarioId: string,
  patch: Partial<Omit<Scenario, 'id'>>,
): boolean {
  return apply(edits.updateScenario(connectionId, scenarioId, patch));
}

export function deleteScenario(connectionId: string, scenarioId: string): boolean {
  return apply(edits.deleteScenario(connectionId, scenarioId));
}

export function duplicateScenario(connectionId: string, scenarioId: string): string | null {
  const id = newId();
  return created(id, edits.duplicateScenario(connectionId, scenarioId, id));
}

/**
 * Saves a template with the tab's saved connection. A tab that has none gets one first (from its URL and
 * subprotocols), so a template is never orphaned. Returns the new template's id, or null when not saved.
 */
export function saveTemplateForTab(tabId: string, template: Omit<MessageTemplate, 'id'>): string | null {
  const tab = useTabsStore.getState().tabs.find((t) => t.id === tabId);
  if (!tab) return null;
  const { connections } = useWorkspaceStore.getState().workspace;
  let connectionId = connections.some((c) => c.id === tab.connectionId) ? tab.connectionId : null;
  if (!connectionId) {
    connectionId = createConnection({
      name: nameFromUrl(tab.url),
      url: tab.url,
      protocols: parseProtocolList(tab.protocolsText),
    });
    if (!connectionId) return null;
    useTabsStore.getState().updateTab(tab.id, { connectionId });
  }
  return addTemplate(connectionId, template);
}

export function createEnvironment(name: string): string | null {
  const id = newId();
  return created(id, edits.createEnvironment({ id, name }));
}

export function renameEnvironment(id: string, name: string): boolean {
  return apply(edits.renameEnvironment(id, name));
}

export function setEnvironmentVariables(id: string, variables: Variable[]): boolean {
  return apply(edits.setEnvironmentVariables(id, variables));
}

export function deleteEnvironment(id: string): boolean {
  return apply(edits.deleteEnvironment(id));
}

export function setTimelineCap(cap: number): boolean {
  return apply(edits.setTimelineCap(cap));
}

/** Sets how many sessions and bytes History keeps; the archive evicts its oldest sessions to match. */
export function setArchiveLimits(limits: { archiveMaxSessions: number; archiveMaxBytes: number }): boolean {
  return apply(edits.setArchiveLimits(limits));
}

/** Puts the last deleted items back where they were. */
export function undoRemoval(): boolean {
  const { lastRemoval, dismissRemoval } = useWorkspaceStore.getState();
  if (!lastRemoval) return false;
  const restored = apply(edits.restore(lastRemoval.removed));
  if (restored) dismissRemoval();
  return restored;
}

/**
 * Stores a previewed document as the user chose, merged into whatever is saved by then. If browser storage
 * refuses the result (it is full), nothing changes and the reason comes back: an import never leaves the app
 * showing data that is not saved. Its recordings go to the session archive, so History can open them later.
 */
export function importDocument(
  document: CollectionDocument,
  options: Omit<ImportOptions, 'newId'>,
): Result<{ timelines: ArchivedRecording[] }, string> {
  const { loadStatus } = useWorkspaceStore.getState();
  if (loadStatus.kind === 'blocked') {
    return err(`Nothing was imported: saving is paused. ${loadStatus.message}`);
  }
  let result: ImportResult | null = null;
  const saved = apply(
    edits.importDocument((ws) => (result = applyImport(ws, document, { ...options, newId })).workspace),
  );
  if (!saved || !result) return err(`Nothing was imported. ${useWorkspaceStore.getState().saveError ?? ''}`);
  return ok({ timelines: archiveRecordings((result as ImportResult).timelines) });
}
