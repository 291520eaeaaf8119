/*
 * What a timeline row shows about a text frame's JSON: whether it is a JSON object or array (the row says
 * "JSON"), and the values of the top-level fields the user picked as columns for the connection.
 */

/** Frames up to this many characters are parsed for the row; larger ones are judged by their delimiters only. */
export const JSON_PARSE_LIMIT = 32 * 1024;
/** At most this many field columns, each name at most this long: a row must stay readable. */
export const MAX_ROW_COLUMNS = 6;
export const MAX_COLUMN_NAME_LENGTH = 64;
/** A column's value is cut to this many characters (the detail pane shows it whole). */
const MAX_VALUE_CHARS = 120;

/** What the row needs from a text frame: whether it is JSON, and its top-level fields when it was parsed. */
export interface JsonRowFacts {
  json: boolean;
  /** The top-level object's fields; null for an array, for text, or for a frame too large to parse here. */
  fields: Readonly<Record<string, unknown>> | null;
}

const NOT_JSON: JsonRowFacts = { json: false, fields: null };

/**
 * Whether `text` is a JSON object or array, and its fields. Scalars (`42`, `"ok"`) count as text: otherwise every
 * frame holding one number would be labelled JSON. Text over JSON_PARSE_LIMIT is judged by its first and last
 * characters only, so a stream of large frames costs no parse per row; the detail pane parses it in full.
 */
export function jsonRowFacts(text: string): JsonRowFacts {
  const first = firstNonSpace(text);
  const opener = text[first];
  if (opener !== '{' && opener !== '[') return NOT_JSON;
  const closer = text[lastNonSpace(text)];
  if (closer !== (opener === '{' ? '}' : ']')) return NOT_JSON;
  if (text.length > JSON_PARSE_LIMIT) return { json: true, fields: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  return { json: true, fields: isObject ? (parsed as Record<string, unknown>) : null };
}

/** The text of one field's value in a row: strings as they are, anything else as compact JSON; '' when absent. */
export function formatColumnValue(fields: JsonRowFacts['fields'], name: string): string {
  if (fields === null || !Object.hasOwn(fields, name)) return '';
  const value = fields[name];
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS)}…` : flat;
}

/** The columns a user typed ("type, id"): trimmed, without empties or repeats, or an error to show. */
export function parseColumnList(
  input: string,
): { ok: true; columns: string[] } | { ok: false; message: string } {
  const columns: string[] = [];
  for (const part of input.split(',')) {
    const name = part.trim();
    if (name === '' || columns.includes(name)) continue;
    if (name.length > MAX_COLUMN_NAME_LENGTH)
      return {
        ok: false,
        message: `“${name.slice(0, 20)}…” is longer than ${MAX_COLUMN_NAME_LENGTH} characters.`,
      };
    columns.push(name);
  }
  if (columns.length > MAX_ROW_COLUMNS)
    return { ok: false, message: `At most ${MAX_ROW_COLUMNS} columns; got ${columns.length}.` };
  return { ok: true, columns };
}

/** A stored map of connection key to columns, kept only where it has the right shape (it comes from storage). */
export function readColumnMap(value: unknown): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return map;
  for (const [key, columns] of Object.entries(value)) {
    if (!Array.isArray(columns) || !columns.every((c): c is string => typeof c === 'string')) continue;
    const parsed = parseColumnList(columns.join(','));
    if (parsed.ok && parsed.columns.length > 0) map[key] = parsed.columns;
  }
  return map;
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function lastNonSpace(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i;
}

// JSON's own whitespace: space, tab, line feed, carriage return.
const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;
