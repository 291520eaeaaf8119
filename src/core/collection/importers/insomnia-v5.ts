import { err, ok, type Result } from '../../shared/result';
import type { CollectionDocument, ImportError } from '../collection-document';
import { buildInsomniaDocument, type InsomniaResource, type InsomniaResourceKind } from './insomnia-v4';
import {
  A_LIST,
  A_NUMBER,
  A_STRING,
  AN_OBJECT,
  describeWhere,
  isRecord,
  mismatch,
  optional,
  own,
} from './read-fields';

/*
 * Insomnia v5 files (Insomnia 11+) are YAML trees: `collection` lists folders (with `children`) and requests.
 * The item kinds are told apart the way Insomnia's own importer does it (src/common/insomnia-v5.ts): a folder
 * has `children`, an HTTP request has `method`, a gRPC request has `reflectionApi`, and a WebSocket request has
 * none of these and an id starting with `ws-req`. Ids carry the kind as a prefix (`fld_`, `req_`, `greq_`,
 * `ws-req_`, `socketio-req_`), which also identifies an empty folder, whose `children` the exporter drops.
 */

// A design document (`spec.`) carries a collection too; its spec itself is counted as skipped.
const COLLECTION_TYPE = /^(collection|spec)\.insomnia\.rest\/5\./;

const REPEATED_LIST =
  'This list of requests appears twice in the file (through a YAML alias), so a folder would contain itself. ' +
  'Export the collection from Insomnia again.';

/** Where items come from while the tree is flattened: their list, its path, and the folder it belongs to. */
interface PendingList {
  items: unknown;
  path: string;
  where: string;
  parentId: string;
}

/** Maps an Insomnia v5 collection (parsed YAML) to a collection document, with notes on what did not fit. */
export function importInsomniaV5(
  value: unknown,
  options: { newId: () => string },
): Result<CollectionDocument, ImportError> {
  if (!isRecord(value)) return err(mismatch('$', 'an Insomnia v5 collection object', value));
  const type = own(value, 'type');
  if (typeof type !== 'string' || !COLLECTION_TYPE.test(type)) {
    return err(mismatch('$.type', '"collection.insomnia.rest/5.0" (an Insomnia v5 collection)', type));
  }
  const workspace = readWorkspace(value, options.newId);
  if (!workspace.ok) return workspace;
  const items = readItems(value, workspace.value.id, options.newId);
  if (!items.ok) return items;
  const environments = readEnvironments(value, workspace.value.id, options.newId);
  if (!environments.ok) return environments;
  const resources = [workspace.value, ...items.value, ...environments.value, ...skippedExtras(value)];
  const document = buildInsomniaDocument({
    source: 'Insomnia v5 collection',
    resources,
    where: 'collection',
    newId: options.newId,
  });
  if (!document.ok) return document;
  const connections = items.value.filter((item) => item.kind === 'websocket').length;
  if (connections > 0) {
    document.value.notes.push({
      where: 'collection',
      message: `Insomnia v5 files do not include saved WebSocket messages, so ${connections === 1 ? 'the connection was' : `the ${connections} connections were`} imported without message templates.`,
    });
  }
  return document;
}

function readWorkspace(
  file: Record<string, unknown>,
  newId: () => string,
): Result<InsomniaResource, ImportError> {
  const name = optional(file, 'name', '$', A_STRING);
  if (!name.ok) return name;
  const meta = readMeta(file, '$');
  if (!meta.ok) return meta;
  return ok({
    kind: 'workspace',
    type: 'workspace',
    id: meta.value.id ?? newId(),
    parentId: null,
    name: name.value || 'Insomnia collection',
    sortKey: null,
    index: 0,
    path: '$',
    where: 'collection',
    fields: file,
  });
}

function readMeta(
  record: Record<string, unknown>,
  path: string,
): Result<{ id: string | undefined; sortKey: number | undefined }, ImportError> {
  const meta = optional(record, 'meta', path, AN_OBJECT);
  if (!meta.ok) return meta;
  if (!meta.value) return ok({ id: undefined, sortKey: undefined });
  const id = optional(meta.value, 'id', `${path}.meta`, A_STRING);
  if (!id.ok) return id;
  const sortKey = optional(meta.value, 'sortKey', `${path}.meta`, A_NUMBER);
  if (!sortKey.ok) return sortKey;
  return ok({ id: id.value || undefined, sortKey: sortKey.value });
}

/** Flattens the `collection` tree into resources linked by parent id, breadth first so depth cannot overflow. */
function readItems(
  file: Record<string, unknown>,
  workspaceId: string,
  newId: () => string,
): Result<InsomniaResource[], ImportError> {
  const resources: InsomniaResource[] = [];
  const pending: PendingList[] = [
    { items: own(file, 'collection'), path: '$.collection', where: 'collection', parentId: workspaceId },
  ];
  const seen = new Set<unknown>();
  // for...of also visits the folders' lists appended while the loop runs.
  for (const list of pending) {
    if (list.items === undefined || list.items === null) continue;
    if (!Array.isArray(list.items)) return err(mismatch(list.path, A_LIST.description, list.items));
    // A YAML alias can make a folder contain itself, which would never end.
    if (seen.has(list.items)) return err({ path: list.path, message: REPEATED_LIST });
    seen.add(list.items);
    for (const [index, item] of list.items.entries()) {
      const read = readItem(item, index, list, newId);
      if (!read.ok) return read;
      resources.push(read.value.resource);
      if (read.value.children) pending.push(read.value.children);
    }
  }
  return ok(resources);
}

function readItem(
  item: unknown,
  index: number,
  list: PendingList,
  newId: () => string,
): Result<{ resource: InsomniaResource; children: PendingList | null }, ImportError> {
  const path = `${list.path}[${index}]`;
  const location = `${list.where}[${index}]`;
  if (!isRecord(item)) return err(mismatch(path, 'a folder or request object', item));
  const name = optional(item, 'name', path, A_STRING);
  if (!name.ok) return name;
  const meta = readMeta(item, path);
  if (!meta.ok) return meta;
  const [kind, type] = classify(item, meta.value.id);
  const id = meta.value.id ?? newId();
  const children: PendingList | null =
    kind === 'folder'
      ? {
          items: own(item, 'children'),
          path: `${path}.children`,
          where: `${location}.children`,
          parentId: id,
        }
      : null;
  return ok({
    resource: {
      kind,
      type,
      id,
      parentId: list.parentId,
      name: name.value ?? '',
      sortKey: meta.value.sortKey ?? null,
      index,
      path,
      where: describeWhere(location, name.value),
      fields: item,
    },
    children,
  });
}

/** The item's kind for Frameline and its type name for skipped counts, following Insomnia's own checks. */
function classify(item: Record<string, unknown>, id: string | undefined): [InsomniaResourceKind, string] {
  if (own(item, 'children') !== undefined || id?.startsWith('fld_')) return ['folder', 'request_group'];
  if (own(item, 'method') !== undefined || id?.startsWith('req_')) return ['skipped', 'request'];
  if (own(item, 'reflectionApi') !== undefined || id?.startsWith('greq_')) return ['skipped', 'grpc_request'];
  if (id?.startsWith('socketio-req')) return ['skipped', 'socketio_request'];
  // Insomnia reads an item without an id as a WebSocket request too, when nothing else claims it.
  if (id === undefined || id.startsWith('ws-req')) return ['websocket', 'websocket_request'];
  return ['skipped', 'unknown'];
}

/** The base environment (its `data` becomes variables) and its sub-environments, which are only named. */
function readEnvironments(
  file: Record<string, unknown>,
  workspaceId: string,
  newId: () => string,
): Result<InsomniaResource[], ImportError> {
  const base = optional(file, 'environments', '$', AN_OBJECT);
  if (!base.ok) return base;
  if (base.value === undefined) return ok([]);
  const path = '$.environments';
  const baseResource = readEnvironment(
    base.value,
    { path, where: 'environments', parentId: workspaceId },
    newId,
  );
  if (!baseResource.ok) return baseResource;
  const subs = optional(base.value, 'subEnvironments', path, A_LIST);
  if (!subs.ok) return subs;
  const resources = [baseResource.value];
  for (const [index, sub] of (subs.value ?? []).entries()) {
    const subPath = `${path}.subEnvironments[${index}]`;
    if (!isRecord(sub)) return err(mismatch(subPath, 'an environment object', sub));
    const where = `environments.subEnvironments[${index}]`;
    const read = readEnvironment(sub, { path: subPath, where, parentId: baseResource.value.id }, newId);
    if (!read.ok) return read;
    resources.push(read.value);
  }
  return ok(resources);
}

function readEnvironment(
  environment: Record<string, unknown>,
  place: { path: string; where: string; parentId: string },
  newId: () => string,
): Result<InsomniaResource, ImportError> {
  const name = optional(environment, 'name', place.path, A_STRING);
  if (!name.ok) return name;
  const meta = readMeta(environment, place.path);
  if (!meta.ok) return meta;
  return ok({
    kind: 'environment',
    type: 'environment',
    id: meta.value.id ?? newId(),
    parentId: place.parentId,
    name: name.value ?? '',
    sortKey: meta.value.sortKey ?? null,
    index: 0,
    path: place.path,
    where: describeWhere(place.where, name.value),
    fields: environment,
  });
}

/** Top-level parts with no Frameline equivalent, as skipped resources so they are counted like v4's. */
function skippedExtras(file: Record<string, unknown>): InsomniaResource[] {
  const extras: { key: string; type: string }[] = [
    { key: 'cookieJar', type: 'cookie_jar' },
    { key: 'spec', type: 'api_spec' },
    { key: 'testSuites', type: 'unit_test_suite' },
    { key: 'certificates', type: 'ca_certificate' },
  ];
  return extras.flatMap(({ key, type }) => {
    const value = own(file, key);
    const count = Array.isArray(value) ? value.length : isRecord(value) ? 1 : 0;
    return Array.from({ length: count }, (_, index) => ({
      kind: 'skipped' as const,
      type,
      id: '',
      parentId: null,
      name: '',
      sortKey: null,
      index,
      path: `$.${key}`,
      where: key,
      fields: {},
    }));
  });
}
