import { err, ok, type Result } from '../../shared/result';
import { validateVariableName } from '../../template/environment';
import { VARIABLE_NAME_CHARACTER, type Variable } from '../../template/variable';
import {
  createDefaultAutomation,
  nameFromUrl,
  parseProtocolList,
  type HandshakeHeader,
  type MessageTemplate,
} from '../../workspace/workspace';
import {
  createDocument,
  type CollectionDocument,
  type DocumentCollection,
  type DocumentConnection,
  type DocumentFolder,
  type DocumentItem,
  type ImportError,
  type ImportNote,
} from '../collection-document';
import {
  isRecord,
  own,
  A_STRING,
  A_NUMBER,
  A_BOOLEAN,
  AN_OBJECT,
  A_LIST,
  mismatch,
  optional,
  required,
  describeWhere,
  joinList,
} from './read-fields';

/*
 * Insomnia v4 exports are a flat list of resources linked by `parentId`; v5 files are a tree that insomnia-v5.ts
 * flattens into the same resources. Everything after that (folders, connections, variables, notes) is shared and
 * lives here, so both formats map a request the same way.
 */

// ---------------------------------------------------------------------------------------------------------------
// Shared model

/** What Frameline does with a resource: the four it maps, plus everything it only counts. */
export type InsomniaResourceKind =
  'workspace' | 'folder' | 'websocket' | 'payload' | 'environment' | 'skipped';

/** One Insomnia resource reduced to what the mapping needs, with where it came from for errors and notes. */
export interface InsomniaResource {
  kind: InsomniaResourceKind;
  /** Insomnia's own type name (`request`, `grpc_request`, `cookie_jar`), to count what was skipped. */
  type: string;
  id: string;
  parentId: string | null;
  name: string;
  sortKey: number | null;
  /** Position in the source, the order when there is no sort key. */
  index: number;
  /** JSON path of the resource's object, for errors: `$.resources[3]`. */
  path: string;
  /** How notes name it: `resources[3] "Login socket"`. */
  where: string;
  /** The resource's own object: v4 and v5 share the names of the fields read from it (url, headers, ...). */
  fields: Record<string, unknown>;
}

/** Resources from either format, and how to describe the file. */
export interface InsomniaSource {
  /** `CollectionDocument.source`. */
  source: string;
  resources: readonly InsomniaResource[];
  /** Where notes about the whole file point: `resources` (v4) or `collection` (v5). */
  where: string;
  newId: () => string;
}

// ---------------------------------------------------------------------------------------------------------------
// Insomnia v4

const V4_KINDS: ReadonlyMap<string, InsomniaResourceKind> = new Map([
  ['workspace', 'workspace'],
  ['request_group', 'folder'],
  ['websocket_request', 'websocket'],
  ['websocket_payload', 'payload'],
  ['environment', 'environment'],
]);

/** Maps an Insomnia v4 export (parsed JSON or YAML) to a collection document, with notes on what did not fit. */
export function importInsomniaV4(
  value: unknown,
  options: { newId: () => string },
): Result<CollectionDocument, ImportError> {
  const resources = readV4Resources(value);
  if (!resources.ok) return resources;
  return buildInsomniaDocument({
    source: 'Insomnia v4 export',
    resources: resources.value,
    where: 'resources',
    newId: options.newId,
  });
}

function readV4Resources(value: unknown): Result<InsomniaResource[], ImportError> {
  if (!isRecord(value)) return err(mismatch('$', 'an Insomnia export object', value));
  const type = own(value, '_type');
  if (type !== 'export') return err(mismatch('$._type', '"export" (an Insomnia export)', type));
  const format = own(value, '__export_format');
  if (format !== 4) return err(mismatch('$.__export_format', '4 (an Insomnia v4 export)', format));
  const list = required(value, 'resources', '$', A_LIST);
  if (!list.ok) return list;
  const resources: InsomniaResource[] = [];
  for (const [index, item] of list.value.entries()) {
    const resource = readV4Resource(item, index);
    if (!resource.ok) return resource;
    resources.push(resource.value);
  }
  return ok(resources);
}

function readV4Resource(item: unknown, index: number): Result<InsomniaResource, ImportError> {
  const path = `$.resources[${index}]`;
  if (!isRecord(item)) return err(mismatch(path, 'a resource object', item));
  const type = required(item, '_type', path, A_STRING);
  if (!type.ok) return type;
  const id = required(item, '_id', path, A_STRING);
  if (!id.ok) return id;
  const parentId = optional(item, 'parentId', path, A_STRING);
  if (!parentId.ok) return parentId;
  const name = optional(item, 'name', path, A_STRING);
  if (!name.ok) return name;
  const sortKey = optional(item, 'metaSortKey', path, A_NUMBER);
  if (!sortKey.ok) return sortKey;
  return ok({
    kind: V4_KINDS.get(type.value) ?? 'skipped',
    type: type.value,
    id: id.value,
    parentId: parentId.value ?? null,
    name: name.value ?? '',
    sortKey: sortKey.value ?? null,
    index,
    path,
    where: describeWhere(`resources[${index}]`, name.value),
    fields: item,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Building the document (both formats)

interface Build {
  source: InsomniaSource;
  /** The source's resources without repeated ids. */
  resources: readonly InsomniaResource[];
  /** Folders and WebSocket requests by parent id, in display order. */
  children: Map<string, InsomniaResource[]>;
  /** Saved messages by request id, in display order. */
  payloads: Map<string, InsomniaResource[]>;
  folderIds: Set<string>;
  visited: Set<InsomniaResource>;
  notes: ImportNote[];
}

/** A folder or workspace whose children are still to be placed, and the list they go into. */
interface Pending {
  id: string;
  items: DocumentItem[];
}

/** Maps Insomnia resources (from a v4 export or a flattened v5 file) to a collection document. */
export function buildInsomniaDocument(source: InsomniaSource): Result<CollectionDocument, ImportError> {
  const document = createDocument(source.source);
  const resources = uniqueResources(source, document.notes);
  const build: Build = {
    source,
    resources,
    children: groupByParent(resources, (kind) => kind === 'folder' || kind === 'websocket'),
    payloads: groupByParent(resources, (kind) => kind === 'payload'),
    folderIds: new Set(resources.filter((r) => r.kind === 'folder').map((r) => r.id)),
    visited: new Set(),
    notes: document.notes,
  };
  const workspaces = resources.filter((r) => r.kind === 'workspace');
  const pending: Pending[] = [];
  for (const workspace of workspaces) {
    const collection = emptyCollection(workspace.id, workspace.name || 'Insomnia workspace');
    document.collections.push(collection);
    pending.push({ id: workspace.id, items: collection.items });
  }
  const placed = drain(build, pending);
  if (!placed.ok) return placed;
  const strays = placeStrays(build, document);
  if (!strays.ok) return strays;
  const variables = attachEnvironments(build, resources, document.collections);
  if (!variables.ok) return variables;
  document.notes.push(...skippedNotes(resources, source.where));
  return ok(document);
}

function emptyCollection(id: string, name: string): DocumentCollection {
  return { id, name, variables: [], items: [] };
}

/** Insomnia ids are unique; a file edited by hand may repeat one, and only the first can be linked to. */
function uniqueResources(source: InsomniaSource, notes: ImportNote[]): InsomniaResource[] {
  const seen = new Set<string>();
  return source.resources.filter((resource) => {
    if (resource.kind === 'skipped') return true;
    if (!seen.has(resource.id)) {
      seen.add(resource.id);
      return true;
    }
    notes.push({
      where: resource.where,
      message: `Skipped: another resource already has the id "${resource.id}".`,
    });
    return false;
  });
}

function groupByParent(
  resources: readonly InsomniaResource[],
  include: (kind: InsomniaResourceKind) => boolean,
): Map<string, InsomniaResource[]> {
  const groups = new Map<string, InsomniaResource[]>();
  for (const resource of resources) {
    if (!include(resource.kind) || resource.parentId === null) continue;
    const group = groups.get(resource.parentId) ?? [];
    group.push(resource);
    groups.set(resource.parentId, group);
  }
  for (const group of groups.values()) group.sort(bySortKey);
  return groups;
}

/** Insomnia's order: sort keys ascending; resources without one keep their source order, after the others. */
function bySortKey(a: InsomniaResource, b: InsomniaResource): number {
  const keyA = a.sortKey ?? Number.POSITIVE_INFINITY;
  const keyB = b.sortKey ?? Number.POSITIVE_INFINITY;
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  return a.index - b.index;
}

/** Places the children of every pending container, breadth first, so deep nesting cannot overflow the stack. */
function drain(build: Build, pending: Pending[]): Result<void, ImportError> {
  // for...of also visits the folders `place` appends while the loop runs.
  for (const { id, items } of pending) {
    for (const child of build.children.get(id) ?? []) {
      if (build.visited.has(child)) continue;
      const placed = place(build, child, items, pending);
      if (!placed.ok) return placed;
    }
  }
  return ok(undefined);
}

function place(
  build: Build,
  resource: InsomniaResource,
  items: DocumentItem[],
  pending: Pending[],
): Result<void, ImportError> {
  build.visited.add(resource);
  if (resource.kind === 'folder') {
    const folder = toFolder(resource, build.notes);
    if (!folder.ok) return folder;
    items.push(folder.value);
    pending.push({ id: resource.id, items: folder.value.items });
    return ok(undefined);
  }
  const connection = toConnection(resource, build.payloads.get(resource.id) ?? [], build.notes);
  if (!connection.ok) return connection;
  items.push(connection.value);
  return ok(undefined);
}

/**
 * Requests and folders whose parent is missing (a partial export, a file edited by hand) go into the first
 * collection, keeping their own folders; requests under a folder that is its own ancestor go there flat.
 */
function placeStrays(build: Build, document: CollectionDocument): Result<void, ImportError> {
  const unplaced = (kinds: readonly InsomniaResourceKind[]) =>
    build.resources.filter((r) => kinds.includes(r.kind) && !build.visited.has(r));
  const strays = unplaced(['folder', 'websocket']);
  if (strays.length === 0) return ok(undefined);
  const collection = fallbackCollection(document, build.source.newId);
  const pending: Pending[] = [];
  const roots = strays.filter((r) => r.parentId === null || !build.folderIds.has(r.parentId));
  for (const root of roots) {
    const placed = place(build, root, collection.items, pending);
    if (!placed.ok) return placed;
  }
  const drained = drain(build, pending);
  if (!drained.ok) return drained;
  for (const request of unplaced(['websocket'])) {
    const placed = place(build, request, collection.items, pending);
    if (!placed.ok) return placed;
  }
  const connections = strays.filter((r) => r.kind === 'websocket').length;
  if (connections > 0) {
    document.notes.push({
      where: build.source.where,
      message: `${count(connections, 'WebSocket request was', 'WebSocket requests were')} not inside a workspace, so ${connections === 1 ? 'it was' : 'they were'} put in "${collection.name}".`,
    });
  }
  return ok(undefined);
}

function fallbackCollection(document: CollectionDocument, newId: () => string): DocumentCollection {
  const first = document.collections[0];
  if (first) return first;
  const collection = emptyCollection(newId(), 'Insomnia import');
  document.collections.push(collection);
  return collection;
}

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Templates: Insomnia renders Nunjucks; Frameline only substitutes {{name}}

const NUNJUCKS = /\{\{([\s\S]*?)\}\}|\{%[\s\S]*?%\}/g;
const PLAIN_NAME = new RegExp(`^${VARIABLE_NAME_CHARACTER}+$`, 'u');

/**
 * Rewrites Insomnia's `{{ _.name }}` and `{{ name }}` as Frameline's `{{name}}`. Tags (`{% response ... %}`),
 * filters and expressions stay as written, listed in `kept` so the user can be told.
 */
export function convertInsomniaTemplate(text: string): { text: string; kept: string[] } {
  const kept: string[] = [];
  const converted = text.replace(NUNJUCKS, (match: string, inner: string | undefined) => {
    const name = inner?.trim().replace(/^_\./, '');
    if (name !== undefined && PLAIN_NAME.test(name)) return `{{${name}}}`;
    kept.push(match);
    return match;
  });
  return { text: converted, kept };
}

/** Converts templates for one resource and remembers what it could not, for a single note. */
class TemplateConverter {
  private readonly kept = new Set<string>();

  convert = (text: string): string => {
    const converted = convertInsomniaTemplate(text);
    for (const snippet of converted.kept) this.kept.add(snippet);
    return converted.text;
  };

  note(where: string): ImportNote[] {
    if (this.kept.size === 0) return [];
    const snippets = [...this.kept].map((snippet) => `"${snippet}"`);
    return [
      {
        where,
        message: `Kept as plain text: ${joinList(snippets)}. Frameline only fills in {{name}} variables, so replace these by hand.`,
      },
    ];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Folders and connections

interface Pair {
  name: string;
  value: string;
  enabled: boolean;
}

/** A list of `{ name, value, disabled }`, as Insomnia stores headers and query parameters. */
function readPairs(record: Record<string, unknown>, key: string, path: string): Result<Pair[], ImportError> {
  const list = optional(record, key, path, A_LIST);
  if (!list.ok) return list;
  const pairs: Pair[] = [];
  for (const [index, item] of (list.value ?? []).entries()) {
    const itemPath = `${path}.${key}[${index}]`;
    if (!isRecord(item)) return err(mismatch(itemPath, 'an object with "name" and "value"', item));
    const name = optional(item, 'name', itemPath, A_STRING);
    if (!name.ok) return name;
    const value = optional(item, 'value', itemPath, A_STRING);
    if (!value.ok) return value;
    const disabled = optional(item, 'disabled', itemPath, A_BOOLEAN);
    if (!disabled.ok) return disabled;
    pairs.push({ name: name.value ?? '', value: value.value ?? '', enabled: disabled.value !== true });
  }
  return ok(pairs.filter((pair) => pair.enabled && pair.name !== ''));
}

const AUTH_LABELS: ReadonlyMap<string, string> = new Map([
  ['basic', 'Basic authentication'],
  ['bearer', 'Bearer token authentication'],
  ['apikey', 'API key authentication'],
  ['oauth2', 'OAuth 2.0 authentication'],
  ['oauth1', 'OAuth 1.0 authentication'],
  ['digest', 'Digest authentication'],
  ['ntlm', 'NTLM authentication'],
  ['hawk', 'Hawk authentication'],
  ['iam', 'AWS IAM authentication'],
  ['asap', 'ASAP authentication'],
  ['netrc', 'netrc authentication'],
  ['singleToken', 'token authentication'],
]);

/** What a request's authentication becomes: a query parameter (API key in the query), or a loss to report. */
interface Authentication {
  query: Pair | null;
  lost: string | null;
}

function readAuthentication(
  record: Record<string, unknown>,
  path: string,
): Result<Authentication, ImportError> {
  const none: Authentication = { query: null, lost: null };
  const auth = optional(record, 'authentication', path, AN_OBJECT);
  if (!auth.ok) return auth;
  if (auth.value === undefined) return ok(none);
  const authPath = `${path}.authentication`;
  const type = optional(auth.value, 'type', authPath, A_STRING);
  if (!type.ok) return type;
  const disabled = optional(auth.value, 'disabled', authPath, A_BOOLEAN);
  if (!disabled.ok) return disabled;
  if (!type.value || type.value === 'none' || disabled.value === true) return ok(none);
  if (type.value === 'apikey' && own(auth.value, 'addTo') === 'queryParams') {
    const key = optional(auth.value, 'key', authPath, A_STRING);
    if (!key.ok) return key;
    const value = optional(auth.value, 'value', authPath, A_STRING);
    if (!value.ok) return value;
    // Insomnia itself sends this kind in the query string, which a browser can do too.
    if (key.value) {
      return ok({ query: { name: key.value, value: value.value ?? '', enabled: true }, lost: null });
    }
  }
  return ok({ query: null, lost: AUTH_LABELS.get(type.value) ?? `"${type.value}" authentication` });
}

function keptHeadersNote(where: string, headers: readonly HandshakeHeader[]): ImportNote[] {
  if (headers.length === 0) return [];
  const names = joinList(headers.map((h) => `"${h.name}"`));
  const plural = headers.length > 1;
  return [
    {
      where,
      message:
        `Header${plural ? 's' : ''} ${names} ${plural ? 'were' : 'was'} kept with the connection: frameline run sends ` +
        `${plural ? 'them' : 'it'}, but a browser cannot send headers with the WebSocket handshake, so the app does ` +
        'not. If the server accepts it, pass a token in the query string (?token={{token}}) or as a subprotocol.',
    },
  ];
}

function handshakeNote(where: string, lost: readonly string[], scope: 'request' | 'folder'): ImportNote[] {
  if (lost.length === 0) return [];
  const subject = joinList(lost);
  const verb = lost.length === 1 ? 'was' : 'were';
  const setOn = scope === 'folder' ? ' (set on this folder for the requests in it)' : '';
  return [
    {
      where,
      message:
        `${subject.charAt(0).toUpperCase()}${subject.slice(1)} ${verb} not imported${setOn}: a browser cannot send ` +
        'headers or authentication with the WebSocket handshake. If the server accepts it, pass the token in ' +
        'the query string (?token={{token}}) or as a subprotocol instead.',
    },
  ];
}

const PROTOCOL_HEADER = 'sec-websocket-protocol';

function toFolder(resource: InsomniaResource, notes: ImportNote[]): Result<DocumentFolder, ImportError> {
  const headers = readPairs(resource.fields, 'headers', resource.path);
  if (!headers.ok) return headers;
  const auth = readAuthentication(resource.fields, resource.path);
  if (!auth.ok) return auth;
  const environment = optional(resource.fields, 'environment', resource.path, AN_OBJECT);
  if (!environment.ok) return environment;
  const lost = headers.value.map((header) => `header "${header.name}"`);
  if (auth.value.lost) lost.push(auth.value.lost);
  if (auth.value.query) lost.push(`API key "${auth.value.query.name}"`);
  notes.push(...handshakeNote(resource.where, lost, 'folder'));
  const folderVariables = Object.keys(environment.value ?? {}).map((name) => `"${name}"`);
  if (folderVariables.length > 0) {
    notes.push({
      where: resource.where,
      message: `Folder variables ${joinList(folderVariables)} were not imported: Frameline keeps variables per collection. Add them to the collection's variables if the requests need them.`,
    });
  }
  return ok({ type: 'folder', id: resource.id, name: resource.name || 'Folder', items: [] });
}

function toConnection(
  resource: InsomniaResource,
  payloads: readonly InsomniaResource[],
  notes: ImportNote[],
): Result<DocumentConnection, ImportError> {
  const fields = readRequestFields(resource);
  if (!fields.ok) return fields;
  const converter = new TemplateConverter();
  const templates = toTemplates(payloads, converter);
  if (!templates.ok) return templates;
  const { url, protocols, headers, lost } = toHandshake(fields.value, converter);
  notes.push(
    ...keptHeadersNote(resource.where, headers),
    ...handshakeNote(resource.where, lost, 'request'),
    ...converter.note(resource.where),
  );
  return ok({
    type: 'connection',
    id: resource.id,
    name: resource.name || nameFromUrl(url),
    url,
    protocols,
    templates: templates.value,
    automation: createDefaultAutomation(),
    scenarios: [],
    ...(headers.length > 0 ? { headers } : {}),
  });
}

/** The fields of a WebSocket request that shape its handshake; v4 and v5 spell them alike. */
interface RequestFields {
  url: string;
  parameters: Pair[];
  pathParameters: Pair[];
  headers: Pair[];
  auth: Authentication;
}

function readRequestFields({ fields, path }: InsomniaResource): Result<RequestFields, ImportError> {
  const url = optional(fields, 'url', path, A_STRING);
  if (!url.ok) return url;
  const parameters = readPairs(fields, 'parameters', path);
  if (!parameters.ok) return parameters;
  const pathParameters = readPairs(fields, 'pathParameters', path);
  if (!pathParameters.ok) return pathParameters;
  const headers = readPairs(fields, 'headers', path);
  if (!headers.ok) return headers;
  const auth = readAuthentication(fields, path);
  if (!auth.ok) return auth;
  return ok({
    url: url.value ?? '',
    parameters: parameters.value,
    pathParameters: pathParameters.value,
    headers: headers.value,
    auth: auth.value,
  });
}

/**
 * The handshake: the URL with its query and the subprotocols (what a browser can send), the other headers (kept
 * for `frameline run`), and what is lost (authentication).
 */
function toHandshake(
  fields: RequestFields,
  converter: TemplateConverter,
): { url: string; protocols: string[]; headers: HandshakeHeader[]; lost: string[] } {
  const convertPair = (pair: Pair): Pair => ({
    ...pair,
    name: converter.convert(pair.name),
    value: converter.convert(pair.value),
  });
  const query = fields.auth.query ? [...fields.parameters, fields.auth.query] : fields.parameters;
  const path = fillPathParameters(converter.convert(fields.url), fields.pathParameters.map(convertPair));
  const isProtocol = (header: Pair) => header.name.toLowerCase() === PROTOCOL_HEADER;
  const protocols = fields.headers
    .filter(isProtocol)
    .flatMap((header) => parseProtocolList(converter.convert(header.value)));
  const headers = fields.headers
    .filter((header) => !isProtocol(header))
    .map((header) => ({ name: converter.convert(header.name), value: converter.convert(header.value) }));
  const lost = fields.auth.lost ? [fields.auth.lost] : [];
  return { url: appendQuery(path, query.map(convertPair)), protocols, headers, lost };
}

function toTemplates(
  payloads: readonly InsomniaResource[],
  converter: TemplateConverter,
): Result<MessageTemplate[], ImportError> {
  const templates: MessageTemplate[] = [];
  for (const payload of payloads) {
    const value = optional(payload.fields, 'value', payload.path, A_STRING);
    if (!value.ok) return value;
    const mode = optional(payload.fields, 'mode', payload.path, A_STRING);
    if (!mode.ok) return mode;
    // Insomnia keeps an empty payload behind every request's message editor: there is nothing to send.
    if (!value.value) continue;
    templates.push({
      id: payload.id,
      name: payload.name || 'Message',
      format: mode.value?.toLowerCase().includes('json') ? 'json' : 'text',
      body: converter.convert(value.value),
    });
  }
  return ok(templates);
}

// ---------------------------------------------------------------------------------------------------------------
// URLs

const REFERENCE = new RegExp(String.raw`\{\{\s*\$?${VARIABLE_NAME_CHARACTER}+\s*\}\}`, 'gu');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Percent-encodes a query name or value but leaves `{{name}}` references whole: they are filled in at connect
 * time, and an encoded `%7B%7B` would no longer be one.
 */
function encodeComponent(text: string): string {
  // encodeURIComponent throws on a lone surrogate; the browser would send U+FFFD in its place anyway.
  const encode = (part: string) => encodeURIComponent(part.replace(LONE_SURROGATE, '\uFFFD'));
  let encoded = '';
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    encoded += encode(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return encoded + encode(text.slice(last));
}

/** Appends `name=value` pairs to a URL's query, before any `#fragment`. */
export function appendQuery(url: string, pairs: readonly { name: string; value: string }[]): string {
  if (pairs.length === 0) return url;
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const query = pairs
    .map(({ name, value }) => `${encodeComponent(name)}=${encodeComponent(value)}`)
    .join('&');
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${query}${fragment}`;
}

/** Insomnia's path parameters: `/rooms/:room` with `room = lobby` becomes `/rooms/lobby`. */
function fillPathParameters(url: string, parameters: readonly Pair[]): string {
  let filled = url;
  for (const { name, value } of parameters) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    filled = filled.replace(new RegExp(`/:${escaped}(?=[/?#]|$)`, 'g'), () => `/${encodeComponent(value)}`);
  }
  return filled;
}

// ---------------------------------------------------------------------------------------------------------------
// Environments

/** Nested environment objects deeper than this are dropped (and noted) rather than flattened. */
const MAX_VARIABLE_DEPTH = 16;

/** Values read from one environment at most; YAML aliases can make a small file describe a huge tree. */
const MAX_ENVIRONMENT_VALUES = 10_000;

/** Each workspace's base environment becomes its collection's variables; every other environment is named. */
function attachEnvironments(
  build: Build,
  resources: readonly InsomniaResource[],
  collections: DocumentCollection[],
): Result<void, ImportError> {
  const environments = resources.filter((r) => r.kind === 'environment');
  const bases = new Set<InsomniaResource>();
  for (const collection of collections) {
    const base = environments.find((environment) => environment.parentId === collection.id);
    if (!base) continue;
    bases.add(base);
    const variables = environmentVariables(base, build.notes);
    if (!variables.ok) return variables;
    collection.variables = variables.value;
  }
  const others = environments.filter((environment) => !bases.has(environment));
  if (others.length > 0) {
    const names = others.map((environment) => `"${environment.name || environment.id}"`);
    build.notes.push({
      where: build.source.where,
      message: `${others.length === 1 ? 'Environment' : 'Environments'} ${joinList(names)} ${others.length === 1 ? 'was' : 'were'} not imported: only the base environment becomes the collection's variables. Add the others as environments by hand.`,
    });
  }
  return ok(undefined);
}

function environmentVariables(
  environment: InsomniaResource,
  notes: ImportNote[],
): Result<Variable[], ImportError> {
  const data = optional(environment.fields, 'data', environment.path, AN_OBJECT);
  if (!data.ok) return data;
  const converter = new TemplateConverter();
  const { values, dropped } = flattenData(data.value ?? {});
  const variables: Variable[] = [];
  const names = new Set<string>();
  for (const [name, value] of values) {
    if (!validateVariableName(name).ok) dropped.push(`"${name}" (not a valid variable name)`);
    else if (names.has(name)) dropped.push(`"${name}" (defined twice)`);
    else {
      names.add(name);
      variables.push({ name, value: converter.convert(value), secret: false });
    }
  }
  if (dropped.length > 0) {
    notes.push({
      where: environment.where,
      message: `Not imported as variables: ${joinList(dropped)}. Variables hold text; nested objects become dotted names like "auth.token".`,
    });
  }
  notes.push(...converter.note(environment.where));
  return ok(variables);
}

/** Nested objects become dotted names; values that are not text, numbers or booleans are listed as dropped. */
function flattenData(data: Record<string, unknown>): { values: [string, string][]; dropped: string[] } {
  const values: [string, string][] = [];
  const dropped: string[] = [];
  let budget = MAX_ENVIRONMENT_VALUES;
  const visit = (name: string, value: unknown, depth: number): void => {
    if (--budget < 0) return;
    const text = scalarText(value);
    if (text !== null) values.push([name, text]);
    else if (!isRecord(value)) dropped.push(`"${name}" (${value === null ? 'empty' : 'a list'})`);
    else if (depth >= MAX_VARIABLE_DEPTH) dropped.push(`"${name}" (nested too deeply)`);
    else for (const [key, inner] of Object.entries(value)) visit(`${name}.${key}`, inner, depth + 1);
  };
  for (const [key, value] of Object.entries(data)) visit(key, value, 1);
  if (budget < 0) dropped.push(`everything after the first ${MAX_ENVIRONMENT_VALUES} values`);
  return { values, dropped };
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// What was skipped

const SKIPPED_LABELS: ReadonlyMap<string, { one: string; many: string; request: boolean }> = new Map([
  ['request', { one: 'HTTP request', many: 'HTTP requests', request: true }],
  ['grpc_request', { one: 'gRPC request', many: 'gRPC requests', request: true }],
  ['socketio_request', { one: 'Socket.IO request', many: 'Socket.IO requests', request: true }],
  ['graphql_request', { one: 'GraphQL request', many: 'GraphQL requests', request: true }],
  ['mcp_request', { one: 'MCP request', many: 'MCP requests', request: true }],
  ['cookie_jar', { one: 'cookie jar', many: 'cookie jars', request: false }],
  ['api_spec', { one: 'API spec', many: 'API specs', request: false }],
  ['unit_test_suite', { one: 'test suite', many: 'test suites', request: false }],
  ['unit_test', { one: 'test', many: 'tests', request: false }],
  ['proto_file', { one: 'proto file', many: 'proto files', request: false }],
  ['proto_directory', { one: 'proto folder', many: 'proto folders', request: false }],
  ['mock', { one: 'mock server', many: 'mock servers', request: false }],
  ['mock_route', { one: 'mock route', many: 'mock routes', request: false }],
  ['client_certificate', { one: 'client certificate', many: 'client certificates', request: false }],
  ['ca_certificate', { one: 'CA certificate', many: 'CA certificates', request: false }],
  ['unknown', { one: 'item of an unknown kind', many: 'items of unknown kinds', request: false }],
]);

/** One note per skipped kind, with its count: "3 HTTP requests were skipped: Frameline is for WebSockets." */
function skippedNotes(resources: readonly InsomniaResource[], where: string): ImportNote[] {
  const counts = new Map<string, number>();
  for (const resource of resources) {
    if (resource.kind === 'skipped') counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
  }
  return [...counts].map(([type, n]) => {
    const label = SKIPPED_LABELS.get(type) ?? {
      one: `"${type}" resource`,
      many: `"${type}" resources`,
      request: false,
    };
    const reason = label.request ? 'Frameline is for WebSockets' : 'Frameline has no place for them';
    return { where, message: `${count(n, `${label.one} was`, `${label.many} were`)} skipped: ${reason}.` };
  });
}
