import type { LensId } from '../protocol/lens';
import type { Scenario } from '../scenario/scenario';
import { DEFAULT_ARCHIVE_MAX_BYTES, DEFAULT_ARCHIVE_MAX_SESSIONS } from '../archive/archive-limits';
import type { Environment } from '../template/environment';
import type { Variable } from '../template/variable';

/**
 * The user's saved work: connections and their message templates. Plain serializable data; the stores hold
 * it and the persistence adapter writes it under a version (see workspace-migrations.ts).
 */

export type TemplateFormat = 'text' | 'json' | 'binary';

/** How a binary message's bytes are spelled in its body. */
export type BinaryEncoding = 'hex' | 'base64';

export interface MessageTemplate {
  id: string;
  name: string;
  format: TemplateFormat;
  /** Text and JSON are sent exactly as stored: no trimming, no re-quoting. Binary: the bytes, spelled out. */
  body: string;
  /** Binary templates only: how `body` spells the bytes. */
  encoding?: BinaryEncoding;
}

/** A connection's own settings, wherever it is kept: the workspace, a collection file, a share link. */
export interface ConnectionFields {
  id: string;
  name: string;
  url: string;
  protocols: string[];
  templates: MessageTemplate[];
  automation: ConnectionAutomation;
  /** Repeatable tests of this connection's server, run in the app and by `frameline run`. */
  scenarios: Scenario[];
  /** Where `request` steps find the id that pairs a reply with its request; absent means `$.id`. */
  correlationPath?: string;
  /**
   * Handshake headers (imported from tools that have them). A browser cannot send headers with a WebSocket
   * handshake, so the app does not; `frameline run` does, and says so.
   */
  headers?: HandshakeHeader[];
  /** The protocol lens chosen for it; absent follows what the subprotocol or URL suggests (else Raw). */
  lens?: LensId;
  /** JSON the lens sends in its own handshake (Socket.IO auth, GraphQL connection_init); may hold `{{variables}}`. */
  handshakePayload?: string;
}

export interface HandshakeHeader {
  name: string;
  /** May hold `{{variables}}`. */
  value: string;
}

/** A copy of just the connection's own settings (nothing about where it is placed rides along). */
export function connectionFields(connection: ConnectionFields): ConnectionFields {
  const { id, name, url, protocols, templates, automation, scenarios, correlationPath, headers, lens } =
    connection;
  const { handshakePayload } = connection;
  return {
    id,
    name,
    url,
    protocols: [...protocols],
    templates: templates.map((t) => ({ ...t })),
    automation,
    scenarios: structuredClone(scenarios),
    ...(correlationPath === undefined ? {} : { correlationPath }),
    ...(headers === undefined ? {} : { headers: headers.map((h) => ({ ...h })) }),
    ...(lens === undefined ? {} : { lens }),
    ...(handshakePayload === undefined ? {} : { handshakePayload }),
  };
}

/** A connection saved in the workspace: its settings and its place in the collection tree. */
export interface SavedConnection extends ConnectionFields {
  /** The collection it is saved in. */
  collectionId: string;
  /** The folder within that collection, or null at the collection's top level. */
  folderId: string | null;
}

/** A named group of saved connections, with its own environment of variables. */
export interface Collection {
  id: string;
  name: string;
  /** The collection's environment: below the tab's chosen one, above the globals. */
  variables: Variable[];
  /** Folders in display order; each names its parent folder (null = the collection's top level). */
  folders: Folder[];
}

export interface Folder {
  id: string;
  name: string;
  parentId: string | null;
}

/** What a saved connection does by itself: sends on open, a heartbeat, reconnecting, a connect timeout. */
export interface ConnectionAutomation {
  /** Template ids sent, in this order, after every open (including each automatic reconnect). */
  sendOnOpen: string[];
  /** A template sent every `everyMs` once started: by Connect when `startWithConnection`, else by hand. */
  heartbeat: { templateId: string; everyMs: number; startWithConnection: boolean } | null;
  reconnect: {
    enabled: boolean;
    initialDelayMs: number;
    maxDelayMs: number;
    maxAttempts: number | 'unlimited';
  };
  connectTimeoutMs: number | null;
}

/** Nothing automatic until the user asks for it. */
export function createDefaultAutomation(): ConnectionAutomation {
  return {
    sendOnOpen: [],
    heartbeat: null,
    reconnect: { enabled: false, initialDelayMs: 1000, maxDelayMs: 30_000, maxAttempts: 10 },
    connectTimeoutMs: null,
  };
}

export interface WorkspaceSettings {
  /** Timeline entries kept per tab before the oldest are dropped (and counted). */
  timelineCap: number;
  /** History keeps at most this many sessions; the oldest go first. */
  archiveMaxSessions: number;
  /** History keeps at most this many counted bytes of sessions; the oldest go first. */
  archiveMaxBytes: number;
}

export interface Workspace {
  /** In display order. Every connection belongs to one of them. */
  collections: Collection[];
  /** In display order within their folder. */
  connections: SavedConnection[];
  /** The global environment (id `global`, always first) and the named ones a tab can pick. */
  environments: Environment[];
  settings: WorkspaceSettings;
}

export const GLOBAL_ENVIRONMENT_ID = 'global';

/** The environment every tab sees beneath its chosen one. */
export function createGlobalEnvironment(): Environment {
  return { id: GLOBAL_ENVIRONMENT_ID, name: 'Global', variables: [] };
}

export const WORKSPACE_VERSION = 4;

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  timelineCap: 1_000_000,
  archiveMaxSessions: DEFAULT_ARCHIVE_MAX_SESSIONS,
  archiveMaxBytes: DEFAULT_ARCHIVE_MAX_BYTES,
};

/** An empty workspace for a first visit. */
export function createEmptyWorkspace(): Workspace {
  return {
    collections: [],
    connections: [],
    environments: [createGlobalEnvironment()],
    settings: { ...DEFAULT_SETTINGS },
  };
}

/** Where connections saved before collections existed (and new ones, when there is no collection) go. */
export const DEFAULT_COLLECTION_ID = 'my-connections';

/** The collection a first saved connection lands in. */
export function createDefaultCollection(): Collection {
  return { id: DEFAULT_COLLECTION_ID, name: 'My connections', variables: [], folders: [] };
}

/** Splits a subprotocol field ("chat.v1, json") into the list the WebSocket constructor takes. */
export function parseProtocolList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The inverse of parseProtocolList, for showing a list in one text field. */
export function formatProtocolList(protocols: readonly string[]): string {
  return protocols.join(', ');
}

/** What a tab opened from a saved connection starts with: its address, subprotocols and protocol lens. */
export function connectionTabFields(connection: ConnectionFields): {
  url: string;
  protocolsText: string;
  lens: LensId | null;
  handshakePayload: string;
} {
  return {
    url: connection.url,
    protocolsText: formatProtocolList(connection.protocols),
    lens: connection.lens ?? null,
    handshakePayload: connection.handshakePayload ?? '',
  };
}

/** A readable name for an unsaved URL: host and path ("127.0.0.1:8787/chat"), or "Untitled". */
export function nameFromUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    const name = `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
    return name || 'Untitled';
  } catch {
    return url.trim() || 'Untitled';
  }
}

/** The short label of a message format, as tags and toggles show it. */
export const FORMAT_LABELS: Record<TemplateFormat, string> = { text: 'Text', json: 'JSON', binary: 'Binary' };
