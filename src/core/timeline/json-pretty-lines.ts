/**
 * Pretty-printed JSON split into lines by offset, so a view can show any few lines of a multi-megabyte document
 * without splitting it into a million strings. Pure: it runs in the formatting worker and in tests alike.
 */

/** A pretty-printed document and where each of its lines starts. */
export interface PrettyJson {
  pretty: string;
  /** `lineStarts[i]` is the offset of line i; line i ends before `lineStarts[i + 1] - 1` (its newline). */
  lineStarts: Uint32Array;
}

/** Pretty-prints JSON text with two-space indents, or returns null when it does not parse. */
export function prettyPrintJson(text: string): PrettyJson | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const pretty = JSON.stringify(value, null, 2);
  return { pretty, lineStarts: lineStartsOf(pretty) };
}

/** Offsets of every line's first character; a string without newlines is one line starting at 0. */
export function lineStartsOf(text: string): Uint32Array {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  const starts = new Uint32Array(count);
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
  return starts;
}

/** Line `index` of the document, without its newline; at most `maxChars` characters of it. */
export function lineOf(doc: PrettyJson, index: number, maxChars = Infinity): string {
  const start = doc.lineStarts[index];
  if (start === undefined) return '';
  const next = doc.lineStarts[index + 1];
  const end = next === undefined ? doc.pretty.length : next - 1;
  return doc.pretty.slice(start, Math.min(end, start + maxChars));
}

/** Length of line `index` in characters. */
export function lineLength(doc: PrettyJson, index: number): number {
  const start = doc.lineStarts[index];
  if (start === undefined) return 0;
  const next = doc.lineStarts[index + 1];
  return (next === undefined ? doc.pretty.length : next - 1) - start;
}
