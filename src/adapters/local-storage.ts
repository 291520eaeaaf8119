import { err, ok, type Result } from '@/core/shared/result';

/** Reads and parses one key. A missing key is `ok(null)`; unreadable JSON is an error, never thrown. */
export function readJson(key: string): Result<unknown, string> {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(key);
  } catch (error) {
    return err(`Browser storage cannot be read: ${describe(error)}`);
  }
  if (raw === null) return ok(null);
  try {
    return ok(JSON.parse(raw));
  } catch {
    return err(`Saved data under "${key}" is not valid JSON (${raw.length} characters).`);
  }
}

/** Reads one key as raw text, for backups of data this version cannot read. */
export function readRaw(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Serializes and writes one key; a full quota or disabled storage comes back as a readable error. */
export function writeJson(key: string, value: unknown): Result<void, string> {
  const text = JSON.stringify(value);
  try {
    window.localStorage.setItem(key, text);
    return ok(undefined);
  } catch (error) {
    if (isQuotaError(error)) {
      return err(
        `Browser storage is full: saving needs ${formatKiB(text.length * 2)} and the browser allows about 5 MB per site. ` +
          'Your latest change is kept in this tab only. Delete large templates, then it saves again.',
      );
    }
    return err(`Could not save to browser storage: ${describe(error)}`);
  }
}

/** Writes raw text (used to keep a backup next to data this version cannot read). */
export function writeRaw(key: string, text: string): Result<void, string> {
  try {
    window.localStorage.setItem(key, text);
    return ok(undefined);
  } catch (error) {
    return err(describe(error));
  }
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatKiB(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}
