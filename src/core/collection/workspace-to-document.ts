import { exportableVariables, type SecretExport } from '../template/environment';
import {
  connectionFields,
  type Collection,
  type SavedConnection,
  type Workspace,
} from '../workspace/workspace';
import {
  createDocument,
  type CollectionDocument,
  type DocumentConnection,
  type DocumentItem,
} from './collection-document';

/** What to export or share: everything, one collection, or one connection with its templates. */
export type ExportScope =
  { kind: 'everything' } | { kind: 'collection'; id: string } | { kind: 'connection'; id: string };

/** What the user chose in the export dialog. Without it, an export carries no environment and no secret value. */
export interface ExportChoices {
  /**
   * Environments to carry, by id, for a collection or connection (see exportEnvironmentOffers). "Everything"
   * carries every environment whatever this says.
   */
  environmentIds?: readonly string[];
  /** 'names' (the default): secrets travel by name only. 'values': the user chose to include them. */
  secrets?: SecretExport;
}

/**
 * The part of the workspace a scope names, as a document tree. Secret variable values are left out here, at the
 * one place data leaves the app, so no export path can forget it; only `secrets: 'values'` keeps them. Null
 * when the scope names nothing.
 */
export function workspaceToDocument(
  workspace: Workspace,
  scope: ExportScope,
  choices: ExportChoices = {},
): CollectionDocument | null {
  const document = createDocument('Frameline collection');
  const variableOptions = { secrets: choices.secrets ?? 'names' } as const;
  const environmentIds = new Set(choices.environmentIds ?? []);
  const environments = workspace.environments.filter(
    (e) => scope.kind === 'everything' || environmentIds.has(e.id),
  );
  const withEnvironments = () => {
    document.environments = environments.map((e) => ({
      id: e.id,
      name: e.name,
      variables: exportableVariables(e.variables, variableOptions),
    }));
    return document;
  };
  if (scope.kind === 'connection') {
    const connection = workspace.connections.find((c) => c.id === scope.id);
    if (!connection) return null;
    document.connections.push(toDocumentConnection(connection, variableOptions.secrets));
    return withEnvironments();
  }
  const collections =
    scope.kind === 'collection'
      ? workspace.collections.filter((c) => c.id === scope.id)
      : workspace.collections;
  if (scope.kind === 'collection' && collections.length === 0) return null;
  for (const collection of collections) {
    document.collections.push({
      id: collection.id,
      name: collection.name,
      variables: exportableVariables(collection.variables, variableOptions),
      items: itemsUnder(collection, null, workspace.connections, variableOptions.secrets),
    });
  }
  return withEnvironments();
}

/** A folder's (or the top level's) children: folders first, then connections, each in stored order. */
function itemsUnder(
  collection: Collection,
  folderId: string | null,
  connections: readonly SavedConnection[],
  secrets: SecretExport,
  visiting: Set<string> = new Set(),
): DocumentItem[] {
  const folders: DocumentItem[] = collection.folders
    .filter((f) => f.parentId === folderId && !visiting.has(f.id))
    .map((f) => ({
      type: 'folder',
      id: f.id,
      name: f.name,
      items: itemsUnder(collection, f.id, connections, secrets, new Set([...visiting, f.id])),
    }));
  const inFolder = connections
    .filter((c) => c.collectionId === collection.id && c.folderId === folderId)
    .map((c) => toDocumentConnection(c, secrets));
  return [...folders, ...inFolder];
}

/** Header names that carry credentials: Authorization, Cookie, X-Api-Key, anything with token, secret or key. */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie)$|token|secret|key|auth|session|password/i;

/**
 * A handshake header written out (an Insomnia import kept it) is a credential like a secret variable: unless the
 * user included secret values, a credential header's literal value leaves empty. One that refers to
 * `{{variables}}` travels, since the variables carry the secrecy.
 */
function toDocumentConnection(connection: SavedConnection, secrets: SecretExport): DocumentConnection {
  const fields = connectionFields(connection);
  if (secrets === 'values') return { type: 'connection', ...fields };
  const headers = fields.headers?.map((h) =>
    CREDENTIAL_HEADER.test(h.name) && !h.value.includes('{{') ? { ...h, value: '' } : h,
  );
  const handshakePayload =
    fields.handshakePayload === undefined ? undefined : withoutLiteralCredentials(fields.handshakePayload);
  return {
    type: 'connection',
    ...fields,
    ...(headers ? { headers } : {}),
    ...(handshakePayload === undefined ? {} : { handshakePayload }),
  };
}

/**
 * A lens's handshake payload (`{"token": "…"}`, Socket.IO auth) is a credential too: a literal string under a
 * credential-like key leaves empty, as a credential header's does. Text that is not JSON is left as it is.
 */
function withoutLiteralCredentials(payload: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return payload;
  }
  let blanked = false;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (CREDENTIAL_HEADER.test(key) && typeof inner === 'string' && inner !== '' && !inner.includes('{{')) {
        out[key] = '';
        blanked = true;
      } else out[key] = visit(inner);
    }
    return out;
  };
  const result = visit(parsed);
  return blanked ? JSON.stringify(result) : payload;
}
