import { err, ok, type Result } from '../shared/result';
import type { Variable } from '../template/variable';
import type { ConnectionAutomation, MessageTemplate } from '../workspace/workspace';
import {
  asRecord,
  checkConnectionFields,
  checkEnvironments,
  checkVariables,
  type FieldError,
} from '../workspace/workspace-validation';
import {
  createDocument,
  type CollectionDocument,
  type DocumentCollection,
  type DocumentConnection,
  type DocumentItem,
  type ImportError,
} from './collection-document';

/**
 * The Frameline collection file: `{ "format": "frameline-collection", "version": 1, "exportedAt", ... }`.
 * Written deterministically (fixed key order, stored item order, two-space indent) so that it diffs well in
 * git. Its JSON Schema is public/frameline-collection.schema.json; the README documents it.
 */

export const COLLECTION_FILE_FORMAT = 'frameline-collection';
export const COLLECTION_FILE_VERSION = 1;

interface FileMigration {
  /** Says what changed, for logs and tests. */
  id: string;
  from: number;
  up: (old: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Steps from each older file version to the next. Version 1 is the first, so there are none yet; a version 2
 * adds its `v1-to-v2/...` step here, with a fixture of a version 1 file beside the tests.
 */
const FILE_MIGRATIONS: FileMigration[] = [];

/** The document as the file's text: same input, same bytes (apart from `exportedAt`). */
export function serializeCollectionFile(document: CollectionDocument, options: { exportedAt: Date }): string {
  const file = {
    format: COLLECTION_FILE_FORMAT,
    version: COLLECTION_FILE_VERSION,
    exportedAt: options.exportedAt.toISOString(),
    collections: document.collections.map(writeCollection),
    connections: document.connections.map(writeConnection),
    environments: document.environments.map((e) => ({
      id: e.id,
      name: e.name,
      variables: e.variables.map(writeVariable),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function writeCollection(collection: DocumentCollection) {
  return {
    id: collection.id,
    name: collection.name,
    variables: collection.variables.map(writeVariable),
    items: collection.items.map(writeItem),
  };
}

function writeItem(item: DocumentItem): unknown {
  return item.type === 'folder'
    ? { type: 'folder', id: item.id, name: item.name, items: item.items.map(writeItem) }
    : writeConnection(item);
}

function writeConnection(connection: DocumentConnection) {
  return {
    type: 'connection',
    id: connection.id,
    name: connection.name,
    url: connection.url,
    protocols: [...connection.protocols],
    templates: connection.templates.map(writeTemplate),
    automation: writeAutomation(connection.automation),
  };
}

function writeTemplate(template: MessageTemplate) {
  const { id, name, format, body, encoding } = template;
  return format === 'binary' ? { id, name, format, encoding, body } : { id, name, format, body };
}

function writeAutomation(automation: ConnectionAutomation) {
  const { sendOnOpen, heartbeat, reconnect, connectTimeoutMs } = automation;
  return {
    sendOnOpen: [...sendOnOpen],
    heartbeat: heartbeat ? { templateId: heartbeat.templateId, everyMs: heartbeat.everyMs } : null,
    reconnect: {
      enabled: reconnect.enabled,
      initialDelayMs: reconnect.initialDelayMs,
      maxDelayMs: reconnect.maxDelayMs,
      maxAttempts: reconnect.maxAttempts,
    },
    connectTimeoutMs,
  };
}

/**
 * Secrets travel as a name only: the value stays on the machine that has it. A secret that still holds a value
 * here is one the user chose to include (workspaceToDocument empties all others), so it is written with it.
 */
function writeVariable(variable: Variable) {
  if (!variable.secret) return { name: variable.name, value: variable.value, secret: false };
  return variable.value === ''
    ? { name: variable.name, secret: true }
    : { name: variable.name, value: variable.value, secret: true };
}

/** Whether a parsed value claims to be a Frameline collection file (then its errors are reported as such). */
export function isCollectionFile(value: unknown): boolean {
  return asRecord(value).format === COLLECTION_FILE_FORMAT;
}

/** Reads a parsed collection file of any known version. Never throws; an error names the JSON path. */
export function parseCollectionFile(value: unknown): Result<CollectionDocument, ImportError> {
  const file = asRecord(value);
  if (file.format !== COLLECTION_FILE_FORMAT) {
    return err({
      path: '$.format',
      message: `This is not a Frameline collection file ("format" should be "${COLLECTION_FILE_FORMAT}").`,
    });
  }
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return err({
      path: '$.version',
      message: 'The file has no valid version number (a whole number from 1).',
    });
  }
  if (version > COLLECTION_FILE_VERSION) {
    return err({
      path: '$.version',
      message: `The file was made by a newer Frameline (file version ${version}; this one reads up to ${COLLECTION_FILE_VERSION}). Update Frameline to import it.`,
    });
  }
  let data = file;
  for (let current = version; current < COLLECTION_FILE_VERSION; current++) {
    const step = FILE_MIGRATIONS.find((migration) => migration.from === current);
    if (!step) return err({ path: '$.version', message: `No migration from file version ${current}.` });
    data = step.up(data);
  }
  return readDocument(data);
}

function readDocument(data: Record<string, unknown>): Result<CollectionDocument, ImportError> {
  const document = createDocument('Frameline collection');
  const ids = new IdRegistry();
  const collections = listAt(data, 'collections');
  if (!collections.ok) return collections;
  for (const [index, raw] of collections.value.entries()) {
    const collection = readCollection(raw, `$.collections[${index}]`, ids);
    if (!collection.ok) return collection;
    document.collections.push(collection.value);
  }
  const connections = listAt(data, 'connections');
  if (!connections.ok) return connections;
  for (const [index, raw] of connections.value.entries()) {
    const connection = readConnection(raw, `$.connections[${index}]`, ids);
    if (!connection.ok) return connection;
    document.connections.push(connection.value);
  }
  if (data.environments !== undefined) {
    const environments = checkEnvironments(data.environments, '$.environments', {
      missingSecretValue: 'empty',
      ensureGlobal: false,
    });
    if (!environments.ok) return err(toImportError(environments.error));
    document.environments = environments.value;
  }
  if (
    document.collections.length === 0 &&
    document.connections.length === 0 &&
    document.environments.length === 0
  ) {
    return err({ path: '$', message: 'The file holds no collections, connections or environments.' });
  }
  return ok(document);
}

function readCollection(
  raw: unknown,
  path: string,
  ids: IdRegistry,
): Result<DocumentCollection, ImportError> {
  const c = asRecord(raw);
  if (typeof c.id !== 'string' || c.id === '')
    return err({ path: `${path}.id`, message: 'should be non-empty text.' });
  if (typeof c.name !== 'string') return err({ path: `${path}.name`, message: 'should be text.' });
  const seen = ids.claim(c.id, `${path}.id`);
  if (!seen.ok) return seen;
  const variables = checkVariables(c.variables ?? [], `${path}.variables`, { missingSecretValue: 'empty' });
  if (!variables.ok) return err(toImportError(variables.error));
  const items = readItems(c.items, `${path}.items`, ids);
  if (!items.ok) return items;
  return ok({ id: c.id, name: c.name, variables: variables.value, items: items.value });
}

function readItems(raw: unknown, path: string, ids: IdRegistry): Result<DocumentItem[], ImportError> {
  if (!Array.isArray(raw)) return err({ path, message: 'should be a list of folders and connections.' });
  const items: DocumentItem[] = [];
  for (const [index, value] of raw.entries()) {
    const at = `${path}[${index}]`;
    const type = asRecord(value).type;
    if (type === 'connection') {
      const connection = readConnection(value, at, ids);
      if (!connection.ok) return connection;
      items.push(connection.value);
    } else if (type === 'folder') {
      const f = asRecord(value);
      if (typeof f.id !== 'string' || f.id === '')
        return err({ path: `${at}.id`, message: 'should be non-empty text.' });
      if (typeof f.name !== 'string') return err({ path: `${at}.name`, message: 'should be text.' });
      const seen = ids.claim(f.id, `${at}.id`);
      if (!seen.ok) return seen;
      const children = readItems(f.items, `${at}.items`, ids);
      if (!children.ok) return children;
      items.push({ type: 'folder', id: f.id, name: f.name, items: children.value });
    } else {
      return err({ path: `${at}.type`, message: 'should be "folder" or "connection".' });
    }
  }
  return ok(items);
}

function readConnection(
  raw: unknown,
  path: string,
  ids: IdRegistry,
): Result<DocumentConnection, ImportError> {
  const fields = checkConnectionFields(raw, path);
  if (!fields.ok) return err(toImportError(fields.error));
  if (fields.value.id === '') return err({ path: `${path}.id`, message: 'should be non-empty text.' });
  const seen = ids.claim(fields.value.id, `${path}.id`);
  if (!seen.ok) return seen;
  // Automation names templates by id: two templates with one id would make that ambiguous.
  const templateIds = new Map<string, number>();
  for (const [index, template] of fields.value.templates.entries()) {
    const first = templateIds.get(template.id);
    if (first !== undefined) {
      return err({
        path: `${path}.templates[${index}].id`,
        message: `repeats the id "${template.id}" of ${path}.templates[${first}]; template ids must differ within a connection.`,
      });
    }
    templateIds.set(template.id, index);
  }
  return ok({ type: 'connection', ...fields.value });
}

function listAt(data: Record<string, unknown>, key: string): Result<unknown[], ImportError> {
  const value = data[key];
  if (value === undefined) return ok([]);
  return Array.isArray(value) ? ok(value) : err({ path: `$.${key}`, message: 'should be a list.' });
}

/** Ids of collections, folders and connections must be unique in a file: they decide what an import replaces. */
class IdRegistry {
  private readonly paths = new Map<string, string>();

  claim(id: string, path: string): Result<void, ImportError> {
    const first = this.paths.get(id);
    if (first !== undefined) {
      return err({
        path,
        message: `repeats the id "${id}" already used at ${first}; ids must be unique in a file.`,
      });
    }
    this.paths.set(id, path);
    return ok(undefined);
  }
}

function toImportError(error: FieldError): ImportError {
  return { path: error.path, message: error.message };
}
