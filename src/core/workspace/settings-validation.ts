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
