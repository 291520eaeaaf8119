import { parse as parseYaml, YAMLParseError } from 'yaml';
import { formatBytes } from '../shared/format';
import { err, ok, type Result } from '../shared/result';
import { utf8ByteLength } from '../shared/utf8';
import { asRecord } from '../shared/as-record';
import type { CollectionDocument, ImportError } from './collection-document';
import { isCollectionFile } from './collection-file';
import { parseCollectionFile } from './parse-collection-file';
import { importHar } from './importers/har';
import { importInsomniaV4 } from './importers/insomnia-v4';
import { importInsomniaV5 } from './importers/insomnia-v5';

/**
 * Above this an import is refused before it is parsed. Browser storage holds about 5 MB in all, and a HAR
 * recording with its frames is the largest legitimate input.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Deeper than this is no real export: refusing it keeps every later walk of the tree cheap and safe. */
export const MAX_IMPORT_DEPTH = 64;

/** Keys that could reach an object's prototype if any code ever assigned them: refused wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Turns the text of a file, a paste, a URL's body or a share link into what it would add, recognising the
 * Frameline collection file, Insomnia v4 (JSON or YAML) and v5 exports, and HAR files. Never throws and never
 * touches the workspace: the caller shows the preview and stores only on the user's confirmation.
 */
export function parseImport(
  text: string,
  options: { newId: () => string; fileName?: string },
): Result<CollectionDocument, ImportError> {
  const bytes = utf8ByteLength(text);
  if (bytes > MAX_IMPORT_BYTES) {
    return err({
      path: '$',
      message: `This is ${formatBytes(bytes)}; Frameline imports up to ${formatBytes(MAX_IMPORT_BYTES)}.`,
    });
  }
  const parsed = parseText(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return parsed;
  const safe = checkStructure(parsed.value);
  if (!safe.ok) return safe;
  return importValue(parsed.value, options);
}

function importValue(
  value: unknown,
  options: { newId: () => string; fileName?: string },
): Result<CollectionDocument, ImportError> {
  const root = asRecord(value);
  if (isCollectionFile(value)) return parseCollectionFile(value);
  if (root._type === 'export' && root.__export_format === 4) return importInsomniaV4(value, options);
  if (typeof root.type === 'string' && root.type.startsWith('collection.insomnia.rest/5')) {
    return importInsomniaV5(value, options);
  }
  if (Array.isArray(asRecord(root.log).entries)) return importHar(value, options);
  if (
    typeof asRecord(root.info).schema === 'string' &&
    String(asRecord(root.info).schema).includes('postman')
  ) {
    return err({
      path: '$.info.schema',
      message:
        'This is a Postman collection. Postman does not export WebSocket requests, so there is nothing here for Frameline to import.',
    });
  }
  if (root._type === 'export') {
    return err({
      path: '$.__export_format',
      message: `This Insomnia export has format ${JSON.stringify(root.__export_format)}; Frameline reads format 4 (and Insomnia v5 YAML).`,
    });
  }
  return err({
    path: '$',
    message:
      'Frameline does not recognise this data. It imports Frameline collection files, Insomnia v4 and v5 exports, and HAR files.',
  });
}

/** JSON first (the common case, with exact error positions); YAML for Insomnia's YAML exports. */
function parseText(text: string): Result<unknown, ImportError> {
  const trimmed = text.trimStart();
  if (trimmed === '') return err({ path: '$', message: 'There is nothing to import: the text is empty.' });
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return ok(JSON.parse(text));
    } catch (error) {
      return err({ path: '$', message: describeJsonError(text, error) });
    }
  }
  try {
    // A low alias limit stops "billion laughs" documents that expand into gigabytes.
    const value: unknown = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
    if (typeof value !== 'object' || value === null) {
      return err({ path: '$', message: 'This is neither a JSON nor a YAML document with fields.' });
    }
    return ok(value);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const where = at ? ` at line ${at.line}, column ${at.col}` : '';
      return err({ path: '$', message: `The YAML is not valid${where}: ${firstLine(error.message)}` });
    }
    return err({ path: '$', message: `The text could not be read: ${String(error)}` });
  }
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of JSON input|Unterminated string/i.test(message)) {
    return `The JSON ends too early: the file looks cut short (${text.length.toLocaleString('en')} characters read).`;
  }
  const position = /position (\d+)/.exec(message);
  // A complaint about the very end of the text means the text stopped early, whatever the parser calls it.
  if (position && Number(position[1]) >= text.trimEnd().length) {
    return `The JSON ends too early: the file looks cut short (${text.length.toLocaleString('en')} characters read).`;
  }
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return `The JSON is not valid at line ${line[1]}, column ${line[2]}: ${firstLine(message)}`;
  if (position) {
    const { line: l, column } = lineAndColumn(text, Number(position[1]));
    return `The JSON is not valid at line ${l}, column ${column}: ${firstLine(message)}`;
  }
  return `The JSON is not valid: ${firstLine(message)}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * Walks the parsed tree once, without recursion (deep nesting must not overflow the stack), refusing keys that
 * could reach a prototype and nesting deeper than any real export.
 */
function checkStructure(root: unknown): Result<void, ImportError> {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '$', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_IMPORT_DEPTH) {
      return err({
        path,
        message: `The data is nested more than ${MAX_IMPORT_DEPTH} levels deep; no export is.`,
      });
    }
    if (Array.isArray(value)) {
      value.forEach((child, index) =>
        stack.push({ value: child, path: `${path}[${index}]`, depth: depth + 1 }),
      );
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (FORBIDDEN_KEYS.has(key)) {
        return err({
          path: at,
          message: `The key "${key}" is not allowed: it is never part of an export, and it is how crafted files attack apps.`,
        });
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return ok(undefined);
}
