import { err, ok, type Result } from './result';
import * as z from 'zod/mini';

/** The first wrong field: `path` like `$.collections[0].items[1].url`, `message` like `should be text.` */
export interface FieldError {
  path: string;
  message: string;
}

/** "connections[0].url should be text."; a message that is a whole sentence stands alone. */
export function describeFieldError(error: FieldError): string {
  return /^[a-z]/.test(error.message) ? `${error.path} ${error.message}` : error.message;
}

/**
 * Parses with a schema and reports the first problem in Frameline's words, at its JSON path written from `root`
 * (`$` for files: `$.collections[0].id`; '' for stored data: `connections[0].id`). Never throws.
 * A schema states its own message where the context matters (`error: 'should be a list of template ids.'`);
 * every other issue is worded here from its kind.
 */
export function parseWithSchema<T extends z.core.$ZodType>(
  schema: T,
  value: unknown,
  options: { root: '$' | '' },
): Result<z.output<T>, FieldError> {
  const parsed = z.safeParse(schema, value, { error: fieldMessage, reportInput: false });
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  if (!issue) return err({ path: jsonPath(options.root, []), message: 'is not valid.' });
  if (issue.code === 'unrecognized_keys') {
    return err({
      path: jsonPath(options.root, [...issue.path, issue.keys[0] ?? '']),
      message: 'is not a field Frameline knows.',
    });
  }
  return err({ path: jsonPath(options.root, issue.path), message: issue.message });
}

/** `$` + ['collections', 0, 'my key'] gives `$.collections[0]["my key"]`; with root '' there is no leading dot. */
export function jsonPath(root: '$' | '', segments: readonly PropertyKey[]): string {
  let path: string = root;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path || '$';
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

/** Frameline's wording for an issue whose schema did not state one. */
function fieldMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected];
      return expected ? `should be ${expected}.` : 'is not valid.';
    }
    case 'invalid_value':
      return `should be ${orList(issue.values.map(describeLiteral))}.`;
    case 'invalid_union':
      return Array.isArray(issue.options)
        ? `should be ${orList(issue.options.map(describeLiteral))}.`
        : 'is not valid.';
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'should be non-empty text.';
      return `should be at least ${String(issue.minimum)}.`;
    case 'too_big':
      return `should be at most ${String(issue.maximum)}.`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'should be a date and time such as "2026-12-01T12:00:00.000Z".'
        : `should be in the ${issue.format} format.`;
    default:
      return 'is not valid.';
  }
}

function describeLiteral(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
