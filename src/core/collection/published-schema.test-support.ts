import Ajv2020 from 'ajv/dist/2020';
import schema from '../../../public/frameline-collection.schema.json';

/**
 * The committed public/frameline-collection.schema.json, compiled by an independent validator (ajv, strict), so
 * tests hold the parser to what editors and other tools are told. `date-time` is checked by parsing; the schema's
 * own `pattern` carries the exact rule.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));

export const validatePublished = ajv.compile(schema);

/** ajv's complaints, short enough for an assertion message. */
export function publishedSchemaErrors(): string {
  return JSON.stringify(validatePublished.errors?.slice(0, 3));
}
