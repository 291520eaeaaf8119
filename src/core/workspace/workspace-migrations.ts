import { asRecord } from '../shared/as-record';
import { runMigrations, type Migration } from '../shared/migrations';
import { err, ok, type Result } from '../shared/result';
import { describeFieldError, parseWithSchema } from '../shared/schema-issues';
import {
  createDefaultCollection,
  createGlobalEnvironment,
  DEFAULT_COLLECTION_ID,
  DEFAULT_SETTINGS,
  GLOBAL_ENVIRONMENT_ID,
  WORKSPACE_VERSION,
  parseProtocolList,
  type Workspace,
} from './workspace';
import { workspaceSchema, type ParsedWorkspace } from './workspace-schema';

/** What is written to storage: the data under the version it was written with. */
export interface StoredWorkspace {
  version: number;
  workspace: unknown;
}

/**
 * Version 1 kept subprotocols as the text typed in the field and called templates "messages" with no format.
 * Version 2 keeps a parsed list, a format per template, and settings.
 * Version 3 adds binary templates (format "binary" with an encoding) and environments of variables, starting
 * with an empty global one.
 * Version 4 adds collections (each with folders and its own variables); every connection names its collection
 * and folder. Connections saved before go into "My connections".
 * An older Frameline refuses a newer version instead of dropping what it does not know.
 */
const MIGRATIONS: Migration[] = [
  {
    id: 'v1-to-v2/protocol-lists-template-formats-settings',
    from: 1,
    up: (old) => ({
      connections: asArray(old.connections).map((raw) => {
        const connection = asRecord(raw);
        return {
          id: connection.id,
          name: connection.name,
          url: connection.url,
          protocols: parseProtocolList(
            typeof connection.subprotocols === 'string' ? connection.subprotocols : '',
          ),
          templates: asArray(connection.messages).map((message) => ({
            ...asRecord(message),
            format: 'text',
          })),
        };
      }),
      settings: { ...DEFAULT_SETTINGS },
    }),
  },
  {
    id: 'v2-to-v3/binary-templates-and-environments',
    from: 2,
    up: (old) => ({ ...old, environments: [createGlobalEnvironment()] }),
  },
  {
    id: 'v3-to-v4/collections-and-folders',
    from: 3,
    up: (old) => ({
      ...old,
      collections: [createDefaultCollection()],
      connections: asArray(old.connections).map((connection) => ({
        ...asRecord(connection),
        collectionId: DEFAULT_COLLECTION_ID,
        folderId: null,
      })),
    }),
  },
];

/**
 * Brings stored data of any known version up to the current one: the named steps on the raw data, then the
 * schema of the current version, then the repairs. Never throws.
 */
export function migrateWorkspace(stored: unknown): Result<Workspace, string> {
  const envelope = asRecord(stored);
  const version = envelope.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return err('Saved data has no valid version number.');
  }
  if (version > WORKSPACE_VERSION) {
    return err(
      `Saved data is from a newer Frameline (format version ${version}; this one reads up to ${WORKSPACE_VERSION}).`,
    );
  }
  const migrated = runMigrations(
    asRecord(envelope.workspace),
    { from: version, to: WORKSPACE_VERSION },
    MIGRATIONS,
  );
  if (!migrated.ok) return err(`No migration from format version ${migrated.error.missingFrom}.`);
  const parsed = parseWithSchema(workspaceSchema, migrated.value, { root: '' });
  if (!parsed.ok) return err(describeFieldError(parsed.error));
  return ok(repairWorkspace(parsed.value));
}

/** Wraps the current workspace for storage. */
export function toStoredWorkspace(workspace: Workspace): StoredWorkspace {
  return { version: WORKSPACE_VERSION, workspace };
}

/**
 * What the schema cannot decide field by field. A connection whose collection is gone is kept, in the default
 * collection, rather than dropped; one whose folder is gone sits at its collection's top level; a folder whose
 * parent is gone moves to the top level instead of vanishing from the tree; the global environment, which every
 * tab sees, is restored if an edit elsewhere lost it.
 */
function repairWorkspace(parsed: ParsedWorkspace): Workspace {
  const collections = parsed.collections.map((collection) => {
    const folderIds = new Set(collection.folders.map((f) => f.id));
    return {
      ...collection,
      folders: collection.folders.map((folder) =>
        folder.parentId !== null && !folderIds.has(folder.parentId) ? { ...folder, parentId: null } : folder,
      ),
    };
  });
  const byId = new Map<string, (typeof collections)[number]>();
  for (const collection of collections) if (!byId.has(collection.id)) byId.set(collection.id, collection);
  let orphans = false;
  const connections = parsed.connections.map((connection) => {
    const collection = byId.get(connection.collectionId);
    if (!collection) orphans = true;
    const folderId =
      collection && collection.folders.some((f) => f.id === connection.folderId) ? connection.folderId : null;
    return { ...connection, collectionId: collection ? collection.id : DEFAULT_COLLECTION_ID, folderId };
  });
  if (orphans && !byId.has(DEFAULT_COLLECTION_ID)) collections.push(createDefaultCollection());
  const environments = parsed.environments.some((e) => e.id === GLOBAL_ENVIRONMENT_ID)
    ? parsed.environments
    : [createGlobalEnvironment(), ...parsed.environments];
  return { collections, connections, environments, settings: parsed.settings };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
