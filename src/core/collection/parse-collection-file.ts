import { asRecord } from '../shared/as-record';
import { runMigrations, type Migration } from '../shared/migrations';
import { err, ok, type Result } from '../shared/result';
import { parseWithSchema } from '../shared/schema-issues';
import type { MessageTemplate } from '../workspace/workspace';
import type { CollectionDocument, DocumentItem, ImportError } from './collection-document';
import { COLLECTION_FILE_FORMAT, COLLECTION_FILE_VERSION } from './collection-file';
import { collectionFileSchema, type ParsedCollectionFile } from './collection-file-schema';

/**
 * Steps from each older file version to the next, run on the raw file before the schema sees it, each tested
 * on a fixture of the older version.
 */
export const FILE_MIGRATIONS: readonly Migration[] = [
  {
    // Version 2 gave connections scenarios: a version 1 connection has none.
    id: 'v1-to-v2/connection-scenarios',
    from: 1,
    up: (file) => ({
      ...file,
      collections: mapArray(file.collections, (collection) => ({
        ...collection,
        items: withScenarios(collection.items),
      })),
      connections: withScenarios(file.connections),
    }),
  },
  {
    // Version 3 gave connections an optional protocol lens; a version 2 connection has none (detected, else Raw).
    id: 'v2-to-v3/connection-lens',
    from: 2,
    up: (file) => file,
  },
];

function mapArray(value: unknown, map: (item: Record<string, unknown>) => unknown): unknown {
  return Array.isArray(value) ? value.map((item) => (isObject(item) ? map(item) : item)) : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Every connection in a list of items, at any depth, gets `scenarios: []`; anything malformed is left for the
// schema to report.
function withScenarios(items: unknown): unknown {
  return mapArray(items, (item) =>
    item.type === 'folder'
      ? { ...item, items: withScenarios(item.items) }
      : item.type === 'connection' || !('type' in item)
        ? { ...item, scenarios: [] }
        : item,
  );
}

/**
 * Reads a parsed collection file of any known version: its version first, then the migrations, then the schema,
 * then what the schema cannot say. Never throws; an error names the JSON path.
 */
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
  const migrated = runMigrations(file, { from: version, to: COLLECTION_FILE_VERSION }, FILE_MIGRATIONS);
  if (!migrated.ok) {
    return err({
      path: '$.version',
      message: `No migration from file version ${migrated.error.missingFrom}.`,
    });
  }
  const data =
    version === COLLECTION_FILE_VERSION
      ? migrated.value
      : { ...migrated.value, version: COLLECTION_FILE_VERSION };
  const parsed = parseWithSchema(collectionFileSchema, data, { root: '$' });
  if (!parsed.ok) return parsed;
  const problem = checkIds(parsed.value) ?? checkNotEmpty(parsed.value);
  if (problem) return err(problem);
  const { collections, connections, environments } = parsed.value;
  return ok({
    source: 'Frameline collection',
    collections,
    connections,
    environments,
    notes: [],
    timelines: [],
  });
}

/**
 * Ids of collections, folders and connections must be unique in a file: they decide what an import replaces.
 * Automation names templates by id, so two templates of one connection with one id would make that ambiguous.
 */
function checkIds(file: ParsedCollectionFile): ImportError | null {
  const firstPath = new Map<string, string>();
  const claim = (id: string, path: string): ImportError | null => {
    const first = firstPath.get(id);
    if (first !== undefined) {
      return {
        path,
        message: `repeats the id "${id}" already used at ${first}; ids must be unique in a file.`,
      };
    }
    firstPath.set(id, path);
    return null;
  };
  const connection = (id: string, templates: readonly MessageTemplate[], path: string): ImportError | null =>
    claim(id, `${path}.id`) ?? checkTemplateIds(templates, path);
  const items = (list: readonly DocumentItem[], path: string): ImportError | null => {
    for (const [index, item] of list.entries()) {
      const at = `${path}[${index}]`;
      const problem =
        item.type === 'folder'
          ? (claim(item.id, `${at}.id`) ?? items(item.items, `${at}.items`))
          : connection(item.id, item.templates, at);
      if (problem) return problem;
    }
    return null;
  };
  for (const [index, collection] of file.collections.entries()) {
    const at = `$.collections[${index}]`;
    const problem = claim(collection.id, `${at}.id`) ?? items(collection.items, `${at}.items`);
    if (problem) return problem;
  }
  for (const [index, loose] of file.connections.entries()) {
    const problem = connection(loose.id, loose.templates, `$.connections[${index}]`);
    if (problem) return problem;
  }
  return null;
}

function checkTemplateIds(templates: readonly MessageTemplate[], path: string): ImportError | null {
  const firstIndex = new Map<string, number>();
  for (const [index, template] of templates.entries()) {
    const first = firstIndex.get(template.id);
    if (first !== undefined) {
      return {
        path: `${path}.templates[${index}].id`,
        message: `repeats the id "${template.id}" of ${path}.templates[${first}]; template ids must differ within a connection.`,
      };
    }
    firstIndex.set(template.id, index);
  }
  return null;
}

function checkNotEmpty(file: ParsedCollectionFile): ImportError | null {
  return file.collections.length === 0 && file.connections.length === 0 && file.environments.length === 0
    ? { path: '$', message: 'The file holds no collections, connections or environments.' }
    : null;
}
