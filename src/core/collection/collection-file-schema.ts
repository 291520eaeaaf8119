import * as z from 'zod/mini';
import { fieldSchemas, type SchemaDocs } from '../workspace/field-schemas';
import { COLLECTION_FILE_FORMAT, COLLECTION_FILE_VERSION } from './collection-file';

/**
 * The Frameline collection file, as one schema: exactly what the importer accepts, and the source that
 * public/frameline-collection.schema.json is generated from (`npm run schema`). Unknown keys are refused with
 * their path, except `$schema` at the top, which editors use. What the schema cannot say (ids unique in a file,
 * template ids unique in a connection, a file that holds something) parseCollectionFile checks after it.
 */

/** Ids, titles and descriptions for the generated JSON Schema. */
export const collectionFileDocs: SchemaDocs = z.registry();

const fields = fieldSchemas({
  unknownKeys: 'refuse',
  id: z.string().check(z.minLength(1)),
  docs: collectionFileDocs,
});
const { object, doc, text } = fields;
collectionFileDocs.add(fields.connectionShape.id, { id: 'id' });

const connection = doc(object({ type: z.literal('connection'), ...fields.connectionShape }), {
  id: 'connection',
});

const folder = doc(
  object({
    type: z.literal('folder'),
    id: fields.connectionShape.id,
    name: text,
    get items() {
      return items;
    },
  }),
  { id: 'folder' },
);

const item = doc(
  z.discriminatedUnion('type', [folder, connection], {
    // No matching "type" is worded from the options; anything else is not even an object.
    error: (issue) => (issue.code === 'invalid_union' ? undefined : 'should be a folder or a connection.'),
  }),
  { id: 'item' },
);

const items: z.ZodMiniArray<typeof item> = doc(
  z.array(item, { error: 'should be a list of folders and connections.' }),
  { id: 'items' },
);

const collection = doc(
  object({
    id: fields.connectionShape.id,
    name: text,
    variables: doc(
      z._default(z.array(fields.variable), () => []),
      { description: 'Missing means none.' },
    ),
    items,
  }),
  { id: 'collection' },
);

export const collectionFileSchema = doc(
  z.strictObject({
    $schema: z.optional(
      doc(z.string(), { description: 'The address of this JSON Schema, for editors. Frameline ignores it.' }),
    ),
    format: z.literal(COLLECTION_FILE_FORMAT),
    version: doc(z.literal(COLLECTION_FILE_VERSION), {
      description: "The file format's version. Newer Frameline versions migrate older files.",
    }),
    exportedAt: z.optional(
      doc(z.iso.datetime({ offset: true }), { description: 'When the file was written.' }),
    ),
    collections: z._default(z.array(collection), () => []),
    connections: doc(
      z._default(z.array(connection), () => []),
      {
        description: 'Connections shared on their own; the importer picks their collection.',
      },
    ),
    environments: doc(
      z._default(z.array(fields.environment), () => []),
      {
        description:
          'Named environments (present in a whole-workspace export). The global one has the id "global".',
      },
    ),
  }),
  {
    title: 'Frameline collection file',
    description:
      'Collections of WebSocket connections and their message templates, as Frameline exports and shares them. Secret variables usually carry their name only.',
  },
);

/** A collection file as it may be written: optional fields may be missing. */
export type CollectionFile = z.input<typeof collectionFileSchema>;
/** A collection file once parsed: missing optional fields filled in (none, empty, default automation). */
export type ParsedCollectionFile = z.infer<typeof collectionFileSchema>;

export type FileCollection = z.input<typeof collection>;
export type FileItem = z.input<typeof item>;
export type FileConnection = z.input<typeof connection>;
export type FileTemplate = z.input<typeof fields.template>;
export type FileAutomation = z.input<typeof fields.automation>;
export type FileVariable = z.input<typeof fields.variable>;
export type FileEnvironment = z.input<typeof fields.environment>;
