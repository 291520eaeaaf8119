import { lineAndColumn } from '../codec/codec-error';
import { findJsonProblem } from '../codec/json-syntax';
import { originalRange, type Replacement } from './interpolate';

/** A JSON syntax error of the text as it will be sent, located in the text as written. */
export interface ExpandedJsonProblem {
  message: string;
  /** UTF-16 range in the text as written: a whole `{{name}}` when the problem lies in its value. */
  start: number;
  end: number;
  /** 1-based position of `start`, as the editor shows it. */
  line: number;
  column: number;
}

/**
 * Checks the expanded text (what goes on the wire) as JSON, so `{"n": {{$counter}}}` is fine while
 * `{"n": {{name}}}` with a name holding `a b` is not; the problem is mapped back to `written`.
 */
export function expandedJsonProblem(
  written: string,
  expanded: { text: string; replaced: readonly Replacement[] },
): ExpandedJsonProblem | null {
  const problem = findJsonProblem(expanded.text);
  if (!problem) return null;
  const range = originalRange(expanded.replaced, problem.offset);
  const start = Math.min(range.start, written.length);
  return {
    message: problem.message,
    start,
    end: Math.min(range.end, written.length),
    ...lineAndColumn(written, start),
  };
}
