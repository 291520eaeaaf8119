import { err, ok, type Result } from '../shared/result';
import {
  createDefaultCollection,
  createGlobalEnvironment,
  DEFAULT_COLLECTION_ID,
  DEFAULT_SETTINGS,
  WORKSPACE_VERSION,
  parseProtocolList,
  type Collection,
  type Folder,
  type SavedConnection,
  type Workspace,
} from './workspace';
import {
  asRecord,
  checkConnectionFields,
  checkEnvironments,
  checkVariables,
  describeFieldError,
  type FieldError,
} from './workspace-validation';

/** What is written to storage: the data under the version it was written with. */
export interface StoredWorkspace {
  version: number;
  workspace: unknown;
}

interface Migration {
  /** A name that says what changed, for logs and tests. */
  id: string;
  from: number;
  up: (old: Record<string, unknown>) => Record<string, unknown>;
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

/** Brings stored data of any known version up to the current one and checks its shape. Never throws. */
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
  let data = asRecord(envelope.workspace);
  for (let current = version; current < WORKSPACE_VERSION; current++) {
    const step = MIGRATIONS.find((migration) => migration.from === current);
    if (!step) return err(`No migration from format version ${current}.`);
    data = step.up(data);
  }
  return checkWorkspace(data);
}

/** Wraps the current workspace for storage. */
export function toStoredWorkspace(workspace: Workspace): StoredWorkspace {
  return { version: WORKSPACE_VERSION, workspace };
}

function checkWorkspace(data: Record<string, unknown>): Result<Workspace, string> {
  if (!Array.isArray(data.connections)) return err('Saved data has no list of connections.');
  const collections = checkCollections(data.collections);
  if (!collections.ok) return err(describeFieldError(collections.error));
  const known = new Set(collections.value.map((c) => c.id));
  const connections: SavedConnection[] = [];
  let orphans = false;
  for (const [index, raw] of data.connections.entries()) {
    const path = `connections[${index}]`;
    const fields = checkConnectionFields(raw, path);
    if (!fields.ok) return err(describeFieldError(fields.error));
    const place = asRecord(raw);
    const collectionId = typeof place.collectionId === 'string' ? place.collectionId : '';
    const collection = collections.value.find((c) => c.id === collectionId);
    // A connection whose collection is gone is kept, in the default collection, rather than dropped.
    if (!collection) orphans = true;
    const folderId =
      collection && collection.folders.some((f) => f.id === place.folderId)
        ? (place.folderId as string)
        : null;
    connections.push({
      ...fields.value,
      collectionId: collection ? collectionId : DEFAULT_COLLECTION_ID,
      folderId,
    });
  }
  if (orphans && !known.has(DEFAULT_COLLECTION_ID)) collections.value.push(createDefaultCollection());
  const environments =
    data.environments === undefined
      ? ok([createGlobalEnvironment()]) // absent means none were ever made
      : checkEnvironments(data.environments, 'environments', { ensureGlobal: true });
  if (!environments.ok) return err(describeFieldError(environments.error));
  const settings = asRecord(data.settings);
  const cap = settings.timelineCap;
  return ok({
    collections: collections.value,
    connections,
    environments: environments.value,
    settings: {
      timelineCap:
        typeof cap === 'number' && Number.isInteger(cap) && cap > 0 ? cap : DEFAULT_SETTINGS.timelineCap,
    },
  });
}

function checkCollections(raw: unknown): Result<Collection[], FieldError> {
  if (raw === undefined) return ok([]);
  if (!Array.isArray(raw)) return err({ path: 'collections', message: 'should be a list.' });
  const collections: Collection[] = [];
  for (const [index, value] of raw.entries()) {
    const c = asRecord(value);
    const path = `collections[${index}]`;
    if (typeof c.id !== 'string' || typeof c.name !== 'string')
      return err({ path, message: 'needs a text id and name.' });
    const variables = checkVariables(c.variables ?? [], `${path}.variables`);
    if (!variables.ok) return variables;
    if (!Array.isArray(c.folders)) return err({ path: `${path}.folders`, message: 'should be a list.' });
    const folders: Folder[] = [];
    for (const [row, rawFolder] of c.folders.entries()) {
      const f = asRecord(rawFolder);
      if (typeof f.id !== 'string' || typeof f.name !== 'string')
        return err({ path: `${path}.folders[${row}]`, message: 'needs a text id and name.' });
      folders.push({ id: f.id, name: f.name, parentId: typeof f.parentId === 'string' ? f.parentId : null });
    }
    // A folder whose parent is gone moves to the top level instead of vanishing from the tree.
    const folderIds = new Set(folders.map((f) => f.id));
    for (const folder of folders)
      if (folder.parentId && !folderIds.has(folder.parentId)) folder.parentId = null;
    collections.push({ id: c.id, name: c.name, variables: variables.value, folders });
  }
  return ok(collections);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
