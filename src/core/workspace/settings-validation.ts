import { err, ok, type Result } from '../shared/result';

export const MIN_TIMELINE_CAP = 100;
export const MAX_TIMELINE_CAP = 1_000_000;

/** Parses the "entries kept per tab" field: a whole number within what the browser can hold comfortably. */
export function parseTimelineCap(text: string): Result<number, string> {
  const normalized = text.replace(/[\s,_]/g, '');
  if (!/^\d+$/.test(normalized)) return err('Enter a whole number of entries, for example 100000.');
  const cap = Number(normalized);
  if (cap < MIN_TIMELINE_CAP || cap > MAX_TIMELINE_CAP) {
    return err(
      `Keep between ${MIN_TIMELINE_CAP.toLocaleString('en-US')} and ${MAX_TIMELINE_CAP.toLocaleString('en-US')} entries per tab.`,
    );
  }
  return ok(cap);
}

export const MAX_ARCHIVE_SESSIONS = 100_000;
const MIB = 1024 * 1024;
export const MAX_ARCHIVE_MIB = 1024 * 1024;

/** Parses "sessions kept in History": a whole number from 1 up. */
export function parseArchiveMaxSessions(text: string): Result<number, string> {
  const normalized = text.replace(/[\s,_]/g, '');
  if (!/^\d+$/.test(normalized) || Number(normalized) < 1 || Number(normalized) > MAX_ARCHIVE_SESSIONS) {
    return err(`Keep between 1 and ${MAX_ARCHIVE_SESSIONS.toLocaleString('en-US')} sessions in History.`);
  }
  return ok(Number(normalized));
}

/** Parses History's size limit, typed in MiB; returns bytes. */
export function parseArchiveMaxMiB(text: string): Result<number, string> {
  const normalized = text.replace(/[\s,_]/g, '');
  if (!/^\d+$/.test(normalized) || Number(normalized) < 1 || Number(normalized) > MAX_ARCHIVE_MIB) {
    return err(`Enter a size between 1 and ${MAX_ARCHIVE_MIB.toLocaleString('en-US')} MiB.`);
  }
  return ok(Number(normalized) * MIB);
}
