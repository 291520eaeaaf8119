import { asRecord } from '../shared/as-record';
import type { Variable } from '../template/variable';
import type { ConnectionAutomation, MessageTemplate } from '../workspace/workspace';
import type {
  CollectionDocument,
  DocumentCollection,
  DocumentConnection,
  DocumentItem,
} from './collection-document';
import type {
  CollectionFile,
  FileAutomation,
  FileCollection,
  FileConnection,
  FileItem,
  FileTemplate,
  FileVariable,
} from './collection-file-schema';

/**
 * The Frameline collection file: `{ "format": "frameline-collection", "version": 3, "exportedAt", ... }`.
 * Written deterministically (fixed key order, stored item order, two-space indent) so that it diffs well in
 * git. Its shape is collection-file-schema.ts, which public/frameline-collection.schema.json is generated from;
 * parse-collection-file.ts reads it; the README documents it.
 */

export const COLLECTION_FILE_FORMAT = 'frameline-collection';
/** 2 added each connection's `scenarios` (and `correlationPath`); 3 its protocol `lens` and `handshakePayload`. */
export const COLLECTION_FILE_VERSION = 3;

/** The document as the file's text: same input, same bytes (apart from `exportedAt`). */
export function serializeCollectionFile(document: CollectionDocument, options: { exportedAt: Date }): string {
  const file: CollectionFile = {
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

function writeCollection(collection: DocumentCollection): FileCollection {
  return {
    id: collection.id,
    name: collection.name,
    variables: collection.variables.map(writeVariable),
    items: collection.items.map(writeItem),
  };
}

function writeItem(item: DocumentItem): FileItem {
  return item.type === 'folder'
    ? { type: 'folder', id: item.id, name: item.name, items: item.items.map(writeItem) }
    : writeConnection(item);
}

function writeConnection(connection: DocumentConnection): FileConnection {
  return {
    type: 'connection',
    id: connection.id,
    name: connection.name,
    url: connection.url,
    protocols: [...connection.protocols],
    templates: connection.templates.map(writeTemplate),
    automation: writeAutomation(connection.automation),
    scenarios: structuredClone(connection.scenarios),
    ...(connection.correlationPath === undefined ? {} : { correlationPath: connection.correlationPath }),
    ...(connection.headers === undefined
      ? {}
      : { headers: connection.headers.map((h) => ({ name: h.name, value: h.value })) }),
    ...(connection.lens === undefined ? {} : { lens: connection.lens }),
    ...(connection.handshakePayload === undefined ? {} : { handshakePayload: connection.handshakePayload }),
  };
}

function writeTemplate(template: MessageTemplate): FileTemplate {
  const { id, name, format, body, encoding } = template;
  return format === 'binary' ? { id, name, format, encoding, body } : { id, name, format, body };
}

function writeAutomation(automation: ConnectionAutomation): FileAutomation {
  const { sendOnOpen, heartbeat, reconnect, connectTimeoutMs } = automation;
  return {
    sendOnOpen: [...sendOnOpen],
    heartbeat: heartbeat
      ? {
          templateId: heartbeat.templateId,
          everyMs: heartbeat.everyMs,
          startWithConnection: heartbeat.startWithConnection,
        }
      : null,
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
function writeVariable(variable: Variable): FileVariable {
  if (!variable.secret) return { name: variable.name, value: variable.value, secret: false };
  return variable.value === ''
    ? { name: variable.name, secret: true }
    : { name: variable.name, value: variable.value, secret: true };
}

/** Whether a parsed value claims to be a Frameline collection file (then its errors are reported as such). */
export function isCollectionFile(value: unknown): boolean {
  return asRecord(value).format === COLLECTION_FILE_FORMAT;
}
