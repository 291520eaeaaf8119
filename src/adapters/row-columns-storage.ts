import { readColumnMap } from '@/core/timeline/row-columns';
import { err, ok, type Result } from '@/core/shared/result';
import { readJson, writeJson } from './local-storage';

/** The field columns picked for each connection, kept per browser like other view choices. */
const KEY = 'frameline.rowColumns.v1';

/** Every connection's columns as stored; unreadable or malformed data reads as none. */
export function loadRowColumns(): Record<string, string[]> {
  const stored = readJson(KEY);
  return stored.ok ? readColumnMap(stored.value) : {};
}

/**
 * Stores one connection's columns (none removes it). Re-reads the stored map first, so a choice made meanwhile
 * in another browser tab for another connection is kept. Returns the map as now stored.
 */
export function saveRowColumns(
  connectionKey: string,
  columns: readonly string[],
): Result<Record<string, string[]>, string> {
  const map = loadRowColumns();
  if (columns.length === 0) delete map[connectionKey];
  else map[connectionKey] = [...columns];
  const written = writeJson(KEY, map);
  if (!written.ok)
    return err(
      written.error.kind === 'quota' ? "this site's browser storage is full" : written.error.message,
    );
  return ok(map);
}
