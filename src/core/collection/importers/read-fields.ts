import { err, ok, type Result } from '../../shared/result';
import type { ImportError } from '../collection-document';

/** Readers for untrusted JSON or YAML values, shared by the importers: each names the path it checked. */
/** A JSON or YAML object, as opposed to a list, null or a scalar. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field's own value, never one inherited from Object.prototype (`constructor`, `toString`). */
export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** What a field must hold, and the words an error uses for it. */
export interface Expected<T> {
  test: (value: unknown) => value is T;
  description: string;
}

export const A_STRING: Expected<string> = {
  test: (value): value is string => typeof value === 'string',
  description: 'a string',
};
export const A_NUMBER: Expected<number> = {
  test: (value): value is number => typeof value === 'number' && Number.isFinite(value),
  description: 'a number',
};
export const A_BOOLEAN: Expected<boolean> = {
  test: (value): value is boolean => typeof value === 'boolean',
  description: 'true or false',
};
export const AN_OBJECT: Expected<Record<string, unknown>> = { test: isRecord, description: 'an object' };
export const A_LIST: Expected<unknown[]> = {
  test: (value): value is unknown[] => Array.isArray(value),
  description: 'a list',
};

/** The error for a value of the wrong kind at a JSON path. */
export function mismatch(path: string, expected: string, found: unknown): ImportError {
  return { path, message: `Expected ${expected} at ${path}, but found ${describeValue(found)}.` };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'a longer text' : `the text "${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** An optional field: absent or null reads as undefined, anything else must be what `expected` says. */
export function optional<T>(
  record: Record<string, unknown>,
  key: string,
  path: string,
  expected: Expected<T>,
): Result<T | undefined, ImportError> {
  const value = own(record, key);
  if (value === undefined || value === null) return ok(undefined);
  return expected.test(value) ? ok(value) : err(mismatch(`${path}.${key}`, expected.description, value));
}

/** A field that must be present and be what `expected` says. */
export function required<T>(
  record: Record<string, unknown>,
  key: string,
  path: string,
  expected: Expected<T>,
): Result<T, ImportError> {
  const value = own(record, key);
  return expected.test(value) ? ok(value) : err(mismatch(`${path}.${key}`, expected.description, value));
}

/** How notes name a place in the source: `resources[3] "Login socket"`. */
export function describeWhere(location: string, name: string | undefined): string {
  return name ? `${location} "${name}"` : location;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
