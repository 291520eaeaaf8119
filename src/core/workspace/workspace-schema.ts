import * as z from 'zod/mini';
import { fieldSchemas } from './field-schemas';
import {
  createGlobalEnvironment,
  DEFAULT_SETTINGS,
  type Collection,
  type Folder,
  type SavedConnection,
  type Workspace,
  type WorkspaceSettings,
} from './workspace';

/**
 * The stored workspace of the current version (WORKSPACE_VERSION), as one schema. It is our own data, so unknown
 * keys are dropped rather than refused, and fields that older versions lacked or that can be repaired get a
 * fallback instead of failing the whole load. Older versions are migrated to this shape first
 * (workspace-migrations.ts); repairs that need the whole workspace (a connection whose collection is gone) come
 * after the parse.
 */

const fields = fieldSchemas({ unknownKeys: 'strip', id: z.string() });
const { object, text } = fields;

const folder = object({
  id: text,
  name: text,
  // Missing or not an id: the folder sits at the top level.
  parentId: z.catch(z.nullable(z.string()), null),
});

const collection = object({
  id: text,
  name: text,
  variables: z._default(z.array(fields.variable), () => []),
  folders: z.array(folder),
});

const savedConnection = object({
  ...fields.connectionShape,
  // Not an id: the repair after the parse moves the connection to the default collection.
  collectionId: z.catch(z.string(), ''),
  folderId: z.catch(z.nullable(z.string()), null),
});

const settings = object({
  timelineCap: z.catch(z.int().check(z.positive()), DEFAULT_SETTINGS.timelineCap),
  // Added after version 4 without a version step: a workspace saved before them reads the defaults.
  archiveMaxSessions: z.catch(z.int().check(z.positive()), DEFAULT_SETTINGS.archiveMaxSessions),
  archiveMaxBytes: z.catch(z.int().check(z.positive()), DEFAULT_SETTINGS.archiveMaxBytes),
});

export const workspaceSchema = object({
  collections: z._default(z.array(collection), () => []),
  connections: z.array(savedConnection, { error: 'Saved data has no list of connections.' }),
  // Absent means none were ever made; the repair restores the global one when a list lacks it.
  environments: z._default(z.array(fields.environment), () => [createGlobalEnvironment()]),
  settings: z.catch(settings, () => ({ ...DEFAULT_SETTINGS })),
});

/** The workspace as the schema reads it, before the repairs that look across collections and connections. */
export type ParsedWorkspace = z.infer<typeof workspaceSchema>;

// The interfaces in workspace.ts stay the documented source of field names; these fail to compile if the schema
// and an interface ever disagree in either direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _SchemaMatchesInterfaces = [
  Assert<Same<ParsedWorkspace, Workspace>>,
  Assert<Same<z.infer<typeof collection>, Collection>>,
  Assert<Same<z.infer<typeof folder>, Folder>>,
  Assert<Same<z.infer<typeof savedConnection>, SavedConnection>>,
  Assert<Same<z.infer<typeof settings>, WorkspaceSettings>>,
];
