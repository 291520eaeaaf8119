import type { SessionEvent } from '../session/session-events';
import { err, ok, type Result } from '../shared/result';
import type { Redactor } from '../template/secret-redaction';
import { compileFieldFilter, parseFieldFilter } from './json-field-filter';
import { toRowModel } from './timeline-row-model';

/** Which messages to keep by direction; lifecycle events have none, so only `all` shows them. */
export type DirectionFilter = 'all' | 'in' | 'out';

/** Everything the filter bar sets. */
export interface TimelineFilterSettings {
  /** Substring (or pattern, with `regex`) looked for in what each row shows. */
  text: string;
  regex: boolean;
  matchCase: boolean;
  direction: DirectionFilter;
  /** Show lifecycle rows (connecting, open, close, error, reconnect…): everything that is not a message. */
  lifecycle: boolean;
  /** Show the messages automation sent by itself (heartbeat, on-open). */
  auto: boolean;
  /** A JSON field filter, see json-field-filter.ts. */
  field: string;
}

/** The filter that shows everything. */
export const NO_FILTER: TimelineFilterSettings = {
  text: '',
  regex: false,
  matchCase: false,
  direction: 'all',
  lifecycle: true,
  auto: true,
  field: '',
};

/** A compiled text pattern. */
export interface TextPattern {
  test(text: string): boolean;
  /** Up to `limit` non-overlapping, non-empty `[start, end)` ranges, in order: what to highlight. */
  ranges(text: string, limit: number): Array<[number, number]>;
}

/** How to read the text box. */
export interface TextPatternOptions {
  regex: boolean;
  matchCase: boolean;
}

/** Compiles the text box: null when empty; an invalid regular expression is an error message, never thrown. */
export function compileTextPattern(
  source: string,
  options: TextPatternOptions,
): Result<TextPattern | null, string> {
  if (source === '') return ok(null);
  if (!options.regex && options.matchCase) {
    return ok({
      test: (text) => text.indexOf(source) !== -1,
      ranges: (text, limit) => {
        const found: Array<[number, number]> = [];
        let at = text.indexOf(source);
        while (at !== -1 && found.length < limit) {
          found.push([at, at + source.length]);
          at = text.indexOf(source, at + source.length);
        }
        return found;
      },
    });
  }
  // Case-insensitive substrings go through an escaped pattern: V8's `i` search folds case without copying
  // each frame with toLowerCase, which would allocate a second string per entry on a million-entry scan.
  const body = options.regex ? source : source.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const flags = options.matchCase ? '' : 'i';
  let tester: RegExp;
  try {
    tester = new RegExp(body, flags);
  } catch (error) {
    // V8 says "Invalid regular expression: /(/i: Unterminated group": the pattern is already in the box.
    const reason = (error instanceof Error ? error.message : String(error)).split(': ').pop();
    return err(`Invalid regular expression: ${reason}`);
  }
  const finder = new RegExp(body, flags + 'g');
  return ok({
    // Not global: `test` then keeps no lastIndex between frames.
    test: (text) => tester.test(text),
    ranges: (text, limit) => {
      const found: Array<[number, number]> = [];
      finder.lastIndex = 0;
      while (found.length < limit) {
        const match = finder.exec(text);
        if (!match) break;
        if (match[0].length === 0) {
          // An empty match would loop forever and has nothing to highlight.
          finder.lastIndex++;
          continue;
        }
        found.push([match.index, match.index + match[0].length]);
      }
      return found;
    },
  });
}

/**
 * The text a filter reads for an event, which is what its row shows, secrets masked (always, even in a row the
 * user revealed: otherwise searching for a secret's value would tell which rows hold it). Text frames: the
 * whole text, not only the preview. Binary frames: the row's hex preview. Lifecycle events: the row's kind
 * and summary, e.g. "Closed 1000 Normal Closure · …".
 */
export function matchTextOf(event: SessionEvent, redactor: Redactor): string {
  if (event.kind === 'message' && typeof event.data === 'string') {
    return redactor.secrets.length > 0 ? redactor.redact(event.data, 'mask').text : event.data;
  }
  const row = toRowModel({ seq: 0, event }, { redactor });
  return event.kind === 'message' ? row.preview : `${row.kind} ${row.preview}`;
}

/** A filter ready to run, and what the bar should say about the parts that did not compile. */
export interface CompiledTimelineFilter {
  /** Null when every entry passes: callers skip the scan entirely. */
  match: ((event: SessionEvent) => boolean) | null;
  /** The text pattern, for highlighting; null when the text box is empty or invalid. */
  pattern: TextPattern | null;
  textError: string | null;
  fieldError: string | null;
}

/**
 * Compiles the filter bar's settings. A part that does not compile (a bad pattern, a malformed field filter)
 * is left out and reported, so the rest still applies and nothing throws into a render.
 */
export function compileTimelineFilter(
  settings: TimelineFilterSettings,
  options: { redactor: Redactor },
): CompiledTimelineFilter {
  const { redactor } = options;
  const text = compileTextPattern(settings.text, settings);
  const pattern = text.ok ? text.value : null;
  const fieldSource = settings.field.trim();
  const field = fieldSource === '' ? ok(null) : parseFieldFilter(fieldSource);
  const fieldFilter = field.ok && field.value !== null ? compileFieldFilter(field.value) : null;
  const { direction, lifecycle, auto } = settings;
  const byKind = direction !== 'all' || !lifecycle || !auto;
  const result = {
    pattern,
    textError: text.ok ? null : text.error,
    fieldError: field.ok ? null : field.error,
  };
  if (!byKind && pattern === null && fieldFilter === null) return { ...result, match: null };

  const match = (event: SessionEvent): boolean => {
    if (event.kind !== 'message') {
      if (direction !== 'all' || !lifecycle) return false;
    } else {
      if (direction !== 'all' && event.direction !== direction) return false;
      if (!auto && event.auto !== undefined) return false;
    }
    if (pattern === null && fieldFilter === null) return true;
    const shown = matchTextOf(event, redactor);
    if (pattern !== null && !pattern.test(shown)) return false;
    if (fieldFilter === null) return true;
    // Only JSON text frames have fields.
    if (event.kind !== 'message' || typeof event.data !== 'string') return false;
    return fieldFilter(shown);
  };
  return { ...result, match };
}
