import { err, ok, type Result } from '@/core/shared/result';

/**
 * localStorage, with every failure as a value: a disabled store, a full quota. Browsers allow about 5 MiB per
 * site, counted in characters of keys and values.
 */

/** Why a write failed: `quota` when the site's storage is full, so callers can say what to free. */
export interface WriteFailure {
  kind: 'quota' | 'other';
  message: string;
}

/** Reads one key as raw text; a missing key is `ok(null)`, a store that cannot be read is an error. */
export function readRaw(key: string): Result<string | null, string> {
  try {
    return ok(window.localStorage.getItem(key));
  } catch (error) {
    return err(`Browser storage cannot be read: ${describe(error)}`);
  }
}

/** Reads and parses one key. A missing key is `ok(null)`; unreadable JSON is an error, never thrown. */
export function readJson(key: string): Result<unknown, string> {
  const raw = readRaw(key);
  if (!raw.ok || raw.value === null) return raw;
  try {
    return ok(JSON.parse(raw.value));
  } catch {
    return err(`Saved data under "${key}" is not valid JSON (${raw.value.length} characters).`);
  }
}

/** Writes raw text under a key. */
export function writeRaw(key: string, text: string): Result<void, WriteFailure> {
  try {
    window.localStorage.setItem(key, text);
    return ok(undefined);
  } catch (error) {
    return err({ kind: isQuotaError(error) ? 'quota' : 'other', message: describe(error) });
  }
}

/** Serializes and writes one key. */
export function writeJson(key: string, value: unknown): Result<void, WriteFailure> {
  return writeRaw(key, JSON.stringify(value));
}

/** Removes one key; failures are ignored (there is nothing left to lose). */
export function removeKey(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage that cannot be written cannot hold the key either.
  }
}

/** Every stored key starting with `prefix`, with the characters it takes (key and value), largest first. */
export function listKeys(prefix: string): { key: string; chars: number }[] {
  const keys: { key: string; chars: number }[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key === null || !key.startsWith(prefix)) continue;
      keys.push({ key, chars: key.length + (window.localStorage.getItem(key)?.length ?? 0) });
    }
  } catch {
    return [];
  }
  return keys.sort((a, b) => b.chars - a.chars);
}

/**
 * Calls `listener` when another tab of this site writes `key` (the browser never reports a tab's own writes).
 * `value` is null when the key was removed. Returns the unsubscribe.
 */
export function onStorageChange(key: string, listener: (value: string | null) => void): () => void {
  const handle = (event: StorageEvent) => {
    if (event.storageArea === window.localStorage && event.key === key) listener(event.newValue);
  };
  window.addEventListener('storage', handle);
  return () => window.removeEventListener('storage', handle);
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
