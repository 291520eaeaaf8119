import * as z from 'zod/mini';
import { collectionFileDocs, collectionFileSchema } from './collection-file-schema';

/** The `$id` of the published schema, relative to wherever the app is served. */
export const COLLECTION_FILE_SCHEMA_ID = 'frameline-collection.schema.json';

/**
 * The JSON Schema of the collection file, generated from collectionFileSchema: what the importer accepts, with
 * the descriptions the schema carries. scripts/generate-schemas.mjs writes it to public/; the app never
 * imports this module, so zod's JSON Schema code stays out of the bundle.
 */
export function collectionFileJsonSchema(): Record<string, unknown> {
  const generated: Record<string, unknown> = z.toJSONSchema(collectionFileSchema, {
    target: 'draft-2020-12',
    // The file as written, before defaults are filled in: a field with a default is optional in the file.
    io: 'input',
    metadata: collectionFileDocs,
    unrepresentable: 'throw',
  });
  const { $schema, title, description, ...rest } = generated;
  return { $schema, $id: COLLECTION_FILE_SCHEMA_ID, title, description, ...rest };
}
