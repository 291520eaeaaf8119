import { downloadText } from '@/adapters/files';
import { appUrl } from '@/adapters/location-hash';
import { serializeCollectionFile } from '@/core/collection/collection-file';
import {
  workspaceToDocument,
  type ExportChoices,
  type ExportScope,
} from '@/core/collection/workspace-to-document';
import { buildShareUrl, describeLinkLength, encodeSharePayload } from '@/core/share/share-link';
import { err, ok, type Result } from '@/core/shared/result';
import { selectWorkspace, useWorkspaceStore } from '@/stores/workspace-store';

/** A share link and what the user should know about its length. */
export interface ShareLink {
  url: string;
  level: 'ok' | 'long' | 'too-long';
  message: string;
}

/** Downloads the scope, with what the user chose to include, as a Frameline collection file; returns the file name. */
export function exportToFile(scope: ExportScope, choices: ExportChoices): Result<string, string> {
  const workspace = selectWorkspace(useWorkspaceStore.getState());
  const document = workspaceToDocument(workspace, scope, choices);
  if (!document) return err('There is nothing to export: it was deleted.');
  const now = new Date();
  const fileName = `${fileStem(scope, workspace, now)}.frameline.json`;
  downloadText(serializeCollectionFile(document, { exportedAt: now }), fileName, 'application/json');
  return ok(fileName);
}

/** Builds a link carrying the scope compressed in its fragment, which browsers never send to a server. */
export async function createShareLink(
  scope: ExportScope,
  choices: ExportChoices,
): Promise<Result<ShareLink, string>> {
  const document = workspaceToDocument(selectWorkspace(useWorkspaceStore.getState()), scope, choices);
  if (!document) return err('There is nothing to share: it was deleted.');
  const encoded = await encodeSharePayload(serializeCollectionFile(document, { exportedAt: new Date() }));
  const url = buildShareUrl(appUrl(), encoded);
  return ok({ url, ...describeLinkLength(url.length) });
}

function fileStem(scope: ExportScope, workspace: ReturnType<typeof selectWorkspace>, now: Date): string {
  const name =
    scope.kind === 'collection'
      ? workspace.collections.find((c) => c.id === scope.id)?.name
      : scope.kind === 'connection'
        ? workspace.connections.find((c) => c.id === scope.id)?.name
        : `frameline-${now.toISOString().slice(0, 10)}`;
  const slug = (name ?? 'collection')
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return slug || 'collection';
}
