import type { ReactNode } from 'react';
import type { TextPattern } from '@/core/timeline/timeline-filter';

/** Past this many matches in one text, the rest stay unmarked: thousands of nodes in one `<pre>` cost seconds. */
const MAX_MARKS = 500;

/** Text with the filter's matches in `<mark>`: React text nodes only, never HTML, since the text is untrusted. */
export function HighlightedText({ text, pattern }: { text: string; pattern: TextPattern | null }): ReactNode {
  if (pattern === null || text === '') return text;
  const ranges = pattern.ranges(text, MAX_MARKS);
  if (ranges.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
